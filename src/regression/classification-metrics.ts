/**
 * Classification metrics: the confusion matrix (rows: true class, columns: predicted class), accuracy and the
 * macro-averaged F1 score: the unweighted mean of the per-class F1 over the classes that occur among the labels or
 * the predictions (scikit-learn's default `labels`: a class absent from both does not count).
 */
export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** confusion[t][p]: rows of true class t predicted as p. */
  readonly confusion: readonly (readonly number[])[];
}

export function classificationMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ClassificationMetrics {
  const n = truth.length;
  if (n === 0 || predicted.length !== n) throw new RangeError(`classification metrics: ${n} labels but ${predicted.length} predictions`);
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classification metrics: ${classes} classes, expected at least 2`);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < n; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < classes) || !(Number.isInteger(p) && p >= 0 && p < classes))
      throw new RangeError(`classification metrics: row ${i} has class ${t} → ${p}, expected 0 … ${classes - 1}`);
    confusion[t]![p]!++;
  }
  let correct = 0;
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    const tp = confusion[c]![c]!;
    correct += tp;
    const actual = confusion[c]!.reduce((s, v) => s + v, 0);
    const predictedAs = confusion.reduce((s, row) => s + row[c]!, 0);
    if (actual + predictedAs === 0) continue; // absent from labels and predictions
    present++;
    // F1 = 2·tp / (actual + predicted): the harmonic mean of precision and recall
    f1Sum += (2 * tp) / (actual + predictedAs);
  }
  return { accuracy: correct / n, macroF1: f1Sum / present, confusion };
}
