/**
 * Goldilocks columns as field elements: a `Field` whose "elements" are whole vectors of L Goldilocks values
 * (GlVec, one value per point of an evaluation domain) or single scalars broadcast over all L points. Arithmetic
 * is point-wise, so an AIR's `evaluateTransition`, written once against the `Field` interface, evaluates its
 * constraints over a whole block of the low-degree-extension domain in one call: every `E.mul` becomes one vector
 * multiplication (the WebAssembly kernel when loaded) instead of L bigint multiplications. This is how the prover
 * evaluates any Goldilocks AIR column-wise (issue 14, item 2) without a second, hand-vectorised copy of its
 * constraints.
 *
 * Scalars stay scalars until they meet a vector (constants such as 2, Δ or an MDS entry cost nothing), `x·1` and
 * `x + 0` return x itself, and no operation writes into its arguments: results may alias inputs, so callers must
 * treat every element as read-only. Operations that have no point-wise meaning for a block of values (encoding,
 * sampling, roots of unity) throw a ColumnFieldError naming the operation.
 */
import { MathError } from "./errors.js";
import type { Field } from "./field.js";
import { glAddVec, glBatchInverse, glMulVec, glScaleVec, glSubVec } from "./goldilocks-fast.js";
import { GL_P, type GlVec, glConstant, glIsCanonical, glLength, glVec } from "./goldilocks.js";
import { GOLDILOCKS_FIELD } from "./prime-fields.js";

/** A block of L values: a vector, or a scalar that stands for L copies of itself. */
export type Column = GlVec | bigint;

export class ColumnFieldError extends MathError {
  constructor(operation: string) {
    super(`Goldilocks columns: ${operation} has no point-wise meaning for a block of values (only arithmetic does)`);
  }
}

const G = GOLDILOCKS_FIELD;
const isScalar = (a: Column): a is bigint => typeof a === "bigint";

/** The column field for blocks of `length` points. */
export function goldilocksColumns(length: number): Field<Column> {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`Goldilocks columns: a block has ≥ 1 point, got ${length}`);
  const constants = new Map<bigint, GlVec>();
  const broadcast = (s: bigint): GlVec => {
    let v = constants.get(s);
    if (!v) {
      v = glConstant(s, length);
      if (constants.size < 1024) constants.set(s, v);
    }
    return v;
  };
  const vec = (a: Column): GlVec => {
    if (isScalar(a)) return broadcast(a);
    if (glLength(a) !== length) throw new RangeError(`Goldilocks columns: a column of ${glLength(a)} points in a field of ${length}-point blocks`);
    return a;
  };
  const zeros = glVec(length);
  const add = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.add(a, b);
    if (a === 0n) return b;
    if (b === 0n) return a;
    return glAddVec(vec(a), vec(b));
  };
  const sub = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.sub(a, b);
    if (b === 0n) return a;
    return glSubVec(vec(a), vec(b));
  };
  const mul = (a: Column, b: Column): Column => {
    if (isScalar(a) && isScalar(b)) return G.mul(a, b);
    if (a === 0n || b === 0n) return 0n;
    if (a === 1n) return b;
    if (b === 1n) return a;
    if (isScalar(a)) return glScaleVec(vec(b), a);
    if (isScalar(b)) return glScaleVec(vec(a), b);
    return glMulVec(vec(a), vec(b));
  };
  const inv = (a: Column): Column => (isScalar(a) ? G.inv(a) : glBatchInverse(vec(a)));
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
  return Object.freeze({
    name: `Goldilocks columns (${length} points)`,
    characteristic: GL_P,
    degree: 1,
    order: GL_P,
    byteLength: G.byteLength,
    randomBytesLength: G.randomBytesLength,
    ZERO: 0n,
    ONE: 1n,
    twoAdicity: G.twoAdicity,
    generator: G.generator,
    isValid: (a: Column) => (isScalar(a) ? G.isValid(a) : glLength(a) === length && glIsCanonical(a)),
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
    toBytes: () => {
      throw new ColumnFieldError("toBytes");
    },
    fromBytes: () => {
      throw new ColumnFieldError("fromBytes");
    },
    fromRandomBytes: () => {
      throw new ColumnFieldError("fromRandomBytes");
    },
    invertBatch: (xs: readonly Column[]) => xs.map(inv),
    rootOfUnity: () => {
      throw new ColumnFieldError("rootOfUnity");
    },
    toString: (a: Column) => (isScalar(a) ? G.toString(a) : `[${glLength(a)} Goldilocks values]`),
  });
}

/** A column as a vector of `length` points (a scalar broadcast). */
export function columnToVector(a: Column, length: number): GlVec {
  return typeof a === "bigint" ? glConstant(a, length) : a;
}
