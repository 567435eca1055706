/**
 * Writes a file so that it is either complete or absent: data goes to a temporary file in the same folder,
 * which is then renamed over the target (rename is atomic on one file system).
 */
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data, mode === undefined ? {} : { mode });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Writes several files together or not at all: every temporary file first, then the renames (undone on failure). */
export async function writeFilesAtomic(files: readonly { readonly path: string; readonly data: string | Uint8Array; readonly mode?: number }[]): Promise<void> {
  const staged = files.map((f) => ({ ...f, tmp: join(dirname(f.path), `.${basename(f.path)}.${randomBytes(6).toString("hex")}.tmp`) }));
  const renamed: string[] = [];
  try {
    for (const f of staged) await writeFile(f.tmp, f.data, f.mode === undefined ? {} : { mode: f.mode });
    for (const f of staged) {
      await rename(f.tmp, f.path);
      renamed.push(f.path);
    }
  } catch (e) {
    for (const f of staged) await rm(f.tmp, { force: true });
    for (const p of renamed) await rm(p, { force: true });
    throw e;
  }
}
