/**
 * The AIR interface (Winterfell-shaped; issue "STARK prover", item 3): what a computation tells the prover and
 * verifier — trace shape, transition constraints with their degrees, periodic columns, boundary assertions and
 * optional auxiliary columns built from verifier randomness (permutation / bus arguments).
 *
 * Constraint evaluation is generic over the element type E so the same code runs on the base field (prover,
 * over the low-degree extension) and on an extension field (verifier, at the out-of-domain point): an AIR
 * computes only with the field object it is given and embeds its constants with `F.fromBigint`.
 */
import type { Field } from "../math/field.js";
import type { GlVec } from "../math/goldilocks.js";

/** A boundary constraint: trace column `column` has value `value` at step `step`. */
export interface Assertion {
  readonly column: number;
  readonly step: number;
  readonly value: bigint;
  /** Which segment the column belongs to (default "main"). */
  readonly segment?: "main" | "aux";
}

/** Values of one trace step as the constraint evaluator sees it. */
export interface EvaluationFrame<E> {
  readonly current: readonly E[];
  readonly next: readonly E[];
}

export interface Air {
  /** Name for reports and error messages. */
  readonly name: string;
  /** The base field the trace lives in. */
  readonly field: Field<bigint>;
  /** Columns of the main trace. */
  readonly traceWidth: number;
  /** Steps (a power of two ≥ 8). */
  readonly traceLength: number;
  /** Degree of each main transition constraint as a polynomial in trace and periodic columns. */
  readonly transitionDegrees: readonly number[];
  /** Human names of the transition constraints (same order), e.g. "s0' − (s0 + s1) = 0". */
  readonly constraintNames: readonly string[];
  /** Human names of the main trace columns. */
  readonly columnNames: readonly string[];
  /** Periodic columns: each the values over one cycle, a power-of-two length that divides traceLength. */
  readonly periodicColumns: readonly (readonly bigint[])[];
  /**
   * Writes the main transition constraints' values into `out` (length transitionDegrees.length); all zero when
   * (current → next) is a valid step. `periodic` holds each periodic column's value at this step.
   */
  evaluateTransition<E>(F: Field<E>, frame: EvaluationFrame<E>, periodic: readonly E[], out: E[]): void;
  /**
   * Optional fast path for Goldilocks AIRs: the same main transition constraints evaluated column-wise over whole
   * vectors (current and next rows as Goldilocks typed-array vectors, one per column), returning one vector per
   * constraint. Must agree with `evaluateTransition` element by element (the examples test this); the prover
   * uses it when present and falls back to row-by-row evaluation otherwise.
   */
  evaluateTransitionGoldilocks?(frame: { readonly current: readonly GlVec[]; readonly next: readonly GlVec[] }, periodic: readonly GlVec[]): GlVec[];
  /** Boundary assertions on the main (and auxiliary) trace. */
  readonly assertions: readonly Assertion[];
  /** Canonical bytes of the public inputs (bound into the Fiat–Shamir transcript). */
  publicInputBytes(): Uint8Array;
  /** Optional auxiliary segment built after the main trace is committed, from verifier randomness. */
  readonly aux?: AuxSegment;
}

export interface AuxSegment {
  readonly width: number;
  /** Number of random elements (in the challenge field) the segment needs. */
  readonly randomElements: number;
  readonly transitionDegrees: readonly number[];
  readonly constraintNames: readonly string[];
  readonly columnNames: readonly string[];
  /** Builds the auxiliary columns (column-major, each traceLength long) from the main trace and the randomness. */
  build<E>(F: Field<E>, main: readonly (readonly bigint[])[], random: readonly E[]): E[][];
  /** Auxiliary transition constraints over (main frame, aux frame). */
  evaluateTransition<E>(F: Field<E>, main: EvaluationFrame<E>, aux: EvaluationFrame<E>, random: readonly E[], periodic: readonly E[], out: E[]): void;
}

/** A trace: column-major, `traceWidth` columns of `traceLength` base-field elements. */
export type Trace = bigint[][];
