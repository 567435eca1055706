/**
 * An embedded on-disk blockstore: each block is the file `<dir>/blocks/<cid>` (canonical base32 CIDv1).
 * Writes are atomic — a temporary file in the same folder is written, fsynced and renamed over the target,
 * then the folder is fsynced — so after a crash a block is complete or absent. Puts are idempotent (a block
 * already present and intact is left alone, a damaged one is rewritten). Every read is verified against its
 * CID, and a block file larger than MAX_BLOCK_BYTES is refused from its size, before it is read (issue "Sound
 * from model to payment", item 4). A new instance on the same folder sees everything earlier instances wrote.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CID } from "multiformats/cid";
import { type Block, BlockStoreBase } from "./blob.js";
import { type BlockCodec, cidOf, verifyBlock } from "./cid.js";
import { MAX_BLOCK_BYTES } from "./limits.js";
import { type ContentStore, CorruptBlockError, NotFoundError, StorageError } from "./store.js";

/** Temporary files start with this prefix; no CID does, so they never shadow a block. */
const TMP_PREFIX = ".tmp-";

function errnoCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

/** The file's bytes if it holds at most `max` (its size is checked before reading), else "too large". */
async function readAtMost(path: string, max: number): Promise<Uint8Array | "too large"> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    if (size > max) return "too large";
    const bytes = new Uint8Array(size); // a plain Uint8Array, not a Buffer
    const { bytesRead } = await file.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export class FsBlockstore extends BlockStoreBase implements ContentStore {
  /** Absolute path of the store's root folder. */
  readonly dir: string;
  /** The folder holding one file per block. */
  readonly blocksDir: string;

  constructor(dir: string) {
    super();
    if (typeof dir !== "string" || dir.length === 0) throw new StorageError("FsBlockstore needs a directory path");
    this.dir = resolve(dir);
    this.blocksDir = join(this.dir, "blocks");
  }

  /** The file holding block `cid`. */
  pathOf(cid: CID): string {
    return join(this.blocksDir, cid.toString());
  }

  async getBlock(cid: CID): Promise<Uint8Array> {
    let bytes: Uint8Array | "too large";
    try {
      bytes = await readAtMost(this.pathOf(cid), MAX_BLOCK_BYTES);
    } catch (e) {
      if (errnoCode(e) === "ENOENT") throw new NotFoundError(cid.toString(), this.blocksDir);
      throw new StorageError(`cannot read block ${cid} in ${this.blocksDir}: ${(e as Error).message}`, { cause: e });
    }
    if (bytes === "too large") throw new CorruptBlockError(cid.toString(), undefined, `its file in ${this.blocksDir} is over ${MAX_BLOCK_BYTES} bytes`);
    verifyBlock(cid, bytes);
    return bytes;
  }

  async hasBlock(cid: CID): Promise<boolean> {
    try {
      return (await stat(this.pathOf(cid))).isFile();
    } catch (e) {
      if (errnoCode(e) === "ENOENT") return false;
      throw new StorageError(`cannot stat block ${cid} in ${this.blocksDir}: ${(e as Error).message}`, { cause: e });
    }
  }

  async putBlock({ cid, bytes }: Block): Promise<void> {
    const path = this.pathOf(cid);
    if (await this.isIntact(path, cid)) return;
    const tmp = join(this.blocksDir, `${TMP_PREFIX}${randomBytes(8).toString("hex")}`);
    try {
      await mkdir(this.blocksDir, { recursive: true });
      const file = await open(tmp, "wx");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, path);
      await this.syncFolder();
    } catch (e) {
      await rm(tmp, { force: true });
      throw new StorageError(`cannot write block ${cid} to ${this.blocksDir}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Whether `path` already holds the bytes of `cid` (absent or damaged: false). */
  private async isIntact(path: string, cid: CID): Promise<boolean> {
    try {
      const bytes = await readAtMost(path, MAX_BLOCK_BYTES);
      return bytes !== "too large" && cidOf(bytes, cid.code as BlockCodec).equals(cid);
    } catch (e) {
      if (errnoCode(e) === "ENOENT") return false;
      throw new StorageError(`cannot read block ${cid} in ${this.blocksDir}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Makes the rename durable (POSIX); platforms that cannot fsync a folder (Windows) skip it. */
  private async syncFolder(): Promise<void> {
    let folder;
    try {
      folder = await open(this.blocksDir, "r");
    } catch {
      return;
    }
    try {
      await folder.sync();
    } catch (e) {
      const code = errnoCode(e);
      if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw e;
    } finally {
      await folder.close();
    }
  }
}
