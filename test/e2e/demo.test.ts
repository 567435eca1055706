// The README's main job: `npm run demo` (scripts/demo.ts) runs the whole flow and exits 0; `--onchain` settles the job by
// the on-chain verifier (issue 16, item 5).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// the demo's content store in a folder this file removes (by default the demo makes one in the OS temp folder)
const store = mkdtempSync(join(tmpdir(), "encryptai-demo-test-"));
afterAll(() => rmSync(store, { recursive: true, force: true }));

describe("npm run demo", () => {
  it("runs every step, verifies the proof, decrypts a prediction, settles payments and exits 0", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--seed", "ci", "--store", join(store, "store")], { encoding: "utf8", timeout: 240_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/watchers \(a 2-attestor quorum\): fetch and verify the proof, attest … done in [0-9.]+ s — valid: STARK verified/);
    expect(r.stdout).toMatch(/prediction on encrypted input [0-9.]+ MPG/);
    expect(r.stdout).toMatch(/4 accounts withdrew/);
  }, 300_000);

  it("--onchain: the contract verifies the proof against the statement it builds from the job; the job is paid", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--onchain", "--anvil", "--seed", "ci", "--store", join(store, "store-onchain")], { encoding: "utf8", timeout: 240_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/settle: the contract verifies the proof against the statement it builds from the job … done in [0-9.]+ s — proof [0-9.]+ s, .*; on-chain verdict Valid, [0-9]+ gas/);
    expect(r.stdout).not.toMatch(/2-attestor quorum/);
    expect(r.stdout).toMatch(/job #1 finalised/);
    expect(r.stdout).toMatch(/prediction on encrypted input [0-9.]+ MPG/);
  }, 300_000);
});
