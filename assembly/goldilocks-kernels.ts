// AssemblyScript source of the Goldilocks (p = 2^64 − 2^32 + 1) WebAssembly kernels, compiled by
// scripts/build-wasm.ts into src/math/kernels/goldilocks-kernels.wasm.ts. The TypeScript references are in
// src/math/goldilocks.ts and src/math/goldilocks-ntt.ts; tests check both bit for bit.
//
// Elements are canonical u64 (< p) in little-endian memory, 8 bytes each. WebAssembly has no 64×64 → 128
// multiply, so the product is assembled from four 32×32 → 64 products and reduced with Plonky2's
// `reduce128` (2^64 ≡ 2^32 − 1, 2^96 ≡ −1); every choice is a `select` (cmov), never a branch.
// The NTT is iterative radix-2 decimation in time with a per-stage twiddle table (index m + j holds
// ω_{2m}^j) and cache blocking: all stages whose butterflies stay inside a block of 2^BLOCK_LOG elements
// run block by block while the block is in L1/L2, then the remaining stages sweep the whole array.

const P: u64 = 0xffffffff00000001;
const EPS: u64 = 0xffffffff; // 2^64 mod p
const BLOCK_LOG: i32 = 12; // 4096 elements = 32 KiB per block

@inline function reduce128(lo: u64, hi: u64): u64 {
  const hh = hi >> 32;
  const hl = hi & EPS;
  let t0 = lo - hh;
  t0 = select<u64>(t0 - EPS, t0, lo < hh); // borrow: −2^64 ≡ −(2^32 − 1)
  const t1 = hl * EPS;
  const t2 = t0 + t1;
  const r = select<u64>(t2 + EPS, t2, t2 < t1); // carry: 2^64 ≡ 2^32 − 1
  return select<u64>(r - P, r, r >= P);
}

@inline function mul(a: u64, b: u64): u64 {
  const al = a & EPS;
  const ah = a >> 32;
  const bl = b & EPS;
  const bh = b >> 32;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const hh = ah * bh;
  const mid = (ll >> 32) + (lh & EPS) + (hl & EPS);
  const lo = (mid << 32) | (ll & EPS);
  const hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return reduce128(lo, hi);
}

@inline function add(a: u64, b: u64): u64 {
  const s = a + b;
  const s2 = select<u64>(s + EPS, s, s < a); // wrapped past 2^64: add 2^64 mod p; then s2 < p
  return select<u64>(s2 - P, s2, s2 >= P);
}

@inline function sub(a: u64, b: u64): u64 {
  const d = a - b;
  return select<u64>(d + P, d, a < b);
}

// ---- two lanes at a time (i64x2): 32×32 → 64 products by extmul, unsigned compares by flipping the sign bit

const SIGN: u64 = 0x8000000000000000;

@inline function ult2(a: v128, b: v128): v128 {
  const s = i64x2.splat(SIGN);
  return i64x2.lt_s(v128.xor(a, s), v128.xor(b, s));
}

@inline function mul2(a: v128, b: v128): v128 {
  const eps = i64x2.splat(EPS);
  const a2 = i32x4.shuffle(a, a, 0, 2, 1, 3); // [a0 lo, a1 lo, a0 hi, a1 hi]
  const b2 = i32x4.shuffle(b, b, 0, 2, 1, 3);
  const b3 = i32x4.shuffle(b, b, 1, 3, 0, 2);
  const ll = i64x2.extmul_low_i32x4_u(a2, b2);
  const hh = i64x2.extmul_high_i32x4_u(a2, b2);
  const lh = i64x2.extmul_low_i32x4_u(a2, b3);
  const hl = i64x2.extmul_high_i32x4_u(a2, b3);
  const mid = i64x2.add(i64x2.add(i64x2.shr_u(ll, 32), v128.and(lh, eps)), v128.and(hl, eps));
  const lo = v128.or(i64x2.shl(mid, 32), v128.and(ll, eps));
  const hi = i64x2.add(i64x2.add(hh, i64x2.shr_u(lh, 32)), i64x2.add(i64x2.shr_u(hl, 32), i64x2.shr_u(mid, 32)));
  // reduce128, lane-wise
  const hih = i64x2.shr_u(hi, 32);
  const hil = v128.and(hi, eps);
  const t0 = i64x2.sub(i64x2.sub(lo, hih), v128.and(eps, ult2(lo, hih)));
  const t1 = i64x2.sub(i64x2.shl(hil, 32), hil);
  let t2 = i64x2.add(t0, t1);
  t2 = i64x2.add(t2, v128.and(eps, ult2(t2, t1)));
  const p = i64x2.splat(P);
  return i64x2.sub(t2, v128.andnot(p, ult2(t2, p)));
}

@inline function add2(a: v128, b: v128): v128 {
  const s = i64x2.add(a, b);
  const s2 = i64x2.add(s, v128.and(i64x2.splat(EPS), ult2(s, a)));
  const p = i64x2.splat(P);
  return i64x2.sub(s2, v128.andnot(p, ult2(s2, p)));
}

@inline function sub2(a: v128, b: v128): v128 {
  return i64x2.add(i64x2.sub(a, b), v128.and(i64x2.splat(P), ult2(a, b)));
}

function pow(x: u64, e: u64): u64 {
  let r: u64 = 1;
  while (e != 0) {
    if (e & 1) r = mul(r, x);
    x = mul(x, x);
    e >>= 1;
  }
  return r;
}

/** out[i] = start·x^i for i < n (the sequential recurrence, one multiplication per element). */
export function powers(out: usize, n: i32, x: u64, start: u64): void {
  let p = start;
  const end = out + (<usize>n << 3);
  for (; out < end; out += 8) {
    store<u64>(out, p);
    p = mul(p, x);
  }
}

/**
 * Synthetic division by (X − z) in the extension F[u]/(u^k − nf0 − nf1·u − nf2·u²), k ≤ 3: `a` holds the k
 * coordinate arrays of n coefficients back to back (low degree first), `out` (same layout, not aliasing `a`)
 * receives the quotient of Σ a_i·X^i by (X − z): q_(i−1) = a_i + z·q_i from the top, with out[n − 1] = 0. The
 * remainder — the value at z — is dropped.
 */
export function extDivLinear(a: usize, out: usize, n: i32, k: i32, z0: u64, z1: u64, z2: u64, nf0: u64, nf1: u64, nf2: u64): void {
  const s: usize = <usize>n << 3;
  let q0: u64 = 0;
  let q1: u64 = 0;
  let q2: u64 = 0;
  const top: usize = <usize>(n - 1) << 3;
  store<u64>(out + top, 0);
  if (k > 1) store<u64>(out + s + top, 0);
  if (k > 2) store<u64>(out + 2 * s + top, 0);
  for (let i = n - 1; i >= 1; i--) {
    const at: usize = <usize>i << 3;
    const to: usize = <usize>(i - 1) << 3;
    if (k == 1) {
      q0 = add(load<u64>(a + at), mul(z0, q0));
      store<u64>(out + to, q0);
    } else if (k == 2) {
      let p0 = mul(z0, q0);
      let p1 = add(mul(z0, q1), mul(z1, q0));
      const p2 = mul(z1, q1);
      p0 = add(p0, mul(nf0, p2));
      p1 = add(p1, mul(nf1, p2));
      q0 = add(load<u64>(a + at), p0);
      q1 = add(load<u64>(a + s + at), p1);
      store<u64>(out + to, q0);
      store<u64>(out + s + to, q1);
    } else {
      let p0 = mul(z0, q0);
      let p1 = add(mul(z0, q1), mul(z1, q0));
      let p2 = add(add(mul(z0, q2), mul(z1, q1)), mul(z2, q0));
      const p3 = add(mul(z1, q2), mul(z2, q1));
      const p4 = mul(z2, q2);
      p1 = add(p1, mul(nf0, p4));
      p2 = add(p2, mul(nf1, p4));
      const r3 = add(p3, mul(nf2, p4));
      p0 = add(p0, mul(nf0, r3));
      p1 = add(p1, mul(nf1, r3));
      p2 = add(p2, mul(nf2, r3));
      q0 = add(load<u64>(a + at), p0);
      q1 = add(load<u64>(a + s + at), p1);
      q2 = add(load<u64>(a + 2 * s + at), p2);
      store<u64>(out + to, q0);
      store<u64>(out + s + to, q1);
      store<u64>(out + 2 * s + to, q2);
    }
  }
}

/** out[i] = a[i]·b[i] for i < n (out may alias a or b). */
export function mulVec(a: usize, b: usize, out: usize, n: i32): void {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  for (; a < end2; a += 16, b += 16, out += 16) v128.store(out, mul2(v128.load(a), v128.load(b)));
  if (a < end) store<u64>(out, mul(load<u64>(a), load<u64>(b)));
}


/** out[i] = a[i] + b[i]. */
export function addVec(a: usize, b: usize, out: usize, n: i32): void {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  for (; a < end2; a += 16, b += 16, out += 16) v128.store(out, add2(v128.load(a), v128.load(b)));
  if (a < end) store<u64>(out, add(load<u64>(a), load<u64>(b)));
}

/** out[i] = a[i] − b[i]. */
export function subVec(a: usize, b: usize, out: usize, n: i32): void {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  for (; a < end2; a += 16, b += 16, out += 16) v128.store(out, sub2(v128.load(a), v128.load(b)));
  if (a < end) store<u64>(out, sub(load<u64>(a), load<u64>(b)));
}

/** out[i] = c·a[i]. */
export function scaleVec(a: usize, c: u64, out: usize, n: i32): void {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  const c2 = i64x2.splat(c);
  for (; a < end2; a += 16, out += 16) v128.store(out, mul2(v128.load(a), c2));
  if (a < end) store<u64>(out, mul(load<u64>(a), c));
}

/** out[i] = acc[i] + c·a[i] (fused multiply-add with a constant: one pass instead of scale + add). */
export function axpyVec(acc: usize, a: usize, c: u64, out: usize, n: i32): void {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  const c2 = i64x2.splat(c);
  for (; a < end2; a += 16, acc += 16, out += 16) v128.store(out, add2(v128.load(acc), mul2(v128.load(a), c2)));
  if (a < end) store<u64>(out, add(load<u64>(acc), mul(load<u64>(a), c)));
}

/** Σ_i a[i]·b[i] (the inner product of two vectors of n elements). */
export function dotVec(a: usize, b: usize, n: i32): u64 {
  const end = a + (<usize>n << 3);
  const end2 = a + (<usize>(n & ~1) << 3);
  let acc2 = i64x2.splat(0);
  for (; a < end2; a += 16, b += 16) acc2 = add2(acc2, mul2(v128.load(a), v128.load(b)));
  let acc = add(i64x2.extract_lane(acc2, 0), i64x2.extract_lane(acc2, 1));
  if (a < end) acc = add(acc, mul(load<u64>(a), load<u64>(b)));
  return acc;
}

/**
 * Element-wise product in a cubic extension stored as coordinate vectors: a = a0 + a1·X + a2·X², likewise b,
 * reduced with X³ = nf0 + nf1·X + nf2·X² (nf = the negated low coefficients of the monic modulus). The three
 * coordinates of a are at a, a + s, a + 2s (s = n·8 bytes), of b likewise; the result goes to out, out + s, …
 */
export function extMul3(a: usize, b: usize, out: usize, n: i32, nf0: u64, nf1: u64, nf2: u64): void {
  const s: usize = <usize>n << 3;
  const f0 = i64x2.splat(nf0);
  const f1 = i64x2.splat(nf1);
  const f2 = i64x2.splat(nf2);
  const pairs: usize = <usize>(n & ~1) << 3;
  let i: usize = 0;
  for (; i < pairs; i += 16) {
    const a0 = v128.load(a + i);
    const a1 = v128.load(a + s + i);
    const a2 = v128.load(a + 2 * s + i);
    const b0 = v128.load(b + i);
    const b1 = v128.load(b + s + i);
    const b2 = v128.load(b + 2 * s + i);
    let p0 = mul2(a0, b0);
    let p1 = add2(mul2(a0, b1), mul2(a1, b0));
    let p2 = add2(add2(mul2(a0, b2), mul2(a1, b1)), mul2(a2, b0));
    const p3 = add2(mul2(a1, b2), mul2(a2, b1));
    const p4 = mul2(a2, b2);
    // X⁴ = X·X³, then X³
    p1 = add2(p1, mul2(f0, p4));
    p2 = add2(p2, mul2(f1, p4));
    const q3 = add2(p3, mul2(f2, p4));
    p0 = add2(p0, mul2(f0, q3));
    p1 = add2(p1, mul2(f1, q3));
    p2 = add2(p2, mul2(f2, q3));
    v128.store(out + i, p0);
    v128.store(out + s + i, p1);
    v128.store(out + 2 * s + i, p2);
  }
  if (i < s) {
    const a0 = load<u64>(a + i);
    const a1 = load<u64>(a + s + i);
    const a2 = load<u64>(a + 2 * s + i);
    const b0 = load<u64>(b + i);
    const b1 = load<u64>(b + s + i);
    const b2 = load<u64>(b + 2 * s + i);
    let p0 = mul(a0, b0);
    let p1 = add(mul(a0, b1), mul(a1, b0));
    let p2 = add(add(mul(a0, b2), mul(a1, b1)), mul(a2, b0));
    const p3 = add(mul(a1, b2), mul(a2, b1));
    const p4 = mul(a2, b2);
    p1 = add(p1, mul(nf0, p4));
    p2 = add(p2, mul(nf1, p4));
    const q3 = add(p3, mul(nf2, p4));
    p0 = add(p0, mul(nf0, q3));
    p1 = add(p1, mul(nf1, q3));
    p2 = add(p2, mul(nf2, q3));
    store<u64>(out + i, p0);
    store<u64>(out + s + i, p1);
    store<u64>(out + 2 * s + i, p2);
  }
}

/**
 * Batch inversion by Montgomery's trick: out[i] = a[i]^-1 (out must not alias a). Returns −1, or the index
 * of the first zero (then out is unspecified). Two interleaved product chains (even and odd indices, one
 * per SIMD lane) halve the dependency chain; one scalar inversion serves both lanes and an odd tail.
 */
export function batchInverse(a: usize, out: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) if (load<u64>(a + (<usize>i << 3)) == 0) return i;
  const pairs: usize = <usize>(n >> 1);
  let acc = i64x2.splat(1);
  for (let k: usize = 0; k < pairs; k++) {
    const off = k << 4;
    v128.store(out + off, acc);
    acc = mul2(acc, v128.load(a + off));
  }
  const e = i64x2.extract_lane(acc, 0);
  const o = i64x2.extract_lane(acc, 1);
  const tail: u64 = n & 1 ? load<u64>(a + ((<usize>n - 1) << 3)) : 1;
  const eo = mul(e, o);
  const all = pow(mul(eo, tail), P - 2);
  if (n & 1) store<u64>(out + ((<usize>n - 1) << 3), mul(all, eo));
  const rest = mul(all, tail); // (e·o)^-1
  let inv = i64x2.replace_lane(i64x2.splat(mul(rest, o)), 1, mul(rest, e)); // [e^-1, o^-1]
  for (let k = pairs; k > 0; k--) {
    const off = (k - 1) << 4;
    const t = mul2(inv, v128.load(out + off));
    inv = mul2(inv, v128.load(a + off));
    v128.store(out + off, t);
  }
  return -1;
}

/**
 * Fills the per-stage twiddle table for sizes up to 2^logN: tw[m + j] = ω_{2m}^j. `root` is a primitive
 * 2^logN-th root of unity; the stage roots are its squares.
 */
export function twiddles(tw: usize, logN: i32, root: u64): void {
  let w = root;
  for (let k = logN; k >= 1; k--) {
    const m: usize = <usize>1 << (k - 1);
    const base = tw + (m << 3);
    let x: u64 = 1;
    for (let j: usize = 0; j < m; j++) {
      store<u64>(base + (j << 3), x);
      x = mul(x, w);
    }
    w = mul(w, w);
  }
}

/** In-place bit-reversal permutation of 2^logN elements. */
export function bitReverse(a: usize, logN: i32): void {
  const n: u32 = <u32>1 << logN;
  if (n < 4) return;
  const shift = 32 - logN;
  for (let i: u32 = 1; i < n; i++) {
    const j = (bitreverse32(i)) >> shift;
    if (i < j) {
      const pi = a + (<usize>i << 3);
      const pj = a + (<usize>j << 3);
      const t = load<u64>(pi);
      store<u64>(pi, load<u64>(pj));
      store<u64>(pj, t);
    }
  }
}

@inline function bitreverse32(x: u32): u32 {
  x = ((x >> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  return bswap<u32>(x);
}

/** Butterflies of one stage (half-size m ≥ 2), two at a time. */
@inline function stage2(a: usize, len: usize, m: usize, tw: usize): void {
  const mb = m << 3;
  const twm = tw + mb;
  for (let k: usize = 0; k < len; k += m << 1) {
    const p0 = a + (k << 3);
    for (let j: usize = 0; j < mb; j += 16) {
      const x = p0 + j;
      const y = x + mb;
      const u = v128.load(x);
      const v = mul2(v128.load(y), v128.load(twm + j));
      v128.store(x, add2(u, v));
      v128.store(y, sub2(u, v));
    }
  }
}

/**
 * Two stages at once (half-sizes m and 2m), two lanes at a time: one sweep over memory instead of two.
 * For j < m in each block of 4m: stage m pairs (j, j+m) and (j+2m, j+3m) with ω_{2m}^j; stage 2m pairs
 * (j, j+2m) with ω_{4m}^j and (j+m, j+3m) with ω_{4m}^(j+m).
 */
@inline function stagePair2(a: usize, len: usize, m: usize, tw: usize): void {
  const mb = m << 3;
  const tw1 = tw + mb;
  const tw2 = tw + (mb << 1);
  for (let k: usize = 0; k < len; k += m << 2) {
    const p0 = a + (k << 3);
    for (let j: usize = 0; j < mb; j += 16) {
      const x0 = p0 + j;
      const x1 = x0 + mb;
      const x2 = x1 + mb;
      const x3 = x2 + mb;
      const w1 = v128.load(tw1 + j);
      const a0 = v128.load(x0);
      const t1 = mul2(v128.load(x1), w1);
      const a2 = v128.load(x2);
      const t3 = mul2(v128.load(x3), w1);
      const b0 = add2(a0, t1);
      const b1 = sub2(a0, t1);
      const b2 = mul2(add2(a2, t3), v128.load(tw2 + j));
      const b3 = mul2(sub2(a2, t3), v128.load(tw2 + j + mb));
      v128.store(x0, add2(b0, b2));
      v128.store(x2, sub2(b0, b2));
      v128.store(x1, add2(b1, b3));
      v128.store(x3, sub2(b1, b3));
    }
  }
}

/**
 * Forward NTT in place (natural order in and out) of 2^logN elements with the twiddle table tw: bit
 * reversal; per block of 2^BLOCK_LOG elements the first BLOCK_LOG stages; then the remaining stages two
 * at a time (one sweep per pair).
 */
export function ntt(a: usize, logN: i32, tw: usize): void {
  if (logN == 0) return;
  bitReverse(a, logN);
  const n: usize = <usize>1 << logN;
  const blockLog = logN < BLOCK_LOG ? logN : BLOCK_LOG;
  const block: usize = <usize>1 << blockLog;
  for (let b: usize = 0; b < n; b += block) {
    const p = a + (b << 3);
    stage1(p, block);
    for (let m: usize = 2; m < block; m <<= 1) stage2(p, block, m, tw);
  }
  let m: usize = block;
  if ((logN - blockLog) & 1) {
    stage2(a, n, m, tw);
    m <<= 1;
  }
  for (; m < n; m <<= 2) stagePair2(a, n, m, tw);
}

/** The first stage (m = 1, twiddle 1): adjacent pairs. */
@inline function stage1(a: usize, len: usize): void {
  const end = a + (len << 3);
  for (let x = a; x < end; x += 16) {
    const u = load<u64>(x);
    const v = load<u64>(x, 8);
    store<u64>(x, add(u, v));
    store<u64>(x, sub(u, v), 8);
  }
}

/** a[j] ← a[(n − j) mod n]·s: turns a forward NTT into the inverse one when s = n^-1. */
export function reverseAndScale(a: usize, logN: i32, s: u64): void {
  const n: usize = <usize>1 << logN;
  store<u64>(a, mul(load<u64>(a), s));
  if (n == 1) return;
  let i: usize = 1;
  let j: usize = n - 1;
  for (; i < j; i++, j--) {
    const pi = a + (i << 3);
    const pj = a + (j << 3);
    const t = load<u64>(pi);
    store<u64>(pi, mul(load<u64>(pj), s));
    store<u64>(pj, mul(t, s));
  }
  const pm = a + (i << 3); // the middle element n/2 maps to itself
  store<u64>(pm, mul(load<u64>(pm), s));
}
