// The browser's key vault (key-vault.ts) under Node's Web Crypto (the same API the page uses): a round trip, a
// wrong passphrase named as such, a vault whose label was edited (parameter set or key id: bound as associated
// data) refused, a flipped sealed byte refused, and malformed or hostile vault files refused before decoding.
import { describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS, VaultError, open, parseVault, seal } from "./key-vault.js";

const files = { secretKey: Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256), publicKey: Uint8Array.from({ length: 120 }, (_, i) => (i * 13) % 256) };
const meta = { params: "goldilocks-128", keyId: "00112233445566778899aabbccddeeff" };

describe("key vault", () => {
  it("seals and opens a key pair; the sealed text holds no key byte run in the clear", async () => {
    const v = await seal(files, meta, "a good passphrase");
    expect(v.iterations).toBe(PBKDF2_ITERATIONS);
    const back = await open(parseVault(JSON.stringify(v)), "a good passphrase");
    expect(Array.from(back.secretKey)).toEqual(Array.from(files.secretKey));
    expect(Array.from(back.publicKey)).toEqual(Array.from(files.publicKey));
    expect(Buffer.from(v.sealed, "base64").includes(Buffer.from(files.secretKey.subarray(0, 32)))).toBe(false);
    // a fresh salt and nonce each time
    const again = await seal(files, meta, "a good passphrase");
    expect(again.salt).not.toBe(v.salt);
    expect(again.sealed).not.toBe(v.sealed);
  }, 30_000);

  it("a wrong passphrase is named, not a garbled key", async () => {
    const v = await seal(files, meta, "a good passphrase");
    await expect(open(v, "a bad passphrase")).rejects.toThrow(/wrong passphrase for the goldilocks-128 key 00112233/);
    await expect(seal(files, meta, "short")).rejects.toThrow(/at least 8 characters/);
  }, 30_000);

  it("a vault relabelled for another parameter set or key id does not open; nor does a flipped sealed byte", async () => {
    const v = await seal(files, meta, "a good passphrase");
    await expect(open({ ...v, params: "f128-128" }, "a good passphrase")).rejects.toBeInstanceOf(VaultError);
    await expect(open({ ...v, keyId: "ff".repeat(16) }, "a good passphrase")).rejects.toBeInstanceOf(VaultError);
    const sealed = Buffer.from(v.sealed, "base64");
    sealed[10]! ^= 1;
    await expect(open({ ...v, sealed: sealed.toString("base64") }, "a good passphrase")).rejects.toThrow(/wrong passphrase|altered/);
  }, 30_000);

  it("malformed or hostile vault files are refused before anything is decoded", () => {
    expect(() => parseVault("not json")).toThrow(/not JSON/);
    expect(() => parseVault(JSON.stringify({ format: "other" }))).toThrow(/format "other"/);
    expect(() => parseVault(JSON.stringify({ format: "encryptai-lwe-key-vault", version: 2 }))).toThrow(/version 2/);
    const base = { format: "encryptai-lwe-key-vault", version: 1, params: "p", keyId: "k", salt: "", nonce: "", sealed: "" };
    expect(() => parseVault(JSON.stringify({ ...base, iterations: 1 }))).toThrow(/iteration count 1/);
    expect(() => parseVault(JSON.stringify({ ...base, iterations: 1e12 }))).toThrow(/iteration count/);
    expect(() => parseVault(JSON.stringify({ ...base, iterations: 600000, sealed: 5 }))).toThrow(/no sealed/);
    expect(() => parseVault("x".repeat(5 << 20))).toThrow(/over the cap/);
  });
});
