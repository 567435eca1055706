/**
 * Gas report: gas used by each contract function along the marketplace flow, on the embedded chain
 * (Hardhat, cancun rules, solc 0.8.30 with the optimizer at 200 runs).
 */
import { type ContractTransactionResponse, type Signer, id, parseEther } from "ethers";
import { startInProcessChain } from "../src/chain/in-process.js";
import { AssetKind, MarketClient, deployAll } from "../src/market/client.js";
import { type ContractName, deployContract } from "../src/market/contracts.js";
import type { Measurement } from "./harness.js";

export async function benchGas(): Promise<Measurement[]> {
  const chain = await startInProcessChain();
  const out: Measurement[] = [];
  const gas = async (contract: string, fn: string, tx: Promise<ContractTransactionResponse>) => {
    const r = await (await tx).wait();
    out.push({ suite: "gas", name: `${contract}.${fn}`, params: "", msPerOp: 0, runs: 1, extra: { gas: Number(r!.gasUsed) } });
  };
  const admin = await chain.signer(0);
  const d = await deployAll(admin);
  // deployment costs: each contract deployed once more with the same constructor arguments
  const me = await admin.getAddress();
  const a = d.addresses;
  const p = d.parameters;
  const ctorArgs: [ContractName, unknown[]][] = [
    ["EncryptAIToken", [me, BigInt(p.tokenCap)]],
    ["DataNFT", [me]],
    ["ModelNFT", [me]],
    ["Marketplace", [a.token, a.dataNft, a.modelNft, me, me, p.protocolFeeBps, p.dataRoyaltyBps]],
    ["EncryptAIFactory", [me, p.adminTransferDelay, a.dataNft, a.modelNft, a.marketplace]],
    ["NodeStaking", [a.token, p.unbondingDelay, me]],
    ["JobManager", [a.token, a.modelNft, a.marketplace, a.staking, me, p.challengeWindow, BigInt(p.minJobStake), p.stakeMultiple, p.challengerShareBps]],
    ["ValidityProofVerifier", []],
    ["AttestedStarkVerifier", [me]],
  ];
  for (const [name, args] of ctorArgs) {
    const c = await deployContract(name, admin, ...args);
    const r = await c.deploymentTransaction()!.wait();
    out.push({ suite: "gas", name: `${name} (deploy)`, params: "", msPerOp: 0, runs: 1, extra: { gas: Number(r!.gasUsed) } });
  }
  const A = new MarketClient(d, admin);
  const as = async (i: number) => A.as((await chain.signer(i)) as Signer);
  const [provider, engineer, user, node, challenger] = await Promise.all([1, 2, 3, 4, 5].map(as));
  for (const c of [provider!, engineer!, user!, node!, challenger!]) await c.faucet(parseEther("10000"));
  await gas("EncryptAIToken", "faucet", A.token.getFunction("faucet")(parseEther("1")));
  await gas("EncryptAIFactory", "grantRole (publisher)", A.factory.getFunction("grantRole")(id("PUBLISHER_ROLE"), await provider!.address()));
  await A.grantPublisher(await engineer!.address());
  await gas("EncryptAIFactory", "publishDataset", provider!.factory.getFunction("publishDataset")(["ipfs://meta", "bafydata", id("data"), parseEther("100"), 0n]));
  await gas("EncryptAIToken", "approve", engineer!.token.getFunction("approve")(d.addresses.marketplace, parseEther("100")));
  await gas("Marketplace", "buyAccess (data set)", engineer!.marketplace.getFunction("buyAccess")(AssetKind.Data, 1n, parseEther("100")));
  await gas("EncryptAIFactory", "publishModel (1 parent)", engineer!.factory.getFunction("publishModel")(["ipfs://m", "bafymodel", id("model"), parseEther("50"), parseEther("10")], id("program"), [1n]));
  await user!.token.getFunction("approve")(d.addresses.marketplace, parseEther("50")).then((t: ContractTransactionResponse) => t.wait());
  await gas("Marketplace", "buyAccess (model, with royalty)", user!.marketplace.getFunction("buyAccess")(AssetKind.Model, 1n, parseEther("50")));
  await gas("AssetNFT", "setPricing", engineer!.modelNft.getFunction("setPricing")(1n, parseEther("55"), parseEther("10")));
  await node!.token.getFunction("approve")(d.addresses.staking, parseEther("1000")).then((t: ContractTransactionResponse) => t.wait());
  await gas("NodeStaking", "stake", node!.staking.getFunction("stake")(parseEther("1000")));
  await user!.token.getFunction("approve")(d.addresses.jobManager, parseEther("100")).then((t: ContractTransactionResponse) => t.wait());
  const deadline = BigInt((await chain.provider.getBlock("latest"))!.timestamp + 3600);
  const req = () => user!.jobs.getFunction("requestJob")(1n, id("input"), "bafyinput", parseEther("20"), parseEther("10"), deadline, d.addresses.validityVerifier);
  await gas("JobManager", "requestJob", req());
  await gas("JobManager", "acceptJob", node!.jobs.getFunction("acceptJob")(1n));
  const proof = await node!.validityProofHash(1n, id("input"), id("model"));
  await gas("JobManager", "submitResult", node!.jobs.getFunction("submitResult")(1n, id("out"), proof, "bafyproof"));
  await chain.increaseTime(3601);
  await gas("JobManager", "finalise (pays node, model, data, protocol)", node!.jobs.getFunction("finalise")(1n));
  const deadline2 = BigInt((await chain.provider.getBlock("latest"))!.timestamp + 3600);
  await user!.jobs.getFunction("requestJob")(1n, id("input2"), "c", parseEther("20"), parseEther("10"), deadline2, d.addresses.validityVerifier).then((t: ContractTransactionResponse) => t.wait());
  await node!.acceptJob(2n);
  await node!.submitResult(2n, id("out"), id("bad proof"), "c");
  await gas("JobManager", "challenge (validity tier, slash)", challenger!.jobs.getFunction("challenge")(2n, "0x"));
  await gas("Marketplace", "withdraw", provider!.marketplace.getFunction("withdraw")());
  await gas("JobManager", "withdraw", node!.jobs.getFunction("withdraw")());
  await gas("NodeStaking", "requestUnstake", node!.staking.getFunction("requestUnstake")(parseEther("100")));
  await chain.increaseTime(7 * 24 * 3600);
  await gas("NodeStaking", "withdrawUnstaked", node!.staking.getFunction("withdrawUnstaked")());
  await chain.close();
  return out;
}
