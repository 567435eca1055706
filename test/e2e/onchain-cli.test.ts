// The on-chain STARK tier from the command line, against anvil (issue 16, item 5): the model's owner runs
// `encryptai register-onchain`, a user requests an on-chain job, one `encryptai node --once` pass proves, submits and
// settles it Valid; a dishonest node's job (a tampered proof in a well-formed proof file) is settled Invalid and
// challenged by one `encryptai settle --once` pass, which earns the settler the reward share of the slashed stake.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { saveDeployment } from "../../src/market/deployment-file.js";
import { seededRandom } from "../../src/lwe/index.js";
import { commitment } from "../../src/node/formats.js";
import { type PublishedModel, type World, licenceAndRelease, prepareInput, publishDataset, requestJobFor, setUpWorld, trainAndPublishModel } from "../../src/node/marketplace-flow.js";
import { OnchainSettler } from "../../src/node/onchain-settler.js";
import { FsBlockstore } from "../../src/storage/index.js";
import { decodeProofFile, encodeProofFile } from "../../src/vm/proof-file.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-onchain-cli-"));
let anvil: AnvilNode;
let w: World;
/** The registered model (the first test publishes it). */
let model: PublishedModel;
beforeAll(async () => {
  anvil = await startAnvil({ port: 19545 + Math.floor(Math.random() * 1000) });
  w = await setUpWorld(new FsBlockstore(join(dir, "store")), { chain: anvil });
  await saveDeployment(join(dir, "dep.json"), w.deployment);
}, 60_000);
afterAll(async () => {
  await anvil?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (key: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 180_000, env: { ...process.env, PARTY_KEY: key } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe("encryptai register-onchain / node / settle", () => {
  it("registers from the manifest, settles an honest job Valid and a dishonest one Invalid (challenged)", async () => {
    const data = await publishDataset(w);
    const { releaseCid } = await licenceAndRelease(w, data);
    model = await trainAndPublishModel(w, data, releaseCid, "goldilocks-128", { weights: "public" });
    const common = ["--rpc", anvil.rpcUrl, "--deployment", join(dir, "dep.json"), "--key", "PARTY_KEY", "--store", join(dir, "store")];
    // not registered yet: a user refuses to request an on-chain job
    const input = await prepareInput(w, model, [4, 120, 95, 2372, 15], { random: seededRandom("onchain-cli") });
    await expect(requestJobFor(w, model, input, "onchain")).rejects.toThrow(/not registered for on-chain verification/);
    // only the owner registers
    const stranger = cli(w.wallets.user.privateKey, "register-onchain", String(model.modelId), ...common);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toMatch(/only the owner of model #\d+ may register it/);
    const reg = cli(w.wallets.engineer.privateKey, "register-onchain", String(model.modelId), ...common);
    expect(reg.stderr).toBe("");
    expect(reg.code).toBe(0);
    expect(reg.stdout).toMatch(/^keyHash: 0x[0-9a-f]{64}$/m);

    await w.clients.node.stake(10n ** 21n);
    const honest = await requestJobFor(w, model, input, "onchain");
    const n = cli(w.wallets.node.privateKey, "node", ...common, "--once");
    expect(n.stderr).toBe("");
    expect(n.stdout).toMatch(new RegExp(`job #${honest.jobId}: settled on chain — Valid, \\d+ gas`));
    expect(await w.clients.user.verdictOf(honest.jobId)).toBe("Valid");

    // a dishonest node (the auditor's account): a tampered proof inside a well-formed proof file
    const proofCid = (await w.clients.user.jobs.getFunction("proofCid")(honest.jobId)) as string;
    const file = decodeProofFile(await w.store.get(proofCid));
    const proof = file.proof.slice();
    proof[proof.length >> 1]! ^= 0x04;
    await w.clients.auditor.stake(10n ** 20n * 3n);
    const bad = await requestJobFor(w, model, input, "onchain");
    await w.clients.auditor.acceptJob(bad.jobId);
    const badCid = await w.store.put(new TextEncoder().encode(encodeProofFile(file.statement, proof)));
    await w.clients.auditor.submitResult(bad.jobId, commitment(file.outputBytes), commitment(proof), badCid);
    const s = cli(w.wallets.watcher.privateKey, "settle", ...common, "--once");
    expect(s.stderr).toBe("");
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(new RegExp(`job #${bad.jobId}: settled on chain — Invalid \\(check 0x[0-9a-f]{8}\\)`));
    expect(s.stdout).toMatch(new RegExp(`job #${bad.jobId}: challenged`));
    expect((await w.clients.user.job(bad.jobId)).status).toBe("Slashed");
    expect((await w.clients.user.onchainVerifier.getFunction("owed")(w.wallets.watcher.address)) as bigint).toBeGreaterThan(0n);
  }, 300_000);

  it("a proof file without the committed proof cannot be settled by anyone: no verdict, named", async () => {
    const jobs = (await w.clients.user.jobs.getFunction("jobCount")()) as bigint;
    const input = await prepareInput(w, model, [4, 120, 95, 2372, 15], { random: seededRandom("onchain-cli-2") });
    const job = await requestJobFor(w, model, input, "onchain");
    expect(job.jobId).toBe(jobs + 1n);
    await w.clients.auditor.acceptJob(job.jobId);
    const garbage = await w.store.put(new TextEncoder().encode("not a proof file"));
    await w.clients.auditor.submitResult(job.jobId, commitment(new Uint8Array([1])), commitment(new Uint8Array([2])), garbage);
    const outcomes = await new OnchainSettler(w.clients.watcher, w.store).pollOnce();
    const mine = outcomes.find((o) => o.jobId === job.jobId)!;
    expect(mine.verdict).toBe("None");
    expect(mine.reason).toMatch(/cannot be read .*nobody can settle this job; it is refunded after the grace period/);
    expect(await w.clients.user.verdictOf(job.jobId)).toBe("None");
  }, 120_000);
});
