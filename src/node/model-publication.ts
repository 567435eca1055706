/**
 * The engineer's side of publishing a model (thesis §3.2, "the model owner compiles and commits"): compile a trained
 * regression for the VM over a parameter set's field, commit to it (program hash; private weights salted from the
 * OS CSPRNG and sealed to each chosen node by ECIES), write the model manifest and store it, and, on request, the
 * model file as the model's public card (model-card.ts). Shared by the marketplace flow (CLI, demo) and the web
 * page's worker; what is left is the ModelNFT transaction, which the caller signs.
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { getParams, systemRandom } from "../lwe/index.js";
import { serializeModel } from "../regression/model-file.js";
import type { LinearRegressionModel } from "../regression/train.js";
import type { ContentStore } from "../storage/store.js";
import { type WeightVisibility, compileModel } from "../vm/compile.js";
import { hashSpecFor } from "../vm/inference.js";
import { OPCODES, immediateBitsOf } from "../vm/isa.js";
import { programHash, programHashBytes } from "../vm/program-hash.js";
import { NodeError } from "./errors.js";
import { type ModelManifest, MANIFEST_FORMAT, commitment, encodeManifest, sealPackage } from "./formats.js";
import { MANIFEST_VERSION } from "./model-manifest.js";

/** A node a private-weight model is sealed to: its address and its secp256k1 public key (ECIES). */
export interface NodeRecipient {
  readonly address: string;
  readonly publicKey: string;
}

export interface ModelPublication {
  readonly manifest: ModelManifest;
  readonly manifestCid: string;
  /** SHA-256 of the manifest's bytes (the ModelNFT's contentHash). */
  readonly contentHash: string;
  /** The program hash as the ModelNFT's bytes32. */
  readonly programHash: string;
  /** The card's CID, when the model file was stored as the public card. */
  readonly cardCid?: string;
}

/** Compiles, commits, seals and stores; returns what the ModelNFT records. NodeError for a private model without a node. */
export async function prepareModelPublication(
  store: ContentStore,
  model: LinearRegressionModel,
  paramsId: string,
  weights: WeightVisibility,
  nodes: readonly NodeRecipient[],
  o: { readonly card?: boolean } = {},
): Promise<ModelPublication> {
  if (weights === "private" && nodes.length === 0) throw new NodeError("a model with private weights must be sealed to at least one node: no node given");
  if (weights === "private" && o.card) throw new NodeError("a private-weight model's card would publish its weights (and could not be checked): publish a card with public weights only");
  const params = getParams(paramsId);
  const spec = hashSpecFor(params);
  const compiled = compileModel(model.quantized, weights, spec.field.modulus);
  let salt: bigint[] | undefined;
  const nodePackages: Record<string, string> = {};
  if (weights === "private") {
    // the salt hides the weights from brute force: always from the OS CSPRNG, even in a seeded run (a salt that
    // follows from the seed would give the weights to whoever knows the seed)
    const saltBytes = new Uint8Array(spec.capacity.length * spec.field.randomBytesLength);
    systemRandom().fill(saltBytes);
    salt = spec.capacity.map((_, i) => spec.field.fromRandomBytes(saltBytes.subarray(i * spec.field.randomBytesLength, (i + 1) * spec.field.randomBytesLength)));
    for (const node of nodes) nodePackages[node.address.toLowerCase()] = await store.put(sealPackage({ format: "encryptai-model-package", source: compiled.source, salt: salt.map(String) }, node.publicKey));
  }
  const program = compiled.program;
  const h = programHash(program, salt, spec, compiled.publicValues);
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    params: paramsId,
    features: model.features,
    inputQuantizers: model.quantized.inputs,
    outputScale: model.quantized.outputScale,
    opcodes: program.instructions.map((i) => OPCODES[i.op]),
    programHash: h.map(String),
    weights,
    immediateBits: immediateBitsOf(program.instructions, spec.field.modulus),
    publicValues: compiled.publicValues.map(String),
    nodePackages,
  };
  const manifestBytes = encodeManifest(manifest);
  const manifestCid = await store.put(manifestBytes);
  const cardCid = o.card ? await store.put(new TextEncoder().encode(serializeModel(model))) : undefined;
  return { manifest, manifestCid, contentHash: commitment(manifestBytes), programHash: `0x${bytesToHex(programHashBytes(h, spec))}`, ...(cardCid ? { cardCid } : {}) };
}
