/**
 * The two polynomial operations prover and verifier share outside the protocol steps (constraints.ts: periodic
 * columns) — interpolation over ⟨ω_n⟩ and coset low-degree extension — on the fastest backend for the field
 * (backend/index.ts). The same values on every backend.
 */
import type { Field } from "../math/field.js";
import { backendFor } from "./backend/index.js";

export { fastPolyOpsEnabled, setFastPolyOps } from "./backend/index.js";

/** Coefficients of the column's polynomial over the trace domain ⟨ω_n⟩. */
export function interpolateBase(F: Field<bigint>, values: readonly bigint[]): bigint[] {
  const B = backendFor(F);
  return B.to(B.interpolateMany([B.from(values)])[0]!);
}

/** Evaluations on offset·⟨ω_{b·n}⟩ of a base-field polynomial with n coefficients. */
export function ldeBase(F: Field<bigint>, coeffs: readonly bigint[], blowup: number, offset: bigint): bigint[] {
  const B = backendFor(F);
  return B.to(B.cosetLdeMany([B.from(coeffs)], blowup, offset)[0]!);
}
