/**
 * Writes files so that they are either complete or absent (the I/O layer below market and cli: deployment files,
 * key and proof files, the node's and the watcher's state files — issue 12, item 4 moved it out of src/cli): data goes to a temporary file in the same folder,
 * which is then renamed over the target (rename is atomic on one file system).
 *
 * Several files (a key pair, a proof and its output ciphertext) are written together or not at all: every target
 * is checked first (not a folder, not a read-only file), every temporary file is written, then the renames; if
 * one fails, the files already renamed are put back as they were (a replaced file is restored from a hard link
 * taken just before its rename). Failures are `FileWriteError`s naming the target, not the temporary file.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file could not be written; `path` is the target the caller named. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "FileWriteError";
  }
}

export interface FileToWrite {
  readonly path: string;
  readonly data: string | Uint8Array;
  /** Permission bits of a new file (e.g. 0o600 for a secret key). */
  readonly mode?: number;
}

const REASONS: Record<string, string> = {
  EISDIR: "it is a folder",
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its path is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
};

function failure(path: string, e: unknown): FileWriteError {
  if (e instanceof FileWriteError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why = code !== undefined && REASONS[code] ? `${code}: ${REASONS[code]}` : (e as Error).message;
  return new FileWriteError(path, `cannot write ${path}: ${why}`);
}

/** Refuses a target that is a folder or a read-only file (a rename would replace the latter silently). */
async function checkTarget(path: string): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw failure(path, e);
  }
  if (st.isDirectory()) throw new FileWriteError(path, `cannot write ${path}: it is a folder`);
  if ((st.mode & 0o222) === 0)
    throw new FileWriteError(path, `cannot write ${path}: the file is read-only (mode ${(st.mode & 0o777).toString(8)}); remove it or make it writable first`);
}

const sibling = (path: string, ext: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.${ext}`);

/** Keeps the current content of `path` at `backup` (a hard link; a copy where links are not supported). */
async function keep(path: string, backup: string): Promise<boolean> {
  try {
    await stat(path);
  } catch {
    return false;
  }
  try {
    await link(path, backup);
  } catch {
    await copyFile(path, backup, constants.COPYFILE_EXCL);
  }
  return true;
}

/** Writes several files together or not at all (see the header). */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const paths = new Set(files.map((f) => f.path));
  if (paths.size !== files.length) throw new FileWriteError(files[0]!.path, `cannot write the same file twice in one step: ${files.map((f) => f.path).join(", ")}`);
  for (const f of files) await checkTarget(f.path);
  const staged = files.map((f) => ({ ...f, tmp: sibling(f.path, "tmp"), backup: sibling(f.path, "bak"), replaced: false }));
  const renamed: typeof staged = [];
  let current = files[0]!.path;
  try {
    for (const f of staged) {
      current = f.path;
      await writeFile(f.tmp, f.data, f.mode === undefined ? {} : { mode: f.mode });
    }
    for (const f of staged) {
      current = f.path;
      f.replaced = await keep(f.path, f.backup);
      await rename(f.tmp, f.path);
      renamed.push(f);
    }
  } catch (e) {
    for (const f of renamed.reverse()) {
      if (f.replaced) await rename(f.backup, f.path).catch(() => undefined);
      else await rm(f.path, { force: true });
    }
    for (const f of staged) {
      await rm(f.tmp, { force: true });
      await rm(f.backup, { force: true });
    }
    throw failure(current, e);
  }
  for (const f of staged) await rm(f.backup, { force: true });
}

/** Writes one file: complete or absent. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  await writeFilesAtomic([mode === undefined ? { path, data } : { path, data, mode }]);
}
