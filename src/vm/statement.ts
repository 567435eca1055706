/**
 * The verifying party's statement (issue "Sound from model to payment", item 1). A proof file carries the
 * statement its PROVER claims; a verifier must never take it from there. It builds the statement from what it
 * already trusts — the committed model (the ModelNFT's program hash and the manifest bound to it, or a public
 * program it hashed itself), its own input ciphertexts (or the job's committed ones) and the output it was
 * given — and checks the proof against THAT. The file's statement must equal it field by field; the verdict
 * names the first field that differs.
 *
 * The fields the verifier fixes: parameter set, program shape (opcodes), program hash, public values, the
 * immediate range, the input ciphertexts (parameter set, key id and every component), the output (when the
 * verifier has one of its own), and — by rule, not by anyone's choice — the ciphertext mode and the trace
 * length (inference.ts `requiredMode`, `requiredTraceLength`).
 */
import { type Ciphertext, type LweParams } from "../lwe/index.js";
import { DEFAULT_POLICY, type SecurityPolicy, type StarkProof, type VerificationCheck, challengeField, deserializeProof } from "../prover/index.js";
import { VerificationError } from "../prover/errors.js";
import { VmStatementError } from "./errors.js";
import { type InferenceStatement, ciphertextCells, hashSpecFor, requiredMode, requiredTraceLength, verifyInference } from "./inference.js";
import { shapeTypeError } from "./shape-types.js";
import type { ProgramHash } from "./program-hash.js";

/** What a verifier trusts about the model: its committed public description. */
export interface CommittedModel {
  readonly params: LweParams;
  readonly opcodes: readonly number[];
  readonly programHash: ProgramHash;
  readonly publicValues: readonly bigint[];
  /** The declared width of its push immediates (isa.ts), which the AIR enforces and the noise bound uses. */
  readonly immediateBits: number;
}

/** What the verifying party brings: the committed model, the input it trusts and, if it has one, the output. */
export interface TrustedSources {
  readonly model: CommittedModel;
  /** The user's own input ciphertexts, or the job's committed ones. */
  readonly inputs: readonly Ciphertext[];
  /** An output the verifier already holds (else the proof file's output is the claim being proved). */
  readonly output?: Ciphertext;
}

export type InferenceVerdict =
  | {
      readonly ok: true;
      /** The statement that was verified: the trusted one. */
      readonly statement: InferenceStatement;
      readonly securityBits: number;
      readonly provenBits: number;
      readonly policy: string;
    }
  | { readonly ok: false; readonly check: VerificationCheck; readonly field?: string; readonly message: string };

const sameList = (a: readonly (bigint | number)[], b: readonly (bigint | number)[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameCiphertext(a: Ciphertext, b: Ciphertext): boolean {
  return a.params.id === b.params.id && sameBytes(a.keyId, b.keyId) && a.data.length === b.data.length && a.data.every((x, i) => x === b.data[i]);
}

/**
 * The statement a verifier expects, from its trusted sources, the claimed output and the proof's options (the
 * trace length depends on them; the options themselves are judged by the verifier's policy).
 */
export function trustedStatement(t: TrustedSources, output: Ciphertext, proofOptions: StarkProof["options"]): InferenceStatement {
  const params = t.model.params;
  const mode = requiredMode(params);
  // the executor's type rules on the shape, before anything else (shape-types.ts)
  const typeError = shapeTypeError(t.model.opcodes, ciphertextCells(params, mode));
  if (typeError) throw new VmStatementError("opcodes", `the program shape is ill-typed at step ${typeError.step}: ${typeError.reason}`);
  if (t.inputs.length === 0) throw new VmStatementError("inputs", "the verifier has no input ciphertexts");
  return {
    params,
    opcodes: t.model.opcodes,
    programHash: t.model.programHash,
    publicValues: t.model.publicValues,
    inputs: t.inputs,
    output,
    mode,
    traceLength: requiredTraceLength(t.model.opcodes.length, proofOptions),
    immediateBits: t.model.immediateBits,
  };
}

/** The first field where the claimed statement differs from the expected one, with what differs; undefined if none. */
export function firstDifference(expected: InferenceStatement, claimed: InferenceStatement): { field: string; message: string } | undefined {
  if (claimed.params.id !== expected.params.id) return { field: "params", message: `the proof is for parameter set "${claimed.params.id}", the model's is "${expected.params.id}"` };
  if (!sameList(claimed.opcodes, expected.opcodes)) return { field: "opcodes", message: `the proof's program shape (${claimed.opcodes.length} steps) is not the model's (${expected.opcodes.length} steps)` };
  if (!sameList(claimed.programHash, expected.programHash)) return { field: "programHash", message: "the proof is for another program hash than the model's" };
  if (!sameList(claimed.publicValues, expected.publicValues))
    return { field: "publicValues", message: `the proof's public values (weights) are not the model's: ${claimed.publicValues.length} values, the model has ${expected.publicValues.length}${claimed.publicValues.length === expected.publicValues.length ? `, first difference at index ${claimed.publicValues.findIndex((v, i) => v !== expected.publicValues[i])}` : ""}` };
  if (claimed.inputs.length !== expected.inputs.length) return { field: "inputs", message: `the proof is about ${claimed.inputs.length} input ciphertexts, the verifier's input has ${expected.inputs.length}` };
  const i = claimed.inputs.findIndex((ct, k) => !sameCiphertext(ct, expected.inputs[k]!));
  if (i >= 0) return { field: "inputs", message: `input ciphertext ${i} of the proof is not the verifier's` };
  if (!sameCiphertext(claimed.output, expected.output)) return { field: "output", message: "the proof's output ciphertext is not the one the verifier holds" };
  if (claimed.mode !== expected.mode) return { field: "mode", message: `ciphertext mode ${String(claimed.mode)}, parameter set "${expected.params.id}" requires ${String(expected.mode)}` };
  if (claimed.immediateBits !== expected.immediateBits) return { field: "immediateBits", message: `the proof declares ${claimed.immediateBits}-bit immediates, the model ${expected.immediateBits}-bit` };
  if (claimed.traceLength !== expected.traceLength) return { field: "traceLength", message: `trace length ${claimed.traceLength}, the shape and options require ${expected.traceLength}` };
  return undefined;
}

/**
 * Verifies a proof file's proof against the statement built from the verifier's trusted sources, under the
 * verifier's policy. The file's own statement is only compared (its first differing field named), never used.
 */
export function verifyAgainstTrusted(
  t: TrustedSources,
  file: { readonly statement: InferenceStatement; readonly proof: Uint8Array },
  o: { readonly policy?: SecurityPolicy } = {},
): InferenceVerdict {
  const policy = o.policy ?? DEFAULT_POLICY;
  let expected: InferenceStatement;
  let proof: StarkProof;
  try {
    const F = hashSpecFor(t.model.params).field;
    proof = deserializeProof(file.proof, F, (d) => challengeField(F, d).E);
    expected = trustedStatement(t, t.output ?? file.statement.output, proof.options);
  } catch (e) {
    if (e instanceof VerificationError) return { ok: false, check: e.check, message: e.message };
    if (e instanceof VmStatementError) return { ok: false, check: "statement", field: e.field, message: e.detail };
    return { ok: false, check: "statement", message: (e as Error).message };
  }
  const diff = firstDifference(expected, file.statement);
  if (diff) return { ok: false, check: "statement", field: diff.field, message: diff.message };
  const r = verifyInference(expected, proof, { policy });
  if (r.ok === false) return r;
  return { ok: true, statement: expected, securityBits: r.securityBits, provenBits: r.provenBits, policy: r.policy };
}
