import { shake128 as nobleShake128, shake256 as nobleShake256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
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
