/**
 * Typed errors of the regression lab; each message names the column, row or field and what was expected.
 */
export class RegressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A CSV or data set problem: missing/misspelt column, non-numeric or missing value, too few rows. */
export class DataError extends RegressionError {}

/** Training cannot proceed: constant or collinear features, no convergence. */
export class TrainingError extends RegressionError {}

/** Bits out of range, or an accumulator that does not fit the LWE plaintext modulus. */
export class QuantizationError extends RegressionError {}

/** A model file that is malformed, of an unknown version, or whose hash does not match. */
export class ModelFileError extends RegressionError {}
