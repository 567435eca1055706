// Exhaustive search and meet-in-the-middle (exhaustive.ts) against lattice-estimator
// estimator/lwe_guess.py doctests (malb/lattice-estimator commit 27a581bb8e9d): rop/mem/m within
// 0.05 bit (the printed decimal; m exactly where printed as an integer), k and ↻ exact.
import { describe, expect, it } from "vitest";
import { COST_MODEL_NAMES } from "./cost-models.js";
import { binary, gaussian, sparseTernary, ternary, uniform } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { exhaustiveSearch, mitm } from "./exhaustive.js";
import type { LweInstance } from "./instance.js";

/** LWE.Parameters(n=64, q=2**40, Xs=ND.Binary, Xe=ND.DiscreteGaussian(3.2)), m = ∞. */
const small: LweInstance = { n: 64, logQ: 40, secret: binary(), error: gaussian(3.2) };
/** LWE.Parameters(n=1024, q=2**40, Xs=ND.SparseTernary(32), Xe=ND.DiscreteGaussian(3.2)). */
const sparse: LweInstance = { n: 1024, logQ: 40, secret: sparseTernary(32, 32, 1024), error: gaussian(3.2) };
const near = (x: number, y: number): void => expect(Math.abs(x - y)).toBeLessThanOrEqual(0.05 + 1e-9);

describe("exhaustive search — lwe_guess.py ExhaustiveSearch.__call__ doctests", () => {
  it(">>> exhaustive_search(params)  # n=64, binary → rop: ≈2^73.6, mem: ≈2^72.6, m: 397.198", () => {
    const r = exhaustiveSearch(small);
    near(r.rop, 73.6);
    near(r.mem, 72.6);
    expect((2 ** r.m).toFixed(3)).toBe("397.198");
  });

  it(">>> exhaustive_search(params)  # n=1024, SparseTernary(32) → rop: ≈2^413.9, mem: ≈2^412.9, m: ≈2^11.1", () => {
    const r = exhaustiveSearch(sparse);
    near(r.rop, 413.9);
    near(r.mem, 412.9);
    near(r.m, 11.1);
  });

  it("quantum: the square root of the search space", () => {
    const c = exhaustiveSearch(small);
    const q = exhaustiveSearch(small, "matzov", { quantum: true });
    expect(q.rop).toBeLessThan(c.rop - 30);
  });

  it("+∞ where the estimator raises: too few samples (InsufficientSamplesError), Gaussian secret beyond its tail cut-off", () => {
    expect(exhaustiveSearch({ ...small, m: 100 }).rop).toBe(Infinity);
    expect(exhaustiveSearch({ n: 4096, logQ: 40, secret: gaussian(3.2), error: gaussian(3.2) }).rop).toBe(Infinity);
  });
});

describe("meet in the middle — lwe_guess.py MITM.__call__ doctests", () => {
  it(">>> mitm(params)  # n=64, binary → rop: ≈2^37.0, mem: ≈2^37.2, m: 37, k: 32, ↻: 1", () => {
    const r = mitm(small);
    near(r.rop, 37.0);
    near(r.mem, 37.2);
    expect(Math.round(2 ** r.m)).toBe(37);
    expect(r.k).toBe(32);
    expect(r.repetitions).toBe(0);
  });

  it('>>> mitm(params, optimization="numerical") → rop: ≈2^39.2, m: 36, k: 32, mem: ≈2^39.1, ↻: 1', () => {
    const r = mitm(small, "matzov", { optimization: "numerical" });
    near(r.rop, 39.2);
    near(r.mem, 39.1);
    expect(Math.round(2 ** r.m)).toBe(36);
    expect(r.k).toBe(32);
    expect(r.repetitions).toBe(0);
  });

  it(">>> mitm(params)  # n=1024, SparseTernary(32) → rop: ≈2^217.8, mem: ≈2^210.2, m: ≈2^15.5, k: 512, ↻: 226", () => {
    const r = mitm(sparse);
    near(r.rop, 217.8);
    near(r.mem, 210.2);
    near(r.m, 15.5);
    expect(r.k).toBe(512);
    expect(Math.round(2 ** r.repetitions)).toBe(226);
  });

  it('>>> mitm(params, optimization="numerical") → rop: ≈2^215.6, m: ≈2^15.5, k: 512, mem: ≈2^208.6, ↻: 226', () => {
    const r = mitm(sparse, "matzov", { optimization: "numerical" });
    near(r.rop, 215.6);
    near(r.mem, 208.6);
    near(r.m, 15.5);
    expect(r.k).toBe(512);
    expect(Math.round(2 ** r.repetitions)).toBe(226);
  });

  it("+∞ when the error covers Z_q (MITM cannot match) or samples are too few", () => {
    expect(mitm({ n: 64, logQ: 3, secret: binary(), error: uniform(-4, 3) }).rop).toBe(Infinity);
    expect(mitm({ ...small, m: 20 }).rop).toBe(Infinity);
  });
});

describe("guessing attacks: properties and large instances", () => {
  it("take a cost model only for a uniform interface", () => {
    expect(new Set(COST_MODEL_NAMES.map((m) => mitm(small, m).rop)).size).toBe(1);
    expect(new Set(COST_MODEL_NAMES.map((m) => exhaustiveSearch(small, m).rop)).size).toBe(1);
  });

  it("more noise is never cheaper; a larger dimension is never cheaper", () => {
    let prev = -Infinity;
    for (const s of [1, 3.2, 100, 2 ** 20]) {
      const r = exhaustiveSearch({ ...small, error: gaussian(s) }).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
    prev = -Infinity;
    for (const s of [1, 3.2, 100, 2 ** 20]) {
      const r = mitm({ ...small, error: gaussian(s) }).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
    prev = -Infinity;
    for (const n of [32, 64, 128, 256]) {
      const r = mitm({ ...small, n, secret: ternary() }).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
  });

  it("n = 32768, log2 q = 880: finite MITM, exhaustive beyond the estimator's 2^10000 sanity bound (oo)", () => {
    const inst: LweInstance = { n: 32768, logQ: 880, secret: ternary(), error: gaussian(3.19) };
    const r = mitm(inst);
    expect(Number.isFinite(r.rop)).toBe(true);
    expect(r.rop).toBeGreaterThan(16384 * Math.log2(3)); // a table over half the ternary coordinates
    expect(Number.isFinite(mitm(inst, "matzov", { optimization: "numerical" }).rop)).toBe(true);
    expect(exhaustiveSearch(inst).rop).toBe(Infinity);
  });

  it("reject invalid instances with EstimatorParameterError", () => {
    expect(() => mitm({ ...small, n: 1.5 })).toThrow(EstimatorParameterError);
    expect(() => mitm({ ...small, n: 1.5 })).toThrow(/n = 1.5/);
    expect(() => exhaustiveSearch({ ...small, secret: sparseTernary(2, 2, 32) })).toThrow(/expected the instance's dimension n = 64/);
  });
});
