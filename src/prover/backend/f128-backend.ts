/**
 * The 128-bit backend (backend.ts) for primes p = 2^128 − d·2^32 + 1 — the thesis's f128 and genSTARK's field:
 * vectors are F128Vec typed arrays (four little-endian 32-bit words per element, math/f128-vec.ts) and arithmetic,
 * NTTs, coset extensions and batch inversions run in the 128-bit WebAssembly kernels (math/f128-wasm.ts).
 */
import type { PrimeField } from "../../math/field.js";
import { type F128Vec, f128Get, f128Length, f128ToBigints, f128Vec } from "../../math/f128-vec.js";
import { f128Vectors } from "../../math/f128-wasm.js";
import { vectorOpsFor } from "../../math/vector-ops.js";
import { type Backend, concatWords } from "./backend.js";

const cache = new Map<bigint, Backend<F128Vec>>();

/** The backend of F (FieldParameterError unless F is of the kernels' form). */
export function f128Backend(F: PrimeField): Backend<F128Vec> {
  const hit = cache.get(F.modulus);
  if (hit) return hit;
  const V = f128Vectors(F);
  const ops = vectorOpsFor(F)!;
  const backend: Backend<F128Vec> = Object.freeze({
    name: "f128" as const,
    F,
    columnOps: ops,
    length: f128Length,
    from: (xs: readonly bigint[]) => V.fromBigints(xs),
    to: f128ToBigints,
    get: f128Get,
    zeros: f128Vec,
    constant: (c: bigint, n: number) => ops.constant(c, n),
    slice: (v: F128Vec, start: number, end: number) => v.slice(4 * start, 4 * end),
    window: (v: F128Vec, start: number, count: number) => {
      const N = v.length >>> 2;
      const s = start % N;
      if (s + count <= N) return v.subarray(4 * s, 4 * (s + count));
      const out = f128Vec(count);
      out.set(v.subarray(4 * s));
      out.set(v.subarray(0, 4 * (s + count - N)), 4 * (N - s));
      return out;
    },
    concat: concatWords,
    stride: (v: F128Vec, step: number) => {
      const out = f128Vec(Math.floor(((v.length >>> 2) + step - 1) / step));
      for (let i = 0, j = 0; j < out.length; i += 4 * step, j += 4) out.set(v.subarray(i, i + 4), j);
      return out;
    },
    tile: (v: F128Vec, n: number) => {
      const m = v.length >>> 2;
      if (m === 0 || n % m !== 0) throw new RangeError(`${F.name} tile: ${n} is not a multiple of ${m}`);
      const out = f128Vec(n);
      for (let i = 0; i < n; i += m) out.set(v, 4 * i);
      return out;
    },
    zeroFrom: (v: F128Vec, from: number) => {
      for (let i = 4 * from; i < v.length; i++) if (v[i] !== 0) return false;
      return true;
    },
    add: (a: F128Vec, b: F128Vec) => V.add(a, b),
    sub: (a: F128Vec, b: F128Vec) => V.sub(a, b),
    mul: (a: F128Vec, b: F128Vec) => V.mul(a, b),
    scale: (a: F128Vec, c: bigint) => V.scale(a, c),
    axpy: (acc: F128Vec, y: F128Vec, c: bigint) => V.add(acc, c === 1n ? y : V.scale(y, c)),
    batchInverse: (a: F128Vec) => V.batchInverse(a),
    powers: (x: bigint, n: number, start = 1n) => V.powers(x, n, start),
    linearCombinations: (vectors: readonly F128Vec[], rows: readonly (readonly bigint[])[]) =>
      rows.map((row) => {
        let acc = f128Vec(f128Length(vectors[0]!));
        row.forEach((c, j) => {
          if (c !== 0n) acc = V.add(acc, c === 1n ? vectors[j]! : V.scale(vectors[j]!, c));
        });
        return acc;
      }),
    innerProducts: (vectors: readonly F128Vec[], weights: readonly F128Vec[]) => vectors.map((v) => weights.map((w) => V.dot(v, w))),
    interpolateMany: (values: readonly F128Vec[]) => values.map((v) => V.intt(v.slice())),
    evaluate: (coeffs: F128Vec) => V.ntt(coeffs.slice()),
    cosetLdeMany: (coeffs: readonly F128Vec[], blowup: number, offset: bigint) => coeffs.map((c) => V.cosetEvaluate(c, blowup, offset)),
    extDivLinear: (coeffs: readonly F128Vec[], z: readonly bigint[]) => (coeffs.length === 1 ? [V.divLinear(coeffs[0]!, z[0]!)] : undefined),
    // an element's 16 little-endian bytes are its four words (F.toBytes)
    packRows: (columns: readonly F128Vec[]) => {
      const n = columns[0]!.length >>> 2;
      const m = columns.length;
      const words = new Uint32Array(n * m * 4);
      for (let c = 0; c < m; c++) {
        const v = columns[c]!;
        for (let i = 0, o = 4 * c; i < n; i++, o += 4 * m) {
          words[o] = v[4 * i]!;
          words[o + 1] = v[4 * i + 1]!;
          words[o + 2] = v[4 * i + 2]!;
          words[o + 3] = v[4 * i + 3]!;
        }
      }
      return new Uint8Array(words.buffer);
    },
  });
  cache.set(F.modulus, backend);
  return backend;
}
