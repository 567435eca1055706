/**
 * A model's public card: the engineer's model file (src/regression/model-file.ts: the float model, its target and
 * its quantised form), stored by CID and named in the ModelNFT's URI as `?card=<cid>`. It lets a user compare the
 * prediction decrypted from a proved job with the float model's, in the target's units. A card is the publisher's
 * word until it is checked against what the chain commits to: for public weights the card's quantised model must
 * compile to exactly the manifest's program (opcodes and public values) and carry its quantisers and output scale.
 * The card's float model must also quantise (quantizeLinearModel, from its own weights, intercept and training
 * ranges) to exactly that quantised model, so the float weights shown are the committed ones up to rounding. The
 * target's name stays the publisher's word. A private-weight model's card cannot be checked (the program hash is
 * salted) and is refused.
 */
import { parseModel } from "../regression/model-file.js";
import { quantizeLinearModel } from "../regression/quantized-model.js";
import type { LinearRegressionModel } from "../regression/train.js";
import { getParams } from "../lwe/presets.js";
import { hashSpecFor } from "../vm/inference.js";
import { compileModel } from "../vm/compile.js";
import { OPCODES } from "../vm/isa.js";
import { NodeError } from "./errors.js";
import type { ModelManifest } from "./model-manifest.js";

/** The CID a ModelNFT's URI names as its card (`…?card=<cid>`), if any. */
export function modelCardCid(uri: string): string | undefined {
  const q = uri.indexOf("?");
  if (q < 0) return undefined;
  const cid = new URLSearchParams(uri.slice(q + 1)).get("card");
  return cid === null || cid === "" ? undefined : cid;
}

/** A URI with the card's CID added. */
export function withModelCard(uri: string, cid: string): string {
  return `${uri}${uri.includes("?") ? "&" : "?"}card=${encodeURIComponent(cid)}`;
}

const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Parses a card and checks it against the bound manifest; NodeError naming the first mismatch. */
export function checkModelCard(text: string, manifest: ModelManifest): LinearRegressionModel {
  if (manifest.weights !== "public") throw new NodeError("a private-weight model's card cannot be checked against its commitment (the program hash is salted): not shown");
  if (manifest.classes !== undefined) throw new NodeError("the card is a regression model; this model is a classifier");
  const { model } = parseModel(text, "model card");
  if (!same(model.features, manifest.features)) throw new NodeError(`the card's features (${model.features.join(", ")}) are not the model's (${manifest.features.join(", ")})`);
  if (JSON.stringify(model.quantized.inputs) !== JSON.stringify(manifest.inputQuantizers)) throw new NodeError("the card's input quantisers are not the model's");
  if (model.quantized.outputScale !== manifest.outputScale) throw new NodeError(`the card's output scale ${model.quantized.outputScale} is not the model's ${manifest.outputScale}`);
  const compiled = compileModel(model.quantized, "public", hashSpecFor(getParams(manifest.params)).field.modulus);
  if (!same(compiled.program.instructions.map((i) => OPCODES[i.op]), manifest.opcodes)) throw new NodeError("the card's model compiles to another program than the committed one");
  if (!same(compiled.publicValues.map(String), manifest.publicValues)) throw new NodeError("the card's quantised weights are not the committed public values");
  // the float model shown must be the one the committed program quantises: re-derive it from the card's float
  // weights, intercept and training ranges (a forged float model beside honest quantised weights is refused)
  const q = model.quantized;
  const again = quantizeLinearModel(model.weights, model.intercept, model.training.inputMin, model.training.inputMax, { nBits: q.nBits, inputEncoding: q.inputEncoding, weightEncoding: q.weightEncoding });
  if (JSON.stringify(again) !== JSON.stringify(q)) throw new NodeError("the card's float model (weights, intercept or training ranges) does not quantise to its committed model");
  return model;
}
