/**
 * Proved encrypted inference (thesis §3–4; issue "Encrypt zkVM", items 3, 4, 6): the node runs a program on
 * the user's input ciphertexts and proves with a STARK that the committed program (its hash) ran on exactly
 * those ciphertexts and produced exactly this output ciphertext. Neither side needs the LWE secret key: the
 * node has only ciphertexts, the verifier rebuilds the statement from public data.
 *
 * Ciphertexts enter the trace raw (n + 1 stack cells each — the thesis layout, possible while 2·(n + 1) + 1 ≤ 16)
 * or compressed to L lanes (compress.ts), which makes the proof's cost independent of n.
 *
 * Nothing about the statement's form is the prover's choice (issue "Sound from model to payment", item 2): the
 * ciphertext mode is the one the parameter set requires (`requiredMode`: the smallest lane count L with
 * (n/p)^L ≤ 2^-128), the trace length is the one the shape and the proof options require
 * (`requiredTraceLength`), and `verifyInference` refuses any other before building the AIR. The proof's options
 * are judged by the verifier's security policy (src/prover/policy.ts).
 */
import type { Air } from "../air/air.js";
import { MAX_BATCH_ROWS, type VmPublicInputs, hasPush, vmAir, vmConstraintDegrees, vmLayout, vmTraceLength } from "./air/vm-air.js";
import { compositionLayout } from "../prover/layout.js";
import { type Ciphertext, checkCompatible } from "../lwe/ciphertext.js";
import type { RandomSource } from "../lwe/random.js";
import { type LweParams, modulusOf } from "../lwe/params.js";
import type { Field } from "../math/field.js";
import { vectorOpsFor } from "../math/vector-ops.js";
import { type VmHashSpec, hashSpecForModulus } from "./hash-spec.js";
import { DEFAULT_OPTIONS, type ProofOptions, STRICT_OPTIONS, STRICT_ZK_OPTIONS, type SecurityPolicy, type StarkProof, type VerifyResult, ZK_OPTIONS, challengeField, deserializeProof, prove, verify } from "../prover/index.js";
import type { Program } from "./assembler.js";
import { type Cells, type CompressionBinding, challengePowers, compressCiphertexts, compressedBody, compressionChallenges } from "./compress.js";
import { VmExecutionError, VmStatementError, WeightsExposureError } from "./errors.js";
import { VerificationError } from "../prover/errors.js";
import { ciphertextOutputs, executeRows, inputsPerRow, lweAlgebra, scalarOutputs } from "./executor.js";
import { MAX_IMMEDIATE_BITS, MAX_VM_STEPS, OPCODES, STACK_DEPTH, immediateBitsOf, isImmediateBits } from "./isa.js";
import { type ProgramHash, programHash } from "./program-hash.js";
import { type ItemKind, outputKinds, shapeTypeError, typeShape } from "./shape-types.js";
import { proofFileSizeError } from "./proof-file.js";
import { vmTrace } from "./trace.js";

/** "raw": ciphertexts as n + 1 cells (thesis layout); a number: compressed to that many lanes. */
export type CiphertextMode = "raw" | number;

/** Soundness target of the ciphertext compression: (n/p)^L ≤ 2^-128 per statement the prover tries. */
export const COMPRESSION_SECURITY_BITS = 128;

export { MAX_VM_STEPS } from "./isa.js";
/** Most trace steps a statement's runs may use, a batch's segments together (2^17: 1,000 rows of a 100-step program). */
export const MAX_STATEMENT_STEPS = 1 << 17;

/**
 * The one ciphertext mode a parameter set admits: raw cells when two ciphertexts and a scalar fit the 16
 * registers (the thesis: n = 4, 11 cells); otherwise the smallest lane count L with L·log2(n/p) ≤ −128
 * (compress.ts: a wrong output survives L lanes with probability ≤ (n/p)^L) — 2 over f128 (n = 3072: 2^-233),
 * 3 over Goldilocks (n = 2096: 2^-159).
 */
export function requiredMode(params: LweParams): CiphertextMode {
  if (2 * (params.n + 1) + 1 <= STACK_DEPTH) return "raw";
  const perLane = Math.log2(params.n) - Math.log2(Number(modulusOf(params).q));
  const lanes = Math.ceil(COMPRESSION_SECURITY_BITS / -perLane);
  if (!(perLane < 0) || lanes > 8)
    throw new VmStatementError("params", `parameter set "${params.id}" (n = ${params.n}) needs ${lanes} compression lanes for 2^-${COMPRESSION_SECURITY_BITS}; at most 8 are supported`);
  return lanes;
}

/** Stack cells a ciphertext occupies in a statement of this mode. */
export function ciphertextCells(params: LweParams, mode: CiphertextMode): number {
  return mode === "raw" ? params.n + 1 : mode;
}

/**
 * The trace length a statement must have: the smallest power of two above the program (≥ 32), doubled until
 * zero knowledge can hide the queries (≥ 2·queries + 2·extension rows). Nothing else is accepted.
 */
export function requiredTraceLength(steps: number, o: Pick<ProofOptions, "zeroKnowledge" | "queries" | "fieldExtension">, rows = 1, hashEach = false): number {
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > MAX_VM_STEPS) throw new VmStatementError("opcodes", `a program has 1 to ${MAX_VM_STEPS} steps, got ${steps}`);
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > MAX_BATCH_ROWS) throw new VmStatementError("rows", `a statement has 1 to ${MAX_BATCH_ROWS} rows, got ${String(rows)}`);
  const used = vmLayout(steps, rows, hashEach).used;
  if (used > MAX_STATEMENT_STEPS) throw new VmStatementError("rows", `${rows} rows of a ${steps}-step program use ${used} trace steps, over the cap of ${MAX_STATEMENT_STEPS}: split the batch`);
  let n = vmTraceLength(used);
  const minRows = o.zeroKnowledge ? 2 * o.queries + 2 * o.fieldExtension : 0;
  while (n < minRows) n *= 2;
  return n;
}

/**
 * Proof options for inference proofs over a parameter set's field, meeting DEFAULT_POLICY (or STRICT_POLICY
 * with `strict`): over f128 no extension (a 128-bit challenge field; strict needs 2), over Goldilocks a cubic
 * one. Blowup 8: the constraints have degree ≤ 4 — the model commitment's S-box is split by helper columns
 * (vm-air.ts). With zero knowledge the code rate is 2/blowup and the masked composition (degree < 7n) needs room:
 * given the program's `steps`, blowup 8 with 52 queries where the layout fits (ZK_BLOWUP_8), else blowup 16.
 */
export function vmProofOptions(params: LweParams, o: { readonly zeroKnowledge: boolean; readonly strict?: boolean; readonly steps?: number }): ProofOptions {
  const spec = hashSpecFor(params);
  const f128 = spec.field.modulus.toString(2).length > 64;
  if (o.strict) {
    const base = o.zeroKnowledge ? STRICT_ZK_OPTIONS : STRICT_OPTIONS;
    return f128 ? { ...base, fieldExtension: 2 } : base;
  }
  const base = o.zeroKnowledge ? ZK_OPTIONS : DEFAULT_OPTIONS;
  if (f128) return { ...base, fieldExtension: 1 };
  if (o.zeroKnowledge && o.steps !== undefined && zeroKnowledgeFitsBlowup8(spec, o.steps)) return ZK_BLOWUP_8;
  return o.zeroKnowledge ? base : VM_OPTIONS;
}

/**
 * DEFAULT_OPTIONS with FRI stopping at a remainder of < 256 coefficients (sent in the clear: 6 KiB over the cubic
 * extension) instead of 32: one or two FRI layers fewer to open — 44 queries' leaves and Merkle paths each —
 * so a 1,000-feature proof is 96 KiB instead of 104 (300 features: 78 instead of 84). The security figures do not
 * change (128 conjectured, 81 proven bits): the remainder's degree is checked exactly.
 */
const VM_OPTIONS: ProofOptions = Object.freeze({ ...DEFAULT_OPTIONS, friRemainderMaxDegree: 255 });

/**
 * Zero knowledge at blowup 8 with 52 queries: 119 bits conjectured and 67 proven at the code rate 2/8 — DEFAULT_POLICY
 * holds — for half the LDE of ZK_OPTIONS (blowup 16). It fits when the masked composition (degree < 7n for degree-4
 * constraints) splits into columns within the 8n-point domain, which holds for long enough traces (layout.ts).
 */
const ZK_BLOWUP_8: ProofOptions = Object.freeze({ ...ZK_OPTIONS, blowup: 8, queries: 52 });

function zeroKnowledgeFitsBlowup8(spec: VmHashSpec, steps: number): boolean {
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > MAX_VM_STEPS) return false;
  const traceLength = requiredTraceLength(steps, ZK_BLOWUP_8);
  try {
    compositionLayout({ traceLength, transitionDegrees: vmConstraintDegrees(STACK_DEPTH - 1, spec) }, ZK_BLOWUP_8);
    return true;
  } catch {
    return false; // (the layout's LayoutError: too short a trace for blowup 8)
  }
}

/** The trace length a statement requires (`requiredTraceLength` for its shape and rows). */
export function statementTraceLength(s: Pick<InferenceStatement, "opcodes" | "rows">, o: Pick<ProofOptions, "zeroKnowledge" | "queries" | "fieldExtension">): number {
  return requiredTraceLength(s.opcodes.length, o, s.rows, hasPush(s.opcodes));
}

/** Everything a verifier knows: no secret key, no private immediates. */
export interface InferenceStatement {
  readonly params: LweParams;
  /** The program's opcodes (its shape; push immediates stay private). */
  readonly opcodes: readonly number[];
  readonly programHash: ProgramHash;
  readonly publicValues: readonly bigint[];
  /** Rows of a batch (1: the thesis's one input row): the program runs once per row (vm-air.ts `vmLayout`). */
  readonly rows: number;
  /** Every row's input ciphertexts in turn (rows × the program's read2 count). */
  readonly inputs: readonly Ciphertext[];
  /**
   * The ciphertexts the program leaves, row after row, each row's in the order its final stack gives them (bottom
   * first: one for a regression, k class scores for a classifier).
   */
  readonly outputs: readonly Ciphertext[];
  /** The scalars the program leaves (public values it computed), row after row; usually none. */
  readonly scalarOutputs: readonly bigint[];
  readonly mode: CiphertextMode;
  readonly traceLength: number;
  /**
   * The push immediates' width b (isa.ts): the AIR range-checks every immediate to −2^(b−1) … 2^(b−1) − 1, which
   * bounds the output's noise for whoever decrypts it (noise-bound.ts). `immediateBitsOf` the program.
   */
  readonly immediateBits: number;
}

/** The program-hash preset (and so the VM's field) of an LWE parameter set: its modulus q must be the field. */
export function hashSpecFor(params: LweParams): VmHashSpec {
  const q = modulusOf(params).q;
  const spec = hashSpecForModulus(q);
  if (!spec)
    throw new VmExecutionError(
      `the VM runs over f128 (rescue-f128) or Goldilocks (rp64-goldilocks): ciphertexts are stack cells; parameter set "${params.id}" has q = ${q}`,
      0,
      undefined,
    );
  return spec;
}

function cellsOf(params: LweParams, ct: Ciphertext): bigint[] {
  return lweAlgebra(params).cells(ct);
}

/**
 * The n + 1 components of a ciphertext as its own limb vector when the ciphertext modulus is the proof field and a
 * component's 32-bit limbs are the field's vector layout (Goldilocks: 2, the 128-bit primes: 4), else undefined.
 */
function limbVector(params: LweParams, F: Field<bigint>, ct: Ciphertext): Uint32Array | undefined {
  const mod = modulusOf(params);
  if (mod.q !== F.characteristic || 4 * mod.limbs !== F.byteLength || vectorOpsFor(F) === undefined || ct.data.length < mod.limbs * (params.n + 1)) return undefined;
  return ct.data.subarray(0, mod.limbs * (params.n + 1));
}

/** What a statement's compression challenges are drawn from (compress.ts), with its ciphertexts as `inputs` and `outputs`. */
export function compressionBinding(s: InferenceStatement, inputs: readonly Cells[], outputs: readonly Cells[]): CompressionBinding {
  return {
    paramsId: s.params.id,
    n: s.params.n,
    delta: s.params.delta,
    opcodes: s.opcodes,
    programHash: s.programHash,
    publicValues: s.publicValues,
    rows: s.rows,
    inputs,
    outputs,
    scalarOutputs: s.scalarOutputs,
  };
}

/** The AIR's public inputs for a statement: raw or compressed cells. */
export function vmPublicInputs(s: InferenceStatement): VmPublicInputs {
  const spec = hashSpecFor(s.params);
  const F = spec.field;
  s.inputs.forEach((ct, i) => checkCompatible(ct, s.params, s.inputs[0]!.keyId, `input ${i}`));
  if (s.inputs.length > 0) s.outputs.forEach((ct, i) => checkCompatible(ct, s.params, s.inputs[0]!.keyId, `output ${i}`));
  // the counts against the shape first: no ciphertext is hashed or compressed for a statement that cannot hold
  const kinds = outputKindsFor(s, ciphertextCells(s.params, s.mode));
  const n = s.params.n;
  let inputs: bigint[][];
  let outputs: bigint[][];
  let body: bigint[];
  if (s.mode === "raw") {
    inputs = s.inputs.map((ct) => cellsOf(s.params, ct));
    outputs = s.outputs.map((ct) => cellsOf(s.params, ct));
    body = Array.from({ length: n + 1 }, (_, j) => (j === n ? 1n : 0n));
  } else {
    // the ciphertexts' limb vectors are used as they are where they are the field's layout (no bigint per component)
    const cells = (ct: Ciphertext): Cells => limbVector(s.params, F, ct) ?? cellsOf(s.params, ct);
    const raw = s.inputs.map(cells);
    const out = s.outputs.map(cells);
    const rs = compressionChallenges(F, s.mode, compressionBinding(s, raw, out));
    const powers = challengePowers(F, rs, n);
    const lanes = compressCiphertexts(F, powers, [...out, ...raw]);
    outputs = lanes.slice(0, out.length);
    inputs = lanes.slice(out.length);
    body = compressedBody(F, rs, n);
  }
  return {
    hash: spec.id,
    opcodes: s.opcodes,
    programHash: s.programHash,
    publicValues: s.publicValues,
    inputs,
    outputs: interleaveOutputs(s, outputs, kinds),
    ...(s.rows !== 1 ? { rows: s.rows } : {}),
    delta: s.params.delta,
    body,
    traceLength: s.traceLength,
    immediateBits: s.immediateBits,
  };
}

/** The shape's output kinds per row, after checking the statement's output counts against them (named if not). */
function outputKindsFor(s: InferenceStatement, w: number): readonly ItemKind[] {
  const typed = typeShape(s.opcodes, w);
  if (!("outputs" in typed)) throw new VmStatementError("opcodes", `the program shape is ill-typed at step ${typed.step}: ${typed.reason}`);
  const kinds = typed.outputs;
  const perRow = { ciphertext: kinds.filter((k) => k === "ciphertext").length, scalar: kinds.filter((k) => k === "scalar").length };
  if (!Number.isSafeInteger(s.rows) || s.rows < 1) throw new VmStatementError("rows", `rows must be a positive integer, got ${String(s.rows)}`);
  const reads = s.opcodes.filter((c) => c === OPCODES.read2).length;
  if (s.inputs.length !== reads * s.rows)
    throw new VmStatementError("inputs", `the program reads ${reads} input ciphertexts per row, ${reads * s.rows} for ${s.rows} row${s.rows === 1 ? "" : "s"}; the statement has ${s.inputs.length}`);
  if (s.outputs.length !== perRow.ciphertext * s.rows)
    throw new VmStatementError("outputs", `the program leaves ${perRow.ciphertext} ciphertext${perRow.ciphertext === 1 ? "" : "s"} per row, ${perRow.ciphertext * s.rows} for ${s.rows} row${s.rows === 1 ? "" : "s"}; the statement has ${s.outputs.length}`);
  if (s.scalarOutputs.length !== perRow.scalar * s.rows)
    throw new VmStatementError("scalarOutputs", `the program leaves ${perRow.scalar} scalar${perRow.scalar === 1 ? "" : "s"} per row, ${perRow.scalar * s.rows} for ${s.rows} row${s.rows === 1 ? "" : "s"}; the statement has ${s.scalarOutputs.length}`);
  return kinds;
}

/**
 * The AIR's output list (row after row, each row's outputs in its final stack's order) from the statement's two
 * lists: the shape's output kinds (`outputKindsFor`, counts checked) say which comes next.
 */
function interleaveOutputs(s: InferenceStatement, ciphertextCells: readonly bigint[][], kinds: readonly ItemKind[]): bigint[][] {
  let c = 0;
  let v = 0;
  const out: bigint[][] = [];
  for (let b = 0; b < s.rows; b++) for (const k of kinds) out.push(k === "ciphertext" ? ciphertextCells[c++]! : [s.scalarOutputs[v++]!]);
  return out;
}

export function inferenceAir(s: InferenceStatement): Air {
  return vmAir(vmPublicInputs(s));
}

export interface ProveInferenceOptions {
  readonly proofOptions: ProofOptions;
  /** The prover's progress (ProveOptions.onProgress): the CLI's bar. */
  readonly onProgress?: (step: number, total: number, label: string) => void;
  /** Program-hash salt, one element per capacity cell (hides private immediates from brute force); default zero. */
  readonly salt?: ProgramHash;
  /**
   * Zero-knowledge randomness (default the OS CSPRNG). A seeded source is re-keyed by the statement and the trace
   * inside the prover (`zkRandomnessFor`, src/prover/zk.ts): proofs on other inputs never share its draws.
   */
  readonly random?: RandomSource;
  /**
   * Private weights (push immediates) are hidden only by zero knowledge AND a secret salt: without zero
   * knowledge one proof's openings of s0 give the weights by linear algebra; with a zero (or guessable) salt the
   * program hash is brute-forced. Proving them otherwise needs this explicit, named acknowledgement.
   */
  readonly insecure?: { readonly revealWeightsWithoutZeroKnowledge?: boolean; readonly unsaltedPrivateWeights?: boolean };
  /**
   * The immediate width the statement declares (isa.ts): at least the program's own (`immediateBitsOf`, the
   * default); a publisher may declare a wider one not to reveal its weights' width, at the cost of a looser
   * noise bound for the user.
   */
  readonly immediateBits?: number;
  /**
   * Check the trace against the VM's AIR before proving, naming a failing constraint and step (default false: the
   * trace is the VM's own, and the prover refuses one that breaks a constraint anyway — by its composition's
   * degree, an assertion by name — only without naming the step; turn it on to debug the VM).
   */
  readonly validate?: boolean;
  /**
   * Rows of a batch (default 1): `inputs` holds each row's input ciphertexts in turn, and one proof covers every
   * row (issue 15, item 3). Needs a Goldilocks parameter set (the model commitment's sponge).
   */
  readonly rows?: number;
}

export interface InferenceProof {
  readonly statement: InferenceStatement;
  readonly proof: Uint8Array;
  /** True when the zero-knowledge randomness was seeded (experiments only; recorded in the proof file). */
  readonly seeded: boolean;
}

/** Refuses to prove private immediates in a way that gives them away (see ProveInferenceOptions.insecure). */
function checkPrivacy(program: Program, o: ProveInferenceOptions): void {
  if (!program.instructions.some((i) => i.op === "push")) return;
  if (!o.proofOptions.zeroKnowledge && !o.insecure?.revealWeightsWithoutZeroKnowledge)
    throw new WeightsExposureError(
      "the program has private immediates (push) but the proof is not zero-knowledge: its openings of s0 give the weights away by linear algebra; prove with zeroKnowledge (or set insecure.revealWeightsWithoutZeroKnowledge)",
    );
  if ((o.salt === undefined || o.salt.every((v) => v === 0n)) && !o.insecure?.unsaltedPrivateWeights)
    throw new WeightsExposureError(
      "the program has private immediates (push) but no program-hash salt: the weights can be brute-forced from the public hash; give a fresh CSPRNG salt (or set insecure.unsaltedPrivateWeights)",
    );
}

/** Runs `program` on the ciphertexts (the fast executor), then traces and proves it. */
export function proveInference(program: Program, params: LweParams, publicValues: readonly bigint[], inputs: readonly Ciphertext[], o: ProveInferenceOptions): InferenceProof {
  const spec = hashSpecFor(params);
  const F = spec.field;
  const rows = o.rows ?? 1;
  if (rows > 1 && spec.kind !== "sponge") throw new VmStatementError("rows", `a batch needs a Goldilocks parameter set (the model commitment's sponge); "${params.id}" proves one row per statement`);
  // every input for these parameters and one key, named by its position (and row)
  const f = inputsPerRow(program);
  inputs.forEach((ct, i) => checkCompatible(ct, params, inputs[0]!.keyId, rows > 1 && f > 0 ? `input ciphertext ${i} (row ${Math.floor(i / f)}, feature ${i % f})` : `input ciphertext ${i}`));
  checkPrivacy(program, o);
  const mode = requiredMode(params);
  const opcodes = program.instructions.map((i) => OPCODES[i.op]);
  const traceLength = requiredTraceLength(program.instructions.length, o.proofOptions, rows, hasPush(opcodes));
  // a proof file no reader would accept is refused before the work (proof-file.ts caps)
  const outputsPerRow = outputKinds(opcodes, ciphertextCells(params, mode)).filter((k) => k === "ciphertext").length;
  const tooBig = proofFileSizeError(params, inputs.length, rows * outputsPerRow, f);
  if (tooBig !== undefined) throw new VmStatementError("rows", `a batch of ${rows} rows: ${tooBig}`);
  const results = executeRows(F, program, { publicValues, ciphertexts: inputs }, rows, lweAlgebra(params), { ciphertextCells: ciphertextCells(params, mode) });
  const own = immediateBitsOf(program.instructions, F.modulus);
  const immediateBits = o.immediateBits ?? own;
  if (!isImmediateBits(immediateBits) || immediateBits < own)
    throw new VmStatementError("immediateBits", `the declared immediate width ${immediateBits} is not an even width from the program's own ${own} to ${MAX_IMMEDIATE_BITS}`);
  const statement: InferenceStatement = {
    params,
    opcodes,
    programHash: programHash(program, o.salt, spec, publicValues),
    publicValues,
    rows,
    inputs,
    outputs: ciphertextOutputs(results),
    scalarOutputs: scalarOutputs(results),
    mode,
    traceLength,
    immediateBits,
  };
  const pub = vmPublicInputs(statement);
  const { trace } = vmTrace({ program, publicValues, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength, hash: spec, immediateBits, rows, ...(o.salt ? { salt: o.salt } : {}) });
  const air = vmAir(pub);
  const { bytes } = prove(air, trace, o.proofOptions, { validate: o.validate ?? false, ...(o.random ? { random: o.random } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  return { statement, proof: bytes, seeded: o.random !== undefined && !o.random.secure };
}

/**
 * Verifies a proof of the statement `s` that the CALLER built (from what it trusts: see statement.ts), under
 * the caller's security policy. Before any STARK work it refuses an ill-typed shape (shape-types.ts: the
 * executor's rules) and a statement whose form the prover could have chosen: a ciphertext mode other than the
 * parameter set's, a trace length other than the shape's.
 */
export function verifyInference(s: InferenceStatement, proof: Uint8Array | StarkProof, options: { readonly policy?: SecurityPolicy } = {}): VerifyResult {
  let air: Air;
  let parsed: StarkProof;
  try {
    const mode = requiredMode(s.params);
    const typeError = shapeTypeError(s.opcodes, ciphertextCells(s.params, mode));
    if (typeError) return { ok: false, check: "statement", message: `the program shape is ill-typed at step ${typeError.step}: ${typeError.reason}` };
    if (s.mode !== mode) return { ok: false, check: "statement", message: `ciphertext mode ${String(s.mode)}: parameter set "${s.params.id}" requires ${mode === "raw" ? "raw cells" : `${mode} compression lanes`}` };
    const F = hashSpecFor(s.params).field;
    parsed = proof instanceof Uint8Array ? deserializeProof(proof, F, (d) => challengeField(F, d).E) : proof;
    const rows = statementTraceLength(s, parsed.options);
    if (s.traceLength !== rows)
      return { ok: false, check: "statement", message: `trace length ${s.traceLength}: a ${s.opcodes.length}-step program${s.rows > 1 ? ` over ${s.rows} rows` : ""} with these proof options has exactly ${rows} rows` };
    air = inferenceAir(s);
  } catch (e) {
    const check = e instanceof VerificationError ? e.check : e instanceof VmStatementError ? "statement" : "public-inputs";
    return { ok: false, check, message: (e as Error).message };
  }
  return verify(air, parsed, options);
}
