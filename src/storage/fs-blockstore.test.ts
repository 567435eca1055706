import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeBlob } from "./blob.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { cidOf } from "./cid.js";
import { FsBlockstore } from "./fs-blockstore.js";
import { CorruptBlockError, InvalidCidError, NotFoundError, StorageError } from "./store.js";
import { expectSameBytes, pattern } from "./testing.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fs-blockstore-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Flips one bit of the file holding block `cid`. */
async function flipByte(store: FsBlockstore, cid: string, at = 0): Promise<void> {
  const path = join(store.blocksDir, cid);
  const bytes = await readFile(path);
  bytes[at]! ^= 0x01;
  await writeFile(path, bytes);
}

describe("FsBlockstore", () => {
  it("round-trips a small blob, exactly 1 MiB, and 2.5 MiB (chunked)", async () => {
    const store = new FsBlockstore(dir);
    for (const n of [0, 11, MAX_BLOCK_BYTES, 2.5 * MAX_BLOCK_BYTES]) {
      const data = pattern(n, n % 17);
      const cid = await store.put(data);
      expect(cid).toBe(encodeBlob(data).root.toString());
      expectSameBytes(await store.get(cid), data);
      expect(await store.has(cid)).toBe(true);
    }
    // 1 MiB is one raw block; 2.5 MiB is three chunks plus a manifest
    expect(cidOf(pattern(MAX_BLOCK_BYTES, MAX_BLOCK_BYTES % 17)).toString()).toMatch(/^bafk/);
    expect(await store.put(pattern(2.5 * MAX_BLOCK_BYTES))).toMatch(/^bagaaiera/);
  });

  it("stores each block as blocks/<cid> and leaves no temporary files", async () => {
    const store = new FsBlockstore(dir);
    const data = pattern(2 * MAX_BLOCK_BYTES + 1);
    await store.put(data);
    const names = (await readdir(join(dir, "blocks"))).sort();
    expect(names).toEqual(encodeBlob(data).blocks.map((b) => b.cid.toString()).sort());
  });

  it("is idempotent and repairs a damaged block on a second put", async () => {
    const store = new FsBlockstore(dir);
    const data = pattern(1000);
    const cid = await store.put(data);
    expect(await store.put(data)).toBe(cid);
    expect(await readdir(join(dir, "blocks"))).toEqual([cid]);
    await flipByte(store, cid);
    await expect(store.get(cid)).rejects.toThrow(CorruptBlockError);
    await store.put(data);
    expectSameBytes(await store.get(cid), data);
  });

  it("answers has/get for an unknown CID with false / NotFoundError", async () => {
    const store = new FsBlockstore(dir);
    const absent = cidOf(pattern(3)).toString();
    expect(await store.has(absent)).toBe(false);
    await expect(store.get(absent)).rejects.toThrow(NotFoundError);
    await expect(store.get(absent)).rejects.toThrow(`block ${absent} not found`);
  });

  it("detects a corrupted block on disk and names the CID", async () => {
    const store = new FsBlockstore(dir);
    const cid = await store.put(pattern(4096));
    await flipByte(store, cid, 100);
    const error = await store.get(cid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect((error as CorruptBlockError).cid).toBe(cid);
    expect((error as Error).message).toMatch(new RegExp(`^block ${cid} is corrupted: its bytes hash to bafk`));
  });

  it("detects a corrupted chunk of a large blob", async () => {
    const store = new FsBlockstore(dir);
    const data = pattern(2.5 * MAX_BLOCK_BYTES);
    const cid = await store.put(data);
    const chunk = encodeBlob(data).blocks[1]!.cid.toString();
    await flipByte(store, chunk, 777_777);
    await expect(store.get(cid)).rejects.toThrow(`block ${chunk} is corrupted`);
  });

  it("refuses a block file over 1 MiB from its size, without reading it, and a put repairs it", async () => {
    const store = new FsBlockstore(dir);
    const data = pattern(300);
    const cid = await store.put(data);
    await writeFile(join(store.blocksDir, cid), new Uint8Array(MAX_BLOCK_BYTES + 1));
    const error = await store.get(cid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect((error as Error).message).toBe(`block ${cid} is corrupted: its file in ${store.blocksDir} is over ${MAX_BLOCK_BYTES} bytes`);
    await store.put(data);
    expectSameBytes(await store.get(cid), data);
  });

  it("rejects a malformed CID string with InvalidCidError naming it", async () => {
    const store = new FsBlockstore(dir);
    await expect(store.get("bafk-not-a-cid")).rejects.toThrow(InvalidCidError);
    await expect(store.get("bafk-not-a-cid")).rejects.toThrow(/"bafk-not-a-cid"/);
    await expect(store.has("../../etc/passwd")).rejects.toThrow(InvalidCidError);
  });

  it("survives a restart: a new instance on the same folder reads everything", async () => {
    const first = new FsBlockstore(dir);
    const small = pattern(123);
    const large = pattern(2.5 * MAX_BLOCK_BYTES, 3);
    const cids = [await first.put(small), await first.put(large)];
    const second = new FsBlockstore(dir);
    expectSameBytes(await second.get(cids[0]!), small);
    expectSameBytes(await second.get(cids[1]!), large);
    expect(await second.has(cids[1]!)).toBe(true);
  });

  it("wraps file-system failures in StorageError", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "x");
    const store = new FsBlockstore(file); // blocks/ cannot be created under a regular file
    await expect(store.put(pattern(5))).rejects.toThrow(StorageError);
    expect(() => new FsBlockstore("")).toThrow(StorageError);
  });
});
