// The node refuses what it cannot finish, before accepting (issue 12, item 2). Each attack used to cost an honest
// node its stake: it checked only the input's CID, commitment and format, accepted, locked its stake, failed (or
// could not finish in time), and at expiry the user was refunded AND credited the slashed stake. Played on the
// embedded chain with a real content store; the node logs one line per decision, and with a state file it keeps
// its decisions and proving estimates across restarts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Ciphertext, encryptMany, getParams, keygen, seededRandom, serializeCiphertexts } from "../../src/lwe/index.js";
import { commitment, decodeManifest } from "../../src/node/formats.js";
import { InferenceNode, type NodeOptions } from "../../src/node/inference-node.js";
import { JobLedger } from "../../src/node/job-ledger.js";
import { EAI, type PublishedModel, type World, licenceAndRelease, publishDataset, setUpWorld, trainAndPublishModel, worthOf } from "../../src/node/marketplace-flow.js";
import { estimateKey } from "../../src/node/proving-estimate.js";
import { quantize } from "../../src/regression/index.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { type ContentStore, NotFoundError } from "../../src/storage/store.js";

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

const dir = tempFolder("encryptai-feasibility-");
const row = [8, 307, 130, 3504, 12];
const random = seededRandom("node-feasibility");
let w: World;
let model: PublishedModel;
let quantized: number[];
let features: string;

beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(join(dir, "store")));
  const data = await publishDataset(w);
  const { releaseCid } = await licenceAndRelease(w, data);
  model = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
  const manifest = decodeManifest(await w.store.get(model.manifestCid), model.manifestCid);
  quantized = manifest.inputQuantizers.map((q, j) => quantize(q, row[j]!));
  features = manifest.features.join(", ");
  await w.clients.node.stake(EAI(500));
}, 120_000);
afterAll(async () => w?.chain.close());

// every test leaves no requested job behind for the next one's node
afterEach(async () => {
  const count = (await w.clients.user.jobs.getFunction("jobCount")()) as bigint;
  for (let id = 1n; id <= count; id++) if ((await w.clients.user.job(id)).status === "Requested") await w.clients.user.cancelJob(id);
});

/** The node with its log. */
function node(o: NodeOptions = {}, store: ContentStore = w.store): { node: InferenceNode; log: string[] } {
  const log: string[] = [];
  return { node: new InferenceNode(w.clients.node, store, { privateKey: w.wallets.node.privateKey, address: w.wallets.node.address }, { ...o, onProgress: (m) => log.push(m) }), log };
}

/** The user requests a job on `cts` directly (what a dishonest user does), stark tier. */
async function request(cts: readonly Ciphertext[], o: { nodeFee?: bigint; deadlineSeconds?: number } = {}): Promise<{ jobId: bigint; inputCid: string }> {
  const input = serializeCiphertexts(cts);
  const inputCid = await w.store.put(input);
  const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
  const jobId = await w.clients.user.requestJob({ modelId: model.modelId, inputCommitment: commitment(input), inputCid, nodeFee: o.nodeFee ?? EAI(20), maxUseFee: EAI(10), deadline: now + BigInt(o.deadlineSeconds ?? 3600), verifier: "stark" });
  return { jobId, inputCid };
}

const honestInput = () => encryptMany(keygen(getParams("f128-128"), random).publicKey, quantized, random);

/** The job was never accepted: no node, no stake locked for it. */
async function expectNotAccepted(jobId: bigint): Promise<void> {
  const view = await w.clients.user.job(jobId);
  expect(view.status).toBe("Requested");
  expect(view.node).toBe("0x0000000000000000000000000000000000000000");
  expect(view.stakeLocked).toBe(0n);
}

describe("the node refuses before accepting", () => {
  it("user commits a 4-ciphertext input to a 5-feature model: the node refuses before accepting", async () => {
    const { node: n, log } = node();
    const keys = keygen(getParams("f128-128"), random);
    const { jobId } = await request(encryptMany(keys.publicKey, quantized.slice(0, 4), random), { deadlineSeconds: 600 });
    const userBefore = await worthOf(w.clients.user);
    const nodeBefore = await worthOf(w.clients.node);
    const lockedBefore = (await w.clients.node.stakeOf()).locked;
    expect(await n.pollOnce()).toEqual([]);
    expect(log).toEqual([`job #${jobId}: refused — the input has 4 ciphertexts, not whole rows of the model's 5 features (${features}); the program reads 5 per row`]);
    await expectNotAccepted(jobId);
    expect((await w.clients.node.stakeOf()).locked).toBe(lockedBefore);
    // at the deadline the job expires unaccepted: cancelled and refunded — no node stake to take as compensation
    await w.chain.increaseTime(601);
    await w.clients.user.expire(jobId);
    expect((await w.clients.user.job(jobId)).status).toBe("Cancelled");
    expect(await worthOf(w.clients.node)).toBe(nodeBefore);
    expect(await worthOf(w.clients.user)).toBe(userBefore + EAI(30)); // its escrow back, nothing more
    // a refusal is a decision: the next pass does not look at the job again
    await n.pollOnce();
    expect(log).toHaveLength(1);
  }, 120_000);

  it("inputs under another parameter set: refused before accepting, naming both sets (not \"Cannot convert undefined to a BigInt\" after)", async () => {
    const { node: n, log } = node();
    const other = encryptMany(keygen(getParams("goldilocks-128"), random).publicKey, quantized, random);
    const { jobId } = await request(other);
    expect(await n.pollOnce()).toEqual([]);
    expect(log).toEqual([`job #${jobId}: refused — input ciphertext 0 is under parameter set "goldilocks-128", the model runs on "f128-128"`]);
    await expectNotAccepted(jobId);
  }, 120_000);

  it("a zero-fee job: refused before accepting; a node's own minimum fee too", async () => {
    const { node: n, log } = node();
    const { jobId } = await request(honestInput(), { nodeFee: 0n });
    expect(await n.pollOnce()).toEqual([]);
    expect(log).toEqual([`job #${jobId}: refused — the node fee 0 EAI is below this node's minimum of 0.000000000000000001 EAI`]);
    await expectNotAccepted(jobId);
    const { node: dear, log: dearLog } = node({ minNodeFee: EAI(25) });
    const cheap = await request(honestInput(), { nodeFee: EAI(20) });
    await dear.pollOnce();
    expect(dearLog).toContain(`job #${cheap.jobId}: refused — the node fee 20 EAI is below this node's minimum of 25 EAI`);
    await expectNotAccepted(cheap.jobId);
  }, 120_000);

  it("a deadline shorter than the proving time: refused before accepting", async () => {
    const { node: n, log } = node();
    // this node has seen a proof of this model take 10 minutes (e.g. under load): a 15-minute deadline is too short
    await n.estimates.observe(estimateKey(model.modelId, "stark"), 600_000);
    const { jobId } = await request(honestInput(), { deadlineSeconds: 900 });
    expect(await n.pollOnce()).toEqual([]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(new RegExp(`^job #${jobId}: refused — the deadline leaves 89\\d s; this node needs 1260 s \\(2 × its proving estimate of 600\\.0 s \\+ 60 s margin\\)$`));
    await expectNotAccepted(jobId);
    await w.clients.user.cancelJob(jobId);
    // and a deadline inside the margin alone is refused without any estimate
    const { node: fresh, log: freshLog } = node();
    const soon = await request(honestInput(), { deadlineSeconds: 30 });
    await fresh.pollOnce();
    expect(freshLog[0]).toMatch(new RegExp(`^job #${soon.jobId}: refused — the deadline leaves \\d+ s, less than this node's margin of 60 s alone$`));
    await expectNotAccepted(soon.jobId);
  }, 120_000);
});

describe("the node that keeps running", () => {
  it("first use of a model: a calibration proof under a throwaway key, then the job; the estimate is the largest time seen", async () => {
    const { node: n, log } = node();
    const { jobId } = await request(honestInput());
    const [done] = await n.pollOnce();
    expect(done?.jobId).toBe(jobId);
    expect(log[0]).toMatch(new RegExp(`^model #${model.modelId}: calibrated — a stark run takes \\d+\\.\\d\\d s on this node$`));
    expect(log.slice(1).map((l) => l.replace(/\(.*\)/, "(…)"))).toEqual([`job #${jobId}: accepting (…)`, `job #${jobId}: submitted (…)`]);
    expect(n.estimates.get(estimateKey(model.modelId, "stark"))).toBeGreaterThanOrEqual(done!.proveMs);
    expect((await w.clients.user.job(jobId)).status).toBe("Submitted");
  }, 240_000);

  it("a storage outage is no decision: the node retries on a later pass, and takes the job once the input is back", async () => {
    const { jobId, inputCid } = await request(honestInput());
    let down = true;
    const flaky: ContentStore = {
      put: (b) => w.store.put(b),
      has: (cid) => w.store.has(cid),
      get: async (cid, o) => {
        if (down && cid === inputCid) throw new NotFoundError(cid, "the user's (offline) storage node");
        return w.store.get(cid, o);
      },
    };
    const { node: n, log } = node({}, flaky);
    await n.estimates.observe(estimateKey(model.modelId, "stark"), 1); // skip the calibration here
    expect(await n.pollOnce()).toEqual([]);
    expect(log).toEqual([`job #${jobId}: no decision yet — block ${inputCid} not found in the user's (offline) storage node; retrying`]);
    await expectNotAccepted(jobId);
    down = false;
    const [done] = await n.pollOnce();
    expect(done?.jobId).toBe(jobId);
  }, 240_000);

  it("with a state file a restarted node resumes: decisions and estimates are kept, and a job it stopped on 3 times is skipped", async () => {
    const stateFile = join(dir, "node-state.json");
    const first = node({ stateFile });
    await first.node.estimates.observe(estimateKey(model.modelId, "stark"), 1234);
    const refused = await request(honestInput(), { nodeFee: 0n });
    await first.node.pollOnce();
    expect(first.log).toEqual([`job #${refused.jobId}: refused — the node fee 0 EAI is below this node's minimum of 0.000000000000000001 EAI`]);
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as { role: string; cursor: string; jobs: Record<string, { outcome: string }>; notes: Record<string, number> };
    expect(state.role).toBe("node");
    expect(state.jobs[String(refused.jobId)]).toMatchObject({ state: "done", outcome: "refused" });
    expect(state.notes[`provingMs:${estimateKey(model.modelId, "stark")}`]).toBe(1234);
    expect(BigInt(state.cursor)).toBeGreaterThan(refused.jobId);

    // a job during which the process died three times (the start of each attempt is saved before the work)
    const poison = await request(honestInput());
    const scope = { role: "node" as const, chainId: w.deployment.chainId, jobManager: w.deployment.addresses.jobManager, account: w.wallets.node.address };
    const ledger = await JobLedger.open(stateFile, scope);
    for (let i = 0; i < 3; i++) await ledger.begin(poison.jobId);

    const second = node({ stateFile });
    expect(await second.node.pollOnce()).toEqual([]);
    expect(second.log).toEqual([`job #${poison.jobId}: skipped — the process stopped during 3 earlier attempts at this job; not tried again`]);
    expect(second.node.estimates.get(estimateKey(model.modelId, "stark"))).toBe(1234);
    await expectNotAccepted(poison.jobId);
    // another deployment's or account's state file is refused, naming the field
    await expect(JobLedger.open(stateFile, { ...scope, account: w.wallets.user.address })).rejects.toThrow(/belongs to account "0x[0-9a-fA-F]{40}", this process is account/);
  }, 240_000);
});
