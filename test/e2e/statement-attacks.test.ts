// The attacks of issue "Sound from model to payment" on the statement, played on the embedded chain with a real
// content store: a dishonest node proves a statement of ITS choosing — honestly, so the STARK itself is valid —
// and submits it. The watcher and the user build the statement from what the chain commits to (the ModelNFT's
// program hash and bound manifest, the job's input commitment) and must refuse it, naming the field; and the
// user must not collect a result that was slashed or is still inside its challenge window.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserializeCiphertexts, seededRandom } from "../../src/lwe/index.js";
import { commitment } from "../../src/node/formats.js";
import { judgeJob } from "../../src/node/job-verdict.js";
import { type PublishedModel, type RequestedJob, type World, collectResult, licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel, attestAll } from "../../src/node/marketplace-flow.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { assemble } from "../../src/vm/assembler.js";
import { proveInference, vmProofOptions } from "../../src/vm/inference.js";
import { encodeProofFile } from "../../src/vm/proof-file.js";
import { serializeCiphertexts } from "../../src/lwe/index.js";

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

const row = [8, 307, 130, 3504, 12];
const random = seededRandom("statement-attacks");
let w: World;
let publicModel: PublishedModel;

beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(tempFolder("encryptai-attacks-")));
  const data = await publishDataset(w);
  const { releaseCid } = await licenceAndRelease(w, data);
  publicModel = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
  await w.clients.node.stake(10n ** 21n);
}, 120_000);
afterAll(async () => w?.chain.close());

/** A dishonest node: accepts, proves `program` with `publicValues` on (some of) the job's inputs, submits it. */
async function submitOwnStatement(job: RequestedJob, program: ReturnType<typeof assemble>, publicValues: bigint[], only?: number) {
  const all = deserializeCiphertexts(await w.store.get(job.inputCid));
  const inputs = only === undefined ? all : all.slice(0, only);
  await w.clients.node.acceptJob(job.jobId);
  const params = inputs[0]!.params;
  const r = proveInference(program, params, publicValues, inputs, { proofOptions: vmProofOptions(params, { zeroKnowledge: false }) });
  const file = new TextEncoder().encode(encodeProofFile(r.statement, r.proof));
  const outputBytes = serializeCiphertexts([r.statement.outputs[0]!]);
  await w.store.put(outputBytes);
  await w.clients.node.submitResult(job.jobId, commitment(outputBytes), commitment(file), await w.store.put(file));
  return r;
}

describe("a dishonest node's statement", () => {
  it("the honest public-weights flow verifies, settles and decrypts (the baseline)", async () => {
    const job = await requestInference(w, publicModel, row, "stark", { random });
    await w.node.pollOnce();
    const [verdict] = await attestAll(w);
    expect(verdict).toMatchObject({ valid: true, challenged: false });
    await w.chain.increaseTime(3601);
    const r = await collectResult(w, job, publicModel);
    expect(r.prediction).toBeGreaterThan(10);
    expect(r.prediction).toBeLessThan(30);
  }, 120_000);

  it("node substitutes public weights: the model's shape with weights (0, 0, 0, 0, 0) and constant 4242 is refused by the watcher and the user", async () => {
    const job = await requestInference(w, publicModel, row, "stark", { random });
    const honest = await w.node.loadProgram(publicModel.modelId);
    const forged = await submitOwnStatement(job, honest.program, [0n, 0n, 0n, 0n, 0n, 4242n]);
    expect(forged.statement.programHash).toEqual(honest.manifest.programHash.map(BigInt)); // the same shape and hash
    // the user, before any watcher: the statement the chain commits to has the model's public values
    await w.chain.increaseTime(3601);
    await expect(collectResult(w, job, publicModel)).rejects.toThrow(/statement is not the job's: the proof's public values \(weights\) are not the model's/);
    const v = await judgeJob(w.clients.watcher, w.store, job.jobId);
    expect(v).toMatchObject({ valid: false, check: "statement" });
  }, 120_000);

  it("the node's own program read2 read smul read sadd (0·x + 7777): refused by the user, naming the program shape", async () => {
    const job = await requestInference(w, publicModel, row, "stark", { random });
    const own = assemble("read2\nread\nsmul\nread\nsadd");
    await submitOwnStatement(job, own, [0n, 7777n], 1);
    await w.chain.increaseTime(3601);
    await expect(collectResult(w, job, publicModel)).rejects.toThrow(/program shape \(16 steps\) is not the model's/);
  }, 120_000);

  it("a wrong result is not collected while its challenge window is open, nor after it was slashed", async () => {
    const job = await requestInference(w, publicModel, row, "stark", { random });
    const honest = await w.node.loadProgram(publicModel.modelId);
    await submitOwnStatement(job, honest.program, [0n, 0n, 0n, 0n, 0n, 4242n]);
    await expect(collectResult(w, job, publicModel)).rejects.toThrow(/the challenge window is open until .*: the result may still be shown wrong/);
    const [verdict] = await attestAll(w);
    expect(verdict).toMatchObject({ valid: false, challenged: true });
    expect((await w.clients.user.job(job.jobId)).status).toBe("Slashed");
    await expect(collectResult(w, job, publicModel)).rejects.toThrow(/was slashed \(its result was shown wrong, or it expired\): there is no result to collect/);
  }, 120_000);
});
