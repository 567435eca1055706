/**
 * LWE keys (thesis §4.2): the secret key s and the public key (seed of A, t = A·s + e).
 *
 * SecretKey is a nominal type (a class with a private field): TypeScript refuses it wherever a PublicKey
 * is expected, and at run time it cannot be JSON-stringified, inspected or structured-cloned into anything
 * bound for a compute node — only `serializeSecretKey` writes it, on purpose, to the owner's own file.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { inspect } from "node:util";
import type { PrimeModulus } from "../math/moduli.js";
import { SecretKeyExposureError } from "./errors.js";
import { type LweParams, modulusOf, paramsFingerprint } from "./params.js";
import { ByteStream, type RandomSource, systemRandom } from "./random.js";
import { type KeyNoiseStats, averageKeyNoiseStats, moments } from "./noise.js";
import { type ErrorSamples, addError, expandMatrix, sampleError, sampleSmall } from "./sampling.js";
import { WasmRowCombiner, wasmKernelsEnabled } from "./kernels/wasm-batch.js";
import { combineRows, normalize } from "./zq.js";

const KEY_ID_DOMAIN = new TextEncoder().encode("EncryptAI-LWE-key-id");

/** 16-byte identifier of a key pair: SHA-256(domain ‖ params fingerprint ‖ seed ‖ t)[0..16]. */
export function computeKeyId(params: LweParams, seed: Uint8Array, t: Uint32Array): Uint8Array {
  const h = sha256.create();
  h.update(KEY_ID_DOMAIN);
  h.update(paramsFingerprint(params));
  h.update(seed);
  h.update(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
  return h.digest().slice(0, 16);
}

export class PublicKey {
  readonly kind = "lwe-public-key" as const;
  private matrixCache: Uint32Array | undefined;
  constructor(
    readonly params: LweParams,
    /** 32-byte seed from which A is expanded. */
    readonly seed: Uint8Array,
    /** t = A·s + e, m elements in limbs. */
    readonly t: Uint32Array,
    readonly keyId: Uint8Array,
    matrix?: Uint32Array,
  ) {
    this.matrixCache = matrix;
  }
  get modulus(): PrimeModulus {
    return modulusOf(this.params);
  }
  private combiner: WasmRowCombiner | undefined | null = null;
  /**
   * The rows of [A | t] loaded into the WebAssembly kernel (built on first use, per batch size), or
   * undefined when the kernels are off — encryption then takes the JS path over matrix().
   */
  rowCombiner(maxBatch: number): WasmRowCombiner | undefined {
    if (!wasmKernelsEnabled()) return undefined;
    if (this.combiner === null || (this.combiner && this.combiner.maxBatch < maxBatch)) {
      const { n, m } = this.params;
      const L = this.modulus.limbs;
      const a = this.matrix();
      this.combiner = WasmRowCombiner.create(m, (n + 1) * L, maxBatch, (i, row) => {
        for (let k = 0; k < n * L; k++) row[k] = a[i * n * L + k]!;
        for (let k = 0; k < L; k++) row[n * L + k] = this.t[i * L + k]!;
      });
    }
    return this.combiner;
  }
  /** A (m×n, row-major limbs), expanded from the seed on first use and cached. */
  matrix(): Uint32Array {
    this.matrixCache ??= expandMatrix(this.modulus, this.seed, this.params.m, this.params.n);
    return this.matrixCache;
  }
}

export class SecretKey {
  readonly kind = "lwe-secret-key" as const;
  readonly #s: Float64Array;
  readonly #errorStats: { eNormSq: number; eSum: number } | undefined;
  constructor(
    readonly params: LweParams,
    s: Float64Array,
    /** Key id of the matching public key (ciphertexts carry it; decryption checks it). */
    readonly keyId: Uint8Array,
    /** ‖e‖² and Σe of the key error (keygen knows them; a key file from before they were stored does not). */
    errorStats?: { eNormSq: number; eSum: number },
  ) {
    this.#s = s;
    this.#errorStats = errorStats;
  }
  /** @internal The coefficients of s. Used by decryption and by the owner's own key file only. */
  static _coefficients(sk: SecretKey): Float64Array {
    return sk.#s;
  }
  /** @internal ‖e‖² and Σe as keygen measured them, if this key has them (the owner's key file stores them). */
  static _errorStats(sk: SecretKey): { eNormSq: number; eSum: number } | undefined {
    return sk.#errorStats;
  }
  /**
   * The key's own noise statistics for its owner's decryption bound (noise.ts). A key without a record of its
   * error (a file written before they were stored) gets an upper bound instead: ‖e‖² at its 2^-40 upper tail
   * (Laurent–Massart for a Gaussian error, Hoeffding for a bounded one) and |Σe| at its 2^-40 tail; ‖s‖² is exact.
   */
  static _noiseStats(sk: SecretKey): KeyNoiseStats {
    const s = sk.#s;
    let sNormSq = 0;
    for (let i = 0; i < s.length; i++) sNormSq += s[i]! * s[i]!;
    if (sk.#errorStats) return { ...sk.#errorStats, sNormSq };
    return { ...keyErrorUpperBound(sk.params), sNormSq };
  }
  toJSON(): never {
    throw new SecretKeyExposureError(
      "refusing to JSON-serialise an LWE secret key: use serializeSecretKey() to write it to the owner's own file",
    );
  }
  [inspect.custom](): string {
    return `SecretKey <${this.params.id}, redacted>`;
  }
  toString(): string {
    return `SecretKey <${this.params.id}, redacted>`;
  }
}

/** x with P(X ≥ x) ≤ 2^-40: 40·ln 2. */
const TAIL_X = 40 * Math.LN2;

/** Upper bounds on ‖e‖² and |Σe| that a random key exceeds with probability ≤ 2^-40 each. */
export function keyErrorUpperBound(p: LweParams): { eNormSq: number; eSum: number } {
  const avg = averageKeyNoiseStats(p).eNormSq;
  const m = p.m;
  const d = p.keyError;
  // Laurent–Massart (2000): χ²_m ≤ m + 2√(m x) + 2x except with probability e^-x; for |e| ≤ B, Hoeffding on e².
  const eNormSq =
    d.kind === "gaussian"
      ? avg * (1 + 2 * Math.sqrt(TAIL_X / m) + (2 * TAIL_X) / m)
      : avg + (d.kind === "cbd" ? d.eta : Math.max(Math.abs(d.a), Math.abs(d.b))) ** 2 * Math.sqrt((m * TAIL_X) / 2);
  // Σe is a sum of m zero-mean terms of variance E[e²] (sub-Gaussian): |Σe| ≤ √(2·m·E[e²]·x) with x for two tails.
  const eSum = Math.sqrt(2 * m * moments(d).secondMoment * (TAIL_X + Math.LN2));
  return { eNormSq, eSum };
}

/**
 * A lower bound on ‖e‖² that a random key falls below with probability ≤ 2^-40: for a Gaussian error the Chernoff
 * bound P(χ²_m ≤ r·m) ≤ (r·e^(1−r))^(m/2), solved for r; for a bounded one Hoeffding (possibly ≤ 0: no bound).
 */
export function keyErrorLowerBound(p: LweParams): number {
  const avg = averageKeyNoiseStats(p).eNormSq;
  const d = p.keyError;
  if (d.kind !== "gaussian") {
    const b = d.kind === "cbd" ? d.eta : Math.max(Math.abs(d.a), Math.abs(d.b));
    return avg - b * b * Math.sqrt((p.m * TAIL_X) / 2);
  }
  const f = (r: number): number => (p.m / 2) * (Math.log(r) + 1 - r) + TAIL_X; // < 0 ⇔ tail below 2^-40
  let lo = 1e-12;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return avg * lo;
}

/** ‖e‖² and Σe of key error samples (e_i = lo_i + hi_i·2^32). */
export function errorStats(e: ErrorSamples): { eNormSq: number; eSum: number } {
  let eNormSq = 0;
  let eSum = 0;
  for (let i = 0; i < e.lo.length; i++) {
    const x = e.lo[i]! + e.hi[i]! * 2 ** 32; // sampling.ts: the high part counts units of 2^32
    eNormSq += x * x;
    eSum += x;
  }
  return { eNormSq, eSum };
}

/** The key owner's own noise statistics (SecretKey._noiseStats), for its decryption bounds. */
export function ownKeyNoiseStats(sk: SecretKey): KeyNoiseStats {
  return SecretKey._noiseStats(sk);
}

export interface KeyPair {
  readonly secretKey: SecretKey;
  readonly publicKey: PublicKey;
}

/** Public-key side of keygen from a given secret vector, seed and key errors; used by keygen and tests. */
export function derivePublicKey(params: LweParams, s: Float64Array, seed: Uint8Array, e: ErrorSamples): PublicKey {
  const mod = modulusOf(params);
  const L = mod.limbs;
  const a = expandMatrix(mod, seed, params.m, params.n);
  const t = new Uint32Array(params.m * L);
  const dot = new Uint32Array(L);
  const acc = new Float64Array(L);
  for (let i = 0; i < params.m; i++) {
    // t_i = Σ_j A_ij s_j + e_i
    combineRows(mod, a.subarray(i * params.n * L, (i + 1) * params.n * L), 1, s, dot);
    for (let k = 0; k < L; k++) acc[k] = dot[k]!;
    addError(acc, 0, e, i);
    normalize(mod, acc, 0, t, i * L, 1);
  }
  return new PublicKey(params, seed, t, computeKeyId(params, seed, t), a);
}

/** Generates a key pair. Randomness: the OS CSPRNG unless a (seeded) source is given. */
export function keygen(params: LweParams, random: RandomSource = systemRandom()): KeyPair {
  const rnd = new ByteStream(random);
  const s = sampleSmall(params.secret, params.n, rnd);
  const seed = new Uint8Array(32);
  for (let i = 0; i < 32; i++) seed[i] = rnd.byte();
  const e = sampleError(params.keyError, params.m, rnd);
  const publicKey = derivePublicKey(params, s, seed, e);
  return { publicKey, secretKey: new SecretKey(params, s, publicKey.keyId, errorStats(e)) };
}
