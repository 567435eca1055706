// The node's and the watcher's ledger (issue 12, item 3): the cursor skips finished jobs, a start is counted before
// the work and taken back when it returns (what remains counts the stops), everything survives a restart through an
// atomically written file, and a state file of another deployment or account, or a malformed one, is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NodeError } from "./errors.js";
import { JobLedger, type LedgerScope } from "./job-ledger.js";

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

const dir = tempFolder("encryptai-ledger-");
const scope: LedgerScope = { role: "watcher", chainId: 31337, jobManager: "0x5FbDB2315678afecb367f032d93F642f64180aa3", account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" };

describe("JobLedger", () => {
  it("the cursor passes finished jobs; quiet ones are dropped once passed, decisions kept", async () => {
    const l = await JobLedger.open(undefined, scope);
    expect(l.cursor).toBe(1n);
    await l.finish(2n, { outcome: "judged", valid: true });
    expect(l.cursor).toBe(1n);
    expect(l.isDone(2n)).toBe(true);
    await l.finish(1n, { outcome: "not for this watcher" }, { quiet: true });
    expect(l.cursor).toBe(3n);
    expect(l.isDone(1n)).toBe(true);
    expect(Object.keys(l.toJSON().jobs)).toEqual(["2"]);
  });
  it("begin counts a start before the work, release takes it back: what remains counts the stops", async () => {
    const l = await JobLedger.open(undefined, scope);
    expect(await l.begin(5n)).toBe(1);
    await l.release(5n, { reason: "no verdict yet" });
    expect(l.attempts(5n)).toBe(0);
    expect(l.get(5n)).toMatchObject({ state: "open", reason: "no verdict yet" });
    await l.begin(5n);
    await l.begin(5n); // the process stopped during the first
    expect(l.attempts(5n)).toBe(2);
    await l.finish(5n, { outcome: "skipped" });
    expect(l.get(5n)).toMatchObject({ state: "done", attempts: 2, outcome: "skipped" });
  });
  it("a restart reads back the cursor, the records and the notes", async () => {
    const file = join(dir, "state.json");
    const a = await JobLedger.open(file, scope);
    await a.finish(1n, { outcome: "judged", valid: false, attested: true, challenged: true, reason: "the STARK is rejected" });
    await a.begin(2n);
    await a.setNote("provingMs:1/stark", 1500);
    const b = await JobLedger.open(file, scope);
    expect(b.cursor).toBe(2n);
    expect(b.attempts(2n)).toBe(1);
    expect(b.note("provingMs:1/stark")).toBe(1500);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "encryptai-job-ledger", version: 1, role: "watcher", cursor: "2", jobs: { "2": { state: "open", attempts: 1 } } });
  });
  it("refuses another deployment's or account's file, and a malformed one, naming the field", async () => {
    const file = join(dir, "other.json");
    await (await JobLedger.open(file, scope)).finish(1n, { outcome: "judged" });
    await expect(JobLedger.open(file, { ...scope, role: "node" })).rejects.toThrow(`state file ${file} belongs to role "watcher", this process is role "node": use another --state file`);
    await expect(JobLedger.open(file, { ...scope, jobManager: "0x0000000000000000000000000000000000000001" })).rejects.toThrow(/belongs to jobManager/);
    await expect(JobLedger.open(file, { ...scope, chainId: 1 })).rejects.toThrow(/belongs to chainId 31337, this process is chainId 1/);
    // the same address in another case is the same account
    expect((await JobLedger.open(file, { ...scope, account: scope.account.toLowerCase() })).cursor).toBe(2n);
    const bad = join(dir, "bad.json");
    for (const [text, why] of [
      ["{", /is not JSON/],
      ['{"format":"x"}', /is not an encryptai-job-ledger file/],
      [JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), cursor: "0" }), /field "cursor" must be a job id/],
      [JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), jobs: { "1": { state: "maybe", attempts: 0 } } }), /job 1 must have state "open" or "done"/],
    ] as const) {
      writeFileSync(bad, text);
      await expect(JobLedger.open(bad, scope)).rejects.toBeInstanceOf(NodeError);
      await expect(JobLedger.open(bad, scope)).rejects.toThrow(why);
    }
  });
});
