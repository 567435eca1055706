// Attack tests: reentrancy through a malicious token, unauthorised minting and role use, double settlement.
import { type Contract, Interface, id } from "ethers";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, contractAt, deployContract } from "../../src/market/contracts.js";
import { EAI, useWorld } from "./fixture.js";

const w = useWorld();
const guardError = new Interface(["error ReentrancyGuardReentrantCall()"]).getError("ReentrancyGuardReentrantCall")!.selector;

/** A marketplace, staking and job manager wired to a token that re-enters on every transfer. */
async function evilSet(): Promise<{ token: Contract; market: Contract; staking: Contract }> {
  const admin = w.admin.signer;
  const me = await admin.getAddress();
  const token = await deployContract("ReentrantToken", admin);
  const market = await deployContract("Marketplace", admin, await token.getAddress(), w.deployment.addresses.dataNft, w.deployment.addresses.modelNft, me, 0, me, 250, 1000);
  const staking = await deployContract("NodeStaking", admin, await token.getAddress(), 0, me, 0);
  return { token, market, staking };
}

describe("reentrancy", () => {
  it("withdraw cannot be re-entered from the token's transfer", async () => {
    const { token, market } = await evilSet();
    const m = contractAt("Marketplace", await market.getAddress(), w.provider.signer);
    // credit the provider by a sale through the evil marketplace
    const dataId = await w.provider.publishDataset({ uri: "u", cid: "c", contentHash: id("reentrancy data"), accessPrice: EAI(10), perUseFee: 0n });
    const buyer = w.user.signer;
    await (await token.getFunction("mint")(await buyer.getAddress(), EAI(100))).wait();
    await (await contractAt("ReentrantToken", await token.getAddress(), buyer).getFunction("approve")(await market.getAddress(), EAI(100))).wait();
    await (await contractAt("Marketplace", await market.getAddress(), buyer).getFunction("buyAccess")(0, dataId, EAI(10))).wait();
    // arm: during the payout transfer, call withdraw() again on the marketplace
    await (await token.getFunction("arm")(await market.getAddress(), m.interface.encodeFunctionData("withdraw"))).wait();
    await (await m.getFunction("withdraw")()).wait();
    expect(await token.getFunction("attempted")()).toBe(true);
    expect(await token.getFunction("reentrySucceeded")()).toBe(false);
    expect(await token.getFunction("reentryRevertData")()).toBe(guardError);
    expect(await m.getFunction("owed")(await w.provider.address())).toBe(0n);
    expect(await token.getFunction("balanceOf")(await market.getAddress())).toBe(await m.getFunction("totalOwed")());
  });
  it("buyAccess cannot be re-entered from the payment transfer", async () => {
    const { token, market } = await evilSet();
    const buyer = w.user.signer;
    const d1 = await w.provider.publishDataset({ uri: "u", cid: "c", contentHash: id("r1"), accessPrice: EAI(1), perUseFee: 0n });
    const d2 = await w.provider.publishDataset({ uri: "u", cid: "c", contentHash: id("r2"), accessPrice: EAI(1), perUseFee: 0n });
    await (await token.getFunction("mint")(await buyer.getAddress(), EAI(100))).wait();
    await (await contractAt("ReentrantToken", await token.getAddress(), buyer).getFunction("approve")(await market.getAddress(), EAI(100))).wait();
    const mi = new Interface(ARTIFACTS.Marketplace.abi as unknown as string[]);
    await (await token.getFunction("arm")(await market.getAddress(), mi.encodeFunctionData("buyAccess", [0, d2, EAI(1)]))).wait();
    await (await contractAt("Marketplace", await market.getAddress(), buyer).getFunction("buyAccess")(0, d1, EAI(1))).wait();
    expect(await token.getFunction("reentrySucceeded")()).toBe(false);
    expect(await token.getFunction("reentryRevertData")()).toBe(guardError);
  });
  it("staking withdrawal cannot be re-entered", async () => {
    const { token, staking } = await evilSet();
    const node = w.node.signer;
    const s = contractAt("NodeStaking", await staking.getAddress(), node);
    await (await token.getFunction("mint")(await node.getAddress(), EAI(100))).wait();
    await (await contractAt("ReentrantToken", await token.getAddress(), node).getFunction("approve")(await staking.getAddress(), EAI(100))).wait();
    await (await s.getFunction("stake")(EAI(100))).wait();
    await (await s.getFunction("requestUnstake")(EAI(100))).wait();
    await (await token.getFunction("arm")(await staking.getAddress(), s.interface.encodeFunctionData("withdrawUnstaked"))).wait();
    await (await s.getFunction("withdrawUnstaked")()).wait();
    expect(await token.getFunction("reentrySucceeded")()).toBe(false);
    expect(await token.getFunction("reentryRevertData")()).toBe(guardError);
  });
});

describe("unauthorised use", () => {
  it("no one but the admin grants roles, mints tokens, allows verifiers or sets fees", async () => {
    const s = w.stranger;
    const role = id("PUBLISHER_ROLE");
    await expect(s.factory.getFunction("grantRole")(role, await s.address())).rejects.toThrow();
    await expect(s.mint(await s.address(), 1n)).rejects.toThrow(/lacks the role/);
    await expect(s.jobs.getFunction("setVerifier")(await s.address(), true)).rejects.toThrow();
    await expect(s.dataNft.getFunction("bindMinter")(await s.address())).rejects.toThrow();
    await expect(s.grantPublisher(await s.address())).rejects.toThrow(/lacks the role/);
  });
});
