/**
 * Binary logistic regression with L2 regularisation, fitted by Newton's method (iteratively reweighted least
 * squares, IRLS): minimise
 *
 *   L(w, b) = −Σ_i [ y_i log p_i + (1 − y_i) log(1 − p_i) ] + (λ/2)·‖w‖²,   p_i = σ(w·x_i + b)
 *
 * (the intercept b is not penalised). Each step solves (XᵀWX + λI')·Δ = ∇ with W = diag(p(1 − p)) by a
 * Cholesky factorisation: the Hessian is positive definite for λ > 0 or full-rank X. With λ > 0 the optimum is
 * unique even on separable data. The thesis's future work (§6) names logistic regression; Concrete-ML's
 * LogisticRegression is the anchor (it trains in the clear and quantises, as here).
 */
import { TrainingError } from "./errors.js";

export interface LogisticOptions {
  /** λ, the L2 penalty on the weights (default 1). */
  readonly l2?: number;
  readonly maxIterations?: number;
  /** Stop when the largest |Newton step| is below this (default 1e-10). */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  /** The penalised negative log-likelihood at the fit. */
  readonly loss: number;
}

export const sigmoid = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** log(1 + e^t) without overflow. */
const softplus = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/** The penalised negative log-likelihood of (w, b) on (x, y). */
export function logisticLoss(x: readonly Float64Array[], y: ArrayLike<number>, weights: ArrayLike<number>, intercept: number, l2: number): number {
  let loss = 0;
  x.forEach((row, i) => {
    let t = intercept;
    for (let j = 0; j < row.length; j++) t += weights[j]! * row[j]!;
    // −[y log σ(t) + (1 − y) log(1 − σ(t))] = softplus(t) − y·t
    loss += softplus(t) - y[i]! * t;
  });
  let norm = 0;
  for (let j = 0; j < weights.length; j++) norm += weights[j]! ** 2;
  return loss + (l2 / 2) * norm;
}

/** Solves A·v = rhs for a symmetric positive definite A (row-major, n × n) by Cholesky; throws if A is not. */
export function solveCholesky(a: readonly Float64Array[], rhs: ArrayLike<number>): Float64Array {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new TrainingError(`the Hessian is not positive definite (pivot ${i}: ${s}): a constant or duplicated feature? raise the L2 penalty`);
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = rhs[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
  }
  const v = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * v[k]!;
    v[i] = s / l[i]![i]!;
  }
  return v;
}

/** Fits w, b on rows x (standardised features work best) and labels y ∈ {0, 1}. */
export function fitLogistic(x: readonly Float64Array[], y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new TrainingError(`L2 penalty ${l2}: expected a finite number ≥ 0`);
  if (x.length === 0) throw new TrainingError("no training rows");
  const d = x[0]!.length;
  for (let i = 0; i < x.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new TrainingError(`label ${String(y[i])} at training row ${i}: expected 0 or 1`);
    if (x[i]!.length !== d) throw new TrainingError(`training row ${i} has ${x[i]!.length} features, expected ${d}`);
  }
  // θ = (b, w_1 … w_d); the design row is (1, x_i)
  const theta = new Float64Array(d + 1);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const grad = new Float64Array(d + 1);
    const hess = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let t = theta[0]!;
      for (let j = 0; j < d; j++) t += theta[j + 1]! * row[j]!;
      const p = sigmoid(t);
      const r = y[i]! - p;
      const w = p * (1 - p);
      for (let a = 0; a <= d; a++) {
        const xa = a === 0 ? 1 : row[a - 1]!;
        grad[a]! += r * xa;
        for (let b = 0; b <= a; b++) hess[a]![b]! += w * xa * (b === 0 ? 1 : row[b - 1]!);
      }
    }
    for (let a = 1; a <= d; a++) {
      grad[a]! -= l2 * theta[a]!;
      hess[a]![a]! += l2;
    }
    for (let a = 0; a <= d; a++) for (let b = a + 1; b <= d; b++) hess[a]![b] = hess[b]![a]!;
    const step = solveCholesky(hess, grad);
    let largest = 0;
    for (let a = 0; a <= d; a++) {
      theta[a]! += step[a]!;
      largest = Math.max(largest, Math.abs(step[a]!));
    }
    if (largest < tolerance) {
      const weights = theta.slice(1);
      return { weights, intercept: theta[0]!, iterations: iteration, loss: logisticLoss(x, y, weights, theta[0]!, l2) };
    }
  }
  throw new TrainingError(`logistic regression did not converge in ${maxIterations} Newton steps: raise the L2 penalty or maxIterations`);
}
