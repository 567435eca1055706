/**
 * Seeded train/test split and feature standardisation (mean 0, standard deviation 1, fitted on the
 * training rows only).
 */
import { ByteStream, seededRandom } from "../lwe/random.js";
import { DataError } from "./errors.js";

/** Shuffles 0..n−1 with a seeded Fisher–Yates and cuts off a test fraction. */
export function trainTestSplit(n: number, testFraction: number, seed: string | number): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new DataError(`test fraction ${testFraction}: expected a number in (0, 1)`);
  const idx = Array.from({ length: n }, (_, i) => i);
  const rnd = new ByteStream(seededRandom(`split/${seed}`));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd.unit() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const nTest = Math.max(1, Math.round(n * testFraction));
  if (n - nTest < 2) throw new DataError(`${n} rows leave too few for training after a ${testFraction} test split`);
  return { test: idx.slice(0, nTest), train: idx.slice(nTest) };
}

export interface Standardizer {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export function fitStandardizer(x: readonly Float64Array[]): Standardizer {
  const k = x[0]!.length;
  const mean = new Array<number>(k).fill(0);
  const std = new Array<number>(k).fill(0);
  for (const row of x) for (let j = 0; j < k; j++) mean[j]! += row[j]! / x.length;
  for (const row of x) for (let j = 0; j < k; j++) std[j]! += (row[j]! - mean[j]!) ** 2 / x.length;
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

export function standardize(s: Standardizer, x: readonly Float64Array[]): Float64Array[] {
  return x.map((row) => row.map((v, j) => (v - s.mean[j]!) / s.std[j]!));
}
