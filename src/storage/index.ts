/**
 * Public API of the storage layer: content-addressed storage of marketplace artefacts (encrypted data sets,
 * models, ciphertexts, STARK proofs) under real IPFS CIDs, on local disk (FsBlockstore) or a Kubo node
 * (KuboStore), every read verified against its CID. `openStore` picks one from configuration.
 */
import { FsBlockstore } from "./fs-blockstore.js";
import { KuboStore } from "./kubo.js";
import { type ContentStore, StorageError } from "./store.js";

export * from "./store.js";
export { type BlockCodec, JSON_CODEC, RAW_CODEC, SHA2_256, cidOf, parseCid, verifyBlock } from "./cid.js";
export { MAX_BLOB_BYTES, MAX_BLOCK_BYTES } from "./limits.js";
export { type Manifest, decodeManifest } from "./blob-manifest.js";
export { encodeBlob } from "./blob.js";
export { FsBlockstore } from "./fs-blockstore.js";
export { KuboStore, type KuboStoreOptions } from "./kubo.js";

/** Where to store: a Kubo daemon when `kuboUrl` is set, otherwise an FsBlockstore in `dir`. */
export interface StoreOptions {
  readonly dir?: string;
  readonly kuboUrl?: string;
}

/** A KuboStore when `kuboUrl` is set (it wins over `dir`), else an FsBlockstore at `dir`; StorageError if neither. */
export function openStore(o: StoreOptions): ContentStore {
  if (o.kuboUrl !== undefined && o.kuboUrl !== "") return new KuboStore({ url: o.kuboUrl });
  if (o.dir !== undefined && o.dir !== "") return new FsBlockstore(o.dir);
  throw new StorageError("openStore needs `dir` (a local blockstore folder) or `kuboUrl` (a Kubo RPC URL)");
}
