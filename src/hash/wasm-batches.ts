/**
 * The batching loops shared by the WebAssembly hashers (blake3-wasm.ts, keccak-wasm.ts): a Merkle layer or many
 * equal-length leaves, copied into the kernel's memory in batches of at most `batchBytes` so the memory stays small,
 * hashed by the kernel, and copied out.
 */
import { _checkLayer } from "./hasher-checks.js";

/** The two kernels a WebAssembly hasher exports (pointers are byte offsets into its memory). */
export interface HashKernels {
  mergeLayer(input: number, out: number, k: number, scratch: number): void;
  hashLeaves(input: number, leafBytes: number, count: number, out: number, scratch: number): void;
}

/** Makes the memory hold `dataBytes` after the input offset; the kernels, a view of the memory and the offsets. */
export type ReserveKernels = (dataBytes: number) => { readonly kernels: HashKernels; readonly mem: Uint8Array; readonly data: number; readonly scratch: number };

/** One Merkle layer (2k digests → k parents, parent i = H(node 2i ‖ node 2i+1)). */
export function mergeLayerInBatches(reserve: ReserveKernels, batchBytes: number, nodes: Uint8Array): Uint8Array {
  const k = _checkLayer(nodes);
  const out = new Uint8Array(32 * k);
  const batch = batchBytes / 64;
  for (let start = 0; start < k; start += batch) {
    const m = Math.min(batch, k - start);
    const { kernels, mem, data, scratch } = reserve(96 * m);
    mem.set(nodes.subarray(64 * start, 64 * (start + m)), data);
    kernels.mergeLayer(data, data + 64 * m, m, scratch);
    out.set(mem.subarray(data + 64 * m, data + 96 * m), 32 * start);
  }
  return out;
}

/** H of `count` consecutive `leafBytes`-byte leaves of `input`. */
export function hashLeavesInBatches(reserve: ReserveKernels, batchBytes: number, input: Uint8Array, leafBytes: number, count: number): Uint8Array {
  const out = new Uint8Array(32 * count);
  const batch = Math.max(1, Math.floor(batchBytes / (leafBytes + 32)));
  for (let start = 0; start < count; start += batch) {
    const m = Math.min(batch, count - start);
    const inBytes = leafBytes * m;
    const { kernels, mem, data, scratch } = reserve(inBytes + 32 * m);
    mem.set(input.subarray(leafBytes * start, leafBytes * (start + m)), data);
    kernels.hashLeaves(data, leafBytes, m, data + inBytes, scratch);
    out.set(mem.subarray(data + inBytes, data + inBytes + 32 * m), 32 * start);
  }
  return out;
}
