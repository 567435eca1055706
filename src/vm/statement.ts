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
import { type InferenceStatement, ciphertextCells, hashSpecFor, requiredMode, statementTraceLength, verifyInference } from "./inference.js";
import { OPCODES } from "./isa.js";
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
  /**
   * Ciphertexts a user encrypts per row (the manifest's features). A classifier's program reads the row once per
   * class score (src/vm/compile.ts), so its input tape is the row repeated; absent, the tape is the inputs as given.
   */
  readonly rowInputs?: number;
}

/** What the verifying party brings: the committed model, the input it trusts and, if it has one, the output. */
export interface TrustedSources {
  readonly model: CommittedModel;
  /**
   * The user's own input ciphertexts, or the job's committed ones: one row's, or a batch's rows in turn (the rows
   * follow from the count and the program's read2 steps).
   */
  readonly inputs: readonly Ciphertext[];
  /** Outputs the verifier already holds (else the proof file's outputs are the claim being proved). */
  readonly outputs?: readonly Ciphertext[];
}

/** The rows a verifier's inputs make for a shape: their count over the shape's read2 steps, which must divide it. */
export function rowsOf(opcodes: readonly number[], inputs: number): number {
  return inputTape(opcodes, undefined, new Array<null>(inputs).fill(null)).rows;
}

/**
 * The program's input tape for rows of `rowInputs` ciphertexts each (default: as many as the program reads): each
 * row's ciphertexts once per time the program reads the row (a classifier: once per class score), rows in turn. A
 * count that does not make whole rows, or a program whose reads are not whole rows, is named.
 */
export function inputTape<C>(opcodes: readonly number[], rowInputs: number | undefined, cts: readonly C[]): { readonly rows: number; readonly tape: readonly C[] } {
  const reads = opcodes.filter((c) => c === OPCODES.read2).length;
  if (reads === 0) throw new VmStatementError("opcodes", "the program reads no input ciphertext");
  const f = rowInputs ?? reads;
  if (!Number.isSafeInteger(f) || f < 1 || reads % f !== 0) throw new VmStatementError("opcodes", `the program reads ${reads} input ciphertexts per run, not whole rows of ${String(f)}`);
  if (cts.length === 0 || cts.length % f !== 0)
    throw new VmStatementError("inputs", `${cts.length} input ciphertexts do not make whole rows: ${f} per row${reads > f ? ` (the program reads each row ${reads / f} times)` : ""}`);
  const rows = cts.length / f;
  if (reads === f) return { rows, tape: cts };
  const tape: C[] = [];
  for (let b = 0; b < rows; b++) for (let r = 0; r < reads / f; r++) tape.push(...cts.slice(b * f, (b + 1) * f));
  return { rows, tape };
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
 * The statement a verifier expects, from its trusted sources, the claimed outputs (when it holds none of its own:
 * they are the claim being proved) and the proof's options (the
 * trace length depends on them; the options themselves are judged by the verifier's policy).
 */
export function trustedStatement(t: TrustedSources, claimed: Pick<InferenceStatement, "outputs" | "scalarOutputs">, proofOptions: StarkProof["options"]): InferenceStatement {
  const params = t.model.params;
  const mode = requiredMode(params);
  // the executor's type rules on the shape, before anything else (shape-types.ts)
  const typeError = shapeTypeError(t.model.opcodes, ciphertextCells(params, mode));
  if (typeError) throw new VmStatementError("opcodes", `the program shape is ill-typed at step ${typeError.step}: ${typeError.reason}`);
  if (t.inputs.length === 0) throw new VmStatementError("inputs", "the verifier has no input ciphertexts");
  const { rows, tape } = inputTape(t.model.opcodes, t.model.rowInputs, t.inputs);
  const statement = {
    params,
    opcodes: t.model.opcodes,
    programHash: t.model.programHash,
    publicValues: t.model.publicValues,
    rows,
    inputs: tape,
    outputs: t.outputs ?? claimed.outputs,
    scalarOutputs: claimed.scalarOutputs,
    mode,
    immediateBits: t.model.immediateBits,
  };
  return { ...statement, traceLength: statementTraceLength(statement, proofOptions) };
}

/** The first field where the claimed statement differs from the expected one, with what differs; undefined if none. */
export function firstDifference(expected: InferenceStatement, claimed: InferenceStatement): { field: string; message: string } | undefined {
  if (claimed.params.id !== expected.params.id) return { field: "params", message: `the proof is for parameter set "${claimed.params.id}", the model's is "${expected.params.id}"` };
  if (!sameList(claimed.opcodes, expected.opcodes)) return { field: "opcodes", message: `the proof's program shape (${claimed.opcodes.length} steps) is not the model's (${expected.opcodes.length} steps)` };
  if (!sameList(claimed.programHash, expected.programHash)) return { field: "programHash", message: "the proof is for another program hash than the model's" };
  if (!sameList(claimed.publicValues, expected.publicValues))
    return { field: "publicValues", message: `the proof's public values (weights) are not the model's: ${claimed.publicValues.length} values, the model has ${expected.publicValues.length}${claimed.publicValues.length === expected.publicValues.length ? `, first difference at index ${claimed.publicValues.findIndex((v, i) => v !== expected.publicValues[i])}` : ""}` };
  if (claimed.rows !== expected.rows) return { field: "rows", message: `the proof is about ${claimed.rows} row${claimed.rows === 1 ? "" : "s"}, the verifier's input makes ${expected.rows}` };
  if (claimed.inputs.length !== expected.inputs.length) return { field: "inputs", message: `the proof is about ${claimed.inputs.length} input ciphertexts, the verifier's input has ${expected.inputs.length}` };
  const i = claimed.inputs.findIndex((ct, k) => !sameCiphertext(ct, expected.inputs[k]!));
  if (i >= 0) return { field: "inputs", message: `input ciphertext ${i} of the proof is not the verifier's` };
  if (claimed.outputs.length !== expected.outputs.length) return { field: "outputs", message: `the proof has ${claimed.outputs.length} output ciphertexts, the verifier holds ${expected.outputs.length}` };
  const o = claimed.outputs.findIndex((ct, k) => !sameCiphertext(ct, expected.outputs[k]!));
  if (o >= 0) return { field: "outputs", message: `output ciphertext ${o} of the proof is not the one the verifier holds` };
  if (!sameList(claimed.scalarOutputs, expected.scalarOutputs)) return { field: "scalarOutputs", message: "the proof's scalar outputs are not the ones expected" };
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
    expected = trustedStatement(t, file.statement, proof.options);
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
