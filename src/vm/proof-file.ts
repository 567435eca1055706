/**
 * The inference proof file: everything a verifier needs — the statement (public data only: parameter set,
 * program shape and hash, public values, input and output ciphertexts, ciphertext mode, trace length) and the
 * STARK proof — as JSON, the format `encryptai prove` writes, the node stores by CID and the watcher checks.
 */
import { type Ciphertext, deserializeCiphertexts, getParams, serializeCiphertexts } from "../lwe/index.js";
import type { InferenceStatement } from "./inference.js";
import { VmProgramError } from "./errors.js";

export const INFERENCE_PROOF_FORMAT = "encryptai-inference-proof";

interface InferenceProofJson {
  readonly format: typeof INFERENCE_PROOF_FORMAT;
  readonly version: 1;
  readonly params: string;
  readonly opcodes: readonly number[];
  readonly programHash: readonly string[];
  readonly publicValues: readonly string[];
  /** Input and output ciphertext files (base64 of `serializeCiphertexts`). */
  readonly inputs: string;
  readonly output: string;
  readonly mode: "raw" | number;
  readonly traceLength: number;
  readonly proof: string;
}

/** A malformed proof file (names what is wrong). */
export class ProofFileError extends VmProgramError {
  constructor(detail: string) {
    super(`inference proof file: ${detail}`, 0);
    this.name = "ProofFileError";
  }
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
function unb64(s: unknown, what: string): Uint8Array {
  if (typeof s !== "string" || !/^[A-Za-z0-9+/=]*$/.test(s)) throw new ProofFileError(`${what} is not base64`);
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** The file's JSON text (one line, newline-terminated). */
export function encodeProofFile(statement: InferenceStatement, proof: Uint8Array): string {
  const s = statement;
  const file: InferenceProofJson = {
    format: INFERENCE_PROOF_FORMAT,
    version: 1,
    params: s.params.id,
    opcodes: s.opcodes,
    programHash: s.programHash.map(String),
    publicValues: s.publicValues.map(String),
    inputs: b64(serializeCiphertexts(s.inputs)),
    output: b64(serializeCiphertexts([s.output])),
    mode: s.mode,
    traceLength: s.traceLength,
    proof: b64(proof),
  };
  return `${JSON.stringify(file)}\n`;
}

export function isProofFile(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { format?: unknown }).format === INFERENCE_PROOF_FORMAT;
}

const isIntString = (v: unknown) => typeof v === "string" && /^[0-9]+$/.test(v);

/** Parses the file's JSON (text or an already parsed object); throws ProofFileError naming the bad field. */
export function decodeProofFile(input: string | unknown): { statement: InferenceStatement; proof: Uint8Array } {
  let f: Partial<InferenceProofJson>;
  try {
    f = (typeof input === "string" ? JSON.parse(input) : input) as Partial<InferenceProofJson>;
  } catch (e) {
    throw new ProofFileError(`not JSON (${(e as Error).message})`);
  }
  if (!isProofFile(f)) throw new ProofFileError(`format is not "${INFERENCE_PROOF_FORMAT}"`);
  if (f.version !== 1) throw new ProofFileError(`version ${String(f.version)} is not supported`);
  if (!Array.isArray(f.opcodes) || !f.opcodes.every((c) => Number.isInteger(c))) throw new ProofFileError("opcodes must be integers");
  if (!Array.isArray(f.programHash) || !f.programHash.every(isIntString)) throw new ProofFileError("programHash must be decimal strings");
  if (!Array.isArray(f.publicValues) || !f.publicValues.every(isIntString)) throw new ProofFileError("publicValues must be decimal strings");
  if (!Number.isSafeInteger(f.traceLength)) throw new ProofFileError("traceLength must be an integer");
  if (f.mode !== "raw" && !Number.isInteger(f.mode)) throw new ProofFileError(`mode must be "raw" or a lane count`);
  const params = getParams(String(f.params));
  const inputs: Ciphertext[] = deserializeCiphertexts(unb64(f.inputs, "inputs"));
  const outputs = deserializeCiphertexts(unb64(f.output, "output"));
  if (outputs.length !== 1) throw new ProofFileError(`the output holds ${outputs.length} ciphertexts, expected 1`);
  const statement: InferenceStatement = {
    params,
    opcodes: f.opcodes,
    programHash: f.programHash.map((v) => BigInt(v)),
    publicValues: f.publicValues.map((v) => BigInt(v)),
    inputs,
    output: outputs[0]!,
    mode: f.mode as "raw" | number,
    traceLength: f.traceLength!,
  };
  return { statement, proof: unb64(f.proof, "proof") };
}
