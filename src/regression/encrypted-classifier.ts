/**
 * Encrypted evaluation of a linear classifier (issue 15, item 2): the data owner quantises and encrypts each row
 * once; the evaluator computes every class score's circuit Σ w̃_j·ct_j + c on the same ciphertexts, holding no
 * key; the owner decrypts the k accumulators and applies the only non-linear step — the sign (binary) or the
 * argmax (one-vs-rest) — in the clear, on their side. Each decrypted accumulator must equal the clear quantised
 * model's exactly, so the encrypted classes are the quantised model's classes.
 */
import { type KeyPair, decrypt, encryptMany, encryptWithSecretKey, systemRandom } from "../lwe/index.js";
import { classFromScores, scoresFromAccumulators } from "./classifier.js";
import { evaluateEncrypted, type EncryptedPredictOptions } from "./encrypted.js";
import { QuantizationError } from "./errors.js";
import { type QuantizedLinearModel, checkPlaintextFit, clearAccumulator, quantizeRow, wrapToPlaintext } from "./quantized-model.js";

export interface EncryptedClassification {
  /** Per row, the k decrypted accumulators (reduced into the plaintext range, as decryption returns them). */
  readonly decrypted: readonly (readonly bigint[])[];
  /** What the clear quantised model computes, reduced the same way. */
  readonly expected: readonly (readonly bigint[])[];
  /** The class index of each row, from the decrypted scores. */
  readonly classes: readonly number[];
  readonly allEqual: boolean;
  readonly ciphertextsEncrypted: number;
}

/** The score circuits must read the same quantised inputs (one encryption per row serves all of them). */
function checkSharedInputs(scores: readonly QuantizedLinearModel[]): void {
  if (scores.length === 0) throw new QuantizationError("a classifier needs at least one score circuit");
  const first = JSON.stringify(scores[0]!.inputs);
  scores.forEach((q, c) => {
    if (JSON.stringify(q.inputs) !== first) throw new QuantizationError(`class score ${c} quantises its inputs differently from score 0: the circuits cannot share one encrypted row`);
  });
}

export function encryptedClassify(
  scores: readonly QuantizedLinearModel[],
  rows: readonly ArrayLike<number>[],
  keys: KeyPair,
  options: EncryptedPredictOptions = {},
): EncryptedClassification {
  checkSharedInputs(scores);
  const p = keys.publicKey.params;
  if (!options.allowWrap) scores.forEach((q) => checkPlaintextFit(q, p));
  const random = options.random ?? systemRandom();
  const inputs = scores[0]!;
  const f = inputs.circuitWeights.length;
  const decrypted: bigint[][] = [];
  const expected: bigint[][] = [];
  const classes: number[] = [];
  const chunk = 16; // rows per encryption batch (one pass over A serves 16 ciphertexts)
  for (let start = 0; start < rows.length; start += chunk) {
    const qRows = rows.slice(start, start + chunk).map((r) => quantizeRow(inputs, r));
    const flat = qRows.flat();
    const cts = options.encryption === "secret" ? flat.map((v) => encryptWithSecretKey(keys.secretKey, v, random)) : encryptMany(keys.publicKey, flat, random);
    qRows.forEach((q, r) => {
      const row = cts.slice(r * f, (r + 1) * f);
      const d = scores.map((s) => decrypt(keys.secretKey, evaluateEncrypted(s, row)));
      decrypted.push(d);
      expected.push(scores.map((s) => wrapToPlaintext(p, clearAccumulator(s, q))));
      classes.push(classFromScores(scoresFromAccumulators(scores, d)));
      options.onProgress?.(start + r + 1, rows.length);
    });
  }
  return {
    decrypted,
    expected,
    classes,
    allEqual: decrypted.every((d, i) => d.every((v, c) => v === expected[i]![c])),
    ciphertextsEncrypted: rows.length * f,
  };
}
