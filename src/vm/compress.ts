/**
 * Ciphertext compression for real LWE dimensions (issue "Encrypt zkVM", item 4; argument in docs/vm.md):
 * every VM operation on ciphertexts is linear — ct + ct, k·ct, ct + Δ·k·e_body — so for any r the map
 * ρ_r(ct) = Σ_j r^j·ct_j commutes with them (ρ_r(e_body) = r^n). A ciphertext of n + 1 ≥ 2049 components
 * becomes L lanes ρ_{r_1}(ct), …, ρ_{r_L}(ct) and the AIR proves the program on lanes, at a cost independent
 * of n. The challenges r_l are Fiat–Shamir: SHA-256 of everything the statement fixes (parameters, program
 * shape and hash, public values, rows, input and output ciphertexts, scalar outputs), so they are drawn after all of
 * it is bound. Several outputs (a classifier's class scores, a batch's rows) share the challenges: a wrong one
 * survives with the same probability as a single one.
 *
 * Soundness: if the claimed output differs from the true one in any coordinate, the difference polynomial
 * D(X) = Σ_j (out_j − true_j)·X^j (degree ≤ n, not zero) vanishes at every r_l with probability ≤ (n/p)^L per
 * statement the prover tries: for f128 and n = 3072, L = 2 gives ≤ 2^-233.
 */
import { createHash } from "node:crypto";
import type { Field, PrimeField } from "../math/field.js";
import type { VectorOps } from "../math/column-field.js";
import { f128Vectors } from "../math/f128-wasm.js";
import { vectorOpsFor } from "../math/vector-ops.js";
import type { ProgramHash } from "./program-hash.js";
import { concatBytes } from "@noble/hashes/utils.js";
import { glInnerProducts } from "../math/goldilocks-fast.js";
import { GL_P } from "../math/goldilocks.js";

const DOMAIN = new TextEncoder().encode("EncryptAI-VM-compress-v2");

export interface CompressionBinding {
  /** LWE parameter-set id, dimension n and Δ. */
  readonly paramsId: string;
  readonly n: number;
  readonly delta: bigint;
  readonly opcodes: readonly number[];
  readonly programHash: ProgramHash;
  readonly publicValues: readonly bigint[];
  /** Rows of a batch (1 for one input row). */
  readonly rows: number;
  /** Input and output ciphertexts, all n + 1 components each. */
  readonly inputs: readonly Cells[];
  readonly outputs: readonly Cells[];
  /** The scalars the program leaves (usually none). */
  readonly scalarOutputs: readonly bigint[];
}

/**
 * A ciphertext's n + 1 components: bigints, or — over Goldilocks — the LWE layer's own limb vector (two
 * little-endian 32-bit words per component, exactly the layout of a GlVec and of the components' 8-byte
 * encoding), used as it is.
 */
export type Cells = readonly bigint[] | Uint32Array;

/** Components of a ciphertext: a limb vector holds F.byteLength / 4 words per element (vector-ops.ts layout). */
const cellCount = (F: Field<bigint>, c: Cells): number => (c instanceof Uint32Array ? c.length / (F.byteLength / 4) : c.length);

/** The field's vector kernels, for a limb vector: a RangeError unless the field has them and v is canonical. */
function limbOps(F: Field<bigint>, v: Uint32Array): VectorOps {
  const ops = vectorOpsFor(F);
  if (!ops || v.length % (F.byteLength / 4) !== 0 || !ops.isCanonical(v))
    throw new RangeError(`a limb-vector ciphertext must hold canonical elements of a field with vector kernels (the field is ${F.name})`);
  return ops;
}

function u32(x: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, x, true);
  return b;
}

/**
 * Writes each element as F.byteLength little-endian bytes (8-byte words; the same bytes as F.toBytes). A limb
 * vector's bytes are returned as a view of it (no copy: the binding only reads them).
 */
function encodeElements(F: Field<bigint>, xs: Cells): Uint8Array {
  if (xs instanceof Uint32Array) {
    limbOps(F, xs);
    return new Uint8Array(xs.buffer, xs.byteOffset, xs.byteLength);
  }
  const L = F.byteLength;
  if (L % 8 !== 0) return Uint8Array.from(xs.flatMap((x) => [...F.toBytes(x)]));
  const out = new Uint8Array(xs.length * L);
  const view = new DataView(out.buffer);
  const mask = (1n << 64n) - 1n;
  xs.forEach((x, i) => {
    let v = x;
    for (let k = 0; k < L; k += 8, v >>= 64n) view.setBigUint64(i * L + k, v & mask, true);
  });
  return out;
}

/** The canonical bytes the challenges are derived from. */
export function bindingBytes(F: Field<bigint>, b: CompressionBinding): Uint8Array {
  return concatBytes(...bindingParts(F, b));
}

/** bindingBytes in pieces, in order (hashed one after the other: megabytes of ciphertexts are never copied). */
function bindingParts(F: Field<bigint>, b: CompressionBinding): Uint8Array[] {
  const parts: Uint8Array[] = [DOMAIN];
  const id = new TextEncoder().encode(b.paramsId);
  parts.push(u32(id.length), id, u32(b.n), F.toBytes(b.delta % F.characteristic), u32(b.opcodes.length), Uint8Array.from(b.opcodes));
  parts.push(u32(b.programHash.length), encodeElements(F, b.programHash), u32(b.publicValues.length), encodeElements(F, b.publicValues));
  parts.push(u32(b.rows), u32(b.scalarOutputs.length), encodeElements(F, b.scalarOutputs), u32(b.inputs.length), u32(b.outputs.length));
  for (const ct of [...b.inputs, ...b.outputs]) {
    if (cellCount(F, ct) !== b.n + 1) throw new RangeError(`a ciphertext has ${cellCount(F, ct)} components, expected n + 1 = ${b.n + 1}`);
    parts.push(encodeElements(F, ct));
  }
  return parts;
}

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/**
 * The L challenges: seed = SHA-256(binding) (node:crypto: megabytes of ciphertexts in milliseconds), then
 * r_l = F.fromRandomBytes(SHA-256(seed ‖ l ‖ attempt)), redrawn with the next attempt if r_l = 0.
 */
export function compressionChallenges(F: Field<bigint>, lanes: number, binding: CompressionBinding): bigint[] {
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 8) throw new RangeError(`compression lanes must be an integer in [1, 8], got ${lanes}`);
  if (F.randomBytesLength > 32) throw new RangeError(`${F.name} needs ${F.randomBytesLength} random bytes per element; SHA-256 gives 32`);
  const seed = sha256(...bindingParts(F, binding));
  return Array.from({ length: lanes }, (_, l) => {
    for (let attempt = 0; ; attempt++) {
      const r = F.fromRandomBytes(sha256(seed, u32(l), u32(attempt)).subarray(0, F.randomBytesLength));
      if (r !== 0n) return r;
    }
  });
}

/** The powers r^0 … r^n of each challenge (shared by every ciphertext of a statement). */
export function challengePowers(F: Field<bigint>, rs: readonly bigint[], n: number): bigint[][] {
  return rs.map((r) => {
    const pw = new Array<bigint>(n + 1);
    pw[0] = 1n;
    for (let j = 1; j <= n; j++) pw[j] = F.mul(pw[j - 1]!, r);
    return pw;
  });
}

/**
 * The lanes of one ciphertext: ρ_{r_l}(ct) = Σ_j r_l^j·ct_j, as an unreduced integer sum of products reduced
 * once (a 3073-term sum of 256-bit products stays below 2^268: one modular reduction instead of 3073).
 */
export function compressCiphertext(F: Field<bigint>, powers: readonly (readonly bigint[])[], ct: readonly bigint[]): bigint[] {
  return powers.map((pw) => {
    if (pw.length < ct.length) throw new RangeError(`compressCiphertext: ${ct.length} components, powers up to ${pw.length - 1}`);
    let acc = 0n;
    for (let j = 0; j < ct.length; j++) acc += pw[j]! * ct[j]!;
    return acc % F.characteristic;
  });
}

/**
 * compressCiphertext for many ciphertexts. Over a field with vector kernels (Goldilocks, the 128-bit primes) the
 * sums are inner products of typed vectors in WebAssembly (a 300-input statement at n = 2096 in milliseconds
 * instead of a few hundred), reading limb-vector ciphertexts as they are; the bigint sums above are the reference,
 * and tests check both agree.
 */
export function compressCiphertexts(F: Field<bigint>, powers: readonly (readonly bigint[])[], cts: readonly Cells[]): bigint[][] {
  const len = cts.length > 0 ? cellCount(F, cts[0]!) : 0;
  const ops = vectorOpsFor(F);
  if (!ops || cts.some((ct) => cellCount(F, ct) !== len) || powers.some((pw) => pw.length < len)) {
    if (cts.some((ct) => ct instanceof Uint32Array)) throw new RangeError(`compressCiphertexts: limb-vector ciphertexts need a field with vector kernels (the field is ${F.name}) and equal lengths`);
    return cts.map((ct) => compressCiphertext(F, powers, ct as readonly bigint[]));
  }
  const vectors = cts.map((ct) => {
    if (ct instanceof Uint32Array ? !ops.isCanonical(ct) : ct.some((x) => x < 0n || x >= F.characteristic))
      throw new RangeError(`compressCiphertexts: a ciphertext component is not a canonical element of ${F.name}`);
    return ct instanceof Uint32Array ? ct : ops.fromBigints(ct);
  });
  const weights = powers.map((pw) => ops.fromBigints(pw.slice(0, len)));
  if (F.characteristic === GL_P) return glInnerProducts(vectors, weights);
  const V = f128Vectors(F as PrimeField);
  return vectors.map((v) => weights.map((w) => V.dot(v, w)));
}

/** The body direction on lanes: ρ_{r_l}(e_n) = r_l^n. */
export function compressedBody(F: Field<bigint>, rs: readonly bigint[], n: number): bigint[] {
  return rs.map((r) => F.pow(r, BigInt(n)));
}
