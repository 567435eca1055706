/**
 * The polynomial operations the prover repeats over whole domains — interpolation over the trace domain,
 * coset low-degree extension and coset interpolation — dispatched to the Goldilocks typed-array/WebAssembly
 * NTT (src/math/goldilocks-fast.ts) when the base field is Goldilocks, and to the generic NTT otherwise.
 * Extension-field vectors are transformed coordinate by coordinate: the NTT's twiddles lie in the base field,
 * so each coefficient of the extension transforms independently. Results are identical on both paths
 * (tested in poly-ops.test.ts).
 */
import { cosetDomain, evaluateOnDomain, interpolateOnDomain, lowDegreeExtend } from "../math/domain.js";
import type { Field, PrimeField } from "../math/field.js";
import { type F128Vectors, f128Vectors } from "../math/f128-wasm.js";
import { vectorOpsFor } from "../math/vector-ops.js";
import { glCosetLde, glInterpolate, glMulVec, glPowersFast } from "../math/goldilocks-fast.js";
import { GL_P, glFromBigints, glToBigints } from "../math/goldilocks.js";
import { intt } from "../math/ntt.js";
import type { Challenge, ChallengeField } from "./fields.js";

let fastEnabled = true;
/** Turns the Goldilocks fast path off (for cross-checks); returns the previous setting. */
export function setFastPolyOps(on: boolean): boolean {
  const before = fastEnabled;
  fastEnabled = on;
  return before;
}

function isGoldilocks(F: Field<bigint>): boolean {
  return fastEnabled && F.degree === 1 && F.characteristic === GL_P;
}

/** True unless the fast paths are switched off (`setFastPolyOps(false)`: the pure bigint reference path). */
export function fastPolyOpsEnabled(): boolean {
  return fastEnabled;
}

/** The 128-bit WebAssembly kernels (f128-wasm.ts) for a prime of their form, when the fast paths are on. */
function wide(F: Field<bigint>): F128Vectors | undefined {
  if (!fastEnabled || F.degree !== 1 || vectorOpsFor(F) === undefined || F.characteristic === GL_P) return undefined;
  return f128Vectors(F as PrimeField);
}

/** True when the Goldilocks typed-array path applies to this field (and is switched on). */
export function fastPolyOpsFor(F: Field<bigint>): boolean {
  return isGoldilocks(F);
}

/** Splits extension elements into coordinate vectors (degree 1: one vector). */
function split(C: ChallengeField, xs: readonly Challenge[]): bigint[][] {
  if (C.degree === 1) return [xs as bigint[]];
  return Array.from({ length: C.degree }, (_, k) => xs.map((x) => (x as readonly bigint[])[k]!));
}

function join(C: ChallengeField, parts: readonly bigint[][]): Challenge[] {
  if (C.degree === 1) return parts[0]!;
  return parts[0]!.map((_, i) => parts.map((p) => p[i]!));
}

/** Coefficients of the column's polynomial over the trace domain ⟨ω_n⟩. */
export function interpolateBase(F: Field<bigint>, values: readonly bigint[]): bigint[] {
  if (isGoldilocks(F)) return glToBigints(glInterpolate(glFromBigints(values)));
  const V = wide(F);
  return V ? V.toBigints(V.intt(V.fromBigints(values))) : intt(F, values);
}

/** Evaluations on offset·⟨ω_{b·n}⟩ of a base-field polynomial with n coefficients. */
export function ldeBase(F: Field<bigint>, coeffs: readonly bigint[], blowup: number, offset: bigint): bigint[] {
  if (isGoldilocks(F)) return glToBigints(glCosetLde(glFromBigints(coeffs), blowup, offset));
  // the 128-bit kernels extend from values: the coefficients' values on ⟨ω_n⟩ first (one NTT of n)
  const V = wide(F);
  return V ? V.toBigints(V.lde(V.ntt(V.fromBigints(coeffs)), blowup, offset)) : lowDegreeExtend(F, coeffs, blowup, offset);
}

/** Coefficients over the challenge field of the polynomial taking `values` on the trace domain. */
export function interpolateChallenge(F: Field<bigint>, C: ChallengeField, values: readonly Challenge[]): Challenge[] {
  if (!isGoldilocks(F)) return intt(C.E, values);
  return join(C, split(C, values).map((v) => interpolateBase(F, v)));
}

/** Evaluations on offset·⟨ω_{b·n}⟩ of a challenge-field polynomial with n coefficients. */
export function ldeChallenge(F: Field<bigint>, C: ChallengeField, coeffs: readonly Challenge[], blowup: number, offset: bigint): Challenge[] {
  if (C.degree === 1 && wide(F)) return ldeBase(F, coeffs as bigint[], blowup, offset);
  if (!isGoldilocks(F)) return lowDegreeExtend(C.E, coeffs, blowup, C.fromBase(offset));
  return join(C, split(C, coeffs).map((v) => ldeBase(F, v, blowup, offset)));
}

/** Coefficients of the challenge-field polynomial (degree < N) with `values` on offset·⟨ω_N⟩. */
export function interpolateCosetChallenge(F: Field<bigint>, C: ChallengeField, values: readonly Challenge[], offset: bigint): Challenge[] {
  const V = C.degree === 1 ? wide(F) : undefined;
  if (V) {
    // coefficients on ⟨ω_N⟩, then c_i·offset^(−i) (the coset's scaling)
    const coeffs = V.toBigints(V.intt(V.fromBigints(values as bigint[])));
    const inv = F.inv(offset);
    for (let i = 0, s = F.ONE; i < coeffs.length; i++, s = F.mul(s, inv)) coeffs[i] = F.mul(coeffs[i]!, s);
    return coeffs;
  }
  if (!isGoldilocks(F)) return interpolateOnDomain(C.E, cosetDomain(C.E, values.length, C.fromBase(offset)), values);
  const scale = glPowersFast(F.inv(offset), values.length);
  return join(C, split(C, values).map((v) => glToBigints(glMulVec(glInterpolate(glFromBigints(v)), scale))));
}

/** Evaluations on offset·⟨ω_N⟩ (N ≥ coefficient count, a power of two) of a challenge-field polynomial. */
export function evaluateCosetChallenge(F: Field<bigint>, C: ChallengeField, coeffs: readonly Challenge[], size: number, offset: bigint): Challenge[] {
  if (C.degree === 1 && wide(F)) {
    let L = 1;
    while (L < coeffs.length) L *= 2;
    const padded = [...(coeffs as bigint[]), ...new Array<bigint>(L - coeffs.length).fill(0n)];
    return ldeBase(F, padded, size / L, offset);
  }
  if (!isGoldilocks(F)) return evaluateOnDomain(C.E, cosetDomain(C.E, size, C.fromBase(offset)), coeffs);
  return ldeChallenge(F, C, coeffs, size / coeffs.length, offset);
}
