/**
 * Typed errors of the hash layer (hashers, Merkle trees, Fiat–Shamir transcript; issue "STARK prover and
 * verifier", item 2). They signal programmer errors — a wrong buffer length, an index outside the tree, an
 * unknown hash name. Verifier-side checks on untrusted proof data (`verifyBatch`, `checkGrinding`) never
 * throw for malformed input: they return false.
 */

/** Base class: catch this to handle any hash-layer input problem. */
export class HashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `getHasher` was asked for a hash it does not know. */
export class UnknownHashError extends HashError {
  constructor(
    readonly hashName: string,
    readonly known: readonly string[],
  ) {
    super(`unknown hash "${hashName}": expected one of ${known.map((k) => `"${k}"`).join(", ")}`);
  }
}

/** A buffer has the wrong length (a digest that is not 32 bytes, leaves that do not tile the data, ...). */
export class HashLengthError extends HashError {}

/** Merkle tree misuse on the prover side: leaf count not a power of two, index out of range or repeated. */
export class MerkleError extends HashError {}

/** Transcript misuse: a draw or grinding parameter out of range. */
export class TranscriptError extends HashError {}

/** The WebAssembly BLAKE3 kernels were required but cannot run here. */
export class WasmUnavailableError extends HashError {}

/**
 * An algebraic hash (RPO-256, src/hash/rpo/) was given something that is not what it hashes: a state or digest of
 * the wrong length, or an element that is not a canonical field element (an integer in [0, p)). Silently reducing
 * x ≥ p would make x and x − p hash alike, so nothing is reduced.
 */
export class HashInputError extends HashError {
  constructor(
    /** The function and argument at fault, e.g. "RPO-256 hashElements: element 3". */
    readonly what: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${what} = ${typeof value === "bigint" ? value.toString() : String(value)}: expected ${expected}`);
  }
}
