/**
 * Goldilocks columns (column-field.ts over the Goldilocks vector kernels, goldilocks-fast.ts: WebAssembly when
 * loaded): the field the prover evaluates a Goldilocks AIR's constraints in, a block of the LDE domain at a time.
 */
import { type Column, ColumnFieldError, type VectorOps, columnField } from "./column-field.js";
import type { Field } from "./field.js";
import { glAddVec, glBatchInverse, glMulVec, glScaleVec, glSubVec } from "./goldilocks-fast.js";
import { glConstant, glFromBigints, glIsCanonical, glLength, glToBigints } from "./goldilocks.js";
import { GOLDILOCKS_FIELD } from "./prime-fields.js";

export { type Column, ColumnFieldError };

/** The Goldilocks vector kernels as column-field operations. */
export const GOLDILOCKS_VECTOR_OPS: VectorOps = Object.freeze({
  field: GOLDILOCKS_FIELD,
  length: glLength,
  isCanonical: glIsCanonical,
  fromBigints: glFromBigints,
  toBigints: glToBigints,
  constant: glConstant,
  add: (a: Uint32Array, b: Uint32Array) => glAddVec(a, b),
  sub: (a: Uint32Array, b: Uint32Array) => glSubVec(a, b),
  mul: (a: Uint32Array, b: Uint32Array) => glMulVec(a, b),
  scale: (a: Uint32Array, c: bigint) => glScaleVec(a, c),
  batchInverse: (a: Uint32Array) => glBatchInverse(a),
});

/** The column field for blocks of `length` Goldilocks points. */
export function goldilocksColumns(length: number): Field<Column> {
  return columnField(GOLDILOCKS_VECTOR_OPS, length);
}

/** A column as a vector of `length` points (a scalar broadcast). */
export function columnToVector(a: Column, length: number): Uint32Array {
  return typeof a === "bigint" ? glConstant(a, length) : a;
}
