/**
 * Affine quantisation as Concrete-ML does it (its linear models quantise inputs and weights to n_bits with a
 * scale and a zero point): x ≈ scale·(q − zeroPoint), q an integer in [qmin, qmax].
 *
 *  - unsigned n bits: q ∈ [0, 2^n − 1] (the thesis's uint8 is n = 8);
 *  - signed n bits:   q ∈ [−2^(n−1), 2^(n−1) − 1];
 *  - symmetric: zero point 0, scale = max|x| / (2^(n−1) − 1) (weights).
 */
import { QuantizationError } from "./errors.js";

export const MIN_BITS = 2;
export const MAX_BITS = 16;

export interface Quantizer {
  readonly nBits: number;
  readonly signed: boolean;
  readonly scale: number;
  readonly zeroPoint: number;
  readonly qmin: number;
  readonly qmax: number;
}

export function checkBits(nBits: number, what = "bits"): void {
  if (!Number.isInteger(nBits) || nBits < MIN_BITS || nBits > MAX_BITS)
    throw new QuantizationError(`${what} = ${nBits}: expected an integer from ${MIN_BITS} to ${MAX_BITS}`);
}

function range(nBits: number, signed: boolean): { qmin: number; qmax: number } {
  return signed ? { qmin: -(2 ** (nBits - 1)), qmax: 2 ** (nBits - 1) - 1 } : { qmin: 0, qmax: 2 ** nBits - 1 };
}

/** Affine quantiser mapping [min, max] onto the full integer range (min and max widened to include 0). */
export function fitAffine(min: number, max: number, nBits: number, signed: boolean): Quantizer {
  checkBits(nBits);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) throw new QuantizationError(`quantiser range [${min}, ${max}] is not a finite interval`);
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  const { qmin, qmax } = range(nBits, signed);
  const scale = hi === lo ? 1 : (hi - lo) / (qmax - qmin);
  const zeroPoint = Math.min(qmax, Math.max(qmin, Math.round(qmin - lo / scale)));
  return { nBits, signed, scale, zeroPoint, qmin, qmax };
}

/** Symmetric signed quantiser for values in [−maxAbs, maxAbs] (zero point 0). */
export function fitSymmetric(maxAbs: number, nBits: number): Quantizer {
  checkBits(nBits);
  const { qmin, qmax } = range(nBits, true);
  return { nBits, signed: true, scale: maxAbs > 0 ? maxAbs / qmax : 1, zeroPoint: 0, qmin, qmax };
}

/** round(x / scale) + zeroPoint, clamped to [qmin, qmax]. */
export function quantize(q: Quantizer, x: number): number {
  return Math.min(q.qmax, Math.max(q.qmin, Math.round(x / q.scale) + q.zeroPoint));
}

export function dequantize(q: Quantizer, v: number): number {
  return (v - q.zeroPoint) * q.scale;
}

/** The raw values `quantize` maps without clamping: from dequantize(qmin) to dequantize(qmax), half a step either side. */
export function quantizerRange(q: Quantizer): { readonly min: number; readonly max: number } {
  return { min: dequantize(q, q.qmin) - q.scale / 2, max: dequantize(q, q.qmax) + q.scale / 2 };
}

/**
 * `quantize`, refusing a value the quantiser would clamp (or one that is not a finite number): a form value outside
 * the range the model was trained on gets an error naming the feature and the range, never a silently clamped input.
 */
export function quantizeInRange(q: Quantizer, x: number, name: string): number {
  const { min, max } = quantizerRange(q);
  if (!Number.isFinite(x)) throw new RangeError(`${name}: ${String(x)} is not a number`);
  if (x < min || x > max) throw new RangeError(`${name}: ${x} is outside the quantiser's range [${+min.toPrecision(6)}, ${+max.toPrecision(6)}]`);
  return quantize(q, x);
}
