/**
 * The finite-field interface every generic algorithm of the math layer takes as its first argument
 * (noble-curves style: `poly.evaluate(F, coeffs, x)` runs unchanged over a toy field, Goldilocks, f128 or an
 * extension), the generic bigint implementation of F_p for any prime p, and Montgomery's batch inversion
 * (P. L. Montgomery, "Speeding the Pollard and elliptic curve methods of factorization", Math. Comp. 48, 1987,
 * §10.3.1). Fields and their 2-adic roots of unity follow Winterfell's `FieldElement`/`StarkField` traits.
 * Not constant-time.
 */
import { DivisionByZeroError, FieldParameterError, InvalidElementError, LengthError, NoRootOfUnityError } from "./errors.js";
import { bitLength, isProbablePrime, mod, modPow, primeFactors, smallestGenerator } from "./number-theory.js";

/** A finite field whose elements have type T. Elements passed in are assumed canonical (see `isValid`). */
export interface Field<T> {
  readonly name: string;
  /** The prime p of the prime subfield. */
  readonly characteristic: bigint;
  /** Degree over the prime subfield (1 for F_p). */
  readonly degree: number;
  /** Number of elements, p^degree. */
  readonly order: bigint;
  /** Length of `toBytes` output. */
  readonly byteLength: number;
  /** Bytes `fromRandomBytes` needs (≥ 16 more than an element, so the reduction bias is < 2^-128). */
  readonly randomBytesLength: number;
  readonly ZERO: T;
  readonly ONE: T;
  /** s with 2^s ∥ p − 1: roots of unity of order 2^k exist in the prime subfield for k ≤ s. */
  readonly twoAdicity: number;
  /**
   * The prime subfield's multiplicative generator (the coset offset of low-degree extensions). For an
   * extension this is the embedded base generator: it generates F_p^*, not the extension's group.
   */
  readonly generator: T;

  isValid(a: T): boolean;
  eq(a: T, b: T): boolean;
  isZero(a: T): boolean;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  neg(a: T): T;
  mul(a: T, b: T): T;
  sqr(a: T): T;
  /** a^-1; DivisionByZeroError for 0. */
  inv(a: T): T;
  div(a: T, b: T): T;
  /** a^e for any integer e (negative e inverts first). */
  pow(a: T, e: bigint): T;
  /** The image of the integer x (x mod p, embedded). */
  fromBigint(x: bigint): T;
  /** The canonical integer of a prime-subfield element; InvalidElementError for an extension element outside it. */
  toBigint(a: T): bigint;
  /** Fixed-length little-endian encoding (extensions: coefficients in order). */
  toBytes(a: T): Uint8Array;
  /** Inverse of toBytes; InvalidElementError for a wrong length or a non-canonical value. */
  fromBytes(bytes: Uint8Array): T;
  /** Uniform element from ≥ randomBytesLength uniform bytes (little-endian integer reduced mod p per coefficient). */
  fromRandomBytes(bytes: Uint8Array): T;
  /** Element-wise inverses with one field inversion (Montgomery's trick); DivisionByZeroError names a zero entry. */
  invertBatch(xs: readonly T[]): T[];
  /** A primitive root of unity of order 2^logN (ω_{2^logN} = ω_{2^s}^(2^(s−logN))); NoRootOfUnityError if logN > twoAdicity. */
  rootOfUnity(logN: number): T;
  toString(a: T): string;
}

/** A prime field F_p with bigint elements in [0, p). */
export interface PrimeField extends Field<bigint> {
  readonly modulus: bigint;
  readonly bits: number;
  /** Distinct prime factors of p − 1 (computed on first use unless given). */
  readonly factorsOfPMinus1: readonly bigint[];
  /** The primitive 2^s-th root of unity all smaller roots are powers of. */
  readonly twoAdicRoot: bigint;
}

export interface PrimeFieldOptions {
  readonly name?: string;
  /** Distinct prime factors of p − 1 (checked); otherwise found by trial division and Pollard rho. */
  readonly factors?: readonly bigint[];
  /** A multiplicative generator (checked); default: the smallest one. */
  readonly generator?: bigint;
  /** A primitive 2^s-th root of unity (checked); default: generator^((p − 1)/2^s). */
  readonly twoAdicRoot?: bigint;
}

/**
 * Montgomery's trick: prefix products, one inversion, a backward pass — 3(n − 1) multiplications and one
 * inversion for n inverses. Works over any Field.
 */
export function batchInvert<T>(F: Field<T>, xs: readonly T[]): T[] {
  const n = xs.length;
  const out = new Array<T>(n);
  if (n === 0) return out;
  let acc = F.ONE;
  for (let i = 0; i < n; i++) {
    if (F.isZero(xs[i]!)) throw new DivisionByZeroError(F.name, i);
    out[i] = acc;
    acc = F.mul(acc, xs[i]!);
  }
  let inv = F.inv(acc);
  for (let i = n - 1; i >= 0; i--) {
    const t = F.mul(inv, out[i]!);
    inv = F.mul(inv, xs[i]!);
    out[i] = t;
  }
  return out;
}

/** Little-endian bytes of 0 ≤ x < 2^(8·len). */
export function _bigintToLe(x: bigint, len: number, out = new Uint8Array(len), offset = 0): Uint8Array {
  for (let i = 0; i < len; i++) {
    out[offset + i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** The integer of little-endian bytes. */
export function _leToBigint(bytes: Uint8Array, offset = 0, len = bytes.length - offset): bigint {
  let x = 0n;
  let i = offset + len - 1;
  // whole 64-bit words from the top (a few BigInt operations per 8 bytes instead of per byte), then single bytes
  if (len >= 8) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (; i - 7 >= offset; i -= 8) x = (x << 64n) | view.getBigUint64(i - 7, true);
  }
  for (; i >= offset; i--) x = (x << 8n) | BigInt(bytes[i]!);
  return x;
}

function twoAdicityOf(p: bigint): number {
  let s = 0;
  let t = p - 1n;
  while ((t & 1n) === 0n) {
    t >>= 1n;
    s++;
  }
  return s;
}

/**
 * F_p for any prime p, with bigint elements. Checks p is prime (Miller–Rabin). The generator and the 2-adic
 * root come from the options (checked) or are derived on first use: the smallest g with g^((p−1)/q) ≠ 1 for
 * every prime q | p − 1, and ω = g^((p−1)/2^s), which has order exactly 2^s because g has order p − 1.
 */
export function primeField(p: bigint, options: PrimeFieldOptions = {}): PrimeField {
  if (typeof p !== "bigint" || p < 3n || !isProbablePrime(p)) {
    throw new FieldParameterError(`primeField: expected an odd prime modulus, got ${String(p)}`);
  }
  const name = options.name ?? `F_${p}`;
  const bits = bitLength(p);
  const byteLength = Math.ceil(bits / 8);
  const s = twoAdicityOf(p);

  if (options.factors) {
    let rest = p - 1n;
    for (const q of options.factors) {
      if (!isProbablePrime(q)) throw new FieldParameterError(`${name}: listed factor ${q} of p − 1 is not prime`);
      if (rest % q !== 0n) throw new FieldParameterError(`${name}: listed factor ${q} does not divide p − 1`);
      while (rest % q === 0n) rest /= q;
    }
    if (rest !== 1n) throw new FieldParameterError(`${name}: the listed factors miss the part ${rest} of p − 1`);
  }
  let factors: readonly bigint[] | undefined = options.factors ? Object.freeze([...options.factors]) : undefined;
  const getFactors = () => (factors ??= Object.freeze(primeFactors(p - 1n)));

  let gen: bigint | undefined;
  if (options.generator !== undefined) {
    const g = options.generator;
    if (g <= 1n || g >= p) throw new FieldParameterError(`${name}: generator ${g} is not in [2, p)`);
    // A generator is a quadratic non-residue; with known factors check the full condition.
    const qs = options.factors ?? [2n];
    for (const q of qs) {
      if (modPow(g, (p - 1n) / q, p) === 1n) throw new FieldParameterError(`${name}: ${g} is not a multiplicative generator (g^((p−1)/${q}) = 1)`);
    }
    gen = g;
  }
  const getGenerator = () => (gen ??= smallestGenerator(p, getFactors()));

  let root: bigint | undefined;
  if (options.twoAdicRoot !== undefined) {
    const w = options.twoAdicRoot;
    if (w <= 0n || w >= p || modPow(w, 1n << BigInt(s), p) !== 1n || modPow(w, 1n << BigInt(s - 1), p) !== p - 1n) {
      throw new FieldParameterError(`${name}: ${w} is not a primitive 2^${s}-th root of unity`);
    }
    root = w;
  }
  const getRoot = () => (root ??= modPow(getGenerator(), (p - 1n) >> BigInt(s), p));

  const inv = (a: bigint): bigint => {
    if (a === 0n) throw new DivisionByZeroError(name);
    // Extended Euclid (faster than a^(p−2) for bigint).
    let [r0, r1] = [p, a];
    let [t0, t1] = [0n, 1n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1] = [r1, r0 - q * r1];
      [t0, t1] = [t1, t0 - q * t1];
    }
    return t0 < 0n ? t0 + p : t0;
  };
  const pow = (a: bigint, e: bigint): bigint => (e < 0n ? modPow(inv(a), -e, p) : modPow(a, e, p));
  const isValid = (a: bigint) => typeof a === "bigint" && a >= 0n && a < p;

  const F: PrimeField = {
    name,
    modulus: p,
    characteristic: p,
    degree: 1,
    order: p,
    bits,
    byteLength,
    randomBytesLength: byteLength + 16,
    ZERO: 0n,
    ONE: 1n,
    twoAdicity: s,
    get generator() {
      return getGenerator();
    },
    get factorsOfPMinus1() {
      return getFactors();
    },
    get twoAdicRoot() {
      return getRoot();
    },
    isValid,
    eq: (a, b) => a === b,
    isZero: (a) => a === 0n,
    add: (a, b) => {
      const r = a + b;
      return r >= p ? r - p : r;
    },
    sub: (a, b) => {
      const r = a - b;
      return r < 0n ? r + p : r;
    },
    neg: (a) => (a === 0n ? 0n : p - a),
    mul: (a, b) => (a * b) % p,
    sqr: (a) => (a * a) % p,
    inv,
    div: (a, b) => (a * inv(b)) % p,
    pow,
    fromBigint: (x) => mod(x, p),
    toBigint: (a) => {
      if (!isValid(a)) throw new InvalidElementError(`${name}: ${String(a)} is not a canonical element of [0, p)`);
      return a;
    },
    toBytes: (a) => _bigintToLe(a, byteLength),
    fromBytes: (bytes) => {
      if (bytes.length !== byteLength) throw new InvalidElementError(`${name}: expected ${byteLength} bytes, got ${bytes.length}`);
      const x = _leToBigint(bytes);
      if (x >= p) throw new InvalidElementError(`${name}: non-canonical encoding ${x} ≥ p`);
      return x;
    },
    fromRandomBytes: (bytes) => {
      if (bytes.length < byteLength + 16) {
        throw new LengthError(`${name}: fromRandomBytes needs ≥ ${byteLength + 16} bytes for bias < 2^-128, got ${bytes.length}`);
      }
      return _leToBigint(bytes) % p;
    },
    invertBatch: (xs) => batchInvert(F, xs),
    rootOfUnity: (logN) => {
      if (!Number.isInteger(logN) || logN < 0 || logN > s) throw new NoRootOfUnityError(name, logN, s);
      return modPow(getRoot(), 1n << BigInt(s - logN), p);
    },
    toString: (a) => a.toString(),
  };
  return Object.freeze(F);
}
