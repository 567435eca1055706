// Issue 18, item 5: "each `npm test` leaves ~10 encryptai-* folders in the OS temp directory, some holding keys".
// Every test file that makes a temp folder removes it (an rm/rmSync with recursive: true in the same file), and
// the demo's tests give the demo a --store folder they remove (by default it makes one in the OS temp folder).
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const testFiles = (dir: string): string[] =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".test.ts")).map((f) => join(ROOT, dir, f));

describe("temp folders", () => {
  it("each npm test leaves encryptai-* folders in the OS temp directory: every file that makes one removes it", () => {
    const leaks = [...testFiles("test"), ...testFiles("src")].filter((f) => {
      const text = readFileSync(f, "utf8");
      return /\bmkdtemp(Sync)?\(/.test(text) && !/\brm(Sync)?\([^)]*recursive: true/.test(text);
    });
    expect(leaks.map((f) => relative(ROOT, f))).toEqual([]);
  });
  it("the demo's tests pass --store (a folder they remove), not the demo's own temporary store", () => {
    for (const f of ["test/e2e/demo.test.ts", "test/e2e/demo-rpc.test.ts"]) {
      const text = readFileSync(join(ROOT, f), "utf8");
      for (const call of text.match(/"scripts\/demo\.ts"[^\]]*\]/g) ?? []) expect(call, f).toMatch(/"--store"/);
    }
  });
});
