/**
 * Vectors of 128-bit prime-field elements on typed arrays — the layout the WebAssembly kernels of
 * assembly/f128-kernels.ts read — with conversions from and to bigint arrays (issue 14, item 3).
 *
 * Layout: a vector of n elements is a `Uint32Array` of 4n words, element i = Σ_k w[4i + k]·2^(32k) (four
 * little-endian limbs), always canonical (< p) outside the kernel. That is byte for byte the little-endian
 * layout of WebAssembly memory, so crossing into the kernel is one copy each way.
 *
 * Supported primes: p = 2^128 − d·2^32 + 1 with 1 ≤ d < 2^30, the shape the kernel's reduction uses
 * (2^128 ≡ d·2^32 − 1 mod p): f128 = 2^128 − 45·2^40 + 1 (d = 45·2^8 = 11520) and genSTARK's
 * 2^128 − 9·2^32 + 1 (d = 9). Equivalently: p ≡ 1 (mod 2^32) and 2^128 − 2^62 < p < 2^128.
 */
import { FieldParameterError, InvalidElementError, LengthError } from "./errors.js";
import type { PrimeField } from "./field.js";

/** A vector of 128-bit field elements: 4 little-endian 32-bit words per element, canonical. */
export type F128Vec = Uint32Array;

const TWO128 = 1n << 128n;

/** A vector of n zeros. */
export function f128Vec(n: number): F128Vec {
  if (!Number.isInteger(n) || n < 0) throw new LengthError(`f128Vec: expected a length ≥ 0, got ${n}`);
  return new Uint32Array(4 * n);
}

/** Number of elements of v; LengthError when the word count is not a multiple of 4. */
export function f128Length(v: F128Vec): number {
  if (v.length % 4 !== 0) throw new LengthError(`a 128-bit field vector has 4 words per element, got ${v.length} words`);
  return v.length >>> 2;
}

/**
 * The kernel parameter d of p = 2^128 − d·2^32 + 1; FieldParameterError when F's prime does not have that
 * shape with 1 ≤ d < 2^30 (the kernels' reduction needs it).
 */
export function f128KernelParameter(F: PrimeField): number {
  const p = F.modulus;
  const c = TWO128 + 1n - p; // d·2^32
  if (p >= TWO128 || c <= 0n || (c & 0xffffffffn) !== 0n || c >> 32n >= 1n << 30n) {
    throw new FieldParameterError(`${F.name}: the 128-bit kernels need p = 2^128 − d·2^32 + 1 with 1 ≤ d < 2^30, got p = ${p}`);
  }
  return Number(c >> 32n);
}

/** Element i of v as a bigint. */
export function f128Get(v: F128Vec, i: number): bigint {
  const o = 4 * i;
  return (BigInt(v[o + 3]!) << 96n) | (BigInt(v[o + 2]!) << 64n) | (BigInt(v[o + 1]!) << 32n) | BigInt(v[o]!);
}

/** v[i] ← x; InvalidElementError unless x is a canonical element of F (0 ≤ x < p). */
export function f128Set(F: PrimeField, v: F128Vec, i: number, x: bigint): void {
  if (typeof x !== "bigint" || x < 0n || x >= F.modulus) {
    throw new InvalidElementError(`${F.name}: ${String(x)} at index ${i} is not a canonical element of [0, p)`);
  }
  const o = 4 * i;
  v[o] = Number(x & 0xffffffffn);
  v[o + 1] = Number((x >> 32n) & 0xffffffffn);
  v[o + 2] = Number((x >> 64n) & 0xffffffffn);
  v[o + 3] = Number(x >> 96n);
}

/** The vector of the canonical elements xs of F. */
export function f128FromBigints(F: PrimeField, xs: readonly bigint[]): F128Vec {
  const v = f128Vec(xs.length);
  // two 64-bit halves per element through a BigUint64Array view (a fresh vector is 8-byte aligned): two BigInt
  // operations per element instead of seven
  const halves = new BigUint64Array(v.buffer, v.byteOffset, 2 * xs.length);
  const p = F.modulus;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (typeof x !== "bigint" || x < 0n || x >= p) throw new InvalidElementError(`${F.name}: ${String(x)} at index ${i} is not a canonical element of [0, p)`);
    halves[2 * i] = x; // (BigUint64Array stores x mod 2^64)
    halves[2 * i + 1] = x >> 64n;
  }
  return v;
}

/** The elements of v as bigints. */
export function f128ToBigints(v: F128Vec): bigint[] {
  const n = f128Length(v);
  const out = new Array<bigint>(n);
  if (v.byteOffset % 8 !== 0) {
    for (let i = 0; i < n; i++) out[i] = f128Get(v, i);
    return out;
  }
  const halves = new BigUint64Array(v.buffer, v.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) out[i] = (halves[2 * i + 1]! << 64n) | halves[2 * i]!;
  return out;
}
