/**
 * Classifier files: the versioned, canonical, hashed JSON of a trained, quantised linear classifier (classifier.ts),
 * written and checked exactly as regression model files are (model-file.ts: sorted keys, SHA-256 over everything
 * but the hash, every field validated before use, the size capped before parsing). The format names the task, so a
 * classifier is never read as a regression nor the other way round.
 */
import type { ClassificationMetrics } from "./classification-metrics.js";
import { type LinearClassifierModel, MAX_CLASSES } from "./classifier.js";
import { ModelFileError } from "./errors.js";
import { type Json, arr, checkSplit, fail, int, num, obj, oneOf, str } from "./json-fields.js";
import { MODEL_FILE_LIMITS, canonicalJson, checkedHash, hashOf, parseTopLevel, validateQuantized } from "./model-file.js";

export const CLASSIFIER_FORMAT = "encryptai-linear-classifier";
export const CLASSIFIER_VERSION = 1;

export interface ClassifierFile {
  readonly format: typeof CLASSIFIER_FORMAT;
  readonly version: typeof CLASSIFIER_VERSION;
  readonly model: LinearClassifierModel;
  /** "sha256:<hex>" of the canonical bytes of {format, version, model}. */
  readonly hash: string;
}

const plain = (model: LinearClassifierModel): LinearClassifierModel => JSON.parse(JSON.stringify(model)) as LinearClassifierModel;

export function classifierHash(model: LinearClassifierModel): string {
  return hashOf({ format: CLASSIFIER_FORMAT, version: CLASSIFIER_VERSION, model: plain(model) });
}

/** Canonical text of a classifier file (what `train --task classification --out` writes). */
export function serializeClassifier(model: LinearClassifierModel): string {
  const body = { format: CLASSIFIER_FORMAT, version: CLASSIFIER_VERSION, model: plain(model) } as const;
  return `${canonicalJson({ ...body, hash: hashOf(body) })}\n`;
}

function classMetrics(v: Json, path: string, k: number): ClassificationMetrics {
  const o = obj(v, path);
  const unit = (x: Json, p: string): number => {
    const n = num(x, p);
    if (n < 0 || n > 1) fail(p, "a number in [0, 1]", n);
    return n;
  };
  return {
    accuracy: unit(o.accuracy, `${path}.accuracy`),
    macroF1: unit(o.macroF1, `${path}.macroF1`),
    confusion: arr(o.confusion, `${path}.confusion`, k, (row, p) => arr(row, p, k, (c, q) => int(c, q, 0))),
  };
}

function validateClassifier(v: Json): LinearClassifierModel {
  const m = obj(v, "model");
  if (Array.isArray(m.features) && m.features.length > MODEL_FILE_LIMITS.features)
    fail("model.features", `at most ${MODEL_FILE_LIMITS.features} features`, `${m.features.length} features`);
  if (Array.isArray(m.classes) && m.classes.length > MAX_CLASSES) fail("model.classes", `at most ${MAX_CLASSES} classes`, `${m.classes.length} classes`);
  const features = arr(m.features, "model.features", undefined, str);
  if (features.length === 0) fail("model.features", "at least one feature", features);
  const classes = arr(m.classes, "model.classes", undefined, str);
  if (classes.length < 2) fail("model.classes", "at least two classes", classes);
  const dup = classes.find((c, i) => classes.indexOf(c) !== i);
  if (dup !== undefined) fail("model.classes", "distinct class names", dup);
  const kind = oneOf(m.kind, "model.kind", ["binary-logistic", "one-vs-rest-logistic"] as const);
  const scores = classes.length === 2 ? 1 : classes.length;
  if ((kind === "binary-logistic") !== (classes.length === 2)) fail("model.kind", `"${classes.length === 2 ? "binary-logistic" : "one-vs-rest-logistic"}" for ${classes.length} classes`, kind);
  const f = features.length;
  const quantized = arr(m.quantized, "model.quantized", scores, (q, p) => validateQuantized(q, f, p));
  const inputs = JSON.stringify(quantized[0]!.inputs);
  quantized.forEach((q, c) => {
    if (JSON.stringify(q.inputs) !== inputs) fail(`model.quantized[${c}].inputs`, "the same input quantisation as score 0 (the scores share one encrypted row)", q.inputs);
  });
  const d = obj(m.dataset, "model.dataset");
  const t = obj(m.training, "model.training");
  const tm = obj(t.testMetrics, "model.training.testMetrics");
  const sha = str(d.sha256, "model.dataset.sha256");
  if (!/^[0-9a-f]{64}$/.test(sha)) fail("model.dataset.sha256", "64 hex digits", sha);
  checkSplit(t, int(d.rows, "model.dataset.rows", 1), "model.training");
  const l2 = num(t.l2, "model.training.l2");
  if (l2 < 0) fail("model.training.l2", "a number ≥ 0", l2);
  return {
    kind,
    features,
    target: str(m.target, "model.target"),
    classes,
    weights: arr(m.weights, "model.weights", scores, (w, p) => arr(w, p, f, num)),
    intercepts: arr(m.intercepts, "model.intercepts", scores, num),
    quantized,
    dataset: { name: str(d.name, "model.dataset.name"), sha256: sha, rows: int(d.rows, "model.dataset.rows", 1), dropped: int(d.dropped, "model.dataset.dropped", 0) },
    training: {
      seed: str(t.seed, "model.training.seed"),
      testFraction: num(t.testFraction, "model.training.testFraction"),
      l2,
      trainRows: int(t.trainRows, "model.training.trainRows", 1),
      testRows: int(t.testRows, "model.training.testRows", 1),
      newtonSteps: arr(t.newtonSteps, "model.training.newtonSteps", scores, (x, p) => int(x, p, 1)),
      testMetrics: {
        float: classMetrics(tm.float, "model.training.testMetrics.float", classes.length),
        quantized: classMetrics(tm.quantized, "model.training.testMetrics.quantized", classes.length),
      },
    },
  };
}

/** Parses and validates a classifier file; rejects a changed file whose hash no longer matches. */
export function parseClassifier(text: string, source = "classifier file"): ClassifierFile {
  const o = parseTopLevel(text, source);
  if (o.format !== CLASSIFIER_FORMAT)
    throw new ModelFileError(`${source}: format ${JSON.stringify(o.format)?.slice(0, 60)} is not a classifier (expected "${CLASSIFIER_FORMAT}"${o.format === "encryptai-linear-model" ? "; this is a regression model file" : ""})`);
  if (o.version !== CLASSIFIER_VERSION) throw new ModelFileError(`${source}: classifier format version ${JSON.stringify(o.version)} is not supported (expected ${CLASSIFIER_VERSION})`);
  const stored = checkedHash(o, source, CLASSIFIER_FORMAT, CLASSIFIER_VERSION, "classifier");
  return { format: CLASSIFIER_FORMAT, version: CLASSIFIER_VERSION, model: validateClassifier(o.model), hash: stored };
}
