import { describe, expect, it } from "vitest";
import { CLASSIFIER_FORMAT, DATASETS, ModelFileError, canonicalJson, classifierHash, hashOf, loadDataset, parseClassifier, parseModel, serializeClassifier, trainLinearClassifier } from "./index.js";

const d = DATASETS.penguins!.classification!;
const { model } = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
const text = serializeClassifier(model);

/** The file with `edit` applied to its model and the hash recomputed (a well-formed file that lies in one field). */
function rehashed(edit: (m: any) => void): string {
  const raw = JSON.parse(text);
  edit(raw.model);
  const body = { format: raw.format, version: raw.version, model: raw.model };
  return `${canonicalJson({ ...body, hash: hashOf(body) })}\n`;
}

describe("classifier files", () => {
  it("round trip: the parsed model is the trained one, and the hash names it", () => {
    const f = parseClassifier(text);
    expect(f.model).toEqual(JSON.parse(JSON.stringify(model)));
    expect(f.hash).toBe(classifierHash(model));
    expect(serializeClassifier(f.model)).toBe(text);
  });

  it("a changed weight without a new hash is refused", () => {
    const raw = JSON.parse(text);
    raw.model.quantized[1].circuitWeights[0] += 1;
    expect(() => parseClassifier(JSON.stringify(raw))).toThrow(/hash mismatch — the classifier was changed/);
  });

  it("well-formed lies are refused, naming the field", () => {
    expect(() => parseClassifier(rehashed((m) => (m.quantized[1].circuitWeights[0] += 1)))).toThrow(/model\.quantized\[1\]\.accumulator.*recomputed/);
    expect(() => parseClassifier(rehashed((m) => m.quantized.pop()))).toThrow(/model\.quantized" .*expected an array of 3/);
    expect(() => parseClassifier(rehashed((m) => (m.kind = "binary-logistic")))).toThrow(/model\.kind.*"one-vs-rest-logistic" for 3 classes/);
    expect(() => parseClassifier(rehashed((m) => (m.classes = ["Adelie", "Adelie", "Gentoo"])))).toThrow(/distinct class names/);
    expect(() => parseClassifier(rehashed((m) => (m.quantized[2].inputs[0].scale *= 2)))).toThrow(/model\.quantized\[2\]\.inputs.*same input quantisation/);
    expect(() => parseClassifier(rehashed((m) => m.training.testMetrics.float.confusion.pop()))).toThrow(/confusion" .*an array of 3/);
    expect(() => parseClassifier(rehashed((m) => (m.classes = Array.from({ length: 17 }, (_, i) => `c${i}`))))).toThrow(/at most 16 classes/);
  });

  it("hostile edits that change results with a recomputed hash: a flipped output scale, an overlapping split, deep nesting", () => {
    expect(() => parseClassifier(rehashed((m) => (m.quantized[0].outputScale = -1)))).toThrow(/model\.quantized\[0\]\.outputScale.*the weight quantiser's scale/);
    expect(() => parseClassifier(rehashed((m) => Object.assign(m.training, { testFraction: 0.9 })))).not.toThrow(); // a fraction alone is not a lie …
    expect(() => parseClassifier(rehashed((m) => Object.assign(m.training, { trainRows: 300 })))).toThrow(/trainRows \+ testRows.*342 usable rows/); // … rows that do not add up are
    expect(() => parseClassifier(rehashed((m) => Object.assign(m.training, { testFraction: -5 })))).toThrow(/testFraction.*a number in \(0, 1\)/);
    const deep = `{"format":"${CLASSIFIER_FORMAT}","version":1,"hash":"x","model":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(() => parseClassifier(deep)).toThrow(/nests arrays or objects deeper than a model file does/);
    expect(() => parseModel(deep.replace(CLASSIFIER_FORMAT, "encryptai-linear-model"))).toThrow(/nests arrays or objects deeper/);
  });

  it("a regression model file is not a classifier, and a classifier is not a regression model", () => {
    expect(() => parseClassifier(JSON.stringify({ format: "encryptai-linear-model", version: 1, model: {}, hash: "x" }))).toThrow(/this is a regression model file/);
    expect(() => parseModel(text)).toThrow(ModelFileError);
    expect(JSON.parse(text).format).toBe(CLASSIFIER_FORMAT);
  });

  it("an oversized file is refused before parsing", () => {
    expect(() => parseClassifier(" ".repeat((1 << 20) + 1))).toThrow(/over the cap/);
  });
});
