/**
 * Security of an LWE parameter set: the public-key scheme rests on two LWE instances, and a parameter
 * set is as strong as the weaker (docs/lwe.md and docs/lwe-estimator.md):
 *
 *   key instance        (A, t = A·s + e): secret s ∈ Z^n, m samples, error e
 *   encryption instance ([A | t]ᵀ·e1 + (e3, e2)): secret e1 ∈ Z^m, n + 1 samples, error e2/e3
 *
 * Each is costed with the estimator (every attack of its full set by default, several BKZ cost models, the model always named).
 * Two elementary attacks are added because the lattice models say nothing sensible for toy sizes:
 * exhaustive search over the secret (log2 of its support size) and, when the error is zero with
 * overwhelming probability (the thesis's σ = 2.4e-5), Gaussian elimination (≈ n³ operations).
 */
import { lnErfc } from "../math/gaussian-tail.js";
import { type AttackName, COST_MODEL_NAMES, type CostModelName, type EstimateOptions, type LweInstance, estimate } from "./estimator/index.js";
import { type LweParams, modulusOf } from "./params.js";
import type { SmallDistribution } from "./sampling.js";

/** What security depends on: the dimensions, log2 q and the four distributions (an LweParams, or a sweep's point). */
export interface SchemeShape {
  readonly n: number;
  readonly m: number;
  readonly logQ: number;
  readonly secret: SmallDistribution;
  readonly keyError: SmallDistribution;
  readonly encRandomness: SmallDistribution;
  readonly encError: SmallDistribution;
}

/** The shape of a parameter set. */
export function schemeShape(p: LweParams): SchemeShape {
  return { n: p.n, m: p.m, logQ: modulusOf(p).log2q, secret: p.secret, keyError: p.keyError, encRandomness: p.encRandomness, encError: p.encError };
}

export interface InstanceSecurity {
  readonly name: "key" | "encryption";
  readonly instance: LweInstance;
  /** Per model: log2 cost of the cheapest lattice attack, its name and block size. */
  readonly lattice: ReadonlyArray<{ model: CostModelName; bits: number; attack: string; beta: number }>;
  /** Per model and attack: log2 cost of each lattice (and combinatorial) attack the estimator ran. */
  readonly attacks: ReadonlyArray<{ model: CostModelName; attack: AttackName; bits: number }>;
  /** log2 of the number of possible secrets. */
  readonly exhaustiveBits: number;
  /** log2(dim³) when the error is zero with probability > 1 − 2^-40 per sample, else Infinity. */
  readonly linearAlgebraBits: number;
}

export interface ParamsSecurity {
  readonly instances: readonly [InstanceSecurity, InstanceSecurity];
  /** Per model: min over both instances and all attacks (lattice, exhaustive, linear algebra). */
  readonly byModel: ReadonlyArray<{ model: CostModelName; bits: number; limitedBy: string }>;
}

/** log2 of the support size of a secret coordinate distribution (Gaussian: its entropy, ≈ log2(σ√(2πe))). */
function log2Support(d: SmallDistribution): number {
  switch (d.kind) {
    case "uniform":
      return Math.log2(d.b - d.a + 1);
    case "cbd":
      return Math.log2(2 * d.eta + 1);
    case "gaussian":
      return d.stddev < 0.2 ? 0 : Math.log2(d.stddev * Math.sqrt(2 * Math.PI * Math.E));
  }
}

/** log2 P(sample ≠ 0) for a rounded Gaussian (for the "error is zero" test). */
function log2NonZero(d: SmallDistribution): number {
  if (d.kind !== "gaussian") return 0;
  if (d.stddev === 0) return -Infinity;
  return lnErfc(0.5 / (d.stddev * Math.SQRT2)) / Math.LN2;
}

function instanceSecurity(
  name: "key" | "encryption",
  instance: LweInstance,
  secret: SmallDistribution,
  error: SmallDistribution,
  models: readonly CostModelName[],
  attacks: EstimateOptions["attacks"],
): InstanceSecurity {
  const report = estimate(instance, { models, ...(attacks ? { attacks } : {}) });
  return {
    name,
    instance,
    lattice: report.minimum.map((m) => ({ model: m.model, bits: m.rop, attack: m.attack, beta: "beta" in m.result ? m.result.beta : NaN })),
    attacks: report.results.map((r) => ({ model: r.model, attack: r.attack, bits: r.rop })),
    exhaustiveBits: instance.n * log2Support(secret),
    linearAlgebraBits: log2NonZero(error) + Math.log2(instance.m ?? instance.n) < -40 ? 3 * Math.log2(instance.n) : Infinity,
  };
}

/** The two LWE instances behind a parameter set (or shape), as estimator inputs. */
export function lweInstances(p: LweParams | SchemeShape): [LweInstance, LweInstance] {
  const logQ = "logQ" in p ? p.logQ : modulusOf(p).log2q;
  return [
    { n: p.n, logQ, secret: p.secret, error: p.keyError, m: p.m },
    { n: p.m, logQ, secret: p.encRandomness, error: p.encError, m: p.n + 1 },
  ];
}

/** Estimated security of a parameter set under each cost model (default: every model, every attack). */
export function paramsSecurity(p: LweParams, models: readonly CostModelName[] = COST_MODEL_NAMES, attacks?: EstimateOptions["attacks"]): ParamsSecurity {
  return schemeSecurity(schemeShape(p), models, attacks);
}

/** Estimated security of a scheme shape (a custom or swept parameter set) under each cost model. */
export function schemeSecurity(p: SchemeShape, models: readonly CostModelName[] = COST_MODEL_NAMES, attacks?: EstimateOptions["attacks"]): ParamsSecurity {
  const [keyInst, encInst] = lweInstances(p);
  const instances: [InstanceSecurity, InstanceSecurity] = [
    instanceSecurity("key", keyInst, p.secret, p.keyError, models, attacks),
    instanceSecurity("encryption", encInst, p.encRandomness, p.encError, models, attacks),
  ];
  const byModel = models.map((model) => {
    let bits = Infinity;
    let limitedBy = "";
    for (const inst of instances) {
      const lat = inst.lattice.find((l) => l.model === model)!;
      const candidates: [number, string][] = [
        [lat.bits, `${lat.attack} on the ${inst.name} instance${Number.isNaN(lat.beta) ? "" : ` (β = ${lat.beta})`}`],
        [inst.exhaustiveBits, `exhaustive search over the ${inst.name} secret`],
        [inst.linearAlgebraBits, `Gaussian elimination on the ${inst.name} instance (its error is zero)`],
      ];
      for (const [b, why] of candidates)
        if (b < bits) {
          bits = b;
          limitedBy = why;
        }
    }
    return { model, bits, limitedBy };
  });
  return { instances, byModel };
}
