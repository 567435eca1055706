/**
 * Blobs as IPFS blocks: a blob of at most 1 MiB (the usual IPFS/bitswap block limit) is one raw block; a larger
 * blob is split into 1 MiB raw chunks plus a manifest block (blob-manifest.ts) whose CID is the blob's CID.
 * Reading checks the manifest and the reader's cap before fetching any chunk, then reassembles the chunks, each
 * verified against its CID and of exactly the length the manifest implies. Both stores run this code over their
 * own block primitives (`BlockIO`). Caps: limits.ts (issue "Sound from model to payment", item 4).
 */
import type { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import { chunkLength, decodeManifest, type Manifest } from "./blob-manifest.js";
import { JSON_CODEC, RAW_CODEC, cidOf, parseCid } from "./cid.js";
import { MAX_BLOB_BYTES, MAX_BLOCK_BYTES } from "./limits.js";
import { BlobTooLargeError, type GetOptions, InvalidManifestError, StorageError } from "./store.js";
import { concatBytes } from "@noble/hashes/utils.js";

/** One block: its bytes and their CID. */
export interface Block {
  readonly cid: CID;
  readonly bytes: Uint8Array;
}

/** The block primitives a store provides; `getBlock` must verify the bytes against the CID. */
export interface BlockIO {
  putBlock(block: Block): Promise<void>;
  getBlock(cid: CID): Promise<Uint8Array>;
  hasBlock(cid: CID): Promise<boolean>;
}

/**
 * Splits a blob into blocks; the root (the only block, or the manifest) comes last. StorageError for a blob over
 * MAX_BLOB_BYTES or whose chunks repeat (a manifest may not list a chunk twice): what cannot be read is not written.
 */
export function encodeBlob(bytes: Uint8Array): { root: CID; blocks: Block[] } {
  if (bytes.length > MAX_BLOB_BYTES) throw new StorageError(`a blob of ${bytes.length} bytes is over the cap of ${MAX_BLOB_BYTES}`);
  if (bytes.length <= MAX_BLOCK_BYTES) {
    const block = { cid: cidOf(bytes), bytes };
    return { root: block.cid, blocks: [block] };
  }
  const blocks: Block[] = [];
  const first = new Map<string, number>();
  for (let at = 0; at < bytes.length; at += MAX_BLOCK_BYTES) {
    const chunk = bytes.subarray(at, at + MAX_BLOCK_BYTES);
    const cid = cidOf(chunk);
    const earlier = first.get(cid.toString());
    if (earlier !== undefined) throw new StorageError(`a blob whose chunks ${earlier} and ${blocks.length} are identical cannot be stored: a chunk manifest may not repeat a chunk`);
    first.set(cid.toString(), blocks.length);
    blocks.push({ cid, bytes: chunk });
  }
  const manifest: Manifest = { chunks: blocks.map((b) => b.cid.toString()), size: bytes.length };
  const manifestBytes = json.encode(manifest) as Uint8Array; // (a ByteView is a Uint8Array; TypeScript 5.0, in tslab, cannot see it)
  const root = cidOf(manifestBytes, JSON_CODEC);
  blocks.push({ cid: root, bytes: manifestBytes });
  return { root, blocks };
}

/** Stores a blob block by block (chunks before the manifest) and returns its CID string. */
export async function putBlob(io: BlockIO, bytes: Uint8Array): Promise<string> {
  const { root, blocks } = encodeBlob(bytes);
  for (const block of blocks) await io.putBlock(block);
  return root.toString();
}

/** The reader's cap: `maxBytes` if given (a non-negative integer), never above MAX_BLOB_BYTES. */
function capOf(o: GetOptions): number {
  const max = o.maxBytes ?? MAX_BLOB_BYTES;
  if (!Number.isSafeInteger(max) || max < 0) throw new StorageError(`maxBytes must be a non-negative integer, got ${String(max)}`);
  return Math.min(max, MAX_BLOB_BYTES);
}

/**
 * Reads a blob by CID string, verifying every block. A chunked blob's manifest is checked (blob-manifest.ts) and
 * its declared size held against the cap (`o.maxBytes`, at most MAX_BLOB_BYTES) before any chunk is fetched;
 * each chunk must then have exactly the length the manifest implies. BlobTooLargeError over the cap.
 */
export async function getBlob(io: BlockIO, cidText: string, o: GetOptions = {}): Promise<Uint8Array> {
  const cap = capOf(o);
  const cid = parseCid(cidText);
  const rootBytes = await io.getBlock(cid);
  if (cid.code === RAW_CODEC) {
    if (rootBytes.length > cap) throw new BlobTooLargeError(cidText, rootBytes.length, cap);
    return rootBytes;
  }
  const manifest = decodeManifest(cid, rootBytes);
  if (manifest.size > cap) throw new BlobTooLargeError(cidText, manifest.size, cap);
  const parts: Uint8Array[] = [];
  for (const [i, c] of manifest.chunks.entries()) {
    const chunk = await io.getBlock(parseCid(c));
    const expected = chunkLength(manifest.size, i);
    if (chunk.length !== expected)
      throw new InvalidManifestError(cidText, `chunk ${i} (${c}) has ${chunk.length} bytes, expected ${expected} (every chunk but the last has ${MAX_BLOCK_BYTES}; the last, the rest of the declared size ${manifest.size})`);
    parts.push(chunk);
  }
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

  get(cid: string, o: GetOptions = {}): Promise<Uint8Array> {
    return getBlob(this, cid, o);
  }

  has(cid: string): Promise<boolean> {
    return hasBlob(this, cid);
  }
}
