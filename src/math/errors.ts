/**
 * Typed errors of the math layer (prime fields, extensions, polynomials, NTT). Every message names the
 * offending value and what was expected, so bad input never ends in a silent wrong answer.
 */

/** Base class: catch this to handle any math-layer input problem. */
export class MathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Inversion (or division) by zero; `index` says which entry when a batch was inverted. */
export class DivisionByZeroError extends MathError {
  constructor(
    readonly field: string,
    readonly index?: number,
  ) {
    super(
      index === undefined
        ? `division by zero in ${field}: the inverse of 0 does not exist`
        : `division by zero in ${field}: element ${index} of the batch is 0 and has no inverse`,
    );
  }
}

/** A value is not a canonical field element (out of range, wrong type, non-canonical bytes). */
export class InvalidElementError extends MathError {}

/** Field or extension parameters are wrong: p not prime, polynomial reducible, bad generator, ... */
export class FieldParameterError extends MathError {}

/** The field has no primitive root of unity of the requested 2-power order. */
export class NoRootOfUnityError extends MathError {
  constructor(field: string, logN: number, twoAdicity: number) {
    super(`${field} has no root of unity of order 2^${logN}: its two-adicity is ${twoAdicity} (2^${twoAdicity} ∥ p − 1)`);
  }
}

/** Two inputs that must have equal lengths do not, or a buffer has the wrong size. */
export class LengthError extends MathError {}

/** An NTT/domain size that is not a power of two (or is too large for the field). */
export class DomainSizeError extends MathError {}
