/**
 * The worker side of verify-sandbox.ts: rebuilds the trusted model and inputs from plain data, parses the proof
 * file itself and answers `verifyAgainstTrusted`'s verdict (without the statement). Runs inside a worker thread
 * whose heap and time the caller limits; nothing here may throw past `answer`.
 */
import { deserializeCiphertexts, getParams } from "../lwe/index.js";
import { decodeProofFile } from "../vm/proof-file.js";
import { verifyAgainstTrusted } from "../vm/statement.js";
import type { SandboxRequest, SandboxVerdict } from "./verify-sandbox.js";

export function answer(r: SandboxRequest): SandboxVerdict {
  try {
    const model = { params: getParams(r.model.params), opcodes: r.model.opcodes, programHash: r.model.programHash.map(BigInt), publicValues: r.model.publicValues.map(BigInt), immediateBits: r.model.immediateBits, ...(r.model.rowInputs !== undefined ? { rowInputs: r.model.rowInputs } : {}) };
    const v = verifyAgainstTrusted({ model, inputs: deserializeCiphertexts(r.inputs) }, decodeProofFile(r.proofFile), { policy: r.policy });
    return v.ok === false ? v : { ok: true, securityBits: v.securityBits, provenBits: v.provenBits, policy: v.policy };
  } catch (e) {
    return { ok: false, check: "statement", message: `the proof file cannot be checked: ${(e as Error).message}` };
  }
}
