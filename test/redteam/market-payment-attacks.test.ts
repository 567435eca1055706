// Red team (issue 11, "sound from model to payment"), on the embedded chain with a real content store. (The
// economic attacks found alongside — a withheld input slashing the node, an unfinishable input, first-attestation-
// final — belong to issue 12 and are tested there.)
//
// 1. Careless/dishonest PUBLISHER: a model whose committed statement already has no usable noise bound (public
//    weight 2^40 at f128-128: ‖c‖ far above the ~2^22 the preset carries). requestInference used to escrow the fees
//    and only collectResult refused to decrypt, after the job had finalised and paid.
//    Secure behaviour asserted: the user does not pay for an output its own bound says it cannot decrypt
//    (fixed: requestInference computes the committed statement's bound before requesting).
//
// 2. Careless/dishonest PUBLISHER: the manifest declares immediateBits 16 while the program's own width is
//    narrower. The node used to prove with the program's own width and the watcher refused the statement at
//    "immediateBits": the honest node was slashed for the publisher's manifest.
//    Secure behaviour asserted: the honest node is not slashed (fixed: the node proves with the manifest's declared
//    width, which may be wider than the program's, and refuses one narrower than its program before accepting).
//
// 3. Privacy (issue 11, item 5): the private weights' program-hash salt came from the plain seeded stream: under
//    the demo's --seed two publications got the same salt and anyone who knows the seed could brute-force the
//    weights from the public hash.
//    Secure behaviour asserted: the salt is fresh (fixed: always from the OS CSPRNG).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getParams, seededRandom } from "../../src/lwe/index.js";
import { EAI, type PublishedData, type PublishedModel, type World, collectResult, licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel, worthOf } from "../../src/node/marketplace-flow.js";
import { MANIFEST_FORMAT, type ModelManifest, commitment, decodeManifest, encodeManifest } from "../../src/node/formats.js";
import { MANIFEST_VERSION } from "../../src/node/model-manifest.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { compileModel } from "../../src/vm/compile.js";
import { hashSpecFor } from "../../src/vm/inference.js";
import { OPCODES, immediateBitsOf } from "../../src/vm/isa.js";
import { statementNoise } from "../../src/vm/noise-bound.js";
import { programHash, programHashBytes } from "../../src/vm/program-hash.js";
import { committedModel } from "../../src/node/model-manifest.js";

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
const random = seededRandom("redteam-market");
let w: World;
let data: PublishedData;
let honestModel: PublishedModel;
let releaseCid: string;

beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(tempFolder("encryptai-redteam-market-")));
  data = await publishDataset(w);
  ({ releaseCid } = await licenceAndRelease(w, data));
  honestModel = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
  await w.clients.node.stake(10n ** 21n);
}, 180_000);
afterAll(async () => w?.chain.close());

describe("payment attacks", () => {
  it("publisher's model has no usable noise bound: the user pays, the job finalises, and only then decryption is refused", async () => {
    const params = getParams("f128-128");
    const spec = hashSpecFor(params);
    const honest = decodeManifest(await w.store.get(honestModel.manifestCid), honestModel.manifestCid);
    const compiled = compileModel({ circuitWeights: [2 ** 40, 1, 1, 1, 1], circuitConstant: 0 }, "public", spec.field.modulus);
    const h = programHash(compiled.program, undefined, spec, compiled.publicValues);
    const manifest: ModelManifest = {
      ...honest,
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      opcodes: compiled.program.instructions.map((i) => OPCODES[i.op]),
      programHash: h.map(String),
      weights: "public",
      immediateBits: immediateBitsOf(compiled.program.instructions, spec.field.modulus),
      publicValues: compiled.publicValues.map(String),
      nodePackages: {},
    };
    const bytes = encodeManifest(manifest);
    const cid = await w.store.put(bytes);
    const modelId = await w.clients.engineer.publishModel({
      uri: "encryptai://models/redteam-no-bound",
      cid,
      contentHash: commitment(bytes),
      programHash: `0x${Buffer.from(programHashBytes(h, spec)).toString("hex")}`,
      parents: [data.dataId],
      accessPrice: EAI(50),
      perUseFee: EAI(10),
    });
    const model: PublishedModel = { ...honestModel, modelId, manifestCid: cid };
    // the bound the user will decrypt under is known now, before any payment
    const known = statementNoise({ ...committedModel(manifest), inputs: new Array(5).fill(undefined) });
    expect(known.log2FailureProbability).toBeGreaterThan(-40);

    const before = await worthOf(w.clients.user);
    let requested = true;
    let outcome: string;
    try {
      const job = await requestInference(w, model, row, "stark", { random });
      await w.node.pollOnce();
      expect((await w.watcher.judge(job.jobId)).valid).toBe(true);
      expect((await w.watchers[1]!.judge(job.jobId)).valid).toBe(true);
      await w.chain.increaseTime(3601);
      await w.clients.user.finalise(job.jobId);
      try {
        await collectResult(w, job, model);
        outcome = "collected";
      } catch (e) {
        outcome = `collectResult: ${(e as Error).name}: ${(e as Error).message.slice(0, 100)}`;
      }
    } catch (e) {
      requested = false;
      outcome = `refused: ${(e as Error).message}`;
    }
    const paid = before - (await worthOf(w.clients.user));
    const evidence = `user paid ${paid / 10n ** 18n} EAI; ${outcome}`;
    // secure: refused before paying, or the result decrypts
    expect(!requested || outcome === "collected", evidence).toBe(true);
  }, 180_000);
  it("manifest declares immediateBits 16 for a program of narrower width: the honest node proves, the watcher slashes it", async () => {
    const honest = decodeManifest(await w.store.get(honestModel.manifestCid), honestModel.manifestCid);
    expect(honest.immediateBits).toBe(2); // public weights: no pushes
    const manifest: ModelManifest = { ...honest, immediateBits: 16 };
    const bytes = encodeManifest(manifest);
    const cid = await w.store.put(bytes);
    const onChainHash = (await w.clients.user.modelNft.getFunction("programHash")(honestModel.modelId)) as string;
    const modelId = await w.clients.engineer.publishModel({
      uri: "encryptai://models/redteam-wide-immediates",
      cid,
      contentHash: commitment(bytes),
      programHash: onChainHash,
      parents: [data.dataId],
      accessPrice: EAI(50),
      perUseFee: EAI(10),
    });
    const model: PublishedModel = { ...honestModel, modelId, manifestCid: cid };
    const job = await requestInference(w, model, row, "stark", { random });
    await w.node.pollOnce();
    const afterPoll = (await w.clients.user.job(job.jobId)).status;
    let reason = "not judged";
    if (afterPoll === "Submitted") for (const watcher of w.watchers) reason = (await watcher.judge(job.jobId)).reason;
    const status = (await w.clients.user.job(job.jobId)).status;
    expect(status, `after the node's pass: ${afterPoll}; watcher: ${reason}; now ${status}`).not.toBe("Slashed");
  }, 180_000);
  it("seeded publication: two publications of one model get one salt, and whoever knows the seed has it", async () => {
    const a = await trainAndPublishModel(w, data, releaseCid, "f128-128");
    const b = await trainAndPublishModel(w, data, releaseCid, "f128-128");
    const ma = decodeManifest(await w.store.get(a.manifestCid), a.manifestCid);
    const mb = decodeManifest(await w.store.get(b.manifestCid), b.manifestCid);
    expect(ma.weights).toBe("private");
    const recordsSeeded = JSON.stringify(ma).includes("seeded");
    expect(ma.programHash.join() !== mb.programHash.join() || recordsSeeded, `program hashes equal: ${ma.programHash.join() === mb.programHash.join()}; manifest records seeded: ${recordsSeeded}`).toBe(true);
  }, 180_000);
});
