/**
 * Public API of the hash layer (issue "STARK prover and verifier", item 2: commitments and transcript): the
 * `Hasher` interface with BLAKE3-256 (WebAssembly SIMD hot paths) and SHA-256, `getHasher` by name, Merkle
 * trees with batch openings and salted leaf hashing, the Fiat–Shamir transcript, and (namespace `rpo`) the
 * Rescue-Prime Optimized sponge over Goldilocks. Design: docs/hash.md, docs/model-commitment.md.
 */
import { BLAKE3_256 } from "./blake3.js";
import { UnknownHashError } from "./errors.js";
import type { HashName, Hasher } from "./hasher.js";
import { SHA_256 } from "./sha256.js";
import { KECCAK_256 } from "./keccak256.js";

export * from "./errors.js";
export type { HashName, Hasher } from "./hasher.js";
export { BLAKE3_256, blake3Hasher, blake3WasmEnabled, setBlake3Wasm, type Blake3Backend, type Blake3Options } from "./blake3.js";
export { blake3WasmAvailable } from "./blake3-wasm.js";
export { SHA_256 } from "./sha256.js";
export { KECCAK_256 } from "./keccak256.js";
export { MERKLE_MAX_LEAVES, MerkleTree, batchProofLength, hashLeafRows, verifyBatch, verifyPath } from "./merkle.js";
export { MAX_GRINDING_BITS, Transcript, leadingZeroBits } from "./transcript.js";
/** Rescue-Prime Optimized over Goldilocks (an algebraic hash of field elements, not a byte `Hasher`). */
export * as rpo from "./rpo/index.js";

/** The hash names `getHasher` accepts. */
export const HASH_NAMES: readonly HashName[] = Object.freeze(["blake3-256", "sha256", "keccak256"]);

const HASHERS: Readonly<Record<HashName, Hasher>> = Object.freeze({ "blake3-256": BLAKE3_256, sha256: SHA_256, keccak256: KECCAK_256 });

/** The hasher called `name`; UnknownHashError (listing the known names) for anything else. */
export function getHasher(name: HashName): Hasher {
  if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(HASHERS, name)) throw new UnknownHashError(String(name), HASH_NAMES);
  return HASHERS[name];
}
