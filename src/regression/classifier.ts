/**
 * Linear classifiers for encrypted inference (issue 15; the thesis's future work, §6, names logistic regression):
 * binary logistic regression, and one-vs-rest logistic regression for three or more classes, trained in the
 * clear on standardised features (logistic.ts), expressed on raw features and quantised for the VM exactly as a
 * regression (quantized-model.ts): one integer linear circuit per class score, all over the same quantised
 * inputs. The encrypted evaluation computes the k scores; the user decrypts them and applies the only non-linear
 * step — the sign (binary) or the argmax (multi-class) — on their own side, in the clear.
 */
import { DataError } from "./errors.js";
import { type ClassificationMetrics, classificationMetrics } from "./classification-metrics.js";
import { type LogisticOptions, fitLogistic } from "./logistic.js";
import { type QuantizedLinearModel, clearAccumulator, quantizeLinearModel, quantizeRow } from "./quantized-model.js";
import { fitStandardizer, standardize, trainTestSplit } from "./split.js";
import { type NumericData, type Table, columnIndex, selectNumeric } from "./table.js";

/** The most classes a classifier takes (one circuit, and one output ciphertext, per class score). */
export const MAX_CLASSES = 16;

export interface ClassifierOptions {
  readonly features: readonly string[];
  readonly target: string;
  /** The classes, in order (default: every value of the target column, sorted). Rows of other classes are an error. */
  readonly classes?: readonly string[];
  readonly nBits: number;
  readonly logistic?: LogisticOptions;
  readonly testFraction?: number;
  readonly seed?: string;
  readonly dropMissing?: boolean;
}

export interface LinearClassifierModel {
  readonly kind: "binary-logistic" | "one-vs-rest-logistic";
  readonly features: readonly string[];
  readonly target: string;
  readonly classes: readonly string[];
  /**
   * One linear score per row of `weights` on raw features: binary — one score, the logit of classes[1];
   * one-vs-rest — one score per class, the largest wins.
   */
  readonly weights: readonly (readonly number[])[];
  readonly intercepts: readonly number[];
  /** The scores quantised: one circuit each, over the same quantised inputs. */
  readonly quantized: readonly QuantizedLinearModel[];
  readonly dataset: { readonly name: string; readonly sha256: string; readonly rows: number; readonly dropped: number };
  readonly training: {
    readonly seed: string;
    readonly testFraction: number;
    readonly l2: number;
    readonly trainRows: number;
    readonly testRows: number;
    readonly newtonSteps: readonly number[];
    readonly testMetrics: { readonly float: ClassificationMetrics; readonly quantized: ClassificationMetrics };
  };
}

export interface ClassifierResult {
  readonly model: LinearClassifierModel;
  /** Features and class indices (y) of the usable rows. */
  readonly data: NumericData;
  readonly train: readonly number[];
  readonly test: readonly number[];
}

/** Class index from k scores: binary — score > 0 is class 1; otherwise the first largest score. */
export function classFromScores(scores: ArrayLike<number>): number {
  if (scores.length === 1) return scores[0]! > 0 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

/** The float model's class scores for one raw row. */
export function floatScores(model: Pick<LinearClassifierModel, "weights" | "intercepts">, row: ArrayLike<number>): number[] {
  return model.weights.map((w, c) => w.reduce((s, wj, j) => s + wj * row[j]!, model.intercepts[c]!));
}

/** The quantised model's scores for one raw row: each score's exact integer accumulator × its output scale. */
export function quantizedScores(quantized: readonly QuantizedLinearModel[], row: ArrayLike<number>): number[] {
  return quantized.map((q) => q.outputScale * clearAccumulator(q, quantizeRow(q, row)));
}

/** Scores from decrypted accumulators (what the user does after decryption, before the sign or argmax). */
export function scoresFromAccumulators(quantized: readonly QuantizedLinearModel[], accumulators: ArrayLike<number | bigint>): number[] {
  if (accumulators.length !== quantized.length) throw new DataError(`${accumulators.length} decrypted scores for a model with ${quantized.length}`);
  return quantized.map((q, c) => q.outputScale * Number(accumulators[c]!));
}

/**
 * The rows' features and class indices: the target's text values are the classes (sorted, or as given); a
 * target with one class, more than MAX_CLASSES, or a value outside the given classes is an error naming it.
 */
export function selectClassification(table: Table, features: readonly string[], target: string, options: { classes?: readonly string[]; dropMissing?: boolean } = {}): { data: NumericData; classes: string[] } {
  const ti = columnIndex(table, target);
  const missing = (c: string): boolean => c === "" || /^(na|nan|null)$/i.test(c);
  const present = [...new Set(table.rows.map((r) => r[ti]!.trim()).filter((c) => !missing(c)))].sort();
  const classes = options.classes ? [...options.classes] : present;
  const dup = classes.find((c, i) => classes.indexOf(c) !== i);
  if (dup !== undefined) throw new DataError(`${table.name}: class "${dup}" is listed twice`);
  if (classes.length < 2) throw new DataError(`${table.name}: the target "${target}" has ${classes.length === 0 ? "no classes" : `one class ("${classes[0]}")`}: a classifier needs at least two`);
  if (classes.length > MAX_CLASSES) throw new DataError(`${table.name}: the target "${target}" has ${classes.length} classes, over the cap of ${MAX_CLASSES} (one output ciphertext per class): is it a numeric column? train a regression instead`);
  const index = new Map(classes.map((c, i) => [c, i]));
  const rows = table.rows.map((row, r) => {
    const cell = row[ti]!.trim();
    if (missing(cell)) return row;
    const i = index.get(cell);
    if (i === undefined) throw new DataError(`${table.name}: row ${r + 2} has class "${cell}" in "${target}", not one of ${classes.map((c) => `"${c}"`).join(", ")}`);
    return row.map((v, k) => (k === ti ? String(i) : v));
  });
  const data = selectNumeric({ ...table, rows }, features, target, options.dropMissing === undefined ? {} : { dropMissing: options.dropMissing });
  const seen = new Set(data.y);
  const absent = classes.filter((_, i) => !seen.has(i));
  if (absent.length > 0) throw new DataError(`${table.name}: no usable row of class ${absent.map((c) => `"${c}"`).join(", ")} in "${target}"`);
  return { data, classes };
}

export function trainLinearClassifier(table: Table, options: ClassifierOptions): ClassifierResult {
  const seed = options.seed ?? "encryptai";
  const testFraction = options.testFraction ?? 0.2;
  const l2 = options.logistic?.l2 ?? 1;
  const { data, classes } = selectClassification(table, options.features, options.target, {
    ...(options.classes ? { classes: options.classes } : {}),
    ...(options.dropMissing === undefined ? {} : { dropMissing: options.dropMissing }),
  });
  const { train, test } = trainTestSplit(data.x.length, testFraction, seed);
  const trainClasses = new Set(train.map((i) => data.y[i]!));
  const untrained = classes.filter((_, c) => !trainClasses.has(c));
  if (untrained.length > 0) throw new DataError(`${table.name}: the training split has no row of class ${untrained.map((c) => `"${c}"`).join(", ")}: use more rows or another seed`);
  const xTrain = train.map((i) => data.x[i]!);
  const st = fitStandardizer(xTrain);
  const zTrain = standardize(st, xTrain);
  // binary: one logit for classes[1]; one-vs-rest: class c against the rest, for every c
  const targets = classes.length === 2 ? [1] : classes.map((_, c) => c);
  const fits = targets.map((c) => fitLogistic(zTrain, train.map((i) => (data.y[i] === c ? 1 : 0)), { ...options.logistic, l2 }));
  // back to raw features: w_j = w'_j / σ_j, b = b' − Σ w_j μ_j
  const weights = fits.map((f) => Array.from(f.weights, (w, j) => w / st.std[j]!));
  const intercepts = fits.map((f, c) => f.intercept - weights[c]!.reduce((s, w, j) => s + w * st.mean[j]!, 0));
  const k = options.features.length;
  const inputMin = Array.from({ length: k }, (_, j) => Math.min(...xTrain.map((r) => r[j]!)));
  const inputMax = Array.from({ length: k }, (_, j) => Math.max(...xTrain.map((r) => r[j]!)));
  const quantized = weights.map((w, c) => quantizeLinearModel(w, intercepts[c]!, inputMin, inputMax, { nBits: options.nBits, inputEncoding: "signed", weightEncoding: "signed" }));
  const truth = test.map((i) => data.y[i]!);
  const floatPred = test.map((i) => classFromScores(floatScores({ weights, intercepts }, data.x[i]!)));
  const quantPred = test.map((i) => classFromScores(quantizedScores(quantized, data.x[i]!)));
  const model: LinearClassifierModel = {
    kind: classes.length === 2 ? "binary-logistic" : "one-vs-rest-logistic",
    features: [...options.features],
    target: options.target,
    classes,
    weights,
    intercepts,
    quantized,
    dataset: { name: table.name, sha256: table.sha256, rows: data.x.length, dropped: data.dropped },
    training: {
      seed,
      testFraction,
      l2,
      trainRows: train.length,
      testRows: test.length,
      newtonSteps: fits.map((f) => f.iterations),
      testMetrics: {
        float: classificationMetrics(truth, floatPred, classes.length),
        quantized: classificationMetrics(truth, quantPred, classes.length),
      },
    },
  };
  return { model, data, train, test };
}
