/**
 * Polynomials over any Field (dense coefficient arrays, lowest degree first): Horner evaluation, sums and
 * products, division with remainder, by (x − a) (synthetic division) and by x^n − c (the vanishing polynomial
 * of a 2-power domain or coset, as STARK quotients need: Ben-Sasson et al., eprint 2018/046, §3), gcd, and
 * Lagrange interpolation (O(n²), one batch inversion). Generic and simple; the Goldilocks fast path
 * (goldilocks-fast.ts) covers large 2-power sizes with the NTT.
 */
import { DivisionByZeroError, InvalidElementError, LengthError } from "./errors.js";
import type { Field } from "./field.js";

/** Coefficients c_0, c_1, ..., lowest degree first. Trailing zeros are allowed. */
export type Poly<T> = readonly T[];

/** Degree (index of the highest non-zero coefficient); −1 for the zero polynomial. */
export function polyDegree<T>(F: Field<T>, a: Poly<T>): number {
  for (let i = a.length - 1; i >= 0; i--) if (!F.isZero(a[i]!)) return i;
  return -1;
}

/** a without trailing zero coefficients. */
export function polyTrim<T>(F: Field<T>, a: Poly<T>): T[] {
  return a.slice(0, polyDegree(F, a) + 1);
}

/** True when a and b are the same polynomial (trailing zeros ignored). */
export function polyEq<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!F.eq(a[i] ?? F.ZERO, b[i] ?? F.ZERO)) return false;
  return true;
}

/** a(x) by Horner's rule. */
export function polyEval<T>(F: Field<T>, a: Poly<T>, x: T): T {
  let r = F.ZERO;
  for (let i = a.length - 1; i >= 0; i--) r = F.add(F.mul(r, x), a[i]!);
  return r;
}

export function polyAdd<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): T[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = F.add(a[i] ?? F.ZERO, b[i] ?? F.ZERO);
  return out;
}

export function polySub<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): T[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = F.sub(a[i] ?? F.ZERO, b[i] ?? F.ZERO);
  return out;
}

/** c·a. */
export function polyScale<T>(F: Field<T>, a: Poly<T>, c: T): T[] {
  return a.map((x) => F.mul(x, c));
}

/** a·b (schoolbook, O(len a · len b)). */
export function polyMul<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): T[] {
  if (a.length === 0 || b.length === 0) return [];
  const out = new Array<T>(a.length + b.length - 1).fill(F.ZERO);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (F.isZero(ai)) continue;
    for (let j = 0; j < b.length; j++) out[i + j] = F.add(out[i + j]!, F.mul(ai, b[j]!));
  }
  return out;
}

/** Quotient and remainder of a / b (b ≠ 0); the remainder has length deg b. */
export function polyDivRem<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): { quotient: T[]; remainder: T[] } {
  const db = polyDegree(F, b);
  if (db < 0) throw new DivisionByZeroError(`${F.name}[x]`);
  const r = polyTrim(F, a);
  if (r.length - 1 < db) return { quotient: [], remainder: r };
  const lcInv = F.inv(b[db]!);
  const q = new Array<T>(r.length - db).fill(F.ZERO);
  for (let i = r.length - 1; i >= db; i--) {
    const c = F.mul(r[i]!, lcInv);
    q[i - db] = c;
    if (F.isZero(c)) continue;
    for (let j = 0; j <= db; j++) r[i - db + j] = F.sub(r[i - db + j]!, F.mul(c, b[j]!));
  }
  return { quotient: q, remainder: r.slice(0, db) };
}

/** Monic gcd of a and b. */
export function polyGcd<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): T[] {
  let x = polyTrim(F, a);
  let y = polyTrim(F, b);
  while (y.length > 0) {
    const r = polyTrim(F, polyDivRem(F, x, y).remainder);
    x = y;
    y = r;
  }
  if (x.length === 0) return [];
  return polyScale(F, x, F.inv(x[x.length - 1]!));
}

/** a = (x − z)·quotient + a(z): synthetic division (Horner's scheme keeps the intermediate sums). */
export function polyDivLinear<T>(F: Field<T>, a: Poly<T>, z: T): { quotient: T[]; remainder: T } {
  if (a.length === 0) return { quotient: [], remainder: F.ZERO };
  const q = new Array<T>(a.length - 1);
  let acc = F.ZERO;
  for (let i = a.length - 1; i >= 1; i--) {
    acc = F.add(F.mul(acc, z), a[i]!);
    q[i - 1] = acc;
  }
  return { quotient: q, remainder: F.add(F.mul(acc, z), a[0]!) };
}

/**
 * a = (x^n − c)·quotient + remainder (remainder of length n). With c = offset^n, x^n − c vanishes on the coset
 * offset·⟨ω_n⟩; c = 1 gives the subgroup's vanishing polynomial. O(len a).
 */
export function polyDivXnMinusC<T>(F: Field<T>, a: Poly<T>, n: number, c: T): { quotient: T[]; remainder: T[] } {
  if (!Number.isInteger(n) || n < 1) throw new LengthError(`x^n − c needs an integer n ≥ 1, got ${n}`);
  const r = a.slice();
  if (r.length <= n) return { quotient: [], remainder: [...r, ...new Array<T>(n - r.length).fill(F.ZERO)] };
  const q = new Array<T>(r.length - n).fill(F.ZERO);
  for (let i = r.length - 1; i >= n; i--) {
    const t = r[i]!;
    q[i - n] = t;
    r[i - n] = F.add(r[i - n]!, F.mul(t, c)); // x^i = x^(i−n)·(x^n − c) + c·x^(i−n)
  }
  return { quotient: q, remainder: r.slice(0, n) };
}

/** a / (x^n − 1) on ⟨ω_n⟩: quotient and remainder. */
export function polyDivVanishing<T>(F: Field<T>, a: Poly<T>, n: number): { quotient: T[]; remainder: T[] } {
  return polyDivXnMinusC(F, a, n, F.ONE);
}

/** Π (x − r_i), coefficients lowest first. */
export function polyFromRoots<T>(F: Field<T>, roots: readonly T[]): T[] {
  let p: T[] = [F.ONE];
  for (const r of roots) {
    const next = new Array<T>(p.length + 1).fill(F.ZERO);
    for (let i = 0; i < p.length; i++) {
      next[i + 1] = F.add(next[i + 1]!, p[i]!);
      next[i] = F.sub(next[i]!, F.mul(p[i]!, r));
    }
    p = next;
  }
  return p;
}

/**
 * The polynomial of degree < n through (x_i, y_i) (Lagrange): with M = Π (x − x_j),
 * P = Σ y_i · (M/(x − x_i)) / M'(x_i), where M'(x_i) = (M/(x − x_i))(x_i). The xs must be distinct.
 */
export function lagrangeInterpolate<T>(F: Field<T>, xs: readonly T[], ys: readonly T[]): T[] {
  if (xs.length !== ys.length) throw new LengthError(`lagrangeInterpolate: ${xs.length} points but ${ys.length} values`);
  const n = xs.length;
  if (n === 0) return [];
  const M = polyFromRoots(F, xs);
  const basis = xs.map((x) => polyDivLinear(F, M, x).quotient);
  const denoms = basis.map((b, i) => polyEval(F, b, xs[i]!));
  const zero = denoms.findIndex((d) => F.isZero(d));
  if (zero >= 0) throw new InvalidElementError(`lagrangeInterpolate: point ${zero} (${F.toString(xs[zero]!)}) occurs twice`);
  const inv = F.invertBatch(denoms);
  const out = new Array<T>(n).fill(F.ZERO);
  for (let i = 0; i < n; i++) {
    const w = F.mul(ys[i]!, inv[i]!);
    if (F.isZero(w)) continue;
    const b = basis[i]!;
    for (let j = 0; j < n; j++) out[j] = F.add(out[j]!, F.mul(w, b[j]!));
  }
  return out;
}
