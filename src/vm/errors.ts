/**
 * Typed errors of the VM: a bad program names its source line, a failed execution names the step (and the
 * source line of the operation when known).
 */
export class VmProgramError extends Error {
  constructor(
    readonly detail: string,
    /** 1-based source line; 0 when the error concerns the whole program. */
    readonly line: number,
  ) {
    super(line > 0 ? `program error at line ${line}: ${detail}` : `program error: ${detail}`);
    this.name = "VmProgramError";
  }
}

export class VmExecutionError extends Error {
  constructor(
    readonly detail: string,
    /** Step (0-based index into the padded program). */
    readonly step: number,
    readonly line: number | undefined,
  ) {
    super(`execution error at step ${step}${line ? ` (line ${line})` : ""}: ${detail}`);
    this.name = "VmExecutionError";
  }
}

/** An inference statement (or a proof file's claim about one) that is malformed or is not the one expected. */
export class VmStatementError extends Error {
  constructor(
    /** The statement field at fault ("params", "inputs", …), or "statement" for the whole. */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`statement ${field}: ${detail}`);
    this.name = "VmStatementError";
  }
}

/** Proving private weights in a way that gives them away (no zero knowledge, no salt) without saying so. */
export class WeightsExposureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WeightsExposureError";
  }
}
