// Issue 16, items 2 and 5: STARK-tier jobs settled by the contract's own check (StarkInferenceVerifier), on anvil.
// The contract rebuilds the statement from the job's files — the input file behind the input commitment, the output
// file behind the output hash, the model's registration — and its public inputs equal the TypeScript statement's.
// An honest node is paid; every dishonest node below is judged Invalid and slashed, and the party that settled the
// Invalid verdict earns the reward share. A settler cannot make an honest proof Invalid (too little gas, files that
// are not the job's), and a registration that the committed manifest does not give is refused by user and node.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { deserializeCiphertexts, seededRandom, serializeCiphertexts } from "../../src/lwe/index.js";
import { MarketError } from "../../src/market/errors.js";
import { type JobFiles, checkOnchainRegistration, familyTuple, onchainPublicInputs, registerOnchainModel, settleOnchain } from "../../src/market/onchain-settlement.js";
import { verifyingKeyTuple } from "../../src/prover/verifying-key.js";
import { commitment } from "../../src/node/formats.js";
import { trustedModelOf } from "../../src/node/job-verdict.js";
import {
  type PreparedInput,
  type PublishedData,
  type PublishedModel,
  type World,
  collectResult,
  licenceAndRelease,
  prepareInput,
  prepareRows,
  publishDataset,
  requestJobFor,
  setUpWorld,
  trainAndPublishModel,
} from "../../src/node/marketplace-flow.js";
import { openStore } from "../../src/storage/index.js";
import { InferenceNode } from "../../src/node/inference-node.js";
import { type OnchainRegistration, onchainRegistration } from "../../src/vm/onchain-family.js";
import { inferencePublicInputs } from "../../src/vm/onchain-key.js";
import { decodeProofFile } from "../../src/vm/proof-file.js";
import { trustedStatement } from "../../src/vm/statement.js";

const EAI = (x: number) => BigInt(x) * 10n ** 18n;
const CAR = [8, 307, 130, 3504, 12];
const OTHER_CAR = [4, 97, 88, 2130, 14.5];

// the content store in a folder this file removes
const storeDir = mkdtempSync(join(tmpdir(), "encryptai-onchain-settlement-"));
let anvil: AnvilNode;
let w: World;
let model: PublishedModel;
let reg: OnchainRegistration;
let input: PreparedInput;
let honest: JobFiles;
let honestJob: bigint;
let data: PublishedData;
let releaseCid: string;

/** A job on `p`, accepted by the auditor (the dishonest node here), with `output` and `proof` submitted. */
async function dishonestJob(p: PreparedInput, output: Uint8Array, proof: Uint8Array): Promise<bigint> {
  const { jobId } = await requestJobFor(w, model, p, "onchain");
  await w.clients.auditor.acceptJob(jobId);
  await w.clients.auditor.submitResult(jobId, commitment(output), commitment(proof), await w.store.put(proof));
  return jobId;
}

const verdictOf = async (jobId: bigint) => ["None", "Valid", "Invalid"][Number(await w.clients.user.jobs.getFunction("verdictOf")(jobId))];

beforeAll(async () => {
  anvil = await startAnvil();
  w = await setUpWorld(openStore({ dir: storeDir }), { chain: anvil });
  data = await publishDataset(w);
  releaseCid = (await licenceAndRelease(w, data)).releaseCid;
  model = await trainAndPublishModel(w, data, releaseCid, "goldilocks-128", { weights: "public", onchain: true });
  reg = onchainRegistration((await trustedModelOf(w.clients.user, w.store, model.modelId)).model, { zeroKnowledge: false });
  await w.clients.node.stake(EAI(200));
  await w.clients.auditor.stake(EAI(600));
  input = await prepareInput(w, model, CAR, { random: seededRandom("onchain-settlement/user") });
  honestJob = (await requestJobFor(w, model, input, "onchain")).jobId;
  const [outcome] = await w.node.pollOnce();
  const file = decodeProofFile(await w.store.get(outcome!.proofCid));
  honest = { input: input.input, output: file.outputBytes, proof: file.proof };
}, 240_000);
afterAll(async () => {
  await w?.chain.close();
  rmSync(storeDir, { recursive: true, force: true });
});

describe("an honest on-chain job", () => {
  it("is settled Valid by its node, finalised, paid, and decrypted by the user", async () => {
    expect(await verdictOf(honestJob)).toBe("Valid");
    const before = (await w.clients.node.owed()).jobs;
    await w.chain.increaseTime(3601);
    await w.clients.user.finalise(honestJob);
    expect((await w.clients.node.owed()).jobs - before).toBe(EAI(20));
    const r = await collectResult(w, { jobId: honestJob, inputCid: input.inputCid, keys: input.keys, quantized: input.quantized }, model);
    const clear = Number(model.model.intercept) + model.model.weights.reduce((s, wj, j) => s + wj * CAR[j]!, 0);
    expect(Math.abs(r.prediction - clear)).toBeLessThan(1.5);
  });

  it("has the TypeScript statement's public inputs, rebuilt by the contract from the job's files", async () => {
    const { model: committed } = await trustedModelOf(w.clients.user, w.store, model.modelId);
    const statement = trustedStatement({ model: committed, inputs: deserializeCiphertexts(honest.input) }, { outputs: deserializeCiphertexts(honest.output), scalarOutputs: [] }, reg.options);
    expect(await onchainPublicInputs(w.clients.user, reg, honest.input, honest.output)).toEqual(inferencePublicInputs(statement));
  });
});

describe("dishonest nodes are judged Invalid and slashed", () => {
  it("a tampered proof: Invalid, the challenge slashes, the settler earns the reward share", async () => {
    const proof = honest.proof.slice();
    proof[proof.length >> 1]! ^= 0x10;
    const jobId = await dishonestJob(input, honest.output, proof);
    const s = await settleOnchain(w.clients.watcher, jobId, reg, { ...honest, proof });
    expect(s.verdict).toBe("Invalid");
    await w.clients.user.challenge(jobId);
    expect((await w.clients.user.job(jobId)).status).toBe("Slashed");
    const owed = (await w.clients.user.onchainVerifier.getFunction("owed")(await w.clients.watcher.address())) as bigint;
    expect(owed).toBe((EAI(100) * 5000n) / 10_000n);
  });

  it("another job's output and proof (another input): Invalid", async () => {
    const other = await prepareInput(w, model, OTHER_CAR, { keys: input.keys, random: seededRandom("onchain-settlement/other") });
    const jobId = await dishonestJob(other, honest.output, honest.proof);
    const s = await settleOnchain(w.clients.watcher, jobId, reg, { input: other.input, output: honest.output, proof: honest.proof });
    expect(s.verdict).toBe("Invalid");
  });

  it("the honest proof with another output ciphertext: Invalid", async () => {
    const [ct] = deserializeCiphertexts(honest.output);
    ct!.data[0] = ct!.data[0]! ^ 1;
    const output = serializeCiphertexts([ct!]);
    const jobId = await dishonestJob(input, output, honest.proof);
    expect((await settleOnchain(w.clients.watcher, jobId, reg, { ...honest, output })).verdict).toBe("Invalid");
  });

  it("a malformed output file (bad checksum): Invalid, naming the file", async () => {
    const output = honest.output.slice();
    output[output.length - 1]! ^= 1;
    const jobId = await dishonestJob(input, output, honest.proof);
    const s = await settleOnchain(w.clients.watcher, jobId, reg, { ...honest, output });
    expect(s.verdict).toBe("Invalid");
    expect(s.failedCheck).toBe(w.clients.user.onchainVerifier.interface.getError("BadCiphertextFile")!.selector);
  });
  it("an output element not below p (checksum recomputed): Invalid, naming the file", async () => {
    // the first element of the output ciphertext: after the header, the parameter JSON, the key id and the count
    const output = honest.output.slice();
    const at = 9 + (output[7]! | (output[8]! << 8)) + 16 + 4;
    output.fill(0xff, at, at + 8);
    output.set(createHash("sha256").update(output.subarray(0, output.length - 32)).digest(), output.length - 32);
    expect(() => deserializeCiphertexts(output)).toThrow(/element ≥ q/);
    const jobId = await dishonestJob(input, output, honest.proof);
    const s = await settleOnchain(w.clients.watcher, jobId, reg, { ...honest, output });
    expect(s.verdict).toBe("Invalid");
    expect(s.failedCheck).toBe(w.clients.user.onchainVerifier.interface.getError("BadCiphertextFile")!.selector);
  });
});

describe("a settler cannot make an honest proof Invalid", () => {
  let jobId: bigint;
  beforeAll(async () => {
    jobId = await dishonestJob(input, honest.output, honest.proof);
  }, 60_000);

  it("files that are not the job's are refused and record nothing", async () => {
    const other = await prepareInput(w, model, OTHER_CAR, { keys: input.keys, random: seededRandom("onchain-settlement/other2") });
    await expect(settleOnchain(w.clients.watcher, jobId, reg, { ...honest, input: other.input })).rejects.toThrow(/input given is not the job's/);
    const proof = honest.proof.slice();
    proof[100]! ^= 1;
    await expect(settleOnchain(w.clients.watcher, jobId, reg, { ...honest, proof })).rejects.toThrow(/proof given is not the job's/);
    const wrong = { ...reg, key: { ...reg.key, publicTemplate: reg.key.publicTemplate.map((v, i) => (i === 0 && v !== undefined ? v + 1n : v)) } };
    await expect(settleOnchain(w.clients.watcher, jobId, wrong, honest)).rejects.toThrow(/not model #\d+'s registration/);
    expect(await verdictOf(jobId)).toBe("None");
  });

  it("too little gas reverts (out of gas has no check's name) and records nothing, in either phase", async () => {
    const v = w.clients.watcher.onchainVerifier;
    const args = [jobId, verifyingKeyTuple(reg.key), familyTuple(reg.family), honest.input, honest.output, honest.proof] as const;
    const needed = await v.getFunction("settle").estimateGas(...args);
    // out of gas while the statement is built (6 M: above the calldata's intrinsic cost, which anvil's rules price
    // at a floor of 10 gas per token), and while the proof is verified (its last ~45 %)
    for (const gasLimit of [6_000_000n, (needed * 90n) / 100n]) {
      const tx = v.getFunction("settle")(...args, { gasLimit });
      await expect(tx.then((t: { wait(): Promise<unknown> }) => t.wait())).rejects.toThrow();
      expect(await verdictOf(jobId)).toBe("None");
    }
    expect((await settleOnchain(w.clients.watcher, jobId, reg, honest)).verdict).toBe("Valid");
    await expect(settleOnchain(w.clients.watcher, jobId, reg, honest)).rejects.toThrow(/already settled/);
  });
});

describe("registrations", () => {
  it("only the model's owner registers, and only once", async () => {
    await expect(registerOnchainModel(w.clients.user, model.modelId, reg)).rejects.toThrow(/only the owner of model/);
    await expect(registerOnchainModel(w.clients.engineer, model.modelId, reg)).rejects.toThrow(/already registered/);
  });

  it("an input the contract would refuse (two rows on a one-row registration): the user does not pay, the node does not accept", async () => {
    // hostile review: the TypeScript loader and the node's feasibility take a batch; the contract's registration is
    // for one row, so such a job could never be settled and the node would work for nothing
    const rows = await prepareRows(w, model, [CAR, OTHER_CAR], { keys: input.keys, random: seededRandom("onchain-settlement/rows") });
    await expect(requestJobFor(w, model, rows, "onchain")).rejects.toThrow(/the on-chain verifier would refuse this input \(the file holds 10 ciphertexts; the model's on-chain registration takes 1 row of 5 \(5\)\)/);
    const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
    const jobId = await w.clients.user.requestJob({ modelId: model.modelId, inputCommitment: commitment(rows.input), inputCid: rows.inputCid, nodeFee: EAI(20), maxUseFee: EAI(10), deadline: now + 3600n, verifier: "onchain" });
    const said: string[] = [];
    const node = new InferenceNode(w.clients.node, w.store, { privateKey: w.wallets.node.privateKey, address: w.wallets.node.address }, { onProgress: (m) => said.push(m) });
    await node.pollOnce();
    expect((await w.clients.user.job(jobId)).status).toBe("Requested");
    expect(said.join("\n")).toMatch(new RegExp(`job #${jobId}: refused — .*the on-chain verifier would refuse this job's input`));
  });

  it("a registration the committed manifest does not give is refused by the user and by the node", async () => {
    const second = await trainAndPublishModel(w, data, releaseCid, "goldilocks-128", { weights: "private" });
    const own = onchainRegistration((await trustedModelOf(w.clients.user, w.store, second.modelId)).model, { zeroKnowledge: true });
    // another model's key and family name another program: the contract refuses them
    await expect(registerOnchainModel(w.clients.engineer, second.modelId, reg)).rejects.toThrow(/inconsistent with its verifying key: program hash/);
    // a prefix with another scalar-output count: the contract cannot tell, its users can
    const prefix = own.family.prefix.slice();
    prefix[prefix.length - 9]! ^= 1;
    await registerOnchainModel(w.clients.engineer, second.modelId, { ...own, family: { ...own.family, prefix } });
    const p = await prepareInput(w, second, CAR, { keys: input.keys, random: seededRandom("onchain-settlement/second") });
    await expect(requestJobFor(w, second, p, "onchain")).rejects.toThrow(/not the key and family its committed manifest gives/);
    await expect(checkOnchainRegistration(w.clients.node, second.modelId, own)).rejects.toThrow(MarketError);
    // a careless user who requests anyway: the node refuses the job before accepting it
    const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
    const jobId = await w.clients.user.requestJob({ modelId: second.modelId, inputCommitment: commitment(p.input), inputCid: p.inputCid, nodeFee: EAI(20), maxUseFee: EAI(10), deadline: now + 3600n, verifier: "onchain" });
    await w.node.pollOnce();
    expect((await w.clients.user.job(jobId)).status).toBe("Requested");
  });
});
