/**
 * The content-addressed store contract of the marketplace: encrypted data sets, model files, input/output
 * ciphertexts and STARK proofs are stored by IPFS CID (multiformats CID spec, CIDv1) and every read is checked
 * against its CID, so a store — a local directory or a Kubo node — can lose data but never substitute it.
 * Implementations: FsBlockstore (fs-blockstore.ts) and KuboStore (kubo.ts). Also the storage layer's typed errors.
 */

/** How much a reader accepts from one `get`. */
export interface GetOptions {
  /** Largest blob accepted (bytes; default and upper bound MAX_BLOB_BYTES, 256 MiB), checked before fetching chunks. */
  readonly maxBytes?: number;
}

/** A content-addressed blob store. CIDs are CIDv1 strings (base32, "bafk…" for raw blocks). */
export interface ContentStore {
  /** Stores `bytes` (up to MAX_BLOB_BYTES; blobs over 1 MiB are chunked) and returns its CID. Idempotent. */
  put(bytes: Uint8Array): Promise<string>;
  /**
   * The bytes whose CID is `cid`, verified against it. NotFoundError, CorruptBlockError, InvalidCidError,
   * InvalidManifestError, BlobTooLargeError (over `o.maxBytes`).
   */
  get(cid: string, o?: GetOptions): Promise<Uint8Array>;
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

/**
 * A chunked blob's manifest is well hashed but inconsistent or over a cap (bad shape, a size over MAX_BLOB_BYTES,
 * a chunk count that does not match the size, a repeated chunk, a chunk of the wrong length).
 */
export class InvalidManifestError extends StorageError {
  constructor(
    readonly cid: string,
    reason: string,
  ) {
    super(`manifest ${cid} is invalid: ${reason}`);
  }
}

/** A blob larger than the reader's cap (`maxBytes` of a `get`, at most MAX_BLOB_BYTES), refused before its chunks are fetched. */
export class BlobTooLargeError extends StorageError {
  constructor(
    readonly cid: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`blob ${cid} has ${size} bytes, over the cap of ${maxBytes}`);
  }
}
