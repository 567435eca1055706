/**
 * Ciphertext compression for real LWE dimensions (issue "Encrypt zkVM", item 4; argument in docs/vm.md):
 * every VM operation on ciphertexts is linear — ct + ct, k·ct, ct + Δ·k·e_body — so for any r the map
 * ρ_r(ct) = Σ_j r^j·ct_j commutes with them (ρ_r(e_body) = r^n). A ciphertext of n + 1 ≥ 2049 components
 * becomes L lanes ρ_{r_1}(ct), …, ρ_{r_L}(ct) and the AIR proves the program on lanes, at a cost independent
 * of n. The challenges r_l are Fiat–Shamir: hashes of everything the statement fixes (parameters, program
 * shape and hash, public values, input and output ciphertexts), so they are drawn after all of it is bound.
 *
 * Soundness: if the claimed output differs from the true one in any coordinate, the difference polynomial
 * D(X) = Σ_j (out_j − true_j)·X^j (degree ≤ n, not zero) vanishes at every r_l with probability ≤ (n/p)^L per
 * statement the prover tries: for f128 and n = 3072, L = 2 gives ≤ 2^-233.
 */
import { blake3 } from "@noble/hashes/blake3.js";
import type { Field } from "../math/field.js";
import type { ProgramHash } from "./program-hash.js";

const DOMAIN = new TextEncoder().encode("EncryptAI-VM-compress-v1");

export interface CompressionBinding {
  /** LWE parameter-set id, dimension n and Δ. */
  readonly paramsId: string;
  readonly n: number;
  readonly delta: bigint;
  readonly opcodes: readonly number[];
  readonly programHash: ProgramHash;
  readonly publicValues: readonly bigint[];
  /** Input and output ciphertexts, all n + 1 components each. */
  readonly inputs: readonly (readonly bigint[])[];
  readonly output: readonly bigint[];
}

function u32(x: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, x, true);
  return b;
}

/** The canonical bytes the challenges are derived from. */
export function bindingBytes(F: Field<bigint>, b: CompressionBinding): Uint8Array {
  const parts: Uint8Array[] = [DOMAIN];
  const id = new TextEncoder().encode(b.paramsId);
  parts.push(u32(id.length), id, u32(b.n), F.toBytes(b.delta % F.characteristic), u32(b.opcodes.length), Uint8Array.from(b.opcodes));
  parts.push(u32(b.programHash.length), ...b.programHash.map((h) => F.toBytes(h)), u32(b.publicValues.length));
  for (const v of b.publicValues) parts.push(F.toBytes(v));
  parts.push(u32(b.inputs.length));
  for (const ct of [...b.inputs, b.output]) {
    if (ct.length !== b.n + 1) throw new RangeError(`a ciphertext has ${ct.length} components, expected n + 1 = ${b.n + 1}`);
    for (const v of ct) parts.push(F.toBytes(v));
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The L challenges: r_l = F.fromRandomBytes(BLAKE3(binding ‖ l)) (redrawn with a counter if r_l = 0). */
export function compressionChallenges(F: Field<bigint>, lanes: number, binding: CompressionBinding): bigint[] {
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 8) throw new RangeError(`compression lanes must be an integer in [1, 8], got ${lanes}`);
  const seed = blake3(bindingBytes(F, binding));
  return Array.from({ length: lanes }, (_, l) => {
    for (let attempt = 0; ; attempt++) {
      const bytes = blake3(Uint8Array.from([...seed, ...u32(l), ...u32(attempt)]), { dkLen: F.randomBytesLength });
      const r = F.fromRandomBytes(bytes);
      if (r !== 0n) return r;
    }
  });
}

/** The lanes of one ciphertext: ρ_{r_l}(ct) = Σ_j r_l^j·ct_j (Horner). */
export function compressCiphertext(F: Field<bigint>, rs: readonly bigint[], ct: readonly bigint[]): bigint[] {
  return rs.map((r) => {
    let acc = 0n;
    for (let j = ct.length - 1; j >= 0; j--) acc = F.add(F.mul(acc, r), ct[j]!);
    return acc;
  });
}

/** The body direction on lanes: ρ_{r_l}(e_n) = r_l^n. */
export function compressedBody(F: Field<bigint>, rs: readonly bigint[], n: number): bigint[] {
  return rs.map((r) => F.pow(r, BigInt(n)));
}
