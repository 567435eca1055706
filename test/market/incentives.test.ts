// The incentive attacks of issue "A marketplace no party can game", each a transaction sequence on the embedded
// chain, named after the attack; together they are the rows of the incentive table in docs/contracts.md. Each fails
// on the old contracts (silence read as valid, one attestor deciding alone, the stake paid to the user or the first
// challenger, plain AccessControl admins, creditUseFee, unbounded parents, unvalidated parameters, squattable
// content hashes) and holds now.
import { type Contract, Interface, id } from "ethers";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMETERS, DeployParameterError, deployContract, validateParameters } from "../../src/market/contracts.js";
import { deployAll } from "../../src/market/client.js";
import { explain } from "../../src/market/errors.js";
import { EAI, acceptedJob, attestors, publishPair, useWorld } from "./fixture.js";

const w = useWorld();

/** A STARK-tier job accepted and submitted by the node, with the proof hash `proof`. */
async function submittedStarkJob(modelId: bigint, proof: string): Promise<bigint> {
  const jobId = await acceptedJob(w, modelId, "stark");
  await w.node.submitResult(jobId, id("output"), id(proof), "bafyproof");
  return jobId;
}

describe("silence is read as valid", () => {
  it("a node's garbage with no attestor acting is never paid: finalise refused, the job refunded after the grace", async () => {
    const { modelId } = await publishPair(w);
    const jobId = await submittedStarkJob(modelId, "garbage");
    await w.chain.increaseTime(3600);
    await expect(w.node.finalise(jobId)).rejects.toThrow(/has verdict None: it is paid only on a Valid verdict/);
    await expect(w.user.refundUndecided(jobId)).rejects.toThrow(/may still get a verdict until/);
    await w.chain.increaseTime(3600);
    await w.user.refundUndecided(jobId);
    expect((await w.user.job(jobId)).status).toBe("Refunded");
    expect((await w.node.owed()).jobs).toBe(0n); // not paid
    expect((await w.user.owed()).jobs).toBe(EAI(30)); // escrow back
    expect(await w.node.stakeOf()).toMatchObject({ staked: EAI(1000), locked: 0n }); // nobody showed it wrong
  });
  it("a verdict given in time stands: an undecided refund is refused once the quorum has spoken", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.stranger);
    const jobId = await submittedStarkJob(modelId, "p");
    await w.challenger.attest(jobId, id("p"), true);
    await w.stranger.attest(jobId, id("p"), true);
    await w.chain.increaseTime(2 * 3600);
    await expect(w.user.refundUndecided(jobId)).rejects.toThrow(/has verdict Valid: only a job without a verdict is refunded/);
    await w.user.finalise(jobId);
  });
});

describe("one attestor decides alone", () => {
  it("a lying attestor's first 'invalid' does not slash an honest node; the quorum upholds 'valid' and the liar pays", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.stranger, w.provider);
    const jobId = await submittedStarkJob(modelId, "honest");
    await w.provider.attest(jobId, id("honest"), false); // the liar, first
    await expect(w.user.challenge(jobId)).rejects.toThrow(/challenge rejected/); // one vote is not a verdict
    await w.challenger.attest(jobId, id("honest"), true);
    await w.stranger.attest(jobId, id("honest"), true);
    expect(await w.user.verdictOf(jobId)).toBe("Valid");
    await w.stranger.settleVotes(jobId, id("honest"));
    const penalty = BigInt(DEFAULT_PARAMETERS.attestorPenalty);
    expect((await w.provider.attestorBond()).bonded).toBe(BigInt(DEFAULT_PARAMETERS.attestorMinBond) - penalty);
    expect((await w.challenger.owed()).attestation).toBe(penalty / 2n);
    expect((await w.stranger.owed()).attestation).toBe(penalty / 2n);
    await w.chain.increaseTime(3600);
    await w.node.finalise(jobId);
    expect((await w.node.owed()).jobs).toBe(EAI(20));
    // the verifier holds exactly the bonds and what it owes
    const bonds = await Promise.all([w.challenger, w.stranger, w.provider].map((c) => c.attestorBond()));
    const owed = (await w.admin.starkVerifier.getFunction("totalOwed")()) as bigint;
    expect(await w.admin.balance(w.deployment.addresses.starkVerifier)).toBe(bonds.reduce((s, b) => s + b.bonded + b.unbonding, 0n) + owed);
  });
  it("a colluding user and attestor cannot take the escrow plus the stake: a wrong verdict needs the quorum, and a slash pays the user only its escrow", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.stranger);
    const jobId = await submittedStarkJob(modelId, "wrong");
    const before = (await w.user.owed()).jobs;
    await w.challenger.attest(jobId, id("wrong"), false);
    await w.stranger.attest(jobId, id("wrong"), false);
    await w.user.challenge(jobId);
    expect((await w.user.owed()).jobs - before).toBe(EAI(30)); // before: 130 EAI (escrow + the whole stake)
  });
  it("an attestor may not vote on its own job, and must be bonded to vote", async () => {
    const { modelId } = await publishPair(w);
    await w.admin.grantAttestor(await w.node.address());
    const jobId = await submittedStarkJob(modelId, "mine");
    await expect(w.node.attest(jobId, id("mine"), true)).rejects.toThrow(/has 0 EAI bonded, 100 EAI needed to vote/);
    await w.node.bondAttestor(EAI(100));
    await expect(w.node.attest(jobId, id("mine"), true)).rejects.toThrow(/may not vote on its own job/);
  });
});

describe("stakes that punish only the guilty", () => {
  it("on expiry the whole stake went to the user: now the user is made whole, the stake goes to the treasury", async () => {
    const { modelId } = await publishPair(w);
    const jobId = await acceptedJob(w, modelId);
    const treasury = (await w.admin.owed()).jobs;
    await w.chain.increaseTime(3601);
    await w.user.expire(jobId);
    expect((await w.user.owed()).jobs).toBe(EAI(30)); // before: 130 EAI
    expect((await w.admin.owed()).jobs - treasury).toBe(EAI(100));
  });
  it("a zero-fee job no longer nets the user the node's stake", async () => {
    const { modelId } = await publishPair(w, EAI(100), EAI(50), 0n);
    const jobId = await acceptedJob(w, modelId, "validity", 0n);
    await w.chain.increaseTime(3601);
    await w.user.expire(jobId);
    expect((await w.user.owed()).jobs).toBe(0n); // before: +100 EAI
  });
  it("challenge rewards are a race: a bot calling challenge first gets nothing, the quorum's attestors share the reward", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.provider);
    const jobId = await submittedStarkJob(modelId, "bad");
    await w.challenger.attest(jobId, id("bad"), false);
    await w.provider.attest(jobId, id("bad"), false);
    await w.stranger.challenge(jobId); // the bot
    expect(await w.stranger.owed()).toMatchObject({ jobs: 0n, attestation: 0n });
    expect((await w.challenger.owed()).attestation).toBe(EAI(25));
    expect((await w.provider.owed()).attestation).toBe(EAI(25));
  });
  it("a node challenging its own wrong result recovers nothing", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.stranger);
    const jobId = await submittedStarkJob(modelId, "own wrong");
    await w.challenger.attest(jobId, id("own wrong"), false);
    await w.stranger.attest(jobId, id("own wrong"), false);
    await w.node.challenge(jobId);
    expect(await w.node.owed()).toMatchObject({ jobs: 0n, attestation: 0n }); // before: half its stake back
    expect(await w.node.stakeOf()).toMatchObject({ staked: EAI(900), locked: 0n });
  });
});

describe("admin powers as documented", () => {
  it("a new admin granted itself the job-manager role and slashed a node's free stake: the staking's job manager is bound once, no role to grant", async () => {
    await w.node.stake(EAI(500));
    const staking = w.admin.staking;
    await expect(staking.getFunction("bindJobManager")(await w.admin.address())).rejects.toThrow();
    await expect(w.admin.staking.getFunction("slash")(await w.node.address(), EAI(500), await w.admin.address())).rejects.toThrow();
    expect((await w.node.stakeOf()).staked).toBe(EAI(500));
  });
  it("every contract's admin moves only by the delayed two-step transfer", async () => {
    const contracts = [w.admin.token, w.admin.dataNft, w.admin.modelNft, w.admin.marketplace, w.admin.factory, w.admin.staking, w.admin.jobs, w.admin.starkVerifier];
    const newAdmin = await w.stranger.address();
    const iface = new Interface(["error AccessControlEnforcedDefaultAdminRules()"]);
    for (const c of contracts) {
      // a plain grant of the admin role is refused
      await expect(c.getFunction("grantRole")(ZERO_ROLE, newAdmin)).rejects.toMatchObject({ data: iface.getError("AccessControlEnforcedDefaultAdminRules")!.selector });
      expect(await c.getFunction("defaultAdminDelay")()).toBe(BigInt(DEFAULT_PARAMETERS.adminTransferDelay));
      await (await c.getFunction("beginDefaultAdminTransfer")(newAdmin)).wait();
    }
    // nobody can accept before the delay
    const asNewAdmin = (c: Contract) => c.connect(w.stranger.signer) as Contract;
    for (const c of contracts) await expect(asNewAdmin(c).getFunction("acceptDefaultAdminTransfer")()).rejects.toThrow();
    await w.chain.increaseTime(DEFAULT_PARAMETERS.adminTransferDelay + 1);
    for (const c of contracts) await (await asNewAdmin(c).getFunction("acceptDefaultAdminTransfer")()).wait();
    expect(await w.admin.token.getFunction("defaultAdmin")()).toBe(newAdmin);
  });
  it("the NFTs' minter is bound once: no admin can mint assets", async () => {
    await expect(w.admin.dataNft.getFunction("bindMinter")(await w.admin.address())).rejects.toThrow();
    await expect(w.admin.dataNft.getFunction("mint")(await w.admin.address(), ["u", "c", id("x"), 1n, 0n, await w.admin.address()])).rejects.toThrow();
  });
});

describe("accounting and gas bounds", () => {
  it("a model with many parents bricked its jobs: at most 16 distinct parents", async () => {
    const { dataId } = await publishPair(w);
    const base = { uri: "u", cid: "c", accessPrice: 1n, perUseFee: 1n, programHash: id("p") };
    await expect(w.engineer.publishModel({ ...base, contentHash: id("wide"), parents: Array.from({ length: 17 }, () => dataId) })).rejects.toThrow(/at most 16 data sets, this one names 17/);
    await expect(w.engineer.publishModel({ ...base, contentHash: id("twice"), parents: [dataId, dataId] })).rejects.toThrow(/data set #1 is named twice as a parent/);
  });
  it("deploy parameters were not validated (challengerShareBps = 20000 made every challenge revert with Panic 0x11)", async () => {
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, challengerShareBps: 20_000 })).toThrow(DeployParameterError);
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, challengerShareBps: 20_000 })).toThrow("deploy parameter challengerShareBps: must be an integer in [0, 10000], got 20000");
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, quorum: 0 })).toThrow(/quorum: must be an integer in \[1, 32\]/);
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, attestorPenalty: (10n ** 30n).toString() })).toThrow(/attestorPenalty: must not exceed attestorMinBond/);
    await expect(deployAll(w.admin.signer, { ...DEFAULT_PARAMETERS, challengerShareBps: 20_000 })).rejects.toThrow(DeployParameterError);
    // the contract checks too, with a named error
    const a = w.deployment.addresses;
    const me = await w.admin.address();
    const refused = await deployContract("JobManager", w.admin.signer, a.token, a.modelNft, a.marketplace, a.staking, me, 0, me, 3600, 3600, 1n, 2, 20_000).then(() => undefined, explain);
    expect(refused).toMatchObject({ errorName: "InvalidParameter", message: "parameter challengerShareBps = 20000 is out of range (InvalidParameter)" });
  });
});

describe("content-hash squatting", () => {
  it("a squatter who sees a publication in the mempool cannot publish its content hash first", async () => {
    const hash = id("the provider's data");
    const squatter = w.engineer;
    // without a commitment a block old, a publication reverts
    await expect(squatter.factory.getFunction("publishDataset")(["u", "bafy", hash, 1n, 0n], id("any salt"))).rejects.toThrow();
    // the provider's commitment hides the content hash (salted)
    const salt = await w.provider.commitPublication({ contentHash: hash, cid: "bafy" });
    // the squatter commits on seeing the reveal, but must wait a block: the provider's reveal lands first
    const squatSalt = id("squat");
    const squatCommitment = (await squatter.factory.getFunction("publicationCommitment")(await squatter.address(), hash, "bafy", squatSalt)) as string;
    await (await squatter.factory.getFunction("commitPublication")(squatCommitment)).wait();
    await (await w.provider.factory.getFunction("publishDataset")(["u", "bafy", hash, 1n, 0n], salt)).wait();
    await expect(squatter.factory.getFunction("publishDataset")(["u", "bafy", hash, 1n, 0n], squatSalt)).rejects.toThrow();
    expect(await w.provider.dataNft.getFunction("ownerOf")(1n)).toBe(await w.provider.address());
  });
});

const ZERO_ROLE = "0x0000000000000000000000000000000000000000000000000000000000000000";
