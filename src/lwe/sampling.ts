/**
 * Samplers for the LWE scheme (thesis §4.2–4.3): small secrets and errors, uniform elements of Z_q,
 * and the public matrix A expanded from a 32-byte seed as FrodoKEM does (FrodoKEM spec §2.2.5, with
 * SHAKE128 per row), so a public key is (seed, t) instead of the whole matrix.
 *
 * Small vectors are Float64Arrays of exact integers. The Gaussian is a *rounded* continuous Gaussian of
 * standard deviation σ (as the thesis code does); its exact variance is computed in noise.ts.
 */
import type { PrimeModulus } from "../math/moduli.js";
import { ByteStream, shake128 } from "./random.js";

/** A distribution of small integers, parameterised by its natural parameter (σ is a standard deviation). */
export type SmallDistribution =
  | { readonly kind: "gaussian"; readonly stddev: number }
  | { readonly kind: "cbd"; readonly eta: number }
  | { readonly kind: "uniform"; readonly a: number; readonly b: number };

/** Draws `count` samples of `dist` into a new Float64Array. */
export function sampleSmall(dist: SmallDistribution, count: number, rnd: ByteStream): Float64Array {
  const out = new Float64Array(count);
  switch (dist.kind) {
    case "uniform": {
      const range = dist.b - dist.a + 1;
      if (range <= 256) {
        const limit = 256 - (256 % range);
        for (let i = 0; i < count; i++) {
          let x: number;
          do x = rnd.byte();
          while (x >= limit);
          out[i] = dist.a + (x % range);
        }
      } else {
        for (let i = 0; i < count; i++) out[i] = dist.a + Math.floor(rnd.unit() * range);
      }
      return out;
    }
    case "cbd": {
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let j = 0; j < dist.eta; j++) {
          const b = rnd.byte();
          s += (b & 1) - ((b >> 1) & 1);
        }
        out[i] = s;
      }
      return out;
    }
    case "gaussian": {
      const sigma = dist.stddev;
      for (let i = 0; i < count; i += 2) {
        // Box–Muller: two independent N(0,1) from two uniforms; u1 in (0, 1].
        const u1 = 1 - rnd.unit();
        const u2 = rnd.unit();
        const radius = Math.sqrt(-2 * Math.log(u1));
        out[i] = Math.round(sigma * radius * Math.cos(2 * Math.PI * u2)) + 0;
        if (i + 1 < count) out[i + 1] = Math.round(sigma * radius * Math.sin(2 * Math.PI * u2)) + 0;
      }
      return out;
    }
  }
}

/**
 * Gaussians wider than 2^40 cannot be sampled as one float64 (their low bits would all be zero). They are
 * drawn as e = a·2^30 + b with a ∼ round(N(0, σ_a²)), b ∼ round(N(0, σ_b²)), σ_b = 2^36 and
 * σ_a² = (σ² − σ_b²) / 2^60: b is far above the smoothing parameter of 2^30·Z (≈ 2^32.2 at ε = 2^-100), so e
 * is statistically indistinguishable from a rounded Gaussian of variance 2^60·Var(a) + Var(b) ≈ σ².
 */
export const WIDE_GAUSSIAN_THRESHOLD = 2 ** 40;
export const WIDE_GAUSSIAN_LOW_STDDEV = 2 ** 36;
export const WIDE_GAUSSIAN_SHIFT = 2 ** 30;

/** Error samples as limb-ready parts: e = hi·2^32 + lo (hi all zero for ordinary widths). */
export interface ErrorSamples {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/** Samples `count` errors of any supported width (see WIDE_GAUSSIAN_THRESHOLD). */
export function sampleError(dist: SmallDistribution, count: number, rnd: ByteStream): ErrorSamples {
  if (dist.kind !== "gaussian" || dist.stddev <= WIDE_GAUSSIAN_THRESHOLD)
    return { lo: sampleSmall(dist, count, rnd), hi: new Float64Array(count) };
  const sigmaA = Math.sqrt(dist.stddev ** 2 - WIDE_GAUSSIAN_LOW_STDDEV ** 2) / WIDE_GAUSSIAN_SHIFT;
  const a = sampleSmall({ kind: "gaussian", stddev: sigmaA }, count, rnd);
  const b = sampleSmall({ kind: "gaussian", stddev: WIDE_GAUSSIAN_LOW_STDDEV }, count, rnd);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = ((a[i]! % 4) + 4) % 4; // a = 4·h + r, so a·2^30 = h·2^32 + r·2^30
    hi[i] = (a[i]! - r) / 4;
    lo[i] = b[i]! + r * WIDE_GAUSSIAN_SHIFT;
  }
  return { lo, hi };
}

/** Adds error i to the limb sums of one element at acc[off ..] (needs ≥ 2 limbs). */
export function addError(acc: Float64Array, off: number, e: ErrorSamples, i: number): void {
  acc[off]! += e.lo[i]!;
  acc[off + 1]! += e.hi[i]!;
}

/** Reads one canonical element (< q) from `bytes` at `pos`; false if the candidate was rejected (≥ q). */
function readCandidate(mod: PrimeModulus, bytes: Uint8Array, pos: number, out: Uint32Array, outOff: number): boolean {
  const L = mod.limbs;
  const ql = mod.qLimbs;
  for (let k = 0; k < L; k++) {
    const p = pos + 4 * k;
    out[outOff + k] = (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)) >>> 0;
  }
  for (let k = L - 1; k >= 0; k--) {
    const x = out[outOff + k]!;
    if (x !== ql[k]!) return x < ql[k]!;
  }
  return false; // equal to q
}

/** `count` uniform elements of Z_q (rejection sampling on 32·L-bit candidates). */
export function sampleUniformMod(mod: PrimeModulus, count: number, rnd: ByteStream): Uint32Array {
  const L = mod.limbs;
  const out = new Uint32Array(count * L);
  const bytes = new Uint8Array(4 * L);
  for (let i = 0; i < count; i++) {
    do for (let j = 0; j < bytes.length; j++) bytes[j] = rnd.byte();
    while (!readCandidate(mod, bytes, 0, out, i * L));
  }
  return out;
}

const MATRIX_DOMAIN = new TextEncoder().encode("EncryptAI-LWE-A");

/**
 * Row `row` of the public matrix A (n elements): SHAKE128("EncryptAI-LWE-A" ‖ seed ‖ u32le(row)), read as
 * 32·L-bit little-endian candidates, rejecting those ≥ q. SHAKE output is prefix-stable, so a row that
 * runs out of candidates simply asks for a longer output.
 */
export function expandRow(mod: PrimeModulus, seed: Uint8Array, row: number, n: number, out: Uint32Array, outOff: number): void {
  const L = mod.limbs;
  const idx = new Uint8Array(4);
  new DataView(idx.buffer).setUint32(0, row, true);
  let len = 4 * L * (n + 8);
  let bytes = shake128(len, MATRIX_DOMAIN, seed, idx);
  let pos = 0;
  for (let i = 0; i < n; ) {
    if (pos + 4 * L > len) {
      len *= 2;
      bytes = shake128(len, MATRIX_DOMAIN, seed, idx);
    }
    if (readCandidate(mod, bytes, pos, out, outOff + i * L)) i++;
    pos += 4 * L;
  }
}

/** The whole m×n matrix A, row-major limbs. */
export function expandMatrix(mod: PrimeModulus, seed: Uint8Array, m: number, n: number): Uint32Array {
  const a = new Uint32Array(m * n * mod.limbs);
  for (let i = 0; i < m; i++) expandRow(mod, seed, i, n, a, i * n * mod.limbs);
  return a;
}
