/**
 * Encryption and decryption (thesis §4.3.1–4.3.2).
 *
 * Public-key encryption (Lindner–Peikert, as the thesis writes it):
 *   v = Aᵀ·e1 + e3,   u = tᵀ·e1 + e2 + Δ·m
 * computed as a small-coefficient combination of the rows of [A ‖ t]; `encryptMany` processes messages in
 * batches so each row of A is read once per batch.
 *
 * Secret-key encryption (what the thesis code's `ServerKey::encrypt` does, for the key owner):
 *   v uniform,        u = sᵀ·v + e2 + Δ·m
 *
 * Randomness: each message draws from its own stream (message-randomness.ts) — for a seeded source one derived
 * from the seed, the key id, the message's index and the message, so a reused seed never repeats masks across
 * different messages; the CSPRNG is read as it is.
 *
 * Decryption: d = u − sᵀ·v, m = round(d/Δ) mod t; it refuses (NoiseBudgetError) when the predicted failure
 * probability of the ciphertext exceeds the bound (default 2^-40), and WrongKeyError for a foreign key.
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { Ciphertext, type ProvenanceTerm, checkCompatible } from "./ciphertext.js";
import { decodePhase, encodeMessage, scaleMessage } from "./encoding.js";
import { NoiseBudgetError, UnverifiedNoiseError } from "./errors.js";
import { type PublicKey, SecretKey } from "./keys.js";
import { type NoisePrediction, freshResidualBound, predictNoise } from "./noise.js";
import { modulusOf } from "./params.js";
import { MessageRandomness } from "./message-randomness.js";
import { type ByteStream, type RandomSource, systemRandom } from "./random.js";
import { addError, sampleError, sampleSmall, sampleUniformMod } from "./sampling.js";
import { accumulate, combineRows, getElement, normalize } from "./zq.js";

/** Ciphertexts per pass over A; fixed, so both kernel paths consume randomness identically. */
export const ENCRYPT_BATCH = 16;

function freshTerms(rnd: ByteStream, kind: "public" | "secret"): Map<string, ProvenanceTerm> {
  const id = new Uint8Array(12);
  for (let i = 0; i < id.length; i++) id[i] = rnd.byte();
  return new Map([[bytesToHex(id), { kind, coefficient: 1 }]]);
}

/** Adds the bigint x (0 ≤ x < q) limb-wise into float limb sums at acc[off ..). */
function addBig(acc: Float64Array, off: number, x: bigint, limbs: number): void {
  for (let k = 0; k < limbs; k++) {
    acc[off + k]! += Number(x & 0xffffffffn);
    x >>= 32n;
  }
}

/**
 * Encrypts each message under the public key. With a seeded source, message i's randomness is derived from the
 * seed, the key id, i and the message: equal plaintexts at the same index under the same seed and key give equal
 * ciphertexts — seeded mode is for experiments only.
 */
/** A callback after each batch of messages (the CLI's progress bar): messages done, messages in all. */
export interface EncryptProgress {
  readonly onProgress?: (done: number, total: number) => void;
}

export function encryptMany(
  pk: PublicKey,
  messages: ArrayLike<number | bigint>,
  random: RandomSource = systemRandom(),
  how: EncryptProgress = {},
): Ciphertext[] {
  const p = pk.params;
  const mod = modulusOf(p);
  const L = mod.limbs;
  const { n, m } = p;
  const width = (n + 1) * L;
  const encoded = Array.from({ length: messages.length }, (_, i) => encodeMessage(p, messages[i]!));
  const a = pk.rowCombiner(ENCRYPT_BATCH) ? new Uint32Array(0) : pk.matrix();
  const randomness = new MessageRandomness(random, "public", pk.keyId);
  const out: Ciphertext[] = [];
  const combiner = pk.rowCombiner(ENCRYPT_BATCH);
  for (let start = 0; start < messages.length; start += ENCRYPT_BATCH) {
    const count = Math.min(ENCRYPT_BATCH, messages.length - start);
    // each message's stream gives its e1, then its e3, e2 and fresh id
    const rnd: ByteStream[] = Array.from({ length: count }, (_, b) => randomness.stream(start + b, encoded[start + b]!));
    const e1 = rnd.map((r) => sampleSmall(p.encRandomness, m, r));
    // v = Σ_i e1_i · A_i and u = Σ_i e1_i · t_i, one pass over the rows of A for the whole batch.
    let acc: Float64Array;
    if (combiner) acc = combiner.combine(e1);
    else {
      acc = new Float64Array(count * width);
      for (let i = 0; i < m; i++) {
        for (let b = 0; b < count; b++) {
          const c = e1[b]![i]!;
          if (c === 0) continue;
          accumulate(acc, b * width, a, i * n * L, n * L, c);
          accumulate(acc, b * width + n * L, pk.t, i * L, L, c);
        }
      }
    }
    for (let b = 0; b < count; b++) {
      const e3 = sampleError(p.encError, n, rnd[b]!);
      const e2 = sampleError(p.encError, 1, rnd[b]!);
      for (let j = 0; j < n; j++) addError(acc, b * width + j * L, e3, j);
      addError(acc, b * width + n * L, e2, 0);
      addBig(acc, b * width + n * L, scaleMessage(p, encoded[start + b]!), L);
      const data = new Uint32Array(width);
      normalize(mod, acc, b * width, data, 0, n + 1);
      out.push(new Ciphertext(p, pk.keyId, data, freshTerms(rnd[b]!, "public"), 0));
    }
    how.onProgress?.(out.length, messages.length);
  }
  return out;
}

/** Encrypts one message under the public key. */
export function encrypt(pk: PublicKey, message: number | bigint, random: RandomSource = systemRandom()): Ciphertext {
  return encryptMany(pk, [message], random)[0]!;
}

/** Encrypts with the secret key (key owner only): v uniform, u = sᵀv + e2 + Δ·m. Seeded: as message index 0. */
export function encryptWithSecretKey(
  sk: SecretKey,
  message: number | bigint,
  random: RandomSource = systemRandom(),
): Ciphertext {
  return encryptManyWithSecretKey(sk, [message], random)[0]!;
}

/**
 * Encrypts each message with the secret key. With a seeded source, message i's randomness is derived from the
 * seed, the key id, i and the message (as `encryptMany`).
 */
export function encryptManyWithSecretKey(
  sk: SecretKey,
  messages: ArrayLike<number | bigint>,
  random: RandomSource = systemRandom(),
  how: EncryptProgress = {},
): Ciphertext[] {
  const p = sk.params;
  const mod = modulusOf(p);
  const L = mod.limbs;
  const s = SecretKey._coefficients(sk);
  const randomness = new MessageRandomness(random, "secret", sk.keyId);
  return Array.from({ length: messages.length }, (_, i) => {
    const encoded = encodeMessage(p, messages[i]!);
    const rnd = randomness.stream(i, encoded);
    const data = new Uint32Array((p.n + 1) * L);
    data.set(sampleUniformMod(mod, p.n, rnd));
    const body = new Uint32Array(L);
    combineRows(mod, data, 1, s, body); // sᵀ·v over the first n elements
    const acc = new Float64Array(L);
    for (let k = 0; k < L; k++) acc[k] = body[k]!;
    addError(acc, 0, sampleError(p.encError, 1, rnd), 0);
    addBig(acc, 0, scaleMessage(p, encoded), L);
    normalize(mod, acc, 0, data, p.n * L, 1);
    const ct = new Ciphertext(p, sk.keyId, data, freshTerms(rnd, "secret"), 0);
    if (how.onProgress && ((i + 1) % 16 === 0 || i + 1 === messages.length)) how.onProgress(i + 1, messages.length);
    return ct;
  });
}

export interface DecryptOptions {
  /** Largest accepted predicted failure probability, as log2 (default −40). */
  readonly maxLog2FailureProbability?: number;
  /**
   * The noise predicted from a source the decrypting party trusts — the verified statement of a proved output
   * (src/vm/noise-bound.ts) — instead of the ciphertext's provenance.
   */
  readonly noise?: NoisePrediction;
  /**
   * For a ciphertext read from a file: take the provenance the FILE claims as the noise bound. Whoever wrote the
   * file chose it (in the marketplace: the node); without this, such a ciphertext is held to a fresh one's noise.
   */
  readonly trustFileProvenance?: boolean;
  /** Decrypt even when the prediction is worse than the bound (for experiments that study failures). */
  readonly unsafe?: boolean;
}

/** Which rule bounds a decryption's noise (what `decrypt` applies, for reports). */
export type NoiseRule = "statement" | "in-process provenance" | "file provenance (trusted by the caller)" | "fresh-ciphertext residual (origin unverified)" | "none (unsafe)";

export function noiseRuleOf(ct: Ciphertext, o: DecryptOptions = {}): NoiseRule {
  if (o.unsafe) return "none (unsafe)";
  if (o.noise) return "statement";
  if (ct.origin === "in-process") return "in-process provenance";
  return o.trustFileProvenance ? "file provenance (trusted by the caller)" : "fresh-ciphertext residual (origin unverified)";
}

/** The phase d = u − sᵀ·v ∈ Z_q. */
export function phase(sk: SecretKey, ct: Ciphertext): bigint {
  checkCompatible(ct, sk.params, sk.keyId, "decrypt");
  const p = sk.params;
  const mod = modulusOf(p);
  const coeffs = new Float64Array(p.n + 1);
  const s = SecretKey._coefficients(sk);
  for (let j = 0; j < p.n; j++) coeffs[j] = -s[j]!;
  coeffs[p.n] = 1;
  const d = new Uint32Array(mod.limbs);
  combineRows(mod, ct.data, 1, coeffs, d);
  return getElement(mod, d, 0);
}

/** Decrypts to the message (a bigint: unsigned or signed per the parameter set's encoding). */
/**
 * Decrypts to the message (a bigint: unsigned or signed per the parameter set's encoding), refusing a result that
 * may be wrong. The noise bound comes from what the decrypting party trusts (`noiseRuleOf`): a verified
 * statement's bound (`options.noise`), or the provenance this process computed; never, unless the caller says
 * so, the provenance a file claims — a ciphertext of unverified origin must show no more noise than a fresh
 * encryption (noise.ts `freshResidualBound`), else UnverifiedNoiseError says how to decrypt it.
 */
export function decrypt(sk: SecretKey, ct: Ciphertext, options: DecryptOptions = {}): bigint {
  const d = phase(sk, ct);
  const bound = options.maxLog2FailureProbability ?? -40;
  const rule = noiseRuleOf(ct, options);
  if (rule !== "none (unsafe)" && rule !== "fresh-ciphertext residual (origin unverified)") {
    const pred = options.noise ?? predictNoise(ct, SecretKey._noiseStats(sk));
    if (pred.log2FailureProbability > bound)
      throw new NoiseBudgetError(
        `noise budget exceeded: predicted decryption-failure probability 2^${pred.log2FailureProbability.toFixed(1)} ` +
          `> 2^${bound} (noise σ = ${pred.sigma.toPrecision(4)}, wrap drift ≤ ${pred.drift}, Δ/2 = ${pred.halfDelta}; bound from the ${rule}); ` +
          `use smaller weights or a parameter set with more room`,
      );
  }
  const { message, residual } = decodePhase(sk.params, d);
  if (rule === "fresh-ciphertext residual (origin unverified)") {
    const limit = freshResidualBound(sk.params, bound, SecretKey._noiseStats(sk));
    const r = Math.abs(Number(residual));
    if (r > limit)
      throw new UnverifiedNoiseError(
        `the ciphertext's origin is unverified (read from a file) and its noise |${residual}| is more than a fresh encryption's (≤ ${limit.toPrecision(4)} except with probability 2^${bound}): ` +
          "it may be a computed result whose noise wrapped, or not a ciphertext of this key at all; decrypt a proved result with the bound of its verified statement " +
          "(`encryptai verify … --decrypt <sk>`), or take the file's own provenance as the bound (`--trust-file-provenance`: whoever wrote the file chose it)",
      );
  }
  return message;
}

/**
 * The decryption noise of a ciphertext whose exact integer message M is known (for experiments):
 * d − Δ·M, centred mod q. It includes the wrap drift (q mod t per wrap) that decryption must also absorb.
 */
export function measureNoise(sk: SecretKey, ct: Ciphertext, message: number | bigint): bigint {
  const p = sk.params;
  const q = modulusOf(p).q;
  const d = phase(sk, ct);
  let noise = (((d - p.delta * BigInt(message)) % q) + q) % q;
  if (noise > q / 2n) noise -= q;
  return noise;
}
