// A model's card (model-card.ts) and the shared publication step (model-publication.ts): a card that is the
// committed model is accepted and gives the float prediction; a card with other weights, quantisers or features,
// or a card for private weights, is refused with the mismatch named.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATASETS, loadDataset, predictFloat, serializeModel, signedBits, trainLinearRegression } from "../regression/index.js";
import { FsBlockstore } from "../storage/fs-blockstore.js";
import { checkModelCard, modelCardCid, withModelCard } from "./model-card.js";
import { prepareModelPublication } from "./model-publication.js";
import { decodeManifest } from "./model-manifest.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-model-card-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = new FsBlockstore(dir);
const d = DATASETS.cars!;
const model = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true }).model;

describe("model card", () => {
  it("a card that is the committed public-weight model is accepted, and its float prediction is Σ w·x + b", async () => {
    const pub = await prepareModelPublication(store, model, "goldilocks-128", "public", [], { card: true });
    expect(pub.cardCid).toBeDefined();
    const manifest = decodeManifest(await store.get(pub.manifestCid), pub.manifestCid);
    const card = checkModelCard(new TextDecoder().decode(await store.get(pub.cardCid!)), manifest);
    const row = [8, 307, 130, 3504, 12];
    expect(predictFloat(card, row)).toBeCloseTo(model.intercept + model.weights.reduce((s, w, j) => s + w * row[j]!, 0), 9);
    expect(predictFloat(card, row)).toBeGreaterThan(10);
    expect(predictFloat(card, row)).toBeLessThan(25);
  });

  it("a card whose quantised weights differ from the committed public values is refused", async () => {
    const pub = await prepareModelPublication(store, model, "goldilocks-128", "public", []);
    const manifest = decodeManifest(await store.get(pub.manifestCid), pub.manifestCid);
    const w = [...model.quantized.circuitWeights];
    w[0] = w[0]! + 1;
    // a well-formed model file (its accumulator range recomputed as the file format checks it) with one weight changed
    const q = model.quantized;
    let min = q.circuitConstant;
    let max = q.circuitConstant;
    w.forEach((x, j) => {
      min += Math.min(x * q.inputs[j]!.qmin, x * q.inputs[j]!.qmax);
      max += Math.max(x * q.inputs[j]!.qmin, x * q.inputs[j]!.qmax);
    });
    const forged = serializeModel({ ...model, quantized: { ...q, circuitWeights: w, accumulator: { min, max, signedBits: signedBits(min, max) } } });
    expect(() => checkModelCard(forged, manifest)).toThrow(/quantised weights are not the committed public values/);
    const renamed = serializeModel({ ...model, features: model.features.map((f, j) => (j === 0 ? "wheels" : f)) });
    expect(() => checkModelCard(renamed, manifest)).toThrow(/features/);
  });

  it("forged-float-card: honest quantised weights beside a forged float model (weights, intercept, ranges) are refused", async () => {
    const pub = await prepareModelPublication(store, model, "goldilocks-128", "public", []);
    const manifest = decodeManifest(await store.get(pub.manifestCid), pub.manifestCid);
    const forgedIntercept = serializeModel({ ...model, intercept: model.intercept + 23 });
    expect(() => checkModelCard(forgedIntercept, manifest)).toThrow(/float model .* does not quantise to its committed model/);
    const forgedWeights = serializeModel({ ...model, weights: model.weights.map((w) => w * 3) });
    expect(() => checkModelCard(forgedWeights, manifest)).toThrow(/does not quantise/);
    const forgedRanges = serializeModel({ ...model, training: { ...model.training, inputMin: model.training.inputMin.map(() => -1e9) } });
    expect(() => checkModelCard(forgedRanges, manifest)).toThrow(/does not quantise/);
  });

  it("a private-weight model gets no card: publication refuses one, and a card shown for it is refused", async () => {
    const node = { address: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", publicKey: "0x04" + "ab".repeat(64) };
    await expect(prepareModelPublication(store, model, "goldilocks-128", "private", [node], { card: true })).rejects.toThrow(/card would publish its weights/);
    await expect(prepareModelPublication(store, model, "goldilocks-128", "private", [])).rejects.toThrow(/at least one node/);
    const pub = await prepareModelPublication(store, model, "goldilocks-128", "public", []);
    const manifest = { ...decodeManifest(await store.get(pub.manifestCid), pub.manifestCid), weights: "private" as const };
    expect(() => checkModelCard(serializeModel(model), manifest)).toThrow(/cannot be checked/);
  });

  it("the card's CID round-trips through the NFT's URI", () => {
    expect(modelCardCid("encryptai://models/cars")).toBeUndefined();
    expect(modelCardCid(withModelCard("encryptai://models/cars", "bafkreiabc"))).toBe("bafkreiabc");
    expect(modelCardCid(withModelCard("encryptai://models/cars?v=2", "bafkreiabc"))).toBe("bafkreiabc");
  });
});
