// AssemblyScript source of the WebAssembly kernels for 128-bit prime fields p = 2^128 − d·2^32 + 1 with
// 1 ≤ d < 2^30: f128 = 2^128 − 45·2^40 + 1 (d = 45·2^8, Winterfell `f128`, the thesis's field) and genSTARK's
// 2^128 − 9·2^32 + 1 (d = 9). Compiled by scripts/build-wasm.ts into src/math/kernels/f128-kernels.wasm.ts;
// the wrapper is src/math/f128-wasm.ts and its tests check every kernel against the bigint field
// (src/math/field.ts, ntt.ts, domain.ts). docs/math.md, "128-bit fields in WebAssembly", explains the design.
//
// Elements are canonical (< p), 16 bytes, four little-endian 32-bit limbs. WebAssembly multiplies at most
// 64 × 64 → 64 bits, so a product is sixteen 32 × 32 → 64 products summed by column (product scanning). The
// reduction uses the shape of p instead of Montgomery form (so values stay canonical inside the kernel too):
// 2^128 ≡ d·2^32 − 1 (mod p), hence a 256-bit x = L + H·2^128 ≡ L − H + d·H·2^32 (L, H < 2^128):
//   1. y = L − H + d·H·2^32 lies in [0, 2^128·(d·2^32 + 1)): y = Y + T·2^128 with a top part T ≤ d·2^32;
//   2. the same fold on T, u = Y − T + d·T·2^32, lies in [0, 2^128 + d²·2^64) ⊂ [0, 2^128 + 2^124) (d < 2^30);
//   3. p > 2^128 − 2^62, so u < 2p and one conditional subtraction is left: e = (u mod 2^128) + (2^128 − p)
//      is u − p when u ≥ p, which is when u has its bit 128 set or that addition carries.
// Nothing needs x < p², so inputs below 2^128 would do; the wrapper keeps everything canonical anyway.
// Columns are signed i64 holding 32-bit limbs plus a small excess; carries are arithmetic shifts by 32 and
// every choice is a `select`, never a branch.
//
// Products of pairs of elements go through SIMD (i64x2, one element per lane, limb-sliced):
// `i64x2.extmul_*_i32x4_u` gives the 32 × 32 → 64 products of both lanes at once (+20–25 % over scalar i64).
// Sums and differences are scalar on 64-bit halves with carries from unsigned compares (1.5× faster than the
// limb-sliced SIMD form). The scalar product serves odd tails, the exponentiation and the twiddle table.
//
// Kernels: init, firstNonCanonical, mulVec/addVec/subVec/scaleVec, mulPowers, batchInverse, twiddles, ntt,
// reverseAndScale. The NTT is iterative radix-2 decimation in time on natural order (bit reversal first),
// with the per-stage twiddle table of the Goldilocks kernel (index m + j holds ω_{2m}^j).

const M: i64 = 0xffffffff;

/** The modulus parameter: p = 2^128 − D·2^32 + 1. */
let D: i64 = 0;
/** 16-byte-aligned scratch area (128 bytes) owned by the kernel (layout: S_PAIR0 … S_T2 below). */
let SCRATCH: usize = 0;

/** Sets the modulus p = 2^128 − d·2^32 + 1 (1 ≤ d < 2^30, checked by the caller) and the scratch area. */
export function init(d: u32, scratch: usize): void {
  D = <i64>d;
  SCRATCH = scratch;
}

// ---- scalar arithmetic: pointers to 16-byte elements (out may alias an input) ------------------------------

@inline function limb(p: usize, k: usize): i64 {
  return <i64>load<u32>(p + (k << 2));
}

/**
 * Stores w mod p for w = top·2^128 + (w0..w3) < 2p (limbs < 2^32, top ∈ {0, 1}): w or w − p. w ≥ p ⇔
 * w + (2^128 − p) ≥ 2^128, with 2^128 − p = (d − 1)·2^32 + (2^32 − 1): a carry out of the low 128 bits or top.
 */
@inline function storeCanonical(out: usize, w0: i64, w1: i64, w2: i64, w3: i64, top: i64, d: i64): void {
  let t = w0 + M;
  const e0 = t & M;
  t = (t >> 32) + w1 + d - 1;
  const e1 = t & M;
  t = (t >> 32) + w2;
  const e2 = t & M;
  t = (t >> 32) + w3;
  const e3 = t & M;
  const ge = ((t >> 32) | top) != 0;
  store<u32>(out, <u32>select<i64>(e0, w0, ge));
  store<u32>(out, <u32>select<i64>(e1, w1, ge), 4);
  store<u32>(out, <u32>select<i64>(e2, w2, ge), 8);
  store<u32>(out, <u32>select<i64>(e3, w3, ge), 12);
}

/** out = a·b mod p. */
@inline function mulP(out: usize, a: usize, b: usize, d: i64): void {
  const a0 = <u64>limb(a, 0), a1 = <u64>limb(a, 1), a2 = <u64>limb(a, 2), a3 = <u64>limb(a, 3);
  const b0 = <u64>limb(b, 0), b1 = <u64>limb(b, 1), b2 = <u64>limb(b, 2), b3 = <u64>limb(b, 3);
  const um: u64 = 0xffffffff;
  // 32 × 32 → 64 products (each < 2^64, so unsigned), summed by column: low halves in column i + j, high
  // halves in column i + j + 1. Every column sum is < 7·2^32.
  const p00 = a0 * b0, p01 = a0 * b1, p02 = a0 * b2, p03 = a0 * b3;
  const p10 = a1 * b0, p11 = a1 * b1, p12 = a1 * b2, p13 = a1 * b3;
  const p20 = a2 * b0, p21 = a2 * b1, p22 = a2 * b2, p23 = a2 * b3;
  const p30 = a3 * b0, p31 = a3 * b1, p32 = a3 * b2, p33 = a3 * b3;
  let c: u64 = p00;
  const r0 = <i64>(c & um);
  c = (c >> 32) + (p01 & um) + (p10 & um);
  const r1 = <i64>(c & um);
  c = (c >> 32) + (p02 & um) + (p11 & um) + (p20 & um) + (p01 >> 32) + (p10 >> 32);
  const r2 = <i64>(c & um);
  c = (c >> 32) + (p03 & um) + (p12 & um) + (p21 & um) + (p30 & um) + (p02 >> 32) + (p11 >> 32) + (p20 >> 32);
  const r3 = <i64>(c & um);
  c = (c >> 32) + (p13 & um) + (p22 & um) + (p31 & um) + (p03 >> 32) + (p12 >> 32) + (p21 >> 32) + (p30 >> 32);
  const r4 = <i64>(c & um);
  c = (c >> 32) + (p23 & um) + (p32 & um) + (p13 >> 32) + (p22 >> 32) + (p31 >> 32);
  const r5 = <i64>(c & um);
  c = (c >> 32) + (p33 & um) + (p23 >> 32) + (p32 >> 32);
  const r6 = <i64>(c & um);
  const r7 = <i64>((c >> 32) + (p33 >> 32));
  reduce(out, r0, r1, r2, r3, r4, r5, r6, r7, d);
}

/** Stores x mod p for x = Σ r_k·2^(32k) < 2^256 (limbs r_k < 2^32): steps 1–3 of the header. */
@inline function reduce(out: usize, r0: i64, r1: i64, r2: i64, r3: i64, r4: i64, r5: i64, r6: i64, r7: i64, d: i64): void {
  // 1. y = L − H + d·H·2^32 (H = r4..r7): limbs z0..z4 and a top z5 ≤ d. The products d·r_k < 2^62 go into
  //    their column whole (no split: the column stays below 2^63 for d < 2^30) and the carries spread them.
  let t = r0 - r4;
  const z0 = t & M;
  t = (t >> 32) + r1 - r5 + d * r4;
  const z1 = t & M;
  t = (t >> 32) + r2 - r6 + d * r5;
  const z2 = t & M;
  t = (t >> 32) + r3 - r7 + d * r6;
  const z3 = t & M;
  t = (t >> 32) + d * r7;
  const z4 = t & M;
  const z5 = t >> 32;
  // 2. the same with T = z4 + z5·2^32: u = Y − T + d·T·2^32 < 2^129, limbs u0..u3 and a carry v ∈ {0, 1}
  t = z0 - z4;
  const u0 = t & M;
  t = (t >> 32) + z1 - z5 + d * z4;
  const u1 = t & M;
  t = (t >> 32) + z2 + d * z5;
  const u2 = t & M;
  t = (t >> 32) + z3;
  const u3 = t & M;
  // 3. u < 2^128 + 2^126 < 2p: u or u − p
  storeCanonical(out, u0, u1, u2, u3, t >> 32, d);
}

/** Writes the element lo + hi·2^64 at p. */
@inline function put(p: usize, lo: u64, hi: u64): void {
  store<u64>(p, lo);
  store<u64>(p, hi, 8);
}

/** out = x^e mod p (e = eLo + eHi·2^64), square-and-multiply from the top bit; uses SCRATCH + 64. */
function powP(out: usize, x: usize, eLo: u64, eHi: u64, d: i64): void {
  const base = SCRATCH + 64;
  v128.store(base, v128.load(x));
  put(out, 1, 0);
  for (let i = 127; i >= 0; i--) {
    mulP(out, out, out, d);
    const bit = i >= 64 ? (eHi >> <u64>(i - 64)) & 1 : (eLo >> <u64>i) & 1;
    if (bit) mulP(out, out, base, d);
  }
}

// ---- pairs of elements in SIMD: one element per i64x2 lane, limb k of both in one v128 ---------------------

@inline function lo2(x: v128): v128 {
  return v128.and(x, i64x2.splat(0xffffffff));
}
@inline function hi2(x: v128): v128 {
  return i64x2.shr_u(x, 32);
}
@inline function add2(a: v128, b: v128): v128 {
  return i64x2.add(a, b);
}
@inline function sub2(a: v128, b: v128): v128 {
  return i64x2.sub(a, b);
}
/** Signed carry of a column: floor(t / 2^32). */
@inline function carry2(t: v128): v128 {
  return i64x2.shr_s(t, 32);
}
/** [x_A, x_B, y_A, y_B] as i32 lanes (limbs < 2^32): extmul_low/high by i32x4.splat(d) then give d·x and d·y. */
@inline function packLimbs(x: v128, y: v128): v128 {
  return i32x4.shuffle(x, y, 0, 2, 4, 6);
}

/** Stores the pair with limbs w0..w3 (i64x2, each < 2^32): lane A at outA, lane B at outB. */
@inline function storePair(outA: usize, outB: usize, w0: v128, w1: v128, w2: v128, w3: v128): void {
  const p01 = i32x4.shuffle(w0, w1, 0, 4, 2, 6); // [w0A, w1A, w0B, w1B]
  const p23 = i32x4.shuffle(w2, w3, 0, 4, 2, 6);
  v128.store(outA, i32x4.shuffle(p01, p23, 0, 1, 4, 5));
  v128.store(outB, i32x4.shuffle(p01, p23, 2, 3, 6, 7));
}

/** Stores w mod p per lane for w = top·2^128 + (w0..w3) < 2p, as storeCanonical. */
@inline function storeCanonical2(outA: usize, outB: usize, w0: v128, w1: v128, w2: v128, w3: v128, top: v128, dm1: v128): void {
  let t = add2(w0, i64x2.splat(0xffffffff));
  const e0 = lo2(t);
  t = add2(add2(carry2(t), w1), dm1);
  const e1 = lo2(t);
  t = add2(carry2(t), w2);
  const e2 = lo2(t);
  t = add2(carry2(t), w3);
  const e3 = lo2(t);
  const ge = i64x2.neg(v128.or(carry2(t), top)); // all ones where w ≥ p
  storePair(outA, outB, v128.bitselect(e0, w0, ge), v128.bitselect(e1, w1, ge), v128.bitselect(e2, w2, ge), v128.bitselect(e3, w3, ge));
}

/**
 * out[0..2) = a[0..2)·b[0..2) mod p (two elements each; out may alias a or b): mulP on both lanes. d32 is
 * i32x4.splat(d), dm1 i64x2.splat(d − 1).
 */
@inline function mul2(out: usize, a: usize, b: usize, d32: v128, dm1: v128): void {
  const a0 = v128.load(a), a1 = v128.load(a, 16);
  const b0 = v128.load(b), b1 = v128.load(b, 16);
  const xa01 = i32x4.shuffle(a0, a1, 0, 4, 1, 5); // [a0, a0', a1, a1']
  const xa23 = i32x4.shuffle(a0, a1, 2, 6, 3, 7);
  const yb01 = i32x4.shuffle(b0, b1, 0, 4, 1, 5);
  const yb10 = i32x4.shuffle(b0, b1, 1, 5, 0, 4);
  const yb23 = i32x4.shuffle(b0, b1, 2, 6, 3, 7);
  const yb32 = i32x4.shuffle(b0, b1, 3, 7, 2, 6);
  const p00 = i64x2.extmul_low_i32x4_u(xa01, yb01), p11 = i64x2.extmul_high_i32x4_u(xa01, yb01);
  const p01 = i64x2.extmul_low_i32x4_u(xa01, yb10), p10 = i64x2.extmul_high_i32x4_u(xa01, yb10);
  const p02 = i64x2.extmul_low_i32x4_u(xa01, yb23), p13 = i64x2.extmul_high_i32x4_u(xa01, yb23);
  const p03 = i64x2.extmul_low_i32x4_u(xa01, yb32), p12 = i64x2.extmul_high_i32x4_u(xa01, yb32);
  const p20 = i64x2.extmul_low_i32x4_u(xa23, yb01), p31 = i64x2.extmul_high_i32x4_u(xa23, yb01);
  const p21 = i64x2.extmul_low_i32x4_u(xa23, yb10), p30 = i64x2.extmul_high_i32x4_u(xa23, yb10);
  const p22 = i64x2.extmul_low_i32x4_u(xa23, yb23), p33 = i64x2.extmul_high_i32x4_u(xa23, yb23);
  const p23 = i64x2.extmul_low_i32x4_u(xa23, yb32), p32 = i64x2.extmul_high_i32x4_u(xa23, yb32);
  // columns, as mulP (unsigned: shr_u)
  let c = p00;
  const r0 = lo2(c);
  c = add2(add2(hi2(c), lo2(p01)), lo2(p10));
  const r1 = lo2(c);
  c = add2(add2(add2(hi2(c), lo2(p02)), add2(lo2(p11), lo2(p20))), add2(hi2(p01), hi2(p10)));
  const r2 = lo2(c);
  c = add2(add2(add2(hi2(c), lo2(p03)), add2(lo2(p12), lo2(p21))), add2(add2(lo2(p30), hi2(p02)), add2(hi2(p11), hi2(p20))));
  const r3 = lo2(c);
  c = add2(add2(add2(hi2(c), lo2(p13)), add2(lo2(p22), lo2(p31))), add2(add2(hi2(p03), hi2(p12)), add2(hi2(p21), hi2(p30))));
  const r4 = lo2(c);
  c = add2(add2(add2(hi2(c), lo2(p23)), add2(lo2(p32), hi2(p13))), add2(hi2(p22), hi2(p31)));
  const r5 = lo2(c);
  c = add2(add2(hi2(c), lo2(p33)), add2(hi2(p23), hi2(p32)));
  const r6 = lo2(c);
  const r7 = add2(hi2(c), hi2(p33));
  // 1. y = L − H + d·H·2^32, the products d·r_k added whole, as in reduce
  const h45 = packLimbs(r4, r5);
  const h67 = packLimbs(r6, r7);
  let t = sub2(r0, r4);
  const z0 = lo2(t);
  t = add2(add2(carry2(t), sub2(r1, r5)), i64x2.extmul_low_i32x4_u(h45, d32));
  const z1 = lo2(t);
  t = add2(add2(carry2(t), sub2(r2, r6)), i64x2.extmul_high_i32x4_u(h45, d32));
  const z2 = lo2(t);
  t = add2(add2(carry2(t), sub2(r3, r7)), i64x2.extmul_low_i32x4_u(h67, d32));
  const z3 = lo2(t);
  t = add2(carry2(t), i64x2.extmul_high_i32x4_u(h67, d32));
  const z4 = lo2(t);
  const z5 = carry2(t);
  // 2. u = Y − T + d·T·2^32 with T = z4 + z5·2^32
  const t45 = packLimbs(z4, z5);
  t = sub2(z0, z4);
  const u0 = lo2(t);
  t = add2(add2(carry2(t), sub2(z1, z5)), i64x2.extmul_low_i32x4_u(t45, d32));
  const u1 = lo2(t);
  t = add2(add2(carry2(t), z2), i64x2.extmul_high_i32x4_u(t45, d32));
  const u2 = lo2(t);
  t = add2(carry2(t), z3);
  const u3 = lo2(t);
  // 3. u < 2p: u or u − p
  storeCanonical2(out, out + 16, u0, u1, u2, u3, carry2(t), dm1);
}

/**
 * Stores x + y mod p at out, for x = xl + xh·2^64 and y likewise (canonical), on 64-bit halves: without carry
 * flags, the SIMD limb form costs more than these compares. c = 2^128 − p = d·2^32 − 1; s ≥ p ⇔ s + c ≥ 2^128,
 * counting the carry out of s itself.
 */
@inline function add64(out: usize, xl: u64, xh: u64, yl: u64, yh: u64, c: u64): void {
  const sl = xl + yl;
  const c1 = <u64>(sl < xl);
  const sh0 = xh + yh;
  const sh = sh0 + c1;
  const top = <i32>(sh0 < xh) | <i32>(sh < sh0);
  const el = sl + c;
  const c2 = <u64>(el < sl);
  const eh = sh + c2;
  const ge = top | <i32>(eh < c2);
  store<u64>(out, select<u64>(el, sl, ge));
  store<u64>(out, select<u64>(eh, sh, ge), 8);
}

/** Stores x − y mod p at out, as add64: on a borrow add p, i.e. subtract c = 2^128 − p. */
@inline function sub64(out: usize, xl: u64, xh: u64, yl: u64, yh: u64, c: u64): void {
  const dl = xl - yl;
  const b1 = <u64>(xl < yl);
  const dh0 = xh - yh;
  const dh = dh0 - b1;
  const lt = <i32>(xh < yh) | <i32>(dh0 < b1);
  const fl = dl - c;
  const fh = dh - <u64>(dl < c);
  store<u64>(out, select<u64>(fl, dl, lt));
  store<u64>(out, select<u64>(fh, dh, lt), 8);
}

/** (x, y) ← (x + y, x − y): the butterfly's additions. */
@inline function addSub64(x: usize, y: usize, c: u64): void {
  const xl = load<u64>(x), xh = load<u64>(x, 8);
  const yl = load<u64>(y), yh = load<u64>(y, 8);
  add64(x, xl, xh, yl, yh, c);
  sub64(y, xl, xh, yl, yh, c);
}

/** a[i] ← a[i]·c for i < n, c a pair [c, c] at cc (pairs in SIMD, an odd tail in scalar). */
@inline function scaleInPlace(a: usize, n: i32, cc: usize, d: i64): void {
  const d32 = i32x4.splat(<i32>d), dm1 = i64x2.splat(d - 1);
  const end = a + (<usize>n << 4);
  const end2 = a + (<usize>(n & ~1) << 4);
  for (; a < end2; a += 32) mul2(a, a, cc, d32, dm1);
  if (a < end) mulP(a, a, cc, d);
}

// ---- exported kernels ----------------------------------------------------------------------------------------

// Scratch layout (SCRATCH_BYTES = 128, 16-byte aligned): two pair slots, powP's base, three scalar temps.
const S_PAIR0: usize = 0;
const S_PAIR1: usize = 32;
const S_T0: usize = 80;
const S_T1: usize = 96;
const S_T2: usize = 112;

/** Index of the first element of a[0..n) that is ≥ p, or −1 when all are canonical. */
export function firstNonCanonical(a: usize, n: i32): i32 {
  const d = D;
  for (let i = 0; i < n; i++) {
    const e = a + (<usize>i << 4);
    // x ≥ p ⇔ x + (2^128 − p) ≥ 2^128
    let t = limb(e, 0) + M;
    t = (t >> 32) + limb(e, 1) + d - 1;
    t = (t >> 32) + limb(e, 2);
    t = (t >> 32) + limb(e, 3);
    if ((t >> 32) != 0) return i;
  }
  return -1;
}

/** out[i] = a[i]·b[i] for i < n (out may alias a or b). */
export function mulVec(a: usize, b: usize, out: usize, n: i32): void {
  const d = D;
  const d32 = i32x4.splat(<i32>d), dm1 = i64x2.splat(d - 1);
  const end = a + (<usize>n << 4);
  const end2 = a + (<usize>(n & ~1) << 4);
  for (; a < end2; a += 32, b += 32, out += 32) mul2(out, a, b, d32, dm1);
  if (a < end) mulP(out, a, b, d);
}

/** out[i] = a[i] + b[i] (out may alias a or b). */
export function addVec(a: usize, b: usize, out: usize, n: i32): void {
  const c: u64 = (<u64>D << 32) - 1;
  const end = a + (<usize>n << 4);
  for (; a < end; a += 16, b += 16, out += 16) add64(out, load<u64>(a), load<u64>(a, 8), load<u64>(b), load<u64>(b, 8), c);
}

/** out[i] = a[i] − b[i] (out may alias a or b). */
export function subVec(a: usize, b: usize, out: usize, n: i32): void {
  const c: u64 = (<u64>D << 32) - 1;
  const end = a + (<usize>n << 4);
  for (; a < end; a += 16, b += 16, out += 16) sub64(out, load<u64>(a), load<u64>(a, 8), load<u64>(b), load<u64>(b, 8), c);
}

/** out[i] = c·a[i], c = cLo + cHi·2^64 canonical (out may alias a). */
export function scaleVec(a: usize, cLo: u64, cHi: u64, out: usize, n: i32): void {
  const cc = SCRATCH + S_PAIR0;
  put(cc, cLo, cHi);
  put(cc + 16, cLo, cHi);
  if (out != a) memory.copy(out, a, <usize>n << 4);
  scaleInPlace(out, n, cc, D);
}

/** a[i] ← a[i]·x^i for i < n (x = xLo + xHi·2^64): the coefficients of P(x·X) from those of P(X). */
export function mulPowers(a: usize, n: i32, xLo: u64, xHi: u64): void {
  const d = D;
  const d32 = i32x4.splat(<i32>d), dm1 = i64x2.splat(d - 1);
  const s = SCRATCH + S_PAIR0; // [x^i, x^(i+1)]
  const x2 = SCRATCH + S_PAIR1; // [x², x²]
  put(s, 1, 0);
  put(s + 16, xLo, xHi);
  mulP(x2, s + 16, s + 16, d);
  v128.store(x2 + 16, v128.load(x2));
  const end = a + (<usize>n << 4);
  const end2 = a + (<usize>(n & ~1) << 4);
  for (; a < end2; a += 32) {
    mul2(a, a, s, d32, dm1);
    mul2(s, s, x2, d32, dm1);
  }
  if (a < end) mulP(a, a, s, d);
}

/**
 * Batch inversion by Montgomery's trick: out[i] = a[i]^-1 (out must not alias a). Returns −1, or the index of
 * the first zero (then out is unspecified). Two product chains, even and odd indices (one per SIMD lane),
 * halve the dependency chain; one inversion x^(p−2) serves both lanes and an odd tail.
 */
export function batchInverse(a: usize, out: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const e = a + (<usize>i << 4);
    if ((load<u64>(e) | load<u64>(e, 8)) == 0) return i;
  }
  if (n == 0) return -1;
  const d = D;
  const d32 = i32x4.splat(<i32>d), dm1 = i64x2.splat(d - 1);
  const acc = SCRATCH + S_PAIR0; // [e, o]: products of the even and the odd entries so far
  put(acc, 1, 0);
  put(acc + 16, 1, 0);
  const pairs: usize = <usize>(n >> 1);
  for (let k: usize = 0; k < pairs; k++) {
    const off = k << 5;
    v128.store(out + off, v128.load(acc));
    v128.store(out + off, v128.load(acc, 16), 16);
    mul2(acc, acc, a + off, d32, dm1);
  }
  const tail = SCRATCH + S_T0;
  if (n & 1) v128.store(tail, v128.load(a + ((<usize>n - 1) << 4)));
  else put(tail, 1, 0);
  const eo = SCRATCH + S_T1;
  mulP(eo, acc, acc + 16, d);
  const all = SCRATCH + S_T2;
  mulP(all, eo, tail, d);
  // p − 2 = 2^128 − d·2^32 − 1
  powP(all, all, 0xffffffffffffffff - (<u64>d << 32), 0xffffffffffffffff, d);
  if (n & 1) mulP(out + ((<usize>n - 1) << 4), all, eo, d);
  mulP(tail, all, tail, d); // (e·o)^-1
  const inv = SCRATCH + S_PAIR1; // [e^-1, o^-1], then the inverses of the shorter prefixes
  mulP(inv, tail, acc + 16, d);
  mulP(inv + 16, tail, acc, d);
  for (let k = pairs; k > 0; k--) {
    const off = (k - 1) << 5;
    mul2(out + off, out + off, inv, d32, dm1);
    mul2(inv, inv, a + off, d32, dm1);
  }
  return -1;
}

/**
 * Fills the per-stage twiddle table for sizes up to 2^logN: tw[m + j] = ω_{2m}^j (16 bytes each). `root`
 * (rootLo + rootHi·2^64) is a primitive 2^logN-th root of unity; the stage roots are its squares.
 */
export function twiddles(tw: usize, logN: i32, rootLo: u64, rootHi: u64): void {
  const d = D;
  const w = SCRATCH + S_T0;
  put(w, rootLo, rootHi);
  for (let k = logN; k >= 1; k--) {
    const m: usize = <usize>1 << (k - 1);
    const base = tw + (m << 4);
    put(base, 1, 0);
    for (let j: usize = 1; j < m; j++) mulP(base + (j << 4), base + ((j - 1) << 4), w, d);
    mulP(w, w, w, d);
  }
}

@inline function bitreverse32(x: u32): u32 {
  x = ((x >> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return bswap<u32>(x);
}

/** In-place bit-reversal permutation of 2^logN elements. */
function bitReverse(a: usize, logN: i32): void {
  const n: u32 = <u32>1 << logN;
  if (n < 4) return;
  const shift = 32 - logN;
  for (let i: u32 = 1; i < n; i++) {
    const j = bitreverse32(i) >> shift;
    if (i < j) {
      const pi = a + (<usize>i << 4);
      const pj = a + (<usize>j << 4);
      const t = v128.load(pi);
      v128.store(pi, v128.load(pj));
      v128.store(pj, t);
    }
  }
}

/**
 * Forward NTT in place (natural order in and out) of 2^logN elements with the twiddle table tw: bit reversal,
 * then the stages of half-size m = 1, 2, 4, … — two butterflies at a time in SIMD (for m = 1 the pairs
 * (0, 1) and (2, 3); from m = 2 on, j and j + 1 of a block).
 */
export function ntt(a: usize, logN: i32, tw: usize): void {
  if (logN == 0) return;
  const d = D;
  bitReverse(a, logN);
  const d32 = i32x4.splat(<i32>d), dm1 = i64x2.splat(d - 1);
  const c: u64 = (<u64>d << 32) - 1;
  const n: usize = <usize>1 << logN;
  const end = a + (n << 4);
  for (let x = a; x < end; x += 32) addSub64(x, x + 16, c);
  for (let m: usize = 2; m < n; m <<= 1) {
    const mb = m << 4;
    const twm = tw + mb;
    for (let k: usize = 0; k < n; k += m << 1) {
      const p0 = a + (k << 4);
      for (let j: usize = 0; j < mb; j += 32) {
        const x = p0 + j;
        const y = x + mb;
        mul2(y, y, twm + j, d32, dm1);
        addSub64(x, y, c);
        addSub64(x + 16, y + 16, c);
      }
    }
  }
}

/** a[j] ← a[(n − j) mod n]·s (s = sLo + sHi·2^64): turns a forward NTT into the inverse one when s = n^-1. */
export function reverseAndScale(a: usize, logN: i32, sLo: u64, sHi: u64): void {
  const n: usize = <usize>1 << logN;
  for (let i: usize = 1, j: usize = n - 1; i < j; i++, j--) {
    const pi = a + (i << 4);
    const pj = a + (j << 4);
    const t = v128.load(pi);
    v128.store(pi, v128.load(pj));
    v128.store(pj, t);
  }
  const ss = SCRATCH + S_PAIR0;
  put(ss, sLo, sHi);
  put(ss + 16, sLo, sHi);
  scaleInPlace(a, <i32>n, ss, D);
}


/**
 * The quotient of the polynomial with coefficients a (n of them, low degree first) by (X − z), the remainder
 * dropped: out[i − 1] = a[i] + z·out[i] from the top, out[n − 1] = 0 (synthetic division; out must not alias a).
 */
export function divLinear(a: usize, out: usize, n: i32, zLo: u64, zHi: u64): void {
  if (n <= 0) return;
  const d = D;
  const c: u64 = (<u64>d << 32) - 1;
  const z = SCRATCH + S_T0;
  const q = SCRATCH + S_T1;
  put(z, zLo, zHi);
  put(q, 0, 0);
  put(out + (<usize>(n - 1) << 4), 0, 0);
  for (let i = n - 1; i >= 1; i--) {
    mulP(q, q, z, d);
    const e = a + (<usize>i << 4);
    add64(q, load<u64>(q), load<u64>(q, 8), load<u64>(e), load<u64>(e, 8), c);
    const o = out + (<usize>(i - 1) << 4);
    store<u64>(o, load<u64>(q));
    store<u64>(o, load<u64>(q, 8), 8);
  }
}

/** Σ a[i]·b[i] mod p, stored at out (16 bytes; may be in the scratch area only at S_T2). */
export function dotVec(a: usize, b: usize, n: i32, out: usize): void {
  const d = D;
  const c: u64 = (<u64>d << 32) - 1;
  const t = SCRATCH + S_T0;
  const s = SCRATCH + S_T1;
  put(s, 0, 0);
  const end = a + (<usize>n << 4);
  for (; a < end; a += 16, b += 16) {
    mulP(t, a, b, d);
    add64(s, load<u64>(s), load<u64>(s, 8), load<u64>(t), load<u64>(t, 8), c);
  }
  store<u64>(out, load<u64>(s));
  store<u64>(out, load<u64>(s, 8), 8);
}

/**
 * a[i] ← a[i]^e for i < n, e = eLo + eHi·2^64 (left-to-right square and multiply over e's bits, the same exponent
 * for every element: an S-box layer of a hash's state).
 */
export function powVec(a: usize, n: i32, eLo: u64, eHi: u64): void {
  const d = D;
  const base = SCRATCH + S_T0;
  const acc = SCRATCH + S_T1;
  for (let i = 0; i < n; i++) {
    const x = a + (<usize>i << 4);
    store<u64>(base, load<u64>(x));
    store<u64>(base, load<u64>(x, 8), 8);
    put(acc, 1, 0);
    for (let bit = 127; bit >= 0; bit--) {
      mulP(acc, acc, acc, d);
      const set = bit >= 64 ? (eHi >> <u64>(bit - 64)) & 1 : (eLo >> <u64>bit) & 1;
      if (set) mulP(acc, acc, base, d);
    }
    store<u64>(x, load<u64>(acc));
    store<u64>(x, load<u64>(acc, 8), 8);
  }
}
