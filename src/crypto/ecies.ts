/**
 * ECIES over secp256k1 for releasing a data set's key to a buyer: the data owner encrypts the key to the
 * buyer's Ethereum account public key, so it never appears in clear on chain or in storage. A thin typed
 * wrapper around eciesjs 0.5.0 (github.com/ecies/js), with its default scheme, pinned here:
 *
 *   1. a fresh ephemeral key pair (r, R = r·G) per message;
 *   2. ECDH: S = r·P (P the recipient's public key), both R and S as 65-byte uncompressed points;
 *   3. key = HKDF-SHA256(ikm = R ‖ S, no salt, no info), 32 bytes;
 *   4. AES-256-GCM with a random 16-byte nonce, no associated data, 16-byte tag;
 *   5. ciphertext = R (65) ‖ nonce (16) ‖ tag (16) ‖ encrypted plaintext — 97 bytes of overhead.
 *
 * This is the format of the eciesjs / eciespy / ecies-rs family with default settings. It hides the
 * plaintext and detects tampering, but does not authenticate the sender: anyone can encrypt to a public key,
 * so who released the key must be established on chain. The configuration is passed explicitly rather than
 * read from eciesjs's process-wide mutable ECIES_CONFIG, so nothing else in the process can change the format.
 */
import { ECIES_CONFIG, PrivateKey, PublicKey, decrypt, encrypt } from "eciesjs";
import { DecryptionError, EciesError, InvalidKeyError } from "./errors.js";

/**
 * eciesjs's Config class, reached through its shared instance (only its constructor is used, never its values): the
 * `eciesjs/config` subpath needs package-exports resolution, which the TypeScript inside tslab (Node10) lacks.
 */
type Config = typeof ECIES_CONFIG;
const ConfigClass = ECIES_CONFIG.constructor as new () => Config;

/** eciesjs's defaults, frozen: secp256k1, uncompressed points, AES-256-GCM with 16-byte nonces. */
const CONFIG: Config = Object.freeze(
  Object.assign(new ConfigClass(), {
    ellipticCurve: "secp256k1",
    isEphemeralKeyCompressed: false,
    isHkdfKeyCompressed: false,
    symmetricAlgorithm: "aes-256-gcm",
    symmetricNonceLength: 16,
  } satisfies Partial<Config>),
);

/** Bytes added to every message: ephemeral public key (65) + nonce (16) + GCM tag (16). */
export const ECIES_OVERHEAD = 65 + 16 + 16;

/** A key as ethers gives it (0x-prefixed hex) or raw bytes. */
export type KeyInput = string | Uint8Array;

/** Decodes hex (with or without 0x) or copies bytes; InvalidKeyError for anything else. */
function keyBytes(key: KeyInput, what: string): Uint8Array {
  if (key instanceof Uint8Array) return Uint8Array.from(key);
  if (typeof key !== "string") throw new InvalidKeyError(`${what} must be a hex string or bytes, got ${typeof key}`);
  const hex = key.startsWith("0x") || key.startsWith("0X") ? key.slice(2) : key;
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new InvalidKeyError(`${what} is not hex: expected 0x followed by an even number of hex digits`);
  }
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

/**
 * Parses a secp256k1 public key: 65 bytes uncompressed (0x04 ‖ x ‖ y, ethers `signingKey.publicKey`),
 * 33 bytes compressed (0x02/0x03 ‖ x, ethers `signingKey.compressedPublicKey`) or 64 bytes x ‖ y.
 */
function parsePublicKey(publicKey: KeyInput): Uint8Array {
  let bytes = keyBytes(publicKey, "public key");
  if (bytes.length === 64) bytes = Uint8Array.from([0x04, ...bytes]);
  const prefix = bytes[0];
  const shapeOk = (bytes.length === 65 && prefix === 0x04) || (bytes.length === 33 && (prefix === 0x02 || prefix === 0x03));
  if (!shapeOk) {
    throw new InvalidKeyError(
      `public key has ${bytes.length} bytes${bytes.length > 0 ? ` starting 0x${prefix!.toString(16).padStart(2, "0")}` : ""}: ` +
        "expected 65 bytes starting 0x04 (uncompressed), 33 bytes starting 0x02/0x03 (compressed) or 64 bytes x‖y",
    );
  }
  try {
    new PublicKey(bytes, CONFIG.ellipticCurve);
  } catch (e) {
    throw new InvalidKeyError("public key is not a point on secp256k1", { cause: e });
  }
  return bytes;
}

/** Parses a 32-byte secp256k1 private key (ethers `wallet.privateKey`), a scalar in [1, n − 1]. */
function parsePrivateKey(privateKey: KeyInput): Uint8Array {
  const bytes = keyBytes(privateKey, "private key");
  if (bytes.length !== 32) throw new InvalidKeyError(`private key has ${bytes.length} bytes: expected 32`);
  try {
    new PrivateKey(bytes, CONFIG.ellipticCurve);
  } catch (e) {
    throw new InvalidKeyError("private key is out of range: expected a scalar in [1, n − 1] of secp256k1", { cause: e });
  }
  return bytes;
}

/** Encrypts `plaintext` to a secp256k1 public key (hex or bytes, uncompressed or compressed). Randomised. */
export function encryptTo(publicKey: KeyInput, plaintext: Uint8Array): Uint8Array {
  if (!(plaintext instanceof Uint8Array)) throw new EciesError(`plaintext must be a Uint8Array, got ${typeof plaintext}`);
  const key = parsePublicKey(publicKey);
  return Uint8Array.from(encrypt(key, plaintext, CONFIG));
}

/** Decrypts an `encryptTo` ciphertext; DecryptionError for a wrong key or a tampered/truncated ciphertext. */
export function decryptWith(privateKey: KeyInput, ciphertext: Uint8Array): Uint8Array {
  const key = parsePrivateKey(privateKey);
  if (!(ciphertext instanceof Uint8Array)) throw new DecryptionError(`ciphertext must be a Uint8Array, got ${typeof ciphertext}`);
  if (ciphertext.length < ECIES_OVERHEAD) {
    throw new DecryptionError(`ciphertext has ${ciphertext.length} bytes: an ECIES message has at least ${ECIES_OVERHEAD}`);
  }
  try {
    return Uint8Array.from(decrypt(key, ciphertext, CONFIG));
  } catch (e) {
    throw new DecryptionError("decryption failed: wrong private key, or the ciphertext was altered", { cause: e });
  }
}
