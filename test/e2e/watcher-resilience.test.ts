// A watcher that keeps running and slashes only wrong results (issue 12, items 2–3), on the embedded chain with a
// real content store and the 2-of-2 attestor quorum ("watcher" and "auditor"). Each attack used to end badly: a
// blob the watcher could not fetch became an INVALID vote and a challenge (the honest node slashed for the user's
// storage outage); a vote reverting (AlreadyAttested, now AlreadyVoted) made pollOnce throw — and `encryptai watch`
// exit — before it reached the next, wrong, result; the watcher walked from job #1 with its memory as its only state.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deserializeCiphertexts, seededRandom, serializeCiphertexts } from "../../src/lwe/index.js";
import { MarketClient } from "../../src/market/client.js";
import { commitment } from "../../src/node/formats.js";
import { JobLedger } from "../../src/node/job-ledger.js";
import { type PublishedModel, type RequestedJob, type World, licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel } from "../../src/node/marketplace-flow.js";
import { Watcher, type WatcherOptions } from "../../src/node/watcher.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { type ContentStore, NotFoundError } from "../../src/storage/store.js";
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

const dir = tempFolder("encryptai-watcher-");
const row = [8, 307, 130, 3504, 12];
const random = seededRandom("watcher-resilience");
let w: World;
let model: PublishedModel;

beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(join(dir, "store")));
  const data = await publishDataset(w);
  const { releaseCid } = await licenceAndRelease(w, data);
  model = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
  await w.clients.node.stake(10n ** 21n);
}, 120_000);
afterAll(async () => w?.chain.close());
// each test's jobs leave their challenge window: the next test's watchers pass over them
afterEach(async () => w.chain.increaseTime(3601));

/** The transactions a watcher sends, per job. */
type Sent = { attest: bigint[]; challenge: bigint[] };

/** The watcher's client, with its attest and challenge calls recorded (and optionally replaced). */
function spied(o: { attest?: (jobId: bigint) => Promise<void>; challenge?: (jobId: bigint) => Promise<void> } = {}): { client: MarketClient; sent: Sent } {
  const client = w.clients.watcher.as(w.clients.watcher.signer);
  const sent: Sent = { attest: [], challenge: [] };
  client.attest = async (jobId, proofHash, valid) => {
    sent.attest.push(jobId);
    await o.attest?.(jobId);
    return MarketClient.prototype.attest.call(client, jobId, proofHash, valid);
  };
  client.challenge = async (jobId, evidence) => {
    sent.challenge.push(jobId);
    await o.challenge?.(jobId);
    return MarketClient.prototype.challenge.call(client, jobId, evidence);
  };
  return { client, sent };
}

function watcher(client: MarketClient, o: WatcherOptions = {}, store: ContentStore = w.store): { watcher: Watcher; log: string[] } {
  const log: string[] = [];
  return { watcher: new Watcher(client, store, { ...o, onProgress: (m) => log.push(m) }), log };
}

const about = (log: string[], id: bigint) => log.filter((l) => l.startsWith(`job #${id}:`));

/** An honest job, proved and submitted by the node. */
async function honestJob(): Promise<RequestedJob> {
  const job = await requestInference(w, model, row, "stark", { random });
  const done = await w.node.pollOnce();
  expect(done.map((d) => d.jobId)).toContain(job.jobId);
  return job;
}

/** A dishonest node: the model's shape, proved with public values of its choosing. */
async function wrongJob(): Promise<RequestedJob> {
  const job = await requestInference(w, model, row, "stark", { random });
  const honest = await w.node.loadProgram(model.modelId);
  const inputs = deserializeCiphertexts(await w.store.get(job.inputCid));
  await w.clients.node.acceptJob(job.jobId);
  const params = inputs[0]!.params;
  const r = proveInference(honest.program, params, [0n, 0n, 0n, 0n, 0n, 4242n], inputs, { proofOptions: vmProofOptions(params, { zeroKnowledge: false }) });
  const file = new TextEncoder().encode(encodeProofFile(r.statement, r.proof));
  const outputBytes = serializeCiphertexts([r.statement.outputs[0]!]);
  await w.store.put(outputBytes);
  await w.clients.node.submitResult(job.jobId, commitment(outputBytes), commitment(file), await w.store.put(file));
  return job;
}

const status = async (job: RequestedJob) => (await w.clients.user.job(job.jobId)).status;
const proofHash = async (job: RequestedJob) => (await w.clients.user.job(job.jobId)).proofHash;

describe("no verdict is not an invalid verdict", () => {
  it("user withholds the input after submission: no attestation, no challenge, the honest node is not slashed; judged once the input is back", async () => {
    const job = await honestJob();
    let withheld = true;
    const store: ContentStore = {
      put: (b) => w.store.put(b),
      has: async (cid) => !(withheld && cid === job.inputCid) && (await w.store.has(cid)),
      get: async (cid, o) => {
        if (withheld && cid === job.inputCid) throw new NotFoundError(cid, "the user's (now offline) storage node");
        return w.store.get(cid, o);
      },
    };
    const { client, sent } = spied();
    const { watcher: v, log } = watcher(client, {}, store);
    expect(await v.pollOnce()).toEqual([]);
    expect(about(log, job.jobId)).toEqual([`job #${job.jobId}: no verdict yet — the input ${job.inputCid} cannot be fetched: block ${job.inputCid} not found in the user's (now offline) storage node; retrying while its challenge window is open`]);
    expect(sent).toEqual({ attest: [], challenge: [] });
    expect(await status(job)).toBe("Submitted");
    // a later pass, the input back: judged valid
    withheld = false;
    const verdicts = await v.pollOnce();
    expect(verdicts.find((x) => x.jobId === job.jobId)).toMatchObject({ valid: true, attested: true, challenged: false });
    expect(sent.attest).toEqual([job.jobId]);
    expect(sent.challenge).toEqual([]);
  }, 180_000);

  it("a proof check over the watcher's own budget: no verdict, no challenge", async () => {
    const job = await wrongJob();
    const { client, sent } = spied();
    const { watcher: v, log } = watcher(client, { budget: { memoryMiB: 64, timeMs: 1 } });
    expect(await v.pollOnce()).toEqual([]);
    expect(about(log, job.jobId)).toEqual([expect.stringMatching(new RegExp(`^job #${job.jobId}: no verdict yet — the proof file exceeded the check's budget: .*; retrying while its challenge window is open$`))]);
    expect(sent).toEqual({ attest: [], challenge: [] });
    expect(await status(job)).toBe("Submitted");
  }, 180_000);
});

describe("chain races are outcomes", () => {
  it("two watcher processes with one attestor key: the second one's AlreadyVoted is an outcome; its pass goes on and challenges the next, wrong, result", async () => {
    const first = await honestJob();
    const wrong = await wrongJob();
    await w.clients.auditor.attest(wrong.jobId, await proofHash(wrong), false); // the other attestor of the quorum
    // a first process with this attestor's key voted on the first job (then stopped, its state lost)
    await watcher(w.clients.watcher).watcher.judge(first.jobId);
    const { watcher: v, log } = watcher(w.clients.watcher);
    const verdicts = await v.pollOnce(); // does not throw
    expect(verdicts.find((x) => x.jobId === first.jobId)).toMatchObject({ valid: true, attested: false, challenged: false, races: [expect.stringMatching(/^attest: attest job #\d+: attestor 0x[0-9a-fA-F]{40} already voted on job #\d+'s proof 0x[0-9a-f]{64} \(AlreadyVoted\)$/)] });
    expect(about(log, first.jobId)).toEqual([expect.stringMatching(new RegExp(`^job #${first.jobId}: valid — STARK verified .*; not attested; race — attest: .*\\(AlreadyVoted\\)$`))]);
    expect(verdicts.find((x) => x.jobId === wrong.jobId)).toMatchObject({ valid: false, attested: true, challenged: true, races: [] });
    expect(await status(wrong)).toBe("Slashed");
  }, 180_000);

  it("a challenge that lands after the job is settled (WrongStatus): an outcome, and the job is done", async () => {
    const wrong = await wrongJob();
    await w.clients.auditor.attest(wrong.jobId, await proofHash(wrong), false);
    // the other upholder challenges between this watcher's vote (which completes the quorum) and its challenge
    const { client, sent } = spied({ challenge: async (id) => void (await w.clients.auditor.challenge(id)) });
    const { watcher: v, log } = watcher(client);
    const verdicts = await v.pollOnce();
    expect(verdicts.find((x) => x.jobId === wrong.jobId)).toMatchObject({ valid: false, attested: true, challenged: false, races: [expect.stringMatching(/^challenge: challenge job #\d+: job #\d+ is Slashed, the action needs Submitted \(WrongStatus\)$/)] });
    expect(about(log, wrong.jobId)).toHaveLength(1);
    expect(await status(wrong)).toBe("Slashed");
    // finished: a later pass sends nothing more for it
    await v.pollOnce();
    expect(sent.challenge.filter((id) => id === wrong.jobId)).toHaveLength(1);
  }, 180_000);

  it("an invalid vote before the quorum's verdict: the challenge is pending, and later passes retry it alone — no second check — until the verdict is Invalid", async () => {
    const wrong = await wrongJob();
    class Counting extends Watcher {
      checks = 0;
      override async check(jobId: bigint) {
        if (jobId === wrong.jobId) this.checks++;
        return super.check(jobId);
      }
    }
    const { client, sent } = spied();
    const log: string[] = [];
    const v = new Counting(client, w.store, { onProgress: (m) => log.push(m) });
    const [verdict] = (await v.pollOnce()).filter((x) => x.jobId === wrong.jobId);
    expect(verdict).toMatchObject({ valid: false, attested: true, challenged: false, challengePending: true });
    expect(about(log, wrong.jobId)).toEqual([expect.stringMatching(/: INVALID — .*; challenge pending until the quorum's verdict \(retried while the window is open\)$/)]);
    expect(sent.challenge).toEqual([]); // no transaction bound to revert
    expect(await v.pollOnce()).toEqual([]);
    expect(about(log, wrong.jobId)).toHaveLength(1);
    // the other attestor votes: the quorum's verdict is Invalid; the next pass only challenges
    await w.clients.auditor.attest(wrong.jobId, await proofHash(wrong), false);
    expect(await v.pollOnce()).toEqual([]);
    expect(about(log, wrong.jobId).at(-1)).toBe(`job #${wrong.jobId}: challenged — the attestors' quorum found it invalid`);
    expect({ checks: v.checks, attests: sent.attest.filter((id) => id === wrong.jobId).length }).toEqual({ checks: 1, attests: 1 });
    expect(await status(wrong)).toBe("Slashed");
  }, 180_000);
});

describe("a watcher that keeps its state", () => {
  it("restarted with its state file: never judges a finished job again, and skips a job it stopped on 3 times", async () => {
    const stateFile = join(dir, "watcher-state.json");
    const job = await honestJob();
    const a = watcher(w.clients.watcher, { stateFile });
    expect((await a.watcher.pollOnce()).map((x) => x.jobId)).toContain(job.jobId);
    // restart
    const { client, sent } = spied();
    const b = watcher(client, { stateFile });
    expect(await b.watcher.pollOnce()).toEqual([]);
    expect(about(b.log, job.jobId)).toEqual([]);
    expect(sent).toEqual({ attest: [], challenge: [] });
    // a job during which the watcher process died three times (each start saved before the check)
    const poison = await honestJob();
    const ledger = await JobLedger.open(stateFile, { role: "watcher", chainId: w.deployment.chainId, jobManager: w.deployment.addresses.jobManager, account: w.wallets.watcher.address });
    for (let i = 0; i < 3; i++) await ledger.begin(poison.jobId);
    const c = watcher(client, { stateFile });
    expect(await c.watcher.pollOnce()).toEqual([]);
    expect(about(c.log, poison.jobId)).toEqual([`job #${poison.jobId}: skipped — the watcher stopped during 3 earlier checks of this job; not judged again`]);
    expect(sent).toEqual({ attest: [], challenge: [] });
  }, 180_000);
});
