import { describe, expect, it } from "vitest";
import { getParams, keygen, seededRandom } from "../lwe/index.js";
import { DATASETS, QuantizationError, clearAccumulator, encryptedPredict, loadDataset, quantizeRow, trainLinearRegression } from "./index.js";

describe("encrypted evaluation equals the quantised clear model exactly", () => {
  it.each([
    ["cars", "goldilocks-128", "public"],
    ["penguins", "goldilocks-128", "secret"],
    ["penguins", "f128-128", "secret"],
  ] as const)("%s on the whole test split, preset %s, %s-key encryption", (name, preset, encryption) => {
    const d = DATASETS[name]!;
    const { model, data, test } = trainLinearRegression(loadDataset(name), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
    const keys = keygen(getParams(preset), seededRandom(`enc-${name}-${preset}`));
    const rows = test.map((i) => data.x[i]!);
    const r = encryptedPredict(model.quantized, rows, keys, { encryption, random: seededRandom("enc") });
    expect(r.decrypted).toHaveLength(test.length);
    expect(r.decrypted).toEqual(rows.map((x) => BigInt(clearAccumulator(model.quantized, quantizeRow(model.quantized, x)))));
    expect(r.allEqual).toBe(true);
  });
  it("the thesis's uint8 plaintext space wraps: refused by default, wrong results when forced", () => {
    const d = DATASETS.cars!;
    const { model, data, test } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, inputEncoding: "unsigned", dropMissing: true });
    const keys = keygen(getParams("thesis-u8"), seededRandom("u8"));
    const rows = test.slice(0, 12).map((i) => data.x[i]!);
    expect(() => encryptedPredict(model.quantized, rows, keys)).toThrow(QuantizationError);
    const forced = encryptedPredict(model.quantized, rows, keys, { allowWrap: true, random: seededRandom(1), encryption: "secret" });
    expect(forced.allEqual).toBe(true); // the scheme computes exactly … mod 256
    const clear = rows.map((x) => clearAccumulator(model.quantized, quantizeRow(model.quantized, x)));
    expect(forced.decrypted.every((v, i) => v === BigInt(clear[i]! % 256))).toBe(true);
    expect(forced.decrypted.some((v, i) => v !== BigInt(clear[i]!))).toBe(true); // … which is not the model's output
  });
});
