/**
 * The user's side of a job before paying (thesis §3.3, "the user encrypts"): quantise rows with the quantisers of
 * the manifest bound to the ModelNFT, LWE-encrypt them under the user's own key, and refuse a model whose committed
 * statement cannot bound the output's noise. Shared by the marketplace flow (CLI, demo) and the web page's worker;
 * it touches no chain, store or file.
 */
import { type PublicKey, type RandomSource, encryptMany, serializeCiphertexts } from "../lwe/index.js";
import { quantize, quantizeInRange } from "../regression/quantize.js";
import { decryptVerifiedOutputs, statementNoises } from "../vm/noise-bound.js";
import type { InferenceStatement } from "../vm/inference.js";
import { type CommittedModel, inputTape } from "../vm/statement.js";
import type { SecretKey } from "../lwe/keys.js";
import { NodeError } from "./errors.js";
import type { ModelManifest } from "./model-manifest.js";

/** The highest decryption-failure probability (log2) a user accepts before paying for a job. */
export const MAX_LOG2_DECRYPTION_FAILURE = -40;

export interface EncryptedRows {
  /** The input file (format version 2; seeded when `random` is not the CSPRNG). */
  readonly input: Uint8Array;
  /** Every row's quantised features in turn. */
  readonly quantized: readonly number[];
}

/**
 * Quantises and encrypts `rows` for the model under the user's public key. `strictRange`: a value the quantiser would clamp is refused (the web
 * page's form) instead of clamped (the CLI's historical behaviour). NodeError (or RangeError for a value out of
 * range) before anything is encrypted.
 */
export function encryptRows(
  manifest: ModelManifest,
  model: CommittedModel,
  rows: readonly (readonly number[])[],
  publicKey: PublicKey,
  random: RandomSource,
  o: { readonly strictRange?: boolean; readonly modelName?: string } = {},
): EncryptedRows {
  const name = o.modelName ?? "the model";
  if (rows.length === 0) throw new NodeError("no rows to request an inference on");
  rows.forEach((row, b) => {
    if (row.length !== manifest.features.length) throw new NodeError(`the model takes ${manifest.features.length} features, ${rows.length > 1 ? `row ${b}` : "the row"} has ${row.length}`);
  });
  if (publicKey.params.id !== manifest.params)
    throw new NodeError(`the key is for parameter set "${publicKey.params.id}", ${name} runs on "${manifest.params}": use a key for "${manifest.params}"`);
  const quantized = rows.flatMap((row) => manifest.inputQuantizers.map((q, j) => (o.strictRange ? quantizeInRange(q, row[j]!, manifest.features[j]!) : quantize(q, row[j]!))));
  const cts = encryptMany(publicKey, quantized, random);
  // before paying: the outputs will be decrypted under the committed statement's noise bound — refuse a model
  // whose bound cannot carry it (a weight too large for the parameter set, a declared immediate width too wide);
  // every row has the same bound, the worst of its outputs counts
  const oneRow = inputTape(model.opcodes, model.rowInputs, cts.slice(0, manifest.features.length)).tape;
  const bound = statementNoises({ ...model, inputs: oneRow }).reduce((a, b) => (b.log2FailureProbability > a.log2FailureProbability ? b : a));
  if (bound.log2FailureProbability > MAX_LOG2_DECRYPTION_FAILURE)
    throw new NodeError(
      `${name}: its committed statement bounds the output's decryption failure only by 2^${bound.log2FailureProbability.toFixed(1)} (> 2^${MAX_LOG2_DECRYPTION_FAILURE}): its result could not be decrypted reliably; not requested`,
    );
  // a seeded run's input file says so (format version 2's seeded flag): it is an experiment
  return { input: serializeCiphertexts(cts, { seeded: !random.secure }), quantized };
}

/** Every row's decrypted accumulator and prediction (accumulator × the manifest's output scale), under the verified statement's bound. */
export function decryptRows(sk: SecretKey, statement: InferenceStatement, outputScale: number): { readonly accumulator: bigint; readonly prediction: number }[] {
  return decryptVerifiedOutputs(sk, statement).map((accumulator) => ({ accumulator, prediction: Number(accumulator) * outputScale }));
}
