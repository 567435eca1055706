/**
 * What the marketplace's parties exchange through content-addressed storage (issue "End to end", items 1–3):
 *
 *  - the **model manifest** (model-manifest.ts) and, for private weights, one **model package** per licensed
 *    node, encrypted to that node's Ethereum key (ECIES): the program source and the program-hash salt;
 *  - a **sealed data set**: AES-256-GCM under a fresh key; after a purchase the key is released to the buyer
 *    encrypted to the buyer's Ethereum key (ECIES) — never in clear on chain or in storage;
 *  - commitments: SHA-256 of the stored bytes, as the JobManager records them (bytes32).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decryptWith, encryptTo } from "../crypto/ecies.js";
import { NodeError } from "./errors.js";

export { MANIFEST_FORMAT, type ModelManifest, commitment, decodeManifest, encodeManifest } from "./model-manifest.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

export interface ModelPackage {
  readonly format: "encryptai-model-package";
  /** The program's assembly source (field immediates). */
  readonly source: string;
  /** Program-hash salt (decimal strings). */
  readonly salt: readonly string[];
}

/** The package for one node, encrypted to its public key (ethers `signingKey.publicKey`). */
export function sealPackage(p: ModelPackage, nodePublicKey: string): Uint8Array {
  return encryptTo(nodePublicKey, utf8(JSON.stringify(p)));
}

/** Largest sealed model package accepted (bytes): a program source of MAX_VM_STEPS lines fits well below. */
export const MAX_PACKAGE_BYTES = 4 << 20;

export function openPackage(sealed: Uint8Array, nodePrivateKey: string): ModelPackage {
  if (sealed.length > MAX_PACKAGE_BYTES) throw new NodeError(`the model package has ${sealed.length} bytes, over the cap of ${MAX_PACKAGE_BYTES}`);
  const opened = decryptWith(nodePrivateKey, sealed); // DecryptionError: not this node's package, or altered
  let p: ModelPackage;
  try {
    p = JSON.parse(fromUtf8(opened)) as ModelPackage;
  } catch (e) {
    throw new NodeError(`the model package is not JSON (${(e as Error).message})`);
  }
  if (p?.format !== "encryptai-model-package" || typeof p.source !== "string" || !Array.isArray(p.salt) || !p.salt.every((v) => typeof v === "string" && /^[0-9]{1,40}$/.test(v)))
    throw new NodeError("the model package is malformed (expected {format, source, salt: decimal strings})");
  return p;
}

// ----- data sets ------------------------------------------------------------------------------------------------

/** nonce (12) ‖ ciphertext ‖ tag (16). */
export function sealData(plaintext: Uint8Array, key: Uint8Array = randomBytes(32)): { sealed: Uint8Array; key: Uint8Array } {
  if (key.length !== 32) throw new NodeError(`a data key has 32 bytes, got ${key.length}`);
  const nonce = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return { sealed: new Uint8Array(Buffer.concat([nonce, body, c.getAuthTag()])), key };
}

export function openData(sealed: Uint8Array, key: Uint8Array): Uint8Array {
  if (sealed.length < 28) throw new NodeError("sealed data is too short");
  const d = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, 12));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return new Uint8Array(Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]));
  } catch {
    throw new NodeError("the data set does not open with this key (wrong key or tampered data)");
  }
}

/**
 * The data key for one buyer: ECIES to the buyer's Ethereum public key. The format only — a release to a buyer goes
 * through data-release.ts `releaseDataKey`, which first checks the licence of that key's address on chain.
 */
export function releaseKey(key: Uint8Array, buyerPublicKey: string): Uint8Array {
  return encryptTo(buyerPublicKey, key);
}

export function receiveKey(release: Uint8Array, buyerPrivateKey: string): Uint8Array {
  return decryptWith(buyerPrivateKey, release);
}
