// A batch job (issue 15, item 3): one job, one escrow, one proof for several rows. The user requests the cars model
// on three rows at goldilocks-128; the node proves all of them at once, the watchers attest, the job settles, and
// the user collects every row's verified, decrypted result. Then the dishonest node: a valid proof of the first two
// rows only, submitted for the three-row job, is refused at `rows` and slashed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserializeCiphertexts, seededRandom, serializeCiphertexts } from "../../src/lwe/index.js";
import { commitment } from "../../src/node/formats.js";
import { type PublishedModel, type World, attestAll, collectResult, licenceAndRelease, publishDataset, requestBatchInference, setUpWorld, trainAndPublishModel } from "../../src/node/marketplace-flow.js";
import { clearAccumulator, wrapToPlaintext } from "../../src/regression/index.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { proveInference, vmProofOptions } from "../../src/vm/inference.js";
import { encodeProofFile } from "../../src/vm/proof-file.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-batch-job-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  [8, 307, 130, 3504, 12],
  [4, 97, 88, 2130, 14.5],
  [6, 250, 100, 3329, 15.5],
];
const random = seededRandom("batch-job");
let w: World;
let model: PublishedModel;

beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(dir));
  const data = await publishDataset(w);
  const { releaseCid } = await licenceAndRelease(w, data);
  model = await trainAndPublishModel(w, data, releaseCid, "goldilocks-128", { weights: "public" });
  await w.clients.node.stake(10n ** 21n);
}, 120_000);
afterAll(async () => w?.chain.close());

describe("a batch job: one job, one escrow, one proof for three rows", () => {
  it("the node proves every row at once, the watchers attest, the user collects each row's clear quantised value", async () => {
    const job = await requestBatchInference(w, model, rows, "stark", { random });
    const [outcome] = await w.node.pollOnce();
    expect(outcome).toMatchObject({ jobId: job.jobId, tier: "stark" });
    const [verdict] = await attestAll(w);
    expect(verdict).toMatchObject({ valid: true, challenged: false });
    await w.chain.increaseTime(3601);
    await w.clients.user.finalise(job.jobId);
    const r = await collectResult(w, job, model);
    const params = deserializeCiphertexts(await w.store.get(job.inputCid))[0]!.params;
    const f = rows[0]!.length;
    const want = rows.map((_, b) => wrapToPlaintext(params, clearAccumulator(model.model.quantized, job.quantized.slice(b * f, (b + 1) * f))));
    expect(r.rows.map((x) => x.accumulator)).toEqual(want);
    expect(r.accumulator).toBe(want[0]);
  }, 180_000);

  it("a dishonest node proves only the first two rows: refused at rows, challenged, slashed", async () => {
    const job = await requestBatchInference(w, model, rows, "stark", { random });
    await w.clients.node.acceptJob(job.jobId);
    const honest = await w.node.loadProgram(model.modelId);
    const inputs = deserializeCiphertexts(await w.store.get(job.inputCid));
    const params = inputs[0]!.params;
    const short = proveInference(honest.program, params, honest.publicValues, inputs.slice(0, 10), { proofOptions: vmProofOptions(params, { zeroKnowledge: false }), rows: 2 });
    const bytes = new TextEncoder().encode(encodeProofFile(short.statement, short.proof));
    const proofCid = await w.store.put(bytes);
    await w.clients.node.submitResult(job.jobId, commitment(serializeCiphertexts(short.statement.outputs)), commitment(bytes), proofCid);
    const [verdict] = await attestAll(w);
    expect(verdict).toMatchObject({ valid: false, challenged: true });
    expect(verdict!.reason).toMatch(/the proof is about 2 rows, the verifier's input makes 3/);
    expect((await w.clients.user.job(job.jobId)).status).toBe("Slashed");
  }, 180_000);
});
