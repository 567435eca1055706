/**
 * Public API of the AIR layer (issue "STARK prover and verifier", item 3): the Winterfell-shaped `Air`
 * interface, trace building, declaration and trace validation with typed errors, public-input encoding and the
 * example AIRs. Design: docs/air.md.
 */
export type { Air, Assertion, AuxSegment, EvaluationFrame, Trace } from "./air.js";
export * from "./errors.js";
export * from "./trace.js";
export * from "./validate.js";
export * from "./public-inputs.js";
export * from "./examples/index.js";
