/**
 * Per-message encryption randomness (issue "Sound from model to payment", item 5). Reusing a seed used to give
 * identical masks: two ciphertexts under one key differed only by Δ·(m1 − m2) (plus noise), so the body
 * difference divided by Δ was the plaintext difference, read without the key.
 *
 * A seeded source is now re-keyed for every message by the key id, the message's index in its batch and the
 * encoded message itself (`RandomSource.derive`, random.ts), so a reused seed never gives two different messages
 * — or one message at two indices — the same e1, e2, e3 or fresh-ciphertext id. Equal plaintexts at the same index
 * under the same seed and key still give equal ciphertexts (that is what "reproducible" means): seeded mode is
 * for experiments, never for real data. The OS CSPRNG needs no re-keying: every message reads one shared stream.
 *
 * Both kernel paths (JS and WebAssembly) draw through this module in the same order, so they stay bit-identical.
 */
import type { FreshKind } from "./ciphertext.js";
import { ByteStream, type RandomSource } from "./random.js";

/** Bytes a derived message stream reads ahead (one public-key encryption at n = 2048 draws ≈ 20 KB). */
const MESSAGE_STREAM_BLOCK = 4096;

/** The derivation label of each encryption kind. */
export const ENCRYPTION_LABELS: Readonly<Record<Exclude<FreshKind, "trivial">, string>> = Object.freeze({
  public: "EncryptAI-LWE-encrypt-public",
  secret: "EncryptAI-LWE-encrypt-secret",
});

/** Context of one message: key id (16 bytes) ‖ u64le(index) ‖ the encoded message m mod t in decimal. */
export function messageContext(keyId: Uint8Array, index: number, encoded: bigint): Uint8Array {
  if (keyId.length !== 16) throw new RangeError(`a key id has 16 bytes, got ${keyId.length}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`message index ${index} is not a non-negative integer`);
  const digits = new TextEncoder().encode(encoded.toString());
  const out = new Uint8Array(16 + 8 + digits.length);
  out.set(keyId);
  new DataView(out.buffer).setBigUint64(16, BigInt(index), true);
  out.set(digits, 24);
  return out;
}

/** Hands out each message's byte stream: its own for a seeded source, one shared stream for the CSPRNG. */
export class MessageRandomness {
  private shared: ByteStream | undefined;
  constructor(
    private readonly random: RandomSource,
    private readonly kind: Exclude<FreshKind, "trivial">,
    private readonly keyId: Uint8Array,
  ) {}

  /** The stream message `index` (encoded as `encoded`) draws all its randomness from. */
  stream(index: number, encoded: bigint): ByteStream {
    const derived = this.random.derive(ENCRYPTION_LABELS[this.kind], messageContext(this.keyId, index, encoded));
    // a source that derives itself (the CSPRNG) is fresh on every draw: share one buffered stream
    if (derived === this.random) return (this.shared ??= new ByteStream(this.random));
    return new ByteStream(derived, MESSAGE_STREAM_BLOCK);
  }
}
