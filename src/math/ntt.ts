/**
 * Radix-2 number-theoretic transform over any Field with 2-power roots of unity (bigint fields such as f128,
 * extensions): bit-reversal permutation, then iterative Cooley–Tukey butterflies (Cormen et al.,
 * Introduction to Algorithms, 3rd ed., §30.3). Natural order in and out; returns a new array. The inverse
 * uses ω^-1 and scales by n^-1. For Goldilocks vectors use the typed-array kernels (goldilocks-fast.ts).
 */
import { DomainSizeError } from "./errors.js";
import type { Field } from "./field.js";

/** log2 n for a power of two n ≥ 1; DomainSizeError otherwise. */
export function log2Exact(n: number): number {
  const k = Math.round(Math.log2(n));
  if (!Number.isInteger(n) || n < 1 || 2 ** k !== n) throw new DomainSizeError(`size must be a power of two, got ${n}`);
  return k;
}

/** In-place bit-reversal permutation of an array of 2^k entries. */
export function bitReversePermute<T>(a: T[]): T[] {
  const n = a.length;
  log2Exact(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function transform<T>(F: Field<T>, values: readonly T[], omega: T): T[] {
  const a = bitReversePermute(values.slice());
  const n = a.length;
  for (let m = 1; m < n; m *= 2) {
    // ω_{2m} = ω_n^(n/2m)
    const wm = F.pow(omega, BigInt(n / (2 * m)));
    const tw = new Array<T>(m);
    tw[0] = F.ONE;
    for (let j = 1; j < m; j++) tw[j] = F.mul(tw[j - 1]!, wm);
    for (let k = 0; k < n; k += 2 * m) {
      for (let j = 0; j < m; j++) {
        const u = a[k + j]!;
        const v = F.mul(a[k + j + m]!, tw[j]!);
        a[k + j] = F.add(u, v);
        a[k + j + m] = F.sub(u, v);
      }
    }
  }
  return a;
}

/** Evaluations A_k = Σ_j a_j·ω_n^(jk) of the coefficients a on ⟨ω_n⟩, n = values.length a power of two. */
export function ntt<T>(F: Field<T>, values: readonly T[]): T[] {
  const logN = log2Exact(values.length);
  return transform(F, values, F.rootOfUnity(logN));
}

/** Coefficients from evaluations on ⟨ω_n⟩: a_j = n^-1 Σ_k A_k·ω_n^(−jk). */
export function intt<T>(F: Field<T>, values: readonly T[]): T[] {
  const logN = log2Exact(values.length);
  const out = transform(F, values, F.inv(F.rootOfUnity(logN)));
  const nInv = F.inv(F.fromBigint(BigInt(values.length)));
  return out.map((x) => F.mul(x, nInv));
}
