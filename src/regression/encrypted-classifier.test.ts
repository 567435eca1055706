import { describe, expect, it } from "vitest";
import { getParams, keygen, seededRandom } from "../lwe/index.js";
import { DATASETS, QuantizationError, classFromScores, classificationMetrics, encryptedClassify, loadDataset, quantizedScores, trainLinearClassifier } from "./index.js";

describe("encrypted classification equals the quantised classifier exactly", () => {
  it.each([
    ["penguins", "goldilocks-128", "public"],
    ["seattle-weather", "goldilocks-128", "secret"],
  ] as const)("%s, whole test split, preset %s, %s-key encryption", (name, preset, encryption) => {
    const d = DATASETS[name]!.classification!;
    const { model, data, test } = trainLinearClassifier(loadDataset(name), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
    const keys = keygen(getParams(preset), seededRandom(`cls-${name}`));
    const rows = test.map((i) => data.x[i]!);
    const r = encryptedClassify(model.quantized, rows, keys, { encryption, random: seededRandom(`cls-enc-${name}`) });
    expect(r.allEqual).toBe(true);
    expect(r.classes).toEqual(rows.map((x) => classFromScores(quantizedScores(model.quantized, x))));
    // so the encrypted metrics are the quantised ones
    expect(classificationMetrics(test.map((i) => data.y[i]!), r.classes, model.classes.length)).toEqual(model.training.testMetrics.quantized);
    expect(r.ciphertextsEncrypted).toBe(rows.length * d.features.length);
  }, 120_000);

  it("refuses score circuits that quantise their inputs differently, and a plaintext space too small", () => {
    const d = DATASETS.penguins!.classification!;
    const { model, data, test } = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
    const keys = keygen(getParams("goldilocks-128"), seededRandom("cls-bad"));
    const other = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 6, dropMissing: true }).model.quantized[0]!;
    expect(() => encryptedClassify([model.quantized[0]!, other], [data.x[test[0]!]!], keys)).toThrow(/class score 1 quantises its inputs differently/);
    const thesis = keygen(getParams("thesis-u8"), seededRandom("cls-u8"));
    expect(() => encryptedClassify(model.quantized, [data.x[test[0]!]!], thesis)).toThrow(QuantizationError);
  });
});
