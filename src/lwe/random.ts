/**
 * Randomness for key generation and encryption.
 *
 * - `systemRandom()`: the operating system's CSPRNG (node:crypto randomFillSync). Secrets use this by default.
 * - `seededRandom(seed)`: a deterministic generator for reproducible experiments and figures: block k of the
 *   stream is SHAKE256("EncryptAI-DRBG" ‖ seed ‖ k) (FIPS 202 XOF in counter mode). Never use it for real keys.
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
}

export function systemRandom(): RandomSource {
  return {
    fill: (out) => void randomFillSync(out),
    secure: true,
    label: "CSPRNG (node:crypto)",
  };
}

const DRBG_BLOCK = 1 << 16;
const DRBG_DOMAIN = new TextEncoder().encode("EncryptAI-DRBG");

/** Seed: a string (UTF-8), a number (its decimal text) or bytes. */
export function seededRandom(seed: string | number | Uint8Array): RandomSource {
  const seedBytes =
    seed instanceof Uint8Array ? Uint8Array.from(seed) : new TextEncoder().encode(String(seed));
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const nextBlock = (): void => {
    const ctr = new Uint8Array(8);
    new DataView(ctr.buffer).setBigUint64(0, BigInt(counter++), true);
    block = shake256(DRBG_BLOCK, DRBG_DOMAIN, seedBytes, ctr);
    pos = 0;
  };
  return {
    fill(out) {
      let o = 0;
      while (o < out.length) {
        if (pos === block.length) nextBlock();
        const take = Math.min(out.length - o, block.length - pos);
        out.set(block.subarray(pos, pos + take), o);
        pos += take;
        o += take;
      }
    },
    secure: false,
    label: `seeded(${typeof seed === "object" ? `${seed.length} bytes` : JSON.stringify(String(seed))})`,
  };
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
