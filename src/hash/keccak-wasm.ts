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
import { _checkLayer } from "./hasher-checks.js";
import { KECCAK_KERNELS_WASM_BASE64 } from "./kernels/keccak-kernels.wasm.js";
import { type WasmMemory, wasmApi } from "../math/wasm-runtime.js";

interface KeccakKernelExports {
  mergeLayer(input: number, out: number, k: number, scratch: number): void;
  hashLeaves(input: number, leafBytes: number, count: number, out: number, scratch: number): void;
}

const PAGE = 65536;
const SCRATCH = 0;
const DATA = 1024;
/** Largest input (bytes) copied into WebAssembly per kernel call. */
export const KECCAK_WASM_BATCH_BYTES = 1 << 23;

let instance: { readonly exports: KeccakKernelExports; readonly memory: WasmMemory } | undefined;
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
    instance = { exports: new wasmApi.Instance(mod, { env: { memory } }).exports as unknown as KeccakKernelExports, memory };
  } catch {
    failed = true;
  }
  return instance;
}

/** True when the WebAssembly kernels can run here. */
export function keccakWasmAvailable(): boolean {
  return kernels() !== undefined;
}

function reserve(dataBytes: number): { k: NonNullable<typeof instance>; mem: Uint8Array } {
  const k = kernels();
  if (!k) throw new WasmUnavailableError("Keccak-256 WebAssembly kernels are unavailable in this runtime");
  const need = DATA + dataBytes;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / PAGE));
  if (!view || view.buffer !== k.memory.buffer) view = new Uint8Array(k.memory.buffer);
  return { k, mem: view };
}

/** One Merkle layer (2k digests → k parents, parent i = Keccak-256(node 2i ‖ node 2i+1)) in WebAssembly. */
export function keccakMergeLayerWasm(nodes: Uint8Array): Uint8Array {
  const count = _checkLayer(nodes);
  const out = new Uint8Array(32 * count);
  const batch = KECCAK_WASM_BATCH_BYTES / 64;
  for (let start = 0; start < count; start += batch) {
    const m = Math.min(batch, count - start);
    const { k, mem } = reserve(96 * m);
    mem.set(nodes.subarray(64 * start, 64 * (start + m)), DATA);
    k.exports.mergeLayer(DATA, DATA + 64 * m, m, SCRATCH);
    out.set(mem.subarray(DATA + 64 * m, DATA + 96 * m), 32 * start);
  }
  return out;
}

/** Keccak-256 of `count` consecutive `leafBytes`-byte leaves of `data`. */
export function keccakHashLeavesWasm(data: Uint8Array, leafBytes: number, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  const batch = Math.max(1, Math.floor(KECCAK_WASM_BATCH_BYTES / (leafBytes + 32)));
  for (let start = 0; start < count; start += batch) {
    const m = Math.min(batch, count - start);
    const inBytes = leafBytes * m;
    const { k, mem } = reserve(inBytes + 32 * m);
    mem.set(data.subarray(leafBytes * start, leafBytes * (start + m)), DATA);
    k.exports.hashLeaves(DATA, leafBytes, m, DATA + inBytes, SCRATCH);
    out.set(mem.subarray(DATA + inBytes, DATA + inBytes + 32 * m), 32 * start);
  }
  return out;
}
