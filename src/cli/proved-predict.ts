/**
 * `predict --encrypted --prove` (issue 15, item 3): the data owner's rows are quantised and encrypted, the model
 * (a regression, or a classifier's k scores) runs on all of them in one batch proof, the proof is verified as any
 * verifier would — against the statement built from the compiled model and the owner's own ciphertexts, under the
 * default policy, never the statement the proof carries — and the outputs are decrypted under the verified
 * statement's noise bound. What the command reports as encrypted results are then proved results.
 */
import { type KeyPair, type RandomSource, encryptMany, encryptWithSecretKey } from "../lwe/index.js";
import { DEFAULT_POLICY } from "../prover/index.js";
import { type QuantizedLinearModel, quantizeRow } from "../regression/index.js";
import { classifierTape, compileClassifier, compileModel } from "../vm/compile.js";
import { type InferenceProof, type InferenceStatement, ciphertextCells, hashSpecFor, proveInference, requiredMode, vmProofOptions } from "../vm/inference.js";
import { OPCODES } from "../vm/isa.js";
import { decryptVerifiedOutputs } from "../vm/noise-bound.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { programHash } from "../vm/program-hash.js";
import { verifyAgainstTrusted } from "../vm/statement.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { CliUsageError } from "./errors.js";

export interface ProvedBatch {
  /** Per row, the decrypted outputs: one accumulator for a regression, k class scores for a classifier. */
  readonly accumulators: readonly (readonly bigint[])[];
  readonly rows: number;
  readonly proveMs: number;
  readonly verifyMs: number;
  readonly proofBytes: number;
  readonly traceLength: number;
  readonly securityBits: number;
  readonly provenBits: number;
  readonly policy: string;
  /** The proof and the statement it was verified against (the verifier's own). */
  readonly proof: InferenceProof;
  readonly verified: InferenceStatement;
}

/**
 * Encrypts `rows` under `keys`, proves the model on all of them in one proof, verifies it and decrypts the outputs.
 * `scores` is one quantised circuit (a regression) or a classifier's k; `classifier` says which program to build.
 */
export async function provedBatch(
  scores: readonly QuantizedLinearModel[],
  classifier: boolean,
  rows: readonly ArrayLike<number>[],
  keys: KeyPair,
  o: { readonly random: RandomSource; readonly encryption: "public" | "secret"; readonly proofOut?: string; readonly onProgress?: (label: string) => void },
): Promise<ProvedBatch> {
  const params = keys.publicKey.params;
  const spec = hashSpecFor(params);
  if (rows.length > 1 && spec.kind !== "sponge") throw new CliUsageError(`--prove proves all rows in one batch, which needs a Goldilocks preset (goldilocks-128); "${params.id}" proves one row per proof`);
  const q = spec.field.modulus;
  const compiled = classifier ? compileClassifier(scores, "public", q, ciphertextCells(params, requiredMode(params))) : compileModel(scores[0]!, "public", q);
  const f = scores[0]!.circuitWeights.length;
  o.onProgress?.(`encrypting ${rows.length} rows`);
  const values = rows.flatMap((r) => quantizeRow(scores[0]!, r));
  const cts = o.encryption === "secret" ? values.map((v) => encryptWithSecretKey(keys.secretKey, v, o.random)) : encryptMany(keys.publicKey, values, o.random);
  const tape = classifier ? Array.from({ length: rows.length }, (_, b) => classifierTape(cts.slice(b * f, (b + 1) * f), scores.length)).flat() : cts;
  const proofOptions = vmProofOptions(params, { zeroKnowledge: false, steps: compiled.program.instructions.length });
  o.onProgress?.(`proving ${rows.length} rows in one proof`);
  const t0 = performance.now();
  const proof = proveInference(compiled.program, params, compiled.publicValues, tape, { proofOptions, rows: rows.length });
  const proveMs = performance.now() - t0;
  // the verifier's statement: the model as compiled here (its hash computed here), the owner's own ciphertexts
  o.onProgress?.("verifying");
  const model = {
    params,
    opcodes: compiled.program.instructions.map((i) => OPCODES[i.op]),
    programHash: programHash(compiled.program, undefined, spec, compiled.publicValues),
    publicValues: compiled.publicValues,
    immediateBits: proof.statement.immediateBits,
    rowInputs: f,
  };
  const t1 = performance.now();
  const v = verifyAgainstTrusted({ model, inputs: cts }, proof, { policy: DEFAULT_POLICY });
  const verifyMs = performance.now() - t1;
  // (`=== false`: the narrowing also holds where strictNullChecks is off, as in the notebooks' kernel)
  if (v.ok === false) throw new Error(`the batch proof does not verify (${v.check}${v.field ? `: ${v.field}` : ""}): ${v.message}`);
  if (o.proofOut !== undefined) await writeFileAtomic(o.proofOut, encodeProofFile(proof.statement, proof.proof, { seeded: proof.seeded }));
  const all = decryptVerifiedOutputs(keys.secretKey, v.statement);
  const k = all.length / rows.length;
  return {
    accumulators: Array.from({ length: rows.length }, (_, b) => all.slice(b * k, (b + 1) * k)),
    rows: rows.length,
    proveMs,
    verifyMs,
    proofBytes: proof.proof.length,
    traceLength: proof.statement.traceLength,
    securityBits: v.securityBits,
    provenBits: v.provenBits,
    policy: v.policy,
    proof,
    verified: v.statement,
  };
}

/** What `predict --json` reports of the proof. */
export function provedSummary(p: ProvedBatch): Record<string, number | string | boolean> {
  return { verified: true, rows: p.rows, proveMs: Math.round(p.proveMs), verifyMs: Math.round(p.verifyMs), proofBytes: p.proofBytes, traceLength: p.traceLength, securityBits: p.securityBits, provenBits: p.provenBits, policy: p.policy };
}

/** The human line. */
export function provedLine(p: ProvedBatch): string {
  return `proved: all ${p.rows} rows in one proof (${(p.proofBytes / 1024).toFixed(1)} KiB, ${p.traceLength}-row trace) in ${(p.proveMs / 1000).toFixed(2)} s; verified in ${p.verifyMs.toFixed(0)} ms under policy "${p.policy}" (${p.securityBits} bits conjectured, ${p.provenBits} proven); the encrypted results above are the verified outputs, decrypted`;
}
