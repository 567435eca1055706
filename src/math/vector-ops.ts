/**
 * The vector kernels of a prime field, when it has any (column-field.ts): Goldilocks (goldilocks-fast.ts) and the
 * 128-bit primes p = 2^128 − d·2^32 + 1 — the thesis's f128 and genSTARK's field — (f128-wasm.ts). Other fields
 * have none: callers fall back to one bigint element at a time.
 */
import type { VectorOps } from "./column-field.js";
import type { Field, PrimeField } from "./field.js";
import { GOLDILOCKS_VECTOR_OPS } from "./goldilocks-columns.js";
import { GL_P } from "./goldilocks.js";
import { f128FromBigints, f128Get, f128KernelParameter, f128Length, f128ToBigints, f128Vec } from "./f128-vec.js";
import { f128Vectors } from "./f128-wasm.js";

const cache = new Map<bigint, VectorOps | undefined>();

function f128Ops(F: PrimeField): VectorOps {
  const V = f128Vectors(F);
  const p = F.modulus;
  return Object.freeze({
    field: F,
    length: f128Length,
    fromBigints: (xs: readonly bigint[]) => f128FromBigints(F, xs),
    toBigints: f128ToBigints,
    isCanonical: (v: Uint32Array) => {
      for (let i = 0; i < f128Length(v); i++) if (f128Get(v, i) >= p) return false;
      return true;
    },
    constant: (c: bigint, n: number) => {
      const v = f128Vec(n);
      for (let k = 0; k < 4; k++) v[k] = Number((c >> BigInt(32 * k)) & 0xffffffffn);
      for (let filled = 1; filled < n; filled *= 2) v.copyWithin(4 * filled, 0, 4 * Math.min(filled, n - filled));
      return v;
    },
    add: (a: Uint32Array, b: Uint32Array) => V.add(a, b),
    sub: (a: Uint32Array, b: Uint32Array) => V.sub(a, b),
    mul: (a: Uint32Array, b: Uint32Array) => V.mul(a, b),
    scale: (a: Uint32Array, c: bigint) => V.scale(a, c),
    batchInverse: (a: Uint32Array) => V.batchInverse(a),
  });
}

/** The field's vector kernels, or undefined (an extension, or a prime without kernels). */
export function vectorOpsFor(F: Field<bigint>): VectorOps | undefined {
  if (F.degree !== 1) return undefined;
  const p = F.characteristic;
  if (p === GL_P) return GOLDILOCKS_VECTOR_OPS;
  if (!cache.has(p)) {
    let ops: VectorOps | undefined;
    try {
      f128KernelParameter(F as PrimeField);
      ops = f128Ops(F as PrimeField);
    } catch {
      ops = undefined; // not of the kernels' form: no vector path
    }
    cache.set(p, ops);
  }
  return cache.get(p);
}

/**
 * xs[i]^e for every i: one 128-bit WebAssembly call for a prime of the kernels' form (an S-box layer of the thesis's
 * Rescue state: a 128-bit exponent costs ≈ 190 products, which bigint modPow makes slow), else F.pow each.
 */
export function powEach(F: Field<bigint>, xs: readonly bigint[], e: bigint): bigint[] {
  if (F.degree === 1 && F.characteristic !== GL_P && e >= 0n && e < 1n << 128n && vectorOpsFor(F)) {
    const V = f128Vectors(F as PrimeField);
    return V.toBigints(V.pow(V.fromBigints(xs), e));
  }
  return xs.map((x) => F.pow(x, e));
}
