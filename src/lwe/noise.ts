/**
 * Decryption-noise analysis of the thesis scheme (thesis §4.3; docs/lwe.md, "Noise, and refusing to return wrong answers").
 *
 *   public-key ciphertext:  N = eᵀ·e1 + e2 − sᵀ·e3
 *   secret-key ciphertext:  N = e2
 *
 * The errors e, e2, e3 are zero-mean (validateParams); the secret s and the encryption randomness e1 may not be
 * (the thesis's binary e1, mean μ1 = ½). A linear circuit Σ c_j·ct_j + b over public-key ciphertexts has
 *
 *   N = μ1·(Σe)·(Σ_j c_j)  +  Σ_j c_j·(eᵀ(e1_j − μ1) + e2_j − sᵀe3_j)
 *
 * Two models of it (issue "LWE lab 2", item 3):
 * - **the key's own** (the key owner, who knows ‖e‖², Σe and ‖s‖², stored with the secret key): the first term
 *   is a known shift (a drift), the second has variance Σc_j²·(‖e‖²·Var e1 + E[e2²] + ‖s‖²·E[e3²]);
 * - **the average key** (anyone else — a verifier, a publisher sizing a model): ‖e‖² → m·E[e²], ‖s‖² → n·E[s²],
 *   and the shift becomes a variance (Σc_j)²·μ1²·m·E[e²]. For one fresh ciphertext this is the textbook
 *   m·E[e²]·E[e1²] + E[e2²] + n·E[s²]·E[e3²]; with a non-zero μ1, Σc_j² alone would be wrong (measured 0.89–1.94×).
 * A key's ‖e‖² differs from m·E[e²] by a few per cent (up to 10.5 % across 400 keys): at the refusal boundary
 * the average model understates the failure probability (2^-38.9 instead of 2^-40), the key's own does not.
 *
 * When Δ·t ≠ q every wrap of the message past t adds −(q mod t), at most (Σ|c_j| + plain weight + 1) times.
 * Decryption fails when |N + drift| ≥ Δ/2; by the CLT N is close to Gaussian, so P_fail ≈ erfc((Δ/2 − drift)/(√2·σ_N)).
 */
import { erfcInvLog2, log2TwoSidedTail, lnErfc } from "../math/gaussian-tail.js";
import type { Ciphertext } from "./ciphertext.js";
import { type LweParams, modulusOf } from "./params.js";
import { type SmallDistribution, WIDE_GAUSSIAN_LOW_STDDEV, WIDE_GAUSSIAN_SHIFT, WIDE_GAUSSIAN_THRESHOLD } from "./sampling.js";

export interface Moments {
  readonly mean: number;
  /** E[x²] */
  readonly secondMoment: number;
  readonly variance: number;
}

/** Variance of round(N(0, σ²)): exact sum for small σ, σ² + 1/12 (Sheppard) when the sum is negligible. */
function roundedGaussianVariance(sigma: number): number {
  if (sigma === 0) return 0;
  if (sigma > 8) return sigma * sigma + 1 / 12;
  // P(round = k) = P(k − ½ ≤ X < k + ½); Var = 2 Σ_{k≥1} k² P(k).
  let v = 0;
  const tail = (x: number): number => 0.5 * Math.exp(lnErfc(x / (sigma * Math.SQRT2))); // P(X ≥ x)
  for (let k = 1; k < 64 + 40 * sigma; k++) {
    const p = tail(k - 0.5) - tail(k + 0.5);
    v += 2 * k * k * p;
    if (p === 0 && k > 10 * sigma) break;
  }
  return v;
}

export function moments(d: SmallDistribution): Moments {
  switch (d.kind) {
    case "gaussian": {
      const v =
        d.stddev > WIDE_GAUSSIAN_THRESHOLD
          ? WIDE_GAUSSIAN_SHIFT ** 2 *
              roundedGaussianVariance(Math.sqrt(d.stddev ** 2 - WIDE_GAUSSIAN_LOW_STDDEV ** 2) / WIDE_GAUSSIAN_SHIFT) +
            roundedGaussianVariance(WIDE_GAUSSIAN_LOW_STDDEV)
          : roundedGaussianVariance(d.stddev);
      return { mean: 0, secondMoment: v, variance: v };
    }
    case "cbd":
      return { mean: 0, secondMoment: d.eta / 2, variance: d.eta / 2 };
    case "uniform": {
      const r = d.b - d.a + 1;
      const mean = (d.a + d.b) / 2;
      const variance = (r * r - 1) / 12;
      return { mean, secondMoment: variance + mean * mean, variance };
    }
  }
}

/**
 * What the key owner knows of its own key's noise: ‖e‖², Σe (the key error) and ‖s‖². Computed at keygen and
 * stored in the secret key file (never sent anywhere else).
 */
/** What the noise of fresh ciphertexts depends on: the dimensions and the four distributions. */
export type NoiseShape = Pick<LweParams, "n" | "m" | "secret" | "keyError" | "encRandomness" | "encError">;

export interface KeyNoiseStats {
  readonly eNormSq: number;
  readonly eSum: number;
  readonly sNormSq: number;
}

/** ‖e‖² and ‖s‖² of the average key: m·E[e²] and n·E[s²]; Σe is 0 on average. */
export function averageKeyNoiseStats(p: NoiseShape): KeyNoiseStats {
  return { eNormSq: p.m * moments(p.keyError).secondMoment, eSum: 0, sNormSq: p.n * moments(p.secret).secondMoment };
}

/** Variance of one public-key ciphertext's noise about its mean μ1·Σe: ‖e‖²·Var e1 + E[e2²] + ‖s‖²·E[e3²]. */
function centredPublicVariance(p: NoiseShape, key: KeyNoiseStats): number {
  const e2 = moments(p.encError).secondMoment;
  return key.eNormSq * moments(p.encRandomness).variance + e2 + key.sNormSq * e2;
}

/** μ1²·m·E[e²]: the variance the average key's shift μ1·Σe contributes per unit of (Σ c_j)². */
function averageShiftVariance(p: NoiseShape): number {
  return moments(p.encRandomness).mean ** 2 * p.m * moments(p.keyError).secondMoment;
}

/**
 * Variance of the noise of one fresh ciphertext: with `key`, over the encryption randomness for that key (its
 * shift μ1·Σe is then a drift, see predictCircuitNoise); without, over keys and randomness.
 */
export function freshNoiseVariance(p: NoiseShape, kind: "public" | "secret" | "trivial", key?: KeyNoiseStats): number {
  if (kind === "trivial") return 0;
  if (kind === "secret") return moments(p.encError).secondMoment;
  return key ? centredPublicVariance(p, key) : centredPublicVariance(p, averageKeyNoiseStats(p)) + averageShiftVariance(p);
}

/** |μ1·Σe|: the known shift of a public-key ciphertext's noise under this key (0 for a zero-mean e1). */
export function keyShift(p: NoiseShape, key: KeyNoiseStats): number {
  return Math.abs(moments(p.encRandomness).mean * key.eSum);
}

/** q mod t: the drift each wrap of the message past t adds (0 when Δ·t is not ⌊q/t⌋·t, see below). */
export function wrapDrift(p: LweParams): number {
  const q = modulusOf(p).q;
  const t = BigInt(p.plaintextModulus);
  // Only when Δ = ⌊q/t⌋ does a wrap of Δ·m past Δ·t fold back through q; with a smaller Δ (thesis: 16)
  // the message simply grows, and predictCircuitNoise refuses a circuit whose Δ·M could reach q/2.
  return deltaWrapsModT(p) ? Number(q % t) : 0;
}

export interface NoisePrediction {
  /** Standard deviation of N. */
  readonly sigma: number;
  /** Worst-case drift from wraps. */
  readonly drift: number;
  /** Decryption succeeds when |N + drift| < Δ/2. */
  readonly halfDelta: number;
  /** log2 of the predicted failure probability. */
  readonly log2FailureProbability: number;
}

/** A linear circuit's size: Σ c_j² over fresh public- and secret-key ciphertexts, Σ|c_j|, and the plain weight. */
export interface CircuitNorms {
  readonly public: number;
  readonly secret: number;
  readonly l1: number;
  readonly plainWeight: number;
  /** |Σ c_j| over the public-key ciphertexts (signed sum); when absent, its bound l1 is used. */
  readonly publicSum?: number;
}

/**
 * Predicted noise of a linear circuit of these norms (see the header): under the key's own statistics when the
 * key owner passes them, else under the average key.
 */
export function predictCircuitNoise(p: LweParams, norms: CircuitNorms, key?: KeyNoiseStats): NoisePrediction {
  const publicSum = Math.abs(norms.publicSum ?? norms.l1);
  const publicVariance = key
    ? norms.public * centredPublicVariance(p, key)
    : norms.public * centredPublicVariance(p, averageKeyNoiseStats(p)) + publicSum * publicSum * averageShiftVariance(p);
  const variance = publicVariance + norms.secret * freshNoiseVariance(p, "secret");
  const sigma = Math.sqrt(variance);
  const drift = wrapDrift(p) * (norms.l1 + norms.plainWeight + 1) + (key ? keyShift(p, key) * publicSum : 0);
  const halfDelta = Number(p.delta) / 2;
  // With Δ·t far below q (the thesis's Δ = 16), the message is not reduced mod t by wrapping: it must stay where
  // Δ·M cannot wrap around q, or each wrap shifts the phase by −(q mod Δ) and the decoded value is wrong. |M| is at
  // most t per unit of Σ|c_j| and of plain weight (inputs and added constants are below t in magnitude).
  if (!deltaWrapsModT(p)) {
    const messageBound = BigInt(p.plaintextModulus) * BigInt(Math.ceil(norms.l1 + norms.plainWeight + 1));
    if (p.delta * messageBound + BigInt(Math.ceil(halfDelta)) >= modulusOf(p).q / 2n) return { sigma, drift, halfDelta, log2FailureProbability: 0 };
  }
  return { sigma, drift, halfDelta, log2FailureProbability: log2TwoSidedTail(halfDelta - drift, sigma) };
}

/** Whether Δ = ⌊q/t⌋: a message past t wraps around q and comes back reduced mod t (with drift q mod t). */
function deltaWrapsModT(p: LweParams): boolean {
  return p.delta === modulusOf(p).q / BigInt(p.plaintextModulus);
}

/**
 * Predicted noise of a ciphertext from its provenance (trust it only when this process computed it: `origin`),
 * under the key's own statistics when given.
 */
export function predictNoise(ct: Ciphertext, key?: KeyNoiseStats): NoisePrediction {
  return predictCircuitNoise(ct.params, { ...ct.coefficientNorms(), plainWeight: ct.plainWeight }, key);
}

/**
 * The largest rounding residual a FRESH ciphertext shows, except with probability 2^log2Target: z·σ_fresh plus
 * its wrap drift, σ_fresh of a public-key encryption (the larger of the two kinds). When decryption is correct
 * the residual d − Δ·m is the noise, so a ciphertext of unverified origin is accepted only if its noise is that
 * of a fresh encryption (encrypt.ts `decrypt`): anything noisier — a computed result, a result whose noise
 * wrapped, random data (accepted with probability 2·bound/Δ, 2^-11.5 at goldilocks-128) — is refused.
 */
export function freshResidualBound(p: LweParams, log2Target = -40, key?: KeyNoiseStats): number {
  const z = erfcInvLog2(log2Target) * Math.SQRT2;
  return z * Math.sqrt(freshNoiseVariance(p, "public", key)) + 2 * wrapDrift(p) + (key ? keyShift(p, key) : 0);
}

/** log2 P_fail for a circuit with Σc² = l2sq and Σ|c| = l1 over fresh public-key ciphertexts. */
export function circuitFailureLog2(p: LweParams, l2sq: number, l1 = l2sq, kind: "public" | "secret" = "public"): number {
  const sigma = Math.sqrt(averageCircuitVariance(p, kind, l2sq, l1));
  return log2TwoSidedTail(Number(p.delta) / 2 - wrapDrift(p) * (l1 + 1), sigma);
}

/** The average key's variance of a circuit with Σc² = l2sq and |Σc| ≤ l1 (the shift term at its worst, Σc = l1). */
function averageCircuitVariance(p: LweParams, kind: "public" | "secret", l2sq: number, l1: number): number {
  if (kind === "secret") return l2sq * freshNoiseVariance(p, "secret");
  return l2sq * centredPublicVariance(p, averageKeyNoiseStats(p)) + l1 * l1 * averageShiftVariance(p);
}

/**
 * Largest ‖c‖₂ of a linear circuit over fresh public-key ciphertexts that decrypts with failure probability
 * ≤ 2^log2Target. For integer coefficients Σ|c_j| ≤ Σ c_j², which bounds the drift.
 */
export function maxCircuitNorm(p: LweParams, log2Target = -40, kind: "public" | "secret" = "public"): number {
  const halfDelta = Number(p.delta) / 2;
  const z = erfcInvLog2(log2Target) * Math.SQRT2; // bound / σ needed
  if (freshNoiseVariance(p, kind) === 0) return Infinity;
  // ‖c‖₂ = x: Σ|c| ≤ x² for integer coefficients, which bounds the drift and (non-zero-mean e1) |Σc|
  const ok = (x: number): boolean => halfDelta - wrapDrift(p) * (x * x + 1) >= z * Math.sqrt(averageCircuitVariance(p, kind, x * x, x * x));
  if (!ok(1)) return 0;
  let lo = 1;
  let hi = 2;
  while (ok(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 2 ** 60) return hi;
  }
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
