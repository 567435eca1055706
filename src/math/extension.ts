/**
 * Extension fields F_q[X]/(f) over any base Field (f monic and irreducible of degree k, checked with
 * Rabin's test: M. O. Rabin, "Probabilistic algorithms in finite fields", SIAM J. Comput. 9(2), 1980), with
 * multiplication modulo f, the Frobenius map a ↦ a^q as a precomputed linear map, and inversion through the
 * norm: a^-1 = (a^q·a^(q²)⋯a^(q^(k−1))) / N(a), N(a) = a·a^q⋯a^(q^(k−1)) ∈ F_q.
 * Presets follow Winterfell (math/src/field/f64, f128): Goldilocks quadratic x² − x + 2 and cubic
 * x³ − x − 1, f128 quadratic x² − x − 1. Elements are coefficient arrays [c_0, ..., c_{k−1}]. Not constant-time.
 */
import { DivisionByZeroError, FieldParameterError, InvalidElementError, LengthError, NoRootOfUnityError } from "./errors.js";
import type { Field } from "./field.js";
import { batchInvert } from "./field.js";
import { polyGcd, polyDegree, type Poly } from "./poly.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";
import { primeFactors } from "./number-theory.js";

/** An element of an extension of degree k over B: coefficients of 1, X, ..., X^(k−1). */
export type ExtElement<B> = readonly B[];

export interface ExtensionField<B> extends Field<ExtElement<B>> {
  readonly base: Field<B>;
  /** Degree over the base field. */
  readonly extensionDegree: number;
  /** f_0..f_{k−1} of the monic modulus f = X^k + f_{k−1}X^(k−1) + ... + f_0. */
  readonly modulus: readonly B[];
  fromBase(b: B): ExtElement<B>;
  /** Element from k coefficients (each must be a base element). */
  fromCoefficients(cs: readonly B[]): ExtElement<B>;
  mulBase(a: ExtElement<B>, b: B): ExtElement<B>;
  /** a^q with q = |base|: the generator of Gal(F_{q^k}/F_q). */
  frobenius(a: ExtElement<B>): ExtElement<B>;
  /** N(a) = Π_i a^(q^i) ∈ base. */
  norm(a: ExtElement<B>): B;
}

/** Multiplication in B[X]/(f) for a monic f given by its low coefficients (valid whether or not f is irreducible). */
function ringMul<B>(F: Field<B>, f: readonly B[], a: readonly B[], b: readonly B[]): B[] {
  const k = f.length;
  const t = new Array<B>(2 * k - 1).fill(F.ZERO);
  for (let i = 0; i < k; i++) {
    const ai = a[i]!;
    if (F.isZero(ai)) continue;
    for (let j = 0; j < k; j++) t[i + j] = F.add(t[i + j]!, F.mul(ai, b[j]!));
  }
  // X^k = −Σ f_i X^i: fold from the top.
  for (let d = 2 * k - 2; d >= k; d--) {
    const c = t[d]!;
    if (F.isZero(c)) continue;
    for (let i = 0; i < k; i++) t[d - k + i] = F.sub(t[d - k + i]!, F.mul(c, f[i]!));
  }
  return t.slice(0, k);
}

function ringPow<B>(F: Field<B>, f: readonly B[], a: readonly B[], e: bigint): B[] {
  let r: B[] = f.map((_, i) => (i === 0 ? F.ONE : F.ZERO));
  let x = a.slice();
  while (e > 0n) {
    if (e & 1n) r = ringMul(F, f, r, x);
    x = ringMul(F, f, x, x);
    e >>= 1n;
  }
  return r;
}

/**
 * Rabin's irreducibility test for the monic f = X^k + Σ f_i X^i over F: f is irreducible iff
 * X^(q^k) ≡ X (mod f) and gcd(X^(q^(k/r)) − X, f) = 1 for every prime r | k.
 */
export function isIrreducible<B>(F: Field<B>, lowCoeffs: readonly B[]): boolean {
  const k = lowCoeffs.length;
  if (k < 1) return false;
  if (k === 1) return true;
  const f = lowCoeffs;
  const fFull: Poly<B> = [...f, F.ONE];
  const X = f.map((_, i) => (i === 1 ? F.ONE : F.ZERO));
  // xq[j] = X^(q^j) mod f
  const xq: B[][] = [X];
  for (let j = 1; j <= k; j++) xq.push(ringPow(F, f, xq[j - 1]!, F.order));
  if (!xq[k]!.every((c, i) => F.eq(c, X[i]!))) return false;
  for (const r of primeFactors(BigInt(k))) {
    const h = xq[k / Number(r)]!.map((c, i) => (i === 1 ? F.sub(c, F.ONE) : c));
    if (polyDegree(F, polyGcd(F, fFull, h)) > 0) return false;
  }
  return true;
}

export interface ExtensionOptions {
  readonly name?: string;
}

/** F_q[X]/(f) for the monic irreducible f = X^k + Σ lowCoeffs[i]·X^i (checked). */
export function extensionField<B>(base: Field<B>, lowCoeffs: readonly B[], options: ExtensionOptions = {}): ExtensionField<B> {
  const k = lowCoeffs.length;
  const name = options.name ?? `${base.name}[X]/(deg ${k})`;
  if (k < 2) throw new FieldParameterError(`${name}: an extension needs a modulus of degree ≥ 2, got ${k}`);
  if (!lowCoeffs.every((c) => base.isValid(c))) throw new FieldParameterError(`${name}: modulus coefficients must be base-field elements`);
  if (!isIrreducible(base, lowCoeffs)) throw new FieldParameterError(`${name}: the modulus polynomial is reducible over ${base.name}`);
  const f = Object.freeze([...lowCoeffs]);
  const Z = base.ZERO;
  const fromBase = (b: B): ExtElement<B> => [b, ...new Array<B>(k - 1).fill(Z)];
  // Frobenius: (Σ c_i X^i)^q = Σ c_i (X^q)^i since c_i^q = c_i; row i = X^(q·i) mod f.
  const xq = ringPow(base, f, fromBase(Z).map((_, i) => (i === 1 ? base.ONE : Z)), base.order);
  const rows: B[][] = [fromBase(base.ONE).slice()];
  for (let i = 1; i < k; i++) rows.push(ringMul(base, f, rows[i - 1]!, xq));
  const frobenius = (a: ExtElement<B>): ExtElement<B> => {
    const out = rows[0]!.map((x) => base.mul(x, a[0]!));
    for (let i = 1; i < k; i++) {
      const c = a[i]!;
      if (base.isZero(c)) continue;
      const row = rows[i]!;
      for (let j = 0; j < k; j++) out[j] = base.add(out[j]!, base.mul(c, row[j]!));
    }
    return out;
  };
  const mul = (a: ExtElement<B>, b: ExtElement<B>): ExtElement<B> => ringMul(base, f, a, b);
  const isZero = (a: ExtElement<B>) => a.every((c) => base.isZero(c));
  // conj = a^q · a^(q²) ⋯ a^(q^(k−1)); a·conj = N(a) ∈ base.
  const conjugateProduct = (a: ExtElement<B>): ExtElement<B> => {
    let r = frobenius(a);
    let prod = r;
    for (let i = 2; i < k; i++) {
      r = frobenius(r);
      prod = mul(prod, r);
    }
    return prod;
  };
  const inv = (a: ExtElement<B>): ExtElement<B> => {
    const conj = conjugateProduct(a);
    const n = mul(a, conj)[0]!;
    const nInv = base.inv(n);
    return conj.map((c) => base.mul(c, nInv));
  };
  const E: ExtensionField<B> = {
    name,
    base,
    extensionDegree: k,
    modulus: f,
    characteristic: base.characteristic,
    degree: base.degree * k,
    order: base.order ** BigInt(k),
    byteLength: base.byteLength * k,
    randomBytesLength: base.randomBytesLength * k,
    ZERO: fromBase(Z),
    ONE: fromBase(base.ONE),
    twoAdicity: base.twoAdicity,
    get generator() {
      return fromBase(base.generator);
    },
    isValid: (a) => Array.isArray(a) && a.length === k && a.every((c) => base.isValid(c)),
    eq: (a, b) => a.every((c, i) => base.eq(c, b[i]!)),
    isZero,
    add: (a, b) => a.map((c, i) => base.add(c, b[i]!)),
    sub: (a, b) => a.map((c, i) => base.sub(c, b[i]!)),
    neg: (a) => a.map((c) => base.neg(c)),
    mul,
    sqr: (a) => mul(a, a),
    inv: (a) => {
      if (isZero(a)) throw new DivisionByZeroError(name);
      return inv(a);
    },
    div: (a, b) => {
      if (isZero(b)) throw new DivisionByZeroError(name);
      return mul(a, inv(b));
    },
    pow: (a, e) => {
      let x = a;
      if (e < 0n) {
        if (isZero(a)) throw new DivisionByZeroError(name);
        x = inv(a);
        e = -e;
      }
      return ringPow(base, f, x, e);
    },
    fromBigint: (x) => fromBase(base.fromBigint(x)),
    toBigint: (a) => {
      for (let i = 1; i < k; i++) {
        if (!base.isZero(a[i]!)) throw new InvalidElementError(`${name}: element is not in the base field ${base.name}, it has no single integer`);
      }
      return base.toBigint(a[0]!);
    },
    toBytes: (a) => {
      const out = new Uint8Array(base.byteLength * k);
      for (let i = 0; i < k; i++) out.set(base.toBytes(a[i]!), i * base.byteLength);
      return out;
    },
    fromBytes: (bytes) => {
      if (bytes.length !== base.byteLength * k) throw new InvalidElementError(`${name}: expected ${base.byteLength * k} bytes, got ${bytes.length}`);
      return Array.from({ length: k }, (_, i) => base.fromBytes(bytes.subarray(i * base.byteLength, (i + 1) * base.byteLength)));
    },
    fromRandomBytes: (bytes) => {
      const L = base.randomBytesLength;
      if (bytes.length < L * k) throw new LengthError(`${name}: fromRandomBytes needs ≥ ${L * k} bytes, got ${bytes.length}`);
      return Array.from({ length: k }, (_, i) => base.fromRandomBytes(bytes.subarray(i * L, (i + 1) * L)));
    },
    invertBatch: (xs) => batchInvert(E, xs),
    rootOfUnity: (logN) => {
      if (logN > base.twoAdicity) throw new NoRootOfUnityError(name, logN, base.twoAdicity);
      return fromBase(base.rootOfUnity(logN));
    },
    toString: (a) => `[${a.map((c) => base.toString(c)).join(", ")}]`,
    fromBase,
    fromCoefficients: (cs) => {
      if (cs.length !== k || !cs.every((c) => base.isValid(c))) {
        throw new InvalidElementError(`${name}: expected ${k} base-field coefficients, got ${cs.length}`);
      }
      return [...cs];
    },
    mulBase: (a, b) => a.map((c) => base.mul(c, b)),
    frobenius,
    norm: (a) => mul(a, conjugateProduct(a))[0]!,
  };
  return Object.freeze(E);
}

/** Goldilocks quadratic extension F_p[X]/(X² − X + 2) (Winterfell f64 `ExtensibleField<2>`). */
export const GOLDILOCKS_QUADRATIC: ExtensionField<bigint> = extensionField(GOLDILOCKS_FIELD, [2n, GOLDILOCKS_FIELD.modulus - 1n], {
  name: "Goldilocks²",
});

/** Goldilocks cubic extension F_p[X]/(X³ − X − 1) (Winterfell f64 `ExtensibleField<3>`). */
export const GOLDILOCKS_CUBIC: ExtensionField<bigint> = extensionField(
  GOLDILOCKS_FIELD,
  [GOLDILOCKS_FIELD.modulus - 1n, GOLDILOCKS_FIELD.modulus - 1n, 0n],
  { name: "Goldilocks³" },
);

/** f128 quadratic extension F_p[X]/(X² − X − 1) (Winterfell f128 `ExtensibleField<2>`). */
export const F128_QUADRATIC: ExtensionField<bigint> = extensionField(F128_FIELD, [F128_FIELD.modulus - 1n, F128_FIELD.modulus - 1n], {
  name: "f128²",
});
