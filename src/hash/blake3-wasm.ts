/**
 * WebAssembly path of BLAKE3-256 (BLAKE3 paper, O'Connor et al. 2020; hash mode, 32-byte output): a whole
 * Merkle layer or many equal-length leaves per call, four compressions at a time across SIMD lanes.
 * Compiled from assembly/blake3-kernels.ts and embedded as base64 in kernels/blake3-kernels.wasm.ts
 * (regenerate with `npm run build:wasm`); loaded synchronously on first use.
 *
 * One module-wide instance owns a memory laid out as [kernel scratch (16 KiB) | input | output]. A call
 * copies its input in, runs the kernel and copies the result out; inputs above BLAKE3_WASM_BATCH_BYTES go
 * in several calls so the memory stays small. The reference is @noble/hashes' blake3 (blake3.ts, backend
 * "noble"); tests check both bit for bit and against the official test vectors.
 */
import { WasmUnavailableError } from "./errors.js";
import { type HashKernels, type ReserveKernels, hashLeavesInBatches, mergeLayerInBatches } from "./wasm-batches.js";
import { BLAKE3_KERNELS_WASM_BASE64 } from "./kernels/blake3-kernels.wasm.js";
import { type WasmMemory, wasmApi } from "../math/wasm-runtime.js";

const WA = wasmApi;

/** The exports of assembly/blake3-kernels.ts (pointers are byte offsets into the memory). */
export type Blake3KernelExports = HashKernels;

export interface Blake3WasmInstance {
  readonly exports: Blake3KernelExports;
  readonly memory: WasmMemory;
}

const PAGE = 65536;
/** Kernel scratch at offset 0 (the kernel needs 9 KiB; see the layout in assembly/blake3-kernels.ts). */
const SCRATCH = 0;
/** Where inputs start. */
const DATA = 16384;
/** Largest input (bytes) copied into WebAssembly per kernel call; bigger inputs go in batches. */
export const BLAKE3_WASM_BATCH_BYTES = 1 << 23;

let instance: Blake3WasmInstance | undefined;
let failed = false;
let bytes: Uint8Array | undefined;

/** The instance, created on first use; undefined when WebAssembly (with SIMD) is unavailable. */
export function _blake3Wasm(): Blake3WasmInstance | undefined {
  if (instance || failed) return instance;
  if (!WA) {
    failed = true;
    return undefined;
  }
  try {
    const mod = new WA.Module(Buffer.from(BLAKE3_KERNELS_WASM_BASE64, "base64"));
    const memory = new WA.Memory({ initial: 1 });
    const exports = new WA.Instance(mod, { env: { memory } }).exports as unknown as Blake3KernelExports;
    instance = { exports, memory };
  } catch {
    failed = true;
  }
  return instance;
}

/** True when the WebAssembly kernels can run here. */
export function blake3WasmAvailable(): boolean {
  return _blake3Wasm() !== undefined;
}

/**
 * Makes the memory hold DATA + `dataBytes` bytes; returns the instance and a byte view of the whole memory
 * (valid until the next call that may grow it) with the offsets of the input area and the kernel scratch.
 */
export function _blake3WasmReserve(dataBytes: number): { w: Blake3WasmInstance; mem: Uint8Array; data: number; scratch: number } {
  const w = _blake3Wasm();
  if (!w) throw new WasmUnavailableError("BLAKE3 WebAssembly kernels are unavailable (no WebAssembly SIMD in this runtime)");
  const need = DATA + dataBytes;
  const have = w.memory.buffer.byteLength;
  if (need > have) w.memory.grow(Math.ceil((need - have) / PAGE));
  if (!bytes || bytes.buffer !== w.memory.buffer) bytes = new Uint8Array(w.memory.buffer);
  return { w, mem: bytes, data: DATA, scratch: SCRATCH };
}

/** BLAKE3(left ‖ right) for two 32-byte digests: one compression in WebAssembly. */
export function blake3MergeWasm(left: Uint8Array, right: Uint8Array): Uint8Array {
  const { w, mem, data, scratch } = _blake3WasmReserve(96);
  mem.set(left, data);
  mem.set(right, data + 32);
  w.exports.mergeLayer(data, data + 64, 1, scratch);
  return mem.slice(data + 64, data + 96);
}

/** _blake3WasmReserve in the shape the shared batching loops take. */
const reserveKernels: ReserveKernels = (dataBytes) => {
  const { w, mem, data, scratch } = _blake3WasmReserve(dataBytes);
  return { kernels: w.exports, mem, data, scratch };
};

/** One Merkle layer (2k digests → k parents, parent i = BLAKE3(node 2i ‖ node 2i+1)) in WebAssembly. */
export function blake3MergeLayerWasm(nodes: Uint8Array): Uint8Array {
  return mergeLayerInBatches(reserveKernels, BLAKE3_WASM_BATCH_BYTES, nodes);
}

/** BLAKE3 of `count` consecutive `leafBytes`-byte leaves of `data` (any leaf length; tree mode above 1024). */
export function blake3HashLeavesWasm(data: Uint8Array, leafBytes: number, count: number): Uint8Array {
  return hashLeavesInBatches(reserveKernels, BLAKE3_WASM_BATCH_BYTES, data, leafBytes, count);
}
