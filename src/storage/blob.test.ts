import type { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import { describe, expect, it } from "vitest";
import { type BlockIO, MAX_BLOCK_BYTES, decodeManifest, encodeBlob, getBlob, hasBlob, putBlob } from "./blob.js";
import { JSON_CODEC, RAW_CODEC, cidOf, verifyBlock } from "./cid.js";
import { CorruptBlockError, InvalidManifestError, NotFoundError } from "./store.js";
import { expectSameBytes, pattern } from "./testing.js";

/** An in-memory BlockIO; `blocks` is exposed so tests can damage or drop blocks. */
function memoryIO(): BlockIO & { blocks: Map<string, Uint8Array> } {
  const blocks = new Map<string, Uint8Array>();
  return {
    blocks,
    putBlock: async ({ cid, bytes }) => void blocks.set(cid.toString(), bytes.slice()),
    getBlock: async (cid: CID) => {
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

  it("rejects a manifest whose chunks do not add up to its size", async () => {
    const io = memoryIO();
    const a = await putBlob(io, pattern(100));
    const b = await putBlob(io, pattern(50));
    await expect(getBlob(io, putJson(io, { chunks: [a, b], size: 151 }))).rejects.toThrow(/chunks add up to 150 bytes, declared size 151/);
    await expect(getBlob(io, putJson(io, { chunks: [a, b], size: 120 }))).rejects.toThrow(/more than the declared size 120/);
    expectSameBytes(await getBlob(io, putJson(io, { chunks: [a, b], size: 150 })), new Uint8Array([...pattern(100), ...pattern(50)]));
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
