// JobManager: the whole job life cycle, both verifier tiers, every revert path, settlement exactly once.
import { id } from "ethers";
import { describe, expect, it } from "vitest";
import { EAI, acceptedJob, attestors, now, publishPair, useWorld } from "./fixture.js";

const w = useWorld();

describe("compute jobs", () => {
  it("happy path: submit, challenge window, finalise; everyone paid exactly once", async () => {
    const { modelId } = await publishPair(w);
    const jobId = await acceptedJob(w, modelId);
    const proof = await w.node.validityProofHash(jobId, id("input"), id(`model ${EAI(50)}`));
    await w.node.submitResult(jobId, id("output"), proof, "bafyproof");
    await expect(w.user.challenge(jobId)).rejects.toThrow(/challenge rejected: the verifier accepts/);
    await expect(w.node.finalise(jobId)).rejects.toThrow(/can be finalised after its challenge window closes/);
    await w.chain.increaseTime(3600);
    await w.stranger.finalise(jobId);
    await expect(w.node.finalise(jobId)).rejects.toThrow(/job #1 is Finalised, the action needs Submitted/);
    expect((await w.node.owed()).jobs).toBe(EAI(20));
    expect((await w.engineer.owed()).marketplace).toBe(EAI(8.775)); // 10 × 0.975 × 0.9
    expect(await w.node.stakeOf()).toMatchObject({ locked: 0n });
    expect((await w.user.job(jobId)).status).toBe("Finalised");
    const events = await w.user.jobEvents();
    expect(events.filter((e) => e.name === "JobFinalised")).toHaveLength(1);
  });
  it("validity tier: a wrong proof hash is challenged, the node slashed, the user refunded; the stake to the treasury", async () => {
    const { modelId } = await publishPair(w);
    const jobId = await acceptedJob(w, modelId);
    await w.node.submitResult(jobId, id("output"), id("not the model's validity hash"), "bafyproof");
    expect(await w.user.verdictOf(jobId)).toBe("Invalid");
    await w.chain.increaseTime(3600);
    await expect(w.node.finalise(jobId)).rejects.toThrow(/job #1 has verdict Invalid: it is paid only on a Valid verdict/);
    const before = await w.user.owed();
    const treasury = (await w.admin.owed()).jobs;
    await w.challenger.challenge(jobId);
    expect((await w.user.job(jobId)).status).toBe("Slashed");
    expect((await w.challenger.owed()).jobs).toBe(0n); // the caller gains nothing
    expect((await w.user.owed()).jobs - before.jobs).toBe(EAI(30)); // escrow back, no profit
    expect((await w.admin.owed()).jobs - treasury).toBe(EAI(100)); // a validity verdict has no attestors to reward
    expect(await w.node.stakeOf()).toMatchObject({ staked: EAI(900), locked: 0n });
    await expect(w.node.finalise(jobId)).rejects.toThrow(/is Slashed/);
    await expect(w.challenger.challenge(jobId)).rejects.toThrow(/is Slashed/);
  });
  it("STARK tier: a quorum of 2 attestors; a Valid verdict pays, an Invalid one slashes and rewards the attestors who found it", async () => {
    const { modelId } = await publishPair(w);
    await attestors(w, w.challenger, w.stranger, w.provider);
    const good = await acceptedJob(w, modelId, "stark");
    await w.node.submitResult(good, id("out"), id("proof-1"), "cid");
    await w.challenger.attest(good, id("proof-1"), true);
    expect(await w.user.verdictOf(good)).toBe("None"); // one vote is not a verdict
    await w.stranger.attest(good, id("proof-1"), true);
    expect(await w.user.verdictOf(good)).toBe("Valid");
    await expect(w.user.challenge(good)).rejects.toThrow(/challenge rejected/);
    await w.chain.increaseTime(3600);
    await w.user.finalise(good);
    const bad = await acceptedJob(w, modelId, "stark");
    await w.node.submitResult(bad, id("out"), id("proof-2"), "cid");
    await expect(w.user.attest(bad, id("proof-2"), false)).rejects.toThrow(/lacks the role/);
    await w.challenger.attest(bad, id("proof-2"), false);
    await expect(w.challenger.attest(bad, id("proof-2"), true)).rejects.toThrow(/already voted on job #2/);
    await w.stranger.attest(bad, id("proof-2"), false);
    await w.user.challenge(bad);
    expect((await w.user.job(bad)).status).toBe("Slashed");
    // 50 % of the 100 EAI stake to the two upholders, 25 each
    expect((await w.challenger.owed()).attestation).toBe(EAI(25));
    expect((await w.stranger.owed()).attestation).toBe(EAI(25));
  });
  it("a node that misses the deadline is slashed and the user refunded, no more (node killed mid-job)", async () => {
    const { modelId } = await publishPair(w);
    const jobId = await acceptedJob(w, modelId);
    await expect(w.user.expire(jobId)).rejects.toThrow(/is not overdue/);
    await w.chain.increaseTime(3601);
    await expect(w.node.submitResult(jobId, id("o"), id("p"), "c")).rejects.toThrow(/deadline .* has passed/);
    await w.stranger.expire(jobId);
    const j = await w.user.job(jobId);
    expect(j.status).toBe("Slashed");
    expect((await w.user.owed()).jobs).toBe(EAI(30));
    await expect(w.stranger.expire(jobId)).rejects.toThrow(/is Slashed/);
  });
  it("unaccepted jobs can be cancelled by their user or expire into a refund", async () => {
    const { modelId } = await publishPair(w);
    const req = async () => w.user.requestJob({ modelId, inputCommitment: id("i"), inputCid: "c", nodeFee: EAI(1), maxUseFee: EAI(10), deadline: (await now(w)) + 100n, verifier: "validity" });
    const a = await req();
    await expect(w.stranger.cancelJob(a)).rejects.toThrow(/NotJobUser/);
    await w.user.cancelJob(a);
    const b = await req();
    await w.chain.increaseTime(101);
    await w.stranger.expire(b);
    await expect(w.node.acceptJob(b)).rejects.toThrow(/is Cancelled/);
    expect((await w.user.owed()).jobs).toBe(EAI(22));
  });
  it("names bad requests: fee above max, past deadline, unknown verifier, wrong node, unknown job, no stake", async () => {
    const { modelId } = await publishPair(w, EAI(1), EAI(1), EAI(15));
    const base = { modelId, inputCommitment: id("i"), inputCid: "c", nodeFee: EAI(1), maxUseFee: EAI(10), deadline: (await now(w)) + 100n, verifier: "validity" as const };
    await expect(w.user.requestJob(base)).rejects.toThrow("request job: the model's per-use fee rose above your max 10 EAI: now 15 EAI");
    await expect(w.user.requestJob({ ...base, maxUseFee: EAI(15), deadline: 1n })).rejects.toThrow(/is not in the future/);
    await expect(w.user.jobs.getFunction("requestJob")(modelId, id("i"), "c", 0n, EAI(15), 2n ** 40n, await w.user.address())).rejects.toThrow();
    const jobId = await w.user.requestJob({ ...base, maxUseFee: EAI(15) });
    await expect(w.node.acceptJob(jobId)).rejects.toThrow(/has 0 EAI of free stake, 100 EAI needed/);
    await w.node.stake(EAI(100));
    await w.node.acceptJob(jobId);
    await expect(w.stranger.submitResult(jobId, id("o"), id("p"), "c")).rejects.toThrow(/only the node that accepted job #1/);
    await expect(w.user.job(77n)).rejects.toThrow(/job #77 does not exist/);
  });
});
