/**
 * Public API of the LWE module: the thesis's encryption scheme (§4.2–4.3) with presets, keys, encryption,
 * homomorphic operations, binary files, noise analysis and the security estimator.
 */
export * from "./errors.js";
export * from "./params.js";
export * from "./presets.js";
export * from "./random.js";
export type { SmallDistribution } from "./sampling.js";
export { PublicKey, SecretKey, keygen, ownKeyNoiseStats, keyErrorLowerBound, keyErrorUpperBound, type KeyPair } from "./keys.js";
export { Ciphertext, type FreshKind } from "./ciphertext.js";
export { encrypt, encryptMany, encryptWithSecretKey, encryptManyWithSecretKey, type EncryptProgress, decrypt, noiseRuleOf, phase, measureNoise, type DecryptOptions, type NoiseRule } from "./encrypt.js";
export { add, sub, addPlain, mulScalar, linearCombination } from "./homomorphic.js";
export * from "./serialize.js";
export * from "./noise.js";
export { parseCustomParams, MAX_PARAMS_FILE_BYTES } from "./custom-params.js";
export { type SchemeShape, type ParamsSecurity, type InstanceSecurity, schemeShape, schemeSecurity, paramsSecurity, lweInstances } from "./security.js";
export { type SolveFor, type SolveQuestion, type SolveAnswer, solveScheme } from "./solve.js";
