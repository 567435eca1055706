// AssemblyScript source of the BLAKE3-256 WebAssembly kernels, compiled by scripts/build-wasm.ts into
// src/hash/kernels/blake3-kernels.wasm.ts. Implements BLAKE3 hash mode (J. O'Connor, J.-P. Aumasson,
// S. Neves, Z. Wilcox-O'Hearn, "BLAKE3: one function, fast everywhere", 2020, §2.1–2.6) for 32-byte
// outputs; the reference is @noble/hashes' blake3 and the tests check both bit for bit, plus the official
// test vectors (github.com/BLAKE3-team/BLAKE3, test_vectors/test_vectors.json).
//
// Four messages of equal length are hashed at once, one per 32-bit lane of a v128 ("hash_many" in the
// reference implementation): state word i of the four compressions lives in one v128, so a G step is a
// handful of i32x4 operations and the 16-bit and 8-bit rotations are byte shuffles. Equal lengths mean the
// four messages share every control decision (block lengths, flags, chunk counters, tree shape), so the
// whole BLAKE3 tree — chunks of 1024 bytes, blocks of 64, parent nodes — runs lane-parallel; messages of any
// length are supported. A group with fewer than four messages repeats the last one and discards the extra
// lanes.
//
// Kernels: mergeLayer (a Merkle layer: one compression per parent) and hashLeaves (many equal-length
// messages). The JS side is src/hash/blake3-wasm.ts.
//
// Every exported kernel takes `scratch`, a 16-byte-aligned area of SCRATCH_BYTES the caller reserves:
//   +0     IV      8 v128   the IV splat across lanes (the key of hash mode)
//   +128   M      16 v128   message words, transposed: v128 k holds word k of the four blocks
//   +384   CV      8 v128   chaining value, transposed
//   +512   OUT     8 v128   compression output, transposed
//   +640   PAD     4 × 64   zero-padded copies of a partial last block, one per lane
//   +896   SINK    4 × 32   where the digests of unused lanes go
//   +1024  STACK  64 × 128  chaining-value stack of the chunk tree (transposed CVs)

const IV0: i32 = 0x6a09e667;
const IV1: i32 = <i32>0xbb67ae85;
const IV2: i32 = 0x3c6ef372;
const IV3: i32 = <i32>0xa54ff53a;
const IV4: i32 = 0x510e527f;
const IV5: i32 = <i32>0x9b05688c;
const IV6: i32 = 0x1f83d9ab;
const IV7: i32 = 0x5be0cd19;

// Domain flags (BLAKE3 paper §2.1).
const CHUNK_START: i32 = 1;
const CHUNK_END: i32 = 2;
const PARENT: i32 = 4;
const ROOT: i32 = 8;

const BLOCK_LEN: u32 = 64;
const CHUNK_LEN: u32 = 1024;

const S_IV: usize = 0;
const S_M: usize = 128;
const S_CV: usize = 384;
const S_OUT: usize = 512;
const S_PAD: usize = 640;
const S_SINK: usize = 896;
const S_STACK: usize = 1024;
export const SCRATCH_BYTES: i32 = 1024 + 64 * 128;

@inline function rotr16(x: v128): v128 {
  return i8x16.shuffle(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
}
@inline function rotr8(x: v128): v128 {
  return i8x16.shuffle(x, x, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12);
}
@inline function rotr12(x: v128): v128 {
  return v128.or(i32x4.shr_u(x, 12), i32x4.shl(x, 20));
}
@inline function rotr7(x: v128): v128 {
  return v128.or(i32x4.shr_u(x, 7), i32x4.shl(x, 25));
}

/**
 * Four compressions (BLAKE3 paper §2.2): cv (8 v128 at cvPtr), message (16 v128 at mPtr), the same counter,
 * block length and flags in every lane; writes the first 8 output words (the new chaining value, or the
 * 32-byte digest under ROOT) to outPtr, which may equal cvPtr.
 *
 * Each round is G on the columns (v0 v4 v8 v12, v1 v5 v9 v13, v2 v6 v10 v14, v3 v7 v11 v15) with message
 * words 0–7 of the round's order, then on the diagonals (v0 v5 v10 v15, v1 v6 v11 v12, v2 v7 v8 v13,
 * v3 v4 v9 v14) with words 8–15; one line applies one step of G to all four columns (or diagonals) at once,
 * which gives the CPU four independent chains:
 *   a = a + b + m_x;  d = (d ^ a) >>> 16;  c = c + d;  b = (b ^ c) >>> 12;
 *   a = a + b + m_y;  d = (d ^ a) >>> 8;   c = c + d;  b = (b ^ c) >>> 7.
 * The message order of round r + 1 is that of round r permuted by MSG_PERMUTATION
 * (2 6 3 10 7 0 4 13 1 11 12 5 9 14 15 8) — the reference's MSG_SCHEDULE, written out: the seven rounds are
 * unrolled because a loop that permutes the 16 message variables ran ~25 % slower in V8.
 */
function compress4(cvPtr: usize, mPtr: usize, outPtr: usize, counterLo: i32, counterHi: i32, blockLen: i32, flags: i32): void {
  let v0 = v128.load(cvPtr, 0);
  let v1 = v128.load(cvPtr, 16);
  let v2 = v128.load(cvPtr, 32);
  let v3 = v128.load(cvPtr, 48);
  let v4 = v128.load(cvPtr, 64);
  let v5 = v128.load(cvPtr, 80);
  let v6 = v128.load(cvPtr, 96);
  let v7 = v128.load(cvPtr, 112);
  let v8 = i32x4.splat(IV0);
  let v9 = i32x4.splat(IV1);
  let v10 = i32x4.splat(IV2);
  let v11 = i32x4.splat(IV3);
  let v12 = i32x4.splat(counterLo);
  let v13 = i32x4.splat(counterHi);
  let v14 = i32x4.splat(blockLen);
  let v15 = i32x4.splat(flags);
  const m0 = v128.load(mPtr, 0);
  const m1 = v128.load(mPtr, 16);
  const m2 = v128.load(mPtr, 32);
  const m3 = v128.load(mPtr, 48);
  const m4 = v128.load(mPtr, 64);
  const m5 = v128.load(mPtr, 80);
  const m6 = v128.load(mPtr, 96);
  const m7 = v128.load(mPtr, 112);
  const m8 = v128.load(mPtr, 128);
  const m9 = v128.load(mPtr, 144);
  const m10 = v128.load(mPtr, 160);
  const m11 = v128.load(mPtr, 176);
  const m12 = v128.load(mPtr, 192);
  const m13 = v128.load(mPtr, 208);
  const m14 = v128.load(mPtr, 224);
  const m15 = v128.load(mPtr, 240);

  // round 0: message order 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
  v0 = i32x4.add(i32x4.add(v0, m0), v4); v1 = i32x4.add(i32x4.add(v1, m2), v5); v2 = i32x4.add(i32x4.add(v2, m4), v6); v3 = i32x4.add(i32x4.add(v3, m6), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m1), v4); v1 = i32x4.add(i32x4.add(v1, m3), v5); v2 = i32x4.add(i32x4.add(v2, m5), v6); v3 = i32x4.add(i32x4.add(v3, m7), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m8), v5); v1 = i32x4.add(i32x4.add(v1, m10), v6); v2 = i32x4.add(i32x4.add(v2, m12), v7); v3 = i32x4.add(i32x4.add(v3, m14), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m9), v5); v1 = i32x4.add(i32x4.add(v1, m11), v6); v2 = i32x4.add(i32x4.add(v2, m13), v7); v3 = i32x4.add(i32x4.add(v3, m15), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 1: message order 2 6 3 10 7 0 4 13 1 11 12 5 9 14 15 8
  v0 = i32x4.add(i32x4.add(v0, m2), v4); v1 = i32x4.add(i32x4.add(v1, m3), v5); v2 = i32x4.add(i32x4.add(v2, m7), v6); v3 = i32x4.add(i32x4.add(v3, m4), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m6), v4); v1 = i32x4.add(i32x4.add(v1, m10), v5); v2 = i32x4.add(i32x4.add(v2, m0), v6); v3 = i32x4.add(i32x4.add(v3, m13), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m1), v5); v1 = i32x4.add(i32x4.add(v1, m12), v6); v2 = i32x4.add(i32x4.add(v2, m9), v7); v3 = i32x4.add(i32x4.add(v3, m15), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m11), v5); v1 = i32x4.add(i32x4.add(v1, m5), v6); v2 = i32x4.add(i32x4.add(v2, m14), v7); v3 = i32x4.add(i32x4.add(v3, m8), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 2: message order 3 4 10 12 13 2 7 14 6 5 9 0 11 15 8 1
  v0 = i32x4.add(i32x4.add(v0, m3), v4); v1 = i32x4.add(i32x4.add(v1, m10), v5); v2 = i32x4.add(i32x4.add(v2, m13), v6); v3 = i32x4.add(i32x4.add(v3, m7), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m4), v4); v1 = i32x4.add(i32x4.add(v1, m12), v5); v2 = i32x4.add(i32x4.add(v2, m2), v6); v3 = i32x4.add(i32x4.add(v3, m14), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m6), v5); v1 = i32x4.add(i32x4.add(v1, m9), v6); v2 = i32x4.add(i32x4.add(v2, m11), v7); v3 = i32x4.add(i32x4.add(v3, m8), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m5), v5); v1 = i32x4.add(i32x4.add(v1, m0), v6); v2 = i32x4.add(i32x4.add(v2, m15), v7); v3 = i32x4.add(i32x4.add(v3, m1), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 3: message order 10 7 12 9 14 3 13 15 4 0 11 2 5 8 1 6
  v0 = i32x4.add(i32x4.add(v0, m10), v4); v1 = i32x4.add(i32x4.add(v1, m12), v5); v2 = i32x4.add(i32x4.add(v2, m14), v6); v3 = i32x4.add(i32x4.add(v3, m13), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m7), v4); v1 = i32x4.add(i32x4.add(v1, m9), v5); v2 = i32x4.add(i32x4.add(v2, m3), v6); v3 = i32x4.add(i32x4.add(v3, m15), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m4), v5); v1 = i32x4.add(i32x4.add(v1, m11), v6); v2 = i32x4.add(i32x4.add(v2, m5), v7); v3 = i32x4.add(i32x4.add(v3, m1), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m0), v5); v1 = i32x4.add(i32x4.add(v1, m2), v6); v2 = i32x4.add(i32x4.add(v2, m8), v7); v3 = i32x4.add(i32x4.add(v3, m6), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 4: message order 12 13 9 11 15 10 14 8 7 2 5 3 0 1 6 4
  v0 = i32x4.add(i32x4.add(v0, m12), v4); v1 = i32x4.add(i32x4.add(v1, m9), v5); v2 = i32x4.add(i32x4.add(v2, m15), v6); v3 = i32x4.add(i32x4.add(v3, m14), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m13), v4); v1 = i32x4.add(i32x4.add(v1, m11), v5); v2 = i32x4.add(i32x4.add(v2, m10), v6); v3 = i32x4.add(i32x4.add(v3, m8), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m7), v5); v1 = i32x4.add(i32x4.add(v1, m5), v6); v2 = i32x4.add(i32x4.add(v2, m0), v7); v3 = i32x4.add(i32x4.add(v3, m6), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m2), v5); v1 = i32x4.add(i32x4.add(v1, m3), v6); v2 = i32x4.add(i32x4.add(v2, m1), v7); v3 = i32x4.add(i32x4.add(v3, m4), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 5: message order 9 14 11 5 8 12 15 1 13 3 0 10 2 6 4 7
  v0 = i32x4.add(i32x4.add(v0, m9), v4); v1 = i32x4.add(i32x4.add(v1, m11), v5); v2 = i32x4.add(i32x4.add(v2, m8), v6); v3 = i32x4.add(i32x4.add(v3, m15), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m14), v4); v1 = i32x4.add(i32x4.add(v1, m5), v5); v2 = i32x4.add(i32x4.add(v2, m12), v6); v3 = i32x4.add(i32x4.add(v3, m1), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m13), v5); v1 = i32x4.add(i32x4.add(v1, m0), v6); v2 = i32x4.add(i32x4.add(v2, m2), v7); v3 = i32x4.add(i32x4.add(v3, m4), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m3), v5); v1 = i32x4.add(i32x4.add(v1, m10), v6); v2 = i32x4.add(i32x4.add(v2, m6), v7); v3 = i32x4.add(i32x4.add(v3, m7), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  // round 6: message order 11 15 5 0 1 9 8 6 14 10 2 12 3 4 7 13
  v0 = i32x4.add(i32x4.add(v0, m11), v4); v1 = i32x4.add(i32x4.add(v1, m5), v5); v2 = i32x4.add(i32x4.add(v2, m1), v6); v3 = i32x4.add(i32x4.add(v3, m8), v7);
  v12 = rotr16(v128.xor(v12, v0)); v13 = rotr16(v128.xor(v13, v1)); v14 = rotr16(v128.xor(v14, v2)); v15 = rotr16(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr12(v128.xor(v4, v8)); v5 = rotr12(v128.xor(v5, v9)); v6 = rotr12(v128.xor(v6, v10)); v7 = rotr12(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m15), v4); v1 = i32x4.add(i32x4.add(v1, m0), v5); v2 = i32x4.add(i32x4.add(v2, m9), v6); v3 = i32x4.add(i32x4.add(v3, m6), v7);
  v12 = rotr8(v128.xor(v12, v0)); v13 = rotr8(v128.xor(v13, v1)); v14 = rotr8(v128.xor(v14, v2)); v15 = rotr8(v128.xor(v15, v3));
  v8 = i32x4.add(v8, v12); v9 = i32x4.add(v9, v13); v10 = i32x4.add(v10, v14); v11 = i32x4.add(v11, v15);
  v4 = rotr7(v128.xor(v4, v8)); v5 = rotr7(v128.xor(v5, v9)); v6 = rotr7(v128.xor(v6, v10)); v7 = rotr7(v128.xor(v7, v11));
  v0 = i32x4.add(i32x4.add(v0, m14), v5); v1 = i32x4.add(i32x4.add(v1, m2), v6); v2 = i32x4.add(i32x4.add(v2, m3), v7); v3 = i32x4.add(i32x4.add(v3, m7), v4);
  v15 = rotr16(v128.xor(v15, v0)); v12 = rotr16(v128.xor(v12, v1)); v13 = rotr16(v128.xor(v13, v2)); v14 = rotr16(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr12(v128.xor(v5, v10)); v6 = rotr12(v128.xor(v6, v11)); v7 = rotr12(v128.xor(v7, v8)); v4 = rotr12(v128.xor(v4, v9));
  v0 = i32x4.add(i32x4.add(v0, m10), v5); v1 = i32x4.add(i32x4.add(v1, m12), v6); v2 = i32x4.add(i32x4.add(v2, m4), v7); v3 = i32x4.add(i32x4.add(v3, m13), v4);
  v15 = rotr8(v128.xor(v15, v0)); v12 = rotr8(v128.xor(v12, v1)); v13 = rotr8(v128.xor(v13, v2)); v14 = rotr8(v128.xor(v14, v3));
  v10 = i32x4.add(v10, v15); v11 = i32x4.add(v11, v12); v8 = i32x4.add(v8, v13); v9 = i32x4.add(v9, v14);
  v5 = rotr7(v128.xor(v5, v10)); v6 = rotr7(v128.xor(v6, v11)); v7 = rotr7(v128.xor(v7, v8)); v4 = rotr7(v128.xor(v4, v9));
  v128.store(outPtr, v128.xor(v0, v8), 0);
  v128.store(outPtr, v128.xor(v1, v9), 16);
  v128.store(outPtr, v128.xor(v2, v10), 32);
  v128.store(outPtr, v128.xor(v3, v11), 48);
  v128.store(outPtr, v128.xor(v4, v12), 64);
  v128.store(outPtr, v128.xor(v5, v13), 80);
  v128.store(outPtr, v128.xor(v6, v14), 96);
  v128.store(outPtr, v128.xor(v7, v15), 112);
}

/** Writes the IV, splat across lanes, at scratch + S_IV. */
function initIv(scratch: usize): void {
  v128.store(scratch + S_IV, i32x4.splat(IV0), 0);
  v128.store(scratch + S_IV, i32x4.splat(IV1), 16);
  v128.store(scratch + S_IV, i32x4.splat(IV2), 32);
  v128.store(scratch + S_IV, i32x4.splat(IV3), 48);
  v128.store(scratch + S_IV, i32x4.splat(IV4), 64);
  v128.store(scratch + S_IV, i32x4.splat(IV5), 80);
  v128.store(scratch + S_IV, i32x4.splat(IV6), 96);
  v128.store(scratch + S_IV, i32x4.splat(IV7), 112);
}

/** 4×4 transposes: four 64-byte blocks at p0..p3 → 16 v128 at dst, v128 k = word k of blocks 0..3. */
function loadBlocks(p0: usize, p1: usize, p2: usize, p3: usize, dst: usize): void {
  for (let g: usize = 0; g < 64; g += 16) {
    const r0 = v128.load(p0 + g);
    const r1 = v128.load(p1 + g);
    const r2 = v128.load(p2 + g);
    const r3 = v128.load(p3 + g);
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5); // r0.0 r1.0 r0.1 r1.1
    const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7); // r0.2 r1.2 r0.3 r1.3
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
    const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    const d = dst + (g << 2);
    v128.store(d, i64x2.shuffle(t0, t2, 0, 2), 0);
    v128.store(d, i64x2.shuffle(t0, t2, 1, 3), 16);
    v128.store(d, i64x2.shuffle(t1, t3, 0, 2), 32);
    v128.store(d, i64x2.shuffle(t1, t3, 1, 3), 48);
  }
}

/** Inverse of the transpose for an 8-word result: 8 v128 at src → 32-byte digests at o0..o3. */
function storeDigests(src: usize, o0: usize, o1: usize, o2: usize, o3: usize): void {
  for (let h: usize = 0; h < 32; h += 16) {
    const s = src + (h << 2);
    const r0 = v128.load(s, 0);
    const r1 = v128.load(s, 16);
    const r2 = v128.load(s, 32);
    const r3 = v128.load(s, 48);
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
    const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    v128.store(o0 + h, i64x2.shuffle(t0, t2, 0, 2));
    v128.store(o1 + h, i64x2.shuffle(t0, t2, 1, 3));
    v128.store(o2 + h, i64x2.shuffle(t1, t3, 0, 2));
    v128.store(o3 + h, i64x2.shuffle(t1, t3, 1, 3));
  }
}

/** Where lane j of the group starting at message i reads (the last message repeats past the end). */
@inline function lanePtr(base: usize, stride: usize, i: u32, j: u32, count: u32): usize {
  return base + stride * <usize>min<u32>(i + j, count - 1);
}

/** Where lane j's digest goes (the sink past the end). */
@inline function outPtrOf(out: usize, i: u32, j: u32, count: u32, scratch: usize): usize {
  return i + j < count ? out + (<usize>(i + j) << 5) : scratch + S_SINK + (<usize>j << 5);
}

/**
 * One Merkle layer: k parents from 2k 32-byte children at `input`, parent i = BLAKE3(child 2i ‖ child 2i+1)
 * — a single 64-byte chunk, i.e. one compression of the IV with flags CHUNK_START | CHUNK_END | ROOT.
 * `out` may equal `input` (parents overwrite children already read).
 */
export function mergeLayer(input: usize, out: usize, k: u32, scratch: usize): void {
  initIv(scratch);
  for (let i: u32 = 0; i < k; i += 4) {
    loadBlocks(lanePtr(input, 64, i, 0, k), lanePtr(input, 64, i, 1, k), lanePtr(input, 64, i, 2, k), lanePtr(input, 64, i, 3, k), scratch + S_M);
    compress4(scratch + S_IV, scratch + S_M, scratch + S_OUT, 0, 0, 64, CHUNK_START | CHUNK_END | ROOT);
    storeDigests(scratch + S_OUT, outPtrOf(out, i, 0, k, scratch), outPtrOf(out, i, 1, k, scratch), outPtrOf(out, i, 2, k, scratch), outPtrOf(out, i, 3, k, scratch));
  }
}

/** Parent node of the chunk tree: CV ← compress(IV, left ‖ CV, 0, 64, PARENT | extra) (paper §2.5). */
function parent(left: usize, scratch: usize, extraFlags: i32): void {
  memory.copy(scratch + S_M, left, 128);
  memory.copy(scratch + S_M + 128, scratch + S_CV, 128);
  compress4(scratch + S_IV, scratch + S_M, scratch + S_CV, 0, 0, 64, PARENT | extraFlags);
}

/**
 * BLAKE3 of four messages of `len` bytes at p0..p3 (any length; they may coincide); the four digests end
 * transposed in CV. Chunk c (1024 bytes, counter c) is compressed block by block with CHUNK_START on its
 * first and CHUNK_END on its last block; a lone chunk is the root. Otherwise chunk CVs go onto the stack and
 * merge as in the reference's `add_chunk_chaining_value`: after chunk c (not the last), while the number of
 * completed chunks is even, pop and merge. The last chunk's CV is folded with the stack from the top, the
 * final parent carrying ROOT — which yields the tree whose left subtrees are maximal powers of two.
 */
function hash4(p0: usize, p1: usize, p2: usize, p3: usize, len: u32, scratch: usize): void {
  const nChunks: u32 = len == 0 ? 1 : (len + CHUNK_LEN - 1) / CHUNK_LEN;
  let sp: usize = 0;
  const cv = scratch + S_CV;
  const pad = scratch + S_PAD;
  for (let c: u32 = 0; c < nChunks; c++) {
    const chunkOff = <usize>c * CHUNK_LEN;
    const chunkLen: u32 = min<u32>(len - <u32>chunkOff, CHUNK_LEN);
    const nBlocks: u32 = chunkLen == 0 ? 1 : (chunkLen + BLOCK_LEN - 1) / BLOCK_LEN;
    memory.copy(cv, scratch + S_IV, 128);
    for (let b: u32 = 0; b < nBlocks; b++) {
      const off = chunkOff + <usize>b * BLOCK_LEN;
      const blockLen: u32 = min<u32>(chunkLen - b * BLOCK_LEN, BLOCK_LEN);
      if (blockLen == BLOCK_LEN) {
        loadBlocks(p0 + off, p1 + off, p2 + off, p3 + off, scratch + S_M);
      } else {
        memory.fill(pad, 0, 256);
        memory.copy(pad, p0 + off, blockLen);
        memory.copy(pad + 64, p1 + off, blockLen);
        memory.copy(pad + 128, p2 + off, blockLen);
        memory.copy(pad + 192, p3 + off, blockLen);
        loadBlocks(pad, pad + 64, pad + 128, pad + 192, scratch + S_M);
      }
      let flags: i32 = b == 0 ? CHUNK_START : 0;
      if (b == nBlocks - 1) flags |= nChunks == 1 ? CHUNK_END | ROOT : CHUNK_END;
      compress4(cv, scratch + S_M, cv, <i32>c, 0, <i32>blockLen, flags);
    }
    if (c + 1 < nChunks) {
      let total = c + 1;
      while ((total & 1) == 0) {
        sp--;
        parent(scratch + S_STACK + (sp << 7), scratch, 0);
        total >>= 1;
      }
      memory.copy(scratch + S_STACK + (sp << 7), cv, 128);
      sp++;
    } else {
      while (sp > 0) {
        sp--;
        parent(scratch + S_STACK + (sp << 7), scratch, sp == 0 ? ROOT : 0);
      }
    }
  }
}

/**
 * BLAKE3-256 digests of `count` consecutive messages of `leafBytes` bytes each at `input` → count × 32
 * bytes at `out` (which must not overlap the input).
 */
export function hashLeaves(input: usize, leafBytes: u32, count: u32, out: usize, scratch: usize): void {
  initIv(scratch);
  const stride = <usize>leafBytes;
  for (let i: u32 = 0; i < count; i += 4) {
    hash4(lanePtr(input, stride, i, 0, count), lanePtr(input, stride, i, 1, count), lanePtr(input, stride, i, 2, count), lanePtr(input, stride, i, 3, count), leafBytes, scratch);
    storeDigests(scratch + S_CV, outPtrOf(out, i, 0, count, scratch), outPtrOf(out, i, 1, count, scratch), outPtrOf(out, i, 2, count, scratch), outPtrOf(out, i, 3, count, scratch));
  }
}
