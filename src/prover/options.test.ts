// Proof options: ranges and typed errors, presets, blowup against an AIR's constraint degree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fibonacciAir } from "../air/examples/fibonacci.js";
import { mimcAir } from "../air/examples/mimc.js";
import { rescueChainAir } from "../air/examples/rescue.js";
import { primeField } from "../math/field.js";
import { GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import {
  BlowupTooSmallError,
  checkOptionsForAir,
  DEFAULT_OPTIONS,
  FAST_TEST_OPTIONS,
  GENSTARK_COMPARABLE,
  GOLDILOCKS_96,
  maxConstraintDegree,
  minBlowupForDegree,
  OPTION_RANGES,
  type ProofOptions,
  ProofOptionsError,
  proofOptions,
  validateOptions,
  winterfellMinBlowup,
} from "./options.js";
import { BENCHMARK_96_POLICY } from "./policy.js";
import { securityReportForAir } from "./security.js";
import { prove } from "./prover.js";
import { verify } from "./verifier.js";
import { mimc, mimcTrace } from "../air/examples/mimc.js";

function errorOf(f: () => unknown): ProofOptionsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProofOptionsError);
    return e as ProofOptionsError;
  }
  throw new Error("expected a ProofOptionsError");
}

describe("validateOptions", () => {
  it("accepts the presets and returns frozen copies", () => {
    for (const o of [DEFAULT_OPTIONS, FAST_TEST_OPTIONS, GENSTARK_COMPARABLE]) {
      const v = validateOptions(o);
      expect(v).toEqual(o);
      expect(Object.isFrozen(v)).toBe(true);
    }
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
  });

  const bad: [keyof ProofOptions, unknown][] = [
    ["blowup", 1],
    ["blowup", 6],
    ["blowup", 512],
    ["blowup", 8.5],
    ["queries", 0],
    ["queries", 256],
    ["queries", 3.5],
    ["grindingBits", -1],
    ["grindingBits", 33],
    ["fieldExtension", 4],
    ["fieldExtension", 0],
    ["friFoldingFactor", 16],
    ["friFoldingFactor", 3],
    ["friRemainderMaxDegree", 8],
    ["friRemainderMaxDegree", 511],
    ["friRemainderMaxDegree", -1],
    ["hash", "blake2s"],
    ["zeroKnowledge", "yes"],
  ];
  it.each(bad)("rejects %s = %s with an error naming the option and its range", (option, value) => {
    const err = errorOf(() => validateOptions({ ...DEFAULT_OPTIONS, [option]: value } as ProofOptions));
    expect(err.option).toBe(option);
    expect(err.value).toBe(value);
    expect(err.expected).toBe(OPTION_RANGES[option]);
    expect(err.message).toContain(`proof option ${option} = `);
    expect(err.message).toContain(`expected ${OPTION_RANGES[option]}`);
  });

  it("accepts every value in range (property)", () => {
    const good = fc.record({
      blowup: fc.constantFrom(2, 4, 8, 16, 32, 64, 128),
      queries: fc.integer({ min: 1, max: 255 }),
      grindingBits: fc.integer({ min: 0, max: 32 }),
      fieldExtension: fc.constantFrom(1 as const, 2 as const, 3 as const),
      friFoldingFactor: fc.constantFrom(2 as const, 4 as const, 8 as const),
      friRemainderMaxDegree: fc.constantFrom(0, 1, 3, 7, 15, 31, 63, 127, 255),
      hash: fc.constantFrom("blake3-256" as const, "sha256" as const, "keccak256" as const),
      zeroKnowledge: fc.boolean(),
    });
    fc.assert(
      fc.property(good, (o) => {
        // zero knowledge halves the code rate, so it needs blowup ≥ 4
        if (o.zeroKnowledge && o.blowup < 4) expect(() => validateOptions(o)).toThrow(/≥ 4 with zeroKnowledge/);
        else expect(validateOptions(o)).toEqual(o);
      }),
    );
  });

  it("rejects unknown options (typos) and non-objects", () => {
    const err = errorOf(() => validateOptions({ ...DEFAULT_OPTIONS, blowupFactor: 8 } as unknown as ProofOptions));
    expect(err.message).toMatch(/proof option options = "blowupFactor" is invalid: expected one of blowup, queries/);
    expect(() => validateOptions(null as unknown as ProofOptions)).toThrow(ProofOptionsError);
  });

  it("proofOptions overrides a base preset and validates", () => {
    expect(proofOptions({ queries: 50 })).toEqual({ ...DEFAULT_OPTIONS, queries: 50 });
    expect(proofOptions({ hash: "sha256" }, FAST_TEST_OPTIONS).hash).toBe("sha256");
    expect(() => proofOptions({ blowup: 3 })).toThrow(/blowup = 3 is invalid: expected a power of two in \[2, 128\]/);
  });
});

describe("blowup against an AIR", () => {
  it("minBlowupForDegree: the power of two ≥ 2·d (genSTARK's rule); Winterfell's is next_pow2(d − 1)", () => {
    expect([1, 2, 3, 4, 5, 8, 9].map(minBlowupForDegree)).toEqual([2, 4, 8, 8, 16, 16, 32]);
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(winterfellMinBlowup)).toEqual([2, 2, 2, 4, 4, 8, 8, 8]);
    expect(() => minBlowupForDegree(0)).toThrow(RangeError);
  });

  it("checkOptionsForAir accepts the presets for every example and names a too-small blowup", () => {
    const F = GOLDILOCKS_FIELD;
    const fib = fibonacciAir(F, 64, { result: 0n });
    const mimc = mimcAir(GENSTARK_FIELD, 64, { seed: 3n, result: 0n });
    const rescue = rescueChainAir(4, { seed: [1n, 2n], result: [3n, 4n] });
    expect([fib, mimc, rescue].map(maxConstraintDegree)).toEqual([1, 3, 4]);
    for (const air of [fib, mimc, rescue]) {
      for (const o of [DEFAULT_OPTIONS, FAST_TEST_OPTIONS, GENSTARK_COMPARABLE]) expect(() => checkOptionsForAir(o, air)).not.toThrow();
    }
    expect(() => checkOptionsForAir({ ...DEFAULT_OPTIONS, blowup: 2 }, fib)).not.toThrow();
    let err: unknown;
    try {
      checkOptionsForAir({ ...DEFAULT_OPTIONS, blowup: 4 }, mimc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BlowupTooSmallError);
    const b = err as BlowupTooSmallError;
    expect([b.option, b.value, b.required, b.maxDegree, b.air]).toEqual(["blowup", 4, 8, 3, mimc.name]);
    expect(b.message).toContain(`blowup = 4 is invalid: expected ≥ 8 for AIR "${mimc.name}"`);
    expect(b.message).toContain("highest constraint degree is 3");
  });

  it("refuses an LDE domain beyond the field's 2-adicity", () => {
    const F257 = primeField(257n, { name: "F257" }); // 2-adicity 8
    const fib = fibonacciAir(F257, 64, { result: 0n });
    expect(() => checkOptionsForAir({ ...FAST_TEST_OPTIONS, blowup: 4 }, fib)).not.toThrow();
    expect(() => checkOptionsForAir({ ...FAST_TEST_OPTIONS, blowup: 8 }, fib)).toThrow(/LDE domain 2\^9 exceeds the 2-adicity 8 of F257/);
  });
});

describe("GOLDILOCKS_96 (the side-by-side's 96-bit class)", () => {
  const air = mimcAir(GOLDILOCKS_FIELD, 1024, { seed: 3n, result: mimc(GOLDILOCKS_FIELD, 1024, 3n) });
  it("gives 97 conjectured bits for MiMC, proves and verifies at blowup 4, and is below this project's 2·d rule", () => {
    expect(securityReportForAir(air, GOLDILOCKS_96).conjectured).toBe(97);
    const { bytes } = prove(air, mimcTrace(GOLDILOCKS_FIELD, 1024, 3n), GOLDILOCKS_96);
    // 97 conjectured bits but only ≈ 47 proven: the default policy refuses it; the side-by-side's own policy accepts
    expect(verify(air, bytes)).toMatchObject({ ok: false, check: "security" });
    expect(verify(air, bytes, { policy: BENCHMARK_96_POLICY })).toMatchObject({ ok: true, securityBits: 97 });
    expect(() => checkOptionsForAir(GOLDILOCKS_96, air)).toThrow(/blowup/);
  });
});
