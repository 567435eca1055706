/**
 * Typed errors of the AIR layer (issue "STARK prover and verifier", item 3): a malformed AIR declaration, a trace
 * of the wrong shape, and a trace that breaks a boundary assertion or a transition constraint. Every message names
 * the AIR, the constraint or assertion (by its declared name), the step and the column, and the bad value.
 */

/** Base class: catch this to handle any AIR-layer problem. */
export class AirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The AIR's own declarations are inconsistent (lengths, degrees, periodic cycles, assertion positions, ...). */
export class AirDefinitionError extends AirError {
  constructor(
    readonly air: string,
    /** The declaration at fault, e.g. "traceLength", "periodicColumns[2]", "assertions[1].step". */
    readonly property: string,
    message: string,
  ) {
    super(`AIR "${air}": ${property}: ${message}`);
  }
}

/** What a failed trace check was about. */
export type TraceFailureKind = "shape" | "assertion" | "transition";

export interface TraceFailure {
  readonly kind: TraceFailureKind;
  /** Name of the AIR (or of the trace table) being checked. */
  readonly air: string;
  readonly segment: "main" | "aux";
  /** Transition constraint name (its `constraintNames` entry) or assertion description; absent for shape errors. */
  readonly constraint?: string;
  /** Index into `constraintNames` (transition) or `assertions` (assertion). */
  readonly index?: number;
  /** Step: the assertion's step, or the first row of the failing frame (rows step → step + 1). */
  readonly step?: number;
  readonly column?: number;
  readonly columnName?: string;
  /** Expected value (assertion) or 0 (transition). */
  readonly expected?: bigint;
  /** Value found in the trace (assertion) or the constraint's value (transition). */
  readonly actual?: bigint;
}

/** A trace is not a valid execution of the AIR: wrong shape, a failed assertion or a failed transition constraint. */
export class TraceValidationError extends AirError implements TraceFailure {
  readonly kind: TraceFailureKind;
  readonly air: string;
  readonly segment: "main" | "aux";
  readonly constraint?: string;
  readonly index?: number;
  readonly step?: number;
  readonly column?: number;
  readonly columnName?: string;
  readonly expected?: bigint;
  readonly actual?: bigint;

  constructor(failure: TraceFailure, message: string) {
    super(message);
    this.kind = failure.kind;
    this.air = failure.air;
    this.segment = failure.segment;
    if (failure.constraint !== undefined) this.constraint = failure.constraint;
    if (failure.index !== undefined) this.index = failure.index;
    if (failure.step !== undefined) this.step = failure.step;
    if (failure.column !== undefined) this.column = failure.column;
    if (failure.columnName !== undefined) this.columnName = failure.columnName;
    if (failure.expected !== undefined) this.expected = failure.expected;
    if (failure.actual !== undefined) this.actual = failure.actual;
  }
}

/** The trace has the wrong number of columns or rows, or a cell that is not a canonical field element. */
export class TraceShapeError extends TraceValidationError {
  constructor(air: string, message: string, where: { segment?: "main" | "aux"; column?: number; columnName?: string; step?: number } = {}) {
    super({ kind: "shape", air, segment: where.segment ?? "main", ...where }, `${air}: ${message}`);
  }
}
