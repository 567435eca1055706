/**
 * The hash interface the STARK's commitments and Fiat–Shamir transcript use (issue "STARK prover", item 2).
 * Implementations: BLAKE3-256, SHA-256 and Keccak-256 (src/hash/blake3.ts, sha256.ts, keccak256.ts). All digests
 * are 32 bytes.
 */
export type HashName = "blake3-256" | "sha256" | "keccak256";

export interface Hasher {
  readonly name: HashName;
  readonly digestBytes: 32;
  /** Collision resistance in bits (digest bits / 2): caps the STARK's security. */
  readonly collisionBits: number;
  /** H(data). */
  hash(data: Uint8Array): Uint8Array;
  /** H(left ‖ right) for two 32-byte digests (a Merkle node). */
  merge(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** Digests of `count` consecutive leaves of `leafBytes` bytes each in `data`: count × 32 bytes. */
  hashLeaves(data: Uint8Array, leafBytes: number, count: number): Uint8Array;
  /** One Merkle layer: 2k digests (2k × 32 bytes) → k parents (k × 32 bytes), parent i = merge(2i, 2i + 1). */
  mergeLayer(nodes: Uint8Array): Uint8Array;
}
