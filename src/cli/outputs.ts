/**
 * Checks on a command's output files, run before any work or transaction (issue 18, item 5): every output can be
 * written (its folder exists — or is created when asked, as `deploy` does for deployments/ — is a folder and
 * takes a new file; the target is not a folder), and a secret key is never overwritten, nor written inside a git
 * work tree where git would not ignore it, without --force. Each refusal is a CliUsageError naming the path.
 */
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import { CliUsageError } from "./errors.js";

export interface WritableOptions {
  /** Create a missing folder (and its parents) instead of refusing. */
  readonly createFolder?: boolean;
  /** The flag that named the path (for an empty path's message). */
  readonly flag?: string;
}

/** Refuses an output path that cannot be written; probes its folder with a temporary file (removed at once). */
export async function checkWritable(path: string, o: WritableOptions = {}): Promise<void> {
  const name = path;
  if (path.trim() === "") throw new CliUsageError(`${o.flag ?? "output"}: empty path`);
  const target = await stat(path).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(new CliUsageError(`cannot write ${name}: ${e.code ?? e.message}`))));
  if (target?.isDirectory()) throw new CliUsageError(`cannot write ${name}: it is a folder`);
  if (target && (target.mode & 0o222) === 0)
    throw new CliUsageError(`cannot write ${name}: the file is read-only (mode ${(target.mode & 0o777).toString(8)}); remove it or make it writable first`);
  const folder = dirname(resolve(path));
  const f = await stat(folder).catch(() => undefined);
  if (f === undefined) {
    if (!o.createFolder) throw new CliUsageError(`cannot write ${name}: ENOENT: its folder does not exist (create ${folder} first)`);
    try {
      await mkdir(folder, { recursive: true });
    } catch (e) {
      throw new CliUsageError(`cannot write ${name}: cannot create its folder ${folder} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else if (!f.isDirectory()) throw new CliUsageError(`cannot write ${name}: ${folder} is not a folder`);
  const probe = join(folder, `.encryptai-probe-${randomBytes(6).toString("hex")}`);
  try {
    await (await open(probe, "wx")).close();
  } catch (e) {
    throw new CliUsageError(`cannot write ${name}: its folder ${folder} does not take new files (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  await rm(probe, { force: true });
}

/** Every path checked, in order (the first refusal is thrown). */
export async function checkAllWritable(paths: readonly (string | undefined)[], o: WritableOptions = {}): Promise<void> {
  for (const p of paths) if (p !== undefined) await checkWritable(p, o);
}

/**
 * The absolute path with symlinks resolved in its existing part (the file itself need not exist): a symlinked
 * folder must not hide the work tree it points into.
 */
export function realPathOf(path: string): string {
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head) && dirname(head) !== head) {
    tail.unshift(basename(head));
    head = dirname(head);
  }
  return join(realpathSync(head), ...tail);
}

/** The root of the git work tree holding `path` (walking up for .git from its real folder), or undefined. */
export function gitWorkTreeOf(path: string): string | undefined {
  let dir = dirname(realPathOf(path));
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Whether git ignores `path` in work tree `root` (`git check-ignore`; false when git cannot answer). */
export function gitIgnores(root: string, path: string): boolean {
  const r = spawnSync("git", ["check-ignore", "-q", "--no-index", realPathOf(path)], { cwd: root, stdio: "ignore", timeout: 10_000 });
  return r.status === 0;
}

/**
 * A secret key's path: refused when the file exists (never overwritten) or lies in a git work tree where git
 * would not ignore it (it could be committed) — unless `force`.
 */
export function checkSecretKeyPath(path: string, force: boolean): void {
  if (force) return;
  // (a folder in the way is checkWritable's refusal)
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new CliUsageError(`secret key ${path} already exists: refusing to overwrite it (give another --out, or --force to replace it)`);
  const root = gitWorkTreeOf(path);
  if (root !== undefined && !gitIgnores(root, path))
    throw new CliUsageError(
      `secret key ${path} would be inside the git work tree ${root} and git does not ignore it (it could be committed): write it outside the repository, to a git-ignored path (e.g. a .gitignore listing *.sk), or give --force`,
    );
}
