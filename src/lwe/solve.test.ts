// The inverse questions (issue "LWE lab 2", item 4): each answer is checked against the forward computations it
// inverts — security just reaches the target at the answer and not one step beyond, the failure bound likewise.
import { describe, expect, it } from "vitest";
import { EstimatorParameterError } from "./estimator/index.js";
import { failureAt, solveScheme } from "./solve.js";
import { schemeSecurity } from "./security.js";

const base = { targetBits: 128, norm: 512, t: 2 ** 22, n: 2048, sigma: 2 ** 21, logQ: 64, model: "core-svp" as const };
const ternary = { kind: "uniform", a: -1, b: 1 } as const;
const bitsAt = (n: number, sigma: number, logQ: number): number =>
  schemeSecurity({ n, m: n, logQ, secret: ternary, keyError: { kind: "gaussian", stddev: sigma }, encRandomness: ternary, encError: { kind: "gaussian", stddev: sigma } }, ["core-svp"]).byModel[0]!.bits;

describe("solveScheme", () => {
  it("smallest n: security reaches the target at n and not at n − 1; decryption holds there", () => {
    const a = solveScheme({ ...base, for: "n" });
    expect(bitsAt(a.value, base.sigma, base.logQ)).toBeGreaterThanOrEqual(128);
    expect(bitsAt(a.value - 1, base.sigma, base.logQ)).toBeLessThan(128);
    expect(a.log2Failure).toBeLessThanOrEqual(-40);
    expect(a.interval[0]).toBe(a.value);
    expect(a.interval[1]).toBeGreaterThan(a.value);
  });
  it("largest σ: decryption at ‖c‖₂ = B holds at σ and fails just above; security holds there", () => {
    const a = solveScheme({ ...base, for: "sigma" });
    const pt = { n: base.n, logQ: base.logQ };
    expect(failureAt(base, { ...pt, log2Sigma: Math.log2(a.value) })).toBeLessThanOrEqual(-40);
    expect(failureAt(base, { ...pt, log2Sigma: Math.log2(a.value) + 0.02 })).toBeGreaterThan(-40);
    expect(a.bits).toBeGreaterThanOrEqual(128);
    expect(a.interval[0]).toBeLessThan(a.value);
  });
  it("largest log2 q: security holds at it and not 0.02 bit above; decryption holds", () => {
    const a = solveScheme({ ...base, for: "logq" });
    expect(bitsAt(base.n, base.sigma, a.value)).toBeGreaterThanOrEqual(128);
    expect(bitsAt(base.n, base.sigma, a.value + 0.02)).toBeLessThan(128);
    expect(a.log2Failure).toBeLessThanOrEqual(-40);
  });
  it("a target no parameter reaches is an error naming both constraints", () => {
    expect(() => solveScheme({ ...base, for: "sigma", norm: 2 ** 20 })).toThrow(/no log2 σ meets both targets \(security ≥ 128 bits needs log2 σ ≥ .*decryption at ‖c‖₂ = 1048576 needs log2 σ ≤/);
    expect(() => solveScheme({ ...base, for: "n", targetBits: 100000 })).toThrow(EstimatorParameterError);
  });
  it("bad questions are refused, naming the value and the rule", () => {
    expect(() => solveScheme({ ...base, for: "n", norm: 0 })).toThrow(/circuit norm B = 0: expected a finite ‖c‖₂ ≥ 1/);
    expect(() => solveScheme({ ...base, for: "n", t: 1 })).toThrow(/plaintext modulus t = 1/);
    expect(() => solveScheme({ ...base, for: "n", sigma: -1 })).toThrow(/σ = -1: expected a standard deviation > 0/);
    expect(() => solveScheme({ ...base, for: "sigma", logQ: 1 })).toThrow(/log2 q = 1: expected a modulus q > 2/);
    const { n: _n, ...noN } = base;
    expect(() => solveScheme({ ...noN, for: "sigma" })).toThrow(/n = \(missing\): solving for sigma needs n and logQ/);
    expect(() => solveScheme({ ...base, for: "x" as never })).toThrow(/solve for = "x"/);
  });
});
