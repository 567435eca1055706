// Shared by the on-chain verifier's tests and its gas bench: the cars model's inference proof for given options, and
// the contract's verdict as the TypeScript check name its custom error stands for.
import type { Contract } from "ethers";
import { encryptMany, getParams, keygen, modulusOf, seededRandom } from "../../src/lwe/index.js";
import type { ProofOptions, VerificationCheck } from "../../src/prover/index.js";
import { DATASETS, loadDataset, quantizeRow, trainLinearRegression } from "../../src/regression/index.js";
import { compileModel } from "../../src/vm/compile.js";
import { type InferenceStatement, proveInference } from "../../src/vm/inference.js";

/** The contract's custom errors and the TypeScript check each one is. */
export const ONCHAIN_CHECKS: Readonly<Record<string, VerificationCheck>> = Object.freeze({
  MalformedProof: "format",
  UnsupportedProofVersion: "version",
  OptionsMismatch: "options",
  ContextMismatch: "public-inputs",
  BelowPolicy: "security",
  WrongStatement: "statement",
  OodMismatch: "ood-consistency",
  InsufficientProofOfWork: "proof-of-work",
  TraceOpeningInvalid: "trace-opening",
  CompositionOpeningInvalid: "composition-opening",
  FriOpeningInvalid: "fri-opening",
  FriFoldingMismatch: "fri-folding",
  FriRemainderMismatch: "fri-remainder",
});

/** "ok", or the check the contract's revert names (an unknown revert is thrown). */
export async function onchainCheck(verifier: Contract, key: unknown[], pub: readonly bigint[], proof: Uint8Array): Promise<"ok" | VerificationCheck> {
  try {
    const ok = (await verifier.getFunction("verify").staticCall(key, pub, proof)) as boolean;
    return ok ? "ok" : "format";
  } catch (e) {
    const data = (e as { data?: string }).data;
    const parsed = data ? verifier.interface.parseError(data) : null;
    const check = parsed ? ONCHAIN_CHECKS[parsed.name] : undefined;
    if (!check) throw new Error(`the verifier reverted without a known custom error: ${(e as Error).message.slice(0, 200)}`, { cause: e });
    return check;
  }
}

/** One cars row encrypted at goldilocks-128 and its proof with `options` (public weights, the CLI's default model). */
export function carsInferenceProof(options: ProofOptions, seed: string, rows = 1): { statement: InferenceStatement; proof: Uint8Array } {
  const params = getParams("goldilocks-128");
  const d = DATASETS.cars!;
  const { model, data } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const compiled = compileModel(model.quantized, "public", modulusOf(params).q);
  const keys = keygen(params, seededRandom(`${seed}/keys`));
  const inputs = encryptMany(keys.publicKey, data.x.slice(0, rows).flatMap((x) => quantizeRow(model.quantized, x)), seededRandom(`${seed}/inputs`));
  const p = proveInference(compiled.program, params, compiled.publicValues, inputs, { proofOptions: options, ...(rows > 1 ? { rows } : {}) });
  return { statement: p.statement, proof: p.proof };
}
