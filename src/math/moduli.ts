/**
 * The prime moduli the workbench computes in, as limb descriptions for fast vector kernels.
 *
 * LWE ciphertexts are evaluated inside the STARK field (thesis §4.1–4.3), so a ciphertext modulus q must
 * be one of these field primes:
 *  - `f128`: p = 2^128 − 45·2^40 + 1, the field of Winterfell's `f128` used by the thesis code;
 *  - `goldilocks`: p = 2^64 − 2^32 + 1, the 64-bit field of Plonky2/Miden.
 *
 * An element is stored as L little-endian 32-bit limbs. Reduction uses 2^(32L) ≡ r (mod q) where r has
 * small signed limbs (`reductionLimbs`), which is what makes float64 limb accumulators cheap to normalise.
 */

export type ModulusId = "goldilocks" | "f128";

export interface PrimeModulus {
  readonly id: ModulusId;
  /** The prime itself. */
  readonly q: bigint;
  /** ⌈log2 q⌉ */
  readonly bits: number;
  /** log2 q as a real number (for the security estimator). */
  readonly log2q: number;
  /** Number of 32-bit limbs per element. */
  readonly limbs: number;
  /** q as little-endian 32-bit limbs. */
  readonly qLimbs: Uint32Array;
  /** 2^(32·limbs) mod q as small signed limbs (each |r_k| < 2^16). */
  readonly reductionLimbs: Float64Array;
  /** Where the prime comes from. */
  readonly source: string;
}

export class UnsupportedModulusError extends Error {
  constructor(value: unknown) {
    super(
      `unsupported ciphertext modulus ${String(value)}: expected one of ${Object.keys(MODULI).join(", ")} ` +
        `(q must be a STARK field prime: 2^64 − 2^32 + 1 or 2^128 − 45·2^40 + 1)`,
    );
    this.name = "UnsupportedModulusError";
  }
}

function toLimbs(x: bigint, limbs: number): Uint32Array {
  const out = new Uint32Array(limbs);
  for (let k = 0; k < limbs; k++) out[k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
  return out;
}

function describe(id: ModulusId, q: bigint, reduction: number[], source: string): PrimeModulus {
  const bits = q.toString(2).length;
  const limbs = Math.ceil(bits / 32);
  // Check the reduction vector really is 2^(32L) mod q, so a typo cannot silently corrupt arithmetic.
  let r = 0n;
  for (let k = reduction.length - 1; k >= 0; k--) r = (r << 32n) + BigInt(reduction[k]!);
  if (((r % q) + q) % q !== (1n << BigInt(32 * limbs)) % q) throw new Error(`bad reduction limbs for ${id}`);
  return Object.freeze({
    id,
    q,
    bits,
    log2q: bits - 1 + Math.log2(Number(q >> BigInt(bits - 53)) / 2 ** 52),
    limbs,
    qLimbs: toLimbs(q, limbs),
    reductionLimbs: Float64Array.from(reduction),
    source,
  });
}

/** Goldilocks: 2^64 ≡ 2^32 − 1 (mod q), i.e. limbs [−1, 1]. */
export const GOLDILOCKS: PrimeModulus = describe(
  "goldilocks",
  (1n << 64n) - (1n << 32n) + 1n,
  [-1, 1],
  "Goldilocks prime 2^64 − 2^32 + 1 (Plonky2, Miden VM, Winterfell f64)",
);

/** f128: 2^128 ≡ 45·2^40 − 1 = 11520·2^32 − 1 (mod q), i.e. limbs [−1, 11520, 0, 0]. */
export const F128: PrimeModulus = describe(
  "f128",
  (1n << 128n) - 45n * (1n << 40n) + 1n,
  [-1, 11520, 0, 0],
  "Winterfell f128 prime 2^128 − 45·2^40 + 1 (the thesis code's field)",
);

export const MODULI: Readonly<Record<ModulusId, PrimeModulus>> = Object.freeze({ goldilocks: GOLDILOCKS, f128: F128 });

/** Look a modulus up by id or by value; anything else is an UnsupportedModulusError. */
export function getModulus(idOrValue: string | bigint): PrimeModulus {
  if (typeof idOrValue === "bigint") {
    for (const m of Object.values(MODULI)) if (m.q === idOrValue) return m;
    throw new UnsupportedModulusError(idOrValue);
  }
  const found = (MODULI as Record<string, PrimeModulus>)[idOrValue];
  if (!found) throw new UnsupportedModulusError(JSON.stringify(idOrValue));
  return found;
}
