/**
 * Success probabilities of the primal hybrid's close-vector step and the repetition count.
 *
 * Source: malb/lattice-estimator, estimator/prob.py:
 * - babai(r, norm): Babai's nearest plane recovers an error of norm `norm` with probability
 *   Π_i (1 − F(1 − r_i/(4·norm²))), F the CDF of Beta((N − 1)/2, ½), N = len(r) [JMC:Wunderer19];
 * - mitm_babai_probability(r, σ): the "e-admissibility" probability of the meet-in-the-middle search,
 *   Π_i (erf(x_i) − (1 − e^{−x_i²})/(x_i√π)), x_i = √(r_i/2)/σ [WAHC:SonChe19, Lemma 4.2];
 * - amplify(0.99, p): ⌈ln(1 − 0.99)/ln(1 − p)⌉ independent trials.
 *
 * The profiles here are GSA profiles (simulator.ts): r_i = 2^(log2R0 − i·log2Step), so the products
 * are sums of logarithms along an arithmetic progression of log r. Terms that are 1 in double
 * precision are skipped (the estimator multiplies by 1.0 there), and the far tails of both products —
 * where each factor is a closed-form expression up to relative errors below 1e-12 — are summed in
 * closed form instead of term by term (an O(d) loop of incomplete-beta / erf evaluations for every
 * block size would dominate the run time at n = 32768). Rounding that the estimator's double
 * arithmetic performs and that changes results (a Beta-CDF argument 1 − r_i/(4·norm²) that rounds to
 * 1, making a factor exactly 0 and the attack cost ∞) is reproduced.
 */
import { betaCdfParts, erf, lnBeta } from "./special.js";

const LN2 = Math.LN2;
const SQRT_PI = Math.sqrt(Math.PI);
const HALF_LN_PI = 0.5 * Math.log(Math.PI);

/** Σ_{i=0}^{count−1} g^i for g = 2^(log2G) (g may be 1). */
function geometricSum(log2G: number, count: number): number {
  if (count <= 0) return 0;
  if (Math.abs(log2G) < 1e-12) return count;
  // (g^count − 1)/(g − 1) without cancellation for g close to 1
  return Math.expm1(count * log2G * LN2) / Math.expm1(log2G * LN2);
}

/**
 * ln of the estimator's prob.babai(r, norm) for the GSA profile r_i = 2^(log2R0 − i·log2Step),
 * i = 0..count − 1, and log2 of the target norm. Returns −∞ when a factor is exactly 0 (the estimator
 * then reports cost ∞) and NaN for count = 1 (Beta(0, ½) is undefined; GSL returns NaN and the
 * estimator reports ∞ as well).
 *
 * Factor i is 1 − F(1 − t_i), t_i = r_i/(2·norm)², F the CDF of Beta(a, ½), a = (N − 1)/2. The
 * estimator evaluates 1 − t_i in double precision and GSL then works with 1 − (1 − t_i), so t_i is
 * effectively rounded to the double grid just below 1: a factor is exactly 0 when t_i ≤ 2^−54, and
 * small t_i carry a relative rounding error 2^−53/t_i, which we reproduce. Three regions, from the
 * smallest r (largest i) up:
 * - t < min(1e−9, 1e−6/a): per term, with the rounding, 1 − F = I_t(½, a) = 2√t/B(½, a)·(1 − (a − 1)t/3)
 *   (the neglected O((at)²) is below 1e−12);
 * - t < 1e−6/a: the same expansion summed in closed form (rounding there is below 1e−7 relative);
 * - larger t: GSL's continued fractions term by term, until F < 2^−54, where 1 − F rounds to 1 and
 *   every remaining factor (larger t, smaller F) is exactly 1.
 */
export function lnBabaiProbabilityGsa(log2R0: number, log2Step: number, count: number, log2Norm: number): number {
  if (count <= 0) return 0; // empty product
  if (count === 1) return NaN;
  const a = (count - 1) / 2;
  const log2Denom = 2 + 2 * log2Norm; // (2·norm)²
  const log2T = (k: number): number => log2R0 - k * log2Step - log2Denom;
  // GSL returns F(x) = 1 for x = 1 − t ≥ 1: factor 0 (the smallest t is the last one)
  if (1 - 2 ** log2T(count - 1) >= 1) return -Infinity;
  const lnB = lnBeta(0.5, a);
  const expansion = (t: number): number => Math.LN2 - lnB + 0.5 * Math.log(t) - ((a - 1) / 3) * t;
  const log2Closed = Math.log2(1e-6 / a); // closed form below this t
  const log2Rounded = Math.min(Math.log2(1e-9), log2Closed); // per-term rounding below this t
  // first index with log2 t_k < limit (t decreases with k)
  const firstBelow = (limit: number): number => {
    if (!(log2Step > 0)) return log2T(0) < limit ? 0 : count;
    const k = Math.floor((log2R0 - log2Denom - limit) / log2Step) + 1;
    let kk = Math.min(count, Math.max(0, k));
    while (kk > 0 && log2T(kk - 1) < limit) kk--;
    while (kk < count && log2T(kk) >= limit) kk++;
    return kk;
  };
  const kRounded = firstBelow(log2Rounded);
  const kClosed = Math.min(kRounded, firstBelow(log2Closed));
  let sum = 0;
  for (let k = kRounded; k < count; k++) {
    const t = 1 - (1 - 2 ** log2T(k));
    const s = Math.exp(expansion(t));
    const factor = 1 - (1 - s);
    if (factor <= 0) return -Infinity;
    sum += Math.log(factor);
  }
  if (kClosed < kRounded) {
    const m = kRounded - kClosed;
    // Σ ½ ln t_k (arithmetic) and Σ t_k (geometric, ratio 2^(−log2Step)) over k = kClosed..kRounded − 1
    const sumLnT = (m * log2T(kClosed) - ((m * (m - 1)) / 2) * log2Step) * LN2;
    const sumT = 2 ** log2T(kClosed) * geometricSum(-log2Step, m);
    sum += m * (LN2 - lnB) + 0.5 * sumLnT - ((a - 1) / 3) * sumT;
  }
  for (let i = kClosed - 1; i >= 0; i--) {
    const x = 1 - 2 ** log2T(i);
    if (x <= 0) break; // F(x ≤ 0) = 0: this and all earlier factors are 1
    const p = betaCdfParts(x, a, 0.5);
    let factor: number;
    if ("lower" in p) {
      if (p.lower < 2 ** -54) break; // 1 − F rounds to 1 here and for every larger t
      factor = 1 - p.lower;
    } else {
      factor = 1 - (1 - p.upper); // GSL returns 1 − upper; the estimator subtracts that from 1
    }
    if (Number.isNaN(factor)) return NaN;
    if (factor <= 0) return -Infinity;
    sum += Math.log(factor);
  }
  return sum;
}

/**
 * ln of the estimator's prob.mitm_babai_probability(r, σ) for a GSA profile (all `count` vectors):
 * Π_i (erf(x_i) − (1 − e^{−x_i²})/(x_i√π)), x_i = √(r_i/2)/σ. Per term for 10^−4 ≤ x ≤ 8; above,
 * the factor is 1 − 1/(x√π) to double precision (erfc 8, e^−64 < 1e−27) and Σ ln(1 − u_i) over the
 * geometric u_i is summed as −Σ_k Σ_i u_i^k/k; below, the factor is x/√π·(1 − x²/6) — except for
 * x < 2^−27, where the estimator's 1 − e^{−x²} rounds to 0 and its factor is erf x = 2x/√π. (Between
 * 2^−27 and 10^−4 its double-precision cancellation makes the factor noisy; we use the exact value.
 * Such factors are below 10^−4 each, so these points are never near an optimum.)
 */
export function lnMitmBabaiProbabilityGsa(log2R0: number, log2Step: number, count: number, log2Sigma: number): number {
  if (count <= 0) return 0;
  // ln x_i = ln x_0 − i·h
  const lnX0 = (0.5 * (log2R0 - 1) - log2Sigma) * LN2;
  const h = 0.5 * log2Step * LN2;
  const lnHi = Math.log(8);
  const lnLo = Math.log(1e-4);
  const lnTiny = -27 * LN2;
  // first index with ln x_i < limit
  const firstBelow = (limit: number): number => {
    if (!(h > 0)) return lnX0 < limit ? 0 : count;
    let k = Math.min(count, Math.max(0, Math.floor((lnX0 - limit) / h) + 1));
    while (k > 0 && lnX0 - (k - 1) * h < limit) k--;
    while (k < count && lnX0 - k * h >= limit) k++;
    return k;
  };
  const iHi = firstBelow(lnHi); // i < iHi: x ≥ 8
  const iLo = Math.max(iHi, firstBelow(lnLo)); // i ≥ iLo: x < 1e-4
  const iTiny = Math.max(iLo, firstBelow(lnTiny)); // i ≥ iTiny: x < 2^−27
  let sum = 0;
  if (iHi > 0) {
    // u_i = 1/(x_i √π) = u_0·e^{i h}, increasing; Σ ln(1 − u_i) = −Σ_k (1/k) Σ_i u_i^k
    const lnU0 = -lnX0 - HALF_LN_PI;
    for (let k = 1; k <= 60; k++) {
      const term = (Math.exp(k * lnU0) * geometricSum((k * h) / LN2, iHi)) / k;
      sum -= term;
      if (term < 1e-18) break;
    }
  }
  for (let i = iHi; i < iLo; i++) {
    const x = Math.exp(lnX0 - i * h);
    sum += Math.log(erf(x) - (1 - Math.exp(-x * x)) / (x * SQRT_PI)); // as the estimator evaluates it
  }
  if (iLo < iTiny) {
    // Σ [ln x_i − ½ ln π − x_i²/6]
    const m = iTiny - iLo;
    const lnXs = lnX0 - iLo * h;
    sum += m * lnXs - ((m * (m - 1)) / 2) * h - m * HALF_LN_PI - (Math.exp(2 * lnXs) * geometricSum((-2 * h) / LN2, m)) / 6;
  }
  if (iTiny < count) {
    // the estimator's factor erf x = 2x/√π (its 1 − e^{−x²} is 0)
    const m = count - iTiny;
    const lnXs = lnX0 - iTiny * h;
    sum += m * (lnXs + LN2) - ((m * (m - 1)) / 2) * h - m * HALF_LN_PI;
  }
  return sum;
}

/**
 * log2 of the estimator's prob.amplify(0.99, p) (computational problem: one success suffices):
 * 1 if p > 0.99, ∞ if p = 0, else ⌈ln(0.01)/ln(1 − p)⌉. Takes p as log2 p.
 */
export function log2AmplifyTrials(log2P: number, target = 0.99): number {
  if (Number.isNaN(log2P)) return NaN;
  if (log2P === -Infinity) return Infinity;
  const p = 2 ** log2P;
  if (target < p) return 0;
  const lnFail = Math.log(1 - target);
  if (log2P < -40) return Math.log2(-lnFail) - log2P; // ln(1 − p) = −p to double precision; ceil immaterial
  return Math.log2(Math.ceil(lnFail / Math.log1p(-p)));
}
