/**
 * Top-level LWE security estimate: run every requested attack under each requested BKZ cost model, report every
 * (attack × model) result and the cheapest attack per model, and answer the inverse questions "largest log2 q
 * for a target security" and "smallest n for a target security".
 *
 * Source: malb/lattice-estimator, estimator/lwe.py. Its two entry points are both offered (ATTACK_SETS):
 *   rough — `LWE.estimate.rough`: primal uSVP and the dual hybrid (meant for the core-SVP model), plus Arora–GB
 *           when m > n² and the error is bounded;
 *   full  — `LWE.estimate`: arora-gb (through guess_composition), bkw, usvp, bdd, bdd_hybrid, bdd_mitm_hybrid, dual,
 *           dual_hybrid (MATZOV) — and here also the generic dual hybrids (exhaustive and MITM guessing),
 *           exhaustive search and MITM (lwe_dual.py, lwe_guess.py), which the estimator has but does not run by
 *           default: a minimum over more attacks can only be lower, i.e. more conservative.
 * The instance is normalised first, as there. Attacks without lattice reduction (bkw, arora-gb, exhaustive,
 * mitm) cost the same under every model: they are computed once per estimate. The inverse searches are our own
 * (bisection / exponential search on top of the estimator's costs).
 */
import { type AroraGbResult, aroraGbResolved } from "./arora-gb.js";
import { type BkwResult, bkwResolved } from "./bkw.js";
import { COST_MODEL_NAMES, type CostModelName, assertCostModel } from "./cost-models.js";
import { type DualResult, dualResolved } from "./dual.js";
import { type DualHybridPlainResult, type DualMitmHybridResult, dualHybridPlainResolved, dualMitmHybridResolved } from "./dual-hybrid.js";
import { type DualHybridResult, dualHybridResolved } from "./dual-matzov.js";
import { EstimatorParameterError, describeValue } from "./errors.js";
import type { Distribution } from "./distributions.js";
import { type ExhaustiveResult, type MitmResult, exhaustiveSearchResolved, mitmResolved } from "./exhaustive.js";
import {
  type LweInstance,
  type ResolvedInstance,
  normalizeInstance,
  resolveInstance,
  validateLogQ,
  validateM,
  validateN,
} from "./instance.js";
import { type PrimalResult, primalUsvpResolved } from "./primal.js";
import { type PrimalBddResult, primalBddResolved } from "./primal-bdd.js";
import { type PrimalHybridResult, primalHybridResolved, primalMitmHybridResolved } from "./primal-hybrid.js";
import { isBounded } from "./support.js";

/** Names of the supported attacks. */
export type AttackName =
  | "primal-usvp"
  | "primal-bdd"
  | "primal-hybrid"
  | "primal-mitm-hybrid"
  | "dual"
  | "dual-hybrid"
  | "dual-hybrid-plain"
  | "dual-mitm-hybrid"
  | "bkw"
  | "arora-gb"
  | "exhaustive"
  | "mitm";

/** One attack's estimate under one cost model: every result has attack, model and rop (log2; +∞: no attack). */
export type AttackResult =
  | PrimalResult
  | PrimalBddResult
  | PrimalHybridResult
  | DualResult
  | DualHybridResult
  | DualHybridPlainResult
  | DualMitmHybridResult
  | BkwResult
  | AroraGbResult
  | ExhaustiveResult
  | MitmResult;

/** Each attack, the paper it is from and the lattice-estimator function it follows. */
export const ATTACK_INFO: Readonly<Record<AttackName, string>> = {
  "primal-usvp": "primal uSVP, Kannan / Bai–Galbraith embedding [ADPS16, AGVW17] — lwe_primal.primal_usvp",
  "primal-bdd": "primal BDD: BKZ then one SVP call in dimension η [Duc18, AGPS20] — lwe_primal.primal_bdd",
  "primal-hybrid": "primal hybrid: guess ζ coordinates, BDD on the rest [HG07, Wun16] — lwe_primal.primal_hybrid (bdd_hybrid)",
  "primal-mitm-hybrid": "primal MITM hybrid with Babai lifting [HG07] — lwe_primal.primal_hybrid (bdd_mitm_hybrid)",
  dual: "plain dual: many short dual vectors, a distinguisher [MR09, EJK20] — lwe_dual.dual",
  "dual-hybrid": "MATZOV's dual hybrid: guess ζ coordinates, an FFT over p of them [MATZOV22] — lwe_dual.matzov (LWE.dual_hybrid)",
  "dual-hybrid-plain": "dual hybrid with exhaustive guessing [Alb17, EJK20] — lwe_dual.dual_hybrid",
  "dual-mitm-hybrid": "dual hybrid with a meet-in-the-middle guess [CHHS19] — lwe_dual.dual_mitm_hybrid",
  bkw: "coded-BKW [GJS15, KF15] — lwe_bkw.coded_bkw",
  "arora-gb": "Arora–Ge linearisation by Gröbner bases, with guessing [AG11, ACFP14] — gb.arora_gb via guess_composition",
  exhaustive: "exhaustive search over the secret — lwe_guess.exhaustive_search",
  mitm: "meet-in-the-middle on the secret — lwe_guess.mitm",
};

/** All supported attacks (the full set). */
export const ATTACK_NAMES: readonly AttackName[] = Object.keys(ATTACK_INFO) as AttackName[];

/** The estimator's two entry points: `LWE.estimate.rough` and `LWE.estimate` (see the header). */
export const ATTACK_SETS: Readonly<Record<"rough" | "full", readonly AttackName[]>> = {
  rough: ["primal-usvp", "dual-hybrid"],
  full: ATTACK_NAMES,
};

/** Attacks whose cost does not depend on the BKZ cost model. */
const MODEL_FREE: ReadonlySet<AttackName> = new Set(["bkw", "arora-gb", "exhaustive", "mitm"]);

const RUNNERS: Readonly<Record<AttackName, (inst: ResolvedInstance, model: CostModelName) => AttackResult>> = {
  "primal-usvp": primalUsvpResolved,
  "primal-bdd": primalBddResolved,
  "primal-hybrid": primalHybridResolved,
  "primal-mitm-hybrid": primalMitmHybridResolved,
  dual: dualResolved,
  "dual-hybrid": dualHybridResolved,
  "dual-hybrid-plain": dualHybridPlainResolved,
  "dual-mitm-hybrid": dualMitmHybridResolved,
  bkw: bkwResolved,
  "arora-gb": aroraGbResolved,
  exhaustive: exhaustiveSearchResolved,
  mitm: mitmResolved,
};

/** Options of `estimate` / `securityBits` / the inverse searches. */
export interface EstimateOptions {
  /** Cost models to evaluate (default: all four). */
  readonly models?: readonly CostModelName[];
  /** Attacks to evaluate: a list, or "rough" / "full" (ATTACK_SETS; default "full"). */
  readonly attacks?: readonly AttackName[] | "rough" | "full";
}

/** Cheapest attack under one cost model. */
export interface ModelMinimum {
  readonly model: CostModelName;
  /** log2 of the cheapest attack's cost (+∞ if no attack succeeds). */
  readonly rop: number;
  /** Name of the cheapest attack. */
  readonly attack: AttackName;
  /** Full result of the cheapest attack. */
  readonly result: AttackResult;
}

/** Output of `estimate`. */
export interface EstimateReport {
  /** The instance after validation and normalisation (what the attacks were costed on). */
  readonly instance: ResolvedInstance;
  /** Every (attack × model) result, in the order attacks × models were requested. */
  readonly results: readonly AttackResult[];
  /** The cheapest attack per model, in the order the models were requested. */
  readonly minimum: readonly ModelMinimum[];
}

function checkList<T extends string>(
  what: string,
  value: readonly T[] | undefined,
  fallback: readonly T[],
  check: (x: unknown) => void,
): readonly T[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.length === 0) {
    throw new EstimatorParameterError(`${what} = ${describeValue(value)}: expected a non-empty array`);
  }
  value.forEach(check);
  return value;
}

function assertAttack(a: unknown): asserts a is AttackName {
  if (typeof a !== "string" || !(ATTACK_NAMES as readonly string[]).includes(a)) {
    throw new EstimatorParameterError(`attack = ${describeValue(a)}: expected one of ${ATTACK_NAMES.map((x) => `"${x}"`).join(", ")} (or the set "rough" / "full")`);
  }
}

/** The attacks a set names for this instance (the rough set adds Arora–GB where the estimator does). */
function attacksFor(attacks: EstimateOptions["attacks"], inst: ResolvedInstance): readonly AttackName[] {
  if (attacks === "full" || attacks === undefined) return ATTACK_SETS.full;
  if (attacks === "rough") return inst.m > inst.n * inst.n && isBounded(inst.error) ? [...ATTACK_SETS.rough, "arora-gb"] : ATTACK_SETS.rough;
  return checkList("attacks", attacks, ATTACK_NAMES, assertAttack);
}

/**
 * Estimate all requested attacks under all requested cost models. `instance.m` defaults to Infinity.
 * Throws EstimatorParameterError for invalid parameters.
 */
export function estimate(instance: LweInstance, options: EstimateOptions = {}): EstimateReport {
  const models = checkList("models", options.models, COST_MODEL_NAMES, assertCostModel);
  const inst = normalizeInstance(resolveInstance(instance));
  const attacks = attacksFor(options.attacks, inst);
  const results: AttackResult[] = [];
  for (const attack of attacks) {
    const once = MODEL_FREE.has(attack) ? RUNNERS[attack](inst, models[0]!) : undefined;
    for (const model of models) results.push(once ? { ...once, model } : RUNNERS[attack](inst, model));
  }
  const minimum: ModelMinimum[] = models.map((model) => {
    let best: AttackResult | null = null;
    for (const r of results) if (r.model === model && (best === null || r.rop < best.rop)) best = r;
    const b = best as AttackResult;
    return { model, rop: b.rop, attack: b.attack, result: b };
  });
  return { instance: inst, results, minimum };
}

/**
 * Security level in bits: log2 of the cheapest requested attack (default: the full set)
 * under `model` (default "matzov", the lattice-estimator's default). +∞ if no attack succeeds.
 */
export function securityBits(
  instance: LweInstance,
  model: CostModelName = "matzov",
  options: Pick<EstimateOptions, "attacks"> = {},
): number {
  assertCostModel(model);
  return estimate(instance, { models: [model], ...(options.attacks ? { attacks: options.attacks } : {}) }).minimum[0]!
    .rop;
}

function validateTarget(targetBits: unknown): number {
  if (typeof targetBits !== "number" || !Number.isFinite(targetBits) || targetBits <= 0) {
    throw new EstimatorParameterError(`targetBits = ${describeValue(targetBits)}: expected a finite number of bits > 0`);
  }
  return targetBits;
}

/** Parameters of `largestLogQ`: everything but the modulus. */
export interface LargestLogQParams {
  readonly n: number;
  readonly secret: Distribution;
  readonly error: Distribution;
  /** Samples (default Infinity). */
  readonly m?: number;
}

/** Options of the inverse searches. */
export interface InverseSearchOptions extends Pick<EstimateOptions, "attacks"> {
  /** Bisection precision in bits of log2 q (largestLogQ only; default 1e-3). */
  readonly tolerance?: number;
}

/** Largest logQ the search explores; beyond it every attack costs its β = 40 floor. */
const LOG_Q_CAP = 2 ** 20;

/**
 * Largest log2 q (real, to `tolerance`, default 0.001) for which the instance still has at least
 * `targetBits` of security under `model`. Lattice attacks get cheaper as q grows, but BKW (and Arora–GB)
 * get cheaper as q shrinks: the secure values of log2 q form an interval, and this returns its upper end. It
 * walks down from log2 q = 2^20 by halving to the first secure point, then bisects between it and the
 * insecure point above (log2 q = 1 is the lowest probed).
 * Returns +Infinity if even logQ = 2^20 is secure (target below the cheapest possible attack).
 * Throws EstimatorParameterError if no probed logQ reaches the target.
 */
export function largestLogQ(
  params: LargestLogQParams,
  targetBits: number,
  model: CostModelName = "matzov",
  options: InverseSearchOptions = {},
): number {
  validateTarget(targetBits);
  assertCostModel(model);
  const tol = options.tolerance ?? 1e-3;
  if (!(tol > 0) || !Number.isFinite(tol)) {
    throw new EstimatorParameterError(`tolerance = ${describeValue(tol)}: expected a finite number > 0`);
  }
  const sec = (logQ: number): number =>
    securityBits({ ...params, logQ }, model, options.attacks ? { attacks: options.attacks } : {});
  let hi = LOG_Q_CAP;
  if (sec(hi) >= targetBits) return Infinity;
  let lo = hi / 2;
  let best = 0;
  while (lo >= 1) {
    const s = sec(lo);
    if (s >= targetBits) break;
    best = Math.max(best, s);
    hi = lo;
    lo /= 2;
  }
  if (lo < 1) {
    throw new EstimatorParameterError(
      `targetBits = ${targetBits}: unreachable, no logQ in [1, ${LOG_Q_CAP}] gives it under "${model}" (at most ${best.toFixed(1)} bits at the probed powers of two)`,
    );
  }
  while (hi - lo > tol) {
    const mid = (lo + hi) / 2;
    if (sec(mid) >= targetBits) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Parameters of `smallestN`: everything but the dimension. */
export interface SmallestNParams {
  readonly logQ: number;
  readonly secret: Distribution;
  readonly error: Distribution;
  /** Samples; if omitted, m = n is used for every candidate n (one RLWE/MLWE sample's worth). */
  readonly m?: number;
}

/** Largest n the search explores. */
const N_CAP = 2 ** 22;

/**
 * Smallest integer n with at least `targetBits` of security under `model` (security increases
 * with n). If `params.m` is omitted, m = n is used for each candidate n.
 *
 * Search: exponential (n = 1, 2, 4, …) to bracket the threshold, then integer bisection. Very small
 * n for which the lattice model reports no successful attack at all (rop = +∞, because the lattice
 * dimension is capped by m + n) are not taken as "secure": the bracket starts above the last
 * power of two whose estimate was finite and below the target. If no such point exists, the first
 * n meeting the target is returned. Throws EstimatorParameterError if n = 2^22 is still below target.
 */
export function smallestN(
  params: SmallestNParams,
  targetBits: number,
  model: CostModelName = "matzov",
  options: InverseSearchOptions = {},
): number {
  validateTarget(targetBits);
  assertCostModel(model);
  validateLogQ(params.logQ);
  if (params.m !== undefined) validateM(params.m);
  const sec = (n: number): number =>
    securityBits(
      { ...params, n: validateN(n), m: params.m ?? n },
      model,
      options.attacks ? { attacks: options.attacks } : {},
    );
  let lastFiniteBelow = 0; // largest probed n with a finite estimate below the target
  let firstSecure = 0;
  for (let n = 1; n <= N_CAP; n *= 2) {
    const s = sec(n);
    if (s >= targetBits && (s !== Infinity || lastFiniteBelow > 0)) {
      firstSecure = n;
      break;
    }
    if (s < targetBits) lastFiniteBelow = n;
  }
  if (firstSecure === 0) {
    // either never secure, or only "secure" through rop = +∞ without a finite value below target
    for (let n = 1; n <= N_CAP; n *= 2) {
      if (sec(n) >= targetBits) return n;
    }
    throw new EstimatorParameterError(
      `targetBits = ${targetBits}: not reached for n <= ${N_CAP} at logQ = ${params.logQ} under "${model}"`,
    );
  }
  let lo = lastFiniteBelow; // insecure (or 0)
  let hi = firstSecure; // secure
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (sec(mid) >= targetBits) hi = mid;
    else lo = mid;
  }
  return hi;
}
