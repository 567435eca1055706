/**
 * The prover's zero-knowledge randomness (issue "STARK prover", item 6; the construction and its argument are
 * in docs/prover.md, "Zero knowledge"): trace randomisers T' = T + (X^n − 1)·R, the composition chunk masks,
 * the DEEP mask column, Merkle leaf salts, and the checks that the options leave enough randomness to hide
 * every value a proof opens.
 *
 * Randomness comes from a RandomSource: the OS CSPRNG by default, `seededRandom(seed)` for reproducible proofs
 * (tests and figures only — a seeded proof hides nothing from whoever knows the seed). A seeded source is first
 * re-keyed by the statement and the trace (`zkRandomnessFor`), so one seed never masks two statements alike
 * (issue "Sound from model to payment", item 5: eight seeded proofs of one private model on different inputs
 * sharing their masks gave the weights away by interpolation).
 */
import { createHash } from "node:crypto";
import type { Air } from "../air/air.js";
import type { Hasher } from "../hash/hasher.js";
import type { RandomSource } from "../lwe/random.js";
import type { Field } from "../math/field.js";
import { ProverError } from "./errors.js";
import type { ProofOptions } from "./options.js";
import { transcriptSeed } from "./transcript-seed.js";

/** The label under which the prover derives its zero-knowledge source from the caller's. */
export const ZK_RANDOMNESS_LABEL = "EncryptAI-STARK-zk";

/** Bytes of each Merkle leaf salt (the digest size: hiding in the random-oracle model at the hash's strength). */
export const SALT_BYTES = 32;

export class ZkRandomness {
  constructor(private readonly source: RandomSource) {}

  /** `count` independent uniform elements of F (bias < 2^-128 each, `F.fromRandomBytes`). */
  elements<T>(F: Field<T>, count: number): T[] {
    const L = F.randomBytesLength;
    const bytes = new Uint8Array(L * count);
    this.source.fill(bytes);
    return Array.from({ length: count }, (_, i) => F.fromRandomBytes(bytes.subarray(i * L, (i + 1) * L)));
  }

  /** `count` salts of SALT_BYTES, back to back. */
  salts(count: number): Uint8Array {
    const out = new Uint8Array(count * SALT_BYTES);
    this.source.fill(out);
    return out;
  }
}

/**
 * The zero-knowledge randomness for proving `air` with `options`. A seeded source is re-keyed by the statement —
 * the bytes the transcript starts from (transcript-seed.ts: the AIR's name, field and shape, the proof options
 * and the public inputs) — followed by `witness()`, a digest of the trace (`traceDigest`), so two witnesses of
 * one statement are masked independently too. Different statements then get independent randomisers, masks and
 * salts from one seed, and the same statement and trace with the same seed the same proof. The CSPRNG is used as
 * it is (its draws are fresh: no context, and no trace hashing).
 */
export function zkRandomnessFor(source: RandomSource, air: Air, options: ProofOptions, witness: () => Uint8Array): ZkRandomness {
  if (source.secure) return new ZkRandomness(source);
  const statement = transcriptSeed(air, options);
  const digest = witness();
  if (digest.length !== 32) throw new ProverError(`the trace digest has ${digest.length} bytes, expected 32`);
  const context = new Uint8Array(statement.length + 32); // the digest has a fixed length: unambiguous
  context.set(statement);
  context.set(digest, statement.length);
  return new ZkRandomness(source.derive(ZK_RANDOMNESS_LABEL, context));
}

/**
 * SHA-256 of a trace, column after column, each element as F.toBytes; typed Goldilocks columns (two little-endian
 * 32-bit words per element) hash as their bytes, which are the same encoding.
 */
export function traceDigest(F: Field<bigint>, columns: readonly (readonly bigint[] | Uint32Array)[]): Uint8Array {
  const h = createHash("sha256");
  for (const col of columns) {
    if (col instanceof Uint32Array) h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
    else {
      const bytes = new Uint8Array(col.length * F.byteLength);
      col.forEach((v, i) => bytes.set(F.toBytes(v), i * F.byteLength));
      h.update(bytes);
    }
  }
  return new Uint8Array(h.digest());
}

/** The salts of the given leaves, one SALT_BYTES array each. */
export function saltsAt(salts: Uint8Array, indices: readonly number[]): Uint8Array[] {
  return indices.map((i) => salts.slice(i * SALT_BYTES, (i + 1) * SALT_BYTES));
}

/**
 * Leaf digests (32 bytes each, back to back) of encoded leaves: H(leaf) or, when `salts` is not empty (one per
 * leaf), H(leaf ‖ salt) — the verifier's side of `hashLeafRows`.
 */
export function saltedLeafDigests(hasher: Hasher, leaves: readonly Uint8Array[], salts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(leaves.length * 32);
  leaves.forEach((leaf, i) => {
    const salt = salts[i];
    const bytes = salt ? new Uint8Array(leaf.length + salt.length) : leaf;
    if (salt) {
      bytes.set(leaf);
      bytes.set(salt, leaf.length);
    }
    out.set(hasher.hash(bytes), i * 32);
  });
  return out;
}

/**
 * Refuses options that would leave opened values undetermined by randomness (the conditions of the argument in
 * docs/prover.md): the trace randomiser must cover the out-of-domain frame (z, zω, each worth `extension` base
 * coordinates) and each query with its next row. (FRI's condition — a remainder of at least `queries`
 * coefficients — is met by construction: the layout's `minRemainderSize` stops the folding there.)
 */
export function checkHiding(air: Air, options: ProofOptions): void {
  const n = air.traceLength;
  const needed = 2 * options.queries + 2 * options.fieldExtension;
  if (n < needed)
    throw new ProverError(
      `zero knowledge: a trace of ${n} rows cannot hide ${options.queries} queries (each opens a row and, through the composition, the next) plus the out-of-domain frame: it needs ≥ ${needed} rows; use fewer queries or a longer trace`,
    );
}
