/**
 * Blobs as IPFS blocks: a blob of at most 1 MiB (the usual IPFS/bitswap block limit) is one raw block; a larger
 * blob is split into 1 MiB raw chunks plus a manifest block, codec json (0x0200), `{"chunks":[cid…],"size":n}`,
 * whose CID is the blob's CID. Reading reassembles the chunks, each verified against its CID, and checks the
 * total size. Both stores run this code over their own block primitives (`BlockIO`).
 */
import type { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import { JSON_CODEC, RAW_CODEC, cidOf, parseCid } from "./cid.js";
import { InvalidManifestError, StorageError } from "./store.js";
import { concatBytes } from "@noble/hashes/utils.js";

/** Largest block written: 1 MiB. A blob of exactly this size is still a single raw block. */
export const MAX_BLOCK_BYTES = 1 << 20;

/** One block: its bytes and their CID. */
export interface Block {
  readonly cid: CID;
  readonly bytes: Uint8Array;
}

/** The manifest of a chunked blob: raw chunk CIDs in order and the blob's total size in bytes. */
export interface Manifest {
  readonly chunks: readonly string[];
  readonly size: number;
}

/** The block primitives a store provides; `getBlock` must verify the bytes against the CID. */
export interface BlockIO {
  putBlock(block: Block): Promise<void>;
  getBlock(cid: CID): Promise<Uint8Array>;
  hasBlock(cid: CID): Promise<boolean>;
}

/** Splits a blob into blocks; the root (the only block, or the manifest) comes last. */
export function encodeBlob(bytes: Uint8Array): { root: CID; blocks: Block[] } {
  if (bytes.length <= MAX_BLOCK_BYTES) {
    const block = { cid: cidOf(bytes), bytes };
    return { root: block.cid, blocks: [block] };
  }
  const blocks: Block[] = [];
  for (let at = 0; at < bytes.length; at += MAX_BLOCK_BYTES) {
    const chunk = bytes.subarray(at, at + MAX_BLOCK_BYTES);
    blocks.push({ cid: cidOf(chunk), bytes: chunk });
  }
  const manifest: Manifest = { chunks: blocks.map((b) => b.cid.toString()), size: bytes.length };
  const manifestBytes = json.encode(manifest) as Uint8Array; // (a ByteView is a Uint8Array; TypeScript 5.0, in tslab, cannot see it)
  if (manifestBytes.length > MAX_BLOCK_BYTES) {
    throw new StorageError(`a blob of ${bytes.length} bytes needs a manifest over ${MAX_BLOCK_BYTES} bytes; the limit is about 16 GiB`);
  }
  const root = cidOf(manifestBytes, JSON_CODEC);
  blocks.push({ cid: root, bytes: manifestBytes });
  return { root, blocks };
}

/** Decodes and checks the shape of a manifest block (already verified against `cid`). */
export function decodeManifest(cid: CID, bytes: Uint8Array): Manifest {
  const id = cid.toString();
  let value: unknown;
  try {
    value = json.decode(bytes);
  } catch (e) {
    throw new InvalidManifestError(id, `not JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidManifestError(id, "expected an object {chunks, size}");
  const { chunks, size } = value as { chunks?: unknown; size?: unknown };
  if (!Array.isArray(chunks) || chunks.length === 0 || !chunks.every((c) => typeof c === "string")) {
    throw new InvalidManifestError(id, "expected `chunks` to be a non-empty array of CID strings");
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new InvalidManifestError(id, `expected \`size\` to be a non-negative integer, got ${JSON.stringify(size)}`);
  }
  for (const c of chunks as string[]) {
    let chunk: CID;
    try {
      chunk = parseCid(c);
    } catch (e) {
      throw new InvalidManifestError(id, (e as Error).message);
    }
    if (chunk.code !== RAW_CODEC) throw new InvalidManifestError(id, `chunk ${c} is not a raw block`);
  }
  return { chunks: chunks as string[], size };
}

/** Stores a blob block by block (chunks before the manifest) and returns its CID string. */
export async function putBlob(io: BlockIO, bytes: Uint8Array): Promise<string> {
  const { root, blocks } = encodeBlob(bytes);
  for (const block of blocks) await io.putBlock(block);
  return root.toString();
}

/** Reads a blob by CID string, verifying every block and, for a chunked blob, the chunk sizes and total. */
export async function getBlob(io: BlockIO, cidText: string): Promise<Uint8Array> {
  const cid = parseCid(cidText);
  const rootBytes = await io.getBlock(cid);
  if (cid.code === RAW_CODEC) return rootBytes;
  const manifest = decodeManifest(cid, rootBytes);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of manifest.chunks) {
    const chunk = await io.getBlock(parseCid(c));
    if (chunk.length > MAX_BLOCK_BYTES) throw new InvalidManifestError(cidText, `chunk ${c} has ${chunk.length} bytes, over ${MAX_BLOCK_BYTES}`);
    total += chunk.length;
    if (total > manifest.size) throw new InvalidManifestError(cidText, `chunks add up to more than the declared size ${manifest.size}`);
    parts.push(chunk);
  }
  if (total !== manifest.size) throw new InvalidManifestError(cidText, `chunks add up to ${total} bytes, declared size ${manifest.size}`);
  return concatBytes(...parts);
}

/** Whether the blob is present: its root block and, for a chunked blob, every chunk (presence, not integrity). */
export async function hasBlob(io: BlockIO, cidText: string): Promise<boolean> {
  const cid = parseCid(cidText);
  if (!(await io.hasBlock(cid))) return false;
  if (cid.code === RAW_CODEC) return true;
  const manifest = decodeManifest(cid, await io.getBlock(cid));
  for (const c of manifest.chunks) if (!(await io.hasBlock(parseCid(c)))) return false;
  return true;
}

/**
 * A ContentStore over a block layer: blobs are split into blocks (encodeBlob) and read back verified (getBlob);
 * the subclass says how one block is stored, fetched and looked up.
 */
export abstract class BlockStoreBase implements BlockIO {
  abstract putBlock(block: Block): Promise<void>;
  abstract getBlock(cid: CID): Promise<Uint8Array>;
  abstract hasBlock(cid: CID): Promise<boolean>;

  put(bytes: Uint8Array): Promise<string> {
    return putBlob(this, bytes);
  }

  get(cid: string): Promise<Uint8Array> {
    return getBlob(this, cid);
  }

  has(cid: string): Promise<boolean> {
    return hasBlob(this, cid);
  }
}
