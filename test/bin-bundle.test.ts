// bin/encryptai.mjs: runs the CLI from a compiled bundle that is rebuilt when a source is newer, and falls back to
// the TypeScript sources when no bundle can be written. Each case runs in a throw-away copy of the entry point
// (src/ and node_modules/ linked), so the repository's own bundle is never touched while other tests use it.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = process.cwd();
const roots: string[] = [];
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "encryptai-bin-test-"));
  roots.push(root);
  mkdirSync(join(root, "bin"));
  copyFileSync(join(repo, "bin", "encryptai.mjs"), join(root, "bin", "encryptai.mjs"));
  copyFileSync(join(repo, "package.json"), join(root, "package.json"));
  symlinkSync(join(repo, "src"), join(root, "src"));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
  return root;
}

const run = (root: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(root, "bin", "encryptai.mjs"), "--version"], { encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });

describe("the compiled entry point", () => {
  it("builds the bundle on first use and runs the CLI from it", () => {
    const root = scratchRoot();
    const r = run(root);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version);
    expect(existsSync(join(root, "build", "cli", "encryptai.mjs"))).toBe(true);
    expect(existsSync(join(root, "build", "cli", "encryptai.mjs.map"))).toBe(true);
  }, 180_000);

  it("a stale bundle (older than a source) is rebuilt, not run", () => {
    const root = scratchRoot();
    const bundle = join(root, "build", "cli", "encryptai.mjs");
    mkdirSync(join(root, "build", "cli"), { recursive: true });
    writeFileSync(bundle, "throw new Error('stale bundle ran');\n");
    utimesSync(bundle, new Date("2001-01-01"), new Date("2001-01-01"));
    const r = run(root);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(bundle, "utf8")).not.toContain("stale bundle ran");
  }, 180_000);

  it("sources that do not compile: one error line naming the file, exit 3, no temporary folder left", () => {
    const root = scratchRoot();
    // a src/ of our own: the real one linked file by file, plus a broken entry point
    rmSync(join(root, "src"));
    mkdirSync(join(root, "src", "cli"), { recursive: true });
    writeFileSync(join(root, "src", "cli", "main.ts"), "export const broken = ;\n");
    const r = run(root);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^error: the CLI's TypeScript sources do not compile: .*main\.ts:1:\d+: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(join(root, "build", "cli")).filter((f) => f.startsWith(".building"))).toEqual([]);
  }, 180_000);

  it("where no bundle can be written, the sources run through tsx (saying why when ENCRYPTAI_DEBUG is set)", () => {
    const root = scratchRoot();
    writeFileSync(join(root, "build"), "a file where the build folder should be");
    const r = run(root, { ENCRYPTAI_DEBUG: "1" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.stderr).toMatch(/no compiled bundle .*running the sources through tsx/);
  }, 180_000);
});
