/**
 * Test kit (not part of the library's API): one complete STARK-tier job on the thesis example (thesis-u8, the
 * program programs/thesis-lr.txt with public weights 3, 2, 4, 2 and constant 1, inputs 2, 3, 3, 2) — the model
 * manifest and the program hash its ModelNFT would carry, the input ciphertext file, and the honest proof file —
 * for the tests of hostile files (job verdicts, the fuzz run). Proving takes about half a second.
 */
import { readFileSync } from "node:fs";
import { encrypt, getParams, keygen, seededRandom, serializeCiphertexts } from "../lwe/index.js";
import { proofOptions } from "../prover/index.js";
import { assemble } from "../vm/assembler.js";
import { hashSpecFor, proveInference } from "../vm/inference.js";
import { programHashBytes } from "../vm/program-hash.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { MANIFEST_FORMAT, MANIFEST_VERSION, type ModelManifest, encodeManifest } from "./model-manifest.js";

export function thesisJob(seed: string) {
  const params = getParams("thesis-u8");
  const rnd = seededRandom(seed);
  const { publicKey } = keygen(params, rnd);
  const inputs = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  const program = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
  const weights = [3n, 2n, 4n, 2n, 1n];
  const { statement, proof } = proveInference(program, params, weights, inputs, { proofOptions: proofOptions({ fieldExtension: 1, grindingBits: 8 }) });
  const quantizer = { nBits: 8, signed: false, scale: 1, zeroPoint: 0, qmin: 0, qmax: 255 };
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    params: params.id,
    features: ["x1", "x2", "x3", "x4"],
    inputQuantizers: [quantizer, quantizer, quantizer, quantizer],
    outputScale: 1,
    opcodes: statement.opcodes,
    programHash: statement.programHash.map(String),
    weights: "public",
    immediateBits: statement.immediateBits,
    publicValues: weights.map(String),
    nodePackages: {},
  };
  return {
    params,
    statement,
    /** The STARK proof alone (deserializeProof's input). */
    proof,
    inputBytes: serializeCiphertexts(inputs),
    proofFile: new TextEncoder().encode(encodeProofFile(statement, proof)),
    manifestBytes: encodeManifest(manifest),
    /** The ModelNFT's programHash (0x hex). */
    programHashHex: `0x${Buffer.from(programHashBytes(statement.programHash, hashSpecFor(params))).toString("hex")}`,
  };
}
