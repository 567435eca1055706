/**
 * Ordinary least squares by Householder QR on typed arrays (numerically sound: no normal equations),
 * with an intercept column, and detection of rank deficiency (a feature that is a linear combination of
 * others) naming the feature.
 */
import { TrainingError } from "./errors.js";

export interface LinearFit {
  /** Coefficient per feature. */
  readonly weights: Float64Array;
  readonly intercept: number;
}

/** Solves min ‖[1 | X]·β − y‖₂. `names` label features in errors. */
export function leastSquares(x: readonly Float64Array[], y: ArrayLike<number>, names?: readonly string[]): LinearFit {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const p = k + 1;
  if (n < p) throw new TrainingError(`least squares needs at least ${p} rows for ${k} features, got ${n}`);
  // Column-major copy of [1 | X] and of y.
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    a[i] = 1;
    for (let j = 0; j < k; j++) a[(j + 1) * n + i] = x[i]![j]!;
  }
  const b = Float64Array.from(y as ArrayLike<number>);
  const colNorms = Array.from({ length: p }, (_, j) => Math.hypot(...a.subarray(j * n, (j + 1) * n)));
  for (let j = 0; j < p; j++) {
    const col = j * n;
    let norm = 0;
    for (let i = j; i < n; i++) norm += a[col + i]! ** 2;
    norm = Math.sqrt(norm);
    if (norm <= 1e-11 * (colNorms[j]! || 1)) {
      const what = j === 0 ? "the intercept" : `feature "${names?.[j - 1] ?? `#${j - 1}`}"`;
      throw new TrainingError(`${what} is a linear combination of the columns before it (collinear features): drop one of them`);
    }
    const alpha = a[col + j]! > 0 ? -norm : norm;
    // v = a[j:, j] − alpha·e1, stored in place; H = I − 2vvᵀ/(vᵀv)
    a[col + j]! -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += a[col + i]! ** 2;
    const apply = (off: number, target: Float64Array): void => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += a[col + i]! * target[off + i]!;
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) target[off + i]! -= f * a[col + i]!;
    };
    for (let c = j + 1; c < p; c++) apply(c * n, a);
    apply(0, b);
    a[col + j] = alpha; // R_jj (the rest of the column now holds v, no longer needed)
  }
  // Back-substitution R·β = (Qᵀy)[0:p]
  const beta = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let c = j + 1; c < p; c++) s -= a[c * n + j]! * beta[c]!;
    beta[j] = s / a[j * n + j]!;
  }
  return { intercept: beta[0]!, weights: beta.subarray(1) };
}

/** Predictions of a fit on rows of features. */
export function predict(fit: LinearFit, x: readonly Float64Array[]): Float64Array {
  return Float64Array.from(x, (row) => row.reduce((s, v, j) => s + v * fit.weights[j]!, fit.intercept));
}
