// Tests of the vector-level secret facts (support.ts) against lattice-estimator estimator/nd.py
// doctests (malb/lattice-estimator commit 27a581bb8e9d). Exact integers are compared through log2
// (to ~1e-9 bit) and, where below 2^53, exactly.
import { describe, expect, it } from "vitest";
import {
  binary,
  cbd,
  density,
  describeDistribution,
  gaussian,
  log2Stddev,
  mean,
  sparseBinary,
  sparseTernary,
  stddev,
  ternary,
  uniform,
  uniformMod,
} from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { resolveInstance } from "./instance.js";
import {
  bounds,
  hammingWeight,
  isBounded,
  isSparse,
  log2Binomial,
  log2SplitProbability,
  log2SupportSize,
  resize,
  splitBalanced,
} from "./support.js";

describe("log2Binomial", () => {
  it("is exact for small arguments and continuous with Stirling beyond the table", () => {
    expect(2 ** log2Binomial(10, 3)).toBeCloseTo(120, 9);
    expect(2 ** log2Binomial(64, 8)).toBeCloseTo(4426165368, 0);
    expect(log2Binomial(5, -1)).toBe(-Infinity);
    expect(log2Binomial(5, 6)).toBe(-Infinity);
    expect(log2Binomial(0, 0)).toBe(0);
    // C(2000, 1000) ≈ 2^1994.2 (Stirling branch for 2000, table for 1000); symmetric
    let direct = 0;
    for (let i = 1; i <= 1000; i++) direct += Math.log2((1000 + i) / i);
    expect(log2Binomial(2000, 1000)).toBeCloseTo(direct, 8);
    expect(log2Binomial(32768, 100)).toBeCloseTo(log2Binomial(32768, 32668), 8);
  });
});

describe("sparse ternary distribution (nd.SparseTernary)", () => {
  it("per-coordinate facts: density (p+m)/n, mean (p−m)/n, stddev √(density − mean²)", () => {
    const d = sparseTernary(10, 8, 100);
    expect(density(d)).toBeCloseTo(0.18, 15);
    expect(mean(d)).toBeCloseTo(0.02, 15);
    expect(stddev(d)).toBeCloseTo(Math.sqrt(0.18 - 0.0004), 14);
    expect(log2Stddev(sparseTernary(16, 16, 1024))).toBeCloseTo(0.5 * Math.log2(32 / 1024), 14);
    // nd.py: ND.SparseTernary(20, 20, n=100) → T(p=20, m=20, n=100)
    expect(describeDistribution(sparseTernary(20, 20, 100))).toBe("sparseTernary(p=20,m=20,n=100)");
    // nd.py: ND.SparseTernary(10, n=100) → T(p=10, m=10, n=100)
    expect(sparseTernary(10, undefined, 100)).toEqual({ kind: "sparseTernary", plus: 10, minus: 10, n: 100 });
    expect(sparseBinary(10, 100)).toEqual({ kind: "sparseTernary", plus: 10, minus: 0, n: 100 });
  });

  it("hamming weights — nd.py NoiseDistribution.hamming_weight doctests", () => {
    // >>> ND.SparseTernary(128, n=1024).hamming_weight  → 256
    expect(hammingWeight(sparseTernary(128, undefined, 1024), 1024)).toBe(256);
    // >>> ND.SparseTernary(128, 64, 1024).hamming_weight → 192
    expect(hammingWeight(sparseTernary(128, 64, 1024), 1024)).toBe(192);
    // per-coordinate distributions: round(n·density), Python ties-to-even
    expect(hammingWeight(ternary(), 512)).toBe(341); // 512·2/3 = 341.33
    expect(hammingWeight(binary(), 5)).toBe(2); // 2.5 → 2 (ties to even)
    expect(hammingWeight(binary(), 7)).toBe(4); // 3.5 → 4
    expect(hammingWeight(cbd(3), 512)).toBe(352); // 512·(1 − 20/64) = 352
    expect(hammingWeight(uniformMod(), 512, Math.log2(3329))).toBe(512);
  });

  it("sparsity and boundedness", () => {
    expect(isSparse(sparseTernary(400, 400, 1000))).toBe(true); // always sparse, even dense-looking
    expect(isSparse(binary())).toBe(false); // density exactly 1/2
    expect(isSparse(ternary())).toBe(false);
    expect(isSparse(cbd(1))).toBe(false); // density 1/2
    expect(isSparse(gaussian(0.3))).toBe(true); // density max(0, 1 − 1/(0.3·√(2π))) = 0
    expect(isSparse(uniformMod(), 32)).toBe(false);
    expect(isBounded(gaussian(3.2))).toBe(false);
    for (const d of [cbd(2), ternary(), uniformMod(), sparseBinary(3, 10)]) expect(isBounded(d)).toBe(true);
  });

  it("bounds — nd.py constructors", () => {
    // >>> ND.SparseBinary(10).bounds → (0, 1)
    expect(bounds(sparseBinary(10, 100), 100)).toEqual([0, 1]);
    expect(bounds(sparseTernary(10, 10, 100), 100)).toEqual([-1, 1]);
    expect(bounds(cbd(3), 512)).toEqual([-3, 3]);
    expect(bounds(uniform(-4, 3), 512)).toEqual([-4, 3]);
    // UniformMod(8) = Uniform(-4, 3); UniformMod(7) = Uniform(-3, 3)
    expect(bounds(uniformMod(), 10, 3)).toEqual([-4, 3]);
    expect(bounds(uniformMod(), 10, Math.log2(7))).toEqual([-3, 3]);
    // DiscreteGaussian(σ, n=n): ±⌈log2(n)·σ⌉
    expect(bounds(gaussian(3.2), 1024)).toEqual([-32, 32]);
  });
});

describe("support sizes — nd.py support_size doctests", () => {
  it(">>> ND.SparseTernary(8, 8, 64).support_size() → 6287341680214194176", () => {
    expect(log2SupportSize(sparseTernary(8, 8, 64), 64)).toBeCloseTo(Math.log2(6287341680214194176), 9);
  });

  it(">>> ND.SparseTernary(0, 0, 0).support_size() → 1", () => {
    expect(log2SupportSize(resize(sparseTernary(1, 1, 2), 0), 0)).toBe(-Infinity); // p, m kept: C(0, 1) = 0
    expect(log2SupportSize({ kind: "sparseTernary", plus: 0, minus: 0, n: 0 }, 0)).toBe(0);
  });

  it(">>> ND.CenteredBinomial(3, 10).support_size() → 282475249; (0.99) → 279650497", () => {
    expect(2 ** log2SupportSize(cbd(3), 10)).toBeCloseTo(282475249, 4);
    expect(Math.round(2 ** log2SupportSize(cbd(3), 10, undefined, 0.99))).toBe(279650497);
  });

  it(">>> ND.Uniform(-3, 3, 64).support_size(0.99) → 1207562882759477428726191443614714994252339953407098880", () => {
    expect(log2SupportSize(uniform(-3, 3), 64, undefined, 0.99)).toBeCloseTo(
      179.65621544199155, // log2 of the doctest's integer
      9,
    );
  });

  it(">>> ND.DiscreteGaussian(1.0, n=128).support_size(0.99) → 2.68643790357272e174", () => {
    expect(log2SupportSize(gaussian(1.0), 128, undefined, 0.99)).toBeCloseTo(Math.log2(2.68643790357272e174), 9);
  });

  it("Gaussian support beyond the tail cut-off: EstimatorParameterError (estimator: NotImplementedError)", () => {
    // (1 − 2e^(−4π))^n < 0.99 once n > ~2900
    expect(() => log2SupportSize(gaussian(3.2), 4096, undefined, 0.99)).toThrow(EstimatorParameterError);
    expect(() => log2SupportSize(gaussian(3.2), 4096, undefined, 0.99)).toThrow(/NotImplementedError/);
    // fraction 0 never throws (lwe_guess.py MITM.X_range uses resize(1).support_size(0.0))
    expect(log2SupportSize(gaussian(3.2), 1, undefined, 0)).toBeCloseTo(Math.log2(2 * (4 * 3.2 * Math.sqrt(2 * Math.PI) + 1) + 1), 12);
  });

  it("uniform mod q and huge dimensions stay finite in log2", () => {
    expect(log2SupportSize(uniformMod(), 32768, 900)).toBeCloseTo(32768 * 900, 6);
    expect(log2SupportSize(ternary(), 32768)).toBeCloseTo(32768 * Math.log2(3), 6);
    expect(Number.isFinite(log2SupportSize(sparseTernary(64, 64, 32768), 32768))).toBe(true);
  });

  it("a sparse support size needs the distribution's own length", () => {
    expect(() => log2SupportSize(sparseTernary(8, 8, 64), 63)).toThrow(/expected the distribution's own length 64/);
  });
});

describe("resize and balanced splitting (nd.SparseTernary.resize / split_balanced / split_probability)", () => {
  it("resize keeps p and m", () => {
    expect(resize(sparseTernary(16, 8, 512), 400)).toEqual({ kind: "sparseTernary", plus: 16, minus: 8, n: 400 });
    expect(resize(cbd(3), 400)).toEqual(cbd(3));
  });

  it("splits the weight proportionally, rounding to nearest with halves down (Sage's QQ.round('down'))", () => {
    // hw = 32, new_n = 512 of 1024 → new_hw = 16, new_p = 16·16/32 = 8
    expect(splitBalanced(sparseTernary(16, 16, 1024), 512)).toEqual([
      { kind: "sparseTernary", plus: 8, minus: 8, n: 512 },
      { kind: "sparseTernary", plus: 8, minus: 8, n: 512 },
    ]);
    // hw = 30 (p = 20, m = 10), new_n = 100 of 300 → new_hw = 10, new_p = round(10·20/30 = 6.67) = 7
    expect(splitBalanced(sparseTernary(20, 10, 300), 100)).toEqual([
      { kind: "sparseTernary", plus: 7, minus: 3, n: 100 },
      { kind: "sparseTernary", plus: 13, minus: 7, n: 200 },
    ]);
    // exact halves go down: h1 = 17 of p = m = 32 → new_p = 17·32/64 = 8.5 → 8; and new_hw = 64·8/32 = 16
    expect(splitBalanced(sparseTernary(32, 32, 1024), 477, 17)[0]).toEqual({ kind: "sparseTernary", plus: 8, minus: 9, n: 477 });
    // new_hw = 17·288/477 = 10.26 → 10, new_p = 10·8/17 = 4.7 → 5 (a floor would give 4): this split
    // decides the repetitions of the estimator's sparse dual_mitm_hybrid doctest (↻ ≈ 2^19.6)
    expect(splitBalanced(sparseTernary(8, 9, 477), 288)).toEqual([
      { kind: "sparseTernary", plus: 5, minus: 5, n: 288 },
      { kind: "sparseTernary", plus: 3, minus: 4, n: 189 },
    ]);
    expect(splitBalanced(sparseTernary(20, 10, 300), 100, 3)[0]).toEqual({ kind: "sparseTernary", plus: 2, minus: 1, n: 100 });
  });

  it("split probability = |S(left)|·|S(right)|/|S|", () => {
    const d = sparseTernary(2, 2, 8);
    // left T(1,1,4): 4·3 = 12; right T(1,1,4): 12; whole: C(8,2)·C(6,2) = 28·15 = 420
    expect(2 ** log2SplitProbability(d, 4)).toBeCloseTo((12 * 12) / 420, 12);
    // an impossible split (more weight than room): probability 0
    expect(log2SplitProbability(d, 1, 2)).toBe(-Infinity);
    expect(() => splitBalanced(ternary(), 4)).toThrow(/expected a sparse ternary secret/);
  });
});

describe("validation", () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ["negative plus", () => sparseTernary(-1, 2, 10), /plus = -1.*expected an integer/],
    ["fractional minus", () => sparseTernary(1, 1.5, 10), /minus = 1.5.*expected an integer/],
    ["n < 1", () => sparseTernary(0, 0, 0), /n = 0.*expected an integer length n >= 1/],
    ["weight above n", () => sparseTernary(6, 5, 10), /plus \+ minus = 6 \+ 5 = 11.*expected at most n = 10/],
    ["all zero", () => sparseTernary(0, 0, 10), /expected a non-constant vector/],
    ["all one", () => sparseBinary(10, 10), /expected a non-constant vector/],
    [
      "length differs from the instance's n",
      () => resolveInstance({ n: 512, logQ: 12, secret: sparseTernary(16, 16, 1024), error: cbd(3) }),
      /secret: sparse ternary length n = 1024: expected the instance's dimension n = 512/,
    ],
  ];
  for (const [name, f, msg] of cases) {
    it(`throws EstimatorParameterError: ${name}`, () => {
      expect(f).toThrow(EstimatorParameterError);
      expect(f).toThrow(msg);
    });
  }

  it("accepts a matching sparse secret", () => {
    const r = resolveInstance({ n: 1024, logQ: 40, secret: sparseTernary(16, 16, 1024), error: gaussian(3.2) });
    expect(r.log2StddevSecret).toBeCloseTo(0.5 * Math.log2(32 / 1024), 14);
  });
});
