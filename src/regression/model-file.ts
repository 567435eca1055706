/**
 * Model files: a versioned, canonical JSON serialisation of a trained, quantised linear model and its hash
 * (SHA-256 over the canonical bytes of everything but the hash). The thesis's lesson from Giza — a model must
 * be serialised before it can be proved — with the hash as the model's identity for the VM and the chain.
 *
 * Canonical form: UTF-8 JSON, object keys sorted, no whitespace, numbers as JavaScript prints them (shortest
 * round-trip form). Loading validates every field, recomputes the circuit's derived values, and rejects a file
 * whose hash no longer matches its content. A model file may come from someone else: its size is checked
 * against MODEL_FILE_LIMITS before it is parsed, and its feature count and string lengths before they are used
 * (issue "Sound from model to payment", item 4).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { ModelFileError } from "./errors.js";
import { type Json, MAX_TEXT_CHARS, arr, checkModelShape, checkSplit, fail, int, num, obj, oneOf, str } from "./json-fields.js";
import type { Quantizer } from "./quantize.js";
import { type QuantizedLinearModel, signedBits } from "./quantized-model.js";
import type { LinearRegressionModel } from "./train.js";

export const MODEL_FORMAT = "encryptai-linear-model";
export const MODEL_VERSION = 1;

/** Caps on a model file, each refused with a ModelFileError naming it. */
export const MODEL_FILE_LIMITS = Object.freeze({
  /** Characters of the file's text, checked before parsing: 1 Mi (a 1024-feature model needs about 0.5 Mi). */
  chars: 1 << 20,
  /** Features: 1024 (as many as a model manifest may carry). */
  features: 1024,
  /** Characters of one name (feature, target, data set) or seed: 256. */
  textChars: MAX_TEXT_CHARS,
});

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly model: LinearRegressionModel;
  /** "sha256:<hex>" of the canonical bytes of {format, version, model}. */
  readonly hash: string;
}

/** Canonical JSON: sorted keys, no whitespace. Rejects non-finite numbers. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new ModelFileError(`cannot serialise the non-finite number ${v}`);
    if (v && typeof v === "object" && !Array.isArray(v))
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    return v;
  });
}

export function hashOf(body: { format: string; version: number; model: unknown }): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(canonicalJson(body))))}`;
}

/** The model's content hash ("sha256:…"). */
export function modelHash(model: LinearRegressionModel): string {
  return hashOf({ format: MODEL_FORMAT, version: MODEL_VERSION, model: plain(model) });
}

/** The model as plain JSON data (no undefined fields, no typed arrays). */
function plain(model: LinearRegressionModel): LinearRegressionModel {
  return JSON.parse(JSON.stringify(model)) as LinearRegressionModel;
}

/** Canonical text of a model file (what `train --out` writes). */
export function serializeModel(model: LinearRegressionModel): string {
  const body = { format: MODEL_FORMAT, version: MODEL_VERSION, model: plain(model) } as const;
  return `${canonicalJson({ ...body, hash: hashOf(body) })}\n`;
}

// --- validation -------------------------------------------------------------------------------------------

function quantizer(v: Json, path: string): Quantizer {
  const o = obj(v, path);
  const nBits = int(o.nBits, `${path}.nBits`, 2, 16);
  const signed = o.signed;
  if (typeof signed !== "boolean") fail(`${path}.signed`, "true or false", signed);
  const qmin = int(o.qmin, `${path}.qmin`);
  const qmax = int(o.qmax, `${path}.qmax`);
  const expect = signed ? [-(2 ** (nBits - 1)), 2 ** (nBits - 1) - 1] : [0, 2 ** nBits - 1];
  if (qmin !== expect[0] || qmax !== expect[1]) fail(`${path}.qmin/qmax`, `[${expect[0]}, ${expect[1]}] for ${nBits} ${signed ? "signed" : "unsigned"} bits`, [qmin, qmax]);
  const scale = num(o.scale, `${path}.scale`);
  if (!(scale > 0)) fail(`${path}.scale`, "a positive number", scale);
  return { nBits, signed: signed as boolean, scale, zeroPoint: int(o.zeroPoint, `${path}.zeroPoint`, qmin, qmax), qmin, qmax };
}

function metricsOf(v: Json, path: string): { mse: number; mae: number; r2: number } {
  const o = obj(v, path);
  return { mse: num(o.mse, `${path}.mse`), mae: num(o.mae, `${path}.mae`), r2: num(o.r2, `${path}.r2`) };
}

/**
 * Validates a quantised linear circuit over `k` features at `path`, recomputing its derived accumulator range (a
 * hand edit of the weights cannot leave it stale).
 */
export function validateQuantized(v: Json, k: number, path: string): QuantizedLinearModel {
  const q = obj(v, path);
  const nBits = int(q.nBits, `${path}.nBits`, 2, 16);
  const inputs = arr(q.inputs, `${path}.inputs`, k, quantizer);
  const circuitWeights = arr(q.circuitWeights, `${path}.circuitWeights`, k, (x, p) => int(x, p));
  const circuitConstant = int(q.circuitConstant, `${path}.circuitConstant`);
  const acc = obj(q.accumulator, `${path}.accumulator`);
  let min = circuitConstant;
  let max = circuitConstant;
  circuitWeights.forEach((w, j) => {
    min += Math.min(w * inputs[j]!.qmin, w * inputs[j]!.qmax);
    max += Math.max(w * inputs[j]!.qmin, w * inputs[j]!.qmax);
  });
  if (acc.min !== min || acc.max !== max || acc.signedBits !== signedBits(min, max))
    fail(`${path}.accumulator`, `{min: ${min}, max: ${max}, signedBits: ${signedBits(min, max)}} (recomputed from the weights)`, acc);
  // the prediction is weightScale · acc: any other output scale rescales or flips every prediction
  const weightQuantizer = quantizer(q.weightQuantizer, `${path}.weightQuantizer`);
  const outputScale = num(q.outputScale, `${path}.outputScale`);
  if (outputScale !== weightQuantizer.scale) fail(`${path}.outputScale`, `the weight quantiser's scale ${weightQuantizer.scale}`, outputScale);
  return {
    nBits,
    inputEncoding: oneOf(q.inputEncoding, `${path}.inputEncoding`, ["signed", "unsigned"] as const),
    weightEncoding: oneOf(q.weightEncoding, `${path}.weightEncoding`, ["signed", "unsigned"] as const),
    inputs,
    weightQuantizer,
    circuitWeights,
    circuitConstant,
    outputScale,
    accumulator: { min, max, signedBits: signedBits(min, max) },
  };
}

function validateModel(v: Json): LinearRegressionModel {
  const m = obj(v, "model");
  if (Array.isArray(m.features) && m.features.length > MODEL_FILE_LIMITS.features)
    fail("model.features", `at most ${MODEL_FILE_LIMITS.features} features`, `${m.features.length} features`);
  const features = arr(m.features, "model.features", undefined, str);
  if (features.length === 0) fail("model.features", "at least one feature", features);
  const k = features.length;
  const quantized = validateQuantized(m.quantized, k, "model.quantized");
  const d = obj(m.dataset, "model.dataset");
  const t = obj(m.training, "model.training");
  const st = obj(t.standardization, "model.training.standardization");
  const tm = obj(t.testMetrics, "model.training.testMetrics");
  const sha = str(d.sha256, "model.dataset.sha256");
  if (!/^[0-9a-f]{64}$/.test(sha)) fail("model.dataset.sha256", "64 hex digits", sha);
  checkSplit(t, int(d.rows, "model.dataset.rows", 1), "model.training");
  return {
    features,
    target: str(m.target, "model.target"),
    weights: arr(m.weights, "model.weights", k, num),
    intercept: num(m.intercept, "model.intercept"),
    quantized,
    dataset: { name: str(d.name, "model.dataset.name"), sha256: sha, rows: int(d.rows, "model.dataset.rows", 1), dropped: int(d.dropped, "model.dataset.dropped", 0) },
    training: {
      method: oneOf(t.method, "model.training.method", ["ols", "gd"] as const),
      seed: str(t.seed, "model.training.seed"),
      testFraction: num(t.testFraction, "model.training.testFraction"),
      trainRows: int(t.trainRows, "model.training.trainRows", 1),
      testRows: int(t.testRows, "model.training.testRows", 1),
      ...(t.iterations === undefined ? {} : { iterations: int(t.iterations, "model.training.iterations", 0) }),
      standardization: { mean: arr(st.mean, "model.training.standardization.mean", k, num), std: arr(st.std, "model.training.standardization.std", k, num) },
      inputMin: arr(t.inputMin, "model.training.inputMin", k, num),
      inputMax: arr(t.inputMax, "model.training.inputMax", k, num),
      testMetrics: { float: metricsOf(tm.float, "model.training.testMetrics.float"), quantized: metricsOf(tm.quantized, "model.training.testMetrics.quantized") },
    },
  };
}

/**
 * The top-level object of a hashed model-like file (a model or a classifier file): its size and shape checked
 * before JSON.parse builds anything.
 */
export function parseTopLevel(text: string, source: string): Record<string, Json> {
  if (typeof text !== "string") throw new ModelFileError(`${source}: expected the file's text, got ${typeof text}`);
  if (text.length > MODEL_FILE_LIMITS.chars) throw new ModelFileError(`${source} has ${text.length} characters, over the cap of ${MODEL_FILE_LIMITS.chars}`);
  checkModelShape(text, source, 4 * MODEL_FILE_LIMITS.features); // generous: the fields' own checks name the cap
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`${source} is not JSON: ${(e as Error).message}`);
  }
  return obj(raw, "(top level)");
}

/** The stored hash of {format, version, model, hash} once no other field is present and it matches the content. */
export function checkedHash(o: Record<string, Json>, source: string, format: string, version: number, what: string): string {
  const stored = str(o.hash, "hash");
  const extra = Object.keys(o).filter((key) => !["format", "version", "model", "hash"].includes(key));
  if (extra.length) fail(extra[0]!, "no such field (allowed: format, version, model, hash)", o[extra[0]!]);
  const computed = hashOf({ format, version, model: o.model });
  if (stored !== computed)
    throw new ModelFileError(`${source}: hash mismatch — the ${what} was changed after it was written (stored ${stored}, content hashes to ${computed})`);
  return stored;
}

/** Parses and validates a model file; rejects a changed file whose hash no longer matches. */
export function parseModel(text: string, source = "model file"): ModelFile {
  const o = parseTopLevel(text, source);
  if (o.format !== MODEL_FORMAT) fail("format", JSON.stringify(MODEL_FORMAT), o.format);
  if (o.version !== MODEL_VERSION) throw new ModelFileError(`${source}: model format version ${JSON.stringify(o.version)} is not supported (expected ${MODEL_VERSION})`);
  const stored = checkedHash(o, source, MODEL_FORMAT, MODEL_VERSION, "model");
  const model = validateModel(o.model);
  return { format: MODEL_FORMAT, version: MODEL_VERSION, model, hash: stored };
}
