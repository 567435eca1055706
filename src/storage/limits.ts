/**
 * The storage layer's size caps (issue "Sound from model to payment", item 4: bounded resources wherever input
 * comes from someone else). A store holds blocks anyone may have written, so every read is bounded before it
 * is buffered: a block by MAX_BLOCK_BYTES, a chunked blob by MAX_BLOB_BYTES or a caller's smaller cap.
 */

/** Largest block written or read: 1 MiB (the usual IPFS/bitswap block limit). A 1 MiB blob is one raw block. */
export const MAX_BLOCK_BYTES = 1 << 20;

/**
 * Largest blob written or read: 256 MiB (256 chunks, a manifest of about 16 KiB). Above every artefact the
 * marketplace stores (a proof file is capped at 192 MiB, a job's input at 128 MiB); a reader may ask for less per call (`maxBytes`).
 */
export const MAX_BLOB_BYTES = 256 << 20;
