/**
 * The prover's backend interface (issue 14, item 1): every whole-domain operation the protocol steps need, over
 * vectors of base-field elements in whatever layout a backend computes on. The steps (prover.ts and steps/) are
 * written once against it; a backend only decides how a vector is stored and how its arithmetic runs:
 *
 * - `bigint`     — arrays of bigint, the field's own generic code (any prime field): the readable reference;
 * - `goldilocks` — typed arrays of two 32-bit words per element, WebAssembly kernels, NTTs on two threads;
 * - `f128`       — typed arrays of four 32-bit words per element, the 128-bit WebAssembly kernels
 *                  (p = 2^128 − d·2^32 + 1: the thesis's f128 and genSTARK's field).
 *
 * Every backend computes the same field values, so proofs are byte-identical across backends (backends.test.ts).
 * Vectors are values: no operation writes into its inputs (results may share memory with an input only where
 * documented, e.g. `window`), so a step can never corrupt a vector another step still reads.
 * Extension-field vectors are built on top, coordinate by coordinate (ext-vectors.ts).
 */
import type { VectorOps } from "../../math/column-field.js";
import type { Field } from "../../math/field.js";

export type BackendName = "bigint" | "goldilocks" | "f128";

export interface Backend<V> {
  readonly name: BackendName;
  /** The base field. */
  readonly F: Field<bigint>;
  /**
   * The field's column kernels when V is their layout (goldilocks, f128): the AIR's own `evaluateTransition` then
   * runs on blocks of points (column-field.ts). Undefined: constraints are evaluated point by point.
   */
  readonly columnOps?: VectorOps;

  // ---- vectors
  length(v: V): number;
  from(xs: readonly bigint[]): V;
  to(v: V): bigint[];
  get(v: V, i: number): bigint;
  zeros(n: number): V;
  constant(c: bigint, n: number): V;
  /** A copy of elements [start, end). */
  slice(v: V, start: number, end: number): V;
  /** The `count` elements from `start` on, wrapping around the end (read-only: may share memory with v). */
  window(v: V, start: number, count: number): V;
  concat(parts: readonly V[]): V;
  /** Every step-th element of v (a coset's sub-coset: g·⟨ω_N⟩ → g·⟨ω_N^step⟩). */
  stride(v: V, step: number): V;
  /** v repeated to n elements (n a multiple of its length). */
  tile(v: V, n: number): V;
  /** True when every element from `from` on is zero. */
  zeroFrom(v: V, from: number): boolean;

  // ---- point-wise arithmetic
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  scale(a: V, c: bigint): V;
  /** acc + c·y. */
  axpy(acc: V, y: V, c: bigint): V;
  /** Element-wise inverses (every element non-zero). */
  batchInverse(a: V): V;
  /** [start, start·x, start·x², …] (n elements). */
  powers(x: bigint, n: number, start?: bigint): V;

  // ---- many vectors at once
  /** For each row r: Σ_j rows[r][j]·vectors[j]. */
  linearCombinations(vectors: readonly V[], rows: readonly (readonly bigint[])[]): V[];
  /** result[i][j] = Σ_t vectors[i]_t·weights[j]_t. */
  innerProducts(vectors: readonly V[], weights: readonly V[]): bigint[][];

  // ---- polynomials (natural order throughout)
  /** Coefficients of the polynomials taking the given values on ⟨ω_n⟩. */
  interpolateMany(values: readonly V[]): V[];
  /** Evaluations on ⟨ω_n⟩ of n coefficients. */
  evaluate(coeffs: V): V;
  /** Evaluations on offset·⟨ω_{blowup·L}⟩ of polynomials of L coefficients each. */
  cosetLdeMany(coeffs: readonly V[], blowup: number, offset: bigint): V[];

  // ---- commitments
  /** Row-major bytes of the columns (row i = F.toBytes of each column's element i, column after column). */
  packRows(columns: readonly V[]): Uint8Array;

  // ---- optional kernels for degree-k extensions stored as coordinate vectors (ext-vectors.ts)
  /** Element-wise product of two cubic-extension vectors (negF: −f_i of the monic modulus). */
  extMul3?(a: readonly V[], b: readonly V[], negF: readonly bigint[]): V[] | undefined;
  /** Synthetic division of an extension polynomial (coordinate vectors of coefficients) by (X − z), remainder dropped. */
  extDivLinear?(coeffs: readonly V[], z: readonly bigint[], negF: readonly bigint[]): V[] | undefined;
}

/** Typed vectors (any words-per-element layout) back to back: the typed backends' `concat`. */
export function concatWords(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
