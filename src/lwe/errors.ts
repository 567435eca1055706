/**
 * Typed errors of the LWE module. Every message names the offending value and what was expected,
 * so bad input never ends in an untyped crash or a silent wrong answer.
 */

/** Base class: catch this to handle any LWE input problem. */
export class LweError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A parameter set is inconsistent (Δ < 1, σ < 0, n < 1, unsupported q, ...). */
export class LweParameterError extends LweError {}

/** A plaintext outside the encodable range of the parameter set. */
export class PlaintextRangeError extends LweError {}

/** A key or ciphertext file is malformed, truncated, of the wrong kind or version. */
export class LweFormatError extends LweError {}

/** Objects from two different parameter sets were combined. */
export class ParameterMismatchError extends LweError {}

/** A ciphertext was decrypted or combined with a key it was not made for. */
export class WrongKeyError extends LweError {}

/** The predicted decryption-failure probability is above the accepted bound. */
export class NoiseBudgetError extends LweError {}

/** A ciphertext of unverified origin (read from a file) carries more noise than a fresh encryption: see `decrypt`. */
export class UnverifiedNoiseError extends NoiseBudgetError {}

/** Something tried to serialise or expose a secret key where only public material may go. */
export class SecretKeyExposureError extends LweError {}
