/**
 * The Goldilocks backend (backend.ts): vectors are GlVec typed arrays (two little-endian 32-bit words per element,
 * math/goldilocks.ts), arithmetic runs in the WebAssembly kernels (goldilocks-fast.ts, goldilocks-wasm.ts), and
 * many-column interpolations and extensions are split over two threads (goldilocks-parallel.ts).
 */
import { GOLDILOCKS_VECTOR_OPS } from "../../math/goldilocks-columns.js";
import {
  glAddVec,
  glAxpyVec,
  glBatchInverse,
  glInnerProducts,
  glLinearCombinations,
  glMulVec,
  glNtt,
  glPowersFast,
  glScaleVec,
  glSubVec,
  goldilocksWasmEnabled,
} from "../../math/goldilocks-fast.js";
import { glCosetLdeMany, glInterpolateMany } from "../../math/goldilocks-parallel.js";
import { glExtDivLinearWasm, glExtMul3Wasm } from "../../math/goldilocks-wasm.js";
import { type GlVec, glConstant, glFromBigints, glGet, glLength, glTile, glToBigints, glVec } from "../../math/goldilocks.js";
import { GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { type Backend, concatWords } from "./backend.js";

/** The `count` values of v from position `start` on, wrapping around the end (a view when it does not wrap). */
function window(v: GlVec, start: number, count: number): GlVec {
  const N = v.length >>> 1;
  const s = start % N;
  if (s + count <= N) return v.subarray(2 * s, 2 * (s + count));
  const out = new Uint32Array(2 * count);
  out.set(v.subarray(2 * s));
  out.set(v.subarray(0, 2 * (s + count - N)), 2 * (N - s));
  return out;
}

/**
 * Row-major bytes of columns: an element's 8 little-endian bytes are its two words, so rows are assembled word by
 * word (exactly F.toBytes, row after row). Blocks of rows keep the block's output in cache while every column
 * writes into it (twice as fast as whole columns at a time for 32 columns of 2^19 rows).
 */
function packRows(columns: readonly GlVec[]): Uint8Array {
  const n = columns[0]!.length >>> 1;
  const m = columns.length;
  const words = new Uint32Array(n * m * 2);
  const BLOCK = 512;
  const stride = 2 * m;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let c = 0; c < m; c++) {
      const v = columns[c]!;
      for (let i = i0, o = (i0 * m + c) * 2; i < i1; i++, o += stride) {
        words[o] = v[2 * i]!;
        words[o + 1] = v[2 * i + 1]!;
      }
    }
  }
  return new Uint8Array(words.buffer);
}

export const GOLDILOCKS_BACKEND: Backend<GlVec> = Object.freeze({
  name: "goldilocks" as const,
  F: GOLDILOCKS_FIELD,
  columnOps: GOLDILOCKS_VECTOR_OPS,
  length: glLength,
  from: glFromBigints,
  to: glToBigints,
  get: glGet,
  zeros: glVec,
  constant: glConstant,
  slice: (v: GlVec, start: number, end: number) => v.slice(2 * start, 2 * end),
  window,
  concat: concatWords,
  stride: (v: GlVec, step: number) => {
    const out = glVec(Math.floor((glLength(v) + step - 1) / step));
    for (let i = 0, j = 0; j < out.length; i += 2 * step, j += 2) {
      out[j] = v[i]!;
      out[j + 1] = v[i + 1]!;
    }
    return out;
  },
  tile: glTile,
  zeroFrom: (v: GlVec, from: number) => {
    for (let i = 2 * from; i < v.length; i++) if (v[i] !== 0) return false;
    return true;
  },
  add: (a: GlVec, b: GlVec) => glAddVec(a, b),
  sub: (a: GlVec, b: GlVec) => glSubVec(a, b),
  mul: (a: GlVec, b: GlVec) => glMulVec(a, b),
  scale: (a: GlVec, c: bigint) => glScaleVec(a, c),
  axpy: (acc: GlVec, y: GlVec, c: bigint) => (c === 1n ? glAddVec(acc, y) : glAxpyVec(acc, y, c)),
  batchInverse: (a: GlVec) => glBatchInverse(a),
  powers: (x: bigint, n: number, start = 1n) => glPowersFast(x, n, start),
  linearCombinations: glLinearCombinations,
  innerProducts: glInnerProducts,
  interpolateMany: glInterpolateMany,
  evaluate: (coeffs: GlVec) => glNtt(coeffs.slice()),
  cosetLdeMany: glCosetLdeMany,
  packRows,
  extMul3: (a: readonly GlVec[], b: readonly GlVec[], negF: readonly bigint[]) =>
    a[0]!.length >= 128 && goldilocksWasmEnabled() ? glExtMul3Wasm(a, b, negF) : undefined,
  extDivLinear: (coeffs: readonly GlVec[], z: readonly bigint[], negF: readonly bigint[]) => (goldilocksWasmEnabled() ? glExtDivLinearWasm(coeffs, z, negF) : undefined),
});
