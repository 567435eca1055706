/**
 * Randomness for key generation, encryption and zero-knowledge proofs.
 *
 * - `systemRandom()`: the operating system's CSPRNG (node:crypto randomFillSync). Secrets use this by default.
 * - `seededRandom(seed)`: a deterministic generator for reproducible experiments and figures: block k of the
 *   stream is SHAKE256("EncryptAI-DRBG" ‖ seed ‖ u64le(k)) (FIPS 202 XOF in counter mode). Never use it for real
 *   keys or data.
 * - `source.derive(label, context)`: the source for one statement or message (issue "Sound from model to
 *   payment", item 5). For a seeded source it is a fresh stream, block k =
 *     SHAKE256("EncryptAI-derived-DRBG" ‖ u32le(|seed|) ‖ seed ‖ path ‖ u64le(k)),
 *     path = SHA-256("EncryptAI-DRBG-context" ‖ parent path (32 zero bytes at the root) ‖ u64le(i) ‖
 *            u32le(|label|) ‖ label ‖ SHA-256(context)),
 *   i = how many sources were derived from this one before. Every variable-length part is length-prefixed or
 *   hashed, and neither domain string is a prefix of the other, so no derived stream shares a block with another
 *   context's, another seed's or any plain seeded stream. One seed therefore never gives the same randomness to
 *   two different statements or messages, while the same seed, context and order reproduce it. For the CSPRNG,
 *   `derive` returns the CSPRNG itself: its draws are fresh anyway.
 *
 * SHAKE comes from node:crypto (OpenSSL, ~10× faster here than a pure-JS XOF); tests cross-check it against
 * @noble/hashes.
 */
import { createHash, randomFillSync } from "node:crypto";

export interface RandomSource {
  /** Fills `out` with random bytes. */
  fill(out: Uint8Array): void;
  /** True for the OS CSPRNG, false for a seeded deterministic stream. */
  readonly secure: boolean;
  /** A description for reports ("CSPRNG" or "seeded(…)"). */
  readonly label: string;
  /**
   * The source for one context (a statement, a message): for a seeded source an independent stream keyed by the
   * seed, the label, the context and how many sources were derived before (header comment); the CSPRNG itself
   * otherwise. `label` names the use (e.g. "EncryptAI-STARK-zk"); `context` is hashed, any length.
   */
  derive(label: string, context: Uint8Array): RandomSource;
}

export function systemRandom(): RandomSource {
  const source: RandomSource = {
    fill: (out) => void randomFillSync(out),
    secure: true,
    label: "CSPRNG (node:crypto)",
    derive: () => source,
  };
  return source;
}

const DRBG_BLOCK = 1 << 16;
/** Derived streams serve one statement or message each: smaller blocks waste less of the XOF. */
const DERIVED_BLOCK = 1 << 14;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const DRBG_DOMAIN = utf8("EncryptAI-DRBG");
const DERIVED_DOMAIN = utf8("EncryptAI-derived-DRBG");
const CONTEXT_DOMAIN = utf8("EncryptAI-DRBG-context");

const u32le = (x: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, x, true);
  return b;
};
const u64le = (x: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(x), true);
  return b;
};

/** Counter-mode SHAKE256: block k = SHAKE256(prefix ‖ u64le(k)), `blockSize` bytes each, read in order. */
function counterStream(prefix: readonly Uint8Array[], blockSize: number): (out: Uint8Array) => void {
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  return (out) => {
    let o = 0;
    while (o < out.length) {
      if (pos === block.length) {
        block = shake256(blockSize, ...prefix, u64le(counter++));
        pos = 0;
      }
      const take = Math.min(out.length - o, block.length - pos);
      out.set(block.subarray(pos, pos + take), o);
      pos += take;
      o += take;
    }
  };
}

/**
 * A seeded source: the plain stream of `seed` when `path` is undefined, else the derived stream at `path`; both
 * derive children the same way.
 */
function seededSource(seed: Uint8Array, path: Uint8Array | undefined, label: string): RandomSource {
  const fill = path === undefined ? counterStream([DRBG_DOMAIN, seed], DRBG_BLOCK) : counterStream([DERIVED_DOMAIN, u32le(seed.length), seed, path], DERIVED_BLOCK);
  const parentPath = path ?? new Uint8Array(32);
  let derived = 0;
  return {
    fill,
    secure: false,
    label,
    derive(use, context) {
      if (!(context instanceof Uint8Array)) throw new TypeError(`derive("${use}"): the context must be bytes, got ${typeof context}`);
      const name = utf8(use);
      const childPath = sha256Bytes(CONTEXT_DOMAIN, parentPath, u64le(derived++), u32le(name.length), name, sha256Bytes(context));
      return seededSource(seed, childPath, `${label}/${use}`);
    },
  };
}

/** Seed: a string (UTF-8), a number (its decimal text) or bytes. */
export function seededRandom(seed: string | number | Uint8Array): RandomSource {
  const seedBytes = seed instanceof Uint8Array ? Uint8Array.from(seed) : utf8(String(seed));
  return seededSource(seedBytes, undefined, `seeded(${typeof seed === "object" ? `${seed.length} bytes` : JSON.stringify(String(seed))})`);
}

/** SHA-256 of the concatenated parts. */
function sha256Bytes(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  const d = h.digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
}

/** SHAKE128 of the concatenated parts, `outLen` bytes. */
export function shake128(outLen: number, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash("shake128", { outputLength: outLen });
  for (const p of parts) h.update(p);
  const d = h.digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
}

/** SHAKE256 of the concatenated parts, `outLen` bytes. */
export function shake256(outLen: number, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash("shake256", { outputLength: outLen });
  for (const p of parts) h.update(p);
  const d = h.digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
}

/** Reads random bytes from a source in large blocks, for samplers that consume a few bytes at a time. */
export class ByteStream {
  private buf: Uint8Array;
  private pos: number;
  constructor(
    private readonly src: RandomSource,
    blockSize = 1 << 14,
  ) {
    this.buf = new Uint8Array(blockSize);
    this.pos = blockSize;
  }
  byte(): number {
    if (this.pos === this.buf.length) {
      this.src.fill(this.buf);
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  /** A uniform double in [0, 1) with 53 random bits. */
  unit(): number {
    let hi = 0;
    for (let i = 0; i < 3; i++) hi = hi * 256 + this.byte(); // 24 bits
    let lo = 0;
    for (let i = 0; i < 4; i++) lo = lo * 256 + this.byte(); // 32 bits
    return ((hi >>> 3) * TWO32 + lo) / 2 ** 53; // 21 + 32 = 53 bits
  }
}
const TWO32 = 4294967296;
