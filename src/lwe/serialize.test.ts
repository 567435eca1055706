import { describe, expect, it } from "vitest";
import {
  LweFormatError,
  ParameterMismatchError,
  SecretKeyExposureError,
  type SecretKey,
  addPlain,
  canonicalParams,
  decrypt,
  deserializeCiphertexts,
  deserializePublicKey,
  deserializeSecretKey,
  encrypt,
  encryptMany,
  getParams,
  keygen,
  lweFileInfo,
  mulScalar,
  seededRandom,
  serializeCiphertexts,
  serializePublicKey,
  serializeSecretKey,
} from "./index.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { V1_CIPHERTEXTS, V1_KEY_ID, V1_PUBLIC_KEY, V1_SECRET_KEY } from "./serialize.v1-fixtures.js";

const params = getParams("goldilocks-128");
const { publicKey, secretKey } = keygen(params, seededRandom("serialize"));

/** Re-seals a modified file with a valid checksum, to reach the checks behind the checksum. */
function reseal(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  out.set(sha256(out.subarray(0, out.length - 32)), out.length - 32);
  return out;
}

describe("binary files round-trip", () => {
  it("public key, secret key and ciphertexts (with provenance) survive a round trip", () => {
    const pk2 = deserializePublicKey(serializePublicKey(publicKey));
    expect(Buffer.from(pk2.keyId).equals(Buffer.from(publicKey.keyId))).toBe(true);
    const sk2 = deserializeSecretKey(serializeSecretKey(secretKey));
    const cts = encryptMany(pk2, [-5, 0, 123456], seededRandom(1));
    const derived = addPlain(mulScalar(cts[2]!, -3), 7);
    const back = deserializeCiphertexts(serializeCiphertexts([...cts, derived]));
    expect(back.map((c) => decrypt(sk2, c))).toEqual([-5n, 0n, 123456n, -370361n]);
    expect(back[3]!.coefficientNorms()).toEqual(derived.coefficientNorms());
    expect(back[3]!.plainWeight).toBe(derived.plainWeight);
  });
  it("file sizes are what the parameter set says", () => {
    const ct = serializeCiphertexts([encrypt(publicKey, 1, seededRandom(2))]);
    const headerLen = 4 + 1 + 1 + 1 + 2 + new TextEncoder().encode(canonicalParams(params)).length;
    expect(ct.length).toBe(headerLen + 16 + 4 + (params.n + 1) * 8 + 8 + 4 + 21 + 32);
    expect(serializePublicKey(publicKey).length).toBe(headerLen + 32 + params.m * 8 + 32);
  });
});

describe("bad files are rejected with a clear error", () => {
  const pkBytes = serializePublicKey(publicKey);
  const ctBytes = serializeCiphertexts([encrypt(publicKey, 9, seededRandom(3))]);
  it("truncated", () => {
    expect(() => deserializePublicKey(pkBytes.subarray(0, 10))).toThrow(LweFormatError);
    expect(() => deserializeCiphertexts(ctBytes.subarray(0, ctBytes.length - 1))).toThrow(/checksum mismatch|truncated/);
    expect(() => deserializeCiphertexts(reseal(ctBytes.subarray(0, 400)))).toThrow(/truncated|does not fit/);
  });
  it("not our format, a future version, or the wrong kind of file", () => {
    expect(() => deserializePublicKey(new TextEncoder().encode("{\"hello\": \"world\"} and some more text to be long enough"))).toThrow(/bad magic/);
    const v3 = Uint8Array.from(pkBytes);
    v3[4] = 3;
    expect(() => deserializePublicKey(reseal(v3))).toThrow(/format version 3 is not supported \(expected 1 or 2\)/);
    expect(() => deserializeSecretKey(pkBytes)).toThrow(/holds a public key, expected a secret key/);
    expect(() => deserializeCiphertexts(serializeSecretKey(secretKey))).toThrow(/holds a secret key, expected a ciphertexts/);
  });
  it("a flipped bit anywhere is caught by the checksum", () => {
    const bad = Uint8Array.from(ctBytes);
    bad[bad.length - 100]! ^= 1;
    expect(() => deserializeCiphertexts(bad)).toThrow(/checksum mismatch/);
  });
  it("an element ≥ q is rejected", () => {
    const bad = Uint8Array.from(ctBytes);
    const at = bad.length - 32 - 8 - 4 - 21 - 8; // body element
    bad.fill(0xff, at, at + 8);
    expect(() => deserializeCiphertexts(reseal(bad))).toThrow(/element ≥ q/);
  });
  it("a ciphertexts file declaring 2^31 ciphertexts or 2^20 terms is refused by its counts, before allocating", () => {
    const headerLen = 4 + 1 + 1 + 1 + 2 + new TextEncoder().encode(canonicalParams(params)).length;
    const patched = (at: number, value: number) => {
      const bad = Uint8Array.from(ctBytes);
      new DataView(bad.buffer).setUint32(at, value, true);
      return reseal(bad);
    };
    const countAt = headerLen + 16;
    expect(() => deserializeCiphertexts(patched(countAt, 2 ** 31))).toThrow(/ciphertext count = 2147483648 exceeds 1048576/);
    // under the cap, but more than the bytes present: one ciphertext is (n + 1) · 8 + 8 + 4 bytes at least
    expect(() => deserializeCiphertexts(patched(countAt, 2))).toThrow(new RegExp(`truncated: ciphertext count = 2 needs at least ${2 * ((params.n + 1) * 8 + 12)} bytes`));
    expect(() => deserializeCiphertexts(patched(countAt, 0))).toThrow(/ciphertext count is 0, expected at least 1/);
    const termsAt = ctBytes.length - 32 - 21 - 4;
    expect(() => deserializeCiphertexts(patched(termsAt, 2 ** 20 + 1))).toThrow(/ciphertext 0 term count = 1048577 exceeds 1048576/);
    expect(() => deserializeCiphertexts(patched(termsAt, 2))).toThrow(/truncated: ciphertext 0 term count = 2 needs at least 42 bytes \(21 per element\) at offset \d+, 21 left/);
  });
  it("parameters that differ from the built-in preset of the same name are rejected", () => {
    const text = canonicalParams(params);
    const changed = text.replace('"n":2096', '"n":2095');
    expect(changed).not.toBe(text);
    const bytes = Uint8Array.from(pkBytes);
    bytes.set(new TextEncoder().encode(changed), 9);
    expect(() => deserializePublicKey(reseal(bytes))).toThrow(ParameterMismatchError);
  });
  it("secret keys cannot be passed as ciphertexts or public keys", () => {
    expect(() => serializeCiphertexts([secretKey as unknown as never])).toThrow(SecretKeyExposureError);
    expect(() => serializePublicKey(secretKey as unknown as never)).toThrow(SecretKeyExposureError);
  });
  it("a secret-key file with an out-of-distribution coefficient is rejected", () => {
    const bytes = serializeSecretKey(secretKey as SecretKey);
    const bad = Uint8Array.from(bytes);
    const at = bad.length - 32 - 16 - 4; // the last coefficient, before ‖e‖², Σe and the checksum
    new DataView(bad.buffer).setInt32(at, 7, true);
    expect(() => deserializeSecretKey(reseal(bad))).toThrow(/coefficient 7 at index 2095 is outside/);
  });
});

describe("format version 2: the seeded flag (issue 11, item 5)", () => {
  const ct = [encrypt(publicKey, 9, seededRandom(3))];
  it("every kind of file records whether it was produced in seeded mode; the default is not seeded", () => {
    const files: [Uint8Array, Uint8Array, string][] = [
      [serializePublicKey(publicKey, { seeded: true }), serializePublicKey(publicKey), "public key"],
      [serializeSecretKey(secretKey, { seeded: true }), serializeSecretKey(secretKey), "secret key"],
      [serializeCiphertexts(ct, { seeded: true }), serializeCiphertexts(ct), "ciphertexts"],
    ];
    for (const [seeded, plain, kind] of files) {
      expect(lweFileInfo(seeded)).toEqual({ version: 2, kind, seeded: true, params: "goldilocks-128" });
      expect(lweFileInfo(plain)).toEqual({ version: 2, kind, seeded: false, params: "goldilocks-128" });
      // version, then (after the kind) the flags byte; a secret key also sets bit 1 (its key error statistics)
      const stats = kind === "secret key" ? 2 : 0;
      expect([seeded[4], seeded[6], plain[6]]).toEqual([2, 1 | stats, stats]);
    }
    // the flag changes nothing else: the seeded files load to the same objects
    expect(Buffer.from(deserializePublicKey(files[0]![0]).t.buffer).equals(Buffer.from(publicKey.t.buffer))).toBe(true);
    expect(decrypt(deserializeSecretKey(files[1]![0]), deserializeCiphertexts(files[2]![0])[0]!)).toBe(9n);
  });
  it("unknown flag bits are rejected, naming them", () => {
    const bad = Uint8Array.from(serializeCiphertexts(ct, { seeded: true }));
    bad[6] = 0x03;
    expect(() => deserializeCiphertexts(reseal(bad))).toThrow(/unknown flags 0x03 \(defined: bit 0 "seeded"\)/);
    const badKey = Uint8Array.from(serializeSecretKey(secretKey));
    badKey[6] = 0x07;
    expect(() => deserializeSecretKey(reseal(badKey))).toThrow(/unknown flags 0x07 \(defined: bit 0 "seeded", bit 1 "key error statistics"\)/);
    expect(() => lweFileInfo(reseal(bad))).toThrow(LweFormatError);
  });
  it("lweFileInfo checks the file like a load does", () => {
    expect(() => lweFileInfo(new TextEncoder().encode("x".repeat(64)))).toThrow(/bad magic/);
    const bad = Uint8Array.from(serializePublicKey(publicKey));
    bad[bad.length - 40]! ^= 1;
    expect(() => lweFileInfo(bad)).toThrow(/checksum mismatch/);
    const kind = Uint8Array.from(serializePublicKey(publicKey));
    kind[5] = 9;
    expect(() => lweFileInfo(reseal(kind))).toThrow(/unknown kind 9/);
  });
  it("version 1 files (written before the flag) still load: keys, ciphertexts, and they read as not seeded", () => {
    const [pk, sk, cts] = [V1_PUBLIC_KEY, V1_SECRET_KEY, V1_CIPHERTEXTS].map((h) => Uint8Array.from(Buffer.from(h, "hex")));
    expect(pk![4]).toBe(1);
    expect(lweFileInfo(cts!)).toEqual({ version: 1, kind: "ciphertexts", seeded: false, params: "thesis-u8" });
    const publicKey1 = deserializePublicKey(pk!);
    expect(Buffer.from(publicKey1.keyId).toString("hex")).toBe(V1_KEY_ID);
    const secretKey1 = deserializeSecretKey(sk!);
    expect(deserializeCiphertexts(cts!).map((c) => decrypt(secretKey1, c))).toEqual([2n, 3n]);
    // re-written, they are version 2 files of the same key: one byte longer, the same key id
    const again = serializePublicKey(publicKey1);
    expect(again.length).toBe(pk!.length + 1);
    expect(Buffer.from(deserializePublicKey(again).keyId).toString("hex")).toBe(V1_KEY_ID);
    expect(decrypt(secretKey1, encrypt(publicKey1, 77, seededRandom(1)))).toBe(77n);
  });
});
