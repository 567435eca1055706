/**
 * Typed handles on the deployed contract set: addresses plus ethers Contract objects built from the generated
 * artifacts (ABI and bytecode from scripts/build-contracts.ts).
 */
import { Contract, ContractFactory, type Signer } from "ethers";
import * as A from "./artifacts.generated.js";

export const ARTIFACTS = {
  EncryptAIToken: A.EncryptAIToken,
  DataNFT: A.DataNFT,
  ModelNFT: A.ModelNFT,
  Marketplace: A.Marketplace,
  EncryptAIFactory: A.EncryptAIFactory,
  NodeStaking: A.NodeStaking,
  JobManager: A.JobManager,
  ValidityProofVerifier: A.ValidityProofVerifier,
  AttestorQuorumVerifier: A.AttestorQuorumVerifier,
  ReentrantToken: A.ReentrantToken,
  MerklePathHarness: A.MerklePathHarness,
  StarkVerifier: A.StarkVerifier,
  OodEvaluator: A.OodEvaluator,
  StarkInferenceVerifier: A.StarkInferenceVerifier,
} as const;
export type ContractName = keyof typeof ARTIFACTS;

/** Addresses of one deployment, as written to deployments/<chainId>.json. */
export interface Deployment {
  readonly chainId: number;
  readonly deployer: string;
  readonly blockNumber: number;
  readonly addresses: {
    readonly token: string;
    readonly dataNft: string;
    readonly modelNft: string;
    readonly marketplace: string;
    readonly factory: string;
    readonly staking: string;
    readonly jobManager: string;
    readonly validityVerifier: string;
    readonly starkVerifier: string;
    /** The STARK tier verified on chain (StarkInferenceVerifier, issue 16). */
    readonly onchainVerifier: string;
  };
  readonly parameters: DeployParameters;
}

export interface DeployParameters {
  /** Token supply cap (wei units of EAI). */
  readonly tokenCap: string;
  readonly protocolFeeBps: number;
  readonly dataRoyaltyBps: number;
  /** Delay of the two-step admin transfer of every contract (seconds). */
  readonly adminTransferDelay: number;
  readonly unbondingDelay: number;
  readonly challengeWindow: number;
  /** How long after the challenge window a verdict may still arrive before an undecided job is refunded (s). */
  readonly verdictGrace: number;
  readonly minJobStake: string;
  readonly stakeMultiple: number;
  /** Share of a stake slashed for an Invalid verdict paid to the attestors who established it (bps). */
  readonly challengerShareBps: number;
  /** Attestor votes that decide a STARK-tier verdict. */
  readonly quorum: number;
  /** Bond an attestor keeps in the verifier to vote (wei). */
  readonly attestorMinBond: string;
  /** What an attestor whose vote the quorum found against loses (wei). */
  readonly attestorPenalty: string;
  readonly attestorUnbondingDelay: number;
}

export const DEFAULT_PARAMETERS: DeployParameters = Object.freeze({
  tokenCap: (10n ** 9n * 10n ** 18n).toString(), // 1e9 EAI
  protocolFeeBps: 250,
  dataRoyaltyBps: 1000,
  adminTransferDelay: 2 * 24 * 3600,
  unbondingDelay: 7 * 24 * 3600,
  challengeWindow: 3600,
  verdictGrace: 3600,
  minJobStake: (100n * 10n ** 18n).toString(),
  stakeMultiple: 2,
  challengerShareBps: 5000,
  quorum: 2,
  attestorMinBond: (100n * 10n ** 18n).toString(),
  attestorPenalty: (20n * 10n ** 18n).toString(),
  attestorUnbondingDelay: 7 * 24 * 3600,
});

/** Deploy parameters out of range: names the parameter, its value and the rule. */
export class DeployParameterError extends Error {
  constructor(
    readonly parameter: string,
    detail: string,
  ) {
    super(`deploy parameter ${parameter}: ${detail}`);
    this.name = "DeployParameterError";
  }
}

const UINT48_MAX = 2 ** 48 - 1;

/** Checks every parameter against what the contracts accept (they check again, with named errors). */
export function validateParameters(p: DeployParameters): void {
  const fail = (name: string, detail: string): never => {
    throw new DeployParameterError(name, detail);
  };
  const wei = (name: keyof DeployParameters, min: bigint) => {
    const v = p[name];
    if (typeof v !== "string" || !/^[0-9]+$/.test(v)) fail(name, `must be a decimal amount of wei, got ${JSON.stringify(v)}`);
    if (BigInt(v as string) < min) fail(name, `must be at least ${min}, got ${String(v)}`);
    return BigInt(v as string);
  };
  const int = (name: keyof DeployParameters, min: number, max: number) => {
    const v = p[name];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) fail(name, `must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
  };
  wei("tokenCap", 1n);
  int("protocolFeeBps", 0, 1000);
  int("dataRoyaltyBps", 0, 3000);
  int("adminTransferDelay", 0, UINT48_MAX);
  int("unbondingDelay", 0, 10 * 365 * 24 * 3600);
  int("challengeWindow", 1, 365 * 24 * 3600);
  int("verdictGrace", 1, 365 * 24 * 3600);
  wei("minJobStake", 1n);
  int("stakeMultiple", 1, 1000);
  int("challengerShareBps", 0, 10_000);
  int("quorum", 1, 32);
  const bond = wei("attestorMinBond", 1n);
  if (wei("attestorPenalty", 0n) > bond) fail("attestorPenalty", `must not exceed attestorMinBond (${bond}), got ${p.attestorPenalty}`);
  int("attestorUnbondingDelay", p.challengeWindow + p.verdictGrace, 10 * 365 * 24 * 3600);
}

export function contractAt(name: ContractName, address: string, runner: Signer | import("ethers").Provider): Contract {
  return new Contract(address, ARTIFACTS[name].abi as unknown as string[], runner);
}

export async function deployContract(name: ContractName, signer: Signer, ...args: unknown[]): Promise<Contract> {
  const a = ARTIFACTS[name];
  // the web page's bundle carries the ABIs only (app/vite.config.ts): it reads and sends, it never deploys
  if (a.bytecode === "0x") throw new Error(`${name}: this build carries no contract bytecode (the web page does not deploy contracts)`);
  const factory = new ContractFactory(a.abi as unknown as string[], a.bytecode, signer);
  const c = await factory.deploy(...args);
  await c.waitForDeployment();
  return c as Contract;
}
