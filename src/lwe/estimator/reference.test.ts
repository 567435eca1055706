// Reference outputs of malb/lattice-estimator reproduced by the TypeScript estimator.
// Sources (all at malb/lattice-estimator commit 27a581bb8e9d, 2026-06-06; the docstrings are the
// doctests rendered on lattice-estimator.readthedocs.io):
//   README.rst (docs page "readme_link": https://lattice-estimator.readthedocs.io/en/latest/readme_link.html)
//   estimator/lwe.py            Estimate.rough / Estimate.__call__ docstrings
//   estimator/lwe_primal.py     PrimalUSVP.__call__ docstring (Issues #87, #95, #181)
//   estimator/lwe_dual.py       DualHybrid.__call__ docstring (LWE.dual examples, Issue #178)
//   FHE.org 2024 talk by M. Albrecht, "Estimating the Difficulty of Breaking Lattice-Based
//   Cryptography" (github.com/FHE-org/fhe-org.github.io/files/14896283/1715-Albrecht.pdf): Kyber768.
// The estimator prints rop as ≈2^x.y; we require |ours − x.y| ≤ 0.5 bit (the brief) and, stronger,
// the same one-decimal rounding and the same β, d (and m for the dual).
import { describe, expect, it } from "vitest";
import { binary, cbd, gaussian, uniform, uniformMod } from "./distributions.js";
import { dual } from "./dual.js";
import { estimate } from "./estimate.js";
import type { LweInstance } from "./instance.js";
import { primalUsvp } from "./primal.js";
import type { CostModelName } from "./cost-models.js";

const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };
const kyber768: LweInstance = { n: 768, logQ: Math.log2(3329), secret: cbd(2), error: cbd(2), m: 768 };
/** LWE.Parameters(n=1024, q=2**32, Xs=ND.Binary, Xe=ND.DiscreteGaussian(3.0)), m = ∞. */
const dualExample: LweInstance = { n: 1024, logQ: 32, secret: binary(), error: gaussian(3.0) };
/** UniformMod(2^124) = Uniform(−2^123, 2^123 − 1) as an explicit uniform range. */
const uniformMod2p124 = uniform(-(2 ** 123), 2 ** 123 - 1);

interface PrimalRef {
  readonly name: string;
  readonly source: string;
  readonly instance: LweInstance;
  readonly model: CostModelName;
  readonly rop: number;
  readonly beta: number;
  readonly d: number;
  readonly delta: number;
}

const primalRefs: PrimalRef[] = [
  {
    name: "Kyber512, MATZOV (default model)",
    source: "README.rst `LWE.primal_usvp(schemes.Kyber512)`; lwe_primal.py; lwe.py Estimate.__call__ (usvp)",
    instance: kyber512,
    model: "matzov",
    rop: 143.8,
    beta: 406,
    d: 998,
    delta: 1.003941,
  },
  {
    name: "Kyber512, core-SVP (ADPS16 classical)",
    source: "README.rst / lwe.py `LWE.estimate.rough(schemes.Kyber512)` usvp line (rough uses RC.ADPS16)",
    instance: kyber512,
    model: "core-svp",
    rop: 118.6,
    beta: 406,
    d: 998,
    delta: 1.003941,
  },
  {
    name: "n = 1030, q = 2^64, binary secret, σ = 3.19, m = 2060, BDGL16",
    source: "lwe_primal.py PrimalUSVP.__call__ docstring, `LWE.primal_usvp(params, red_cost_model=RC.BDGL16)  # Issue #95`",
    instance: { n: 1030, logQ: 64, secret: binary(), error: gaussian(3.19), m: 2060 },
    model: "bdgl16",
    rop: 53.1,
    beta: 78,
    d: 1933,
    delta: 1.010374,
  },
  {
    name: "n = 384, q = 2^7, binary secret, CBD(8) error, m = 768, BDGL16",
    source: "lwe_primal.py PrimalUSVP.__call__ docstring, `# Issue #87`",
    instance: { n: 384, logQ: 7, secret: binary(), error: cbd(8), m: 768 },
    model: "bdgl16",
    rop: 161.8,
    beta: 456,
    d: 595,
    delta: 1.003634,
  },
  {
    name: "n = 11, q = 2^128, UniformMod(2^128) secret, UniformMod(2^124) error, MATZOV",
    source: "lwe_primal.py PrimalUSVP.__call__ docstring, `# small n examples (Issue #181)`",
    instance: { n: 11, logQ: 128, secret: uniformMod(), error: uniformMod2p124 },
    model: "matzov",
    rop: 126.0,
    beta: 351,
    d: 455,
    delta: 1.004356,
  },
  {
    name: "Kyber768, core-SVP (ADPS16 classical)",
    source: "FHE.org 2024 slides (Albrecht), `LWE.estimate.rough(Kyber768)` usvp line",
    instance: kyber768,
    model: "core-svp",
    rop: 182.2,
    beta: 624,
    d: 1427,
    delta: 1.002902,
  },
  {
    name: "Kyber768, MATZOV",
    source: "FHE.org 2024 slides (Albrecht), `LWE.estimate(Kyber768)` usvp line",
    instance: kyber768,
    model: "matzov",
    rop: 204.9,
    beta: 624,
    d: 1427,
    delta: 1.002902,
  },
];

interface DualRef {
  readonly name: string;
  readonly source: string;
  readonly instance: LweInstance;
  readonly normalize: boolean;
  readonly rop: number;
  readonly mem: number;
  readonly beta: number;
  readonly d: number;
  readonly m: number;
}

const dualRefs: DualRef[] = [
  {
    name: "Kyber512, MATZOV",
    source: "README.rst / lwe.py `LWE.estimate(schemes.Kyber512)` dual line",
    instance: kyber512,
    normalize: true,
    rop: 149.9,
    mem: 97.1,
    beta: 424,
    d: 1024,
    m: 512,
  },
  {
    name: "n = 1024, q = 2^32, binary secret, σ = 3.0, MATZOV",
    source: "lwe_dual.py DualHybrid.__call__ docstring, first `LWE.dual(params)`",
    instance: dualExample,
    normalize: true,
    rop: 107.0,
    mem: 66.4,
    beta: 264,
    d: 1994,
    m: 970,
  },
  {
    name: "same with CBD(8) secret",
    source: "lwe_dual.py DualHybrid.__call__ docstring, `params.updated(Xs=ND.CenteredBinomial(8))`",
    instance: { ...dualExample, secret: cbd(8) },
    normalize: true,
    rop: 114.5,
    mem: 71.8,
    beta: 291,
    d: 2127,
    m: 1103,
  },
  {
    name: "same with Gaussian σ = 3.0 secret",
    source: "lwe_dual.py DualHybrid.__call__ docstring, `params.updated(Xs=ND.DiscreteGaussian(3.0))`",
    instance: { ...dualExample, secret: gaussian(3.0) },
    normalize: true,
    rop: 116.6,
    mem: 73.2,
    beta: 299,
    d: 2166,
    m: 1142,
  },
  {
    name: "n = 8, q = 2^128, UniformMod(2^128) secret, UniformMod(2^124) error (LWE.dual does not normalise)",
    source: "lwe_dual.py DualHybrid.__call__ docstring, `# small n examples (Issue #178)`",
    instance: { n: 8, logQ: 128, secret: uniformMod(), error: uniformMod2p124 },
    normalize: false,
    rop: 105.9,
    mem: 65.6,
    beta: 275,
    d: 379,
    m: 371,
  },
];

describe("primal uSVP reproduces lattice-estimator outputs", () => {
  for (const ref of primalRefs) {
    it(`${ref.name}: rop ≈ 2^${ref.rop}, β = ${ref.beta}, d = ${ref.d}  [${ref.source}]`, () => {
      const r = primalUsvp(ref.instance, ref.model);
      expect(r.attack).toBe("primal-usvp");
      expect(r.model).toBe(ref.model);
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.5);
      expect(r.rop.toFixed(1)).toBe(ref.rop.toFixed(1));
      expect(r.beta).toBe(ref.beta);
      expect(r.d).toBe(ref.d);
      expect(r.delta).toBeCloseTo(ref.delta, 6);
    });
  }
});

describe("plain dual attack reproduces lattice-estimator outputs (MATZOV model)", () => {
  for (const ref of dualRefs) {
    it(`${ref.name}: rop ≈ 2^${ref.rop}, β = ${ref.beta}, d = ${ref.d}, m = ${ref.m}  [${ref.source}]`, () => {
      const r = dual(ref.instance, "matzov", { normalize: ref.normalize });
      expect(r.attack).toBe("dual");
      expect(r.model).toBe("matzov");
      expect(Math.abs(r.rop - ref.rop)).toBeLessThanOrEqual(0.5);
      expect(r.rop.toFixed(1)).toBe(ref.rop.toFixed(1));
      expect(r.mem.toFixed(1)).toBe(ref.mem.toFixed(1));
      expect(r.beta).toBe(ref.beta);
      expect(r.d).toBe(ref.d);
      expect(r.m).toBe(ref.m);
    });
  }

  it("Kyber768 dual from the 2024 FHE.org slides (older estimator version) is within 0.5 bit", () => {
    // slides: rop ≈ 2^214.2, m = 723, β = 653, d = 1491; the current code (and we) give β = 654, 2^214.3
    const r = dual(kyber768, "matzov");
    expect(Math.abs(r.rop - 214.2)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(r.beta - 653)).toBeLessThanOrEqual(1);
  });
});

describe("estimate() on Kyber512 contains the reference numbers", () => {
  it("usvp and dual lines of LWE.estimate / LWE.estimate.rough", () => {
    const rep = estimate(kyber512);
    const get = (attack: string, model: string) => rep.results.find((r) => r.attack === attack && r.model === model)!;
    expect(get("primal-usvp", "matzov").rop.toFixed(1)).toBe("143.8");
    expect(get("primal-usvp", "core-svp").rop.toFixed(1)).toBe("118.6");
    expect(get("dual", "matzov").rop.toFixed(1)).toBe("149.9");
    // the full set's minimum under MATZOV is the dual hybrid's 2^139.7 (LWE.estimate(schemes.Kyber512), lwe.py)
    const matzovMin = rep.minimum.find((x) => x.model === "matzov")!;
    expect(matzovMin.attack).toBe("dual-hybrid");
    expect(matzovMin.rop.toFixed(1)).toBe("139.7");
    expect(get("primal-bdd", "matzov").rop.toFixed(1)).toBe("140.2");
    expect(get("bkw", "matzov").rop.toFixed(1)).toBe("178.8");
  });
});
