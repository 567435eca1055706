/**
 * WebAssembly (SIMD) path of public-key encryption's hot loop: Σ_i e1_i·[A_i | t_i] for a batch of
 * ciphertexts. One instance per public key holds the rows of [A | t] as float64 limb values in its own
 * memory; the JS reference path (`accumulate` in zq.ts) computes the same sums and the tests check both give
 * bit-identical ciphertexts. Disable with `setWasmKernels(false)` or ENCRYPTAI_NO_WASM=1.
 */
import { LWE_KERNELS_WASM_BASE64 } from "./lwe-kernels.wasm.js";
import { type WasmMemory, wasmApi } from "../../math/wasm-runtime.js";

const WA = wasmApi;

interface KernelExports {
  combineRowsBatch(rows: number, m: number, width: number, coeffs: number, count: number, acc: number): void;
}

let enabled = WA !== undefined && !process.env.ENCRYPTAI_NO_WASM;
let compiledModule: object | undefined;

/** Turns the WebAssembly kernels on or off (for comparisons); returns the previous setting. */
export function setWasmKernels(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

export function wasmKernelsEnabled(): boolean {
  return enabled;
}

function compiled(): object | undefined {
  if (!enabled || !WA) return undefined;
  if (compiledModule === undefined) {
    try {
      compiledModule = new WA.Module(Buffer.from(LWE_KERNELS_WASM_BASE64, "base64"));
    } catch {
      enabled = false; // no SIMD support: fall back to the JS path
      return undefined;
    }
  }
  return compiledModule;
}

/** Rows of [A | t] in WebAssembly memory, ready for batched small-coefficient combinations. */
export class WasmRowCombiner {
  private readonly exports: KernelExports;
  private readonly memory: WasmMemory;
  private readonly coeffOff: number;
  private readonly accOff: number;

  private constructor(
    mod: object,
    readonly m: number,
    readonly width: number,
    readonly maxBatch: number,
    rows: (i: number, out: Float64Array) => void,
  ) {
    const rowBytes = width * 8;
    this.coeffOff = m * rowBytes;
    this.accOff = this.coeffOff + maxBatch * m * 8;
    const bytes = this.accOff + maxBatch * rowBytes;
    this.memory = new WA!.Memory({ initial: Math.ceil(bytes / 65536) });
    this.exports = new WA!.Instance(mod, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    for (let i = 0; i < m; i++) rows(i, new Float64Array(this.memory.buffer, i * rowBytes, width));
  }

  /** Builds a combiner, or undefined when WebAssembly kernels are off or unavailable. */
  static create(m: number, width: number, maxBatch: number, rows: (i: number, out: Float64Array) => void): WasmRowCombiner | undefined {
    const mod = compiled();
    return mod ? new WasmRowCombiner(mod, m, width, maxBatch, rows) : undefined;
  }

  /**
   * acc_b = Σ_i coeffs[b][i]·row_i for b < coeffs.length; returns the accumulators (a view into wasm memory,
   * valid until the next call), ciphertext b's at offset b·width.
   */
  combine(coeffs: readonly Float64Array[]): Float64Array {
    const count = coeffs.length;
    if (count > this.maxBatch) throw new RangeError(`batch of ${count} exceeds ${this.maxBatch}`);
    const c = new Float64Array(this.memory.buffer, this.coeffOff, count * this.m);
    for (let b = 0; b < count; b++) c.set(coeffs[b]!, b * this.m);
    const acc = new Float64Array(this.memory.buffer, this.accOff, count * this.width);
    acc.fill(0);
    this.exports.combineRowsBatch(0, this.m, this.width, this.coeffOff, count, this.accOff);
    return acc;
  }
}
