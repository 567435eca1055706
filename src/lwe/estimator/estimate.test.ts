// Tests of estimate(), securityBits(), the inverse searches largestLogQ()/smallestN(), input
// validation, and the HomomorphicEncryption.org standard table (Albrecht et al., "Homomorphic
// Encryption Security Standard", 2018, Table 1: 128-bit classical, σ ≈ 3.19, max log2 q).
import { describe, expect, it } from "vitest";
import { COST_MODEL_NAMES, type CostModelName } from "./cost-models.js";
import { cbd, gaussian, ternary, uniformMod } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { ATTACK_NAMES, ATTACK_SETS, estimate, largestLogQ, securityBits, smallestN } from "./estimate.js";
import type { LweInstance } from "./instance.js";
import { dual } from "./dual.js";
import { primalUsvp } from "./primal.js";

const kyber512: LweInstance = { n: 512, logQ: Math.log2(3329), secret: cbd(3), error: cbd(3), m: 512 };
/** The two attacks of the first estimator (and of the 2018 HE standard's table, with dec): reference values below. */
const PRIMAL_DUAL = { attacks: ["primal-usvp", "dual"] } as const;

describe("estimate()", () => {
  it("returns every (attack × model) result, each naming its model, plus the per-model minimum", () => {
    const rep = estimate(kyber512);
    expect(rep.results).toHaveLength(ATTACK_NAMES.length * COST_MODEL_NAMES.length);
    for (const attack of ATTACK_NAMES) {
      for (const model of COST_MODEL_NAMES) {
        const r = rep.results.find((x) => x.attack === attack && x.model === model);
        expect(r).toBeDefined();
        // every lattice attack applies to Kyber512; Arora–GB, exhaustive search and MITM need more than its
        // m = n samples (the estimator prints no line for them)
        if (!["arora-gb", "exhaustive", "mitm"].includes(attack)) expect(Number.isFinite(r!.rop), `${attack} ${model}`).toBe(true);
      }
    }
    expect(rep.minimum.map((x) => x.model)).toEqual([...COST_MODEL_NAMES]);
    for (const min of rep.minimum) {
      const all = rep.results.filter((r) => r.model === min.model).map((r) => r.rop);
      expect(min.rop).toBe(Math.min(...all));
      expect(min.result.model).toBe(min.model);
      expect(min.result.attack).toBe(min.attack);
    }
    expect(rep.instance.m).toBe(512);
  });

  it("honours the models / attacks options", () => {
    const rep = estimate(kyber512, { models: ["bdgl16"], attacks: ["dual"] });
    expect(rep.results).toHaveLength(1);
    expect(rep.results[0]!.attack).toBe("dual");
    expect(rep.results[0]!.model).toBe("bdgl16");
    expect(rep.minimum).toHaveLength(1);
  });

  it("agrees with the stand-alone attack functions", () => {
    const rep = estimate(kyber512, { models: ["matzov"] });
    expect(rep.results.find((r) => r.attack === "primal-usvp")).toEqual(primalUsvp(kyber512, "matzov"));
    expect(rep.results.find((r) => r.attack === "dual")).toEqual(dual(kyber512, "matzov"));
  });

  it("securityBits is the cheapest attack under a model (default matzov)", () => {
    expect(securityBits(kyber512, "matzov", PRIMAL_DUAL)).toBeCloseTo(143.77, 2);
    expect(securityBits(kyber512, "core-svp", PRIMAL_DUAL)).toBeCloseTo(118.552, 3);
    expect(securityBits(kyber512, "core-svp", { attacks: ["dual"] })).toBeGreaterThan(118.552);
    // the full set: LWE.estimate(schemes.Kyber512) prints bdd 2^140.2 and dual_hybrid 2^139.7 (lwe.py docstring)
    expect(securityBits(kyber512)).toBeLessThanOrEqual(140.25);
    expect(securityBits(kyber512)).toBeGreaterThan(139.2);
  });

  it("the rough set is uSVP and the dual hybrid; the full set every attack (lattice-estimator's two entry points)", () => {
    const rough = estimate(kyber512, { models: ["core-svp"], attacks: "rough" });
    expect(rough.results.map((r) => r.attack)).toEqual([...ATTACK_SETS.rough]);
    expect(estimate(kyber512, { models: ["core-svp"], attacks: "full" }).results.map((r) => r.attack)).toEqual([...ATTACK_NAMES]);
    // LWE.estimate.rough(schemes.Kyber512): usvp 2^118.6
    expect(rough.results[0]!.rop).toBeCloseTo(118.6, 1);
  });

  it("attacks without lattice reduction cost the same under every model", () => {
    const rep = estimate({ n: 256, logQ: 12, secret: ternary(), error: cbd(1), m: 2 ** 20 });
    for (const attack of ["bkw", "arora-gb", "exhaustive", "mitm"] as const) {
      const rops = rep.results.filter((r) => r.attack === attack).map((r) => r.rop);
      expect(new Set(rops).size).toBe(1);
    }
  });

  it("accepts q as log2 of a non-power-of-two and of huge powers of two", () => {
    for (const logQ of [Math.log2(3329), 64, 128, 880, 1500]) {
      const s = securityBits({ n: 32768, logQ, secret: ternary(), error: gaussian(3.19) });
      expect(s).toBeGreaterThan(0);
      expect(Number.isNaN(s)).toBe(false);
    }
  });

  it("m defaults to Infinity", () => {
    const a = estimate({ n: 1024, logQ: 32, secret: ternary(), error: gaussian(3.19) });
    const b = estimate({ n: 1024, logQ: 32, secret: ternary(), error: gaussian(3.19), m: Infinity });
    expect(a).toEqual(b);
    expect(a.instance.m).toBe(Infinity);
  });

  it("uniform-mod-q secret with m ≥ 2n is handled via the normal form (as the estimator does)", () => {
    const rep = estimate({ n: 1024, logQ: 29, secret: uniformMod(), error: gaussian(3.19), m: 4096 });
    expect(rep.instance.secret).toEqual(gaussian(3.19));
    expect(rep.instance.m).toBe(3072);
  });

  it("full estimates up to n = 32768 run (timings are measured separately, see docs/lwe-estimator.md)", () => {
    for (const [n, logQ] of [
      [1024, 29],
      [2048, 56],
      [4096, 111],
      [8192, 220],
      [16384, 440],
      [32768, 880],
    ] as const) {
      const rep = estimate({ n, logQ, secret: ternary(), error: gaussian(3.19) });
      expect(rep.results).toHaveLength(ATTACK_NAMES.length * COST_MODEL_NAMES.length);
      for (const r of rep.results) expect(r.rop).toBeGreaterThan(80); // quantum core-SVP ≈ 83 at n = 32768
    }
  });
});

/** HE standard Table 1 (128-bit, classical): [n, max log2 q for uniform/error secret, for ternary secret]. */
const HE_TABLE: ReadonlyArray<readonly [number, number, number]> = [
  [1024, 29, 27],
  [2048, 56, 54],
  [4096, 111, 109],
  [8192, 220, 218],
  [16384, 440, 438],
  [32768, 880, 881],
];
const HE_SIGMA = 3.19;
/** Tolerance on the security level at the table's points (BDGL16 model; observed 127.9 … 131.6). */
const HE_SECURITY_TOL = 4;

describe("HomomorphicEncryption.org standard, 128-bit classical, σ = 3.19 (BDGL16 model, m = ∞; its attacks: uSVP and dual)", () => {
  const model: CostModelName = "bdgl16";
  for (const [n, logQError, logQTernary] of HE_TABLE) {
    it(`n = ${n}: security at log q = ${logQError} (error secret) / ${logQTernary} (ternary) is 128 ± ${HE_SECURITY_TOL}`, () => {
      const se = securityBits({ n, logQ: logQError, secret: gaussian(HE_SIGMA), error: gaussian(HE_SIGMA) }, model, PRIMAL_DUAL);
      const st = securityBits({ n, logQ: logQTernary, secret: ternary(), error: gaussian(HE_SIGMA) }, model, PRIMAL_DUAL);
      expect(Math.abs(se - 128)).toBeLessThanOrEqual(HE_SECURITY_TOL);
      expect(Math.abs(st - 128)).toBeLessThanOrEqual(HE_SECURITY_TOL);
      // uniform-mod-q secret with m = ∞: the normal form turns it into the error-secret instance
      const su = securityBits({ n, logQ: logQError, secret: uniformMod(), error: gaussian(HE_SIGMA) }, model, PRIMAL_DUAL);
      expect(su).toBe(se);
    });
    it(`n = ${n}: largestLogQ(128 bits) is within 1 + 0.5% of ${logQError} / ${logQTernary}`, () => {
      const qe = largestLogQ({ n, secret: gaussian(HE_SIGMA), error: gaussian(HE_SIGMA) }, 128, model, PRIMAL_DUAL);
      const qt = largestLogQ({ n, secret: ternary(), error: gaussian(HE_SIGMA) }, 128, model, PRIMAL_DUAL);
      expect(Math.abs(qe - logQError)).toBeLessThanOrEqual(1 + 0.005 * logQError);
      expect(Math.abs(qt - logQTernary)).toBeLessThanOrEqual(1 + 0.005 * logQTernary);
    });
  }
});

describe("inverse questions", () => {
  it("largestLogQ brackets the target to the requested tolerance", () => {
    const params = { n: 2048, secret: ternary(), error: gaussian(3.19) };
    const lq = largestLogQ(params, 128, "bdgl16", { tolerance: 1e-4 });
    expect(securityBits({ ...params, logQ: lq }, "bdgl16")).toBeGreaterThanOrEqual(128);
    expect(securityBits({ ...params, logQ: lq + 1e-4 }, "bdgl16")).toBeLessThan(128);
  });

  it("largestLogQ: Infinity when the target is below the cheapest attack, error when unreachable", () => {
    expect(largestLogQ({ n: 1024, secret: ternary(), error: gaussian(3.19) }, 5, "core-svp")).toBe(Infinity);
    expect(() => largestLogQ({ n: 16, secret: ternary(), error: gaussian(3.19) }, 500, "matzov")).toThrow(
      EstimatorParameterError,
    );
  });

  it("smallestN finds the threshold n (m = n by default)", () => {
    // Kyber512's MATZOV primal cost is 2^143.77 at n = m = 512, so 143.8 bits needs n = 513
    const n = smallestN({ logQ: Math.log2(3329), secret: cbd(3), error: cbd(3) }, 143.8, "matzov", PRIMAL_DUAL);
    expect(n).toBe(513);
    expect(smallestN({ logQ: Math.log2(3329), secret: cbd(3), error: cbd(3) }, 143.7, "matzov", PRIMAL_DUAL)).toBe(512);
    // the full set (bdd, the hybrids) is cheaper: more n for the same target
    expect(smallestN({ logQ: Math.log2(3329), secret: cbd(3), error: cbd(3) }, 143.8, "matzov")).toBeGreaterThan(513);
  });

  it("smallestN is consistent with securityBits around the HE table", () => {
    const p = { logQ: 438, secret: ternary(), error: gaussian(3.19) };
    const n = smallestN(p, 128, "bdgl16");
    expect(Math.abs(n - 16384)).toBeLessThan(300);
    expect(securityBits({ ...p, n, m: n }, "bdgl16")).toBeGreaterThanOrEqual(128);
    expect(securityBits({ ...p, n: n - 1, m: n - 1 }, "bdgl16")).toBeLessThan(128);
  });

  it("smallestN with explicit m keeps m fixed", () => {
    const n = smallestN({ logQ: 32, secret: ternary(), error: gaussian(3.19), m: Infinity }, 100, "core-svp");
    expect(securityBits({ n, logQ: 32, secret: ternary(), error: gaussian(3.19) }, "core-svp")).toBeGreaterThanOrEqual(100);
    expect(securityBits({ n: n - 1, logQ: 32, secret: ternary(), error: gaussian(3.19) }, "core-svp")).toBeLessThan(100);
  });
});

describe("parameter validation", () => {
  const good: LweInstance = { n: 512, logQ: 12, secret: ternary(), error: gaussian(3.19), m: 512 };
  const bad: Array<[string, () => unknown, RegExp]> = [
    ["n = 0", () => estimate({ ...good, n: 0 }), /n = 0: expected a finite integer n >= 1/],
    ["n = -5", () => estimate({ ...good, n: -5 }), /n = -5: expected/],
    ["n = 1.5", () => estimate({ ...good, n: 1.5 }), /n = 1.5: expected/],
    ["n = NaN", () => estimate({ ...good, n: NaN }), /n = NaN: expected/],
    ["n = Infinity", () => estimate({ ...good, n: Infinity }), /n = Infinity: expected/],
    ["logQ = 0", () => estimate({ ...good, logQ: 0 }), /logQ = 0: expected a finite log2\(q\) > 0/],
    ["logQ = -3", () => estimate({ ...good, logQ: -3 }), /logQ = -3: expected/],
    ["logQ = Infinity", () => estimate({ ...good, logQ: Infinity }), /logQ = Infinity: expected/],
    ["logQ = NaN", () => estimate({ ...good, logQ: NaN }), /logQ = NaN: expected/],
    ["negative stddev", () => estimate({ ...good, error: { kind: "gaussian", stddev: -1 } }), /error: Gaussian stddev = -1: expected/],
    ["non-finite stddev", () => estimate({ ...good, secret: { kind: "gaussian", stddev: NaN } }), /secret: Gaussian stddev = NaN/],
    ["eta = 0", () => estimate({ ...good, secret: { kind: "cbd", eta: 0 } }), /secret: CBD eta = 0: expected an integer >= 1/],
    ["a > b", () => estimate({ ...good, secret: { kind: "uniform", a: 1, b: -1 } }), /secret: uniform bounds a = 1, b = -1: expected a < b/],
    ["unknown kind", () => estimate({ ...good, secret: { kind: "sparse" } as never }), /secret: kind = "sparse": expected/],
    ["m = 0", () => estimate({ ...good, m: 0 }), /m = 0: expected an integer number of samples m >= 1/],
    ["a secret wider than q", () => estimate({ ...good, secret: gaussian(2 ** 20) }), /secret gaussian\(σ=1048576\) \(σ = 2\^20\.00\) is wider than uniform mod q = 2\^12\.00/],
    ["m = -1", () => estimate({ ...good, m: -1 }), /m = -1: expected/],
    ["m = 2.5", () => estimate({ ...good, m: 2.5 }), /m = 2.5: expected/],
    ["m = NaN", () => estimate({ ...good, m: NaN }), /m = NaN: expected/],
    ["unknown model", () => estimate(good, { models: ["adps" as never] }), /cost model = "adps": expected one of/],
    ["empty models", () => estimate(good, { models: [] }), /models = .*: expected a non-empty array/],
    ["unknown attack", () => estimate(good, { attacks: ["lucky-guess" as never] }), /attack = "lucky-guess": expected one of "primal-usvp"/],
    ["securityBits bad model", () => securityBits(good, "x" as never), /cost model = "x"/],
    ["primal bad n", () => primalUsvp({ ...good, n: 0 }), /n = 0: expected/],
    ["dual bad m", () => dual({ ...good, m: 0 }), /m = 0: expected/],
    ["largestLogQ NaN target", () => largestLogQ(good, NaN), /targetBits = NaN: expected/],
    ["largestLogQ bad n", () => largestLogQ({ ...good, n: 0 }, 128), /n = 0: expected/],
    ["smallestN bad logQ", () => smallestN({ logQ: -1, secret: ternary(), error: gaussian(3.19) }, 128), /logQ = -1: expected/],
    ["smallestN bad m", () => smallestN({ logQ: 10, secret: ternary(), error: gaussian(3.19), m: 0 }, 128), /m = 0: expected/],
    ["smallestN negative target", () => smallestN({ logQ: 10, secret: ternary(), error: gaussian(3.19) }, -1), /targetBits = -1/],
  ];
  for (const [name, f, msg] of bad) {
    it(`rejects ${name} with EstimatorParameterError`, () => {
      expect(f).toThrow(EstimatorParameterError);
      expect(f).toThrow(msg);
    });
  }

  it("EstimatorParameterError is an Error subclass with its own name", () => {
    try {
      estimate({ ...good, n: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(EstimatorParameterError);
      expect((e as Error).name).toBe("EstimatorParameterError");
    }
  });
});
