// AssemblyScript source of the Keccak-256 WebAssembly kernels, compiled by scripts/build-wasm.ts into
// src/hash/kernels/keccak-kernels.wasm.ts (issue 16, item 1: the EVM's hash, fast enough for the prover's Merkle
// trees). Keccak-f[1600] (FIPS 202 §3.2: θ, ρ, π, χ, ι over 24 rounds) on 64-bit lanes — WebAssembly has i64
// rotations, JavaScript has not — in the sponge of the original Keccak submission as the EVM uses it: rate 136
// bytes, padding 0x01 … 0x80 (not SHA-3's 0x06), 32-byte output. The round constants come from the LFSR of FIPS 202
// §3.2.5 as the rounds run, and the ρ offsets and π positions of the (x, y) → (y, 2x + 3y) walk of §3.2.2–3 are
// written out in the unrolled round, so the module has no data segment. The reference is @noble/hashes' keccak_256; the tests check both bit for
// bit and the published vectors.
//
// Kernels (pointers are byte offsets in the imported memory; `scratch` is a 512-byte area the caller reserves):
//   hashLeaves(input, leafBytes, count, out, scratch)   out[32i …] = Keccak-256(input[leafBytes·i …])
//   mergeLayer(input, out, k, scratch)                  out[32i …] = Keccak-256(input[64i … 64i + 64])
// Scratch: +0 the 25-lane state, +256 a zero-padded copy of a message's last block.

const RATE: u32 = 136;
const S_STATE: usize = 0;
const S_PAD: usize = 256;

@inline function lane(s: usize, i: i32): u64 {
  return load<u64>(s + (<usize>i << 3));
}
@inline function setLane(s: usize, i: i32, v: u64): void {
  store<u64>(s + (<usize>i << 3), v);
}

/**
 * The 24 rounds of Keccak-f[1600] on the state at `s`, the 25 lanes held in locals (the round body unrolled; the
 * ρ offsets are those of the (x, y) → (y, 2x + 3y) walk of FIPS 202 §3.2.2, written out).
 */
function permute(s: usize): void {
  let a0 = load<u64>(s + 0);
  let a1 = load<u64>(s + 8);
  let a2 = load<u64>(s + 16);
  let a3 = load<u64>(s + 24);
  let a4 = load<u64>(s + 32);
  let a5 = load<u64>(s + 40);
  let a6 = load<u64>(s + 48);
  let a7 = load<u64>(s + 56);
  let a8 = load<u64>(s + 64);
  let a9 = load<u64>(s + 72);
  let a10 = load<u64>(s + 80);
  let a11 = load<u64>(s + 88);
  let a12 = load<u64>(s + 96);
  let a13 = load<u64>(s + 104);
  let a14 = load<u64>(s + 112);
  let a15 = load<u64>(s + 120);
  let a16 = load<u64>(s + 128);
  let a17 = load<u64>(s + 136);
  let a18 = load<u64>(s + 144);
  let a19 = load<u64>(s + 152);
  let a20 = load<u64>(s + 160);
  let a21 = load<u64>(s + 168);
  let a22 = load<u64>(s + 176);
  let a23 = load<u64>(s + 184);
  let a24 = load<u64>(s + 192);
  let lfsr: u32 = 1;
  for (let round = 0; round < 24; round++) {
    // θ
    const c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
    const c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
    const c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
    const c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
    const c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
    const d0 = c4 ^ rotl<u64>(c1, 1);
    const d1 = c0 ^ rotl<u64>(c2, 1);
    const d2 = c1 ^ rotl<u64>(c3, 1);
    const d3 = c2 ^ rotl<u64>(c4, 1);
    const d4 = c3 ^ rotl<u64>(c0, 1);
    a0 ^= d0;
    a1 ^= d1;
    a2 ^= d2;
    a3 ^= d3;
    a4 ^= d4;
    a5 ^= d0;
    a6 ^= d1;
    a7 ^= d2;
    a8 ^= d3;
    a9 ^= d4;
    a10 ^= d0;
    a11 ^= d1;
    a12 ^= d2;
    a13 ^= d3;
    a14 ^= d4;
    a15 ^= d0;
    a16 ^= d1;
    a17 ^= d2;
    a18 ^= d3;
    a19 ^= d4;
    a20 ^= d0;
    a21 ^= d1;
    a22 ^= d2;
    a23 ^= d3;
    a24 ^= d4;
    // ρ and π: B[y, 2x + 3y] = rotl(A[x, y], r[x, y])
    const b0 = a0;
    const b16 = rotl<u64>(a5, 36);
    const b7 = rotl<u64>(a10, 3);
    const b23 = rotl<u64>(a15, 41);
    const b14 = rotl<u64>(a20, 18);
    const b10 = rotl<u64>(a1, 1);
    const b1 = rotl<u64>(a6, 44);
    const b17 = rotl<u64>(a11, 10);
    const b8 = rotl<u64>(a16, 45);
    const b24 = rotl<u64>(a21, 2);
    const b20 = rotl<u64>(a2, 62);
    const b11 = rotl<u64>(a7, 6);
    const b2 = rotl<u64>(a12, 43);
    const b18 = rotl<u64>(a17, 15);
    const b9 = rotl<u64>(a22, 61);
    const b5 = rotl<u64>(a3, 28);
    const b21 = rotl<u64>(a8, 55);
    const b12 = rotl<u64>(a13, 25);
    const b3 = rotl<u64>(a18, 21);
    const b19 = rotl<u64>(a23, 56);
    const b15 = rotl<u64>(a4, 27);
    const b6 = rotl<u64>(a9, 20);
    const b22 = rotl<u64>(a14, 39);
    const b13 = rotl<u64>(a19, 8);
    const b4 = rotl<u64>(a24, 14);
    // χ
    a0 = b0 ^ (~b1 & b2);
    a1 = b1 ^ (~b2 & b3);
    a2 = b2 ^ (~b3 & b4);
    a3 = b3 ^ (~b4 & b0);
    a4 = b4 ^ (~b0 & b1);
    a5 = b5 ^ (~b6 & b7);
    a6 = b6 ^ (~b7 & b8);
    a7 = b7 ^ (~b8 & b9);
    a8 = b8 ^ (~b9 & b5);
    a9 = b9 ^ (~b5 & b6);
    a10 = b10 ^ (~b11 & b12);
    a11 = b11 ^ (~b12 & b13);
    a12 = b12 ^ (~b13 & b14);
    a13 = b13 ^ (~b14 & b10);
    a14 = b14 ^ (~b10 & b11);
    a15 = b15 ^ (~b16 & b17);
    a16 = b16 ^ (~b17 & b18);
    a17 = b17 ^ (~b18 & b19);
    a18 = b18 ^ (~b19 & b15);
    a19 = b19 ^ (~b15 & b16);
    a20 = b20 ^ (~b21 & b22);
    a21 = b21 ^ (~b22 & b23);
    a22 = b22 ^ (~b23 & b24);
    a23 = b23 ^ (~b24 & b20);
    a24 = b24 ^ (~b20 & b21);
    // ι: the round constant, 7 bits of the LFSR x^8 + x^6 + x^5 + x^4 + 1 at positions 2^j − 1
    let rc: u64 = 0;
    for (let j = 0; j < 7; j++) {
      if (lfsr & 1) rc |= (<u64>1) << (((<u64>1) << (<u64>j)) - 1);
      lfsr = ((lfsr << 1) ^ ((lfsr >> 7) * 0x71)) & 0xff;
    }
    a0 ^= rc;
  }
  store<u64>(s + 0, a0);
  store<u64>(s + 8, a1);
  store<u64>(s + 16, a2);
  store<u64>(s + 24, a3);
  store<u64>(s + 32, a4);
  store<u64>(s + 40, a5);
  store<u64>(s + 48, a6);
  store<u64>(s + 56, a7);
  store<u64>(s + 64, a8);
  store<u64>(s + 72, a9);
  store<u64>(s + 80, a10);
  store<u64>(s + 88, a11);
  store<u64>(s + 96, a12);
  store<u64>(s + 104, a13);
  store<u64>(s + 112, a14);
  store<u64>(s + 120, a15);
  store<u64>(s + 128, a16);
  store<u64>(s + 136, a17);
  store<u64>(s + 144, a18);
  store<u64>(s + 152, a19);
  store<u64>(s + 160, a20);
  store<u64>(s + 168, a21);
  store<u64>(s + 176, a22);
  store<u64>(s + 184, a23);
  store<u64>(s + 192, a24);
}

/** Xors a 136-byte block into the state's first 17 lanes. */
@inline function absorb(s: usize, block: usize): void {
  for (let i = 0; i < 17; i++) setLane(s, i, lane(s, i) ^ load<u64>(block + (<usize>i << 3)));
}

/** Keccak-256 of `len` bytes at `msg` into 32 bytes at `out`. */
function keccak256(msg: usize, len: u32, out: usize, scratch: usize): void {
  const s = scratch + S_STATE;
  memory.fill(s, 0, 200);
  let p = msg;
  let left = len;
  while (left >= RATE) {
    absorb(s, p);
    permute(s);
    p += RATE;
    left -= RATE;
  }
  const pad = scratch + S_PAD;
  memory.fill(pad, 0, RATE);
  memory.copy(pad, p, left);
  store<u8>(pad + left, load<u8>(pad + left) ^ 0x01);
  store<u8>(pad + RATE - 1, load<u8>(pad + RATE - 1) ^ 0x80);
  absorb(s, pad);
  permute(s);
  memory.copy(out, s, 32);
}

export function hashLeaves(input: usize, leafBytes: u32, count: u32, out: usize, scratch: usize): void {
  for (let i: u32 = 0; i < count; i++) keccak256(input + <usize>i * leafBytes, leafBytes, out + (<usize>i << 5), scratch);
}

export function mergeLayer(input: usize, out: usize, k: u32, scratch: usize): void {
  for (let i: u32 = 0; i < k; i++) keccak256(input + (<usize>i << 6), 64, out + (<usize>i << 5), scratch);
}
