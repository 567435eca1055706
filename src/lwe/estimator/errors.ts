/**
 * Error type of the LWE security estimator (src/lwe/estimator). Every message names the offending
 * value and states what was expected, so a bad parameter never turns into a silent NaN estimate.
 */

/** Thrown for invalid estimator input (n < 1, non-finite values, logQ ≤ 0, stddev ≤ 0, η < 1, a ≥ b, m < 1, ...). */
export class EstimatorParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EstimatorParameterError";
  }
}

/** Describe a value for an error message (keeps NaN / ±Infinity / non-numbers readable). */
export function describeValue(x: unknown): string {
  if (typeof x === "number") return Number.isNaN(x) ? "NaN" : String(x);
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  if (typeof x === "string") return JSON.stringify(x);
  try {
    return `${typeof x} ${JSON.stringify(x)}`;
  } catch {
    return typeof x;
  }
}

/** Throw unless `x` is a finite number. */
export function requireFinite(name: string, x: unknown): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new EstimatorParameterError(`${name} = ${describeValue(x)}: expected a finite number`);
  }
  return x;
}
