/**
 * BLAKE3-256 as a `Hasher` (J. O'Connor, J.-P. Aumasson, S. Neves, Z. Wilcox-O'Hearn, "BLAKE3: one function,
 * fast everywhere", 2020; hash mode, 32-byte output) — the STARK's default commitment hash, as in Winterfell
 * and Miden. `hash` is @noble/hashes' blake3. The hot paths — `merge` (one 64-byte chunk: a single
 * compression with CHUNK_START | CHUNK_END | ROOT), `mergeLayer` (a whole Merkle layer per call) and
 * `hashLeaves` (many equal-length leaves per call, any length) — run in WebAssembly (blake3-wasm.ts) when it
 * is available, else one @noble call per input. Both backends give identical digests (tests check them bit
 * for bit and against the official BLAKE3 test vectors). Not constant-time (fine for the public data of
 * proofs).
 */
import { blake3 } from "@noble/hashes/blake3.js";
import { WasmUnavailableError } from "./errors.js";
import type { Hasher } from "./hasher.js";
import { _checkLayer, _checkLeaves, _checkMergeArgs } from "./hasher-checks.js";
import { BLAKE3_WASM_BATCH_BYTES, blake3HashLeavesWasm, blake3MergeLayerWasm, blake3MergeWasm, blake3WasmAvailable } from "./blake3-wasm.js";

/** Which implementation runs the hot paths: WebAssembly if possible ("auto"), always ("wasm"), never ("noble"). */
export type Blake3Backend = "auto" | "wasm" | "noble";

export interface Blake3Options {
  /** Default "auto": WebAssembly when available and not switched off (`setBlake3Wasm`, ENCRYPTAI_NO_WASM=1). */
  readonly backend?: Blake3Backend;
}

let wasmEnabled = !process.env.ENCRYPTAI_NO_WASM;

/** Turns the WebAssembly path of "auto" hashers on or off; returns the previous setting. */
export function setBlake3Wasm(on: boolean): boolean {
  const before = wasmEnabled;
  wasmEnabled = on;
  return before;
}

/** True when "auto" hashers will use WebAssembly (enabled and available). */
export function blake3WasmEnabled(): boolean {
  return wasmEnabled && blake3WasmAvailable();
}

function mergeNoble(left: Uint8Array, right: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(left);
  block.set(right, 32);
  return blake3(block);
}

function mergeLayerNoble(nodes: Uint8Array): Uint8Array {
  const k = nodes.length / 64;
  const out = new Uint8Array(32 * k);
  for (let i = 0; i < k; i++) out.set(blake3(nodes.subarray(64 * i, 64 * i + 64)), 32 * i);
  return out;
}

function hashLeavesNoble(data: Uint8Array, leafBytes: number, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) out.set(blake3(data.subarray(leafBytes * i, leafBytes * (i + 1))), 32 * i);
  return out;
}

/**
 * A BLAKE3-256 hasher. The "noble" backend is the readable reference (one @noble call per input); "wasm"
 * throws WasmUnavailableError at construction when WebAssembly SIMD is missing.
 */
export function blake3Hasher(options: Blake3Options = {}): Hasher {
  const backend = options.backend ?? "auto";
  if (backend === "wasm" && !blake3WasmAvailable()) {
    throw new WasmUnavailableError("blake3Hasher: backend \"wasm\" requested but WebAssembly SIMD is unavailable in this runtime");
  }
  const useWasm = backend === "wasm" ? () => true : backend === "noble" ? () => false : blake3WasmEnabled;
  return Object.freeze({
    name: "blake3-256",
    digestBytes: 32,
    collisionBits: 128,
    // one message: the leaf kernel with one leaf (≈ 6× @noble for a transcript squeeze); empty and very long
    // messages stay with @noble, whose output the kernel's tests match
    hash: (data: Uint8Array) => (useWasm() && data.length > 0 && data.length <= BLAKE3_WASM_BATCH_BYTES ? blake3HashLeavesWasm(data, data.length, 1) : blake3(data)),
    merge: (left: Uint8Array, right: Uint8Array) => {
      _checkMergeArgs(left, right);
      return useWasm() ? blake3MergeWasm(left, right) : mergeNoble(left, right);
    },
    mergeLayer: (nodes: Uint8Array) => {
      _checkLayer(nodes);
      return useWasm() ? blake3MergeLayerWasm(nodes) : mergeLayerNoble(nodes);
    },
    hashLeaves: (data: Uint8Array, leafBytes: number, count: number) => {
      _checkLeaves(data, leafBytes, count);
      return useWasm() ? blake3HashLeavesWasm(data, leafBytes, count) : hashLeavesNoble(data, leafBytes, count);
    },
  } satisfies Hasher);
}

/** BLAKE3-256 with the automatic backend (WebAssembly when available). */
export const BLAKE3_256: Hasher = blake3Hasher();
