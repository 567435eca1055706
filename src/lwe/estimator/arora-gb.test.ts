// Arora–GB (arora-gb.ts, hilbert.ts) against lattice-estimator estimator/gb.py doctests
// (malb/lattice-estimator commit 27a581bb8e9d): rop/mem/m within 0.05 bit (the printed decimal),
// d_reg and t exact.
import { describe, expect, it } from "vitest";
import { aroraGb, gbCost } from "./arora-gb.js";
import { COST_MODEL_NAMES } from "./cost-models.js";
import { cbd, gaussian, sparseBinary, ternary, uniform } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { firstNegativeCoefficient, hilbertStats } from "./hilbert.js";
import type { LweInstance } from "./instance.js";

/** LWE.Parameters(n=64, q=7681, Xs=ND.DiscreteGaussian(3.0), Xe=ND.DiscreteGaussian(3.0), m=2**50). */
const base: LweInstance = { n: 64, logQ: Math.log2(7681), secret: gaussian(3.0), error: gaussian(3.0), m: 2 ** 50 };
const plain = { guess: false } as const;

interface GbRef {
  readonly doctest: string;
  readonly instance: LweInstance;
  readonly rop: number;
  readonly dreg: number;
  readonly t: number;
  readonly m: number;
}

const refs: GbRef[] = [
  {
    doctest: "LWE.arora_gb(params) → rop: ≈2^307.1, m: ≈2^46.8, dreg: 99, t: 25, mem: ≈2^307.1",
    instance: base,
    rop: 307.1,
    dreg: 99,
    t: 25,
    m: 46.8,
  },
  {
    doctest: "LWE.arora_gb(params.updated(m=2**120)) → rop: ≈2^282.6, m: ≈2^101.1, dreg: 83, t: 36",
    instance: { ...base, m: 2 ** 120 },
    rop: 282.6,
    dreg: 83,
    t: 36,
    m: 101.1,
  },
  {
    doctest: "LWE.arora_gb(params.updated(Xe=ND.UniformMod(7))) → rop: ≈2^60.6, dreg: 7, t: 3, m: ≈2^30.3",
    instance: { ...base, error: uniform(-3, 3) }, // UniformMod(7) = Uniform(−3, 3)
    rop: 60.6,
    dreg: 7,
    t: 3,
    m: 30.3,
  },
  {
    doctest: "LWE.arora_gb(params.updated(Xe=ND.CenteredBinomial(8))) → rop: ≈2^122.3, dreg: 19, t: 8, m: ≈2^50.0",
    instance: { ...base, error: cbd(8) },
    rop: 122.3,
    dreg: 19,
    t: 8,
    m: 50.0,
  },
  {
    doctest: "LWE.arora_gb(params.updated(Xs=ND.UniformMod(5), Xe=ND.CenteredBinomial(4), m=1024)) → rop: ≈2^227.2, dreg: 54, t: 4, m: 1024",
    instance: { ...base, secret: uniform(-2, 2), error: cbd(4), m: 1024 },
    rop: 227.2,
    dreg: 54,
    t: 4,
    m: 10,
  },
  {
    doctest: "LWE.arora_gb(params.updated(Xs=ND.UniformMod(3), Xe=ND.CenteredBinomial(4), m=1024)) → rop: ≈2^189.9, dreg: 39, t: 4, m: 1024",
    instance: { ...base, secret: uniform(-1, 1), error: cbd(4), m: 1024 },
    rop: 189.9,
    dreg: 39,
    t: 4,
    m: 10,
  },
];

describe("Arora–GB reproduces gb.py's doctests (stand-alone LWE.arora_gb, no guessing)", () => {
  it("gb.py gb_cost: >>> gb_cost(128, [(2, 256)]) → rop: ≈2^144.6, dreg: 17, mem: ≈2^144.6", () => {
    const c = gbCost(128, [{ degree: 2, log2Count: 8, count: 256n }]);
    expect(c.dreg).toBe(17);
    expect(Math.abs(c.rop - 144.6)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(c.mem - 144.6)).toBeLessThanOrEqual(0.05);
  });

  for (const ref of refs) {
    it(`gb.py AroraGB.__call__: ${ref.doctest}`, () => {
      const r = aroraGb(ref.instance, "matzov", plain);
      expect(r.attack).toBe("arora-gb");
      expect(r.dreg).toBe(ref.dreg);
      expect(r.t).toBe(ref.t);
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(r.mem - ref.rop)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(r.m - ref.m)).toBeLessThanOrEqual(0.05 + 1e-9);
    });
  }

  it("gb.py: >>> LWE.arora_gb(LWE.Parameters(n=1024, q=2**40, Xs=ND.SparseBinary(64), Xe=ND.DiscreteGaussian(2**10))) → rop: ≈2^inf, dreg: ≈2^inf", () => {
    const r = aroraGb({ n: 1024, logQ: 40, secret: sparseBinary(64, 1024), error: gaussian(2 ** 10) }, "matzov", plain);
    expect(r.rop).toBe(Infinity);
    expect(r.dreg).toBe(Infinity);
  });
});

describe("Arora–GB as LWE.estimate runs it (guess_composition(arora_gb))", () => {
  it("lwe.py Estimate.__call__ `LWE.estimate(schemes.Kyber512)` prints no arora-gb line: +∞ (m = 512 < what any t needs)", () => {
    const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };
    expect(aroraGb(kyber512).rop).toBe(Infinity);
  });

  it("a Gaussian secret has unbounded coordinates: dense guessing has base ∞ and the estimator returns oo", () => {
    expect(aroraGb(base).rop).toBe(Infinity);
    expect(aroraGb(base, "matzov", plain).rop).toBeCloseTo(307.1, 1);
  });

  it("guessing ζ coordinates costs base^ζ × Arora–GB on n − ζ coordinates (after normalisation)", () => {
    // binary error (width 2), 2^14 samples: normal form makes the secret binary (base 2), m − n
    // samples remain. Like the estimator's local_minimum, started at the top of [0, ⌊rop/log2 base⌋),
    // the search can settle on a local minimum above the ζ = 0 cost.
    const inst: LweInstance = { n: 4096, logQ: 30, secret: ternary(), error: uniform(0, 1), m: 2 ** 14 };
    const g = aroraGb(inst);
    expect(Number.isFinite(aroraGb(inst, "matzov", plain).rop)).toBe(true);
    expect(g.zeta).toBeGreaterThan(0);
    expect(g.repetitions).toBe(g.zeta); // log2(2^ζ)
    const sub: LweInstance = { n: 4096 - g.zeta, logQ: 30, secret: uniform(0, 1), error: uniform(0, 1), m: 2 ** 14 - 4096 };
    expect(g.rop).toBeCloseTo(g.repetitions + aroraGb(sub, "matzov", plain).rop, 6);
  });

  it("the estimator's guessing loop aborts with oo as soon as one sub-instance is oo (its first, ζ = max − 1, here n − ζ = 1)", () => {
    const inst: LweInstance = { n: 64, logQ: Math.log2(7681), secret: ternary(), error: cbd(4), m: 1024 };
    expect(aroraGb(inst, "matzov", plain).rop).toBeCloseTo(189.9, 1);
    expect(aroraGb(inst).rop).toBe(Infinity);
  });

  it("takes a cost model only for a uniform interface", () => {
    const inst: LweInstance = { ...base, error: cbd(8) };
    const rops = COST_MODEL_NAMES.map((m) => aroraGb(inst, m, plain).rop);
    expect(new Set(rops).size).toBe(1);
  });
});

describe("Hilbert-series degree of regularity: floating point with fall-backs = exact", () => {
  // the float path (used for n > 512) against exact BigInt on cases with deep cancellation in the
  // alternating sums (small d, M comparable to n) and with large M
  const cases: Array<[number, number, number, bigint]> = [
    [190, 15, 2, 119n],
    [226, 20, 4, 83n],
    [397, 17, 2, 222n],
    [279, 16, 5, 401n],
    [300, 3, 9, 150n],
    [300, 3, 5, 2000n],
    [700, 3, 5, 700n],
    [800, 2, 2, 900n],
    [600, 21, 41, 10n ** 12n],
    [1024, 5, 5, 1024n],
  ];
  for (const [n, e, d, M] of cases) {
    it(`n = ${n}, P_${e}^n·(1 − z^${d})^${M}`, () => {
      const lm = Math.log2(Number(M));
      const exact = firstNegativeCoefficient(n, e, d, lm, M, 2 * n, "exact");
      const float = firstNegativeCoefficient(n, e, d, lm, M, 2 * n, "float");
      expect(float).toBe(exact);
    });
  }

  it("a single block with m ≤ n has no negative coefficient; m > n does", () => {
    expect(gbCost(100, [{ degree: 3, log2Count: Math.log2(100), count: 100n }]).dreg).toBe(Infinity);
    expect(gbCost(100, [{ degree: 3, log2Count: Math.log2(300), count: 300n }]).dreg).toBeLessThan(200);
  });

  it("n = 32768 stays finite and uses no exact fall-back (ternary secret, σ = 3.19 error)", () => {
    for (const k of Object.keys(hilbertStats)) (hilbertStats as Record<string, number>)[k] = 0;
    const r = aroraGb({ n: 32768, logQ: 880, secret: ternary(), error: gaussian(3.19) }, "matzov", plain);
    expect(Number.isFinite(r.rop)).toBe(true);
    expect(r.dreg).toBeGreaterThan(r.t);
    expect(r.dreg).toBeLessThan(2 * 32768);
    expect(r.rop).toBeGreaterThan(1000);
  });
});

describe("Arora–GB properties", () => {
  it("more noise is never cheaper (plain arora_gb)", () => {
    let prev = -Infinity;
    for (const s of [1.5, 2, 3, 4]) {
      const r = aroraGb({ n: 64, logQ: Math.log2(7681), secret: ternary(), error: gaussian(s), m: 2 ** 60 }, "matzov", plain).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
  });

  it("a larger dimension is never cheaper (plain arora_gb)", () => {
    let prev = -Infinity;
    for (const n of [32, 64, 128, 256]) {
      const r = aroraGb({ n, logQ: Math.log2(7681), secret: ternary(), error: cbd(2), m: 2 ** 40 }, "matzov", plain).rop;
      expect(r).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = r;
    }
  });

  it("rejects invalid instances with EstimatorParameterError", () => {
    expect(() => aroraGb({ ...base, m: 0 })).toThrow(EstimatorParameterError);
    expect(() => aroraGb({ ...base, m: 0 })).toThrow(/m = 0/);
    expect(() => aroraGb({ ...base, error: gaussian(-1) })).toThrow(/stddev = -1/);
  });
});
