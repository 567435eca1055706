import { createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { decrypt as eciesjsDecrypt, encrypt as eciesjsEncrypt } from "eciesjs";
import { SigningKey, Wallet, getBytes } from "ethers";
import { describe, expect, it } from "vitest";
import { ECIES_OVERHEAD, decryptWith, encryptTo } from "./ecies.js";
import { DecryptionError, EciesError, InvalidKeyError } from "./errors.js";

/** A data-set key as the owner would release it. */
const datasetKey = () => new Uint8Array(randomBytes(32));

/**
 * The documented scheme rebuilt from independent parts: ECDH from ethers' SigningKey, HKDF-SHA256 and
 * AES-256-GCM from node:crypto. Decrypts R (65) ‖ nonce (16) ‖ tag (16) ‖ ciphertext.
 */
function decryptIndependently(privateKey: string, message: Uint8Array): Uint8Array {
  const ephemeral = message.subarray(0, 65);
  const nonce = message.subarray(65, 81);
  const tag = message.subarray(81, 97);
  const body = message.subarray(97);
  const shared = getBytes(new SigningKey(privateKey).computeSharedSecret(ephemeral)); // 0x04 ‖ x ‖ y
  const key = Buffer.from(hkdfSync("sha256", Buffer.concat([ephemeral, shared]), Buffer.alloc(0), Buffer.alloc(0), 32));
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAuthTag(tag);
  return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
}

describe("encryptTo / decryptWith", () => {
  it("round-trips to an ethers wallet (uncompressed 0x04… public key, hex private key)", () => {
    const buyer = Wallet.createRandom();
    const secret = datasetKey();
    const message = encryptTo(buyer.signingKey.publicKey, secret);
    expect(message.length).toBe(secret.length + ECIES_OVERHEAD);
    expect(decryptWith(buyer.privateKey, message)).toEqual(secret);
  });

  it("accepts the compressed public key, byte keys, 64-byte x‖y keys and an empty plaintext", () => {
    const buyer = Wallet.createRandom();
    const secret = datasetKey();
    expect(buyer.signingKey.compressedPublicKey).toMatch(/^0x0[23][0-9a-f]{64}$/);
    expect(decryptWith(buyer.privateKey, encryptTo(buyer.signingKey.compressedPublicKey, secret))).toEqual(secret);
    const uncompressed = getBytes(buyer.signingKey.publicKey);
    expect(decryptWith(getBytes(buyer.privateKey), encryptTo(uncompressed, secret))).toEqual(secret);
    expect(decryptWith(buyer.privateKey.slice(2), encryptTo(uncompressed.subarray(1), secret))).toEqual(secret);
    expect(decryptWith(buyer.privateKey, encryptTo(buyer.signingKey.publicKey, new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it("follows the documented scheme: independent ECDH + HKDF-SHA256 + AES-256-GCM decrypts it", () => {
    const buyer = Wallet.createRandom();
    const secret = new TextEncoder().encode("LWE secret key of data set #7");
    const message = encryptTo(buyer.signingKey.publicKey, secret);
    expect(message[0]).toBe(0x04); // uncompressed ephemeral key
    expect(decryptIndependently(buyer.privateKey, message)).toEqual(secret);
  });

  it("interoperates with eciesjs used directly with its defaults", () => {
    const buyer = Wallet.createRandom();
    const secret = datasetKey();
    expect(new Uint8Array(eciesjsDecrypt(buyer.privateKey, encryptTo(buyer.signingKey.publicKey, secret)))).toEqual(secret);
    expect(decryptWith(buyer.privateKey, eciesjsEncrypt(buyer.signingKey.publicKey, secret))).toEqual(secret);
  });

  it("is randomised: two encryptions of the same plaintext differ", () => {
    const buyer = Wallet.createRandom();
    const secret = datasetKey();
    const a = encryptTo(buyer.signingKey.publicKey, secret);
    const b = encryptTo(buyer.signingKey.publicKey, secret);
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(Buffer.compare(a.subarray(0, 65), b.subarray(0, 65))).not.toBe(0); // fresh ephemeral key each time
  });

  it("rejects the wrong private key with DecryptionError", () => {
    const buyer = Wallet.createRandom();
    const other = Wallet.createRandom();
    const message = encryptTo(buyer.signingKey.publicKey, datasetKey());
    expect(() => decryptWith(other.privateKey, message)).toThrow(DecryptionError);
    expect(() => decryptWith(other.privateKey, message)).toThrow(EciesError); // the common base class
    expect(() => decryptWith(other.privateKey, message)).toThrow(/decryption failed: wrong private key, or the ciphertext was altered/);
  });

  it("rejects a flipped byte anywhere (ephemeral key, nonce, tag, body) and a truncated message", () => {
    const buyer = Wallet.createRandom();
    const message = encryptTo(buyer.signingKey.publicKey, datasetKey());
    for (const at of [0, 1, 40, 64, 65, 80, 81, 96, 97, message.length - 1]) {
      const tampered = message.slice();
      tampered[at]! ^= 0x01;
      expect(() => decryptWith(buyer.privateKey, tampered), `byte ${at}`).toThrow(DecryptionError);
    }
    expect(() => decryptWith(buyer.privateKey, message.subarray(0, message.length - 1))).toThrow(DecryptionError);
    expect(() => decryptWith(buyer.privateKey, message.subarray(0, 50))).toThrow(/has 50 bytes: an ECIES message has at least 97/);
  });

  it("rejects malformed public keys with InvalidKeyError", () => {
    const buyer = Wallet.createRandom();
    const pk = buyer.signingKey.publicKey;
    const notOnCurve = `0x04${"00".repeat(31)}07${"00".repeat(32)}`;
    const bad: unknown[] = ["", "0x", "0xzz", pk.slice(0, -1), pk.slice(0, -2), `0x05${pk.slice(4)}`, notOnCurve, new Uint8Array(65), buyer.address, 42];
    for (const key of bad) {
      expect(() => encryptTo(key as string, datasetKey()), String(key)).toThrow(InvalidKeyError);
    }
    expect(() => encryptTo(notOnCurve, datasetKey())).toThrow(EciesError);
    expect(() => encryptTo(notOnCurve, datasetKey())).toThrow(/not a point on secp256k1/);
    expect(() => encryptTo(buyer.address, datasetKey())).toThrow(/has 20 bytes/);
  });

  it("rejects malformed private keys with InvalidKeyError", () => {
    const message = encryptTo(Wallet.createRandom().signingKey.publicKey, datasetKey());
    const n = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"; // secp256k1 group order
    for (const key of ["0x1234", `0x${"00".repeat(32)}`, `0x${n}`, "0xnothex", new Uint8Array(31)]) {
      expect(() => decryptWith(key, message)).toThrow(InvalidKeyError);
    }
  });
});
