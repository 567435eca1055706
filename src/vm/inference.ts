/**
 * Proved encrypted inference (thesis §3–4; issue "Encrypt zkVM", items 3, 4, 6): the node runs a program on
 * the user's input ciphertexts and proves with a STARK that the committed program (its hash) ran on exactly
 * those ciphertexts and produced exactly this output ciphertext. Neither side needs the LWE secret key: the
 * node has only ciphertexts, the verifier rebuilds the statement from public data.
 *
 * Ciphertexts enter the trace raw (n + 1 stack cells each — the thesis layout, possible while 2·(n + 1) + 1 ≤ 16)
 * or compressed to L lanes (compress.ts), which makes the proof's cost independent of n.
 */
import type { Air } from "../air/air.js";
import { type VmPublicInputs, vmAir, vmTraceLength } from "../air/vm/vm-air.js";
import { type Ciphertext, checkCompatible } from "../lwe/ciphertext.js";
import type { RandomSource } from "../lwe/random.js";
import { type LweParams, modulusOf } from "../lwe/params.js";
import { type VmHashSpec, hashSpecForModulus } from "./hash-spec.js";
import { type ProofOptions, type VerifyResult, prove, verify } from "../prover/index.js";
import type { Program } from "./assembler.js";
import { challengePowers, compressCiphertext, compressedBody, compressionChallenges } from "./compress.js";
import { VmExecutionError } from "./errors.js";
import { execute, lweAlgebra } from "./executor.js";
import { OPCODES, STACK_DEPTH } from "./isa.js";
import { type ProgramHash, programHash } from "./program-hash.js";
import { vmTrace } from "./trace.js";

/** "raw": ciphertexts as n + 1 cells (thesis layout); a number: compressed to that many lanes. */
export type CiphertextMode = "raw" | number;

/**
 * Raw cells when two ciphertexts and a scalar fit the 16 registers (the thesis: n = 4, 11 cells); otherwise
 * compressed lanes: 2 over f128, 3 over Goldilocks (compress.ts: soundness error ≤ (n/p)^L).
 */
export function defaultMode(params: LweParams): CiphertextMode {
  if (2 * (params.n + 1) + 1 <= STACK_DEPTH) return "raw";
  return modulusOf(params).q < 1n << 64n ? 3 : 2;
}

/** Everything a verifier knows: no secret key, no private immediates. */
export interface InferenceStatement {
  readonly params: LweParams;
  /** The program's opcodes (its shape; push immediates stay private). */
  readonly opcodes: readonly number[];
  readonly programHash: ProgramHash;
  readonly publicValues: readonly bigint[];
  readonly inputs: readonly Ciphertext[];
  readonly output: Ciphertext;
  readonly mode: CiphertextMode;
  readonly traceLength: number;
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

/** The AIR's public inputs for a statement: raw or compressed cells. */
export function vmPublicInputs(s: InferenceStatement): VmPublicInputs {
  const spec = hashSpecFor(s.params);
  const F = spec.field;
  s.inputs.forEach((ct, i) => checkCompatible(ct, s.params, s.inputs[0]!.keyId, `input ${i}`));
  if (s.inputs.length > 0) checkCompatible(s.output, s.params, s.inputs[0]!.keyId, "output");
  const raw = s.inputs.map((ct) => cellsOf(s.params, ct));
  const out = cellsOf(s.params, s.output);
  const n = s.params.n;
  let inputs: bigint[][];
  let output: bigint[];
  let body: bigint[];
  if (s.mode === "raw") {
    inputs = raw;
    output = out;
    body = Array.from({ length: n + 1 }, (_, j) => (j === n ? 1n : 0n));
  } else {
    const rs = compressionChallenges(F, s.mode, {
      paramsId: s.params.id,
      n,
      delta: s.params.delta,
      opcodes: s.opcodes,
      programHash: s.programHash,
      publicValues: s.publicValues,
      inputs: raw,
      output: out,
    });
    const powers = challengePowers(F, rs, n);
    inputs = raw.map((ct) => compressCiphertext(F, powers, ct));
    output = compressCiphertext(F, powers, out);
    body = compressedBody(F, rs, n);
  }
  return { hash: spec.id, opcodes: s.opcodes, programHash: s.programHash, publicValues: s.publicValues, inputs, output, delta: s.params.delta, body, traceLength: s.traceLength };
}

export function inferenceAir(s: InferenceStatement): Air {
  return vmAir(vmPublicInputs(s));
}

export interface ProveInferenceOptions {
  readonly proofOptions: ProofOptions;
  readonly mode?: CiphertextMode;
  /** Program-hash salt, one element per capacity cell (hides private immediates from brute force); default zero. */
  readonly salt?: ProgramHash;
  /** Trace rows (a power of two); default the smallest that fits (doubled until zero knowledge can hide the queries). */
  readonly traceLength?: number;
  /** Zero-knowledge randomness (default the OS CSPRNG). */
  readonly random?: RandomSource;
}

export interface InferenceProof {
  readonly statement: InferenceStatement;
  readonly proof: Uint8Array;
}

/** Runs `program` on the ciphertexts (the fast executor), then traces and proves it. */
export function proveInference(program: Program, params: LweParams, publicValues: readonly bigint[], inputs: readonly Ciphertext[], o: ProveInferenceOptions): InferenceProof {
  const spec = hashSpecFor(params);
  const F = spec.field;
  // every input for these parameters and one key, named by its position
  inputs.forEach((ct, i) => checkCompatible(ct, params, inputs[0]!.keyId, `input ciphertext ${i}`));
  const mode = o.mode ?? defaultMode(params);
  const { output } = execute(F, program, { publicValues, ciphertexts: inputs }, lweAlgebra(params), { ciphertextCells: mode === "raw" ? params.n + 1 : mode });
  const opcodes = program.instructions.map((i) => OPCODES[i.op]);
  // zero knowledge needs ≥ 2·queries + 2·extension rows to hide the openings
  const minRows = o.proofOptions.zeroKnowledge ? 2 * o.proofOptions.queries + 2 * o.proofOptions.fieldExtension : 0;
  let traceLength = o.traceLength ?? vmTraceLength(program.instructions.length);
  while (traceLength < minRows) traceLength *= 2;
  const statement: InferenceStatement = { params, opcodes, programHash: programHash(program, o.salt, spec), publicValues, inputs, output, mode, traceLength };
  const pub = vmPublicInputs(statement);
  const { trace } = vmTrace({ program, publicValues, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength, hash: spec, ...(o.salt ? { salt: o.salt } : {}) });
  const air = vmAir(pub);
  const { bytes } = prove(air, trace, o.proofOptions, o.random ? { random: o.random } : {});
  return { statement, proof: bytes };
}

export function verifyInference(s: InferenceStatement, proof: Uint8Array, options: { readonly minSecurityBits?: number } = {}): VerifyResult {
  let air: Air;
  try {
    air = inferenceAir(s);
  } catch (e) {
    return { ok: false, check: "public-inputs", message: (e as Error).message };
  }
  return verify(air, proof, options);
}
