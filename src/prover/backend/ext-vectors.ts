/**
 * Vectors over a proof's challenge field on any backend (backend.ts), stored coordinate by coordinate: an element
 * of the degree-k extension is k base-field coordinates, so a vector of N elements is k base vectors and every
 * operation becomes a handful of backend vector operations. Degree 1 is the base field itself (k = 1).
 *
 * Multiplication reduces modulo the extension's monic modulus X^k + Σ f_i X^i; inversion goes through the norm
 * (a^-1 = conj(a)/N(a), conj(a) = Π_{i≥1} a^(q^i), the Frobenius a fixed k×k matrix), so a whole vector inverts
 * with one base-field batch inversion.
 */
import type { ExtensionField } from "../../math/extension.js";
import type { Challenge, ChallengeField } from "../fields.js";
import type { Backend } from "./backend.js";

/** k coordinate vectors of equal length. */
export type Ext<V> = V[];

export class ExtVectors<V> {
  readonly k: number;
  /** −f_i: X^k = Σ_i negF[i]·X^i. */
  private readonly negF: bigint[];
  /** Frobenius matrix: frob(e_j) in column j (rows = output coordinates). */
  private readonly frob: bigint[][];

  constructor(
    readonly B: Backend<V>,
    readonly C: ChallengeField,
  ) {
    this.k = C.degree;
    if (this.k === 1) {
      this.negF = [];
      this.frob = [[1n]];
      return;
    }
    const E = C.E as unknown as ExtensionField<bigint>;
    const F = B.F;
    this.negF = E.modulus.map((f) => F.neg(f));
    const cols = Array.from({ length: this.k }, (_, j) => E.frobenius(Array.from({ length: this.k }, (_, i) => (i === j ? 1n : 0n))));
    this.frob = Array.from({ length: this.k }, (_, r) => cols.map((c) => c[r]!));
  }

  coordinate(c: Challenge, i: number): bigint {
    return this.k === 1 ? (c as bigint) : (c as readonly bigint[])[i]!;
  }

  length(v: Ext<V>): number {
    return this.B.length(v[0]!);
  }

  fromChallenges(xs: readonly Challenge[]): Ext<V> {
    return Array.from({ length: this.k }, (_, i) => this.B.from(xs.map((x) => this.coordinate(x, i))));
  }

  toChallenges(v: Ext<V>): Challenge[] {
    const parts = v.map((c) => this.B.to(c));
    return this.k === 1 ? parts[0]! : parts[0]!.map((_, i) => parts.map((p) => p[i]!));
  }

  get(v: Ext<V>, i: number): Challenge {
    return this.k === 1 ? this.B.get(v[0]!, i) : v.map((c) => this.B.get(c, i));
  }

  /** The base vector b as challenge-field elements. */
  fromBase(b: V): Ext<V> {
    return Array.from({ length: this.k }, (_, i) => (i === 0 ? b : this.B.zeros(this.B.length(b))));
  }

  zeros(n: number): Ext<V> {
    return Array.from({ length: this.k }, () => this.B.zeros(n));
  }

  /** The constant c repeated n times. */
  constant(c: Challenge, n: number): Ext<V> {
    return Array.from({ length: this.k }, (_, i) => this.B.constant(this.coordinate(c, i), n));
  }

  slice(v: Ext<V>, start: number, end: number): Ext<V> {
    return v.map((c) => this.B.slice(c, start, end));
  }

  concat(parts: readonly Ext<V>[]): Ext<V> {
    return Array.from({ length: this.k }, (_, i) => this.B.concat(parts.map((p) => p[i]!)));
  }

  add(a: Ext<V>, b: Ext<V>): Ext<V> {
    return a.map((x, i) => this.B.add(x, b[i]!));
  }

  sub(a: Ext<V>, b: Ext<V>): Ext<V> {
    return a.map((x, i) => this.B.sub(x, b[i]!));
  }

  /**
   * Σ_j challenges[o][j]·vectors[j] for each output o, where vectors are base vectors and the coefficients
   * challenge-field constants: all outputs' coordinates in one pass over the inputs.
   */
  combineBase(vectors: readonly V[], challenges: readonly (readonly Challenge[])[]): Ext<V>[] {
    const rows = challenges.flatMap((cs) => Array.from({ length: this.k }, (_, i) => cs.map((c) => this.coordinate(c, i))));
    const flat = this.B.linearCombinations(vectors, rows);
    return challenges.map((_, o) => flat.slice(o * this.k, (o + 1) * this.k));
  }

  /** a ⊙ b for a base vector b. */
  mulBase(a: Ext<V>, b: V): Ext<V> {
    return a.map((x) => this.B.mul(x, b));
  }

  /** Reduces 2k − 1 product coordinates modulo the extension's modulus. */
  private reduce(p: V[]): Ext<V> {
    for (let t = 2 * this.k - 2; t >= this.k; t--)
      for (let i = 0; i < this.k; i++) {
        const f = this.negF[i]!;
        if (f !== 0n) p[t - this.k + i] = this.B.axpy(p[t - this.k + i]!, p[t]!, f);
      }
    return p.slice(0, this.k);
  }

  /** Element-wise product. */
  mul(a: Ext<V>, b: Ext<V>): Ext<V> {
    if (this.k === 1) return [this.B.mul(a[0]!, b[0]!)];
    const fused = this.k === 3 ? this.B.extMul3?.(a, b, this.negF) : undefined;
    if (fused) return fused;
    const n = this.length(a);
    const p = Array.from({ length: 2 * this.k - 1 }, () => this.B.zeros(n));
    for (let i = 0; i < this.k; i++) for (let j = 0; j < this.k; j++) p[i + j] = this.B.add(p[i + j]!, this.B.mul(a[i]!, b[j]!));
    return this.reduce(p);
  }

  /** Element-wise product with a constant. */
  mulConst(a: Ext<V>, c: Challenge): Ext<V> {
    if (this.k === 1) return [this.B.scale(a[0]!, c as bigint)];
    const n = this.length(a);
    const p = Array.from({ length: 2 * this.k - 1 }, () => this.B.zeros(n));
    for (let i = 0; i < this.k; i++)
      for (let j = 0; j < this.k; j++) {
        const cj = this.coordinate(c, j);
        if (cj !== 0n) p[i + j] = this.B.axpy(p[i + j]!, a[i]!, cj);
      }
    return this.reduce(p);
  }

  private frobenius(a: Ext<V>): Ext<V> {
    return Array.from({ length: this.k }, (_, r) => this.B.linearCombinations(a, [this.frob[r]!])[0]!);
  }

  /** Element-wise inverse (every element non-zero): conj(a)/N(a) with one base batch inversion. */
  invert(a: Ext<V>): Ext<V> {
    if (this.k === 1) return [this.B.batchInverse(a[0]!)];
    let r = this.frobenius(a);
    let conj = r;
    for (let i = 2; i < this.k; i++) {
      r = this.frobenius(r);
      conj = this.mul(conj, r);
    }
    const norm = this.mul(a, conj)[0]!;
    return this.mulBase(conj, this.B.batchInverse(norm));
  }

  /** [1, z, z², …, z^(n−1)]: 64 powers one by one, then whole blocks scaled by z^64, z^128, … */
  powers(z: Challenge, n: number): Ext<V> {
    const E = this.C.E;
    const block = Math.min(64, n);
    const first: Challenge[] = [E.ONE];
    for (let i = 1; i < block; i++) first.push(E.mul(first[i - 1]!, z));
    const head = this.fromChallenges(first);
    const step = E.mul(first[block - 1]!, z); // z^block
    const parts: Ext<V>[] = [];
    let scale = E.ONE;
    for (let start = 0; start < n; start += block) {
      const part = start === 0 ? head : this.mulConst(head, scale);
      parts.push(this.slice(part, 0, Math.min(block, n - start)));
      scale = E.mul(scale, step);
    }
    return this.concat(parts);
  }

  /** Σ_i b_i·P_i for every base vector b and every challenge vector P: result[p][j] = Σ_i bs[j]_i·Ps[p]_i. */
  dotBaseMany(bs: readonly V[], Ps: readonly Ext<V>[]): Challenge[][] {
    const parts = this.B.innerProducts(bs, Ps.flat());
    return Ps.map((_, p) => parts.map((row) => (this.k === 1 ? row[p]! : row.slice(p * this.k, (p + 1) * this.k))));
  }

  /** Σ_i a_i·P_i for challenge-field vectors. */
  dot(a: Ext<V>, P: Ext<V>): Challenge {
    const prod = this.mul(a, P);
    const ones = this.B.constant(1n, this.length(a));
    const parts = this.B.innerProducts(prod, [ones]).map((row) => row[0]!);
    return this.k === 1 ? parts[0]! : parts;
  }

  /**
   * The quotient of the polynomial with coefficients `coeffs` (coordinate vectors, low degree first) by (X − z),
   * dropping the remainder (the value at z): synthetic division (a backend kernel when it has one).
   */
  divByLinear(coeffs: Ext<V>, z: Challenge): Ext<V> {
    const zc = Array.from({ length: this.k }, (_, i) => this.coordinate(z, i));
    const fused = this.B.extDivLinear?.(coeffs, zc, this.negF);
    if (fused) return fused;
    const E = this.C.E;
    const n = this.length(coeffs);
    const all = this.toChallenges(coeffs);
    const out: Challenge[] = new Array<Challenge>(n).fill(E.ZERO);
    let q = E.ZERO;
    for (let i = n - 1; i >= 1; i--) {
      q = E.add(all[i]!, E.mul(z, q));
      out[i - 1] = q;
    }
    return this.fromChallenges(out);
  }
}
