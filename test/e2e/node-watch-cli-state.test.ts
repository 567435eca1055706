// `encryptai watch` and `encryptai node` as processes with --state, against anvil (issue 12, item 3). The attack:
// a vote on a job had already been recorded (then AlreadyAttested: another watcher; now AlreadyVoted: this
// attestor's earlier process); `attest` reverted and `encryptai watch` exited 2, leaving the next — wrong — result
// unjudged. Now the race is a log line, the pass goes on, and a restart with the same state file resumes without
// judging (or refusing) anything twice.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { deserializeCiphertexts, seededRandom, serializeCiphertexts } from "../../src/lwe/index.js";
import { saveDeployment } from "../../src/market/deployment-file.js";
import { commitment } from "../../src/node/formats.js";
import { EAI, type PublishedModel, type World, licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel } from "../../src/node/marketplace-flow.js";
import { Watcher } from "../../src/node/watcher.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { proveInference, vmProofOptions } from "../../src/vm/inference.js";
import { encodeProofFile } from "../../src/vm/proof-file.js";

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

const dir = tempFolder("encryptai-cli-state-");
const row = [4, 120, 95, 2372, 15];
const random = seededRandom("cli-state");
let anvil: AnvilNode;
let w: World;
let model: PublishedModel;
beforeAll(async () => {
  anvil = await startAnvil({ port: 20545 + Math.floor(Math.random() * 1000) });
  w = await setUpWorld(new FsBlockstore(join(dir, "store")), { chain: anvil });
  await saveDeployment(join(dir, "dep.json"), w.deployment);
  const data = await publishDataset(w);
  const { releaseCid } = await licenceAndRelease(w, data);
  model = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
  await w.clients.node.stake(10n ** 21n);
}, 120_000);
afterAll(async () => anvil?.close());

const cli = (key: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args, "--rpc", anvil.rpcUrl, "--deployment", join(dir, "dep.json"), "--key", "PARTY_KEY", "--store", join(dir, "store")], {
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, PARTY_KEY: key },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const jobLines = (stdout: string) => stdout.split("\n").filter((l) => l.startsWith("job #"));

describe("encryptai watch / node with --state", () => {
  it("a vote already recorded (AlreadyVoted): watch logs the race, challenges the next wrong result, exits 0; a restart judges nothing twice", async () => {
    // job A: honest, proved by the node; this attestor's earlier process (its state lost) voted on it already
    const a = await requestInference(w, model, row, "stark", { random });
    await w.node.pollOnce();
    await new Watcher(w.clients.watcher, w.store).judge(a.jobId);
    // job B: a dishonest node's result (its own public values)
    const b = await requestInference(w, model, row, "stark", { random });
    const honest = await w.node.loadProgram(model.modelId);
    const inputs = deserializeCiphertexts(await w.store.get(b.inputCid));
    await w.clients.node.acceptJob(b.jobId);
    const r = proveInference(honest.program, inputs[0]!.params, [0n, 0n, 0n, 0n, 0n, 4242n], inputs, { proofOptions: vmProofOptions(inputs[0]!.params, { zeroKnowledge: false }) });
    const file = new TextEncoder().encode(encodeProofFile(r.statement, r.proof));
    const output = serializeCiphertexts([r.statement.outputs[0]!]);
    await w.store.put(output);
    await w.clients.node.submitResult(b.jobId, commitment(output), commitment(file), await w.store.put(file));
    await w.clients.auditor.attest(b.jobId, commitment(file), false); // the quorum's other attestor

    const state = join(dir, "watch.json");
    const first = cli(w.wallets.watcher.privateKey, "watch", "--once", "--state", state);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = jobLines(first.stdout);
    expect(lines[0]).toMatch(new RegExp(`^job #${a.jobId}: valid — STARK verified .*; not attested; race — attest: .*\\(AlreadyVoted\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^job #${b.jobId}: INVALID — .*; challenged$`));
    expect(lines).toHaveLength(2);
    expect((await w.clients.user.job(b.jobId)).status).toBe("Slashed");
    const kept = JSON.parse(readFileSync(state, "utf8")) as { jobs: Record<string, { outcome: string; valid: boolean }> };
    expect(kept.jobs[String(a.jobId)]).toMatchObject({ state: "done", outcome: "judged", valid: true, attested: false });
    expect(kept.jobs[String(b.jobId)]).toMatchObject({ state: "done", outcome: "judged", valid: false, attested: true, challenged: true });

    const again = cli(w.wallets.watcher.privateKey, "watch", "--once", "--state", state);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^watcher 0x[0-9a-fA-F]{40} watching JobManager 0x[0-9a-fA-F]{40} \(state in .*, from job #\d+\)\n$/);
    expect(jobLines(again.stdout)).toEqual([]);
  }, 360_000);

  it("the node refuses a zero-fee job with one line, and a restart with its state file does not decide it again", async () => {
    const job = await requestInference(w, model, row, "stark", { random });
    // the same input, re-requested with no node fee
    const view = await w.clients.user.job(job.jobId);
    await w.clients.user.cancelJob(job.jobId);
    const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
    const free = await w.clients.user.requestJob({ modelId: model.modelId, inputCommitment: view.inputCommitment, inputCid: job.inputCid, nodeFee: 0n, maxUseFee: EAI(10), deadline: now + 3600n, verifier: "stark" });
    const state = join(dir, "node.json");
    const first = cli(w.wallets.node.privateKey, "node", "--once", "--state", state);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(jobLines(first.stdout)).toEqual([`job #${free}: refused — the node fee 0 EAI is below this node's minimum of 0.000000000000000001 EAI`]);
    expect((await w.clients.user.job(free)).status).toBe("Requested");
    const again = cli(w.wallets.node.privateKey, "node", "--once", "--state", state);
    expect(again.code).toBe(0);
    expect(jobLines(again.stdout)).toEqual([]);
    // the node's own minimum, and a bad one
    const dear = cli(w.wallets.node.privateKey, "node", "--once", "--min-fee", "25");
    expect(jobLines(dear.stdout)).toContain(`job #${free}: refused — the node fee 0 EAI is below this node's minimum of 25 EAI`);
    const zero = cli(w.wallets.node.privateKey, "node", "--once", "--min-fee", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/^error: --min-fee "0": a zero-fee job/);
    await w.clients.user.cancelJob(free);
  }, 360_000);
});
