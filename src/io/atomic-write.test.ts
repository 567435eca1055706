// Files written complete or absent, several together or not at all: a folder or a read-only file as a target is
// refused before anything is written, naming it; a rename that fails half-way puts back every file as it was.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { FileWriteError, writeFileAtomic, writeFilesAtomic } from "./atomic-write.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

vi.mock("node:fs/promises", async (original) => {
  const real = await original<typeof import("node:fs/promises")>();
  return { ...real, rename: vi.fn(real.rename) };
});
const realRename = (await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises")).rename;
const rename = vi.mocked(fsp.rename);
afterEach(() => rename.mockImplementation(realRename));

const fresh = () => tempFolder("encryptai-atomic-");

describe("writeFilesAtomic", () => {
  it("writes every file with its mode and leaves no temporary file", async () => {
    const dir = fresh();
    await writeFilesAtomic([
      { path: join(dir, "a.pk"), data: "public" },
      { path: join(dir, "a.sk"), data: new Uint8Array([1, 2, 3]), mode: 0o600 },
    ]);
    expect(readFileSync(join(dir, "a.pk"), "utf8")).toBe("public");
    expect([...readFileSync(join(dir, "a.sk"))]).toEqual([1, 2, 3]);
    expect(statSync(join(dir, "a.sk")).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["a.pk", "a.sk"]);
  });
  it("a folder as the second target: nothing is written and the error names the folder", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "a.sk"));
    const e = await writeFilesAtomic([{ path: join(dir, "a.pk"), data: "p" }, { path: join(dir, "a.sk"), data: "s" }]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FileWriteError);
    expect((e as FileWriteError).message).toBe(`cannot write ${join(dir, "a.sk")}: it is a folder`);
    expect((e as FileWriteError).path).toBe(join(dir, "a.sk"));
    expect(readdirSync(dir)).toEqual(["a.sk"]);
  });
  it("a read-only file is not replaced (a rename would do it silently)", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "a.sk"), "old");
    chmodSync(join(dir, "a.sk"), 0o444);
    await expect(writeFilesAtomic([{ path: join(dir, "a.pk"), data: "p" }, { path: join(dir, "a.sk"), data: "s" }])).rejects.toThrow(/a\.sk: the file is read-only \(mode 444\)/);
    expect(readFileSync(join(dir, "a.sk"), "utf8")).toBe("old");
    expect(existsSync(join(dir, "a.pk"))).toBe(false);
  });
  it("a missing folder is named by the target, not by a temporary file", async () => {
    const dir = fresh();
    const target = join(dir, "no-such-folder", "o.bin");
    await expect(writeFilesAtomic([{ path: join(dir, "p.json"), data: "p" }, { path: target, data: "o" }])).rejects.toThrow(`cannot write ${target}: ENOENT: its folder does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });
  it("a rename failing half-way puts back the files already renamed: replaced ones restored, new ones removed", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "a.pk"), "old public");
    writeFileSync(join(dir, "a.sk"), "old secret");
    rename.mockImplementation(async (from, to) => {
      if (String(to).endsWith("a.sk")) throw Object.assign(new Error("EIO: i/o error"), { code: "EIO", syscall: "rename" });
      return realRename(from, to);
    });
    await expect(writeFilesAtomic([{ path: join(dir, "a.pk"), data: "new public" }, { path: join(dir, "a.sk"), data: "new secret" }])).rejects.toThrow(`cannot write ${join(dir, "a.sk")}: EIO: i/o error`);
    expect(readFileSync(join(dir, "a.pk"), "utf8")).toBe("old public");
    expect(readFileSync(join(dir, "a.sk"), "utf8")).toBe("old secret");
    expect(readdirSync(dir).sort()).toEqual(["a.pk", "a.sk"]);
    // a new pair whose second rename fails leaves neither file
    await expect(writeFilesAtomic([{ path: join(dir, "b.pk"), data: "p" }, { path: join(dir, "b.sk"), data: "s" }])).resolves.toBeUndefined();
    rename.mockImplementation(async (from, to) => {
      if (String(to).endsWith("c.sk")) throw Object.assign(new Error("EIO"), { code: "EIO", syscall: "rename" });
      return realRename(from, to);
    });
    await expect(writeFilesAtomic([{ path: join(dir, "c.pk"), data: "p" }, { path: join(dir, "c.sk"), data: "s" }])).rejects.toThrow(FileWriteError);
    expect(readdirSync(dir).sort()).toEqual(["a.pk", "a.sk", "b.pk", "b.sk"]);
  });
  it("refuses to write one path twice in one step", async () => {
    const dir = fresh();
    await expect(writeFilesAtomic([{ path: join(dir, "x"), data: "1" }, { path: join(dir, "x"), data: "2" }])).rejects.toThrow(/the same file twice/);
  });
});

describe("writeFileAtomic", () => {
  it("replaces a writable file, and refuses a folder", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "f"), "old");
    await writeFileAtomic(join(dir, "f"), "new");
    expect(readFileSync(join(dir, "f"), "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["f"]);
    await expect(writeFileAtomic(dir, "x")).rejects.toThrow(/it is a folder/);
  });
});
