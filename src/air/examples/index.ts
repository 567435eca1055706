/**
 * Example AIRs with their trace generators (issue "STARK prover and verifier", item 3): Fibonacci over any prime
 * field, MiMC as in genSTARK (its 128-bit field, and Goldilocks for speed comparisons), and Winterfell's Rescue
 * hash chain over f128 with an independent reference permutation, and an RPO-256 sponge (src/hash/rpo/) over
 * Goldilocks. Design: docs/air.md.
 */
export * from "./fibonacci.js";
export * from "./mimc.js";
export * from "./permutation.js";
export * from "./rescue-hash.js";
export * from "./rescue.js";
export * from "./rpo-sponge-air.js";
export * from "./wide.js";
