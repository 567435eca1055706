/**
 * An LWE ciphertext (thesis §4.3): n mask elements v followed by the body u, all in Z_q — the layout the
 * VM's READ2 pushes (mask first, body last).
 *
 * Each ciphertext also records its *provenance*: the net integer coefficient c_j of every fresh ciphertext j
 * it is a combination of, and how many plaintext constants were added. From these the decryption noise
 * variance (Var_fresh · Σ c_j²) and the wrap drift are predicted exactly, so decryption can refuse a
 * result whose failure probability is too high instead of returning a silently wrong value — when this process
 * computed that provenance itself (`origin`); a provenance read from a file is only a claim.
 */
import type { PrimeModulus } from "../math/moduli.js";
import { ParameterMismatchError, WrongKeyError } from "./errors.js";
import { type LweParams, modulusOf } from "./params.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** How a fresh ciphertext was made: its noise variance differs. */
export type FreshKind = "public" | "secret" | "trivial";

export type CiphertextOrigin = "in-process" | "file";

/** The origin of a ciphertext computed from others: a claimed provenance stays claimed. */
export function originOf(...from: readonly Ciphertext[]): CiphertextOrigin {
  return from.some((ct) => ct.origin === "file") ? "file" : "in-process";
}

export interface ProvenanceTerm {
  readonly kind: FreshKind;
  readonly coefficient: number;
}

export class Ciphertext {
  readonly kindTag = "lwe-ciphertext" as const;
  constructor(
    readonly params: LweParams,
    /** Key id of the key pair this ciphertext belongs to. */
    readonly keyId: Uint8Array,
    /** (n + 1)·L limbs: mask v (n elements) then body u. */
    readonly data: Uint32Array,
    /** fresh-ciphertext id (hex) → kind and net coefficient. */
    readonly terms: ReadonlyMap<string, ProvenanceTerm>,
    /** Σ |coefficient| of plaintext constants added (bounds the number of wraps mod t). */
    readonly plainWeight: number,
    /**
     * Where `terms` and `plainWeight` come from: "in-process" — this process's own encryption and homomorphic
     * operations computed them; "file" — read from a ciphertext file, i.e. CLAIMED by whoever wrote the file (in
     * the marketplace: the node). Decryption never takes a claimed provenance as its noise bound (encrypt.ts).
     */
    readonly origin: CiphertextOrigin = "in-process",
  ) {}
  get modulus(): PrimeModulus {
    return modulusOf(this.params);
  }
  /** The mask v (n elements). */
  mask(): Uint32Array {
    return this.data.subarray(0, this.params.n * this.modulus.limbs);
  }
  /** The body u (one element). */
  body(): Uint32Array {
    return this.data.subarray(this.params.n * this.modulus.limbs);
  }
  /** Σ c_j² over fresh ciphertexts of each kind. */
  coefficientNorms(): { public: number; secret: number; l1: number; publicSum: number } {
    let pub = 0;
    let sec = 0;
    let l1 = 0;
    let publicSum = 0;
    for (const t of this.terms.values()) {
      const c2 = t.coefficient * t.coefficient;
      if (t.kind === "public") {
        pub += c2;
        publicSum += t.coefficient;
      } else if (t.kind === "secret") sec += c2;
      l1 += Math.abs(t.coefficient);
    }
    return { public: pub, secret: sec, l1, publicSum: Math.abs(publicSum) };
  }
  keyIdHex(): string {
    return bytesToHex(this.keyId);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Throws unless `ct` belongs to `params` and the key `keyId`. */
export function checkCompatible(ct: Ciphertext, params: LweParams, keyId: Uint8Array, what: string): void {
  if (ct.params !== params && ct.params.id !== params.id)
    throw new ParameterMismatchError(
      `${what}: ciphertext is for parameter set "${ct.params.id}", expected "${params.id}"`,
    );
  if (!sameBytes(ct.keyId, keyId))
    throw new WrongKeyError(
      `${what}: ciphertext belongs to key ${bytesToHex(ct.keyId)}, not to key ${bytesToHex(keyId)}`,
    );
}

/** Merges provenance maps: Σ_i scale_i · terms_i. */
export function combineTerms(
  parts: ReadonlyArray<{ terms: ReadonlyMap<string, ProvenanceTerm>; scale: number }>,
): Map<string, ProvenanceTerm> {
  const out = new Map<string, ProvenanceTerm>();
  for (const { terms, scale } of parts) {
    for (const [id, t] of terms) {
      const prev = out.get(id);
      const c = (prev?.coefficient ?? 0) + scale * t.coefficient;
      if (c === 0) out.delete(id);
      else out.set(id, { kind: t.kind, coefficient: c });
    }
  }
  return out;
}
