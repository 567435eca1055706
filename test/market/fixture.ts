// Shared test fixture: the embedded chain with the whole contract set deployed and a cast of funded actors.
// Each test starts from the same snapshot (evm_snapshot / evm_revert).
import { id, parseEther } from "ethers";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Chain, startInProcessChain } from "../../src/chain/in-process.js";
import { type Deployment } from "../../src/market/contracts.js";
import { AssetKind, MarketClient, deployAll } from "../../src/market/client.js";

export const EAI = (x: number | string) => parseEther(String(x));

export interface World {
  chain: Chain;
  deployment: Deployment;
  admin: MarketClient;
  provider: MarketClient;
  engineer: MarketClient;
  user: MarketClient;
  node: MarketClient;
  challenger: MarketClient;
  stranger: MarketClient;
}

export function useWorld(): World {
  const w = {} as World;
  let snap = "";
  beforeAll(async () => {
    w.chain = await startInProcessChain();
    w.deployment = await deployAll(await w.chain.signer(0));
    w.admin = new MarketClient(w.deployment, await w.chain.signer(0));
    const names = ["provider", "engineer", "user", "node", "challenger", "stranger"] as const;
    for (const [i, n] of names.entries()) {
      w[n] = w.admin.as(await w.chain.signer(i + 1));
      await w[n].faucet(EAI(10_000));
    }
    await w.admin.grantPublisher(await w.provider.address());
    await w.admin.grantPublisher(await w.engineer.address());
    snap = await w.chain.snapshot();
  }, 60_000);
  beforeEach(async () => {
    await w.chain.revert(snap);
    snap = await w.chain.snapshot();
  });
  afterAll(async () => {
    await w.chain?.close();
  });
  return w;
}

export async function now(w: World): Promise<bigint> {
  return BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
}

/** Publishes a data set (by provider) and a model derived from it (by engineer, who buys access first). */
export async function publishPair(w: World, dataPrice = EAI(100), modelPrice = EAI(50), useFee = EAI(10)): Promise<{ dataId: bigint; modelId: bigint }> {
  const dataId = await w.provider.publishDataset({ uri: "ipfs://data-meta", cid: "bafydata", contentHash: id(`data ${dataPrice}`), accessPrice: dataPrice, perUseFee: 0n });
  await w.engineer.buyAccess(AssetKind.Data, dataId, dataPrice);
  const modelId = await w.engineer.publishModel({ uri: "ipfs://model-meta", cid: "bafymodel", contentHash: id(`model ${modelPrice}`), accessPrice: modelPrice, perUseFee: useFee, programHash: id("program"), parents: [dataId] });
  return { dataId, modelId };
}

/** Requests a job (user), has the node stake and accept it; returns the job id. */
export async function acceptedJob(w: World, modelId: bigint, verifier: "validity" | "stark" = "validity", nodeFee = EAI(20)): Promise<bigint> {
  if ((await w.node.stakeOf()).staked === 0n) await w.node.stake(EAI(1000));
  const jobId = await w.user.requestJob({ modelId, inputCommitment: id("input"), inputCid: "bafyinput", nodeFee, maxUseFee: EAI(10), deadline: (await now(w)) + 3600n, verifier });
  await w.node.acceptJob(jobId);
  return jobId;
}

/** Makes `clients` bonded attestors of the STARK tier's quorum verifier (role granted by the admin, bond posted). */
export async function attestors(w: World, ...clients: MarketClient[]): Promise<void> {
  const bond = BigInt(w.deployment.parameters.attestorMinBond);
  for (const c of clients) {
    await w.admin.grantAttestor(await c.address());
    await c.bondAttestor(bond);
  }
}

/** The STARK tier's claim of a submitted job: its proof hash (what attestors vote on). */
export async function proofHashOf(w: World, jobId: bigint): Promise<string> {
  return (await w.user.job(jobId)).proofHash;
}
