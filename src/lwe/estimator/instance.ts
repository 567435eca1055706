/**
 * LWE instance description for the estimator ({n, logQ, secret, error, m}), its validation, and the
 * normal-form / swap normalisation applied before costing attacks.
 *
 * Source: malb/lattice-estimator, estimator/lwe_parameters.py (LWEParameters, normalize): if the
 * error is narrower than the secret and at least 2n samples exist, switch to normal form (secret
 * distributed like the error, m − n samples left); if exactly m = n samples exist, swap the roles of
 * secret and error. Distributions are compared by standard deviation only, as there.
 */
import { EstimatorParameterError, describeValue } from "./errors.js";
import { type Distribution, describeDistribution, log2Stddev, validateDistribution } from "./distributions.js";

/** An LWE instance: dimension n, modulus q = 2^logQ, secret and error distributions, m samples. */
export interface LweInstance {
  /** Secret dimension n ≥ 1 (integer). */
  readonly n: number;
  /** log2 of the modulus q (> 0; q itself may be non-power-of-two: logQ = log2(3329)). */
  readonly logQ: number;
  /** Distribution of each secret coordinate. */
  readonly secret: Distribution;
  /** Distribution of each error coordinate. */
  readonly error: Distribution;
  /** Number of LWE samples available to the attacker (integer ≥ 1 or Infinity). Default: Infinity. */
  readonly m?: number;
}

/** A validated instance with m made explicit and log2 standard deviations pre-computed. */
export interface ResolvedInstance {
  readonly n: number;
  readonly logQ: number;
  readonly secret: Distribution;
  readonly error: Distribution;
  readonly m: number;
  /** log2 of the secret's standard deviation. */
  readonly log2StddevSecret: number;
  /** log2 of the error's standard deviation. */
  readonly log2StddevError: number;
}

/** Validate n (integer ≥ 1). */
export function validateN(n: unknown): number {
  if (typeof n !== "number" || !Number.isFinite(n) || !Number.isInteger(n) || n < 1) {
    throw new EstimatorParameterError(`n = ${describeValue(n)}: expected a finite integer n >= 1`);
  }
  return n;
}

/** Validate logQ (finite, > 0). */
export function validateLogQ(logQ: unknown): number {
  if (typeof logQ !== "number" || !Number.isFinite(logQ) || logQ <= 0) {
    throw new EstimatorParameterError(`logQ = ${describeValue(logQ)}: expected a finite log2(q) > 0`);
  }
  return logQ;
}

/** Validate m (integer ≥ 1 or +Infinity; undefined → Infinity). */
export function validateM(m: unknown): number {
  if (m === undefined) return Infinity;
  if (m === Infinity) return Infinity;
  if (typeof m !== "number" || Number.isNaN(m) || !Number.isInteger(m) || m < 1) {
    throw new EstimatorParameterError(`m = ${describeValue(m)}: expected an integer number of samples m >= 1 (or Infinity)`);
  }
  return m;
}

/** Validate an instance and make m explicit. Throws EstimatorParameterError on bad input. */
export function resolveInstance(instance: LweInstance): ResolvedInstance {
  if (instance === null || typeof instance !== "object") {
    throw new EstimatorParameterError(`instance = ${describeValue(instance)}: expected {n, logQ, secret, error, m}`);
  }
  const n = validateN(instance.n);
  const logQ = validateLogQ(instance.logQ);
  const m = validateM(instance.m);
  validateDistribution(instance.secret, "secret");
  validateDistribution(instance.error, "error");
  checkSparseLength(instance.secret, n, "secret");
  const log2StddevSecret = log2Stddev(instance.secret, logQ);
  const log2StddevError = log2Stddev(instance.error, logQ);
  // a secret coordinate lives mod q: a secret wider than uniform mod q (σ = q/√12) is not an LWE instance. (An
  // error that wide is: the samples are then uniform, and every attack reports +∞, as the estimator does.)
  const widest = log2Stddev({ kind: "uniformMod" }, logQ) + 1e-9;
  if (log2StddevSecret > widest) {
    throw new EstimatorParameterError(
      `secret ${describeDistribution(instance.secret)} (σ = 2^${log2StddevSecret.toFixed(2)}) is wider than uniform mod q = 2^${logQ.toFixed(2)} (σ = 2^${widest.toFixed(2)}): a secret coordinate lives mod q (use uniform-mod for a uniform secret)`,
    );
  }
  return { n, logQ, m, secret: instance.secret, error: instance.error, log2StddevSecret, log2StddevError };
}

/**
 * A sparse ternary secret describes a whole vector, so its length must be the instance's n (the
 * lattice-estimator silently resizes it; we refuse the mismatch instead of guessing which is meant).
 */
function checkSparseLength(dist: Distribution, n: number, label: string): void {
  if (dist.kind === "sparseTernary" && dist.n !== n) {
    throw new EstimatorParameterError(
      `${label}: sparse ternary length n = ${dist.n}: expected the instance's dimension n = ${n}`,
    );
  }
}

/**
 * Normalise as the lattice-estimator does before costing:
 * - error narrower than secret and m ≥ 2n: normal form, secret ← error distribution, m ← m − n;
 * - error narrower than secret and m = n: swap secret and error;
 * - otherwise unchanged.
 */
export function normalizeInstance(inst: ResolvedInstance): ResolvedInstance {
  const errorNarrower = inst.log2StddevError < inst.log2StddevSecret;
  if (errorNarrower && inst.m >= 2 * inst.n) {
    return {
      ...inst,
      secret: inst.error,
      log2StddevSecret: inst.log2StddevError,
      m: inst.m - inst.n,
    };
  }
  if (errorNarrower && inst.m === inst.n) {
    return {
      ...inst,
      secret: inst.error,
      error: inst.secret,
      log2StddevSecret: inst.log2StddevError,
      log2StddevError: inst.log2StddevSecret,
    };
  }
  return inst;
}
