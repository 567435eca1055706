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
  AttestedStarkVerifier: A.AttestedStarkVerifier,
  ReentrantToken: A.ReentrantToken,
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
  };
  readonly parameters: DeployParameters;
}

export interface DeployParameters {
  /** Token supply cap (wei units of EAI). */
  readonly tokenCap: string;
  readonly protocolFeeBps: number;
  readonly dataRoyaltyBps: number;
  readonly adminTransferDelay: number;
  readonly unbondingDelay: number;
  readonly challengeWindow: number;
  readonly minJobStake: string;
  readonly stakeMultiple: number;
  readonly challengerShareBps: number;
}

export const DEFAULT_PARAMETERS: DeployParameters = Object.freeze({
  tokenCap: (10n ** 9n * 10n ** 18n).toString(), // 1e9 EAI
  protocolFeeBps: 250,
  dataRoyaltyBps: 1000,
  adminTransferDelay: 2 * 24 * 3600,
  unbondingDelay: 7 * 24 * 3600,
  challengeWindow: 3600,
  minJobStake: (100n * 10n ** 18n).toString(),
  stakeMultiple: 2,
  challengerShareBps: 5000,
});

export function contractAt(name: ContractName, address: string, runner: Signer | import("ethers").Provider): Contract {
  return new Contract(address, ARTIFACTS[name].abi as unknown as string[], runner);
}

export async function deployContract(name: ContractName, signer: Signer, ...args: unknown[]): Promise<Contract> {
  const a = ARTIFACTS[name];
  const factory = new ContractFactory(a.abi as unknown as string[], a.bytecode, signer);
  const c = await factory.deploy(...args);
  await c.waitForDeployment();
  return c as Contract;
}
