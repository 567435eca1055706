/**
 * The on-chain STARK tier from TypeScript (issue 16, item 5): a model owner registers its model's verifying key and
 * family (src/vm/onchain-family.ts) with StarkInferenceVerifier; a user or a node checks that registration against
 * what it computes from the committed manifest; anyone settles a submitted job by bringing the job's input file,
 * output file and proof — the contract rebuilds the statement from them and records the verdict the JobManager
 * pays or slashes on.
 */
import { AbiCoder, type ContractTransactionReceipt, type EventLog, keccak256 } from "ethers";
import type { OnchainFamily, OnchainRegistration } from "../vm/onchain-family.js";
import { type MarketClient, VERDICTS, type VerdictName, send } from "./client.js";
import { MarketError, explain } from "./errors.js";
import { verifyingKeyHash, VERIFYING_KEY_ABI_TYPE } from "./verifying-key-abi.js";
import { verifyingKeyTuple } from "../prover/verifying-key.js";

/** StarkInferenceVerifier.Family's ABI type, field by field. */
export const FAMILY_ABI_TYPE = "tuple(bytes32 paramsHash, bytes prefix, uint32 elements, uint8 lanes, uint32 rows, uint32 rowInputs, uint32 repeats, uint32 rowOutputs)";

export function familyTuple(f: OnchainFamily): unknown[] {
  return [f.paramsHash, f.prefix, f.elements, f.lanes, f.rows, f.rowInputs, f.repeats, f.rowOutputs];
}

/** keccak256(abi.encode(keyHash, family)): what the contract records for a registered model. */
export function registrationHash(r: OnchainRegistration): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", FAMILY_ABI_TYPE], [verifyingKeyHash(r.key), familyTuple(r.family)]));
}

/** The files a settlement brings: the job's input file, output file and binary STARK proof. */
export interface JobFiles {
  readonly input: Uint8Array;
  readonly output: Uint8Array;
  readonly proof: Uint8Array;
}

export interface Settlement {
  readonly verdict: VerdictName;
  /** The selector of the check the proof failed (0x00000000 when valid). */
  readonly failedCheck: string;
  readonly gasUsed: bigint;
}

/** The model owner registers `r` for model `modelId` (once; the contract refuses a second registration). */
export async function registerOnchainModel(client: MarketClient, modelId: bigint, r: OnchainRegistration): Promise<ContractTransactionReceipt> {
  return send(`register model #${modelId} for on-chain verification`, () =>
    client.onchainVerifier.getFunction("registerModel")(modelId, verifyingKeyTuple(r.key), familyTuple(r.family)),
  );
}

/**
 * Throws MarketError unless model `modelId` is registered with exactly `expected` — what the caller computed from
 * the manifest the ModelNFT binds. A user runs it before requesting an on-chain job, a node before accepting one.
 */
export async function checkOnchainRegistration(client: MarketClient, modelId: bigint, expected: OnchainRegistration): Promise<void> {
  const onChain = (await client.onchainVerifier.getFunction("registration")(modelId)) as string;
  if (/^0x0+$/.test(onChain)) throw new MarketError(`model #${modelId} is not registered for on-chain verification`);
  if (onChain.toLowerCase() !== registrationHash(expected).toLowerCase())
    throw new MarketError(`model #${modelId}: its on-chain registration is not the key and family its committed manifest gives (registered ${onChain})`);
}

/** The statement's public inputs the contract builds from these files (a view call; for checks and tests). */
export async function onchainPublicInputs(client: MarketClient, r: OnchainRegistration, input: Uint8Array, output: Uint8Array): Promise<bigint[]> {
  try {
    const pub = (await client.onchainVerifier.getFunction("publicInputs")(verifyingKeyTuple(r.key), familyTuple(r.family), input, output)) as bigint[];
    return [...pub];
  } catch (e) {
    const err = explain(e);
    throw new MarketError(`build the on-chain statement: ${err.message}`, err.errorName, err.args);
  }
}

/** Settles job `jobId` with its files: the contract judges the proof and records Valid or Invalid. */
export async function settleOnchain(client: MarketClient, jobId: bigint, r: OnchainRegistration, files: JobFiles): Promise<Settlement> {
  const receipt = await send(`settle job #${jobId} on chain`, () =>
    client.onchainVerifier.getFunction("settle")(jobId, verifyingKeyTuple(r.key), familyTuple(r.family), files.input, files.output, files.proof),
  );
  const log = receipt.logs.find((l): l is EventLog => "fragment" in l && l.fragment.name === "Settled");
  if (!log) throw new MarketError(`settle job #${jobId}: no Settled event`);
  return { verdict: VERDICTS[Number(log.args[2])]!, failedCheck: log.args[3] as string, gasUsed: receipt.gasUsed };
}

/** A settlement's calldata (the key, the family and the files): its bytes and their gas with the 21,000 base. */
export function settlementCalldata(r: OnchainRegistration, files: JobFiles): { readonly bytes: number; readonly gas: number } {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["uint256", VERIFYING_KEY_ABI_TYPE, FAMILY_ABI_TYPE, "bytes", "bytes", "bytes"],
    [0n, verifyingKeyTuple(r.key), familyTuple(r.family), files.input, files.output, files.proof],
  );
  const data = Buffer.from(encoded.slice(2), "hex");
  const zeros = data.filter((b) => b === 0).length;
  return { bytes: data.length + 4, gas: 21_000 + 4 * zeros + 16 * (data.length - zeros + 4) };
}
