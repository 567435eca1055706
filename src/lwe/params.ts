/**
 * LWE parameter sets: the description of one instance of the thesis scheme (thesis §4.2–4.3,
 * Lindner–Peikert public-key LWE) and its validation.
 *
 *   secret        s ∈ Z^n                 (distribution `secret`)
 *   public key    A ∈ Z_q^{m×n} from a seed, t = A·s + e ∈ Z_q^m   (e ∼ `keyError`)
 *   encryption    v = Aᵀ·e1 + e3,  u = tᵀ·e1 + e2 + Δ·m             (e1 ∼ `encRandomness`; e2, e3 ∼ `encError`)
 *   decryption    d = u − sᵀ·v = Δ·m + (eᵀe1 + e2 − sᵀe3),  m = round(d / Δ) mod t
 *
 * A ciphertext is n + 1 elements of Z_q: the mask v followed by the body u.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { MODULI, type ModulusId, type PrimeModulus, getModulus } from "../math/moduli.js";
import { LweParameterError } from "./errors.js";
import type { SmallDistribution } from "./sampling.js";

export type PlaintextEncoding = "unsigned" | "signed";

export interface LweParams {
  /** Unique name, stored in every key and ciphertext file. */
  readonly id: string;
  /** One line for tables. */
  readonly title: string;
  /** Ciphertext modulus q: a STARK field prime. */
  readonly modulus: ModulusId;
  /** Secret dimension = number of mask elements in a ciphertext. */
  readonly n: number;
  /** Number of public-key samples (rows of A). */
  readonly m: number;
  readonly secret: SmallDistribution;
  readonly keyError: SmallDistribution;
  readonly encRandomness: SmallDistribution;
  readonly encError: SmallDistribution;
  /** Plaintext modulus t: messages live in Z_t. */
  readonly plaintextModulus: number;
  /** Scaling factor Δ (usually ⌊q/t⌋; the thesis code uses 16). */
  readonly delta: bigint;
  /** unsigned: messages in [0, t); signed: messages in [−⌊t/2⌋, ⌈t/2⌉ − 1], decoded centred. */
  readonly encoding: PlaintextEncoding;
}

const MAX_N = 1 << 16;
const MAX_STDDEV = 2 ** 72;
const MAX_T = 2 ** 48;

function fail(what: string, value: unknown, expected: string): never {
  throw new LweParameterError(`${what} = ${String(value)}: expected ${expected}`);
}

function checkDistribution(what: string, d: SmallDistribution | undefined, mustBeCentred: boolean): number {
  if (d === null || typeof d !== "object") fail(what, JSON.stringify(d), "a distribution object");
  switch (d.kind) {
    case "gaussian":
      if (typeof d.stddev !== "number" || !Number.isFinite(d.stddev) || d.stddev < 0)
        fail(`${what}.stddev (σ)`, d.stddev, "a finite number ≥ 0");
      if (d.stddev > MAX_STDDEV) fail(`${what}.stddev (σ)`, d.stddev, `at most 2^72`);
      return Math.ceil(40 * d.stddev);
    case "cbd":
      if (!Number.isInteger(d.eta) || d.eta < 1 || d.eta > 64) fail(`${what}.eta (η)`, d.eta, "an integer in [1, 64]");
      return d.eta;
    case "uniform":
      if (!Number.isSafeInteger(d.a) || !Number.isSafeInteger(d.b) || d.a > d.b)
        fail(`${what} uniform range [a, b]`, `[${d.a}, ${d.b}]`, "integers with a ≤ b");
      if (Math.max(Math.abs(d.a), Math.abs(d.b)) > 2 ** 20) fail(`${what} uniform range`, `[${d.a}, ${d.b}]`, "|a|, |b| ≤ 2^20");
      if (mustBeCentred && d.a !== -d.b) fail(`${what} uniform range`, `[${d.a}, ${d.b}]`, "a zero-mean range [−b, b] for an error");
      return Math.max(Math.abs(d.a), Math.abs(d.b));
    default:
      fail(`${what}.kind`, JSON.stringify((d as { kind: unknown }).kind), `"gaussian", "cbd" or "uniform"`);
  }
}

/** Validates a parameter set; returns it frozen. Throws LweParameterError naming the bad value. */
export function validateParams(p: LweParams): LweParams {
  if (typeof p !== "object" || p === null) fail("parameter set", p, "an object");
  if (typeof p.id !== "string" || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(p.id))
    fail("id", JSON.stringify(p.id), "1–64 characters of a-z, 0-9, '.', '_' or '-'");
  if (!(p.modulus in MODULI)) fail("modulus", JSON.stringify(p.modulus), `one of ${Object.keys(MODULI).join(", ")}`);
  const mod = getModulus(p.modulus);
  if (!Number.isInteger(p.n) || p.n < 1 || p.n > MAX_N) fail("n (secret dimension)", p.n, `an integer in [1, ${MAX_N}]`);
  if (!Number.isInteger(p.m) || p.m < 1 || p.m > MAX_N) fail("m (public-key samples)", p.m, `an integer in [1, ${MAX_N}]`);
  const sMax = checkDistribution("secret", p.secret, false);
  checkDistribution("keyError", p.keyError, true);
  const e1Max = checkDistribution("encRandomness", p.encRandomness, false);
  checkDistribution("encError", p.encError, true);
  if (p.secret.kind === "gaussian" && p.secret.stddev > 1024) fail("secret.stddev (σ)", p.secret.stddev, "at most 1024 for a secret");
  if (p.encRandomness.kind === "gaussian" && p.encRandomness.stddev > 1024)
    fail("encRandomness.stddev (σ)", p.encRandomness.stddev, "at most 1024");
  // The kernels sum |coefficient| · (2^32 − 1) in float64: keep m·max|e1| well inside 2^21 per batch.
  if (p.m * e1Max >= 2 ** 21) fail("m · max|e1|", p.m * e1Max, "< 2^21 (use a smaller m or a narrower e1)");
  void sMax;
  const t = p.plaintextModulus;
  if (!Number.isSafeInteger(t) || t < 2 || t > MAX_T) fail("plaintextModulus (t)", t, "an integer in [2, 2^48]");
  if (typeof p.delta !== "bigint") fail("delta (Δ)", p.delta, "a bigint");
  if (p.delta < 1n) fail("delta (Δ)", p.delta, "≥ 1");
  if (p.delta * BigInt(t) > mod.q)
    fail("delta · t", p.delta * BigInt(t), `≤ q = ${mod.q} (messages of Z_t must not wrap mod q)`);
  if (p.encoding !== "unsigned" && p.encoding !== "signed") fail("encoding", JSON.stringify(p.encoding), `"unsigned" or "signed"`);
  return Object.freeze({ ...p });
}

/** The modulus object of a parameter set. */
export function modulusOf(p: LweParams): PrimeModulus {
  return getModulus(p.modulus);
}

/** Δ = ⌊q / t⌋, the largest scaling that keeps Z_t inside Z_q. */
export function defaultDelta(modulus: ModulusId, t: number): bigint {
  return getModulus(modulus).q / BigInt(t);
}

/** Canonical text of a parameter set (sorted keys, bigints as decimal strings). */
export function canonicalParams(p: LweParams): string {
  const norm = (v: unknown): unknown => {
    if (typeof v === "bigint") return v.toString();
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(norm(p));
}

/** SHA-256 of the canonical parameter text: two sets with the same id but other values differ here. */
export function paramsFingerprint(p: LweParams): Uint8Array {
  return sha256(new TextEncoder().encode(canonicalParams(p)));
}

export function paramsFingerprintHex(p: LweParams): string {
  return bytesToHex(paramsFingerprint(p));
}

/** Parses the canonical text back into a validated parameter set. */
export function parseParams(text: string): LweParams {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new LweParameterError(`parameter text is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw.delta !== "string" || !/^[0-9]+$/.test(raw.delta)) fail("delta (Δ)", JSON.stringify(raw.delta), "a decimal integer string");
  return validateParams({ ...(raw as unknown as LweParams), delta: BigInt(raw.delta) });
}

/** Bytes of one ciphertext: (n + 1) elements of ⌈log2 q / 8⌉ bytes. */
export function ciphertextBytes(p: LweParams): number {
  return (p.n + 1) * modulusOf(p).limbs * 4;
}

/** Bytes of a public key: the 32-byte seed of A plus t (m elements). */
export function publicKeyBytes(p: LweParams): number {
  return 32 + p.m * modulusOf(p).limbs * 4;
}

/** Smallest and largest encodable message. */
export function plaintextRange(p: LweParams): { min: bigint; max: bigint } {
  const t = BigInt(p.plaintextModulus);
  return p.encoding === "unsigned" ? { min: 0n, max: t - 1n } : { min: -(t / 2n), max: (t - 1n) / 2n };
}
