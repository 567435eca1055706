/**
 * Public API of the STARK prover and verifier.
 */
export * from "./errors.js";
export * from "./options.js";
export * from "./security.js";
export * from "./policy.js";
export { challengeField, type Challenge, type ChallengeField } from "./fields.js";
export { asGoldilocksTrace, prove, type GoldilocksTrace, type ProveResult, type ProveOptions } from "./prover.js";
export { verify, type VerifyResult, type VerifyOptions } from "./verifier.js";
export { serializeProof, deserializeProof, PROOF_VERSION, type StarkProof } from "./proof.js";
export { friLayerCount, foldLeaf } from "./fri.js";
