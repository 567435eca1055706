// Red team (careless newcomer, src/cli/verify.ts `print`): the human-readable report of a VALID proof without
// --decrypt ends with "INVALID (undefined): …" — the `else` after `if (r.decrypted !== undefined)` belongs to the
// decrypt line, not to `if (r.ok)`. Exit code 0, yet the last line says INVALID: a user (or a script grepping for
// INVALID / for the last line) cannot tell a valid proof from a refused one by what is printed.
//
// Secure behaviour asserted: a valid verdict prints no INVALID line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

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

const dir = tempFolder("encryptai-redteam-print-");
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe("encryptai verify: what a valid verdict prints", () => {
  it("a valid example proof prints 'valid' and no 'INVALID' line", () => {
    const proof = join(dir, "fib.json");
    expect(cli("prove-example", "fibonacci", "--steps", "64", "--out", proof).code).toBe(0);
    const v = cli("verify", proof);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^valid: fibonacci verified/m);
    expect(v.stdout).not.toMatch(/INVALID/);
  });
});
