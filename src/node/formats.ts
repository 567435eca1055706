/**
 * What the marketplace's parties exchange through content-addressed storage (issue "End to end", items 1–3):
 *
 *  - the **model manifest** (public; its CID is the ModelNFT's `cid`): the parameter set, the program's shape and
 *    hash, public weights if any, the input quantisers a user needs to encode a row, and for private weights one
 *    **model package** per licensed node, encrypted to that node's Ethereum key (ECIES): the program source and
 *    the program-hash salt;
 *  - a **sealed data set**: AES-256-GCM under a fresh key; after a purchase the key is released to the buyer
 *    encrypted to the buyer's Ethereum key (ECIES) — never in clear on chain or in storage;
 *  - commitments: SHA-256 of the stored bytes, as the JobManager records them (bytes32).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { decryptWith, encryptTo } from "../crypto/ecies.js";
import type { Quantizer } from "../regression/quantize.js";
import { NodeError } from "./errors.js";

/** SHA-256 of bytes as a 0x-prefixed bytes32. */
export function commitment(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

export const MANIFEST_FORMAT = "encryptai-model-manifest";

export interface ModelManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  /** LWE parameter set the model runs on (its modulus is the VM's field). */
  readonly params: string;
  readonly features: readonly string[];
  /** Input quantisers (the user quantises a row before encrypting it) and the output scale (dequantisation). */
  readonly inputQuantizers: readonly Quantizer[];
  readonly outputScale: number;
  readonly opcodes: readonly number[];
  /** Program-hash digest cells (decimal strings). */
  readonly programHash: readonly string[];
  readonly weights: "public" | "private";
  /** Public weights: the values the program reads (decimal strings). */
  readonly publicValues: readonly string[];
  /** Private weights: node address (lowercase) → CID of the package encrypted to that node. */
  readonly nodePackages: Readonly<Record<string, string>>;
}

export interface ModelPackage {
  readonly format: "encryptai-model-package";
  /** The program's assembly source (field immediates). */
  readonly source: string;
  /** Program-hash salt (decimal strings). */
  readonly salt: readonly string[];
}

export function encodeManifest(m: ModelManifest): Uint8Array {
  return utf8(`${JSON.stringify(m)}\n`);
}

export function decodeManifest(bytes: Uint8Array, cid: string): ModelManifest {
  let m: ModelManifest;
  try {
    m = JSON.parse(fromUtf8(bytes)) as ModelManifest;
  } catch {
    throw new NodeError(`model manifest ${cid} is not JSON`);
  }
  if (m?.format !== MANIFEST_FORMAT || m.version !== 1) throw new NodeError(`${cid} is not a version-1 model manifest`);
  if (!Array.isArray(m.opcodes) || !Array.isArray(m.programHash) || !Array.isArray(m.publicValues) || typeof m.nodePackages !== "object")
    throw new NodeError(`model manifest ${cid} is missing fields (opcodes, programHash, publicValues, nodePackages)`);
  return m;
}

/** The package for one node, encrypted to its public key (ethers `signingKey.publicKey`). */
export function sealPackage(p: ModelPackage, nodePublicKey: string): Uint8Array {
  return encryptTo(nodePublicKey, utf8(JSON.stringify(p)));
}

export function openPackage(sealed: Uint8Array, nodePrivateKey: string): ModelPackage {
  const p = JSON.parse(fromUtf8(decryptWith(nodePrivateKey, sealed))) as ModelPackage;
  if (p?.format !== "encryptai-model-package" || typeof p.source !== "string" || !Array.isArray(p.salt)) throw new NodeError("the model package is malformed");
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

/** The data key for one buyer: ECIES to the buyer's Ethereum public key. */
export function releaseKey(key: Uint8Array, buyerPublicKey: string): Uint8Array {
  return encryptTo(buyerPublicKey, key);
}

export function receiveKey(release: Uint8Array, buyerPrivateKey: string): Uint8Array {
  return decryptWith(buyerPrivateKey, release);
}
