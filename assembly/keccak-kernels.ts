// AssemblyScript source of the Keccak-256 WebAssembly kernels, compiled by scripts/build-wasm.ts into
// src/hash/kernels/keccak-kernels.wasm.ts (issue 16, item 1: the EVM's hash, fast enough for the prover's Merkle
// trees). Keccak-f[1600] (FIPS 202 §3.2: θ, ρ, π, χ, ι over 24 rounds) on 64-bit lanes — WebAssembly has i64
// rotations, JavaScript has not — in the sponge of the original Keccak submission as the EVM uses it: rate 136
// bytes, padding 0x01 … 0x80 (not SHA-3's 0x06), 32-byte output. The round constants come from the LFSR of FIPS 202
// §3.2.5 and the ρ offsets and π positions from the (x, y) → (y, 2x + 3y) walk of §3.2.2–3, computed as the rounds
// run, so the module has no data segment. The reference is @noble/hashes' keccak_256; the tests check both bit for
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

/** The 24 rounds of Keccak-f[1600] on the state at `s`. */
function permute(s: usize): void {
  let lfsr: u32 = 1;
  for (let round = 0; round < 24; round++) {
    // θ: each lane xors the parities of two neighbouring columns
    const c0 = lane(s, 0) ^ lane(s, 5) ^ lane(s, 10) ^ lane(s, 15) ^ lane(s, 20);
    const c1 = lane(s, 1) ^ lane(s, 6) ^ lane(s, 11) ^ lane(s, 16) ^ lane(s, 21);
    const c2 = lane(s, 2) ^ lane(s, 7) ^ lane(s, 12) ^ lane(s, 17) ^ lane(s, 22);
    const c3 = lane(s, 3) ^ lane(s, 8) ^ lane(s, 13) ^ lane(s, 18) ^ lane(s, 23);
    const c4 = lane(s, 4) ^ lane(s, 9) ^ lane(s, 14) ^ lane(s, 19) ^ lane(s, 24);
    const d0 = c4 ^ rotl<u64>(c1, 1);
    const d1 = c0 ^ rotl<u64>(c2, 1);
    const d2 = c1 ^ rotl<u64>(c3, 1);
    const d3 = c2 ^ rotl<u64>(c4, 1);
    const d4 = c3 ^ rotl<u64>(c0, 1);
    for (let y = 0; y < 25; y += 5) {
      setLane(s, y, lane(s, y) ^ d0);
      setLane(s, y + 1, lane(s, y + 1) ^ d1);
      setLane(s, y + 2, lane(s, y + 2) ^ d2);
      setLane(s, y + 3, lane(s, y + 3) ^ d3);
      setLane(s, y + 4, lane(s, y + 4) ^ d4);
    }
    // ρ and π together: walk (x, y) → (y, 2x + 3y) from (1, 0); step t rotates by (t + 1)(t + 2)/2
    let x = 1;
    let y = 0;
    let carried = lane(s, 1);
    for (let t = 0; t < 24; t++) {
      const nx = y;
      const ny = (2 * x + 3 * y) % 5;
      x = nx;
      y = ny;
      const j = x + 5 * y;
      const next = lane(s, j);
      setLane(s, j, rotl<u64>(carried, <u64>((((t + 1) * (t + 2)) >> 1) & 63)));
      carried = next;
    }
    // χ: each row, a ^ (¬b & c)
    for (let r = 0; r < 25; r += 5) {
      const a0 = lane(s, r);
      const a1 = lane(s, r + 1);
      const a2 = lane(s, r + 2);
      const a3 = lane(s, r + 3);
      const a4 = lane(s, r + 4);
      setLane(s, r, a0 ^ (~a1 & a2));
      setLane(s, r + 1, a1 ^ (~a2 & a3));
      setLane(s, r + 2, a2 ^ (~a3 & a4));
      setLane(s, r + 3, a3 ^ (~a4 & a0));
      setLane(s, r + 4, a4 ^ (~a0 & a1));
    }
    // ι: the round constant, 7 bits of the LFSR x^8 + x^6 + x^5 + x^4 + 1 at positions 2^j − 1
    let rc: u64 = 0;
    for (let j = 0; j < 7; j++) {
      if (lfsr & 1) rc |= (<u64>1) << (((<u64>1) << (<u64>j)) - 1);
      lfsr = ((lfsr << 1) ^ ((lfsr >> 7) * 0x71)) & 0xff;
    }
    setLane(s, 0, lane(s, 0) ^ rc);
  }
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
