/**
 * Rescue-Prime Optimized (eprint 2022/1577) over Goldilocks: the permutation, the sponge with its three published
 * parameter sets (the specification's and miden-crypto's two), 2-to-1 merge and the round-constant derivation.
 * Design and security claim: docs/model-commitment.md.
 */
export { RPO_ALPHA, RPO_ARK1, RPO_ARK2, RPO_INV_ALPHA, RPO_MDS_ROW, RPO_P, RPO_ROUNDS } from "./constants.js";
export { deriveRoundConstants, type RpoInstance } from "./derive.js";
export { RPO_256_PERMUTATION, type RescueXlixParams, permute, rescueXlixPermute } from "./permutation.js";
export {
  MIDEN_RPO_256,
  MIDEN_RPO_256_V0_11,
  RPO_256,
  RPO_SPONGES,
  type RpoDigest,
  type RpoPadding,
  type RpoSpongeSpec,
  hashElements,
  hashElementsWith,
  merge,
  mergeWith,
  rpoDigestFromHex,
  rpoDigestHex,
  spongePadding,
} from "./sponge.js";
