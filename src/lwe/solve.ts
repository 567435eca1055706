/**
 * The inverse questions of parameter selection (issue "LWE lab 2", item 4): for a target security λ and a circuit
 * norm B (‖c‖₂ of the linear circuits to decrypt), which n, σ or log2 q work? Two constraints pull apart:
 *
 *   security ≥ λ   (estimator, both LWE instances of the scheme: security.ts)   — rises with n and σ, falls with q
 *   P_fail ≤ 2^-40 for ‖c‖₂ ≤ B   (noise.ts's average-key model)                — falls with n and σ, rises with q
 *
 * so each free variable has an interval of good values: n ∈ [n_min, n_max], σ ∈ [σ_min, σ_max],
 * log2 q ∈ [logq_min, logq_max]. `solveScheme` finds both ends by bisection and answers the question as asked —
 * the smallest n, the largest σ, the largest log2 q — or says which constraint makes the interval empty.
 *
 * The scheme is the project's (thesis §4.2–4.3): m = n public-key samples, key and encryption errors Gaussian with
 * the same σ, Δ = ⌊q/t⌋ and q ≡ 1 (mod t) (as for the field primes with a power-of-two t: one unit of drift per
 * wrap, noise.ts `wrapDrift`).
 */
import { log2TwoSidedTail } from "../math/gaussian-tail.js";
import { type CostModelName, type EstimateOptions, EstimatorParameterError } from "./estimator/index.js";
import { freshNoiseVariance } from "./noise.js";
import type { SmallDistribution } from "./sampling.js";
import { type SchemeShape, schemeSecurity } from "./security.js";

export type SolveFor = "n" | "sigma" | "logq";

export interface SolveQuestion {
  readonly for: SolveFor;
  /** Target security in bits under `model`. */
  readonly targetBits: number;
  /** Largest ‖c‖₂ of the circuits that must decrypt (B ≥ 1). */
  readonly norm: number;
  /** Plaintext modulus t (≥ 2). */
  readonly t: number;
  /** The fixed values: two of n, sigma, logQ (the third is solved for). */
  readonly n?: number;
  readonly sigma?: number;
  readonly logQ?: number;
  readonly secret?: SmallDistribution;
  readonly encRandomness?: SmallDistribution;
  /** Cost model (default "core-svp", the model of the project's claims) and attack set (default: all). */
  readonly model?: CostModelName;
  readonly attacks?: EstimateOptions["attacks"];
  /** log2 of the largest acceptable decryption-failure probability (default −40). */
  readonly log2Failure?: number;
}

export interface SolveAnswer {
  readonly for: SolveFor;
  /** The value asked for: smallest n, largest σ or largest log2 q meeting both constraints. */
  readonly value: number;
  /** The interval of values meeting both, [lo, hi] (hi may be +∞ where only one constraint binds). */
  readonly interval: readonly [number, number];
  /** Security at `value` (bits, under `model`) and what limits it. */
  readonly bits: number;
  readonly limitedBy: string;
  /** log2 of the decryption-failure probability at `value` for ‖c‖₂ = B. */
  readonly log2Failure: number;
  readonly model: CostModelName;
}

const TERNARY: SmallDistribution = { kind: "uniform", a: -1, b: 1 };
const N_RANGE: [number, number] = [2, 1 << 16];
const LOG_SIGMA_RANGE: [number, number] = [-1, 200];
const LOG_Q_RANGE: [number, number] = [2, 2048];

function fail(what: string, value: unknown, rule: string): never {
  throw new EstimatorParameterError(`${what} = ${String(value)}: ${rule}`);
}

interface Point {
  readonly n: number;
  readonly log2Sigma: number;
  readonly logQ: number;
}

/** Validates the question; returns the fixed point (the solved-for coordinate is a placeholder). */
function checkQuestion(qn: SolveQuestion): Point {
  if (qn.for !== "n" && qn.for !== "sigma" && qn.for !== "logq") fail("solve for", JSON.stringify(qn.for), 'expected "n", "sigma" or "logq"');
  if (!(Number.isFinite(qn.targetBits) && qn.targetBits > 0)) fail("target", qn.targetBits, "expected a number of bits > 0");
  if (!(Number.isFinite(qn.norm) && qn.norm >= 1)) fail("circuit norm B", qn.norm, "expected a finite ‖c‖₂ ≥ 1");
  if (!(Number.isSafeInteger(qn.t) && qn.t >= 2)) fail("plaintext modulus t", qn.t, "expected an integer ≥ 2");
  const need = (k: "n" | "sigma" | "logQ"): number => {
    const v = qn[k];
    if (v === undefined) fail(k, "(missing)", `solving for ${qn.for} needs ${["n", "sigma", "logQ"].filter((x) => x.toLowerCase() !== qn.for).join(" and ")}`);
    return v;
  };
  const n = qn.for === "n" ? N_RANGE[0] : need("n");
  const sigma = qn.for === "sigma" ? 1 : need("sigma");
  const logQ = qn.for === "logq" ? LOG_Q_RANGE[0] : need("logQ");
  if (!(Number.isSafeInteger(n) && n >= 1 && n <= N_RANGE[1])) fail("n", n, `expected an integer in [1, ${N_RANGE[1]}]`);
  if (!(Number.isFinite(sigma) && sigma > 0)) fail("σ", sigma, "expected a standard deviation > 0");
  if (!(Number.isFinite(logQ) && logQ > 1)) fail("log2 q", logQ, "expected a modulus q > 2 (log2 q > 1)");
  if (qn.for !== "logq" && logQ <= Math.log2(qn.t)) fail("log2 q", logQ, `expected q > t = ${qn.t}`);
  return { n, log2Sigma: Math.log2(sigma), logQ };
}

function shapeAt(qn: SolveQuestion, x: Point): SchemeShape {
  const error: SmallDistribution = { kind: "gaussian", stddev: 2 ** x.log2Sigma };
  return { n: x.n, m: x.n, logQ: x.logQ, secret: qn.secret ?? TERNARY, keyError: error, encRandomness: qn.encRandomness ?? TERNARY, encError: error };
}

/** Security at a point (bits under the model) and what limits it. */
function securityAt(qn: SolveQuestion, x: Point): { bits: number; limitedBy: string } {
  const model = qn.model ?? "core-svp";
  const r = schemeSecurity(shapeAt(qn, x), [model], qn.attacks).byModel[0]!;
  return { bits: r.bits, limitedBy: r.limitedBy };
}

/** log2 P_fail of a circuit with ‖c‖₂ = B at a point: Δ/2 − drift against B·σ_fresh (Σ|c| ≤ B² bounds the drift). */
export function failureAt(qn: Pick<SolveQuestion, "norm" | "t" | "secret" | "encRandomness">, x: Point): number {
  const sigmaFresh = Math.sqrt(freshNoiseVariance(shapeAt(qn as SolveQuestion, x), "public"));
  const halfDelta = 2 ** (x.logQ - Math.log2(qn.t)) / 2;
  return log2TwoSidedTail(halfDelta - (qn.norm * qn.norm + 1), qn.norm * sigmaFresh);
}

/** Smallest x in [lo, hi] with ok(x) for a predicate false below and true above (integer or to `tol`). */
function firstTrue(lo: number, hi: number, ok: (x: number) => boolean, integer: boolean, tol: number): number | undefined {
  if (!ok(hi)) return undefined;
  if (ok(lo)) return lo;
  while (hi - lo > (integer ? 1 : tol)) {
    const mid = integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Largest x in [lo, hi] with ok(x) for a predicate true below and false above (integer or to `tol`). */
function lastTrue(lo: number, hi: number, ok: (x: number) => boolean, integer: boolean, tol: number): number | undefined {
  if (!ok(lo)) return undefined;
  if (ok(hi)) return hi;
  while (hi - lo > (integer ? 1 : tol)) {
    const mid = integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Answers the question (see the header); an empty interval is an error naming both constraints' ends. */
export function solveScheme(qn: SolveQuestion): SolveAnswer {
  const fixed = checkQuestion(qn);
  const model = qn.model ?? "core-svp";
  const target = qn.log2Failure ?? -40;
  const secure = (x: Point): boolean => securityAt(qn, x).bits >= qn.targetBits;
  const decrypts = (x: Point): boolean => failureAt(qn, x) <= target;
  let lo: number | undefined;
  let hi: number | undefined;
  let at: (v: number) => Point;
  let value: number | undefined;
  const what = qn.for === "n" ? "n" : qn.for === "sigma" ? "log2 σ" : "log2 q";
  if (qn.for === "n") {
    at = (v) => ({ ...fixed, n: v });
    lo = firstTrue(N_RANGE[0], N_RANGE[1], (v) => secure(at(v)), true, 1);
    hi = lastTrue(N_RANGE[0], N_RANGE[1], (v) => decrypts(at(v)), true, 1);
    value = lo;
  } else if (qn.for === "sigma") {
    at = (v) => ({ ...fixed, log2Sigma: v });
    lo = firstTrue(LOG_SIGMA_RANGE[0], Math.min(LOG_SIGMA_RANGE[1], fixed.logQ), (v) => secure(at(v)), false, 0.01);
    hi = lastTrue(LOG_SIGMA_RANGE[0], Math.min(LOG_SIGMA_RANGE[1], fixed.logQ), (v) => decrypts(at(v)), false, 0.01);
    value = hi;
  } else {
    at = (v) => ({ ...fixed, logQ: v });
    const floor = Math.max(LOG_Q_RANGE[0], Math.log2(qn.t) + 1);
    lo = firstTrue(floor, LOG_Q_RANGE[1], (v) => decrypts(at(v)), false, 0.01);
    hi = lastTrue(floor, LOG_Q_RANGE[1], (v) => secure(at(v)), false, 0.01);
    value = hi;
  }
  if (lo === undefined || hi === undefined || lo > hi) {
    const why =
      qn.for === "logq"
        ? `decryption needs ${what} ≥ ${lo?.toFixed(2) ?? "more than the range allows"}, security ≥ ${qn.targetBits} bits needs ${what} ≤ ${hi?.toFixed(2) ?? "less than the range allows"}`
        : `security ≥ ${qn.targetBits} bits needs ${what} ≥ ${lo?.toFixed(2) ?? "more than the range allows"}, decryption at ‖c‖₂ = ${qn.norm} needs ${what} ≤ ${hi?.toFixed(2) ?? "less than the range allows"}`;
    throw new EstimatorParameterError(`no ${what} meets both targets (${why}, under "${model}")`);
  }
  const v = value!;
  const point = at(v);
  const sec = securityAt(qn, point);
  const toValue = (x: number): number => (qn.for === "sigma" ? 2 ** x : x);
  return {
    for: qn.for,
    value: toValue(v),
    interval: [toValue(lo), toValue(hi)],
    bits: sec.bits,
    limitedBy: sec.limitedBy,
    log2Failure: failureAt(qn, point),
    model,
  };
}
