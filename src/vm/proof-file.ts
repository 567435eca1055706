/**
 * The inference proof file: the statement its prover CLAIMS (parameter set, program shape and hash, public
 * values, input and output ciphertexts, ciphertext mode, trace length, immediate width), whether its zero-knowledge randomness
 * was seeded, and the STARK proof — as JSON, the format `encryptai prove` writes, the node stores by CID and the
 * watcher checks. A verifier compares the claim with the statement it builds itself (statement.ts); it never
 * verifies against the claim.
 *
 * A proof file comes from someone else: decoding checks the text size, every count and every string length
 * against the caps below (PROOF_FILE_LIMITS) before parsing numbers or ciphertexts, and names the bad field.
 */
import { type Ciphertext, type LweParams, deserializeCiphertexts, getParams, modulusOf, serializeCiphertexts } from "../lwe/index.js";
import type { InferenceStatement } from "./inference.js";
import { MAX_VM_STEPS } from "./isa.js";
import { MAX_BATCH_ROWS } from "./air/vm-air.js";
import { jsonShape } from "../codec/json-shape.js";
import { VmProgramError } from "./errors.js";
import { MAX_IMMEDIATE_BITS, isImmediateBits } from "./isa.js";

export const INFERENCE_PROOF_FORMAT = "encryptai-inference-proof";
/**
 * Version 2: the security-policy era (distinct queries, required mode and trace length, the seeded flag);
 * version 3: the declared immediate width, range-checked by the AIR; version 4: several outputs (a classifier's
 * class scores, scalars) and batches of rows (issue 15).
 */
export const INFERENCE_PROOF_VERSION = 4;

/** Caps on a proof file, checked before anything is parsed or allocated. */
export const PROOF_FILE_LIMITS = Object.freeze({
  /**
   * Whole file (JSON text): 192 MiB — a batch of 1,000 rows carries its 5,000 input ciphertexts of 16 KiB each (112 MiB
   * of base64) — below the store's largest blob (MAX_BLOB_BYTES, 256 MiB).
   */
  bytes: 192 << 20,
  steps: MAX_VM_STEPS,
  publicValues: MAX_VM_STEPS,
  /** Trace rows: the largest program, doubled for zero knowledge. */
  traceLength: 4 * MAX_VM_STEPS,
  /** Decimal digits of one field element. */
  elementDigits: 40,
  /** Base64 of the input ciphertexts (a batch's rows together), of the outputs and of the STARK proof. */
  inputsBase64: 160 << 20,
  outputBase64: 32 << 20,
  proofBase64: 32 << 20,
});

interface InferenceProofJson {
  readonly format: typeof INFERENCE_PROOF_FORMAT;
  readonly version: typeof INFERENCE_PROOF_VERSION;
  readonly params: string;
  readonly opcodes: readonly number[];
  readonly programHash: readonly string[];
  readonly publicValues: readonly string[];
  /** Rows of a batch (1: one input row). */
  readonly rows: number;
  /** Input and output ciphertext files (base64 of `serializeCiphertexts`), rows in turn. */
  readonly inputs: string;
  readonly outputs: string;
  /** Scalars the program leaves, as decimal strings (usually none). */
  readonly scalarOutputs: readonly string[];
  readonly mode: "raw" | number;
  readonly traceLength: number;
  readonly immediateBits: number;
  /** The zero-knowledge randomness was seeded (an experiment, not a deployment). */
  readonly seeded: boolean;
  readonly proof: string;
}

/** Every field of a proof file; any other is refused (nothing in a proof file goes unchecked). */
const PROOF_FILE_FIELDS: readonly string[] = ["format", "version", "params", "opcodes", "programHash", "publicValues", "rows", "inputs", "outputs", "scalarOutputs", "mode", "traceLength", "immediateBits", "seeded", "proof"] satisfies readonly (keyof InferenceProofJson)[];

/** A malformed proof file (names what is wrong). */
export class ProofFileError extends VmProgramError {
  constructor(detail: string) {
    super(`inference proof file: ${detail}`, 0);
    this.name = "ProofFileError";
  }
}

/** What a decoded proof file holds: the claimed statement, the raw ciphertext bytes it came from, the proof. */
export interface DecodedProofFile {
  readonly statement: InferenceStatement;
  readonly proof: Uint8Array;
  /** The exact bytes of the input and output ciphertext files inside (what commitments are computed over; all outputs). */
  readonly inputBytes: Uint8Array;
  readonly outputBytes: Uint8Array;
  readonly seeded: boolean;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
function unb64(s: unknown, what: string, maxChars: number): Uint8Array {
  if (typeof s !== "string") throw new ProofFileError(`${what} must be a base64 string`);
  if (s.length > maxChars) throw new ProofFileError(`${what} has ${s.length} base64 characters, over the cap of ${maxChars}`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new ProofFileError(`${what} is not base64`);
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** Base64 characters of `bytes` bytes. */
const base64Chars = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** Bytes of one ciphertext in a ciphertext file, with `terms` provenance terms (src/lwe/serialize.ts). */
function ciphertextBytes(params: LweParams, terms: number): number {
  return (params.n + 1) * modulusOf(params).limbs * 4 + 8 + 4 + terms * (12 + 1 + 8);
}

/**
 * Why a statement of this size would make a proof file over PROOF_FILE_LIMITS (which `decodeProofFile` refuses), or
 * undefined: checked before proving a batch, and by a node before it accepts a job (a proof no watcher can read would
 * cost its stake). `inputs` and `outputs` are the statement's ciphertext counts (the input tape: a classifier's rows
 * repeated once per score); each output is taken with one provenance term per input a row reads, each input with one.
 */
export function proofFileSizeError(params: LweParams, inputs: number, outputs: number, inputsPerRow: number): string | undefined {
  const inputChars = base64Chars(inputs * ciphertextBytes(params, 1) + 1024);
  const outputChars = base64Chars(outputs * ciphertextBytes(params, inputsPerRow) + 1024);
  const total = inputChars + outputChars + PROOF_FILE_LIMITS.proofBase64 / 8;
  const mib = (x: number) => `${(x / 2 ** 20).toFixed(0)} MiB`;
  if (inputChars > PROOF_FILE_LIMITS.inputsBase64) return `its ${inputs} input ciphertexts would take ${mib(inputChars)} of the proof file, over the cap of ${mib(PROOF_FILE_LIMITS.inputsBase64)}: prove fewer rows per proof`;
  if (outputChars > PROOF_FILE_LIMITS.outputBase64) return `its ${outputs} output ciphertexts would take ${mib(outputChars)} of the proof file, over the cap of ${mib(PROOF_FILE_LIMITS.outputBase64)}: prove fewer rows per proof`;
  if (total > PROOF_FILE_LIMITS.bytes) return `its proof file would have about ${mib(total)}, over the cap of ${mib(PROOF_FILE_LIMITS.bytes)}: prove fewer rows per proof`;
  return undefined;
}

/**
 * The file's JSON text (one line, newline-terminated). A file over PROOF_FILE_LIMITS — which `decodeProofFile`
 * would refuse — is not written: ProofFileError names the field.
 */
export function encodeProofFile(statement: InferenceStatement, proof: Uint8Array, o: { readonly seeded?: boolean } = {}): string {
  const s = statement;
  const file: InferenceProofJson = {
    format: INFERENCE_PROOF_FORMAT,
    version: INFERENCE_PROOF_VERSION,
    params: s.params.id,
    opcodes: s.opcodes,
    programHash: s.programHash.map(String),
    publicValues: s.publicValues.map(String),
    rows: s.rows,
    inputs: b64(serializeCiphertexts(s.inputs)),
    outputs: b64(serializeCiphertexts(s.outputs)),
    scalarOutputs: s.scalarOutputs.map(String),
    mode: s.mode,
    traceLength: s.traceLength,
    immediateBits: s.immediateBits,
    seeded: o.seeded ?? false,
    proof: b64(proof),
  };
  const over = (field: string, chars: number, cap: number) => {
    if (chars > cap) throw new ProofFileError(`${field} would take ${chars} base64 characters, over the cap of ${cap} that readers apply: prove fewer rows per proof`);
  };
  over("inputs", file.inputs.length, PROOF_FILE_LIMITS.inputsBase64);
  over("outputs", file.outputs.length, PROOF_FILE_LIMITS.outputBase64);
  over("proof", file.proof.length, PROOF_FILE_LIMITS.proofBase64);
  const text = `${JSON.stringify(file)}\n`;
  if (text.length > PROOF_FILE_LIMITS.bytes) throw new ProofFileError(`the file would have ${text.length} bytes, over the cap of ${PROOF_FILE_LIMITS.bytes} that readers apply: prove fewer rows per proof`);
  return text;
}

export function isProofFile(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { format?: unknown }).format === INFERENCE_PROOF_FORMAT;
}

const decimalList = (v: unknown, what: string, max: number): bigint[] => {
  if (!Array.isArray(v)) throw new ProofFileError(`${what} must be a list of decimal strings`);
  if (v.length > max) throw new ProofFileError(`${what} has ${v.length} entries, over the cap of ${max}`);
  return v.map((x, i) => {
    if (typeof x !== "string" || x.length === 0 || x.length > PROOF_FILE_LIMITS.elementDigits || !/^[0-9]+$/.test(x))
      throw new ProofFileError(`${what}[${i}] must be a decimal string of at most ${PROOF_FILE_LIMITS.elementDigits} digits`);
    return BigInt(x);
  });
};

/**
 * Parses the file (bytes, text or an already parsed object); throws ProofFileError naming the bad field. The
 * ciphertext files inside are checked by the LWE parser (LweFormatError / ParameterMismatchError).
 */
export function decodeProofFile(input: Uint8Array | string | unknown): DecodedProofFile {
  let f: Partial<InferenceProofJson>;
  if (input instanceof Uint8Array || typeof input === "string") {
    const size = typeof input === "string" ? input.length : input.length;
    if (size > PROOF_FILE_LIMITS.bytes) throw new ProofFileError(`the file has ${size} bytes, over the cap of ${PROOF_FILE_LIMITS.bytes}`);
    try {
      const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input);
      // the shape first: an object of flat arrays, no array longer than the longest list a file may hold
      const shape = jsonShape(text, { depth: 2, arrayLength: PROOF_FILE_LIMITS.steps });
      if (shape.depth > 2) throw new ProofFileError("nests arrays or objects deeper than a proof file does (an object of flat lists)");
      if (shape.longestArray > PROOF_FILE_LIMITS.steps) throw new ProofFileError(`holds a list of more than ${PROOF_FILE_LIMITS.steps} entries, over the cap of any field`);
      f = JSON.parse(text) as Partial<InferenceProofJson>;
    } catch (e) {
      if (e instanceof ProofFileError) throw e;
      throw new ProofFileError(`not UTF-8 JSON (${(e as Error).message})`);
    }
  } else f = input as Partial<InferenceProofJson>;
  if (typeof f !== "object" || f === null || Array.isArray(f)) throw new ProofFileError("not a JSON object");
  if (!isProofFile(f)) throw new ProofFileError(`format is not "${INFERENCE_PROOF_FORMAT}"`);
  const unknown = Object.keys(f).find((k) => !PROOF_FILE_FIELDS.includes(k));
  if (unknown !== undefined) throw new ProofFileError(`unknown field ${JSON.stringify(unknown.slice(0, 64))} (a version ${INFERENCE_PROOF_VERSION} file has ${PROOF_FILE_FIELDS.join(", ")})`);
  if (f.version !== INFERENCE_PROOF_VERSION) throw new ProofFileError(`version ${String(f.version)} is not supported (expected ${INFERENCE_PROOF_VERSION}; re-prove older files)`);
  if (typeof f.params !== "string" || f.params.length > 256) throw new ProofFileError("params must be a parameter-set id");
  if (!Array.isArray(f.opcodes) || f.opcodes.length === 0 || f.opcodes.length > PROOF_FILE_LIMITS.steps || !f.opcodes.every((c) => Number.isInteger(c) && c >= 0 && c < 32))
    throw new ProofFileError(`opcodes must be 1 to ${PROOF_FILE_LIMITS.steps} five-bit opcodes`);
  const programHash = decimalList(f.programHash, "programHash", 4);
  const publicValues = decimalList(f.publicValues, "publicValues", PROOF_FILE_LIMITS.publicValues);
  if (!Number.isSafeInteger(f.traceLength) || f.traceLength! < 1 || f.traceLength! > PROOF_FILE_LIMITS.traceLength)
    throw new ProofFileError(`traceLength must be an integer in [1, ${PROOF_FILE_LIMITS.traceLength}], got ${String(f.traceLength)}`);
  if (f.mode !== "raw" && !(Number.isInteger(f.mode) && (f.mode as number) >= 1 && (f.mode as number) <= 8)) throw new ProofFileError(`mode must be "raw" or a lane count in [1, 8]`);
  if (!isImmediateBits(f.immediateBits)) throw new ProofFileError(`immediateBits must be an even width in [2, ${MAX_IMMEDIATE_BITS}]`);
  if (f.seeded !== true && f.seeded !== false) throw new ProofFileError("seeded must be true or false");
  const params = getParams(f.params);
  const inputBytes = unb64(f.inputs, "inputs", PROOF_FILE_LIMITS.inputsBase64);
  if (!Number.isSafeInteger(f.rows) || f.rows! < 1 || f.rows! > MAX_BATCH_ROWS) throw new ProofFileError(`rows must be an integer in [1, ${MAX_BATCH_ROWS}], got ${String(f.rows)}`);
  const scalarOutputs = decimalList(f.scalarOutputs, "scalarOutputs", PROOF_FILE_LIMITS.publicValues);
  const outputBytes = unb64(f.outputs, "outputs", PROOF_FILE_LIMITS.outputBase64);
  const proof = unb64(f.proof, "proof", PROOF_FILE_LIMITS.proofBase64);
  const inputs: Ciphertext[] = deserializeCiphertexts(inputBytes);
  const outputs = deserializeCiphertexts(outputBytes);
  if (outputs.length === 0 && scalarOutputs.length === 0) throw new ProofFileError("the file has no outputs");
  if (inputs.some((ct) => ct.params.id !== params.id) || outputs.some((ct) => ct.params.id !== params.id)) throw new ProofFileError(`the ciphertexts are not for the file's parameter set "${params.id}"`);
  const statement: InferenceStatement = {
    params,
    opcodes: f.opcodes,
    programHash,
    publicValues,
    rows: f.rows!,
    inputs,
    outputs,
    scalarOutputs,
    mode: f.mode as "raw" | number,
    traceLength: f.traceLength!,
    immediateBits: f.immediateBits,
  };
  return { statement, proof, inputBytes, outputBytes, seeded: f.seeded };
}
