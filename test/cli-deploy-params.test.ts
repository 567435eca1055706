// `encryptai deploy --params <file>`: deploy parameters from a file are validated before anything is sent — an
// out-of-range one (challengerShareBps = 20000, which made every challenge revert with Panic 0x11), an unknown one,
// or a file that is not JSON is a usage error naming it; no chain is contacted.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

const dir = tempFolder("encryptai-deploy-params-");
const deploy = (params: string) => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, params);
  // an endpoint nobody listens on: a validation error must come before any connection
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", "deploy", "--rpc", "http://127.0.0.1:9", "--params", file], { encoding: "utf8", timeout: 60_000, env: { ...process.env, ENCRYPTAI_KEY: "0x" + "11".repeat(32) } });
  return { code: r.status, stderr: r.stderr };
};

describe("encryptai deploy --params", () => {
  it.each([
    ['{"challengerShareBps": 20000}', /deploy parameter challengerShareBps: must be an integer in \[0, 10000\], got 20000/],
    ['{"quorum": 0}', /deploy parameter quorum: must be an integer in \[1, 32\], got 0/],
    ['{"challengeWindow": 60, "verdictGrace": 60, "attestorUnbondingDelay": 10}', /deploy parameter attestorUnbondingDelay: must be an integer in \[120,/],
    ['{"challengerShare": 1}', /unknown parameter challengerShare/],
    ["not json", /--params .*: not a JSON file/],
  ])("refuses %s before contacting the chain", (params, message) => {
    const r = deploy(params);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/cannot reach/);
  });
});
