// The generic dual hybrid ("dual-hybrid-plain" = the estimator's `dual_hybrid(params)`, and
// "dual-mitm-hybrid" = `dual_hybrid(params, mitm_optimization=…)`) against every output printed in
// the DualHybrid.__call__ docstring of estimator/lwe_dual.py (malb/lattice-estimator commit
// 27a581bb8e9d), plus the LWE.dual lines of that docstring that need sparse secrets (the plain dual
// is the ζ = 0 case of the same cost). We require rop and mem within 0.5 bit with the same
// one-decimal rounding, and the same β, d, m, ζ, h1, k, t and ↻ (the search visits the estimator's
// points, so nothing is discrete-noisy here).
import { describe, expect, it } from "vitest";
import { AGPS20_FIT, type CostModelName, sieveShortVectors } from "./cost-models.js";
import { binary, cbd, gaussian, log2Stddev, sparseTernary, ternary, uniform, uniformMod } from "./distributions.js";
import { dual } from "./dual.js";
import {
  type DualHybridPlainResult,
  type DualMitmHybridResult,
  distinguish,
  dualHybridCostAt,
  dualHybridPlain,
  dualMitmHybrid,
  exhaustiveSolver,
  fftSolver,
  log2DistinguishingSamples,
  optimizeDualHybrid,
  shortVectorsOf,
} from "./dual-hybrid.js";
import { EstimatorParameterError } from "./errors.js";
import { exhaustiveSearchResolved } from "./exhaustive.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";

/** Whether an instance's secret is wider than uniform mod q (resolveInstance refuses it). */
function secretWiderThanQ(inst: LweInstance): boolean {
  return log2Stddev(inst.secret, inst.logQ) > log2Stddev({ kind: "uniformMod" }, inst.logQ) + 1e-9;
}

/** LWE.Parameters(n=1024, q=2**32, Xs=ND.Binary, Xe=ND.DiscreteGaussian(3.0)), m = ∞ */
const base: LweInstance = { n: 1024, logQ: 32, secret: binary(), error: gaussian(3.0) };
/** params.updated(Xs=ND.SparseTernary(32)): 32 entries +1 and 32 entries −1 */
const sparse: LweInstance = { ...base, secret: sparseTernary(32, 32, 1024) };
const cbd8: LweInstance = { ...base, secret: cbd(8) };
const gauss3: LweInstance = { ...base, secret: gaussian(3.0) };
/** schemes.NTRUHPS2048509Enc: n = 508, q = 2048, Xs = UniformMod(3), Xe = SparseTernary(2048/16 − 1) of length m = 508 */
const ntru: LweInstance = { n: 508, logQ: 11, secret: uniform(-1, 1), error: sparseTernary(127, 127, 508), m: 508 };
/** Issue #178: LWE.Parameters(n=8, q=2**128, Xs=ND.UniformMod(2**128), Xe=ND.UniformMod(2**124)) */
const tiny: LweInstance = { n: 8, logQ: 128, secret: uniformMod(), error: uniform(-(2 ** 123), 2 ** 123 - 1) };
const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };

interface Ref {
  readonly line: string;
  readonly run: () => DualHybridPlainResult | DualMitmHybridResult;
  readonly rop: number;
  readonly mem: number;
  readonly m: number;
  readonly beta: number;
  readonly d: number;
  readonly zeta: number;
  /** log2 of ↻ (0 when the estimator prints ↻: 1). */
  readonly rep: number;
  readonly h1?: number;
  readonly k?: number;
  readonly t?: number;
}

const refs: Ref[] = [
  {
    line: ">>> dual_hybrid(params)  # binary",
    run: () => dualHybridPlain(base),
    ...{ rop: 103.2, mem: 97.4, m: 937, beta: 250, d: 1919, rep: 0, zeta: 42 },
  },
  {
    line: ">>> dual_hybrid(params, mitm_optimization=True)  # binary",
    run: () => dualMitmHybrid(base),
    ...{ rop: 130.1, mem: 127.0, m: 1144, k: 120, rep: 0, beta: 347, d: 2024, zeta: 144 },
  },
  {
    line: '>>> dual_hybrid(params, mitm_optimization="numerical")  # binary',
    run: () => dualMitmHybrid(base, "matzov", { optimization: "numerical" }),
    ...{ rop: 129.0, m: 1145, k: 1, mem: 131.0, rep: 0, beta: 346, d: 2044, zeta: 125 },
  },
  {
    line: ">>> dual_hybrid(params)  # ND.SparseTernary(32)",
    run: () => dualHybridPlain(sparse),
    ...{ rop: 91.6, mem: 77.2, m: 711, beta: 168, d: 1456, rep: 11.2, zeta: 279, h1: 8 },
  },
  {
    line: ">>> dual_hybrid(params, mitm_optimization=True)  # ND.SparseTernary(32)",
    run: () => dualMitmHybrid(sparse),
    ...{ rop: 98.7, mem: 78.6, m: 737, k: 288, rep: 19.6, beta: 184, d: 1284, zeta: 477, h1: 17 },
  },
  {
    line: ">>> dual_hybrid(params)  # ND.CenteredBinomial(8)",
    run: () => dualHybridPlain(cbd8),
    ...{ rop: 113.6, mem: 103.5, m: 1096, beta: 288, d: 2110, rep: 0, zeta: 10 },
  },
  {
    line: ">>> dual_hybrid(params, mitm_optimization=True)  # ND.CenteredBinomial(8)",
    run: () => dualMitmHybrid(cbd8),
    ...{ rop: 155.5, mem: 146.2, m: 1414, k: 34, rep: 0, beta: 438, d: 2404, zeta: 34 },
  },
  {
    line: ">>> dual_hybrid(params)  # ND.DiscreteGaussian(3.0)",
    run: () => dualHybridPlain(gauss3),
    ...{ rop: 116.2, mem: 105.8, m: 1137, beta: 297, d: 2154, rep: 0, zeta: 7 },
  },
  {
    line: ">>> dual_hybrid(params, mitm_optimization=True)  # ND.DiscreteGaussian(3.0)",
    run: () => dualMitmHybrid(gauss3),
    ...{ rop: 160.7, mem: 156.8, m: 1473, k: 25, rep: 0, beta: 456, d: 2472, zeta: 25 },
  },
  {
    line: ">>> dual_hybrid(schemes.NTRUHPS2048509Enc)",
    run: () => dualHybridPlain(ntru),
    ...{ rop: 136.2, mem: 127.8, m: 434, beta: 356, d: 902, rep: Math.log2(35), zeta: 40, h1: 19 },
  },
  {
    line: ">>> dual_hybrid(params)  # small n examples (Issue #178), n = 8",
    run: () => dualHybridPlain(tiny),
    ...{ rop: 104.5, mem: 64.5, m: 363, beta: 270, d: 371, rep: 0, zeta: 0 },
  },
  {
    line: ">>> dual_hybrid(params, fft=True)  # n = 8",
    run: () => dualHybridPlain(tiny, "matzov", { fft: true }),
    ...{ rop: 103.7, mem: 64.1, m: 361, t: 7, beta: 267, d: 369, rep: 0, zeta: 0 },
  },
];

describe("dual hybrid reproduces lwe_dual.py DualHybrid.__call__ doctests (MATZOV model)", () => {
  for (const ref of refs) {
    it(`${ref.line}: rop ≈ 2^${ref.rop}, β = ${ref.beta}, ζ = ${ref.zeta}`, () => {
      const r = ref.run();
      expect(r.model).toBe("matzov");
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.5);
      expect(r.rop.toFixed(1)).toBe(ref.rop.toFixed(1));
      expect(r.mem.toFixed(1)).toBe(ref.mem.toFixed(1));
      expect([r.m, r.beta, r.d, r.zeta]).toEqual([ref.m, ref.beta, ref.d, ref.zeta]);
      expect(r.repetitions.toFixed(1)).toBe(ref.rep.toFixed(1));
      expect(r.h1).toBe(ref.h1);
      if (ref.k !== undefined) {
        expect(r.attack).toBe("dual-mitm-hybrid");
        expect((r as DualMitmHybridResult).k).toBe(ref.k);
      } else {
        expect(r.attack).toBe("dual-hybrid-plain");
        expect((r as DualHybridPlainResult).t).toBe(ref.t ?? 0);
      }
    });
  }

  it(">>> dual_hybrid(schemes.Kyber512, red_cost_model=RC.GJ21, fft=True): rop ≈2^149.8, mem ≈2^92.1, m 510, t 75, β 400, d 1000, ζ 22", () => {
    // RC.GJ21 is not one of our four models: its short-vector costing is sieveShortVectors with the
    // original AGPS20 fit, plugged into the same search
    const inst = normalizeInstance(resolveInstance(kyber512));
    const r = optimizeDualHybrid(inst, (b, d, n) => sieveShortVectors(AGPS20_FIT, b, d, n), exhaustiveSolver("matzov"), {
      fft: true,
    });
    expect(r.rop.toFixed(1)).toBe("149.8");
    expect(r.mem.toFixed(1)).toBe("92.1");
    expect([r.m, r.t, r.beta, r.d, r.zeta, r.repetitions]).toEqual([510, 75, 400, 1000, 22, 0]);
  });
});

describe("plain dual on sparse secrets (LWE.dual lines of the same docstring; ζ = 0 of the same cost)", () => {
  it(">>> LWE.dual(params)  # ND.SparseTernary(32): rop ≈2^103.4, mem ≈2^63.9, m 904, β 251, d 1928", () => {
    const r = dual(sparse, "matzov", { normalize: false });
    expect(r.rop.toFixed(1)).toBe("103.4");
    expect(r.mem.toFixed(1)).toBe("63.9");
    expect([r.m, r.beta, r.d]).toEqual([904, 251, 1928]);
  });

  it(">>> LWE.dual(schemes.CHHS_4096_67): rop ≈2^206.8, mem ≈2^137.5, m ≈2^11.8, β 616, d 7779", () => {
    // CHHS_4096_67: n = 4096, q = 2^67, Xs = SparseTernary(32), Xe = DiscreteGaussian(stddevf(8)) = σ 8/√(2π)
    const chhs: LweInstance = {
      n: 4096,
      logQ: 67,
      secret: sparseTernary(32, 32, 4096),
      error: gaussian(8 / Math.sqrt(2 * Math.PI)),
    };
    const r = dual(chhs, "matzov", { normalize: false });
    expect(r.rop.toFixed(1)).toBe("206.8");
    expect(r.mem.toFixed(1)).toBe("137.5");
    expect(Math.log2(r.m).toFixed(1)).toBe("11.8");
    expect([r.beta, r.d]).toEqual([616, 7779]);
  });
});

const goldilocks: LweInstance = {
  n: 2048,
  logQ: Math.log2(2 ** 64 - 2 ** 32 + 1),
  secret: ternary(),
  error: gaussian(2 ** 21),
  m: 2048,
};
const f128: LweInstance = {
  n: 3072,
  logQ: Math.log2(2 ** 128 - 45 * 2 ** 40 + 1),
  secret: ternary(),
  error: gaussian(2 ** 64),
  m: 3072,
};

describe("dual hybrid: presets and large n", () => {
  it("goldilocks-128 and f128-128: finite, plausible, MITM never below exhaustive guessing here", () => {
    for (const inst of [goldilocks, f128]) {
      for (const model of ["core-svp", "matzov"] as const) {
        const plain = dualHybridPlain(inst, model);
        const mitmR = dualMitmHybrid(inst, model);
        expect(plain.rop).toBeGreaterThan(100);
        expect(plain.rop).toBeLessThan(200);
        expect(Number.isFinite(mitmR.rop)).toBe(true);
        expect(mitmR.rop).toBeGreaterThanOrEqual(plain.rop);
        // guessing helps a little: never worse than the plain dual (ζ = 0 is in the search)
        expect(plain.rop).toBeLessThanOrEqual(dual(inst, model).rop + 1e-9);
      }
    }
  });

  it("n = 32768, log q = 880 (dense and sparse ternary secret) finish with finite costs", () => {
    const big: LweInstance = { n: 32768, logQ: 880, secret: ternary(), error: gaussian(3.19), m: 32768 };
    for (const inst of [big, { ...big, secret: sparseTernary(96, 96, 32768) }]) {
      for (const r of [dualHybridPlain(inst), dualMitmHybrid(inst)]) {
        expect(Number.isFinite(r.rop)).toBe(true);
        expect(r.rop).toBeGreaterThan(80);
        expect(r.rop).toBeLessThan(200);
      }
    }
  });
});

describe("dual hybrid: properties", () => {
  const inst0: LweInstance = { n: 512, logQ: 24, secret: ternary(), error: gaussian(3.19), m: 1024 };

  it("more noise is never cheaper; larger n is never cheaper", () => {
    for (const model of ["core-svp", "matzov"] as const) {
      for (const f of [dualHybridPlain, dualMitmHybrid] as const) {
        let last = -Infinity;
        for (const sigma of [1, 2, 3.19, 8, 16]) {
          const r = f({ ...inst0, error: gaussian(sigma) }, model);
          expect(r.rop).toBeGreaterThanOrEqual(last - 1e-9);
          last = r.rop;
        }
        last = -Infinity;
        for (const n of [384, 512, 768, 1024]) {
          const r = f({ ...inst0, n, m: 2 * n }, model);
          expect(r.rop).toBeGreaterThanOrEqual(last - 1e-9);
          last = r.rop;
        }
      }
    }
  });

  it("+∞ where the estimator gives oo: noise covering q, and a Gaussian secret too long to enumerate", () => {
    // (with a ternary secret the exhaustive search over all n coordinates still "works", at > 2^400)
    const hopeless: LweInstance = { n: 1024, logQ: 10, secret: gaussian(3.19), error: gaussian(2 ** 12), m: 1024 };
    expect(dualHybridPlain(hopeless).rop).toBe(Infinity);
    expect(dualMitmHybrid(hopeless).rop).toBe(Infinity);
  });

  it("the point cost at the optimiser's choice reproduces its rop", () => {
    const inst = normalizeInstance(resolveInstance(base));
    const r = dualHybridPlain(base);
    const again = dualHybridCostAt(inst, shortVectorsOf("matzov"), exhaustiveSolver("matzov"), r.beta, r.zeta);
    expect(again.rop).toBe(r.rop);
    expect(again.d).toBe(r.d);
  });
});

describe("dual hybrid: bad input", () => {
  it("rejects invalid instances, models and options with EstimatorParameterError naming the value", () => {
    expect(() => dualHybridPlain({ ...base, n: 1.5 })).toThrow(EstimatorParameterError);
    expect(() => dualHybridPlain({ ...base, n: 1.5 })).toThrow(/n = 1.5/);
    expect(() => dualMitmHybrid({ ...base, m: 0 })).toThrow(/m = 0/);
    expect(() => dualHybridPlain({ ...base, secret: sparseTernary(32, 32, 512) })).toThrow(/length n = 512/);
    expect(() => dualMitmHybrid(base, "adps" as CostModelName)).toThrow(/cost model = "adps"/);
    expect(() => dualMitmHybrid(base, "matzov", { optimization: "exact" as "numerical" })).toThrow(
      /optimization = "exact"/,
    );
  });
});

describe("dual hybrids on degenerate instances", () => {
  it("tiny n, tiny q, m = 1, sub-1 stddevs, short sparse secrets: a number or +∞, never NaN or a throw", () => {
    const secrets = (n: number) => [
      ternary(),
      gaussian(0.4),
      uniformMod(),
      ...(n >= 4 ? [sparseTernary(1, 1, n), sparseTernary(Math.max(1, n >> 3), 0, n)] : []),
    ];
    for (const n of [1, 2, 7, 9, 20]) {
      for (const logQ of [0.5, 2, 12, 900]) {
        for (const secret of secrets(n)) {
          for (const error of [gaussian(0.3), cbd(3), uniformMod()]) {
            for (const m of [1, n, Infinity]) {
              const inst: LweInstance = { n, logQ, secret, error, m };
              // a secret wider than q (ternary at q = √2) is no LWE instance: refused, naming the rule
              if (secretWiderThanQ(inst)) {
                expect(() => dualHybridPlain(inst, "core-svp")).toThrow(/is wider than uniform mod q/);
                continue;
              }
              const results = [dualHybridPlain(inst, "core-svp"), dualMitmHybrid(inst, "matzov")];
              // the slower options on the smallest instances only
              if (n <= 9) {
                results.push(dualMitmHybrid(inst, "core-svp", { optimization: "numerical" }));
                results.push(dualHybridPlain(inst, "matzov", { fft: true }));
              }
              for (const r of results) {
                expect(r.rop > 0).toBe(true);
                for (const v of Object.values(r)) if (typeof v === "number") expect(Number.isNaN(v)).toBe(false);
              }
            }
          }
        }
      }
    }
  });
});

describe("the dual's own solvers: distinguisher and FFT distinguisher", () => {
  const close = (ours: number, theirs: number): void => {
    expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(0.5);
    expect(ours.toFixed(1)).toBe(theirs.toFixed(1));
  };
  /** LWE.Parameters(n=64, q=2**40, Xs=ND.Binary, Xe=ND.DiscreteGaussian(3.2)) */
  const small = resolveInstance({ n: 64, logQ: 40, secret: binary(), error: gaussian(3.2) });

  it("lwe_guess.py Distinguisher: >>> distinguish(params)  # n = 0, q = 2^32, Xe σ = 2^32 → rop ≈2^60.0, mem ≈2^60.0, m ≈2^60.0", () => {
    const inst: ResolvedInstance = { ...resolveInstance({ n: 1, logQ: 32, secret: binary(), error: gaussian(2 ** 32) }), n: 0 };
    const c = distinguish(inst);
    close(c.rop, 60.0);
    expect(c.mem).toBe(c.rop);
    expect(c.m).toBe(c.rop);
    expect(c.rop).toBe(log2DistinguishingSamples(Math.sqrt(2 * Math.PI)));
    expect(() => distinguish(small)).toThrow(/expected secret dimension 0/);
  });

  it("DualHybrid.fft_solver: half exhaustive search's samples at t = 0, more with t, 2^t cells of memory", () => {
    const c0 = fftSolver(small, 0);
    const c8 = fftSolver(small, 8);
    expect(c8.mem).toBe(8);
    expect(c8.t).toBe(8);
    // 4·exp(4π²σ²)·(ln(2^t·S) − ln ln(1/√0.99)) samples vs exhaustive search's 8·exp(4π²σ²)·(ln S − …)
    expect(c0.m).toBeCloseTo(exhaustiveSearchResolved(small, "matzov").m - 1, 9);
    expect(c8.m).toBeGreaterThan(c0.m);
  });
});
