/**
 * Typed errors of the crypto layer (ECIES key release to a buyer). They carry a readable message and never
 * include key material.
 */

/** Base class: catch this to handle any ECIES failure. */
export class EciesError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A public or private key that is not a valid secp256k1 key in an accepted encoding. */
export class InvalidKeyError extends EciesError {}

/** Decryption failed: wrong private key, a tampered or truncated ciphertext. */
export class DecryptionError extends EciesError {}
