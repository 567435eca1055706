/**
 * Batch gradient descent for least squares (the iterative alternative to QR), on standardised features:
 * β ← β − η·(2/n)·[1 | X]ᵀ([1 | X]β − y), until the gradient's norm is below `tolerance` (a loss-based
 * stop would halt early along the flat directions that correlated features create).
 */
import { TrainingError } from "./errors.js";
import type { LinearFit } from "./ols.js";

export interface GradientDescentOptions {
  readonly learningRate?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Called every 100 iterations (the CLI's progress bar): iterations done, the maximum. */
  readonly onProgress?: (iteration: number, maxIterations: number) => void;
}

export interface GradientDescentFit extends LinearFit {
  readonly iterations: number;
  readonly converged: boolean;
  /** Mean squared error after each 10th iteration (for convergence plots). */
  readonly lossHistory: readonly number[];
}

export function gradientDescent(x: readonly Float64Array[], y: ArrayLike<number>, options: GradientDescentOptions = {}): GradientDescentFit {
  const eta = options.learningRate ?? 0.1;
  const maxIt = options.maxIterations ?? 20_000;
  const tol = options.tolerance ?? 1e-10;
  if (!(eta > 0 && eta < 2)) throw new TrainingError(`learning rate ${eta}: expected a number in (0, 2) for standardised features`);
  const n = x.length;
  const k = x[0]!.length;
  const w = new Float64Array(k);
  let b = 0;
  const resid = new Float64Array(n);
  const loss = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let pred = b;
      for (let j = 0; j < k; j++) pred += w[j]! * x[i]![j]!;
      resid[i] = pred - y[i]!;
      s += resid[i]! ** 2;
    }
    return s / n;
  };
  let prev = loss();
  const history = [prev];
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    let gb = 0;
    const gw = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      gb += resid[i]!;
      for (let j = 0; j < k; j++) gw[j]! += resid[i]! * x[i]![j]!;
    }
    let g2 = (2 * gb / n) ** 2;
    for (let j = 0; j < k; j++) g2 += (2 * gw[j]! / n) ** 2;
    if (Math.sqrt(g2) <= tol) {
      converged = true;
      break;
    }
    b -= (eta * 2 * gb) / n;
    for (let j = 0; j < k; j++) w[j]! -= (eta * 2 * gw[j]!) / n;
    const cur = loss();
    // A rise larger than rounding noise (relative to the starting loss) means the step is too large.
    if (!Number.isFinite(cur) || cur - prev > 1e-12 * history[0]!)
      throw new TrainingError(`gradient descent diverged at iteration ${it + 1} (loss rose from ${prev.toPrecision(4)} to ${cur.toPrecision(4)}): lower the learning rate (${eta})`);
    if ((it + 1) % 10 === 0) history.push(cur);
    if ((it + 1) % 100 === 0) options.onProgress?.(it + 1, maxIt);
    prev = cur;
  }
  return { weights: w, intercept: b, iterations: it, converged, lossHistory: history };
}
