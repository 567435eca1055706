/**
 * Typed errors of the prover and verifier. A verifier never throws on a bad proof: it returns a rejection
 * naming the failed check. Errors here are for bad inputs to the prover (invalid trace, bad options).
 */
export class ProverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why a proof was rejected: the check that failed, in words. */
export type VerificationCheck =
  | "format"
  | "version"
  | "options"
  | "security"
  | "statement"
  | "public-inputs"
  | "trace-commitment"
  | "composition-commitment"
  | "ood-consistency"
  | "proof-of-work"
  | "trace-opening"
  | "composition-opening"
  | "fri-opening"
  | "fri-folding"
  | "fri-remainder";

export class VerificationError extends Error {
  constructor(
    readonly check: VerificationCheck,
    message: string,
  ) {
    super(`${check}: ${message}`);
    this.name = "VerificationError";
  }
}
