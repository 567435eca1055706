import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { HashLengthError } from "./errors.js";
import { SHA_256 } from "./sha256.js";

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => bytesToHex(b);

/**
 * Known answers: NIST FIPS 180-4 examples ("Cryptographic Standards and Guidelines: Examples with
 * Intermediate Values", SHA256.pdf and SHA2_Additional.pdf; FIPS 180-2 Appendix B.1–B.3).
 */
const FIPS: readonly [string, Uint8Array, string][] = [
  ["one block, \"abc\"", ascii("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  ["two blocks, 448 bits", ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  [
    "896 bits",
    ascii("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
  ],
  ["empty message", new Uint8Array(0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["one million 'a'", new Uint8Array(1_000_000).fill(0x61), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"],
];

describe("SHA-256 hasher", () => {
  it("has the Hasher constants", () => {
    expect(SHA_256.name).toBe("sha256");
    expect(SHA_256.digestBytes).toBe(32);
    expect(SHA_256.collisionBits).toBe(128);
  });
  it.each(FIPS)("FIPS 180-4 example: %s", (_, msg, expected) => {
    expect(hex(SHA_256.hash(msg))).toBe(expected);
    expect(hex(SHA_256.hashLeaves(msg, msg.length, 1))).toBe(expected);
  });
  it("returns plain Uint8Arrays, not pooled Buffers", () => {
    const d = SHA_256.hash(ascii("abc"));
    expect(d.constructor).toBe(Uint8Array);
    expect(d.byteOffset).toBe(0);
    expect(d.buffer.byteLength).toBe(32);
  });
  it("merge, mergeLayer and hashLeaves agree with @noble/hashes' sha256", () => {
    const data = Uint8Array.from({ length: 64 * 7 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(hex(SHA_256.merge(data.subarray(0, 32), data.subarray(32, 64)))).toBe(hex(sha256(data.subarray(0, 64))));
    const layer = SHA_256.mergeLayer(data);
    for (let i = 0; i < 7; i++) expect(hex(layer.subarray(32 * i, 32 * i + 32))).toBe(hex(sha256(data.subarray(64 * i, 64 * i + 64))));
    const leaves = SHA_256.hashLeaves(data.subarray(0, 7 * 50), 50, 7);
    for (let i = 0; i < 7; i++) expect(hex(leaves.subarray(32 * i, 32 * i + 32))).toBe(hex(sha256(data.subarray(50 * i, 50 * i + 50))));
  });
  it("rejects wrong lengths with HashLengthError", () => {
    expect(() => SHA_256.merge(new Uint8Array(32), new Uint8Array(0))).toThrow(HashLengthError);
    expect(() => SHA_256.mergeLayer(new Uint8Array(32))).toThrow(HashLengthError);
    expect(() => SHA_256.hashLeaves(new Uint8Array(5), 2, 2)).toThrow(HashLengthError);
  });
});
