/**
 * Public API of the crypto layer: ECIES over secp256k1 (HKDF-SHA256, AES-256-GCM) to release a data set's
 * key to a buyer's Ethereum account, with typed errors.
 */
export * from "./errors.js";
export { ECIES_OVERHEAD, type KeyInput, decryptWith, encryptTo } from "./ecies.js";
