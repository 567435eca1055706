/**
 * WebAssembly path of Keccak-256 (issue 16, item 1): a whole Merkle layer or many equal-length leaves per call,
 * Keccak-f[1600] on native 64-bit lanes. Compiled from assembly/keccak-kernels.ts and embedded as base64 in
 * kernels/keccak-kernels.wasm.ts (regenerate with `npm run build:wasm`); loaded synchronously on first use.
 *
 * One module-wide instance owns a memory laid out as [kernel scratch (1 KiB) | input | output]; inputs above
 * KECCAK_WASM_BATCH_BYTES go in several calls. The reference is @noble/hashes' keccak_256 (keccak256.ts falls back
 * to it without WebAssembly); tests check both bit for bit.
 */
import { WasmUnavailableError } from "./errors.js";
import { type HashKernels, type ReserveKernels, hashLeavesInBatches, mergeLayerInBatches } from "./wasm-batches.js";
import { KECCAK_KERNELS_WASM_BASE64 } from "./kernels/keccak-kernels.wasm.js";
import { type WasmMemory, wasmApi } from "../math/wasm-runtime.js";


const PAGE = 65536;
const SCRATCH = 0;
const DATA = 1024;
/** Largest input (bytes) copied into WebAssembly per kernel call. */
export const KECCAK_WASM_BATCH_BYTES = 1 << 23;

let instance: { readonly exports: HashKernels; readonly memory: WasmMemory } | undefined;
let failed = false;
let view: Uint8Array | undefined;

function kernels(): typeof instance {
  if (instance || failed) return instance;
  if (!wasmApi) {
    failed = true;
    return undefined;
  }
  try {
    const mod = new wasmApi.Module(Buffer.from(KECCAK_KERNELS_WASM_BASE64, "base64"));
    const memory = new wasmApi.Memory({ initial: 1 });
    instance = { exports: new wasmApi.Instance(mod, { env: { memory } }).exports as unknown as HashKernels, memory };
  } catch {
    failed = true;
  }
  return instance;
}

/** True when the WebAssembly kernels can run here. */
export function keccakWasmAvailable(): boolean {
  return kernels() !== undefined;
}

/** Makes the memory hold DATA + `dataBytes` bytes (the shared batching loops' reserve). */
const reserve: ReserveKernels = (dataBytes) => {
  const k = kernels();
  if (!k) throw new WasmUnavailableError("Keccak-256 WebAssembly kernels are unavailable in this runtime");
  const need = DATA + dataBytes;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / PAGE));
  if (!view || view.buffer !== k.memory.buffer) view = new Uint8Array(k.memory.buffer);
  return { kernels: k.exports, mem: view, data: DATA, scratch: SCRATCH };
};

/** One Merkle layer (2k digests → k parents, parent i = Keccak-256(node 2i ‖ node 2i+1)) in WebAssembly. */
export function keccakMergeLayerWasm(nodes: Uint8Array): Uint8Array {
  return mergeLayerInBatches(reserve, KECCAK_WASM_BATCH_BYTES, nodes);
}

/** Keccak-256 of `count` consecutive `leafBytes`-byte leaves of `data`. */
export function keccakHashLeavesWasm(data: Uint8Array, leafBytes: number, count: number): Uint8Array {
  return hashLeavesInBatches(reserve, KECCAK_WASM_BATCH_BYTES, data, leafBytes, count);
}
