/**
 * Keccak-256 as a `Hasher` (issue 16, item 1: a hash the EVM computes cheaply): the original Keccak submission's
 * padding (0x01, not SHA-3's 0x06), rate 1088 bits, 256-bit digests — the EVM's KECCAK256 opcode (Ethereum yellow
 * paper, appendix H; 30 gas + 6 per 32-byte word), so a Solidity verifier checks Merkle paths and the transcript with
 * the opcode. Merkle layers and leaves go through the WebAssembly kernels (keccak-wasm.ts: 64-bit lanes), single
 * hashes and runtimes without WebAssembly through @noble/hashes' keccak_256, the reference the kernels are tested
 * against bit for bit. Tests also check the published vectors.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import type { Hasher } from "./hasher.js";
import { _checkLayer, _checkLeaves, _checkMergeArgs } from "./hasher-checks.js";
import { keccakHashLeavesWasm, keccakMergeLayerWasm, keccakWasmAvailable } from "./keccak-wasm.js";

/** Keccak-256 with 32-byte digests; collision resistance 128 bits. */
export const KECCAK_256: Hasher = Object.freeze({
  name: "keccak256",
  digestBytes: 32,
  collisionBits: 128,
  hash: (data: Uint8Array) => keccak_256(data),
  merge: (left: Uint8Array, right: Uint8Array) => {
    _checkMergeArgs(left, right);
    return keccak_256.create().update(left).update(right).digest();
  },
  mergeLayer: (nodes: Uint8Array) => {
    const k = _checkLayer(nodes);
    if (k > 1 && keccakWasmAvailable()) return keccakMergeLayerWasm(nodes);
    const out = new Uint8Array(32 * k);
    for (let i = 0; i < k; i++) out.set(keccak_256(nodes.subarray(64 * i, 64 * i + 64)), 32 * i);
    return out;
  },
  hashLeaves: (data: Uint8Array, leafBytes: number, count: number) => {
    _checkLeaves(data, leafBytes, count);
    if (count > 1 && keccakWasmAvailable()) return keccakHashLeavesWasm(data, leafBytes, count);
    const out = new Uint8Array(32 * count);
    for (let i = 0; i < count; i++) out.set(keccak_256(data.subarray(leafBytes * i, leafBytes * (i + 1))), 32 * i);
    return out;
  },
} satisfies Hasher);
