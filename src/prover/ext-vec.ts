/**
 * Vectors over the challenge field of a Goldilocks proof, stored coordinate by coordinate: an element of the
 * degree-k extension is k Goldilocks coordinates, so a vector of N elements is k typed-array vectors (GlVec)
 * and every operation becomes a handful of WebAssembly vector kernels instead of N bigint-array operations.
 *
 * Multiplication reduces modulo the extension's monic modulus X^k + Σ f_i X^i; inversion goes through the
 * norm (a^-1 = conj(a)/N(a), conj(a) = Π_{i≥1} a^(q^i) with the Frobenius as a fixed k×k matrix), so a whole
 * vector inverts with one base-field batch inversion. Degree 1 is the base field itself (k = 1).
 */
import { glAddVec, glAxpyVec, glBatchInverse, glInnerProducts, glLinearCombinations, glMulVec, glScaleVec, glSubVec, goldilocksWasmEnabled } from "../math/goldilocks-fast.js";
import { glExtDivLinearWasm, glExtMul3Wasm, glWasmAvailable } from "../math/goldilocks-wasm.js";
import { GL_P, type GlVec, glConstant, glFromBigints, glGet, glInnerProduct, glToBigints, glVec } from "../math/goldilocks.js";
import type { ExtensionField } from "../math/extension.js";
import type { Challenge, ChallengeField } from "./fields.js";

/** k coordinate vectors of equal length. */
export type ExtVec = GlVec[];

export class ExtVecOps {
  readonly k: number;
  /** −f_i: X^k = Σ_i negF[i]·X^i. */
  private readonly negF: bigint[];
  /** Frobenius matrix: frob(e_j) in column j (rows = output coordinates). */
  private readonly frob: bigint[][];

  constructor(readonly C: ChallengeField) {
    this.k = C.degree;
    if (this.k === 1) {
      this.negF = [];
      this.frob = [[1n]];
      return;
    }
    const E = C.E as unknown as ExtensionField<bigint>;
    this.negF = E.modulus.map((f) => (f === 0n ? 0n : GL_P - f));
    const cols = Array.from({ length: this.k }, (_, j) => E.frobenius(Array.from({ length: this.k }, (_, i) => (i === j ? 1n : 0n))));
    this.frob = Array.from({ length: this.k }, (_, r) => cols.map((c) => c[r]!));
  }

  coordinate(c: Challenge, i: number): bigint {
    return this.k === 1 ? (c as bigint) : (c as readonly bigint[])[i]!;
  }

  fromChallenges(xs: readonly Challenge[]): ExtVec {
    return Array.from({ length: this.k }, (_, i) => glFromBigints(xs.map((x) => this.coordinate(x, i))));
  }

  toChallenges(v: ExtVec): Challenge[] {
    const parts = v.map(glToBigints);
    return this.k === 1 ? parts[0]! : parts[0]!.map((_, i) => parts.map((p) => p[i]!));
  }

  /** The base vector b as challenge-field elements. */
  fromBase(b: GlVec): ExtVec {
    return Array.from({ length: this.k }, (_, i) => (i === 0 ? b.slice() : glVec(b.length >>> 1)));
  }

  zeros(n: number): ExtVec {
    return Array.from({ length: this.k }, () => glVec(n));
  }

  /** The constant c repeated n times. */
  constant(c: Challenge, n: number): ExtVec {
    return Array.from({ length: this.k }, (_, i) => glConstant(this.coordinate(c, i), n));
  }

  add(a: ExtVec, b: ExtVec): ExtVec {
    return a.map((x, i) => glAddVec(x, b[i]!));
  }

  sub(a: ExtVec, b: ExtVec): ExtVec {
    return a.map((x, i) => glSubVec(x, b[i]!));
  }

  /**
   * Σ_j challenges[o][j]·vectors[j] for each output o, where vectors are base vectors and the coefficients
   * challenge-field constants: all outputs' coordinates in one pass over the inputs.
   */
  combineBase(vectors: readonly GlVec[], challenges: readonly (readonly Challenge[])[]): ExtVec[] {
    const rows = challenges.flatMap((cs) => Array.from({ length: this.k }, (_, i) => cs.map((c) => this.coordinate(c, i))));
    const flat = glLinearCombinations(vectors, rows);
    return challenges.map((_, o) => flat.slice(o * this.k, (o + 1) * this.k));
  }

  /** a ⊙ b for a base vector b. */
  mulBase(a: ExtVec, b: GlVec): ExtVec {
    return a.map((x) => glMulVec(x, b));
  }

  /** Reduces 2k − 1 product coordinates modulo the extension's modulus. */
  private reduce(p: GlVec[]): ExtVec {
    for (let t = 2 * this.k - 2; t >= this.k; t--) {
      for (let i = 0; i < this.k; i++) {
        const f = this.negF[i]!;
        if (f !== 0n) glAxpyVec(p[t - this.k + i]!, p[t]!, f, p[t - this.k + i]);
      }
    }
    return p.slice(0, this.k);
  }

  /** Element-wise product. */
  mul(a: ExtVec, b: ExtVec): ExtVec {
    if (this.k === 1) return [glMulVec(a[0]!, b[0]!)];
    if (this.k === 3 && a[0]!.length >= 128 && goldilocksWasmEnabled() && glWasmAvailable()) return glExtMul3Wasm(a, b, this.negF);
    const n = a[0]!.length >>> 1;
    const p = Array.from({ length: 2 * this.k - 1 }, () => glVec(n));
    for (let i = 0; i < this.k; i++) for (let j = 0; j < this.k; j++) glAddVec(p[i + j]!, glMulVec(a[i]!, b[j]!), p[i + j]);
    return this.reduce(p);
  }

  /** Element-wise product with a constant. */
  mulConst(a: ExtVec, c: Challenge): ExtVec {
    if (this.k === 1) return [glScaleVec(a[0]!, c as bigint)];
    const n = a[0]!.length >>> 1;
    const p = Array.from({ length: 2 * this.k - 1 }, () => glVec(n));
    for (let i = 0; i < this.k; i++)
      for (let j = 0; j < this.k; j++) {
        const cj = this.coordinate(c, j);
        if (cj !== 0n) glAxpyVec(p[i + j]!, a[i]!, cj, p[i + j]);
      }
    return this.reduce(p);
  }

  private frobenius(a: ExtVec): ExtVec {
    const n = a[0]!.length >>> 1;
    return Array.from({ length: this.k }, (_, r) => {
      const out = glVec(n);
      for (let j = 0; j < this.k; j++) {
        const m = this.frob[r]![j]!;
        if (m !== 0n) glAxpyVec(out, a[j]!, m, out);
      }
      return out;
    });
  }

  /** Element-wise inverse (every element non-zero): conj(a)/N(a) with one base batch inversion. */
  invert(a: ExtVec): ExtVec {
    if (this.k === 1) return [glBatchInverse(a[0]!)];
    let r = this.frobenius(a);
    let conj = r;
    for (let i = 2; i < this.k; i++) {
      r = this.frobenius(r);
      conj = this.mul(conj, r);
    }
    const norm = this.mul(a, conj)[0]!;
    return this.mulBase(conj, glBatchInverse(norm));
  }

  /** [1, z, z², …, z^(n−1)]: 64 powers one by one, then whole blocks scaled by z^64, z^128, … */
  powers(z: Challenge, n: number): ExtVec {
    const E = this.C.E;
    const block = Math.min(64, n);
    const first: Challenge[] = [E.ONE];
    for (let i = 1; i < block; i++) first.push(E.mul(first[i - 1]!, z));
    const head = this.fromChallenges(first);
    const out = this.zeros(n);
    const step = E.mul(first[block - 1]!, z); // z^block
    let scale = E.ONE;
    for (let start = 0; start < n; start += block) {
      const part = start === 0 ? head : this.mulConst(head, scale);
      for (let c = 0; c < this.k; c++) out[c]!.set(part[c]!.subarray(0, 2 * Math.min(block, n - start)), 2 * start);
      scale = E.mul(scale, step);
    }
    return out;
  }

  /** Σ_i b_i·P_i for every base vector b and every challenge vector P: result[p][j] = Σ_i bs[j]_i·Ps[p]_i. */
  dotBaseMany(bs: readonly GlVec[], Ps: readonly ExtVec[]): Challenge[][] {
    const parts = glInnerProducts(bs, Ps.flat());
    return Ps.map((_, p) => parts.map((row) => (this.k === 1 ? row[p]! : row.slice(p * this.k, (p + 1) * this.k))));
  }

  /** Σ_i a_i·P_i for challenge-field vectors. */
  dot(a: ExtVec, P: ExtVec): Challenge {
    const prod = this.mul(a, P);
    const ones = this.onesOf(a[0]!.length >>> 1);
    const parts = prod.map((p) => glInnerProduct(p, ones));
    return this.k === 1 ? parts[0]! : parts;
  }

  private onesCache: GlVec | undefined;
  private onesOf(n: number): GlVec {
    if (this.onesCache?.length !== 2 * n) {
      this.onesCache = glVec(n);
      for (let i = 0; i < n; i++) this.onesCache[2 * i] = 1;
    }
    return this.onesCache;
  }

  /**
   * The quotient of the polynomial with coefficients `coeffs` (coordinate vectors, low degree first) by (X − z),
   * dropping the remainder (the value at z): synthetic division, in WebAssembly when available.
   */
  divByLinear(coeffs: ExtVec, z: Challenge): ExtVec {
    const zc = Array.from({ length: this.k }, (_, i) => this.coordinate(z, i));
    if (goldilocksWasmEnabled() && glWasmAvailable()) return glExtDivLinearWasm(coeffs, zc, this.negF);
    const E = this.C.E;
    const n = coeffs[0]!.length >>> 1;
    const out: Challenge[] = new Array<Challenge>(n).fill(E.ZERO);
    let q = E.ZERO;
    for (let i = n - 1; i >= 1; i--) {
      q = E.add(this.get(coeffs, i), E.mul(z, q));
      out[i - 1] = q;
    }
    return this.fromChallenges(out);
  }

  get(v: ExtVec, i: number): Challenge {
    return this.k === 1 ? glGet(v[0]!, i) : v.map((c) => glGet(c, i));
  }
}
