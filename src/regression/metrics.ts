/**
 * Regression metrics: mean squared error, mean absolute error, coefficient of determination R².
 */
export interface Metrics {
  readonly mse: number;
  readonly mae: number;
  readonly r2: number;
}

export function metrics(y: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
  const n = y.length;
  if (n === 0 || predicted.length !== n) throw new RangeError(`metrics: ${n} targets but ${predicted.length} predictions`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]! / n;
  let sse = 0;
  let sae = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - predicted[i]!;
    sse += e * e;
    sae += Math.abs(e);
    sst += (y[i]! - mean) ** 2;
  }
  return { mse: sse / n, mae: sae / n, r2: sst === 0 ? NaN : 1 - sse / sst };
}
