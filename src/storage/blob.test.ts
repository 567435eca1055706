import type { CID } from "multiformats/cid";
import { base58btc } from "multiformats/bases/base58";
import * as json from "multiformats/codecs/json";
import { describe, expect, it } from "vitest";
import { type BlockIO, encodeBlob, getBlob, hasBlob, putBlob } from "./blob.js";
import { decodeManifest } from "./blob-manifest.js";
import { MAX_BLOB_BYTES, MAX_BLOCK_BYTES } from "./limits.js";
import { JSON_CODEC, RAW_CODEC, cidOf, verifyBlock } from "./cid.js";
import { BlobTooLargeError, CorruptBlockError, InvalidManifestError, NotFoundError, StorageError } from "./store.js";
import { expectSameBytes, pattern } from "./testing.js";

/** An in-memory BlockIO; `blocks` is exposed so tests can damage or drop blocks, `fetched` lists every getBlock. */
function memoryIO(): BlockIO & { blocks: Map<string, Uint8Array>; fetched: string[] } {
  const blocks = new Map<string, Uint8Array>();
  const fetched: string[] = [];
  return {
    blocks,
    fetched,
    putBlock: async ({ cid, bytes }) => void blocks.set(cid.toString(), bytes.slice()),
    getBlock: async (cid: CID) => {
      fetched.push(cid.toString());
      const bytes = blocks.get(cid.toString());
      if (!bytes) throw new NotFoundError(cid.toString(), "memory");
      verifyBlock(cid, bytes);
      return bytes;
    },
    hasBlock: async (cid: CID) => blocks.has(cid.toString()),
  };
}

/** Stores a json block directly (a hand-made manifest) and returns its CID string. */
function putJson(io: ReturnType<typeof memoryIO>, value: unknown): string {
  const bytes = json.encode(value);
  const cid = cidOf(bytes, JSON_CODEC);
  io.blocks.set(cid.toString(), bytes);
  return cid.toString();
}

describe("encodeBlob", () => {
  it("keeps a blob of up to 1 MiB as one raw block", () => {
    for (const n of [0, 1, MAX_BLOCK_BYTES]) {
      const { root, blocks } = encodeBlob(pattern(n));
      expect(blocks).toHaveLength(1);
      expect(root.code).toBe(RAW_CODEC);
    }
  });

  it("splits a larger blob into 1 MiB chunks and a json manifest listing them", () => {
    const data = pattern(2.5 * MAX_BLOCK_BYTES);
    const { root, blocks } = encodeBlob(data);
    expect(blocks.map((b) => b.bytes.length)).toEqual([MAX_BLOCK_BYTES, MAX_BLOCK_BYTES, MAX_BLOCK_BYTES / 2, blocks[3]!.bytes.length]);
    expect(root.code).toBe(JSON_CODEC);
    expect(root.equals(blocks[3]!.cid)).toBe(true);
    const manifest = decodeManifest(root, blocks[3]!.bytes);
    expect(manifest).toEqual({ chunks: blocks.slice(0, 3).map((b) => b.cid.toString()), size: data.length });
    // deterministic: the same blob always has the same CID
    expect(encodeBlob(pattern(2.5 * MAX_BLOCK_BYTES)).root.equals(root)).toBe(true);
    expect(encodeBlob(pattern(MAX_BLOCK_BYTES + 1)).blocks).toHaveLength(3);
  });

  it("refuses to write what no reader accepts: a blob over MAX_BLOB_BYTES, or one whose chunks repeat", () => {
    expect(() => encodeBlob(new Uint8Array(MAX_BLOB_BYTES + 1))).toThrow(`a blob of ${MAX_BLOB_BYTES + 1} bytes is over the cap of ${MAX_BLOB_BYTES}`);
    const repeating = new Uint8Array(2 * MAX_BLOCK_BYTES + 10); // two identical all-zero chunks
    expect(() => encodeBlob(repeating)).toThrow(StorageError);
    expect(() => encodeBlob(repeating)).toThrow("chunks 0 and 1 are identical");
  });
});

describe("putBlob / getBlob / hasBlob", () => {
  it("round-trips small and chunked blobs", async () => {
    const io = memoryIO();
    for (const n of [0, 5, MAX_BLOCK_BYTES, MAX_BLOCK_BYTES + 1, 2.5 * MAX_BLOCK_BYTES]) {
      const data = pattern(n, n % 13);
      const cid = await putBlob(io, data);
      expectSameBytes(await getBlob(io, cid), data);
      expect(await hasBlob(io, cid)).toBe(true);
    }
  });

  it("reports a chunked blob with a missing chunk as absent, and fails to read it", async () => {
    const io = memoryIO();
    const cid = await putBlob(io, pattern(2 * MAX_BLOCK_BYTES + 3));
    const chunk = encodeBlob(pattern(2 * MAX_BLOCK_BYTES + 3)).blocks[1]!.cid.toString();
    io.blocks.delete(chunk);
    expect(await hasBlob(io, cid)).toBe(false);
    await expect(getBlob(io, cid)).rejects.toThrow(NotFoundError);
  });

  it("rejects malformed manifests with InvalidManifestError", async () => {
    const io = memoryIO();
    const chunk = await putBlob(io, pattern(10));
    const manifest = putJson(io, { chunks: [chunk], size: 10 });
    const bad: unknown[] = [
      [chunk],
      { chunks: [], size: 0 },
      { chunks: [chunk] },
      { chunks: [chunk], size: -1 },
      { chunks: [chunk], size: 1.5 },
      { chunks: ["nope"], size: 10 },
      { chunks: [manifest], size: 10 }, // a json block where a raw chunk belongs
      { chunks: [42], size: 10 },
    ];
    for (const value of bad) await expect(getBlob(io, putJson(io, value))).rejects.toThrow(InvalidManifestError);
    const notJson = new TextEncoder().encode("{not json");
    const notJsonCid = cidOf(notJson, JSON_CODEC);
    io.blocks.set(notJsonCid.toString(), notJson);
    await expect(getBlob(io, notJsonCid.toString())).rejects.toThrow(/is invalid: not JSON/);
  });

  it("surfaces a corrupted chunk as CorruptBlockError naming the chunk", async () => {
    const io = memoryIO();
    const data = pattern(3 * MAX_BLOCK_BYTES);
    const cid = await putBlob(io, data);
    const chunk = encodeBlob(data).blocks[2]!.cid.toString();
    io.blocks.get(chunk)![12345] ^= 1;
    await expect(getBlob(io, cid)).rejects.toThrow(CorruptBlockError);
    await expect(getBlob(io, cid)).rejects.toThrow(`block ${chunk} is corrupted`);
  });
});

/** Distinct raw CIDs that no store holds (for manifests refused before any chunk is fetched). */
const fakeChunks = (n: number) => Array.from({ length: n }, (_, i) => cidOf(new TextEncoder().encode(`chunk ${i}`)).toString());

describe("a chunk manifest is checked against its caps before any chunk is fetched", () => {
  it("a chunk manifest repeating one chunk is refused before fetching", async () => {
    const io = memoryIO();
    const chunk = await putBlob(io, pattern(MAX_BLOCK_BYTES));
    // the attack of the issue: one real chunk listed thousands of times under a huge declared size (3.9 GiB)
    const huge = putJson(io, { chunks: new Array<string>(3900).fill(chunk), size: 3900 * MAX_BLOCK_BYTES });
    io.fetched.length = 0;
    await expect(getBlob(io, huge)).rejects.toThrow(InvalidManifestError);
    await expect(getBlob(io, huge)).rejects.toThrow(`declared size ${3900 * MAX_BLOCK_BYTES} is over the cap of ${MAX_BLOB_BYTES} bytes`);
    // within the size cap, the repetition itself is refused
    const repeated = putJson(io, { chunks: [chunk, chunk, chunk], size: 3 * MAX_BLOCK_BYTES });
    await expect(getBlob(io, repeated)).rejects.toThrow(`manifest ${repeated} is invalid: chunk 1 (${chunk}) repeats an earlier chunk; a chunk may appear once`);
    await expect(hasBlob(io, repeated)).rejects.toThrow(/repeats an earlier chunk/);
    expect(io.fetched.every((c) => c === huge || c === repeated)).toBe(true); // only the manifests
  });

  it("a repeat written in another multibase is still a repeat", async () => {
    const io = memoryIO();
    const chunk = cidOf(pattern(MAX_BLOCK_BYTES));
    const manifest = putJson(io, { chunks: [chunk.toString(), chunk.toV1().toString(base58btc)], size: 2 * MAX_BLOCK_BYTES });
    await expect(getBlob(io, manifest)).rejects.toThrow(/chunk 1 \(bafk\w+\) repeats an earlier chunk/);
  });

  it("a chunk manifest declaring more than MAX_BLOB_BYTES (256 MiB) is refused", async () => {
    const io = memoryIO();
    const manifest = putJson(io, { chunks: fakeChunks(257), size: MAX_BLOB_BYTES + 1 });
    await expect(getBlob(io, manifest)).rejects.toThrow(`declared size ${MAX_BLOB_BYTES + 1} is over the cap of ${MAX_BLOB_BYTES} bytes`);
    expect(io.fetched).toEqual([manifest]);
  });

  it("a chunk manifest whose chunk count does not match its size is refused", async () => {
    const io = memoryIO();
    const tooMany = putJson(io, { chunks: fakeChunks(3), size: 2 * MAX_BLOCK_BYTES });
    await expect(getBlob(io, tooMany)).rejects.toThrow(`3 chunks for a declared size of ${2 * MAX_BLOCK_BYTES} bytes, expected ceil(${2 * MAX_BLOCK_BYTES} / ${MAX_BLOCK_BYTES}) = 2`);
    const tooFew = putJson(io, { chunks: fakeChunks(2), size: 2 * MAX_BLOCK_BYTES + 1 });
    await expect(getBlob(io, tooFew)).rejects.toThrow(/2 chunks for a declared size of 2097153 bytes, expected .* = 3/);
    const empty = putJson(io, { chunks: fakeChunks(1), size: 0 });
    await expect(getBlob(io, empty)).rejects.toThrow(/1 chunks for a declared size of 0 bytes, expected .* = 0/);
    expect(io.fetched).toEqual([tooMany, tooFew, empty]);
  });

  it("a manifest block over MAX_BLOCK_BYTES is refused before it is parsed", () => {
    const big = new TextEncoder().encode(JSON.stringify({ chunks: fakeChunks(1), size: 1, pad: "x".repeat(MAX_BLOCK_BYTES) }));
    expect(() => decodeManifest(cidOf(big, JSON_CODEC), big)).toThrow(`the manifest block has ${big.length} bytes, over the cap of ${MAX_BLOCK_BYTES}`);
  });

  it("a short middle chunk is refused when fetched, before the chunks after it", async () => {
    const io = memoryIO();
    const [full, short, last] = [await putBlob(io, pattern(MAX_BLOCK_BYTES)), await putBlob(io, pattern(100, 1)), await putBlob(io, pattern(50, 2))];
    const manifest = putJson(io, { chunks: [full, short, last], size: 2 * MAX_BLOCK_BYTES + 50 });
    io.fetched.length = 0;
    await expect(getBlob(io, manifest)).rejects.toThrow(`manifest ${manifest} is invalid: chunk 1 (${short}) has 100 bytes, expected ${MAX_BLOCK_BYTES}`);
    expect(io.fetched).toEqual([manifest, full, short]);
    // the last chunk must be exactly the rest of the declared size
    const wrongLast = putJson(io, { chunks: [full, last], size: MAX_BLOCK_BYTES + 51 });
    await expect(getBlob(io, wrongLast)).rejects.toThrow(`chunk 1 (${last}) has 50 bytes, expected 51`);
    expectSameBytes(await getBlob(io, putJson(io, { chunks: [full, last], size: MAX_BLOCK_BYTES + 50 })), new Uint8Array([...pattern(MAX_BLOCK_BYTES), ...pattern(50, 2)]));
  });

  it("a reader's own smaller cap (maxBytes) refuses a larger blob before fetching its chunks", async () => {
    const io = memoryIO();
    const chunked = await putBlob(io, pattern(2.5 * MAX_BLOCK_BYTES));
    io.fetched.length = 0;
    const error = await getBlob(io, chunked, { maxBytes: 2 * MAX_BLOCK_BYTES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobTooLargeError);
    expect((error as Error).message).toBe(`blob ${chunked} has ${2.5 * MAX_BLOCK_BYTES} bytes, over the cap of ${2 * MAX_BLOCK_BYTES}`);
    expect(io.fetched).toEqual([chunked]);
    const small = await putBlob(io, pattern(100));
    await expect(getBlob(io, small, { maxBytes: 99 })).rejects.toThrow(BlobTooLargeError);
    expectSameBytes(await getBlob(io, small, { maxBytes: 100 }), pattern(100));
    await expect(getBlob(io, small, { maxBytes: -1 })).rejects.toThrow("maxBytes must be a non-negative integer, got -1");
  });
});
