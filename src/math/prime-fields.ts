/**
 * Named prime fields of the STARK layer as frozen, validated `PrimeField` presets (bigint elements):
 *  - Goldilocks p = 2^64 − 2^32 + 1 (Plonky2, Miden VM, Winterfell `f64`);
 *  - f128 p = 2^128 − 45·2^40 + 1 (Winterfell `f128`, the thesis code's field);
 *  - genSTARK's p = 2^128 − 9·2^32 + 1 (the MiMC example of GuildOfWeavers/genSTARK).
 * The factorisations of p − 1 are listed so the generators are checked completely (SageMath `factor(p-1)`
 * gives the same; the constructor re-verifies primality and the product).
 */
import { primeField, type PrimeField } from "./field.js";
import { glPow } from "./goldilocks.js";

/**
 * Goldilocks: generator 7 (Winterfell f64 `GENERATOR`), two-adicity 32, and the 2^32-th root of unity
 * 7277203076849721926 of Winterfell f64 `TWO_ADIC_ROOT_OF_UNITY` / Plonky2 `POWER_OF_TWO_GENERATOR`
 * (chosen there so that the root of order 64 is 8; it is an odd power of 7^((p−1)/2^32), not that power itself).
 */
const GOLDILOCKS_GENERIC: PrimeField = primeField((1n << 64n) - (1n << 32n) + 1n, {
  name: "Goldilocks",
  factors: [2n, 3n, 5n, 17n, 257n, 65537n],
  generator: 7n,
  twoAdicRoot: 7277203076849721926n,
});
/** Goldilocks, with exponentiation on 32-bit limbs (glPow; the Rescue inverse S-box's 64-bit exponent). */
export const GOLDILOCKS_FIELD: PrimeField = Object.freeze({
  ...GOLDILOCKS_GENERIC,
  pow: (a: bigint, e: bigint): bigint => (e < 0n ? glPow(GOLDILOCKS_GENERIC.inv(a), -e) : glPow(a, e)),
});

/**
 * f128: generator 3 and the 2^40-th root 3^((p−1)/2^40) = 23953097886125630542083529559205016746
 * (Winterfell math/src/field/f128/mod.rs, `GENERATOR`, `TWO_ADIC_ROOT_OF_UNITY`).
 */
export const F128_FIELD: PrimeField = primeField((1n << 128n) - 45n * (1n << 40n) + 1n, {
  name: "f128",
  factors: [2n, 29n, 181n, 286619n, 11394379n, 18053749339n],
  generator: 3n,
  twoAdicRoot: 23953097886125630542083529559205016746n,
});

/** genSTARK's MiMC field: smallest generator 3, two-adicity 32, root 3^((p−1)/2^32). */
export const GENSTARK_FIELD: PrimeField = primeField((1n << 128n) - 9n * (1n << 32n) + 1n, {
  name: "genSTARK-128",
  factors: [2n, 11n, 167n, 239n, 853n, 641110271n, 329982387703n],
  generator: 3n,
});
