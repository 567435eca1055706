/**
 * SHA-256 as a `Hasher` (NIST FIPS 180-4, "Secure Hash Standard", 2015, §6.2), through node:crypto's one-shot
 * `hash` (OpenSSL, native). A Merkle node is SHA-256(left ‖ right); leaves are hashed one call each (no
 * WebAssembly batch path: SHA-256 is here for comparison and for verifiers that only have SHA-256, e.g. the
 * EVM's precompile). Tests check FIPS 180-4 example vectors and agreement with @noble/hashes' sha256.
 */
import { hash as nodeHash } from "node:crypto";
import type { Hasher } from "./hasher.js";
import { _checkLayer, _checkLeaves, _checkMergeArgs } from "./hasher-checks.js";

function sha256Into(data: Uint8Array, out: Uint8Array, offset: number): void {
  out.set(nodeHash("sha256", data, "buffer"), offset);
}

/** SHA-256(data) as a fresh Uint8Array (not a pooled Buffer). */
function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  sha256Into(data, out, 0);
  return out;
}

/** SHA-256 with 32-byte digests; collision resistance 128 bits. */
export const SHA_256: Hasher = Object.freeze({
  name: "sha256",
  digestBytes: 32,
  collisionBits: 128,
  hash: sha256,
  merge: (left: Uint8Array, right: Uint8Array) => {
    _checkMergeArgs(left, right);
    const block = new Uint8Array(64);
    block.set(left);
    block.set(right, 32);
    return sha256(block);
  },
  mergeLayer: (nodes: Uint8Array) => {
    const k = _checkLayer(nodes);
    const out = new Uint8Array(32 * k);
    for (let i = 0; i < k; i++) sha256Into(nodes.subarray(64 * i, 64 * i + 64), out, 32 * i);
    return out;
  },
  hashLeaves: (data: Uint8Array, leafBytes: number, count: number) => {
    _checkLeaves(data, leafBytes, count);
    const out = new Uint8Array(32 * count);
    for (let i = 0; i < count; i++) sha256Into(data.subarray(leafBytes * i, leafBytes * (i + 1)), out, 32 * i);
    return out;
  },
} satisfies Hasher);
