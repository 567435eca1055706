/**
 * The Fiat–Shamir channel shared by the STARK prover and verifier (issue "STARK prover and verifier",
 * item 2; Fiat–Shamir as in Ben-Sasson et al., "Scalable, transparent, and post-quantum secure computational
 * integrity", eprint 2018/046, and Winterfell's `RandomCoin`, with labels for domain separation as in
 * Merlin). Both sides build the same transcript and call the same sequence of absorbs and draws, so they get
 * the same challenges; any difference in absorbed data changes every later draw.
 *
 * State: a 32-byte digest `state` and a counter `squeezes` (draws since the last absorb). With
 * lp(x) = u64le(byte length of x) ‖ x, labels as UTF-8 and H the transcript's hasher:
 *   new Transcript(H, label, pub):  state = H("encryptai/transcript/v1" ‖ lp(H.name) ‖ lp(label) ‖ lp(pub)), squeezes = 0
 *   absorb(label, data):            state = H(state ‖ 0x01 ‖ u64le(squeezes) ‖ lp(label) ‖ lp(data)), squeezes = 0
 *   squeeze(label):                 out = H(state ‖ 0x02 ‖ u64le(squeezes) ‖ lp(label)), squeezes += 1
 *   proof of work for nonce w:      H(state ‖ "pow" ‖ u64le(w)), accepted when it has ≥ bits leading zero bits
 *                                   (bit 7 of byte 0 first); the accepted nonce is then absorbed as
 *                                   absorb("pow", u64le(w)).
 * The byte after the state (0x01, 0x02, 'p' = 0x70) separates the three message kinds; absorbing the squeeze
 * counter binds how many challenges were drawn between absorbs. A squeeze's label binds its own output
 * only. `drawField`, `drawIndices` and `squeezeBytes` are built on `squeeze`.
 */
import type { Field } from "../math/field.js";
import { TranscriptError } from "./errors.js";
import type { Hasher } from "./hasher.js";

const DOMAIN = "encryptai/transcript/v1";
const TAG_ABSORB = 0x01;
const TAG_SQUEEZE = 0x02;
const POW = new Uint8Array([0x70, 0x6f, 0x77]); // "pow"
/** Largest grinding factor accepted (each extra bit doubles the prover's expected work, 2^bits hashes). */
export const MAX_GRINDING_BITS = 32;
/** Nonces hashed per `hashLeaves` call while grinding. */
const GRIND_BATCH = 4096;
const TWO_64 = 1n << 64n;

const utf8 = (s: string) => new TextEncoder().encode(s);

function u64le(x: bigint | number, out = new Uint8Array(8), offset = 0): Uint8Array {
  if (typeof x === "number" && Number.isSafeInteger(x) && x >= 0) {
    const lo = x >>> 0;
    const hi = (x - lo) / 2 ** 32;
    for (let i = 0; i < 4; i++) out[offset + i] = (lo >>> (8 * i)) & 0xff;
    for (let i = 0; i < 4; i++) out[offset + 4 + i] = (hi >>> (8 * i)) & 0xff;
    return out;
  }
  let v = BigInt(x);
  for (let i = 0; i < 8; i++) {
    out[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** lp(x) = u64le(|x|) ‖ x. */
const lp = (x: Uint8Array) => concat([u64le(x.length), x]);

/** Number of leading zero bits of `digest`, most significant bit of byte 0 first. */
export function leadingZeroBits(digest: Uint8Array): number {
  let n = 0;
  for (const b of digest) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_GRINDING_BITS) {
    throw new TranscriptError(`grinding bits must be an integer in [0, ${MAX_GRINDING_BITS}], got ${bits}`);
  }
}

export class Transcript {
  private state: Uint8Array;
  private squeezes = 0;

  /** Starts a transcript bound to the protocol `label`, the hash and the public inputs. */
  constructor(
    readonly hasher: Hasher,
    label: string,
    publicInputs: Uint8Array,
  ) {
    this.state = hasher.hash(concat([utf8(DOMAIN), lp(utf8(hasher.name)), lp(utf8(label)), lp(publicInputs)]));
  }

  /** An independent copy in the same state (e.g. to try a draw without advancing the original). */
  clone(): Transcript {
    const t = new Transcript(this.hasher, "", new Uint8Array(0));
    t.state = this.state.slice();
    t.squeezes = this.squeezes;
    return t;
  }

  /** The current 32-byte state digest (a copy): equal states mean equal future draws. */
  get digest(): Uint8Array {
    return this.state.slice();
  }

  /** Binds `data` (a commitment, OOD evaluations, ...) under `label` into the state. */
  absorb(label: string, data: Uint8Array): void {
    this.state = this.hasher.hash(concat([this.state, Uint8Array.of(TAG_ABSORB), u64le(this.squeezes), lp(utf8(label)), lp(data)]));
    this.squeezes = 0;
  }

  /** 32 pseudo-random bytes bound to everything absorbed so far, the draw counter and `label`. */
  squeeze(label: string): Uint8Array {
    const out = this.hasher.hash(concat([this.state, Uint8Array.of(TAG_SQUEEZE), u64le(this.squeezes), lp(utf8(label))]));
    this.squeezes++;
    return out;
  }

  /** n pseudo-random bytes: ⌈n/32⌉ squeezes under `label`, concatenated and truncated. */
  squeezeBytes(label: string, n: number): Uint8Array {
    if (!Number.isSafeInteger(n) || n < 0) throw new TranscriptError(`squeezeBytes: byte count must be an integer ≥ 0, got ${n}`);
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32) out.set(this.squeeze(label).subarray(0, Math.min(32, n - at)), at);
    return out;
  }

  /**
   * A uniform element of F: `F.randomBytesLength` squeezed bytes through `F.fromRandomBytes` (≥ 16 bytes
   * more than an element per coefficient, so the statistical distance from uniform is < 2^-128).
   */
  drawField<T>(F: Field<T>, label: string): T {
    return F.fromRandomBytes(this.squeezeBytes(label, F.randomBytesLength));
  }

  /**
   * The powers 1, α, α², …, α^(count−1) of one uniform element α drawn under `label`: the coefficients of a random
   * linear combination (Plonky2's convention). Against independent coefficients the combination of `count` terms that
   * are not all zero vanishes with probability ≤ (count − 1)/|F| instead of 1/|F|: 2^-183 for 400 terms over
   * Goldilocks' cubic extension. One draw instead of `count`: on chain, 380 keccak squeezes fewer per proof.
   */
  drawPowers<T>(F: Field<T>, count: number, label: string): T[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new TranscriptError(`drawPowers: count must be an integer ≥ 0, got ${count}`);
    const alpha = this.drawField(F, label);
    const out: T[] = [];
    for (let i = 0, x = F.ONE; i < count; i++, x = F.mul(x, alpha)) out.push(x);
    return out;
  }

  /** `count` independent uniform elements of F (one `drawField` each, same label). */
  drawFieldElements<T>(F: Field<T>, label: string, count: number): T[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new TranscriptError(`drawFieldElements: count must be an integer ≥ 0, got ${count}`);
    return Array.from({ length: count }, () => this.drawField(F, label));
  }

  /**
   * `count` uniform elements of F, element i drawn under `label(i)`: exactly `drawField(F, label(i))` for
   * i = 0, 1, … in turn (same squeezes, same counter values, same state afterwards), but the squeeze messages are
   * all known in advance (state ‖ 0x02 ‖ u64le(counter) ‖ lp(label)), so they are hashed in batches of equal
   * length with `hashLeaves` (one WebAssembly call per batch for BLAKE3) instead of one call each.
   */
  drawFields<T>(F: Field<T>, count: number, label: (i: number) => string): T[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new TranscriptError(`drawFields: count must be an integer ≥ 0, got ${count}`);
    const L = F.randomBytesLength;
    const per = Math.ceil(L / 32); // squeezes per element
    const first = this.squeezes;
    const head = this.state.length + 9; // state ‖ 0x02 ‖ u64le(counter)
    // labels grouped by message length (labels here are short ASCII: "composition-12", …)
    const labels = Array.from({ length: count }, (_, i) => lp(utf8(label(i))));
    const groups = new Map<number, number[]>();
    labels.forEach((lab, i) => {
      const len = head + lab.length;
      const g = groups.get(len);
      if (g) g.push(i);
      else groups.set(len, [i]);
    });
    const digests = new Uint8Array(32 * count * per);
    for (const [len, elements] of groups) {
      const data = new Uint8Array(len * per * elements.length);
      elements.forEach((i, e) => {
        for (let j = 0; j < per; j++) {
          const at = len * (e * per + j);
          data.set(this.state, at);
          data[at + this.state.length] = TAG_SQUEEZE;
          u64le(first + i * per + j, data, at + this.state.length + 1);
          data.set(labels[i]!, at + head);
        }
      });
      const out = this.hasher.hashLeaves(data, len, per * elements.length);
      elements.forEach((i, e) => digests.set(out.subarray(32 * per * e, 32 * per * (e + 1)), 32 * per * i));
    }
    this.squeezes = first + count * per;
    return Array.from({ length: count }, (_, i) => F.fromRandomBytes(digests.subarray(32 * per * i, 32 * per * i + L)));
  }

  /**
   * Query positions in [0, domainSize), domainSize a power of two ≤ 2^32: `count` samples drawn with
   * replacement — sample k is the little-endian u32 at bytes 4k … 4k + 3 of squeezeBytes(label, 4·count),
   * reduced mod domainSize (exactly uniform, as domainSize divides 2^32) — then duplicates are removed
   * keeping first occurrences in draw order. The result may therefore hold fewer than `count` positions
   * (Winterfell's convention; the soundness analysis counts distinct queries).
   */
  drawIndices(label: string, count: number, domainSize: number): number[] {
    if (!Number.isSafeInteger(count) || count < 1) throw new TranscriptError(`drawIndices: count must be an integer ≥ 1, got ${count}`);
    if (!Number.isSafeInteger(domainSize) || domainSize < 1 || domainSize > 2 ** 32 || 2 ** Math.round(Math.log2(domainSize)) !== domainSize) {
      throw new TranscriptError(`drawIndices: domain size must be a power of two in [1, 2^32], got ${domainSize}`);
    }
    const bytes = this.squeezeBytes(label, 4 * count);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const seen = new Set<number>();
    const out: number[] = [];
    for (let k = 0; k < count; k++) {
      const i = view.getUint32(4 * k, true) % domainSize;
      if (!seen.has(i)) {
        seen.add(i);
        out.push(i);
      }
    }
    return out;
  }

  /**
   * `count` DISTINCT query positions in [0, domainSize) (sampling without replacement, so that every counted
   * query is a distinct opening — the soundness bound's s; count ≤ domainSize / 2 keeps the expected number of
   * extra draws below count). Round r squeezes 4·count bytes under the label "<label>/r" and takes new positions
   * in draw order (u32 little-endian mod domainSize) until `count` are found. TranscriptError for bad arguments.
   */
  drawDistinctIndices(label: string, count: number, domainSize: number): number[] {
    if (!Number.isSafeInteger(count) || count < 1) throw new TranscriptError(`drawDistinctIndices: count must be an integer ≥ 1, got ${count}`);
    if (!Number.isSafeInteger(domainSize) || domainSize < 2 || domainSize > 2 ** 32 || 2 ** Math.round(Math.log2(domainSize)) !== domainSize)
      throw new TranscriptError(`drawDistinctIndices: domain size must be a power of two in [2, 2^32], got ${domainSize}`);
    if (count > domainSize / 2) throw new TranscriptError(`drawDistinctIndices: ${count} distinct positions need a domain of ≥ ${2 * count}, got ${domainSize}`);
    const seen = new Set<number>();
    const out: number[] = [];
    for (let round = 0; out.length < count; round++) {
      const bytes = this.squeezeBytes(`${label}/${round}`, 4 * count);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = 0; k < count && out.length < count; k++) {
        const i = view.getUint32(4 * k, true) % domainSize;
        if (!seen.has(i)) {
          seen.add(i);
          out.push(i);
        }
      }
    }
    return out;
  }

  /** H(state ‖ "pow" ‖ u64le(nonce)). */
  private powDigest(nonce: bigint): Uint8Array {
    return this.hasher.hash(concat([this.state, POW, u64le(nonce)]));
  }

  /**
   * Proof of work (prover): the smallest nonce ≥ 0 whose pow digest has ≥ `bits` leading zero bits, found
   * GRIND_BATCH nonces per `hashLeaves` call (a WebAssembly batch for BLAKE3); then absorbs it. Expected
   * work 2^bits hashes. TranscriptError for bits outside [0, MAX_GRINDING_BITS].
   */
  grind(bits: number): bigint {
    checkBits(bits);
    const msgBytes = this.state.length + POW.length + 8;
    const batch = new Uint8Array(msgBytes * GRIND_BATCH);
    for (let k = 0; k < GRIND_BATCH; k++) {
      batch.set(this.state, msgBytes * k);
      batch.set(POW, msgBytes * k + this.state.length);
    }
    const nonceAt = this.state.length + POW.length;
    for (let base = 0; ; base += GRIND_BATCH) {
      for (let k = 0; k < GRIND_BATCH; k++) {
        const nonce = base + k;
        const at = msgBytes * k + nonceAt;
        batch[at] = nonce & 0xff; // u64le(nonce) without bigint: nonce < 2^53
        batch[at + 1] = (nonce >>> 8) & 0xff;
        batch[at + 2] = (nonce >>> 16) & 0xff;
        batch[at + 3] = nonce >>> 24;
        const hi = Math.floor(nonce / 2 ** 32);
        batch[at + 4] = hi & 0xff;
        batch[at + 5] = (hi >>> 8) & 0xff;
        batch[at + 6] = (hi >>> 16) & 0xff;
        batch[at + 7] = hi >>> 24;
      }
      const digests = this.hasher.hashLeaves(batch, msgBytes, GRIND_BATCH);
      for (let k = 0; k < GRIND_BATCH; k++) {
        if (leadingZeroBits(digests.subarray(32 * k, 32 * k + 32)) >= bits) {
          const nonce = BigInt(base + k);
          this.absorb("pow", u64le(nonce));
          return nonce;
        }
      }
    }
  }

  /**
   * Proof of work (verifier): true, and the nonce absorbed, when `nonce` is a u64 whose pow digest has
   * ≥ `bits` leading zero bits; false otherwise (state unchanged), including for a nonce that is not a bigint
   * in [0, 2^64). Accepts any valid nonce, not only the smallest. TranscriptError only for bad `bits`.
   */
  checkGrinding(nonce: bigint, bits: number): boolean {
    checkBits(bits);
    if (typeof nonce !== "bigint" || nonce < 0n || nonce >= TWO_64) return false;
    if (leadingZeroBits(this.powDigest(nonce)) < bits) return false;
    this.absorb("pow", u64le(nonce));
    return true;
  }
}
