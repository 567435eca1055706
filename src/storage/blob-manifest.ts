/**
 * The manifest of a chunked blob: a json block (codec 0x0200) `{"chunks":[cid…],"size":n}` listing the blob's
 * raw 1 MiB chunks in order and its total size. It comes from whoever wrote the blob, so decoding checks it
 * completely before any chunk is fetched (issue "Sound from model to payment", item 4): the block is at most
 * MAX_BLOCK_BYTES, the size at most MAX_BLOB_BYTES, there are exactly ceil(size / MAX_BLOCK_BYTES) chunks, and
 * no chunk repeats — so a small manifest can never expand to more than its declared, capped size.
 */
import type { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import { RAW_CODEC, parseCid } from "./cid.js";
import { MAX_BLOB_BYTES, MAX_BLOCK_BYTES } from "./limits.js";
import { InvalidManifestError } from "./store.js";

/** The manifest of a chunked blob: raw chunk CIDs in order and the blob's total size in bytes. */
export interface Manifest {
  readonly chunks: readonly string[];
  readonly size: number;
}

/** How many bytes chunk `index` of a blob of `size` bytes holds: MAX_BLOCK_BYTES, except the last (the rest). */
export function chunkLength(size: number, index: number): number {
  return Math.min(MAX_BLOCK_BYTES, size - index * MAX_BLOCK_BYTES);
}

/** Decodes and checks a manifest block (already verified against `cid`); InvalidManifestError naming the problem. */
export function decodeManifest(cid: CID, bytes: Uint8Array): Manifest {
  const id = cid.toString();
  if (bytes.length > MAX_BLOCK_BYTES) throw new InvalidManifestError(id, `the manifest block has ${bytes.length} bytes, over the cap of ${MAX_BLOCK_BYTES}`);
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
  if (size > MAX_BLOB_BYTES) throw new InvalidManifestError(id, `declared size ${size} is over the cap of ${MAX_BLOB_BYTES} bytes`);
  const expected = Math.ceil(size / MAX_BLOCK_BYTES);
  if (chunks.length !== expected) {
    throw new InvalidManifestError(id, `${chunks.length} chunks for a declared size of ${size} bytes, expected ceil(${size} / ${MAX_BLOCK_BYTES}) = ${expected}`);
  }
  const seen = new Set<string>();
  for (const [i, c] of (chunks as string[]).entries()) {
    let chunk: CID;
    try {
      chunk = parseCid(c);
    } catch (e) {
      throw new InvalidManifestError(id, (e as Error).message);
    }
    if (chunk.code !== RAW_CODEC) throw new InvalidManifestError(id, `chunk ${c} is not a raw block`);
    const canonical = chunk.toString();
    if (seen.has(canonical)) throw new InvalidManifestError(id, `chunk ${i} (${canonical}) repeats an earlier chunk; a chunk may appear once`);
    seen.add(canonical);
  }
  return { chunks: chunks as string[], size };
}
