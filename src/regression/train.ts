/**
 * The training pipeline: select columns, split (seeded), standardise, fit (QR least squares or gradient
 * descent), express the fit on raw features, quantise it for the VM, and measure float and quantised error
 * on the held-out rows.
 */
import { DataError, TrainingError } from "./errors.js";
import { type GradientDescentOptions, gradientDescent } from "./gradient-descent.js";
import { type Metrics, metrics } from "./metrics.js";
import { leastSquares } from "./ols.js";
import {
  type InputEncoding,
  type QuantizedLinearModel,
  type WeightEncoding,
  clearAccumulator,
  quantizeLinearModel,
  quantizeRow,
} from "./quantized-model.js";
import { fitStandardizer, standardize, trainTestSplit } from "./split.js";
import { type NumericData, type Table, selectNumeric } from "./table.js";

export type TrainingMethod = "ols" | "gd";

export interface TrainOptions {
  readonly features: readonly string[];
  readonly target: string;
  readonly nBits: number;
  readonly method?: TrainingMethod;
  readonly inputEncoding?: InputEncoding;
  readonly weightEncoding?: WeightEncoding;
  readonly testFraction?: number;
  readonly seed?: string;
  readonly dropMissing?: boolean;
  readonly gradientDescent?: GradientDescentOptions;
}

export interface LinearRegressionModel {
  readonly features: readonly string[];
  readonly target: string;
  /** Float model on raw features: y = Σ w_j·x_j + b. */
  readonly weights: readonly number[];
  readonly intercept: number;
  readonly quantized: QuantizedLinearModel;
  readonly dataset: { readonly name: string; readonly sha256: string; readonly rows: number; readonly dropped: number };
  readonly training: {
    readonly method: TrainingMethod;
    readonly seed: string;
    readonly testFraction: number;
    readonly trainRows: number;
    readonly testRows: number;
    readonly iterations?: number;
    readonly standardization: { readonly mean: readonly number[]; readonly std: readonly number[] };
    readonly inputMin: readonly number[];
    readonly inputMax: readonly number[];
    readonly testMetrics: { readonly float: Metrics; readonly quantized: Metrics };
  };
}

export interface TrainResult {
  readonly model: LinearRegressionModel;
  readonly data: NumericData;
  readonly train: readonly number[];
  readonly test: readonly number[];
}

/** Float prediction of the model for one raw row. */
export function predictFloat(model: Pick<LinearRegressionModel, "weights" | "intercept">, row: ArrayLike<number>): number {
  let s = model.intercept;
  for (let j = 0; j < model.weights.length; j++) s += model.weights[j]! * row[j]!;
  return s;
}

/** Prediction of the quantised model (exact integer accumulator, then × output scale). */
export function predictQuantized(q: QuantizedLinearModel, row: ArrayLike<number>): number {
  return q.outputScale * clearAccumulator(q, quantizeRow(q, row));
}

export function trainLinearRegression(table: Table, options: TrainOptions): TrainResult {
  const method = options.method ?? "ols";
  const seed = options.seed ?? "encryptai";
  const testFraction = options.testFraction ?? 0.2;
  const data = selectNumeric(table, options.features, options.target, { dropMissing: options.dropMissing ?? false });
  const { train, test } = trainTestSplit(data.x.length, testFraction, seed);
  if (train.length < options.features.length + 2)
    throw new DataError(`${table.name}: ${train.length} training rows are too few for ${options.features.length} features`);
  const xTrain = train.map((i) => data.x[i]!);
  const yTrain = Float64Array.from(train, (i) => data.y[i]!);
  const st = fitStandardizer(xTrain);
  const zTrain = standardize(st, xTrain);
  const names = options.features;
  let fit: { weights: ArrayLike<number>; intercept: number };
  let iterations: number | undefined;
  if (method === "ols") fit = leastSquares(zTrain, yTrain, names);
  else {
    const yMean = yTrain.reduce((s, v) => s + v, 0) / yTrain.length;
    const yStd = Math.sqrt(yTrain.reduce((s, v) => s + (v - yMean) ** 2, 0) / yTrain.length) || 1;
    const g = gradientDescent(zTrain, yTrain.map((v) => (v - yMean) / yStd), options.gradientDescent);
    if (!g.converged)
      throw new TrainingError(`gradient descent did not converge in ${g.iterations} iterations: raise maxIterations or use the ols method`);
    fit = { weights: Array.from(g.weights, (w) => w * yStd), intercept: g.intercept * yStd + yMean };
    iterations = g.iterations;
  }
  // Back to raw features: w_j = w'_j / σ_j, b = b' − Σ w'_j μ_j / σ_j.
  const weights = Array.from({ length: names.length }, (_, j) => fit.weights[j]! / st.std[j]!);
  const intercept = fit.intercept - weights.reduce((s, w, j) => s + w * st.mean[j]!, 0);
  const inputMin = names.map((_, j) => Math.min(...xTrain.map((r) => r[j]!)));
  const inputMax = names.map((_, j) => Math.max(...xTrain.map((r) => r[j]!)));
  const quantized = quantizeLinearModel(weights, intercept, inputMin, inputMax, {
    nBits: options.nBits,
    inputEncoding: options.inputEncoding ?? "signed",
    weightEncoding: options.weightEncoding ?? "signed",
  });
  const yTest = test.map((i) => data.y[i]!);
  const floatPred = test.map((i) => predictFloat({ weights, intercept }, data.x[i]!));
  const quantPred = test.map((i) => predictQuantized(quantized, data.x[i]!));
  const model: LinearRegressionModel = {
    features: [...names],
    target: options.target,
    weights,
    intercept,
    quantized,
    dataset: { name: table.name, sha256: table.sha256, rows: data.x.length, dropped: data.dropped },
    training: {
      method,
      seed,
      testFraction,
      trainRows: train.length,
      testRows: test.length,
      ...(iterations === undefined ? {} : { iterations }),
      standardization: { mean: st.mean, std: st.std },
      inputMin,
      inputMax,
      testMetrics: { float: metrics(yTest, floatPred), quantized: metrics(yTest, quantPred) },
    },
  };
  return { model, data, train, test };
}
