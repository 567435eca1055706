/**
 * Evaluation domains of a STARK prover over any Field: the subgroup ⟨ω_n⟩ of 2-power order n (the trace
 * domain) and its cosets offset·⟨ω_N⟩ (the low-degree-extension domain, offset = the field's multiplicative
 * generator so the two never meet), with interpolation and evaluation on them by (inverse) NTT and the coset
 * low-degree extension (Ben-Sasson et al., eprint 2018/046, §3; Winterfell `StarkDomain`).
 */
import { DomainSizeError, LengthError } from "./errors.js";
import type { Field } from "./field.js";
import { intt, log2Exact, ntt } from "./ntt.js";

/** offset·⟨ω⟩ with |⟨ω⟩| = size; offset = 1 for the subgroup itself. */
export interface Domain<T> {
  readonly field: Field<T>;
  readonly size: number;
  readonly logSize: number;
  /** ω, a primitive size-th root of unity. */
  readonly generator: T;
  readonly offset: T;
  /** offset·ω^i. */
  element(i: number): T;
  /** All elements in order i = 0..size−1. */
  elements(): T[];
  /** The vanishing polynomial's value x^size − offset^size at x. */
  vanishingAt(x: T): T;
}

/** The coset offset·⟨ω_n⟩ (n a power of two ≤ 2^twoAdicity); default offset 1: the subgroup. */
export function cosetDomain<T>(F: Field<T>, n: number, offset: T = F.ONE): Domain<T> {
  const logSize = log2Exact(n);
  if (logSize > F.twoAdicity) throw new DomainSizeError(`${F.name} has no domain of size 2^${logSize} (two-adicity ${F.twoAdicity})`);
  const generator = F.rootOfUnity(logSize);
  const offsetN = F.pow(offset, BigInt(n));
  return Object.freeze({
    field: F,
    size: n,
    logSize,
    generator,
    offset,
    element: (i: number) => F.mul(offset, F.pow(generator, BigInt(((i % n) + n) % n))),
    elements: () => {
      const out = new Array<T>(n);
      let x = offset;
      for (let i = 0; i < n; i++) {
        out[i] = x;
        x = F.mul(x, generator);
      }
      return out;
    },
    vanishingAt: (x: T) => F.sub(F.pow(x, BigInt(n)), offsetN),
  });
}

/** The subgroup ⟨ω_n⟩ (the trace domain). */
export function domain<T>(F: Field<T>, n: number): Domain<T> {
  return cosetDomain(F, n, F.ONE);
}

/** The LDE domain of a trace of length n: F.generator·⟨ω_{blowup·n}⟩. */
export function ldeDomain<T>(F: Field<T>, n: number, blowup: number): Domain<T> {
  log2Exact(blowup);
  return cosetDomain(F, n * blowup, F.generator);
}

/** Evaluations on D of a polynomial with at most D.size coefficients: P(offset·x) has coefficients c_i·offset^i. */
export function evaluateOnDomain<T>(F: Field<T>, D: Domain<T>, coeffs: readonly T[]): T[] {
  if (coeffs.length > D.size) throw new LengthError(`a polynomial with ${coeffs.length} coefficients does not fit a domain of ${D.size}`);
  const c = new Array<T>(D.size).fill(F.ZERO);
  let s = F.ONE;
  for (let i = 0; i < coeffs.length; i++) {
    c[i] = F.mul(coeffs[i]!, s);
    s = F.mul(s, D.offset);
  }
  return ntt(F, c);
}

/** Coefficients (degree < D.size) of the polynomial taking `values` on D: inverse NTT, then c_i·offset^-i. */
export function interpolateOnDomain<T>(F: Field<T>, D: Domain<T>, values: readonly T[]): T[] {
  if (values.length !== D.size) throw new LengthError(`interpolateOnDomain: ${values.length} values for a domain of ${D.size}`);
  const c = intt(F, values);
  const oInv = F.inv(D.offset);
  let s = F.ONE;
  for (let i = 0; i < c.length; i++) {
    c[i] = F.mul(c[i]!, s);
    s = F.mul(s, oInv);
  }
  return c;
}

/**
 * Coset low-degree extension: the evaluations of P (n coefficients, n a power of two) on
 * offset·⟨ω_{blowup·n}⟩, natural order; offset defaults to the field's generator.
 */
export function lowDegreeExtend<T>(F: Field<T>, coeffs: readonly T[], blowup: number, offset: T = F.generator): T[] {
  log2Exact(coeffs.length);
  log2Exact(blowup);
  return evaluateOnDomain(F, cosetDomain(F, coeffs.length * blowup, offset), coeffs);
}
