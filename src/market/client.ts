/**
 * The marketplace client (thesis §3 flow, §5 contracts) over ethers v6, used by scripts, the CLI, notebooks and
 * tests: deploy the whole set, publish data sets and models, buy access, stake, request / accept / submit /
 * challenge / finalise / expire jobs, withdraw, and read state and events back. Every failure is a MarketError
 * with a readable message (custom errors decoded).
 */
import { type Contract, type ContractTransactionReceipt, type EventLog, type Provider, type Signer, ZeroHash, hexlify, id, randomBytes } from "ethers";
import { type Deployment, type DeployParameters, DEFAULT_PARAMETERS, contractAt, deployContract, validateParameters } from "./contracts.js";
import { MarketError, explain } from "./errors.js";
import { deployStarkVerifier } from "./verifying-key-abi.js";

export enum AssetKind {
  Data = 0,
  Model = 1,
}
/** validity: names the model; stark: a STARK checked off chain by an attestor quorum; onchain: a STARK the EVM checks. */
export type VerifierTier = "validity" | "stark" | "onchain";
export const JOB_STATUS = ["None", "Requested", "Accepted", "Submitted", "Finalised", "Slashed", "Cancelled", "Refunded"] as const;
/** A verifier's verdict on a submitted claim (IVerifier.Verdict). */
export const VERDICTS = ["None", "Valid", "Invalid"] as const;
export type VerdictName = (typeof VERDICTS)[number];
export type JobStatus = (typeof JOB_STATUS)[number];

const ROLE = {
  MINTER: id("MINTER_ROLE"),
  PUBLISHER: id("PUBLISHER_ROLE"),
  ATTESTOR: id("ATTESTOR_ROLE"),
};

/** Sends a transaction and waits for its receipt; any failure becomes a MarketError naming `what` and the decoded revert. */
export async function send(what: string, call: () => Promise<{ wait(): Promise<ContractTransactionReceipt | null> }>): Promise<ContractTransactionReceipt> {
  try {
    const tx = await call();
    const receipt = await tx.wait();
    if (!receipt) throw new MarketError(`${what}: no receipt`);
    return receipt;
  } catch (e) {
    const err = explain(e);
    throw new MarketError(`${what}: ${err.message}`, err.errorName, err.args);
  }
}

/** Lets a block pass: mines one on a dev node (Hardhat, anvil), else waits for the next. */
async function mineOrWait(provider: Provider): Promise<void> {
  try {
    await (provider as unknown as { send(method: string, params: unknown[]): Promise<unknown> }).send("evm_mine", []);
  } catch {
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Deploys and wires the whole contract set; `admin` signs everything. Every contract's admin role moves only by a
 * delayed two-step transfer; the minters, the staking's job manager and the verifier's job manager are bound once
 * here, so no admin can later give itself the power to mint or slash.
 */
export async function deployAll(admin: Signer, parameters: DeployParameters = DEFAULT_PARAMETERS): Promise<Deployment> {
  const p = parameters;
  validateParameters(p);
  const me = await admin.getAddress();
  const delay = p.adminTransferDelay;
  try {
    const token = await deployContract("EncryptAIToken", admin, me, delay, BigInt(p.tokenCap));
    const dataNft = await deployContract("DataNFT", admin, me, delay);
    const modelNft = await deployContract("ModelNFT", admin, me, delay);
    const marketplace = await deployContract("Marketplace", admin, await token.getAddress(), await dataNft.getAddress(), await modelNft.getAddress(), me, delay, me, p.protocolFeeBps, p.dataRoyaltyBps);
    const factory = await deployContract("EncryptAIFactory", admin, me, delay, await dataNft.getAddress(), await modelNft.getAddress(), await marketplace.getAddress());
    const staking = await deployContract("NodeStaking", admin, await token.getAddress(), p.unbondingDelay, me, delay);
    const jobManager = await deployContract(
      "JobManager",
      admin,
      await token.getAddress(),
      await modelNft.getAddress(),
      await marketplace.getAddress(),
      await staking.getAddress(),
      me,
      delay,
      me,
      p.challengeWindow,
      p.verdictGrace,
      BigInt(p.minJobStake),
      p.stakeMultiple,
      p.challengerShareBps,
    );
    const validity = await deployContract("ValidityProofVerifier", admin);
    const stark = await deployContract("AttestorQuorumVerifier", admin, await token.getAddress(), me, delay, p.quorum, BigInt(p.attestorMinBond), BigInt(p.attestorPenalty), p.attestorUnbondingDelay);
    await send("bind the data NFT's minter", () => dataNft.getFunction("bindMinter")(factory.getAddress()));
    await send("bind the model NFT's minter", () => modelNft.getFunction("bindMinter")(factory.getAddress()));
    await send("bind the staking's job manager", () => staking.getFunction("bindJobManager")(jobManager.getAddress()));
    await send("bind the verifier's job manager", () => stark.getFunction("bindJobManager")(jobManager.getAddress()));
    await send("allow verifier", () => jobManager.getFunction("setVerifier")(validity.getAddress(), true));
    await send("allow verifier", () => jobManager.getFunction("setVerifier")(stark.getAddress(), true));
    // the on-chain tier: the STARK verifier (its policy the default's minima) and the job binding over it
    const starkCheck = await deployStarkVerifier(admin);
    const onchain = await deployContract("StarkInferenceVerifier", admin, await starkCheck.getAddress(), await jobManager.getAddress(), await modelNft.getAddress(), await token.getAddress());
    await send("allow verifier", () => jobManager.getFunction("setVerifier")(onchain.getAddress(), true));
    const net = await admin.provider!.getNetwork();
    return {
      chainId: Number(net.chainId),
      deployer: me,
      blockNumber: await admin.provider!.getBlockNumber(),
      addresses: {
        token: await token.getAddress(),
        dataNft: await dataNft.getAddress(),
        modelNft: await modelNft.getAddress(),
        marketplace: await marketplace.getAddress(),
        factory: await factory.getAddress(),
        staking: await staking.getAddress(),
        jobManager: await jobManager.getAddress(),
        validityVerifier: await validity.getAddress(),
        starkVerifier: await stark.getAddress(),
        onchainVerifier: await onchain.getAddress(),
      },
      parameters: p,
    };
  } catch (e) {
    throw explain(e);
  }
}

export interface Publication {
  readonly uri: string;
  readonly cid: string;
  /** SHA-256 (or other 32-byte hash) of the plaintext content / the model file. */
  readonly contentHash: string;
  readonly accessPrice: bigint;
  readonly perUseFee: bigint;
}

export interface JobRequest {
  readonly modelId: bigint;
  readonly inputCommitment: string;
  readonly inputCid: string;
  readonly nodeFee: bigint;
  readonly maxUseFee: bigint;
  /** Unix seconds. */
  readonly deadline: bigint;
  readonly verifier: VerifierTier;
}

export interface JobView {
  readonly id: bigint;
  readonly user: string;
  readonly modelId: bigint;
  readonly inputCommitment: string;
  readonly nodeFee: bigint;
  readonly useFee: bigint;
  readonly deadline: bigint;
  readonly submittedAt: bigint;
  readonly status: JobStatus;
  readonly node: string;
  readonly stakeLocked: bigint;
  readonly verifier: string;
  readonly outputHash: string;
  readonly proofHash: string;
}

/** One account's view of a deployment. */
export class MarketClient {
  readonly token: Contract;
  readonly dataNft: Contract;
  readonly modelNft: Contract;
  readonly marketplace: Contract;
  readonly factory: Contract;
  readonly staking: Contract;
  readonly jobs: Contract;
  readonly validityVerifier: Contract;
  readonly starkVerifier: Contract;
  readonly onchainVerifier: Contract;

  constructor(
    readonly deployment: Deployment,
    readonly signer: Signer,
  ) {
    const a = deployment.addresses;
    this.token = contractAt("EncryptAIToken", a.token, signer);
    this.dataNft = contractAt("DataNFT", a.dataNft, signer);
    this.modelNft = contractAt("ModelNFT", a.modelNft, signer);
    this.marketplace = contractAt("Marketplace", a.marketplace, signer);
    this.factory = contractAt("EncryptAIFactory", a.factory, signer);
    this.staking = contractAt("NodeStaking", a.staking, signer);
    this.jobs = contractAt("JobManager", a.jobManager, signer);
    this.validityVerifier = contractAt("ValidityProofVerifier", a.validityVerifier, signer);
    this.starkVerifier = contractAt("AttestorQuorumVerifier", a.starkVerifier, signer);
    this.onchainVerifier = contractAt("StarkInferenceVerifier", a.onchainVerifier, signer);
  }

  /** The same deployment seen by another account. */
  as(signer: Signer): MarketClient {
    return new MarketClient(this.deployment, signer);
  }

  address(): Promise<string> {
    return this.signer.getAddress();
  }

  private async approve(spender: string, amount: bigint): Promise<void> {
    if (amount === 0n) return;
    const owner = await this.address();
    const current = (await this.token.getFunction("allowance")(owner, spender)) as bigint;
    if (current < amount) await send("approve EAI", () => this.token.getFunction("approve")(spender, amount));
  }

  private eventArg(receipt: ContractTransactionReceipt, contract: Contract, event: string, arg: string): bigint {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== String(contract.target).toLowerCase()) continue;
      const parsed = contract.interface.parseLog(log);
      if (parsed?.name === event) return parsed.args.getValue(arg) as bigint;
    }
    throw new MarketError(`expected a ${event} event in transaction ${receipt.hash}`);
  }

  // --- token -------------------------------------------------------------------------------------------------
  async faucet(amount: bigint): Promise<ContractTransactionReceipt> {
    return send("faucet", () => this.token.getFunction("faucet")(amount));
  }
  async mint(to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return send("mint", () => this.token.getFunction("mint")(to, amount));
  }
  async transfer(to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return send("transfer", () => this.token.getFunction("transfer")(to, amount));
  }
  async balance(account?: string): Promise<bigint> {
    return this.token.getFunction("balanceOf")(account ?? (await this.address())) as Promise<bigint>;
  }

  // --- roles -------------------------------------------------------------------------------------------------
  async grantPublisher(account: string): Promise<ContractTransactionReceipt> {
    return send("grant publisher role", () => this.factory.getFunction("grantRole")(ROLE.PUBLISHER, account));
  }
  async grantAttestor(account: string): Promise<ContractTransactionReceipt> {
    return send("grant attestor role", () => this.starkVerifier.getFunction("grantRole")(ROLE.ATTESTOR, account));
  }

  // --- publishing --------------------------------------------------------------------------------------------
  /**
   * Commits to a publication (keccak256 of publisher, content hash, CID and a fresh random salt) and waits until the
   * commitment may be revealed (one block later): what a squatter watching the mempool cannot front-run.
   */
  async commitPublication(p: Pick<Publication, "contentHash" | "cid">): Promise<string> {
    const salt = hexlify(randomBytes(32));
    const commitment = (await this.factory.getFunction("publicationCommitment")(await this.address(), p.contentHash, p.cid, salt)) as string;
    const r = await send("commit publication", () => this.factory.getFunction("commitPublication")(commitment));
    const minAge = (await this.factory.getFunction("MIN_COMMIT_AGE")()) as bigint;
    const provider = this.signer.provider!;
    while (BigInt(await provider.getBlockNumber()) < BigInt(r.blockNumber) + minAge) await mineOrWait(provider);
    return salt;
  }
  async publishDataset(p: Publication): Promise<bigint> {
    const salt = await this.commitPublication(p);
    const r = await send("publish data set", () => this.factory.getFunction("publishDataset")([p.uri, p.cid, p.contentHash, p.accessPrice, p.perUseFee], salt));
    return this.eventArg(r, this.dataNft, "DatasetMinted", "tokenId");
  }
  async publishModel(p: Publication & { programHash: string; parents: readonly bigint[] }): Promise<bigint> {
    const salt = await this.commitPublication(p);
    const r = await send("publish model", () =>
      this.factory.getFunction("publishModel")([p.uri, p.cid, p.contentHash, p.accessPrice, p.perUseFee], p.programHash, [...p.parents], salt),
    );
    return this.eventArg(r, this.modelNft, "ModelMinted", "tokenId");
  }
  async setPricing(kind: AssetKind, tokenId: bigint, accessPrice: bigint, perUseFee: bigint): Promise<ContractTransactionReceipt> {
    const nft = kind === AssetKind.Data ? this.dataNft : this.modelNft;
    return send("set pricing", () => nft.getFunction("setPricing")(tokenId, accessPrice, perUseFee));
  }

  // --- marketplace -------------------------------------------------------------------------------------------
  async buyAccess(kind: AssetKind, tokenId: bigint, maxPrice: bigint): Promise<ContractTransactionReceipt> {
    await this.approve(this.deployment.addresses.marketplace, maxPrice);
    return send("buy access", () => this.marketplace.getFunction("buyAccess")(kind, tokenId, maxPrice));
  }
  async hasLicence(kind: AssetKind, tokenId: bigint, account?: string): Promise<boolean> {
    return this.marketplace.getFunction("hasLicence")(kind, tokenId, account ?? (await this.address())) as Promise<boolean>;
  }
  /** Withdraws what the marketplace and the job manager owe this account; returns the total. */
  async withdrawAll(): Promise<bigint> {
    const me = await this.address();
    let total = 0n;
    for (const c of [this.marketplace, this.jobs, this.starkVerifier]) {
      const owed = (await c.getFunction("owed")(me)) as bigint;
      if (owed > 0n) {
        await send("withdraw", () => c.getFunction("withdraw")());
        total += owed;
      }
    }
    if (total === 0n) throw new MarketError(`withdraw: nothing to withdraw for ${me}`, "NothingToWithdraw", [me]);
    return total;
  }
  async owed(account?: string): Promise<{ marketplace: bigint; jobs: bigint; attestation: bigint }> {
    const a = account ?? (await this.address());
    return {
      marketplace: (await this.marketplace.getFunction("owed")(a)) as bigint,
      jobs: (await this.jobs.getFunction("owed")(a)) as bigint,
      attestation: (await this.starkVerifier.getFunction("owed")(a)) as bigint,
    };
  }

  // --- staking -----------------------------------------------------------------------------------------------
  async stake(amount: bigint): Promise<ContractTransactionReceipt> {
    await this.approve(this.deployment.addresses.staking, amount);
    return send("stake", () => this.staking.getFunction("stake")(amount));
  }
  async requestUnstake(amount: bigint): Promise<ContractTransactionReceipt> {
    return send("request unstake", () => this.staking.getFunction("requestUnstake")(amount));
  }
  async withdrawUnstaked(): Promise<ContractTransactionReceipt> {
    return send("withdraw unstaked", () => this.staking.getFunction("withdrawUnstaked")());
  }
  async stakeOf(node?: string): Promise<{ staked: bigint; locked: bigint; unbonding: bigint; releaseAt: bigint }> {
    const n = (await this.staking.getFunction("nodes")(node ?? (await this.address()))) as [bigint, bigint, bigint, bigint];
    return { staked: n[0], locked: n[1], unbonding: n[2], releaseAt: n[3] };
  }

  // --- jobs --------------------------------------------------------------------------------------------------
  verifierAddress(tier: VerifierTier): string {
    const a = this.deployment.addresses;
    return tier === "validity" ? a.validityVerifier : tier === "onchain" ? a.onchainVerifier : a.starkVerifier;
  }
  async requestJob(r: JobRequest): Promise<bigint> {
    await this.approve(this.deployment.addresses.jobManager, r.nodeFee + r.maxUseFee);
    const receipt = await send("request job", () =>
      this.jobs.getFunction("requestJob")(r.modelId, r.inputCommitment, r.inputCid, r.nodeFee, r.maxUseFee, r.deadline, this.verifierAddress(r.verifier)),
    );
    return this.eventArg(receipt, this.jobs, "JobRequested", "jobId");
  }
  async acceptJob(jobId: bigint): Promise<ContractTransactionReceipt> {
    return send(`accept job #${jobId}`, () => this.jobs.getFunction("acceptJob")(jobId));
  }
  async submitResult(jobId: bigint, outputHash: string, proofHash: string, proofCid: string): Promise<ContractTransactionReceipt> {
    return send(`submit result of job #${jobId}`, () => this.jobs.getFunction("submitResult")(jobId, outputHash, proofHash, proofCid));
  }
  async challenge(jobId: bigint, evidence = "0x"): Promise<ContractTransactionReceipt> {
    return send(`challenge job #${jobId}`, () => this.jobs.getFunction("challenge")(jobId, evidence));
  }
  async finalise(jobId: bigint): Promise<ContractTransactionReceipt> {
    return send(`finalise job #${jobId}`, () => this.jobs.getFunction("finalise")(jobId));
  }
  async expire(jobId: bigint): Promise<ContractTransactionReceipt> {
    return send(`expire job #${jobId}`, () => this.jobs.getFunction("expire")(jobId));
  }
  async cancelJob(jobId: bigint): Promise<ContractTransactionReceipt> {
    return send(`cancel job #${jobId}`, () => this.jobs.getFunction("cancelJob")(jobId));
  }
  async refundUndecided(jobId: bigint): Promise<ContractTransactionReceipt> {
    return send(`refund undecided job #${jobId}`, () => this.jobs.getFunction("refundUndecided")(jobId));
  }
  /** The job's verifier's verdict on its submitted claim. */
  async verdictOf(jobId: bigint): Promise<VerdictName> {
    try {
      return VERDICTS[Number(await this.jobs.getFunction("verdictOf")(jobId))]!;
    } catch (e) {
      throw explain(e);
    }
  }

  // --- attestors (the STARK tier's quorum) -------------------------------------------------------------------
  async bondAttestor(amount: bigint): Promise<ContractTransactionReceipt> {
    await this.approve(this.deployment.addresses.starkVerifier, amount);
    return send("bond as attestor", () => this.starkVerifier.getFunction("bond")(amount));
  }
  async attest(jobId: bigint, proofHash: string, valid: boolean): Promise<ContractTransactionReceipt> {
    return send(`attest job #${jobId}`, () => this.starkVerifier.getFunction("attest")(jobId, proofHash, valid));
  }
  async tally(jobId: bigint, proofHash: string): Promise<{ valid: number; invalid: number; decided: VerdictName; settled: boolean; voters: string[] }> {
    const t = (await this.starkVerifier.getFunction("tally")(jobId, proofHash)) as [bigint, bigint, bigint, boolean, string[]];
    return { valid: Number(t[0]), invalid: Number(t[1]), decided: VERDICTS[Number(t[2])]!, settled: t[3], voters: [...t[4]] };
  }
  async settleVotes(jobId: bigint, proofHash: string): Promise<ContractTransactionReceipt> {
    return send(`settle the votes on job #${jobId}`, () => this.starkVerifier.getFunction("settleVotes")(jobId, proofHash));
  }
  async attestorBond(account?: string): Promise<{ bonded: bigint; unbonding: bigint; releaseAt: bigint }> {
    const b = (await this.starkVerifier.getFunction("bonds")(account ?? (await this.address()))) as [bigint, bigint, bigint];
    return { bonded: b[0], unbonding: b[1], releaseAt: b[2] };
  }
  /** The validity-tier proof hash SHA-256(jobId ‖ inputCommitment ‖ modelHash), as the contract computes it. */
  async validityProofHash(jobId: bigint, inputCommitment: string, modelHash: string): Promise<string> {
    return this.validityVerifier.getFunction("expectedProofHash")(jobId, inputCommitment, modelHash) as Promise<string>;
  }
  async job(jobId: bigint): Promise<JobView> {
    let j: unknown[];
    try {
      j = (await this.jobs.getFunction("job")(jobId)) as unknown[];
    } catch (e) {
      throw explain(e);
    }
    return {
      id: jobId,
      user: j[0] as string,
      modelId: j[1] as bigint,
      inputCommitment: j[2] as string,
      nodeFee: j[3] as bigint,
      useFee: j[4] as bigint,
      deadline: j[5] as bigint,
      submittedAt: j[6] as bigint,
      status: JOB_STATUS[Number(j[7])]!,
      node: j[8] as string,
      stakeLocked: j[9] as bigint,
      verifier: j[10] as string,
      outputHash: j[11] as string,
      proofHash: j[12] as string,
    };
  }

  // --- events ------------------------------------------------------------------------------------------------
  async licenceEvents(): Promise<{ kind: AssetKind; tokenId: bigint; buyer: string; price: bigint; block: number }[]> {
    const logs = (await this.marketplace.queryFilter(this.marketplace.filters.LicencePurchased!(), this.deployment.blockNumber)) as EventLog[];
    return logs.map((l) => ({ kind: Number(l.args[0]) as AssetKind, tokenId: l.args[1] as bigint, buyer: l.args[2] as string, price: l.args[3] as bigint, block: l.blockNumber }));
  }
  async jobEvents(): Promise<{ name: string; jobId: bigint; block: number }[]> {
    const logs = (await this.jobs.queryFilter("*" as never, this.deployment.blockNumber)) as EventLog[];
    return logs.filter((l) => "fragment" in l && l.args.length > 0 && l.fragment.inputs[0]?.name === "jobId").map((l) => ({ name: l.eventName, jobId: l.args[0] as bigint, block: l.blockNumber }));
  }
}

export { ZeroHash };
