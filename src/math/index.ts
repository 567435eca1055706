/**
 * Public API of the math layer: prime moduli for LWE (moduli.ts), the generic Field interface with bigint
 * prime fields and their presets, extension fields, polynomials, NTT and domains over any Field, and the fast
 * Goldilocks kernels on typed arrays (TypeScript and WebAssembly) — the field core of the STARK prover
 * (issue "STARK prover and verifier", item 1) — and WebAssembly kernels for the 128-bit fields f128 and
 * genSTARK's (issue 14, item 3). Design: docs/math.md.
 */
export * from "./moduli.js";
export * from "./errors.js";
export { mod, modPow, bitLength, isProbablePrime, primeFactors, smallestGenerator } from "./number-theory.js";
export { batchInvert, primeField, type Field, type PrimeField, type PrimeFieldOptions } from "./field.js";
export { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";
export * from "./extension.js";
export * from "./poly.js";
export { bitReversePermute, intt, log2Exact, ntt } from "./ntt.js";
export * from "./domain.js";
export {
  GL_P,
  glBatchInverseTs,
  glAddVecTs,
  glEvaluate,
  glFromBigints,
  glGet,
  glInnerProduct,
  glIsCanonical,
  glLength,
  glMul,
  glMulAddVec,
  glMulVecTs,
  glPowers,
  glScaleVecTs,
  glSet,
  glSubVecTs,
  glToBigints,
  glVec,
  type GlVec,
} from "./goldilocks.js";
export { GL_GENERATOR, GL_TWO_ADICITY, GL_TWO_ADIC_ROOT, glBitReverse, glInttTs, glLogSize, glNttTs, glRootOfUnity } from "./goldilocks-ntt.js";
export {
  glAddVecWasm,
  glBatchInverseWasm,
  glInttWasm,
  glMulVecWasm,
  glNttWasm,
  glScaleVecWasm,
  glSubVecWasm,
  glWasmAvailable,
} from "./goldilocks-wasm.js";
export * from "./goldilocks-fast.js";
export { f128FromBigints, f128Get, f128KernelParameter, f128Length, f128Set, f128ToBigints, f128Vec, type F128Vec } from "./f128-vec.js";
export { f128Vectors, type F128Vectors } from "./f128-wasm.js";
