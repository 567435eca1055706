/**
 * Top-level LWE security estimate: run the primal uSVP and plain dual attacks under each requested
 * BKZ cost model, report every (attack × model) result and the cheapest attack per model, and answer
 * the inverse questions "largest log2 q for a target security" and "smallest n for a target security".
 *
 * Source: the attack selection mirrors malb/lattice-estimator's `LWE.estimate` (estimator/lwe.py),
 * restricted to `primal_usvp` (GSA) and `dual`; the instance is normalised first, as there. The
 * inverse searches are our own (bisection / exponential search on top of the estimator's costs).
 */
import { COST_MODEL_NAMES, type CostModelName, assertCostModel } from "./cost-models.js";
import { type DualResult, dualResolved } from "./dual.js";
import { EstimatorParameterError, describeValue } from "./errors.js";
import type { Distribution } from "./distributions.js";
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

/** Names of the supported attacks. */
export type AttackName = "primal-usvp" | "dual";

/** All supported attacks. */
export const ATTACK_NAMES: readonly AttackName[] = ["primal-usvp", "dual"];

/** One attack's estimate under one cost model. */
export type AttackResult = PrimalResult | DualResult;

/** Options of `estimate` / `securityBits` / the inverse searches. */
export interface EstimateOptions {
  /** Cost models to evaluate (default: all four). */
  readonly models?: readonly CostModelName[];
  /** Attacks to evaluate (default: primal-usvp and dual). */
  readonly attacks?: readonly AttackName[];
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
    throw new EstimatorParameterError(`attack = ${describeValue(a)}: expected "primal-usvp" or "dual"`);
  }
}

function runAttack(attack: AttackName, inst: ResolvedInstance, model: CostModelName): AttackResult {
  return attack === "primal-usvp" ? primalUsvpResolved(inst, model) : dualResolved(inst, model);
}

/**
 * Estimate all requested attacks under all requested cost models. `instance.m` defaults to Infinity.
 * Throws EstimatorParameterError for invalid parameters.
 */
export function estimate(instance: LweInstance, options: EstimateOptions = {}): EstimateReport {
  const models = checkList("models", options.models, COST_MODEL_NAMES, assertCostModel);
  const attacks = checkList("attacks", options.attacks, ATTACK_NAMES, assertAttack);
  const inst = normalizeInstance(resolveInstance(instance));
  const results: AttackResult[] = [];
  for (const attack of attacks) for (const model of models) results.push(runAttack(attack, inst, model));
  const minimum: ModelMinimum[] = models.map((model) => {
    let best: AttackResult | null = null;
    for (const r of results) if (r.model === model && (best === null || r.rop < best.rop)) best = r;
    const b = best as AttackResult;
    return { model, rop: b.rop, attack: b.attack, result: b };
  });
  return { instance: inst, results, minimum };
}

/**
 * Security level in bits: log2 of the cheapest requested attack (default: primal-usvp and dual)
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
 * `targetBits` of security under `model` (security decreases with q). Bisection between a point
 * known to be secure and one known to be insecure; logQ = 1 is the lower end.
 * Returns +Infinity if even logQ = 2^20 is secure (target below the cheapest possible attack).
 * Throws EstimatorParameterError if already logQ = 1 is below the target.
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
  let lo = 1;
  const s1 = sec(lo);
  if (s1 < targetBits) {
    throw new EstimatorParameterError(
      `targetBits = ${targetBits}: unreachable, already logQ = 1 gives only ${s1.toFixed(1)} bits under "${model}"`,
    );
  }
  let hi = 2;
  while (sec(hi) >= targetBits) {
    lo = hi;
    hi *= 2;
    if (hi > LOG_Q_CAP) return Infinity;
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
