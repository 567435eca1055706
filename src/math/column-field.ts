/**
 * Columns as field elements: a `Field` whose "elements" are whole vectors of L values (one per point of an
 * evaluation domain) or single scalars broadcast over all L points, over any prime field that has typed-array
 * vector kernels (`VectorOps`: Goldilocks, and the 128-bit primes of f128-wasm.ts). Arithmetic is point-wise, so
 * an AIR's `evaluateTransition`, written once against the `Field` interface, evaluates its constraints over a whole
 * block of the low-degree-extension domain in one call: every `E.mul` becomes one vector multiplication in
 * WebAssembly instead of L bigint multiplications. This is how the prover evaluates any AIR column-wise
 * (issue 14, item 2) without a second, hand-vectorised copy of its constraints.
 *
 * Scalars stay scalars until they meet a vector (constants such as 2, Δ or an MDS entry cost nothing), `x·1` and
 * `x + 0` return x itself, and no operation writes into its arguments: results may alias inputs, so callers must
 * treat every element as read-only. Operations that have no point-wise meaning for a block of values (encoding,
 * sampling, roots of unity) throw a ColumnFieldError naming the operation.
 */
import { MathError } from "./errors.js";
import type { Field, PrimeField } from "./field.js";

/** A block of L values: a vector (the kernels' typed layout), or a scalar that stands for L copies of itself. */
export type Column = Uint32Array | bigint;

/** The vector kernels a column field needs (results are new vectors; inputs are never written). */
export interface VectorOps {
  /** The scalar field. */
  readonly field: PrimeField;
  length(v: Uint32Array): number;
  isCanonical(v: Uint32Array): boolean;
  fromBigints(xs: readonly bigint[]): Uint32Array;
  toBigints(v: Uint32Array): bigint[];
  constant(c: bigint, n: number): Uint32Array;
  add(a: Uint32Array, b: Uint32Array): Uint32Array;
  sub(a: Uint32Array, b: Uint32Array): Uint32Array;
  mul(a: Uint32Array, b: Uint32Array): Uint32Array;
  scale(a: Uint32Array, c: bigint): Uint32Array;
  batchInverse(a: Uint32Array): Uint32Array;
}

export class ColumnFieldError extends MathError {
  constructor(operation: string) {
    super(`columns: ${operation} has no point-wise meaning for a block of values (only arithmetic does)`);
  }
}

const isScalar = (a: Column): a is bigint => typeof a === "bigint";

/** The column field of `ops` for blocks of `length` points. */
export function columnField(ops: VectorOps, length: number): Field<Column> {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`columns: a block has ≥ 1 point, got ${length}`);
  const G = ops.field;
  const constants = new Map<bigint, Uint32Array>();
  const broadcast = (s: bigint): Uint32Array => {
    let v = constants.get(s);
    if (!v) {
      v = ops.constant(s, length);
      if (constants.size < 1024) constants.set(s, v);
    }
    return v;
  };
  const vec = (a: Column): Uint32Array => {
    if (isScalar(a)) return broadcast(a);
    if (ops.length(a) !== length) throw new RangeError(`columns: a column of ${ops.length(a)} points in a field of ${length}-point blocks`);
    return a;
  };
  const zeros = ops.constant(0n, length);
  const add = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.add(a, b);
    if (a === 0n) return b;
    if (b === 0n) return a;
    return ops.add(vec(a), vec(b));
  };
  const sub = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.sub(a, b);
    if (b === 0n) return a;
    return ops.sub(vec(a), vec(b));
  };
  const mul = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.mul(a, b);
    if (a === 0n || b === 0n) return 0n;
    if (a === 1n) return b;
    if (b === 1n) return a;
    if (isScalar(a)) return ops.scale(vec(b), a);
    if (isScalar(b)) return ops.scale(vec(a), b);
    return ops.mul(vec(a), vec(b));
  };
  const inv = (a: Column): Column => (isScalar(a) ? G.inv(a) : ops.batchInverse(vec(a)));
  const pow = (a: Column, e: bigint): Column => {
    if (isScalar(a)) return G.pow(a, e);
    if (e < 0n) return pow(inv(a), -e);
    let result: Column = 1n;
    let base: Column = a;
    for (let k = e; k > 0n; k >>= 1n) {
      if (k & 1n) result = mul(result, base);
      if (k > 1n) base = mul(base, base);
    }
    return result;
  };
  const allEqual = (a: Column, b: Column): boolean => {
    const x = vec(a);
    const y = vec(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  };
  const refuse = (operation: string) => () => {
    throw new ColumnFieldError(operation);
  };
  return Object.freeze({
    name: `${G.name} columns (${length} points)`,
    characteristic: G.characteristic,
    degree: 1,
    order: G.order,
    byteLength: G.byteLength,
    randomBytesLength: G.randomBytesLength,
    ZERO: 0n,
    ONE: 1n,
    twoAdicity: G.twoAdicity,
    generator: G.generator,
    isValid: (a: Column) => (isScalar(a) ? G.isValid(a) : ops.length(a) === length && ops.isCanonical(a)),
    eq: (a: Column, b: Column) => (isScalar(a) && isScalar(b) ? a === b : allEqual(a, b)),
    isZero: (a: Column) => (isScalar(a) ? a === 0n : allEqual(a, zeros)),
    add,
    sub,
    neg: (a: Column) => sub(0n, a),
    mul,
    sqr: (a: Column) => mul(a, a),
    inv,
    div: (a: Column, b: Column) => mul(a, inv(b)),
    pow,
    fromBigint: (x: bigint) => G.fromBigint(x),
    toBigint: (a: Column) => {
      if (isScalar(a)) return a;
      throw new ColumnFieldError("toBigint of a vector");
    },
    toBytes: refuse("toBytes"),
    fromBytes: refuse("fromBytes"),
    fromRandomBytes: refuse("fromRandomBytes"),
    invertBatch: (xs: readonly Column[]) => xs.map(inv),
    rootOfUnity: refuse("rootOfUnity"),
    toString: (a: Column) => (isScalar(a) ? G.toString(a) : `[${ops.length(a)} ${G.name} values]`),
  });
}
