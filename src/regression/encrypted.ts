/**
 * Encrypted evaluation of a quantised linear model (thesis §3 flow, without the proof): the data owner
 * quantises and encrypts each input with src/lwe; the evaluator computes Σ w̃_j·ct_j + c homomorphically
 * (ct×scalar, ct+ct, ct+scalar, in one linear combination) holding no key; the owner decrypts the
 * accumulator and dequantises. The decrypted accumulator must equal the clear quantised model's exactly.
 */
import {
  type Ciphertext,
  type KeyPair,
  type LweParams,
  type RandomSource,
  decrypt,
  encryptMany,
  encryptWithSecretKey,
  linearCombination,
  systemRandom,
} from "../lwe/index.js";
import { type QuantizedLinearModel, checkPlaintextFit, clearAccumulator, quantizeRow, wrapToPlaintext } from "./quantized-model.js";

export interface EncryptedPredictOptions {
  /** "public" (anyone can encrypt to the key; default) or "secret" (the key owner encrypts, faster). */
  readonly encryption?: "public" | "secret";
  readonly random?: RandomSource;
  /** Evaluate even if the accumulator exceeds the plaintext modulus (to show the wrap-around). */
  readonly allowWrap?: boolean;
  /** Called after each row with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface EncryptedPrediction {
  /** Decrypted accumulators (reduced into the plaintext range, as decryption returns them). */
  readonly decrypted: readonly bigint[];
  /** What the clear quantised model computes, reduced the same way. */
  readonly expected: readonly bigint[];
  /** Dequantised predictions from the decrypted accumulators. */
  readonly predictions: readonly number[];
  /** True when every decrypted accumulator equals the clear quantised one. */
  readonly allEqual: boolean;
  readonly ciphertextsEncrypted: number;
}

/** The evaluator's side: the homomorphic circuit on one row's ciphertexts. No key involved. */
export function evaluateEncrypted(model: QuantizedLinearModel, row: readonly Ciphertext[]): Ciphertext {
  return linearCombination(row, model.circuitWeights, model.circuitConstant);
}

export function encryptedPredict(
  model: QuantizedLinearModel,
  rows: readonly ArrayLike<number>[],
  keys: KeyPair,
  options: EncryptedPredictOptions = {},
): EncryptedPrediction {
  const p: LweParams = keys.publicKey.params;
  if (!options.allowWrap) checkPlaintextFit(model, p);
  const random = options.random ?? systemRandom();
  const k = model.circuitWeights.length;
  const decrypted: bigint[] = [];
  const expected: bigint[] = [];
  const predictions: number[] = [];
  const chunk = 16; // rows per encryption batch (one pass over A serves 16 ciphertexts)
  for (let start = 0; start < rows.length; start += chunk) {
    const qRows = rows.slice(start, start + chunk).map((r) => quantizeRow(model, r));
    const flat = qRows.flat();
    const cts =
      options.encryption === "secret"
        ? flat.map((v) => encryptWithSecretKey(keys.secretKey, v, random))
        : encryptMany(keys.publicKey, flat, random);
    qRows.forEach((q, r) => {
      const out = evaluateEncrypted(model, cts.slice(r * k, (r + 1) * k));
      const d = decrypt(keys.secretKey, out);
      decrypted.push(d);
      expected.push(wrapToPlaintext(p, clearAccumulator(model, q)));
      predictions.push(model.outputScale * Number(d));
      options.onProgress?.(start + r + 1, rows.length);
    });
  }
  return {
    decrypted,
    expected,
    predictions,
    allEqual: decrypted.every((d, i) => d === expected[i]),
    ciphertextsEncrypted: rows.length * k,
  };
}
