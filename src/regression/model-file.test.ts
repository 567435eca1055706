import { describe, expect, it } from "vitest";
import { DATASETS, MODEL_FILE_LIMITS, ModelFileError, canonicalJson, loadDataset, modelHash, parseModel, serializeModel, trainLinearRegression } from "./index.js";

const p = DATASETS.penguins!;
const train = (seed = "s") => trainLinearRegression(loadDataset("penguins"), { features: p.features, target: p.target, nBits: 8, dropMissing: true, seed }).model;

/** Edits a parsed file and re-serialises it (keeping the stored hash unless told otherwise). */
function edit(text: string, f: (o: Record<string, any>) => void): string {
  const o = JSON.parse(text) as Record<string, any>;
  f(o);
  return JSON.stringify(o);
}

describe("model files", () => {
  const model = train();
  const text = serializeModel(model);
  it("round-trip: the parsed model serialises to the same bytes and hash", () => {
    const file = parseModel(text);
    expect(serializeModel(file.model)).toBe(text);
    expect(file.hash).toBe(modelHash(model));
    expect(file.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it("is canonical: the same training run gives the same bytes, another seed another hash", () => {
    expect(serializeModel(train())).toBe(text);
    expect(modelHash(train("other"))).not.toBe(modelHash(model));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
  it("rejects a hand-edited file whose hash no longer matches", () => {
    const edited = edit(text, (o) => (o.model.quantized.circuitWeights[0] += 1));
    expect(() => parseModel(edited, "m.json")).toThrow(ModelFileError);
    expect(() => parseModel(edited, "m.json")).toThrow(/m.json: hash mismatch — the model was changed after it was written \(stored sha256:/);
  });
  it("rejects an edit whose hash was recomputed but whose derived values are now wrong, naming the field", () => {
    const edited = edit(text, (o) => {
      o.model.quantized.circuitWeights[0] += 1;
      o.hash = modelHash(o.model);
    });
    expect(() => parseModel(edited)).toThrow(/field "model.quantized.accumulator" .* \(recomputed from the weights\)/);
  });
  it("names malformed fields, unknown versions, extra fields and non-JSON", () => {
    const rehash = (f: (o: Record<string, any>) => void) =>
      edit(text, (o) => {
        f(o);
        o.hash = modelHash(o.model);
      });
    expect(() => parseModel(rehash((o) => (o.model.quantized.nBits = 40)))).toThrow(/field "model.quantized.nBits" is 40, expected an integer in \[2, 16\]/);
    expect(() => parseModel(rehash((o) => (o.model.features = [])))).toThrow(/field "model.features"/);
    expect(() => parseModel(rehash((o) => (o.model.weights = [1])))).toThrow(/field "model.weights" is \[1\], expected an array of 3/);
    expect(() => parseModel(rehash((o) => delete o.model.target))).toThrow(/field "model.target" is missing, expected a non-empty string/);
    expect(() => parseModel(edit(text, (o) => (o.version = 2)))).toThrow(/model format version 2 is not supported/);
    expect(() => parseModel(edit(text, (o) => (o.format = "onnx")))).toThrow(/field "format" is "onnx"/);
    expect(() => parseModel(edit(text, (o) => (o.extra = 1)))).toThrow(/field "extra" is 1, expected no such field/);
    expect(() => parseModel("{not json", "x.json")).toThrow(/x.json is not JSON/);
  });
  it("refuses a file over its caps, naming the cap: size (before parsing), feature count, string length", () => {
    const padded = text.trimEnd() + " ".repeat(MODEL_FILE_LIMITS.chars);
    expect(() => parseModel(padded, "big.json")).toThrow(ModelFileError);
    expect(() => parseModel(padded, "big.json")).toThrow(`big.json has ${padded.length} characters, over the cap of ${MODEL_FILE_LIMITS.chars}`);
    const rehash = (f: (o: Record<string, any>) => void) =>
      edit(text, (o) => {
        f(o);
        o.hash = modelHash(o.model);
      });
    const wide = rehash((o) => (o.model.features = Array.from({ length: MODEL_FILE_LIMITS.features + 1 }, (_, i) => `f${i}`)));
    expect(() => parseModel(wide)).toThrow(`field "model.features" is "1025 features", expected at most 1024 features`);
    const longName = rehash((o) => (o.model.target = "y".repeat(MODEL_FILE_LIMITS.textChars + 1)));
    expect(() => parseModel(longName)).toThrow(/field "model.target" is "y{59}, expected a non-empty string of at most 256 characters/);
    expect(() => parseModel(rehash((o) => (o.model.target = "y".repeat(MODEL_FILE_LIMITS.textChars))))).not.toThrow();
  });
});
