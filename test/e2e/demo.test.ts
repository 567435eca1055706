// The README's main job: `npm run demo` (scripts/demo.ts) runs the whole flow and exits 0.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm run demo", () => {
  it("runs every step, verifies the proof, decrypts a prediction, settles payments and exits 0", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--seed", "ci"], { encoding: "utf8", timeout: 240_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/watchers \(a 2-attestor quorum\): fetch and verify the proof, attest … done in [0-9.]+ s — valid: STARK verified/);
    expect(r.stdout).toMatch(/prediction on encrypted input [0-9.]+ MPG/);
    expect(r.stdout).toMatch(/4 accounts withdrew/);
  }, 300_000);
});
