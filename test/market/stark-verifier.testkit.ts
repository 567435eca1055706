// Shared by the on-chain verifier's tests: the contract's verdict as the TypeScript check name its custom error
// stands for, and the cars model's inference proof (src/vm/onchain-models.ts).
import type { Contract } from "ethers";
import type { VerificationCheck } from "../../src/prover/index.js";

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

export { carsInferenceProof } from "../../src/vm/onchain-models.js";
