/**
 * A verifying key as the on-chain verifier reads it (contracts/verifiers/stark/VerifyingKey.sol): its ABI encoding
 * and its keccak256 hash, the identity a registry or a job names a key by (issue 16); and the verifier's deployment.
 */
import { AbiCoder, type Contract, type Signer, keccak256 } from "ethers";
import { DEFAULT_POLICY, type SecurityPolicy } from "../prover/policy.js";
import { type VerifyingKey, verifyingKeyTuple } from "../prover/verifying-key.js";
import { deployContract } from "./contracts.js";

/** The Solidity struct's ABI type, field by field (VerifyingKey.sol). */
export const VERIFYING_KEY_ABI_TYPE =
  "tuple(bytes airName, bytes head, uint8[8] options, uint32[10] shape, uint32[] tapePublics, uint64[] tapeConstants, bytes tapeOps, uint16[] tapeOutputs, uint32[] periodicCycles, uint64[] periodicFills, uint32[] entryEnds, uint32[] entryPoint, uint64[] entryValue, uint32[] pointCycles, uint32[] pointIndex, uint32[] assertionSteps, uint16[] assertionColumns, uint32[] assertionStepIdx, uint256[] assertionValues, uint256[] publicTemplate)";

/** abi.encode(key), as the contract's `keyHash` hashes it. */
export function encodeVerifyingKey(key: VerifyingKey): string {
  return AbiCoder.defaultAbiCoder().encode([VERIFYING_KEY_ABI_TYPE], [verifyingKeyTuple(key)]);
}

/** keccak256(abi.encode(key)). */
export function verifyingKeyHash(key: VerifyingKey): string {
  return keccak256(encodeVerifyingKey(key));
}

/**
 * Deploys the on-chain STARK verifier: its AIR-specific part (OodEvaluator) and the verifier bound to it, with the
 * deployer's security policy as immutable minima (default DEFAULT_POLICY: 100 bits conjectured, 64 proven).
 */
export async function deployStarkVerifier(signer: Signer, policy: Pick<SecurityPolicy, "minConjecturedBits" | "minProvenBits"> = DEFAULT_POLICY): Promise<Contract> {
  const ood = await deployContract("OodEvaluator", signer);
  return deployContract("StarkVerifier", signer, policy.minConjecturedBits, policy.minProvenBits, await ood.getAddress());
}
