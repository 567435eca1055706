/**
 * The Goldilocks cubic extension F_p[X]/(X³ − X − 1) (Winterfell f64 `ExtensibleField<3>`) with its arithmetic
 * written out for the verifier's scalar work: the same elements (three canonical bigint coordinates), the same
 * results and the same errors as the generic GOLDILOCKS_CUBIC of src/math/extension.ts, at a fraction of the cost
 * (a product is nine bigint products and three reductions instead of the generic ring product's closures).
 * The generic field stays the reference; tests check the two agree element by element. Not constant-time.
 *
 *   (a0 + a1·X + a2·X²)(b0 + b1·X + b2·X²) = c0 + c1·X + … + c4·X⁴,  X³ = X + 1,  X⁴ = X² + X:
 *   r0 = c0 + c3,  r1 = c1 + c3 + c4,  r2 = c2 + c4.
 */
import { DivisionByZeroError, LengthError } from "../math/errors.js";
import { type ExtElement, GOLDILOCKS_CUBIC } from "../math/extension.js";
import { type Field, batchInvert } from "../math/field.js";
import { GL_P } from "../math/goldilocks.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import type { Challenge, ChallengeField } from "./fields.js";

const P = GL_P;
type El = readonly bigint[];

const add1 = (a: bigint, b: bigint): bigint => {
  const r = a + b;
  return r >= P ? r - P : r;
};
const sub1 = (a: bigint, b: bigint): bigint => {
  const r = a - b;
  return r < 0n ? r + P : r;
};

function mul(a: El, b: El): bigint[] {
  const a0 = a[0]!;
  const a1 = a[1]!;
  const a2 = a[2]!;
  const b0 = b[0]!;
  const b1 = b[1]!;
  const b2 = b[2]!;
  const c3 = a1 * b2 + a2 * b1;
  const c4 = a2 * b2;
  return [(a0 * b0 + c3) % P, (a0 * b1 + a1 * b0 + c3 + c4) % P, (a0 * b2 + a1 * b1 + a2 * b0 + c4) % P];
}

/** c·b for a base element b. */
const mulBase = (a: El, b: bigint): bigint[] => [(a[0]! * b) % P, (a[1]! * b) % P, (a[2]! * b) % P];

/** Rows of the Frobenius map a ↦ a^p as a matrix: frob(a)[r] = Σ_j FROB[r][j]·a[j] (from the generic field). */
const FROB: readonly (readonly bigint[])[] = (() => {
  const cols = [0, 1, 2].map((j) => GOLDILOCKS_CUBIC.frobenius([0, 1, 2].map((i) => (i === j ? 1n : 0n))));
  return [0, 1, 2].map((r) => cols.map((c) => c[r]!));
})();

const frobenius = (a: El): bigint[] => FROB.map((row) => (row[0]! * a[0]! + row[1]! * a[1]! + row[2]! * a[2]!) % P);

/** Inverse in F_p by the extended Euclidean algorithm (a ≠ 0). */
function invBase(a: bigint): bigint {
  let r0 = P;
  let r1 = a;
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return t0 < 0n ? t0 + P : t0;
}

const isZero = (a: El): boolean => a[0] === 0n && a[1] === 0n && a[2] === 0n;

/** a^-1 = conj(a)/N(a), conj(a) = a^p·a^(p²) (a ≠ 0). */
function inv(a: El): bigint[] {
  const f1 = frobenius(a);
  const conj = mul(f1, frobenius(f1));
  const norm = mul(a, conj)[0]!;
  return mulBase(conj, invBase(norm));
}

function pow(a: El, e: bigint): bigint[] {
  let x: El = a;
  if (e < 0n) {
    if (isZero(a)) throw new DivisionByZeroError(GOLDILOCKS_CUBIC.name);
    x = inv(a);
    e = -e;
  }
  let r: bigint[] = [1n, 0n, 0n];
  const bits = e.toString(2);
  if (e === 0n) return r;
  for (let i = 0; i < bits.length; i++) {
    if (i > 0) r = mul(r, r);
    if (bits.charCodeAt(i) === 49) r = mul(r, x);
  }
  return r;
}

const MASK64 = (1n << 64n) - 1n;

function toBytes(a: El): Uint8Array {
  const out = new Uint8Array(24);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 3; i++) v.setBigUint64(8 * i, a[i]! & MASK64, true);
  return out;
}

const G = GOLDILOCKS_CUBIC;
const R = GOLDILOCKS_FIELD.randomBytesLength; // 24 bytes per coordinate

/** The Goldilocks cubic extension with inlined arithmetic: a drop-in for GOLDILOCKS_CUBIC (same name and encodings). */
export const GOLDILOCKS_CUBIC_FAST: Field<ExtElement<bigint>> = Object.freeze({
  name: G.name,
  characteristic: G.characteristic,
  degree: G.degree,
  order: G.order,
  byteLength: G.byteLength,
  randomBytesLength: G.randomBytesLength,
  ZERO: G.ZERO,
  ONE: G.ONE,
  twoAdicity: G.twoAdicity,
  get generator() {
    return G.generator;
  },
  isValid: (a: El) => G.isValid(a),
  eq: (a: El, b: El) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2],
  isZero,
  add: (a: El, b: El) => [add1(a[0]!, b[0]!), add1(a[1]!, b[1]!), add1(a[2]!, b[2]!)],
  sub: (a: El, b: El) => [sub1(a[0]!, b[0]!), sub1(a[1]!, b[1]!), sub1(a[2]!, b[2]!)],
  neg: (a: El) => a.map((c) => (c === 0n ? 0n : P - c)),
  mul,
  sqr: (a: El) => mul(a, a),
  inv: (a: El) => {
    if (isZero(a)) throw new DivisionByZeroError(G.name);
    return inv(a);
  },
  div: (a: El, b: El) => {
    if (isZero(b)) throw new DivisionByZeroError(G.name);
    return mul(a, inv(b));
  },
  pow,
  fromBigint: (x: bigint) => [((x % P) + P) % P, 0n, 0n],
  toBigint: (a: El) => G.toBigint(a),
  toBytes,
  fromBytes: (bytes: Uint8Array) => G.fromBytes(bytes),
  fromRandomBytes: (bytes: Uint8Array) => {
    if (bytes.length < 3 * R) throw new LengthError(`${G.name}: fromRandomBytes needs ≥ ${3 * R} bytes, got ${bytes.length}`);
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // each coordinate: the 24-byte little-endian integer mod p
    return [0, 1, 2].map((i) => ((v.getBigUint64(i * R + 16, true) << 128n) | (v.getBigUint64(i * R + 8, true) << 64n) | v.getBigUint64(i * R, true)) % P);
  },
  invertBatch: (xs: readonly El[]): El[] => batchInvert(GOLDILOCKS_CUBIC_FAST, xs),
  rootOfUnity: (logN: number) => G.rootOfUnity(logN),
  toString: (a: El) => G.toString(a),
} satisfies Field<El>) as Field<ExtElement<bigint>>;

/** The challenge field of a Goldilocks proof with a cubic extension, on GOLDILOCKS_CUBIC_FAST. */
export const GOLDILOCKS_CUBIC_CHALLENGE: ChallengeField = Object.freeze({
  E: GOLDILOCKS_CUBIC_FAST as unknown as Field<Challenge>,
  degree: 3,
  fromBase: (b: bigint): Challenge => [b, 0n, 0n],
  mulBase: (c: Challenge, b: bigint): Challenge => mulBase(c as El, b),
});

/** True for a challenge field the fast one can replace: Goldilocks with the cubic extension. */
export function isGoldilocksCubic(C: ChallengeField): boolean {
  return C.degree === 3 && C.E.characteristic === P && C.E.name === G.name;
}
