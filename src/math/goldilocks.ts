/**
 * Goldilocks arithmetic (p = 2^64 − 2^32 + 1; Plonky2, Winterfell `f64`) on typed arrays, in TypeScript:
 * the reference and fallback path of the vector kernels whose WebAssembly twins live in
 * assembly/goldilocks-kernels.ts.
 *
 * Representation: a vector of n elements is a `Uint32Array` of 2n words, element i = w[2i] + w[2i+1]·2^32
 * (lo, hi), always canonical (< p). That is the little-endian layout of a `BigUint64Array` and of WebAssembly
 * i64 memory, so crossing into WebAssembly is one memcpy and `new BigUint64Array(v.buffer)` reads elements.
 *
 * Multiplication splits both operands into 16-bit digits, sums the 16 digit products per column in float64
 * (every partial sum < 2^51, so exact) and reduces the 128-bit product with 2^64 ≡ 2^32 − 1, 2^96 ≡ −1.
 * Carries are taken with ToUint32 (`x >>> 0` is x mod 2^32 for any integer double, negatives included) and
 * choices are made arithmetically (0/1 multipliers), not with branches: random data would mispredict them.
 * Not constant-time.
 */
import { DivisionByZeroError, InvalidElementError, LengthError } from "./errors.js";

/** The Goldilocks prime 2^64 − 2^32 + 1. */
export const GL_P = 0xffffffff00000001n;
const TWO32 = 4294967296;
const P_HI = 4294967295; // p = P_HI·2^32 + 1

/** A Goldilocks vector: 2 words per element (lo, hi), canonical. */
export type GlVec = Uint32Array;

/** A vector of n zeros. */
export function glVec(n: number): GlVec {
  return new Uint32Array(2 * n);
}

/** Number of elements of v (LengthError for an odd word count). */
export function glLength(v: GlVec): number {
  if ((v.length & 1) !== 0) throw new LengthError(`Goldilocks vector must have an even number of 32-bit words, got ${v.length}`);
  return v.length >>> 1;
}

function checkCanonical(x: bigint, where: string): void {
  if (typeof x !== "bigint" || x < 0n || x >= GL_P) throw new InvalidElementError(`${where}: ${String(x)} is not a Goldilocks element in [0, p)`);
}

/** Vector from bigints (each must be in [0, p)). */
export function glFromBigints(xs: readonly bigint[]): GlVec {
  const v = glVec(xs.length);
  // one 64-bit store per element through a BigUint64Array view of the fresh (8-byte aligned) vector: its two
  // little-endian words are the element's low and high halves, as glSet writes them
  const words = new BigUint64Array(v.buffer, v.byteOffset, xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    checkCanonical(x, "glSet");
    words[i] = x;
  }
  return v;
}

export function glToBigints(v: GlVec): bigint[] {
  const n = glLength(v);
  const out = new Array<bigint>(n);
  if (v.byteOffset % 8 === 0) {
    const words = new BigUint64Array(v.buffer, v.byteOffset, n);
    for (let i = 0; i < n; i++) out[i] = words[i]!;
  } else for (let i = 0; i < n; i++) out[i] = glGet(v, i);
  return out;
}

export function glGet(v: GlVec, i: number): bigint {
  return (BigInt(v[2 * i + 1]!) << 32n) | BigInt(v[2 * i]!);
}

export function glSet(v: GlVec, i: number, x: bigint): void {
  checkCanonical(x, "glSet");
  v[2 * i] = Number(x & 0xffffffffn);
  v[2 * i + 1] = Number(x >> 32n);
}

/** True when every element is < p. */
export function glIsCanonical(v: GlVec): boolean {
  for (let i = 1; i < v.length; i += 2) if (v[i] === P_HI && v[i - 1] !== 0) return false;
  return true;
}

// ---- scalar kernels on (lo, hi) limbs, writing to out[o], out[o + 1] --------------------------------------

/** out = (lo + hi·2^32) mod p for an integer value in (−p, p) given as doubles with |lo| < 2^52, |hi| ≤ 2^33. */
function _canonTo(out: Uint32Array, o: number, lo: number, hi: number): void {
  const l = lo >>> 0;
  const h = hi + (lo - l) / TWO32; // value = l + h·2^32, h ∈ [−2^32, 2^32)
  const k = ((h >>> 0) - h) / TWO32; // 1 when negative, else 0
  const l2 = l + k; // add p = P_HI·2^32 + 1 when negative
  const l3 = l2 >>> 0;
  out[o] = l3;
  out[o + 1] = h + k * P_HI + (l2 - l3) / TWO32;
}

/** out = a + b. */
export function _addTo(out: Uint32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  _canonTo(out, o, alo + blo - 1, ahi + bhi - P_HI); // a + b − p ∈ (−p, p)
}

/** out = a − b. */
export function _subTo(out: Uint32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  _canonTo(out, o, alo - blo, ahi - bhi);
}

/** Rare fix-up of a reduced product: value = lo + hi·2^32 with hi ∈ {−2, −1, 2^32 − 1, 2^32}. */
function _fixup(out: Uint32Array, o: number, lo: number, hi: number): void {
  if (hi < 0) {
    // add p
    const l = lo + 1;
    const l2 = l >>> 0;
    out[o] = l2;
    out[o + 1] = hi + P_HI + (l - l2) / TWO32;
  } else if (hi === P_HI) {
    if (lo >= 1) {
      out[o] = lo - 1;
      out[o + 1] = 0;
    } else {
      out[o] = 0;
      out[o + 1] = P_HI;
    }
  } else {
    // hi = 2^32: lo + 2^64 ≡ lo + 2^32 − 1
    if (lo >= 1) {
      out[o] = lo - 1;
      out[o + 1] = 1;
    } else {
      out[o] = P_HI;
      out[o + 1] = 0;
    }
  }
}

/** out = a·b mod p. */
export function _mulTo(out: Uint32Array, o: number, alo: number, ahi: number, blo: number, bhi: number): void {
  const a0 = alo & 0xffff;
  const a1 = alo >>> 16;
  const a2 = ahi & 0xffff;
  const a3 = ahi >>> 16;
  const b0 = blo & 0xffff;
  const b1 = blo >>> 16;
  const b2 = bhi & 0xffff;
  const b3 = bhi >>> 16;
  // 128-bit product as four 32-bit words x0..x3.
  let t = a0 * b0 + (a0 * b1 + a1 * b0) * 65536;
  const x0 = t >>> 0;
  t = (t - x0) / TWO32 + a0 * b2 + a1 * b1 + a2 * b0 + (a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0) * 65536;
  const x1 = t >>> 0;
  t = (t - x1) / TWO32 + a1 * b3 + a2 * b2 + a3 * b1 + (a2 * b3 + a3 * b2) * 65536;
  const x2 = t >>> 0;
  const x3 = (t - x2) / TWO32 + a3 * b3;
  // x ≡ (x0 − x2 − x3) + (x1 + x2)·2^32; fold the bit 2^64 of x1 + x2 back as 2^32 − 1.
  const H = x1 + x2;
  const h0 = H >>> 0;
  const L = x0 - x2 - x3 + ((H - h0) / TWO32) * P_HI;
  const lo = L >>> 0;
  const hi = h0 + (L - lo) / TWO32; // ∈ [−2, 2^32]
  if (hi >= 0 && hi < P_HI) {
    out[o] = lo;
    out[o + 1] = hi;
  } else _fixup(out, o, lo, hi);
}

// ---- vector kernels ---------------------------------------------------------------------------------------

/** The common length of two vectors (LengthError naming `what` otherwise); shared with the WebAssembly wrappers. */
export function _glSameLength(a: GlVec, b: GlVec, what: string): number {
  const n = glLength(a);
  if (b.length !== a.length) throw new LengthError(`${what}: vectors of ${n} and ${b.length / 2} elements`);
  return n;
}

/** `out` when it has n elements, a new vector when it is undefined (LengthError otherwise). */
export function _glOutFor(n: number, out: GlVec | undefined, what: string): GlVec {
  if (out === undefined) return glVec(n);
  if (out.length !== 2 * n) throw new LengthError(`${what}: output has ${out.length / 2} elements, expected ${n}`);
  return out;
}

/** out[i] = a[i]·b[i] (TypeScript path; `out` may alias a or b). */
export function glMulVecTs(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  const n = _glSameLength(a, b, "glMulVec");
  const r = _glOutFor(n, out, "glMulVec");
  for (let i = 0; i < 2 * n; i += 2) _mulTo(r, i, a[i]!, a[i + 1]!, b[i]!, b[i + 1]!);
  return r;
}

/** out[i] = a[i] + b[i]. */
export function glAddVecTs(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  const n = _glSameLength(a, b, "glAddVec");
  const r = _glOutFor(n, out, "glAddVec");
  for (let i = 0; i < 2 * n; i += 2) _addTo(r, i, a[i]!, a[i + 1]!, b[i]!, b[i + 1]!);
  return r;
}

/** out[i] = a[i] − b[i]. */
export function glSubVecTs(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  const n = _glSameLength(a, b, "glSubVec");
  const r = _glOutFor(n, out, "glSubVec");
  for (let i = 0; i < 2 * n; i += 2) _subTo(r, i, a[i]!, a[i + 1]!, b[i]!, b[i + 1]!);
  return r;
}

function limbs(x: bigint, where: string): [number, number] {
  checkCanonical(x, where);
  return [Number(x & 0xffffffffn), Number(x >> 32n)];
}

/** out[i] = c·a[i]. */
export function glScaleVecTs(a: GlVec, c: bigint, out?: GlVec): GlVec {
  const n = glLength(a);
  const r = _glOutFor(n, out, "glScaleVec");
  const [clo, chi] = limbs(c, "glScaleVec");
  for (let i = 0; i < 2 * n; i += 2) _mulTo(r, i, a[i]!, a[i + 1]!, clo, chi);
  return r;
}

/** out[i] = acc[i] + c·a[i] (TypeScript reference of the fused kernel). */
export function glAxpyVecTs(acc: GlVec, a: GlVec, c: bigint, out?: GlVec): GlVec {
  const n = _glSameLength(acc, a, "glAxpyVec");
  const r = _glOutFor(n, out, "glAxpyVec");
  const [clo, chi] = limbs(c, "glAxpyVec");
  const t = new Uint32Array(2);
  for (let i = 0; i < 2 * n; i += 2) {
    _mulTo(t, 0, a[i]!, a[i + 1]!, clo, chi);
    _addTo(r, i, acc[i]!, acc[i + 1]!, t[0]!, t[1]!);
  }
  return r;
}

/** out[i] = a[i]·b[i] + c[i] (fused, e.g. for constraint evaluation and FRI folding). */
export function glMulAddVec(a: GlVec, b: GlVec, c: GlVec, out?: GlVec): GlVec {
  const n = _glSameLength(a, b, "glMulAddVec");
  _glSameLength(a, c, "glMulAddVec");
  const r = _glOutFor(n, out, "glMulAddVec");
  for (let i = 0; i < 2 * n; i += 2) {
    const clo = c[i]!;
    const chi = c[i + 1]!;
    _mulTo(r, i, a[i]!, a[i + 1]!, b[i]!, b[i + 1]!);
    _addTo(r, i, r[i]!, r[i + 1]!, clo, chi);
  }
  return r;
}

const scratch = new Uint32Array(2);

/** a·b for bigint elements through the limb kernel (for cross-checks; the bigint field is simpler for scalars). */
export function glMul(a: bigint, b: bigint): bigint {
  const [alo, ahi] = limbs(a, "glMul");
  const [blo, bhi] = limbs(b, "glMul");
  _mulTo(scratch, 0, alo, ahi, blo, bhi);
  return (BigInt(scratch[1]!) << 32n) | BigInt(scratch[0]!);
}

/**
 * a^e (e ≥ 0) for a canonical bigint element: left-to-right square-and-multiply on limbs, the exponent's bits read
 * once (about 4× modPow's speed for a 64-bit exponent such as a Rescue inverse S-box).
 */
export function glPow(a: bigint, e: bigint): bigint {
  if (e < 0n) throw new RangeError(`glPow: the exponent must be ≥ 0, got ${e}`);
  const [xlo, xhi] = limbs(a, "glPow");
  const bits = e.toString(2);
  const t = new Uint32Array(2);
  let rlo = 1;
  let rhi = 0;
  for (let i = 0; i < bits.length; i++) {
    if (i > 0) {
      _mulTo(t, 0, rlo, rhi, rlo, rhi);
      rlo = t[0]!;
      rhi = t[1]!;
    }
    if (bits.charCodeAt(i) === 49) {
      _mulTo(t, 0, rlo, rhi, xlo, xhi);
      rlo = t[0]!;
      rhi = t[1]!;
    }
  }
  return (BigInt(rhi) << 32n) | BigInt(rlo);
}

/** x^e (e ≥ 0) on limbs; result in out[o..o+1]. */
function _powTo(out: Uint32Array, o: number, xlo: number, xhi: number, e: bigint): void {
  let rlo = 1;
  let rhi = 0;
  const t = scratch;
  while (e > 0n) {
    if (e & 1n) {
      _mulTo(t, 0, rlo, rhi, xlo, xhi);
      rlo = t[0]!;
      rhi = t[1]!;
    }
    _mulTo(t, 0, xlo, xhi, xlo, xhi);
    xlo = t[0]!;
    xhi = t[1]!;
    e >>= 1n;
  }
  out[o] = rlo;
  out[o + 1] = rhi;
}

/** out[i] = a[i]^-1 by Montgomery's trick (3(n − 1) multiplications, one exponentiation a^(p−2)). */
export function glBatchInverseTs(a: GlVec, out?: GlVec): GlVec {
  const n = glLength(a);
  const r = _glOutFor(n, out, "glBatchInverse");
  if (n === 0) return r;
  const prefix = new Uint32Array(2 * n);
  let alo = 1;
  let ahi = 0;
  const t = new Uint32Array(2);
  for (let i = 0; i < 2 * n; i += 2) {
    const xlo = a[i]!;
    const xhi = a[i + 1]!;
    if (xlo === 0 && xhi === 0) throw new DivisionByZeroError("Goldilocks", i >>> 1);
    prefix[i] = alo;
    prefix[i + 1] = ahi;
    _mulTo(t, 0, alo, ahi, xlo, xhi);
    alo = t[0]!;
    ahi = t[1]!;
  }
  _powTo(t, 0, alo, ahi, GL_P - 2n);
  let ilo = t[0]!;
  let ihi = t[1]!;
  for (let i = 2 * n - 2; i >= 0; i -= 2) {
    const xlo = a[i]!;
    const xhi = a[i + 1]!;
    _mulTo(r, i, ilo, ihi, prefix[i]!, prefix[i + 1]!);
    _mulTo(t, 0, ilo, ihi, xlo, xhi);
    ilo = t[0]!;
    ihi = t[1]!;
  }
  return r;
}

/** The element x repeated n times. */
export function glConstant(x: bigint, n: number): GlVec {
  const [lo, hi] = limbs(x, "glConstant");
  const v = glVec(n);
  for (let i = 0; i < 2 * n; i += 2) {
    v[i] = lo;
    v[i + 1] = hi;
  }
  return v;
}

/** v repeated to n elements (n a multiple of v's length): a periodic column on a whole domain. */
export function glTile(v: GlVec, n: number): GlVec {
  const m = glLength(v);
  if (m === 0 || n % m !== 0) throw new LengthError(`glTile: ${n} is not a multiple of ${m}`);
  const r = glVec(n);
  for (let i = 0; i < n; i += m) r.set(v, 2 * i);
  return r;
}

/** [1, x, x^2, ..., x^(n−1)] (and with `offset`: offset·x^i). */
export function glPowers(x: bigint, n: number, offset = 1n): GlVec {
  const [xlo, xhi] = limbs(x, "glPowers");
  const [olo, ohi] = limbs(offset, "glPowers");
  const r = glVec(n);
  if (n === 0) return r;
  r[0] = olo;
  r[1] = ohi;
  for (let i = 2; i < 2 * n; i += 2) _mulTo(r, i, r[i - 2]!, r[i - 1]!, xlo, xhi);
  return r;
}

/** Σ c_i·x^i by Horner's rule (coefficients low to high). */
export function glEvaluate(coeffs: GlVec, x: bigint): bigint {
  const n = glLength(coeffs);
  const [xlo, xhi] = limbs(x, "glEvaluate");
  const t = new Uint32Array(2);
  for (let i = 2 * n - 2; i >= 0; i -= 2) {
    _mulTo(t, 0, t[0]!, t[1]!, xlo, xhi);
    _addTo(t, 0, t[0]!, t[1]!, coeffs[i]!, coeffs[i + 1]!);
  }
  return (BigInt(t[1]!) << 32n) | BigInt(t[0]!);
}

/** Σ a_i·b_i. */
export function glInnerProduct(a: GlVec, b: GlVec): bigint {
  const n = _glSameLength(a, b, "glInnerProduct");
  const acc = new Uint32Array(2);
  const t = new Uint32Array(2);
  for (let i = 0; i < 2 * n; i += 2) {
    _mulTo(t, 0, a[i]!, a[i + 1]!, b[i]!, b[i + 1]!);
    _addTo(acc, 0, acc[0]!, acc[1]!, t[0]!, t[1]!);
  }
  return (BigInt(acc[1]!) << 32n) | BigInt(acc[0]!);
}
