/**
 * The classification side of `encryptai train` and `encryptai predict` (issue 15, item 2):
 *
 *   encryptai train --task classification --dataset penguins --out species.json
 *   encryptai train --task classification --csv F --target COL [--features …] [--classes a,b,c] [--l2 1]
 *   encryptai predict --model species.json --dataset penguins --split test --encrypted
 *
 * Training fits a binary or one-vs-rest logistic regression, quantises one circuit per class score and writes a
 * hashed classifier file; predicting reports accuracy, macro-F1 and the confusion matrix for the float, the
 * quantised and — with --encrypted — the encrypted model, whose decrypted scores must equal the quantised ones on
 * every row. The sign or argmax that turns scores into a class runs on the user's side, after decryption.
 */
import { readFile, stat } from "node:fs/promises";
import { PRESETS, getParams, keygen, seededRandom, systemRandom } from "../lwe/index.js";
import {
  type ClassifierFile,
  type ClassificationMetrics,
  type LinearClassifierModel,
  MODEL_FILE_LIMITS,
  type Table,
  classFromScores,
  classificationMetrics,
  encryptedClassify,
  floatScores,
  getDataset,
  parseClassifier,
  plaintextFit,
  checkPlaintextFit,
  clearAccumulator,
  quantizeRow,
  wrapToPlaintext,
  quantizedScores,
  scoresFromAccumulators,
  selectClassification,
  selectFeatures,
  clampedRows,
  serializeClassifier,
  trainLinearClassifier,
  trainTestSplit,
} from "../regression/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { CliUsageError } from "./errors.js";
import { table, toJson } from "./format.js";
import { checkWritable } from "./outputs.js";
import { parseIntStrict, parseNumber } from "./parse.js";
import { progress } from "./progress.js";
import { type ProvedBatch, provedBatch, provedLine, provedSummary } from "./proved-predict.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
const list = (s: string): string[] => s.split(",").map((x) => x.trim()).filter((x) => x !== "");

/** The model file's format field (read before choosing the regression or the classifier parser). */
export async function modelFileText(path: string, flag = "--model"): Promise<{ text: string; format: unknown }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new CliUsageError(`${flag} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > MODEL_FILE_LIMITS.chars * 4) throw new CliUsageError(`${flag} ${path}: ${size} bytes, too large for a model file`);
  const text = await readFile(path, "utf8");
  let format: unknown;
  try {
    format = (JSON.parse(text) as { format?: unknown }).format;
  } catch {
    format = undefined; // the parser names the problem
  }
  return { text, format };
}

/** Presets whose plaintext space holds every class score's accumulator. */
function presetsThatFit(model: LinearClassifierModel): string[] {
  return Object.values(PRESETS)
    .map((p) => p.params)
    .filter((p) => model.quantized.every((q) => plaintextFit(q, p).fits))
    .map((p) => p.id);
}

/** The largest L2 penalty accepted: beyond it every weight is ~0 and the classifier predicts one class. */
const MAX_L2 = 1e4;

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function confusionTable(m: ClassificationMetrics, classes: readonly string[]): string {
  return table(["true ↓ / predicted →", ...classes], m.confusion.map((row, t) => [classes[t]!, ...row]));
}

export async function trainClassifierCommand(o: Record<string, string | boolean | undefined>, input: () => Table): Promise<void> {
  const builtin = typeof o.dataset === "string" ? getDataset(o.dataset) : undefined;
  if (builtin && !builtin.classification && (typeof o.target !== "string" || typeof o.features !== "string"))
    throw new CliUsageError(`data set "${builtin.name}" has no default classification target: give --target and --features`);
  const features = typeof o.features === "string" ? list(o.features) : builtin?.classification?.features;
  const target = typeof o.target === "string" ? o.target : builtin?.classification?.target;
  if (!features || features.length === 0) throw new CliUsageError("--features is required with --csv");
  if (!target) throw new CliUsageError("--target is required with --csv");
  if (o.method !== undefined && o.method !== "ols") throw new CliUsageError("--method is for regressions: a classifier is fitted by Newton's method (IRLS)");
  if (o.inputs !== "signed" || o.weights !== "signed") throw new CliUsageError("--inputs and --weights: a classifier quantises signed inputs and weights");
  const classes = typeof o.classes === "string" ? list(o.classes) : undefined;
  const l2 = parseNumber(String(o.l2 ?? "1"), "--l2");
  if (!(l2 > 0 && l2 <= MAX_L2)) throw new CliUsageError(`--l2 ${l2}: expected a penalty in (0, ${MAX_L2}] (positive keeps separable classes finite; a huge one shrinks every weight to nothing)`);
  if (typeof o.out === "string") await checkWritable(o.out, { flag: "--out" });
  const { model } = trainLinearClassifier(input(), {
    features,
    target,
    ...(classes ? { classes } : {}),
    nBits: parseIntStrict(String(o.bits), "--bits"),
    logistic: { l2 },
    testFraction: parseNumber(String(o.testFraction), "--test-fraction"),
    seed: String(o.seed),
    dropMissing: builtin !== undefined || o.dropMissing === true,
  });
  const text = serializeClassifier(model);
  const hash = parseClassifier(text).hash;
  const fit = presetsThatFit(model);
  if (fit.length === 0) process.stderr.write(`warning: no LWE preset can hold this ${model.quantized[0]!.nBits}-bit classifier's scores (encrypted predict will refuse it; try fewer --bits)\n`);
  if (typeof o.out === "string") await writeFileAtomic(o.out, text);
  if (o.json) return out(toJson({ hash, out: o.out ?? null, presetsThatFit: fit, model }));
  const m = model.training.testMetrics;
  out(`${model.dataset.name}: ${model.target} (${model.classes.join(", ")}) ← ${model.features.join(", ")} — ${model.kind === "binary-logistic" ? "binary logistic regression" : "one-vs-rest logistic regression"}, L2 ${l2}`);
  out(`${model.training.trainRows} train / ${model.training.testRows} test rows${model.dataset.dropped ? `, ${model.dataset.dropped} dropped for missing values` : ""}; Newton steps ${model.training.newtonSteps.join(", ")}`);
  out(table(["test metric", "float", `quantised (${model.quantized[0]!.nBits} bits)`], [
    ["accuracy", pct(m.float.accuracy), pct(m.quantized.accuracy)],
    ["macro-F1", m.float.macroF1.toFixed(4), m.quantized.macroF1.toFixed(4)],
  ]));
  out("confusion matrix of the quantised model on the test split:");
  out(confusionTable(m.quantized, model.classes));
  out(`class scores: ${model.quantized.length} circuit${model.quantized.length === 1 ? "" : "s"} (accumulators of ${model.quantized.map((q) => q.accumulator.signedBits).join(", ")} signed bits); the user decrypts them and takes the ${model.quantized.length === 1 ? "sign" : "argmax"}`);
  out(`fits the LWE presets: ${fit.length ? fit.join(", ") : "none"}`);
  out(`classifier hash ${hash}${typeof o.out === "string" ? `, written to ${o.out}` : ""}`);
}

export async function predictClassifierCommand(o: Record<string, string | boolean | undefined>, text: string, input: () => Table): Promise<void> {
  const file = parseClassifier(text, String(o.model));
  const model = file.model;
  const limit = typeof o.limit === "string" ? parseIntStrict(o.limit, "--limit", 1) : undefined;
  const t = input();
  const hasTarget = t.columns.includes(model.target);
  // The model's own data set: exactly its rows (so --split test is its split). Any other labelled CSV: every row
  // with the features is classified; rows whose label is missing or not one of the model's classes are left out
  // of the metrics, with a warning.
  const own = hasTarget && t.sha256 === model.dataset.sha256;
  const features = own
    ? selectClassification(t, model.features, model.target, { classes: model.classes, dropMissing: true }).data
    : selectFeatures(t, model.features, { dropMissing: true, minRows: 1, rejectConstant: false });
  const targetColumn = t.columns.indexOf(model.target);
  const labelOf = (sourceRow: number): number => (own ? -2 : hasTarget ? model.classes.indexOf(t.rows[sourceRow - 2]![targetColumn]!.trim()) : -1);
  let data = { ...features, y: own ? features.y : Float64Array.from(features.sourceRows, labelOf) };
  if (o.split === "test") {
    if (!own || data.x.length !== model.dataset.rows)
      throw new CliUsageError(`--split test needs the data set the classifier was trained on (${model.dataset.name}, sha256 ${model.dataset.sha256.slice(0, 12)}…, ${model.dataset.rows} rows)`);
    const keep = [...trainTestSplit(data.x.length, model.training.testFraction, model.training.seed).test].sort((a, b) => a - b);
    data = { ...data, x: keep.map((i) => data.x[i]!), y: Float64Array.from(keep, (i) => data.y[i]!), sourceRows: keep.map((i) => data.sourceRows[i]!) };
  }
  if (limit !== undefined) data = { ...data, x: data.x.slice(0, limit), y: data.y.slice(0, limit), sourceRows: data.sourceRows.slice(0, limit) };
  if (data.x.length === 0) throw new CliUsageError("no rows to classify (an empty split, or every row had a missing value)");
  const clamped = clampedRows(model.quantized[0]!, data.x);
  if (clamped > 0) process.stderr.write(`warning: ${clamped} of ${data.x.length} rows have a feature outside the classifier's training range: clamped to it (quantisation), so their classes are extrapolations cut off at the range\n`);
  const labelled = hasTarget ? data.y.reduce((n, y) => n + (y >= 0 ? 1 : 0), 0) : 0;
  if (hasTarget && labelled < data.x.length)
    process.stderr.write(`warning: ${data.x.length - labelled} of ${data.x.length} rows have no label among the classifier's classes (${model.classes.join(", ")}) in "${model.target}": classified, left out of the metrics\n`);
  const floatClass = data.x.map((r) => classFromScores(floatScores(model, r)));
  const quantClass = data.x.map((r) => classFromScores(quantizedScores(model.quantized, r)));
  let encClass: readonly number[] | undefined;
  let equal: boolean | undefined;
  let proved: ProvedBatch | undefined;
  if (o.encrypted) {
    const random = typeof o.seed === "string" ? seededRandom(o.seed) : systemRandom();
    const keys = keygen(getParams(String(o.preset)), random);
    const encryption = o.encryption === "secret" ? "secret" : "public";
    if (o.prove) {
      const p = keys.publicKey.params;
      model.quantized.forEach((q) => checkPlaintextFit(q, p));
      proved = await provedBatch(model.quantized, true, data.x, keys, { random, encryption, ...(o.proofOut !== undefined ? { proofOut: String(o.proofOut) } : {}), onProgress: (label) => process.stderr.write(`${label}…\n`) });
      encClass = proved.accumulators.map((acc) => classFromScores(scoresFromAccumulators(model.quantized, acc)));
      equal = proved.accumulators.every((acc, i) => acc.every((a, c) => a === wrapToPlaintext(p, clearAccumulator(model.quantized[c]!, quantizeRow(model.quantized[c]!, data.x[i]!)))));
    } else {
      const bar = progress("encrypted rows", data.x.length, 20);
      try {
        const r = encryptedClassify(model.quantized, data.x, keys, { random, encryption, onProgress: (d) => bar.update(d) });
        encClass = r.classes;
        equal = r.allEqual;
      } finally {
        bar.stop();
      }
    }
    if (!equal) process.exitCode = 1;
  }
  const k = model.classes.length;
  const measured = data.x.map((_, i) => i).filter((i) => data.y[i]! >= 0);
  const metricsOf = (pred: readonly number[]) => classificationMetrics(measured.map((i) => data.y[i]!), measured.map((i) => pred[i]!), k);
  const trainingSet = own && o.split !== "test" ? new Set(trainTestSplit(model.dataset.rows, model.training.testFraction, model.training.seed).train) : undefined;
  const trainingRows = trainingSet ? data.x.filter((_, i) => trainingSet.has(i)).length : 0;
  const coverage =
    o.split === "test"
      ? `the classifier's held-out test split (${data.x.length} rows, as \`train\` reports it)`
      : `${measured.length} labelled row${measured.length === 1 ? "" : "s"} of the ${data.x.length} given${trainingSet ? ` (${trainingRows} of them training rows; --split test for the held-out split)` : ""}`;
  const result = {
    model: file.hash,
    classes: model.classes,
    rows: data.x.length,
    predictions: data.x.map((_, i) => ({
      row: data.sourceRows[i],
      float: model.classes[floatClass[i]!],
      quantized: model.classes[quantClass[i]!],
      ...(encClass ? { encrypted: model.classes[encClass[i]!] } : {}),
      ...(hasTarget ? { target: data.y[i]! >= 0 ? model.classes[data.y[i]!] : null } : {}),
    })),
    ...(hasTarget && measured.length > 0 ? { metrics: { float: metricsOf(floatClass), quantized: metricsOf(quantClass), ...(encClass ? { encrypted: metricsOf(encClass) } : {}) }, metricsCover: coverage } : {}),
    clampedRows: clamped,
    ...(equal === undefined ? {} : { encryptedEqualsQuantized: equal, preset: o.preset }),
    ...(proved ? { proof: provedSummary(proved) } : {}),
  };
  if (o.json) return out(toJson(result));
  const shown = result.predictions.slice(0, 10);
  out(table(["row", "float", "quantised", ...(encClass ? ["encrypted"] : []), ...(hasTarget ? [model.target] : [])],
    shown.map((p) => [p.row!, p.float!, p.quantized!, ...(encClass ? [p.encrypted!] : []), ...(hasTarget ? [p.target ?? "(not a class)"] : [])])));
  if (result.predictions.length > shown.length) out(`… ${result.predictions.length - shown.length} more rows (--json for all)`);
  if (result.metrics) {
    const ms = result.metrics as Record<string, ClassificationMetrics>;
    out(`metrics over ${coverage}:`);
    out(table(["metric", ...Object.keys(ms)], [
      ["accuracy", ...Object.values(ms).map((m) => pct(m.accuracy))],
      ["macro-F1", ...Object.values(ms).map((m) => m.macroF1.toFixed(4))],
    ]));
    out(`confusion matrix (${encClass ? "encrypted" : "quantised"}):`);
    out(confusionTable(encClass ? ms.encrypted! : ms.quantized!, model.classes));
  }
  if (equal !== undefined) out(`encrypted scores equal the quantised classifier's on all ${data.x.length} rows: ${equal ? "yes" : "NO"} (preset ${String(o.preset)})`);
  if (proved) out(provedLine(proved));
}

/**
 * `encryptai decode` on a classifier: the k decrypted accumulators of one row (in class-score order) → the scores
 * (each × its circuit's output scale) and the class (the sign for one score, the argmax for more). An accumulator
 * outside its circuit's range cannot be this classifier's output: a warning.
 */
export function decodeClassScores(file: ClassifierFile, accs: readonly bigint[], json: boolean): void {
  const model = file.model;
  if (accs.length !== model.quantized.length)
    throw new CliUsageError(`the classifier has ${model.quantized.length} class score${model.quantized.length === 1 ? "" : "s"} (${model.quantized.length === 1 ? `the logit of "${model.classes[1]}"` : model.classes.join(", ")}), ${accs.length} accumulators given`);
  model.quantized.forEach((q, c) => {
    const a = accs[c]!;
    if (a < BigInt(q.accumulator.min) || a > BigInt(q.accumulator.max))
      process.stderr.write(`warning: accumulator ${a} of score ${c} is outside its range [${q.accumulator.min}, ${q.accumulator.max}]: not an output of this classifier (another model, or a result that wrapped mod the plaintext modulus)\n`);
  });
  const scores = scoresFromAccumulators(model.quantized, accs);
  const cls = model.classes[classFromScores(scores)]!;
  if (json) return out(toJson({ model: file.hash, classes: model.classes, accumulators: accs.map(String), scores, class: cls }));
  const labels = model.quantized.length === 1 ? [`logit of ${model.classes[1]}`] : model.classes;
  out(table(["score", "accumulator", "× output scale"], labels.map((l, c) => [l, accs[c]!.toString(), scores[c]!.toPrecision(6)])));
  out(`class: ${cls} (${model.quantized.length === 1 ? "the sign of the logit" : "the largest score"}; classifier ${file.hash})`);
}

/** `decode` on a batch's rows (verify --decrypt --json of several rows): each row's class, and its scores. */
export function decodeClassRows(file: ClassifierFile, rows: readonly (readonly bigint[])[], json: boolean): void {
  const model = file.model;
  const k = model.quantized.length;
  rows.forEach((r, b) => {
    if (r.length !== k) throw new CliUsageError(`row ${b} has ${r.length} accumulators; the classifier has ${k} class score${k === 1 ? "" : "s"}`);
  });
  const decoded = rows.map((accs) => {
    const scores = scoresFromAccumulators(model.quantized, accs);
    return { accumulators: accs.map(String), scores, class: model.classes[classFromScores(scores)]! };
  });
  if (json) return out(toJson({ model: file.hash, classes: model.classes, rows: decoded }));
  out(table(["row", ...(k === 1 ? [`logit of ${model.classes[1]}`] : model.classes.map((c) => `score ${c}`)), "class"], decoded.map((d, b) => [b, ...d.scores.map((s) => s.toPrecision(4)), d.class])));
  out(`${rows.length} rows; class = ${k === 1 ? "the sign of the logit" : "the largest score"} (classifier ${file.hash})`);
}
