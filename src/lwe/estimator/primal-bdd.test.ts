// Reference outputs of malb/lattice-estimator (commit 27a581bb8e9d) for LWE.primal_bdd, reproduced by
// primalBdd (GSA shape model, the estimator's default; MATZOV cost model, the estimator's default).
// We require the printed one-decimal rop, red and svp (hence |ours − theirs| ≤ 0.05 bit, well inside
// the 0.5 bit of the brief) and the exact β, η, d. Sources:
//   estimator/lwe_primal.py  PrimalHybrid.__call__ docstring, TESTS section (LWE.primal_bdd lines)
//   estimator/lwe.py         Estimate.__call__ docstring (`bdd` line of LWE.estimate(schemes.Kyber512))
//   docs/schemes/nist-pqc-round-3.rst, docs/schemes/hes.rst  (LWE.primal_bdd on the schemes)
import { describe, expect, it } from "vitest";
import { type CostModelName, delta } from "./cost-models.js";
import { cbd, gaussian, ternary, uniform, uniformMod } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import type { LweInstance } from "./instance.js";
import { primalBdd } from "./primal-bdd.js";

interface BddRef {
  readonly source: string;
  readonly instance: LweInstance;
  readonly rop: number;
  readonly red: number;
  readonly svp: number;
  readonly beta: number;
  readonly eta: number;
  readonly d: number;
}

const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };
/** nd.UniformMod(8) = Uniform(−4, 3) (Saber's error). */
const saberError = uniform(-4, 3);

const refs: BddRef[] = [
  {
    source: "lwe_primal.py: params = LWE.Parameters(2**10, 2**100, ND.DiscreteGaussian(3.19), ND.DiscreteGaussian(3.19)); >>> LWE.primal_bdd(params)",
    instance: { n: 1024, logQ: 100, secret: gaussian(3.19), error: gaussian(3.19) },
    rop: 43.6,
    red: 43.6,
    svp: 21.9,
    beta: 40,
    eta: 2,
    d: 1511,
  },
  {
    source: "lwe_primal.py (issue #106): >>> LWE.primal_bdd(LWE.Parameters(n=256, q=12289, Xs=ND.UniformMod(2), Xe=ND.UniformMod(1024)))",
    instance: { n: 256, logQ: Math.log2(12289), secret: uniform(-1, 0), error: uniform(-512, 511) },
    rop: 115.4,
    red: 76.7,
    svp: 115.4,
    beta: 170,
    eta: 336,
    d: 336,
  },
  {
    source: "lwe_primal.py: >>> LWE.primal_bdd(LWE.Parameters(n=700, q=2**64, Xs=ND.UniformMod(2), Xe=ND.UniformMod(2**59)))",
    instance: { n: 700, logQ: 64, secret: uniform(-1, 0), error: uniform(-(2 ** 58), 2 ** 58 - 1) },
    rop: 249.8,
    red: 225.4,
    svp: 249.8,
    beta: 702,
    eta: 818,
    d: 1023,
  },
  {
    source: "lwe_primal.py (issue #182): >>> LWE.primal_bdd(LWE.Parameters(n=8, q = 2**128, Xs=ND.UniformMod(2**128), Xe=ND.UniformMod(2**(126))))",
    instance: { n: 8, logQ: 128, secret: uniformMod(), error: uniform(-(2 ** 125), 2 ** 125 - 1) },
    rop: 185.5,
    red: 184.4,
    svp: 184.7,
    beta: 585,
    eta: 585,
    d: 585,
  },
  {
    source: "lwe.py Estimate.__call__: >>> _ = LWE.estimate(schemes.Kyber512)  (bdd line); docs/schemes/nist-pqc-round-3.rst >>> LWE.primal_bdd(schemes.Kyber512)",
    instance: kyber512,
    rop: 140.2,
    red: 139.1,
    svp: 139.3,
    beta: 389,
    eta: 422,
    d: 1005,
  },
  {
    source: "nist-pqc-round-3.rst: >>> LWE.primal_bdd(schemes.Kyber768)",
    instance: { n: 768, logQ: Math.log2(3329), secret: cbd(2), error: cbd(2), m: 768 },
    rop: 201.0,
    red: 199.9,
    svp: 200.0,
    beta: 606,
    eta: 640,
    d: 1420,
  },
  {
    source: "nist-pqc-round-3.rst: >>> LWE.primal_bdd(schemes.Kyber1024)",
    instance: { n: 1024, logQ: Math.log2(3329), secret: cbd(2), error: cbd(2), m: 1024 },
    rop: 270.7,
    red: 269.8,
    svp: 269.6,
    beta: 855,
    eta: 889,
    d: 1867,
  },
  {
    source: "nist-pqc-round-3.rst: >>> LWE.primal_bdd(schemes.LightSaber)",
    instance: { n: 512, logQ: 13, secret: cbd(5), error: saberError, m: 512 },
    rop: 139.9,
    red: 138.9,
    svp: 139.0,
    beta: 388,
    eta: 421,
    d: 1021,
  },
  {
    source: "nist-pqc-round-3.rst: >>> LWE.primal_bdd(schemes.Saber)",
    instance: { n: 768, logQ: 13, secret: cbd(4), error: saberError, m: 768 },
    rop: 208.0,
    red: 207.0,
    svp: 207.0,
    beta: 631,
    eta: 665,
    d: 1500,
  },
  {
    source: "nist-pqc-round-3.rst: >>> LWE.primal_bdd(schemes.FireSaber)",
    instance: { n: 1024, logQ: 13, secret: cbd(3), error: saberError, m: 1024 },
    rop: 275.5,
    red: 274.6,
    svp: 274.4,
    beta: 872,
    eta: 906,
    d: 1934,
  },
  {
    source: "hes.rst: >>> LWE.primal_bdd(HESv2_8192_128_ternary)",
    instance: { n: 8192, logQ: 214, secret: ternary(), error: gaussian(3.19) },
    rop: 128.3,
    red: 128.0,
    svp: 125.7,
    beta: 332,
    eta: 373,
    d: 16216,
  },
  {
    source: "hes.rst: >>> LWE.primal_bdd(HESv2_32768_128_ternary)  (n = 32768, the size the speed target is about)",
    instance: { n: 32768, logQ: 868, secret: ternary(), error: gaussian(3.19) },
    rop: 128.0,
    red: 128.0,
    svp: 118.7,
    beta: 325,
    eta: 348,
    d: 63105,
  },
  {
    source: "hes.rst: >>> LWE.primal_bdd(HESv2_131072_128_ternary)  (d > 2·10^5: GSL's large-a Beta asymptotic)",
    instance: { n: 131072, logQ: 3523, secret: ternary(), error: gaussian(3.19) },
    rop: 127.9,
    red: 127.9,
    svp: 118.7,
    beta: 317,
    eta: 348,
    d: 260026,
  },
];

describe("primal BDD reproduces lattice-estimator outputs (MATZOV, GSA)", () => {
  for (const ref of refs) {
    it(`rop ≈ 2^${ref.rop}, β = ${ref.beta}, η = ${ref.eta}, d = ${ref.d}  [${ref.source}]`, () => {
      const r = primalBdd(ref.instance);
      expect(r.attack).toBe("primal-bdd");
      expect(r.model).toBe("matzov");
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.5);
      expect(r.rop.toFixed(1)).toBe(ref.rop.toFixed(1));
      expect(r.red.toFixed(1)).toBe(ref.red.toFixed(1));
      expect(r.svp.toFixed(1)).toBe(ref.svp.toFixed(1));
      expect(r.beta).toBe(ref.beta);
      expect(r.eta).toBe(ref.eta);
      expect(r.d).toBe(ref.d);
      expect(r.delta).toBe(delta(ref.beta));
    });
  }
});

describe("primal BDD: properties", () => {
  const models: CostModelName[] = ["core-svp", "core-svp-quantum", "bdgl16", "matzov"];

  it("more noise is never cheaper (σ from 1 to 64, ternary secret, n = 1024, q = 2^32)", () => {
    for (const model of models) {
      let prev = -Infinity;
      for (const s of [1, 1.5, 2, 3.19, 4, 6, 8, 16, 32, 64]) {
        const r = primalBdd({ n: 1024, logQ: 32, secret: ternary(), error: gaussian(s) }, model).rop;
        expect(r).toBeGreaterThanOrEqual(prev);
        prev = r;
      }
    }
  });

  it("a larger dimension is never cheaper (n from 256 to 2048, CBD(2) secret, q = 2^32)", () => {
    for (const model of models) {
      let prev = -Infinity;
      for (const n of [256, 384, 512, 640, 768, 1024, 1536, 2048]) {
        const r = primalBdd({ n, logQ: 32, secret: cbd(2), error: gaussian(3.19) }, model).rop;
        expect(r).toBeGreaterThanOrEqual(prev);
        prev = r;
      }
    }
  });

  it("never more expensive than its BKZ part plus nothing: red ≤ rop, svp ≤ rop, η ≤ d", () => {
    const r = primalBdd(kyber512, "core-svp");
    expect(r.red).toBeLessThanOrEqual(r.rop);
    expect(r.svp).toBeLessThanOrEqual(r.rop);
    expect(r.eta).toBeLessThanOrEqual(r.d);
  });

  it("+∞ when no block size fits (n = m = 10: the embedding has at most 20 < 40 dimensions; the estimator's cost_zeta raises KeyError there)", () => {
    const r = primalBdd({ n: 10, logQ: 20, secret: ternary(), error: gaussian(3.19), m: 10 });
    expect(r.rop).toBe(Infinity);
  });

  it("n = 32768, q = 2^880, ternary secret: finite and plausible under every model", () => {
    for (const model of models) {
      const r = primalBdd({ n: 32768, logQ: 880, secret: ternary(), error: gaussian(3.19) }, model);
      expect(Number.isFinite(r.rop)).toBe(true);
      expect(r.rop).toBeGreaterThan(80);
      expect(r.rop).toBeLessThan(160);
      expect(r.d).toBeGreaterThan(32768);
    }
  });
});

describe("primal BDD: bad input", () => {
  it("an invalid instance names the value and the rule", () => {
    expect(() => primalBdd({ n: 0, logQ: 32, secret: ternary(), error: gaussian(3) })).toThrow(EstimatorParameterError);
    expect(() => primalBdd({ n: 0, logQ: 32, secret: ternary(), error: gaussian(3) })).toThrow(/n = 0: expected/);
    expect(() => primalBdd({ n: 512, logQ: Number.NaN, secret: ternary(), error: gaussian(3) })).toThrow(/logQ = NaN/);
    expect(() => primalBdd({ n: 512, logQ: 32, secret: ternary(), error: { kind: "gaussian", stddev: -1 } })).toThrow(
      /error: Gaussian stddev = -1/,
    );
    expect(() => primalBdd({ n: 512, logQ: 32, secret: ternary(), error: gaussian(3), m: 0 })).toThrow(/m = 0/);
  });

  it("an unknown cost model is refused", () => {
    expect(() => primalBdd(kyber512, "gsa" as CostModelName)).toThrow(/cost model = "gsa"/);
  });
});
