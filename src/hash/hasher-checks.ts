/**
 * Argument checks shared by the `Hasher` implementations (hasher.ts; BLAKE3-256 and SHA-256): wrong lengths
 * are programmer errors and throw HashLengthError naming the bad value and what was expected.
 */
import { HashLengthError } from "./errors.js";

/** Checks the arguments of `merge`. */
export function _checkMergeArgs(left: Uint8Array, right: Uint8Array): void {
  if (left.length !== 32 || right.length !== 32) {
    throw new HashLengthError(`merge: expected two 32-byte digests, got ${left.length} and ${right.length} bytes`);
  }
}

/** Checks the arguments of `mergeLayer`; returns the number of parents. */
export function _checkLayer(nodes: Uint8Array): number {
  if (nodes.length % 64 !== 0) {
    throw new HashLengthError(`mergeLayer: ${nodes.length} bytes is not a whole number of pairs of 32-byte digests (a multiple of 64)`);
  }
  return nodes.length / 64;
}

/** Checks the arguments of `hashLeaves`. */
export function _checkLeaves(data: Uint8Array, leafBytes: number, count: number): void {
  if (!Number.isSafeInteger(leafBytes) || leafBytes < 0) throw new HashLengthError(`hashLeaves: leafBytes must be an integer ≥ 0, got ${leafBytes}`);
  if (!Number.isSafeInteger(count) || count < 0) throw new HashLengthError(`hashLeaves: count must be an integer ≥ 0, got ${count}`);
  if (data.length !== leafBytes * count) {
    throw new HashLengthError(`hashLeaves: ${count} leaves of ${leafBytes} bytes need ${leafBytes * count} bytes, got ${data.length}`);
  }
}
