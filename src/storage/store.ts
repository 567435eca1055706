/**
 * The content-addressed store contract of the marketplace: encrypted data sets, model files, input/output
 * ciphertexts and STARK proofs are stored by IPFS CID (multiformats CID spec, CIDv1) and every read is checked
 * against its CID, so a store — a local directory or a Kubo node — can lose data but never substitute it.
 * Implementations: FsBlockstore (fs-blockstore.ts) and KuboStore (kubo.ts). Also the storage layer's typed errors.
 */

/** A content-addressed blob store. CIDs are CIDv1 strings (base32, "bafk…" for raw blocks). */
export interface ContentStore {
  /** Stores `bytes` (any size; blobs over 1 MiB are chunked) and returns its CID. Idempotent. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes whose CID is `cid`, verified against it. NotFoundError, CorruptBlockError, InvalidCidError. */
  get(cid: string): Promise<Uint8Array>;
  /** Whether the store holds the blob `cid` (for a chunked blob: its manifest and every chunk). */
  has(cid: string): Promise<boolean>;
}

/** Base class: catch this to handle any storage failure (including an unreachable Kubo daemon). */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The store does not hold the block `cid`. */
export class NotFoundError extends StorageError {
  constructor(
    readonly cid: string,
    where: string,
  ) {
    super(`block ${cid} not found in ${where}`);
  }
}

/** The bytes a store returned for `cid` do not hash to `cid` (`actual`: the CID they do hash to, if computed). */
export class CorruptBlockError extends StorageError {
  constructor(
    readonly cid: string,
    readonly actual: string | undefined,
    reason = `its bytes hash to ${actual}`,
  ) {
    super(`block ${cid} is corrupted: ${reason}`);
  }
}

/** A string that is not a CID this layer can verify (malformed, or not CIDv1 raw/json with sha2-256). */
export class InvalidCidError extends StorageError {
  constructor(
    readonly cid: string,
    reason: string,
  ) {
    super(`invalid CID "${cid}": ${reason}`);
  }
}

/** A chunked blob's manifest is well hashed but inconsistent (bad shape, chunk sizes not adding up to `size`). */
export class InvalidManifestError extends StorageError {
  constructor(
    readonly cid: string,
    reason: string,
  ) {
    super(`manifest ${cid} is invalid: ${reason}`);
  }
}
