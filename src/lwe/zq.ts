/**
 * Vectors over Z_q in limb form and the kernels LWE needs (thesis §4.3): small-coefficient linear
 * combinations of full-size vectors (A^T·e1, A·s, s^T·v, Σ c_j·ct_j), additions and scalar products.
 *
 * Representation: an element is `limbs` little-endian 32-bit words in a Uint32Array. Kernels accumulate
 * c·limb products in Float64Array "limb sums" — exact while Σ|c| < 2^21 (|sum| < 2^53) — and then
 * `normalize` turns each element's limb sums back into its canonical residue in [0, q). Not constant-time.
 */
import type { PrimeModulus } from "../math/moduli.js";
import { glAddVec, glScaleVec } from "../math/goldilocks-fast.js";
import { GL_P, glIsCanonical } from "../math/goldilocks.js";

/** True when a and b are canonical vectors mod the Goldilocks prime in its 2-limb layout: the WebAssembly kernels apply. */
function goldilocksVectors(mod: PrimeModulus, ...vs: Uint32Array[]): boolean {
  return mod.q === GL_P && mod.limbs === 2 && vs.every((v) => v.length % 2 === 0 && glIsCanonical(v));
}

const TWO32 = 4294967296;
/** Largest Σ|c| that keeps float64 limb sums exact: |Σ c·limb| ≤ Σ|c|·(2^32 − 1) < 2^53. */
export const EXACT_COEFFICIENT_BUDGET = 2 ** 21 - 1;

/** Converts limb sums acc[accOff .. accOff + count·L) to canonical limbs in out[outOff ..). */
export function normalize(
  mod: PrimeModulus,
  acc: Float64Array,
  accOff: number,
  out: Uint32Array,
  outOff: number,
  count: number,
): void {
  const L = mod.limbs;
  const r = mod.reductionLimbs;
  const ql = mod.qLimbs;
  for (let e = 0; e < count; e++) {
    const a = accOff + e * L;
    // Carry-propagate; fold the carry out of the top limb back in with 2^(32L) ≡ r (mod q).
    for (let iter = 0; ; iter++) {
      let carry = 0;
      for (let k = 0; k < L; k++) {
        const x = acc[a + k]! + carry;
        const hi = Math.floor(x / TWO32);
        acc[a + k] = x - hi * TWO32;
        carry = hi;
      }
      if (carry === 0) break;
      if (iter > 8) throw new Error("internal error: limb normalisation did not converge");
      for (let k = 0; k < L; k++) acc[a + k]! += carry * r[k]!;
    }
    // Now 0 ≤ value < 2^(32L) < 2q: subtract q once if value ≥ q.
    let geq = true;
    for (let k = L - 1; k >= 0; k--) {
      const x = acc[a + k]!;
      const y = ql[k]!;
      if (x !== y) {
        geq = x > y;
        break;
      }
    }
    const o = outOff + e * L;
    if (geq) {
      let borrow = 0;
      for (let k = 0; k < L; k++) {
        let x = acc[a + k]! - ql[k]! - borrow;
        borrow = x < 0 ? 1 : 0;
        if (borrow) x += TWO32;
        out[o + k] = x;
      }
    } else {
      for (let k = 0; k < L; k++) out[o + k] = acc[a + k]!;
    }
  }
}

/** acc[accOff + k] += c · src[srcOff + k] for k < len. */
export function accumulate(
  acc: Float64Array,
  accOff: number,
  src: Uint32Array,
  srcOff: number,
  len: number,
  c: number,
): void {
  if (c === 1) for (let k = 0; k < len; k++) acc[accOff + k]! += src[srcOff + k]!;
  else if (c === -1) for (let k = 0; k < len; k++) acc[accOff + k]! -= src[srcOff + k]!;
  else if (c !== 0) for (let k = 0; k < len; k++) acc[accOff + k]! += c * src[srcOff + k]!;
}

/**
 * out = Σ_i coeffs[i] · rows[i] (mod q), each row `width` elements long (rows stored back to back in
 * `rows`, row i at element offset i·width). Small integer coefficients; chunks the sum to stay exact.
 */
export function combineRows(
  mod: PrimeModulus,
  rows: Uint32Array,
  width: number,
  coeffs: ArrayLike<number>,
  out: Uint32Array,
  outOff = 0,
): void {
  const L = mod.limbs;
  const len = width * L;
  const acc = new Float64Array(len);
  let budget = 0;
  for (let i = 0; i < coeffs.length; i++) {
    const c = coeffs[i]!;
    if (c === 0) continue;
    const size = Math.abs(c);
    if (!Number.isSafeInteger(c) || size > EXACT_COEFFICIENT_BUDGET)
      throw new RangeError(`coefficient ${c} is not a small integer (|c| must be < 2^21)`);
    if (budget + size > EXACT_COEFFICIENT_BUDGET) {
      // Fold the partial sum to canonical limbs (each < 2^32) and continue from there.
      const tmp = new Uint32Array(len);
      normalize(mod, acc, 0, tmp, 0, width);
      for (let k = 0; k < len; k++) acc[k] = tmp[k]!;
      budget = 1;
    }
    budget += size;
    accumulate(acc, 0, rows, i * len, len, c);
  }
  normalize(mod, acc, 0, out, outOff, width);
}

/** Σ_j coeffs[j] · vec[j] (mod q) as one element written to out[outOff ..). */
export function dotSmall(
  mod: PrimeModulus,
  vec: Uint32Array,
  vecOff: number,
  coeffs: ArrayLike<number>,
  out: Uint32Array,
  outOff = 0,
): void {
  combineRows(mod, vecOff === 0 ? vec : vec.subarray(vecOff), 1, coeffs, out, outOff);
}

/** Element i of a limb vector as a bigint. */
export function getElement(mod: PrimeModulus, v: Uint32Array, i: number): bigint {
  let x = 0n;
  for (let k = mod.limbs - 1; k >= 0; k--) x = (x << 32n) | BigInt(v[i * mod.limbs + k]!);
  return x;
}

/** Writes x mod q as element i of a limb vector. */
export function setElement(mod: PrimeModulus, v: Uint32Array, i: number, x: bigint): void {
  let y = ((x % mod.q) + mod.q) % mod.q;
  for (let k = 0; k < mod.limbs; k++) {
    v[i * mod.limbs + k] = Number(y & 0xffffffffn);
    y >>= 32n;
  }
}

/** True when every element of v is a canonical residue (< q). */
export function allCanonical(mod: PrimeModulus, v: Uint32Array): boolean {
  const L = mod.limbs;
  const ql = mod.qLimbs;
  for (let e = 0; e < v.length / L; e++) {
    for (let k = L - 1; k >= 0; k--) {
      const x = v[e * L + k]!;
      const y = ql[k]!;
      if (x < y) break;
      if (x > y || k === 0) return false;
    }
  }
  return true;
}

/** out = a + b (mod q), element-wise, vectors of `count` elements. */
export function addVectors(mod: PrimeModulus, a: Uint32Array, b: Uint32Array, out: Uint32Array): void {
  // q = the Goldilocks prime (goldilocks-128): the WebAssembly kernels, the same residues
  if (a.length === b.length && a.length === out.length && goldilocksVectors(mod, a, b)) {
    glAddVec(a, b, out);
    return;
  }
  const acc = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) acc[k] = a[k]! + b[k]!;
  normalize(mod, acc, 0, out, 0, a.length / mod.limbs);
}

/** out = c · a (mod q) for any integer c (bigint path when |c| ≥ 2^21). */
export function scaleVector(mod: PrimeModulus, a: Uint32Array, c: bigint, out: Uint32Array): void {
  const count = a.length / mod.limbs;
  if (a.length === out.length && goldilocksVectors(mod, a)) {
    glScaleVec(a, ((c % mod.q) + mod.q) % mod.q, out);
    return;
  }
  const small = c > -BigInt(EXACT_COEFFICIENT_BUDGET) && c < BigInt(EXACT_COEFFICIENT_BUDGET);
  if (small) {
    const cn = Number(c);
    const acc = new Float64Array(a.length);
    for (let k = 0; k < a.length; k++) acc[k] = cn * a[k]!;
    normalize(mod, acc, 0, out, 0, count);
    return;
  }
  const cm = ((c % mod.q) + mod.q) % mod.q;
  for (let i = 0; i < count; i++) setElement(mod, out, i, getElement(mod, a, i) * cm);
}

/** Centred representative of x mod q in (−q/2, q/2]. */
export function centre(mod: PrimeModulus, x: bigint): bigint {
  return x > mod.q / 2n ? x - mod.q : x;
}
