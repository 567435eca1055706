// Marketplace (licences, fee split, max price, pull payments) and node staking.
import { id } from "ethers";
import { describe, expect, it } from "vitest";
import { AssetKind } from "../../src/market/client.js";
import { EAI, publishPair, useWorld } from "./fixture.js";

const w = useWorld();

describe("Marketplace", () => {
  it("splits a data sale between creator and protocol, and a model sale with the data royalty", async () => {
    const { dataId, modelId } = await publishPair(w, EAI(100), EAI(50));
    // data: 2.5% protocol, 97.5% creator
    expect(await w.provider.owed()).toMatchObject({ marketplace: EAI(97.5) });
    expect(await w.admin.owed()).toMatchObject({ marketplace: EAI(2.5) });
    await w.user.buyAccess(AssetKind.Model, modelId, EAI(50));
    // model: 2.5% protocol; of the rest 10% royalty to the parent data set's owner
    expect((await w.admin.owed()).marketplace).toBe(EAI(2.5) + EAI(1.25));
    expect((await w.provider.owed()).marketplace).toBe(EAI(97.5) + EAI(4.875));
    expect((await w.engineer.owed()).marketplace).toBe(EAI(43.875));
    expect(await w.user.hasLicence(AssetKind.Model, modelId)).toBe(true);
    expect(await w.stranger.hasLicence(AssetKind.Data, dataId)).toBe(false);
    expect(await w.provider.hasLicence(AssetKind.Data, dataId)).toBe(true); // the owner
    const events = await w.user.licenceEvents();
    expect(events.map((e) => [e.kind, e.tokenId, e.price])).toEqual([[AssetKind.Data, dataId, EAI(100)], [AssetKind.Model, modelId, EAI(50)]]);
  });
  it("protects the buyer against a price raised between quote and purchase", async () => {
    const { modelId } = await publishPair(w, EAI(100), EAI(120));
    await w.engineer.setPricing(AssetKind.Model, modelId, EAI(150), EAI(10)); // front-running price change
    const before = await w.user.balance();
    await expect(w.user.buyAccess(AssetKind.Model, modelId, EAI(120))).rejects.toThrow("price rose above your max price 120 EAI: now 150 EAI");
    expect(await w.user.balance()).toBe(before);
  });
  it("refuses a second licence, and pays out only through withdraw", async () => {
    const { dataId } = await publishPair(w);
    await expect(w.engineer.buyAccess(AssetKind.Data, dataId, EAI(100))).rejects.toThrow(/already holds a licence/);
    const before = await w.provider.balance();
    expect(await w.provider.withdrawAll()).toBe(EAI(97.5));
    expect(await w.provider.balance()).toBe(before + EAI(97.5));
    await expect(w.provider.withdrawAll()).rejects.toThrow(/nothing to withdraw/);
    await expect(w.stranger.marketplace.getFunction("withdraw")()).rejects.toThrow();
  });
  it("fee parameters are admin-only and bounded", async () => {
    await expect(w.stranger.marketplace.getFunction("setFees")(100, 100, await w.stranger.address())).rejects.toThrow();
    await expect(w.admin.marketplace.getFunction("setFees")(1001, 100, await w.admin.address())).rejects.toThrow();
    await (await w.admin.marketplace.getFunction("setFees")(1000, 3000, await w.admin.address())).wait();
  });
  it("use fees credited without receiving tokens: a use fee is paid only with tokens that arrive in the same call", async () => {
    const { modelId } = await publishPair(w);
    const market = w.deployment.addresses.marketplace;
    // before: creditUseFee credited 195 EAI the marketplace never received; now nothing is credited without tokens
    await expect(w.stranger.marketplace.getFunction("payUseFee")(modelId, EAI(195))).rejects.toThrow();
    await (await w.stranger.token.getFunction("approve")(market, EAI(10))).wait();
    await (await w.stranger.marketplace.getFunction("payUseFee")(modelId, EAI(10))).wait();
    expect(await w.admin.balance(market)).toBe((await w.admin.marketplace.getFunction("totalOwed")()) as bigint);
  });
  it("a buyer without enough EAI gets a clear error", async () => {
    const { modelId } = await publishPair(w, EAI(1), EAI(20_000));
    await expect(w.stranger.buyAccess(AssetKind.Model, modelId, EAI(20_000))).rejects.toThrow(/insufficient EAI balance: .* has 10000 EAI, needs 20000 EAI/);
  });
});

describe("NodeStaking", () => {
  it("stakes, unbonds after the delay, and never releases locked stake", async () => {
    await w.node.stake(EAI(500));
    await w.node.requestUnstake(EAI(200));
    await expect(w.node.withdrawUnstaked()).rejects.toThrow(/still unbonding until/);
    await w.chain.increaseTime(7 * 24 * 3600);
    const before = await w.node.balance();
    await w.node.withdrawUnstaked();
    expect(await w.node.balance()).toBe(before + EAI(200));
    expect(await w.node.stakeOf()).toMatchObject({ staked: EAI(300), locked: 0n, unbonding: 0n });
    await expect(w.node.requestUnstake(EAI(301))).rejects.toThrow(/has 300 EAI of free stake, 301 EAI needed/);
    await expect(w.node.withdrawUnstaked()).rejects.toThrow(/NothingUnbonding/);
  });
  it("only the job manager locks, unlocks and slashes", async () => {
    await w.node.stake(EAI(500));
    const n = await w.node.address();
    for (const [fn, args] of [["lock", [n, 1n]], ["unlock", [n, 1n]], ["slash", [n, 1n, n]]] as const)
      await expect(w.node.staking.getFunction(fn)(...args)).rejects.toThrow();
  });
  it("stake locked by an accepted job cannot be withdrawn", async () => {
    const { modelId } = await publishPair(w);
    await w.node.stake(EAI(150));
    const jobId = await w.user.requestJob({ modelId, inputCommitment: id("in"), inputCid: "c", nodeFee: EAI(20), maxUseFee: EAI(10), deadline: 2n ** 40n, verifier: "validity" });
    await w.node.acceptJob(jobId); // locks max(100, 2 × 30) = 100
    expect(await w.node.stakeOf()).toMatchObject({ staked: EAI(150), locked: EAI(100) });
    await expect(w.node.requestUnstake(EAI(51))).rejects.toThrow(/has 50 EAI of free stake/);
  });
});
