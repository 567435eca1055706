// Coded-BKW (bkw.ts) against lattice-estimator estimator/lwe_bkw.py (CodedBKW.__call__ docstring)
// and estimator/lwe.py (Estimate.__call__, "bkw" line), malb/lattice-estimator commit 27a581bb8e9d.
// rop/m/mem within 0.5 bit (in fact to the printed decimal); b, t1, t2, ℓ, #cod, #top, #test exact.
import { describe, expect, it } from "vitest";
import { bkw } from "./bkw.js";
import { COST_MODEL_NAMES } from "./cost-models.js";
import { binary, cbd, gaussian, ternary, uniform } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import type { LweInstance } from "./instance.js";

const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };

interface BkwRef {
  readonly name: string;
  readonly source: string;
  readonly instance: LweInstance;
  readonly rop: number;
  readonly m: number;
  readonly mem: number;
  readonly b: number;
  readonly t1: number;
  readonly t2: number;
  readonly ncod: number;
  readonly ntop?: number;
  readonly ntest?: number;
}

const refs: BkwRef[] = [
  {
    name: "Kyber512 (samples amplified to ≈2^166.8, error σ 1.22 → 6.24)",
    source:
      "lwe_bkw.py CodedBKW.__call__ `cost = LWE.coded_bkw(schemes.Kyber512); cost` and lwe.py Estimate.__call__ " +
      "`LWE.estimate(schemes.Kyber512)` → rop: ≈2^178.8, m: ≈2^166.8, mem: ≈2^167.8, b: 14, t1: 0, t2: 16, ℓ: 13, #cod: 448, #top: 0, #test: 64",
    instance: kyber512,
    rop: 178.8,
    m: 166.8,
    mem: 167.8,
    b: 14,
    t1: 0,
    t2: 16,
    ncod: 448,
    ntop: 0,
    ntest: 64,
  },
  {
    name: "LightSaber, m = ∞ (CBD(5) secret, UniformMod(8) error)",
    source:
      "lwe_bkw.py CodedBKW.__call__ `LWE.coded_bkw(schemes.LightSaber.updated(m=oo))` → " +
      "rop: ≈2^171.7, m: ≈2^159.4, mem: ≈2^160.4, b: 12, t1: 3, t2: 18, ℓ: 11, #cod: 423, #top: 1...",
    // UniformMod(8) = Uniform(−4, 3)
    instance: { n: 512, logQ: 13, secret: cbd(5), error: uniform(-4, 3) },
    rop: 171.7,
    m: 159.4,
    mem: 160.4,
    b: 12,
    t1: 3,
    t2: 18,
    ncod: 423,
    ntop: 1,
  },
  {
    name: "TFHE630 (binary secret, σ = 2^17, q = 2^32, m = ∞)",
    source:
      "lwe_bkw.py CodedBKW.__call__ TESTS `LWE.coded_bkw(schemes.TFHE630)` → " +
      "rop: ≈2^144.7, m: ≈2^131.8, mem: ≈2^132.8, b: 4, t1: 0, t2: 27, ℓ: 3, #cod: 559, #top: 0, #test: 71",
    instance: { n: 630, logQ: 32, secret: binary(), error: gaussian(2 ** -15 * 2 ** 32) },
    rop: 144.7,
    m: 131.8,
    mem: 132.8,
    b: 4,
    t1: 0,
    t2: 27,
    ncod: 559,
    ntop: 0,
    ntest: 71,
  },
];

describe("coded-BKW reproduces the lattice-estimator doctests", () => {
  for (const ref of refs) {
    it(`${ref.name} — ${ref.source}`, () => {
      const r = bkw(ref.instance);
      expect(r.attack).toBe("bkw");
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(r.m - ref.m)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(r.mem - ref.mem)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect([r.b, r.t1, r.t2, r.ell, r.ncod]).toEqual([ref.b, ref.t1, ref.t2, ref.b - 1, ref.ncod]);
      if (ref.ntop !== undefined) expect(r.ntop).toBe(ref.ntop);
      if (ref.ntest !== undefined) expect(r.ntest).toBe(ref.ntest);
    });
  }

  it('Kyber512: the attacked problem has Xe = D(σ=6.24) — lwe_bkw.py `cost["problem"]`', () => {
    const r = bkw(kyber512);
    expect(r.errorStddev.toFixed(2)).toBe("6.24");
    expect(r.samples).toBeCloseTo(r.m, 6); // m = ceil(best m) samples were produced
  });

  it("takes a cost model only for a uniform interface (no lattice reduction)", () => {
    const rops = COST_MODEL_NAMES.map((model) => bkw(kyber512, model).rop);
    expect(new Set(rops).size).toBe(1);
  });
});

describe("coded-BKW properties", () => {
  it("more noise is never cheaper", () => {
    let prev = -Infinity;
    for (const s of [2, 8, 32, 128, 1024]) {
      const r = bkw({ n: 256, logQ: 32, secret: ternary(), error: gaussian(s) }).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
  });

  it("a larger dimension is never cheaper", () => {
    let prev = -Infinity;
    for (const n of [128, 256, 512, 1024]) {
      const r = bkw({ n, logQ: 32, secret: ternary(), error: gaussian(3.2) }).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
  });

  it("+∞ where the estimator has no estimate: noise wider than 16q, or samples that cannot be amplified", () => {
    // σ ≥ 16q everywhere: amplify_sigma returns oo for every (b, t2)
    expect(bkw({ n: 64, logQ: 10, secret: ternary(), error: gaussian(2 ** 15) }).rop).toBe(Infinity);
    // f128-like: needs ≈2^24705 samples, ± sums of the 3072 available give at most 3^3072 ≈ 2^4869
    const f128 = { n: 3072, logQ: Math.log2(2 ** 128 - 45 * 2 ** 40 + 1), secret: ternary(), error: gaussian(2 ** 64), m: 3072 };
    expect(bkw(f128).rop).toBe(Infinity);
  });

  it("n = 32768, log2 q = 880 finishes with a finite, plausible value", () => {
    const r = bkw({ n: 32768, logQ: 880, secret: ternary(), error: gaussian(3.19) });
    expect(Number.isFinite(r.rop)).toBe(true);
    expect(r.rop).toBeGreaterThan(1000); // tables of q^b ≥ 2^1760 entries
    // coding + testing + guessing + plain steps cover all coordinates (ntest may overshoot by a few:
    // the estimator picks the ntest with the smallest |n − ncod − ntest − t1·b|, and #top = max(·, 0))
    const covered = r.ncod + r.ntest + r.ntop + r.t1 * r.b;
    expect(covered).toBeGreaterThanOrEqual(32768);
    expect(covered).toBeLessThan(32768 + 8);
  });

  it("rejects invalid instances with EstimatorParameterError", () => {
    expect(() => bkw({ n: 0, logQ: 12, secret: ternary(), error: cbd(3) })).toThrow(EstimatorParameterError);
    expect(() => bkw({ n: 0, logQ: 12, secret: ternary(), error: cbd(3) })).toThrow(/n = 0/);
    expect(() => bkw({ n: 512, logQ: -1, secret: ternary(), error: cbd(3) })).toThrow(/logQ = -1/);
    expect(() => bkw(kyber512, "nope" as never)).toThrow(/cost model = "nope"/);
  });
});
