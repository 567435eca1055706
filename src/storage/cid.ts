/**
 * IPFS CIDs of single blocks (multiformats CID spec: CIDv1 = <version 1><codec><multihash>, base32 string).
 * Every block here is hashed with sha2-256 (multihash 0x12, 32 bytes); its codec is raw (0x55) for data and
 * json (0x0200) for a chunked blob's manifest. The digest is computed synchronously with node:crypto (the
 * multiformats `sha256` hasher is typed as possibly async) and wrapped with `multiformats/hashes/digest`.
 */
import { createHash } from "node:crypto";
import { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { CorruptBlockError, InvalidCidError } from "./store.js";

/** Multicodec of a raw data block. */
export const RAW_CODEC = raw.code;
/** Multicodec of a JSON block (the manifest of a chunked blob). */
export const JSON_CODEC = json.code;
/** Multihash code of sha2-256. */
export const SHA2_256 = 0x12;

/** The codecs this layer writes and can verify. */
export type BlockCodec = typeof RAW_CODEC | typeof JSON_CODEC;

/** The CIDv1 (sha2-256) of one block with the given codec (raw by default). `.toString()` is base32 "bafk…". */
export function cidOf(bytes: Uint8Array, codec: BlockCodec = RAW_CODEC): CID {
  const digest = createHash("sha256").update(bytes).digest();
  return CID.createV1(codec, createDigest(SHA2_256, digest));
}

/** Parses a CID string; InvalidCidError unless it is a CIDv1 raw or json block hashed with sha2-256. */
export function parseCid(text: string): CID {
  if (typeof text !== "string" || text.length === 0) throw new InvalidCidError(String(text), "expected a non-empty CID string");
  let cid: CID;
  try {
    cid = CID.parse(text);
  } catch (e) {
    throw new InvalidCidError(text, `not a CID (${(e as Error).message})`);
  }
  if (cid.version !== 1) throw new InvalidCidError(text, `CIDv${cid.version} is not supported, expected CIDv1`);
  if (cid.code !== RAW_CODEC && cid.code !== JSON_CODEC) {
    throw new InvalidCidError(text, `codec 0x${cid.code.toString(16)} is not supported, expected raw (0x55) or json (0x200)`);
  }
  if (cid.multihash.code !== SHA2_256 || cid.multihash.size !== 32) {
    throw new InvalidCidError(text, `multihash 0x${cid.multihash.code.toString(16)} is not supported, expected sha2-256 (0x12, 32 bytes)`);
  }
  return cid;
}

/** Throws CorruptBlockError (naming both CIDs) unless `bytes` hash to `cid` under `cid`'s codec. */
export function verifyBlock(cid: CID, bytes: Uint8Array): void {
  const actual = cidOf(bytes, cid.code as BlockCodec);
  const intact: boolean = actual.equals(cid); // a plain boolean: `equals` is a type guard that would narrow `cid` to never
  if (!intact) throw new CorruptBlockError(cid.toString(), actual.toString());
}
