/**
 * A linear model quantised for the VM and for encrypted evaluation.
 *
 * Inputs are quantised per feature (affine, n bits): x_j ≈ s_j·(qx_j − z_j). The input scales are folded into
 * the weights, w'_j = w_j·s_j, which are quantised with one scale s_w: w'_j ≈ s_w·(qw_j − z_w). Then
 *
 *   y ≈ s_w · acc,   acc = Σ_j w̃_j·qx_j + c,   w̃_j = qw_j − z_w,   c = round(b / s_w) − Σ_j w̃_j·z_j
 *
 * — an integer linear circuit over the quantised inputs with public integer weights w̃ and constant c, exactly
 * what the LWE scheme evaluates (ct×scalar, ct+ct, ct+scalar). Its accumulator range is computed from the
 * input ranges, and `checkPlaintextFit` refuses a parameter set whose plaintext modulus cannot hold it.
 */
import { type LweParams, maxCircuitNorm, plaintextRange } from "../lwe/index.js";
import { QuantizationError } from "./errors.js";
import { type Quantizer, fitAffine, fitSymmetric, quantize } from "./quantize.js";

export type InputEncoding = "unsigned" | "signed";
export type WeightEncoding = "signed" | "unsigned";

export interface QuantizedLinearModel {
  readonly nBits: number;
  readonly inputEncoding: InputEncoding;
  readonly weightEncoding: WeightEncoding;
  readonly inputs: readonly Quantizer[];
  readonly weightQuantizer: Quantizer;
  /** w̃_j = qw_j − z_w: the circuit's integer weights. */
  readonly circuitWeights: readonly number[];
  /** c: the circuit's integer constant. */
  readonly circuitConstant: number;
  /** s_w: prediction = outputScale · acc. */
  readonly outputScale: number;
  /** Smallest and largest accumulator over all quantised inputs. */
  readonly accumulator: { readonly min: number; readonly max: number; readonly signedBits: number };
}

export interface QuantizeOptions {
  readonly nBits: number;
  readonly inputEncoding?: InputEncoding;
  readonly weightEncoding?: WeightEncoding;
}

/** Bits of a signed integer range [min, max]: smallest b with −2^(b−1) ≤ min and max ≤ 2^(b−1) − 1. */
export function signedBits(min: number, max: number): number {
  let b = 1;
  while (-(2 ** (b - 1)) > min || 2 ** (b - 1) - 1 < max) b++;
  return b;
}

/** Quantises a float model (raw-scale weights and intercept) given the training inputs' ranges. */
export function quantizeLinearModel(
  weights: ArrayLike<number>,
  intercept: number,
  inputMin: readonly number[],
  inputMax: readonly number[],
  options: QuantizeOptions,
): QuantizedLinearModel {
  const inputEncoding = options.inputEncoding ?? "signed";
  const weightEncoding = options.weightEncoding ?? "signed";
  const k = inputMin.length;
  const inputs = inputMin.map((lo, j) => fitAffine(lo, inputMax[j]!, options.nBits, inputEncoding === "signed"));
  const folded = Array.from({ length: k }, (_, j) => weights[j]! * inputs[j]!.scale);
  const maxAbs = Math.max(...folded.map(Math.abs));
  const weightQuantizer =
    weightEncoding === "signed"
      ? fitSymmetric(maxAbs, options.nBits)
      : fitAffine(Math.min(...folded), Math.max(...folded), options.nBits, false);
  const circuitWeights = folded.map((w) => quantize(weightQuantizer, w) - weightQuantizer.zeroPoint);
  const outputScale = weightQuantizer.scale;
  const circuitConstant = Math.round(intercept / outputScale) - circuitWeights.reduce((s, w, j) => s + w * inputs[j]!.zeroPoint, 0);
  let min = circuitConstant;
  let max = circuitConstant;
  circuitWeights.forEach((w, j) => {
    const a = w * inputs[j]!.qmin;
    const b = w * inputs[j]!.qmax;
    min += Math.min(a, b);
    max += Math.max(a, b);
  });
  return {
    nBits: options.nBits,
    inputEncoding,
    weightEncoding,
    inputs,
    weightQuantizer,
    circuitWeights,
    circuitConstant,
    outputScale,
    accumulator: { min, max, signedBits: signedBits(min, max) },
  };
}

/** Quantised inputs of one row (clamped to each feature's range). */
export function quantizeRow(model: QuantizedLinearModel, row: ArrayLike<number>): number[] {
  return model.inputs.map((q, j) => quantize(q, row[j]!));
}

/** The exact integer accumulator of the clear quantised model. */
export function clearAccumulator(model: QuantizedLinearModel, qRow: readonly number[]): number {
  return qRow.reduce((s, q, j) => s + model.circuitWeights[j]! * q, model.circuitConstant);
}

/** The accumulator as the LWE scheme returns it: reduced into the parameter set's plaintext range. */
export function wrapToPlaintext(p: LweParams, acc: number): bigint {
  const t = BigInt(p.plaintextModulus);
  let r = ((BigInt(acc) % t) + t) % t;
  if (p.encoding === "signed" && r > (t - 1n) / 2n) r -= t;
  return r;
}

export interface PlaintextFit {
  readonly fits: boolean;
  readonly reason?: string;
}

/**
 * Whether the quantised inputs and the accumulator fit the parameter set's plaintext space and its noise
 * budget; the reason states the modulus needed.
 */
export function plaintextFit(model: QuantizedLinearModel, p: LweParams): PlaintextFit {
  const { min, max } = plaintextRange(p);
  const t = p.plaintextModulus;
  const qlo = Math.min(...model.inputs.map((q) => q.qmin));
  const qhi = Math.max(...model.inputs.map((q) => q.qmax));
  if (BigInt(qlo) < min || BigInt(qhi) > max)
    return { fits: false, reason: `${model.inputEncoding} ${model.nBits}-bit inputs [${qlo}, ${qhi}] are not plaintexts of "${p.id}" ([${min}, ${max}])` };
  const acc = model.accumulator;
  if (BigInt(acc.min) < min || BigInt(acc.max) > max) {
    const need =
      p.encoding === "signed" || acc.min < 0
        ? `a signed plaintext modulus t ≥ 2^${acc.signedBits}`
        : `a plaintext modulus t ≥ 2^${Math.ceil(Math.log2(acc.max + 1))}`;
    return {
      fits: false,
      reason: `Σ w·x + b ranges over [${acc.min}, ${acc.max}] and needs ${need}; "${p.id}" has ${p.encoding} t = 2^${Math.log2(t).toFixed(0)}, so results would wrap mod t`,
    };
  }
  const norm = Math.hypot(...model.circuitWeights);
  const maxNorm = maxCircuitNorm(p);
  if (norm > maxNorm)
    return { fits: false, reason: `‖w̃‖₂ = ${norm.toFixed(1)} exceeds the noise budget of "${p.id}" (max ‖c‖₂ = ${maxNorm.toFixed(1)} at failure probability 2^-40): use fewer bits` };
  return { fits: true };
}

/** Throws a QuantizationError when the model does not fit the parameter set. */
export function checkPlaintextFit(model: QuantizedLinearModel, p: LweParams): void {
  const r = plaintextFit(model, p);
  if (!r.fits) throw new QuantizationError(r.reason!);
}

/** Features of one raw row that quantisation clamps (outside the input quantiser's range). */
export function clampedFeatures(q: Pick<QuantizedLinearModel, "inputs">, row: ArrayLike<number>): number[] {
  const out: number[] = [];
  q.inputs.forEach((z, j) => {
    const v = Math.round(row[j]! / z.scale) + z.zeroPoint;
    if (v < z.qmin || v > z.qmax) out.push(j);
  });
  return out;
}

/** Rows with at least one clamped feature. */
export function clampedRows(q: Pick<QuantizedLinearModel, "inputs">, rows: readonly ArrayLike<number>[]): number {
  return rows.filter((r) => clampedFeatures(q, r).length > 0).length;
}
