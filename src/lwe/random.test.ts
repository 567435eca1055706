import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { shake128 as nobleShake128, shake256 as nobleShake256 } from "@noble/hashes/sha3.js";
import { bytesToHex, concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteStream, seededRandom, shake128, shake256, systemRandom } from "./random.js";

describe("SHAKE (node:crypto) against FIPS 202 and @noble/hashes", () => {
  it("matches the FIPS 202 empty-message vectors", () => {
    // NIST FIPS 202 example values (SHAKE128/256 of the empty string).
    expect(bytesToHex(shake128(32))).toBe("7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
    expect(bytesToHex(shake256(64))).toBe(
      "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be",
    );
  });
  it("agrees with @noble/hashes on long outputs of multi-part inputs", () => {
    const a = new TextEncoder().encode("EncryptAI");
    const b = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const ab = new Uint8Array([...a, ...b]);
    expect(bytesToHex(shake128(5000, a, b))).toBe(bytesToHex(nobleShake128(ab, { dkLen: 5000 })));
    expect(bytesToHex(shake256(777, a, b))).toBe(bytesToHex(nobleShake256(ab, { dkLen: 777 })));
  });
});

describe("random sources", () => {
  it("seeded streams are deterministic, seed-dependent and chunking-independent", () => {
    const x = new Uint8Array(100_000);
    seededRandom("fig-1").fill(x);
    const y = new Uint8Array(100_000);
    const r = seededRandom("fig-1");
    for (let o = 0; o < y.length; o += 7777) r.fill(y.subarray(o, Math.min(y.length, o + 7777)));
    expect(bytesToHex(x)).toBe(bytesToHex(y));
    const z = new Uint8Array(64);
    seededRandom("fig-2").fill(z);
    expect(bytesToHex(z)).not.toBe(bytesToHex(x.subarray(0, 64)));
    expect(seededRandom(1).secure).toBe(false);
  });
  it("the system CSPRNG is marked secure and does not repeat", () => {
    const s = systemRandom();
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    s.fill(a);
    s.fill(b);
    expect(s.secure).toBe(true);
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });
  it("unit() is uniform on [0, 1)", () => {
    const st = new ByteStream(seededRandom(7));
    const n = 100_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = st.unit();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005); // 5.5 standard errors
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });
});

/** The first `n` bytes of a source. */
function head(src: { fill(out: Uint8Array): void }, n = 64): string {
  const out = new Uint8Array(n);
  src.fill(out);
  return bytesToHex(out);
}

describe("derived sources: one seed, one stream per statement or message (issue 11, item 5)", () => {
  const bytes = fc.uint8Array({ maxLength: 80 });
  it("matches the formula in random.ts, recomputed with @noble/hashes", () => {
    const le = (x: number, size: 4 | 8) => {
      const b = new Uint8Array(size);
      if (size === 4) new DataView(b.buffer).setUint32(0, x, true);
      else new DataView(b.buffer).setBigUint64(0, BigInt(x), true);
      return b;
    };
    const seed = utf8ToBytes("fig-1");
    const label = utf8ToBytes("EncryptAI-test");
    const context = utf8ToBytes("statement 1");
    const path = nobleSha256(concatBytes(utf8ToBytes("EncryptAI-DRBG-context"), new Uint8Array(32), le(0, 8), le(label.length, 4), label, nobleSha256(context)));
    const block0 = nobleShake256(concatBytes(utf8ToBytes("EncryptAI-derived-DRBG"), le(seed.length, 4), seed, path, le(0, 8)), { dkLen: 64 });
    expect(head(seededRandom("fig-1").derive("EncryptAI-test", context))).toBe(bytesToHex(block0));
    // the second derivation from the same source (index 1) is the formula with u64le(1)
    const r = seededRandom("fig-1");
    r.derive("EncryptAI-test", context);
    const path1 = nobleSha256(concatBytes(utf8ToBytes("EncryptAI-DRBG-context"), new Uint8Array(32), le(1, 8), le(label.length, 4), label, nobleSha256(context)));
    expect(head(r.derive("EncryptAI-test", context))).toBe(bytesToHex(nobleShake256(concatBytes(utf8ToBytes("EncryptAI-derived-DRBG"), le(seed.length, 4), seed, path1, le(0, 8)), { dkLen: 64 })));
  });
  it("different contexts give different streams; the same seed and context the same stream (property)", () => {
    fc.assert(
      fc.property(fc.string(), bytes, bytes, (seed, a, b) => {
        const sa = head(seededRandom(seed).derive("t", a));
        expect(head(seededRandom(seed).derive("t", a))).toBe(sa);
        if (bytesToHex(a) !== bytesToHex(b)) expect(head(seededRandom(seed).derive("t", b))).not.toBe(sa);
      }),
    );
  });
  it("different seeds or labels give different streams, with no ambiguity at the boundaries (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), bytes, (seed, ctx) => {
        const base = head(seededRandom(seed).derive("ab", ctx));
        expect(head(seededRandom(`${seed}x`).derive("ab", ctx))).not.toBe(base);
        expect(head(seededRandom(seed).derive("a", concatBytes(utf8ToBytes("b"), ctx)))).not.toBe(base);
        expect(head(seededRandom(seed).derive("abc", ctx))).not.toBe(base);
      }),
    );
  });
  it("is separated from the plain seeded streams (property)", () => {
    fc.assert(
      fc.property(fc.string(), bytes, (seed, ctx) => {
        const derived = new Uint8Array(4096);
        seededRandom(seed).derive("t", ctx).fill(derived);
        const plain = new Uint8Array(4096);
        seededRandom(seed).fill(plain);
        expect(bytesToHex(derived)).not.toBe(bytesToHex(plain));
        // the derived stream is not a window of the plain stream either (its first 16 bytes appear nowhere in it)
        expect(Buffer.from(plain).indexOf(Buffer.from(derived.subarray(0, 16)))).toBe(-1);
        expect(head(seededRandom(concatBytes(utf8ToBytes(seed), ctx)))).not.toBe(head(seededRandom(seed).derive("t", ctx)));
      }),
    );
  });
  it("each derivation from one source is new (the i-th), and does not depend on what the source drew before", () => {
    const r = seededRandom("s");
    const first = head(r.derive("t", new Uint8Array([1])));
    expect(head(r.derive("t", new Uint8Array([1])))).not.toBe(first);
    const drawn = seededRandom("s");
    drawn.fill(new Uint8Array(100_000));
    expect(head(drawn.derive("t", new Uint8Array([1])))).toBe(first);
    // derived sources derive in turn, each level its own stream
    const child = seededRandom("s").derive("t", new Uint8Array([1]));
    const grandchild = child.derive("t", new Uint8Array([1]));
    const g = head(grandchild);
    expect(g).not.toBe(first);
    expect(head(seededRandom("s").derive("t", new Uint8Array([1])).derive("t", new Uint8Array([1])))).toBe(g);
    expect(grandchild.secure).toBe(false);
    expect(grandchild.label).toBe('seeded("s")/t/t');
  });
  it("the CSPRNG derives itself: fresh bytes whatever the context", () => {
    const s = systemRandom();
    const d = s.derive("t", new Uint8Array([1]));
    expect(d).toBe(s);
    expect(head(s.derive("t", new Uint8Array([1])))).not.toBe(head(d));
  });
  it("names a context that is not bytes", () => {
    expect(() => seededRandom(1).derive("t", "text" as unknown as Uint8Array)).toThrow(/derive\("t"\): the context must be bytes, got string/);
  });
});
