/**
 * Radix-2 number-theoretic transform over Goldilocks on `GlVec` typed arrays, in TypeScript (reference and
 * fallback of the WebAssembly NTT in assembly/goldilocks-kernels.ts; the two are checked bit-for-bit).
 *
 * In place, natural order in and out: bit-reversal permutation, then iterative Cooley–Tukey (decimation in
 * time) butterflies (Cormen et al., Introduction to Algorithms, 3rd ed., §30.3, ITERATIVE-FFT). Twiddles are
 * precomputed once per process in a per-stage table: the stage of half-size m reads ω_{2m}^j at index m + j,
 * so each stage streams its twiddles sequentially and a table for 2^k serves every smaller size. The inverse
 * is the forward transform followed by a[j] ← a[(n − j) mod n]/n, since ω^(−jk) = ω^((n−j)k).
 * Roots: ω_{2^k} = ω_{2^32}^(2^(32−k)) with ω_{2^32} = 7277203076849721926 (Winterfell f64 / Plonky2).
 */
import { DomainSizeError } from "./errors.js";
import { _addTo, _mulTo, _subTo, GL_P, glLength, type GlVec } from "./goldilocks.js";
import { modPow } from "./number-theory.js";

/** Winterfell f64 `TWO_ADIC_ROOT_OF_UNITY`: a primitive 2^32-th root of unity. */
export const GL_TWO_ADIC_ROOT = 7277203076849721926n;
export const GL_TWO_ADICITY = 32;
/** Multiplicative generator of Goldilocks (Winterfell f64 `GENERATOR`). */
export const GL_GENERATOR = 7n;

/** Primitive root of unity of order 2^logN (logN ≤ 32). */
export function glRootOfUnity(logN: number): bigint {
  if (!Number.isInteger(logN) || logN < 0 || logN > GL_TWO_ADICITY) {
    throw new DomainSizeError(`Goldilocks has roots of unity of order 2^k for 0 ≤ k ≤ 32 only, got k = ${logN}`);
  }
  return modPow(GL_TWO_ADIC_ROOT, 1n << BigInt(GL_TWO_ADICITY - logN), GL_P);
}

/** log2 n for an NTT size n (a power of two ≤ 2^32); DomainSizeError otherwise. */
export function glLogSize(n: number): number {
  const log = Math.round(Math.log2(n));
  if (!Number.isInteger(n) || n < 1 || 2 ** log !== n) throw new DomainSizeError(`NTT size must be a power of two, got ${n}`);
  if (log > GL_TWO_ADICITY) throw new DomainSizeError(`NTT size 2^${log} exceeds Goldilocks's two-adicity 2^32`);
  return log;
}

let twiddleLog = -1;
let twiddleTable = new Uint32Array(0);

/** Per-stage twiddle table for sizes up to 2^logN (2^logN elements; index m + j holds ω_{2m}^j). */
export function _glTwiddles(logN: number): Uint32Array {
  if (logN <= twiddleLog) return twiddleTable;
  const n = 2 ** logN;
  const tw = new Uint32Array(2 * n);
  for (let m = 1, k = 1; m < n; m *= 2, k++) {
    const w = glRootOfUnity(k);
    const wlo = Number(w & 0xffffffffn);
    const whi = Number(w >> 32n);
    tw[2 * m] = 1;
    for (let j = 1; j < m; j++) _mulTo(tw, 2 * (m + j), tw[2 * (m + j - 1)]!, tw[2 * (m + j - 1) + 1]!, wlo, whi);
  }
  twiddleLog = logN;
  twiddleTable = tw;
  return tw;
}

/** In-place bit-reversal permutation of a GlVec of n = 2^k elements. */
export function glBitReverse(a: GlVec): GlVec {
  const n = glLength(a);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const lo = a[2 * i]!;
      const hi = a[2 * i + 1]!;
      a[2 * i] = a[2 * j]!;
      a[2 * i + 1] = a[2 * j + 1]!;
      a[2 * j] = lo;
      a[2 * j + 1] = hi;
    }
  }
  return a;
}

/** Forward NTT in place: a[k] ← Σ_j a[j]·ω_n^(jk), natural order (TypeScript path). */
export function glNttTs(a: GlVec): GlVec {
  const n = glLength(a);
  const logN = glLogSize(n);
  const tw = _glTwiddles(logN);
  glBitReverse(a);
  const t = new Uint32Array(2);
  for (let m = 1; m < n; m *= 2) {
    for (let k = 0; k < n; k += 2 * m) {
      for (let j = 0; j < m; j++) {
        const i0 = 2 * (k + j);
        const i1 = i0 + 2 * m;
        const w = 2 * (m + j);
        _mulTo(t, 0, a[i1]!, a[i1 + 1]!, tw[w]!, tw[w + 1]!);
        const ulo = a[i0]!;
        const uhi = a[i0 + 1]!;
        const vlo = t[0]!;
        const vhi = t[1]!;
        _addTo(a, i0, ulo, uhi, vlo, vhi);
        _subTo(a, i1, ulo, uhi, vlo, vhi);
      }
    }
  }
  return a;
}

/** a[j] ← a[(n − j) mod n]·n^-1 (turns a forward transform into the inverse one). */
export function _glReverseAndScale(a: GlVec): GlVec {
  const n = glLength(a);
  const nInv = modPow(BigInt(n), GL_P - 2n, GL_P);
  const slo = Number(nInv & 0xffffffffn);
  const shi = Number(nInv >> 32n);
  for (let i = 1, j = n - 1; i < j; i++, j--) {
    const lo = a[2 * i]!;
    const hi = a[2 * i + 1]!;
    a[2 * i] = a[2 * j]!;
    a[2 * i + 1] = a[2 * j + 1]!;
    a[2 * j] = lo;
    a[2 * j + 1] = hi;
  }
  for (let i = 0; i < 2 * n; i += 2) _mulTo(a, i, a[i]!, a[i + 1]!, slo, shi);
  return a;
}

/** Inverse NTT in place: evaluations on ⟨ω_n⟩ → coefficients (TypeScript path). */
export function glInttTs(a: GlVec): GlVec {
  return _glReverseAndScale(glNttTs(a));
}
