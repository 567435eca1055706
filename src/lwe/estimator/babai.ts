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
 * are sums of logarithms along an arithmetic progression of log r. Instead of the estimator's O(d)
 * loop of incomplete-beta / erf evaluations for every block size (which would dominate the run time
 * at n = 32768): factors that are 1 in double precision are skipped (the estimator multiplies by 1.0
 * there), the far tails — where each factor is a closed-form expression up to relative errors below
 * 1e−12 — are summed in closed form, and the smooth middle by the Euler–Maclaurin formula
 * (`smoothSum`). The tests compare with the term-by-term products: relative error ~1e−9. Rounding of
 * the estimator's double arithmetic that changes results (a Beta-CDF argument 1 − r_i/(4·norm²) that
 * rounds to 1, making a factor exactly 0 and the attack cost ∞) is reproduced.
 */
import { betaCdfParts, erf, lnBeta } from "./special.js";

const LN2 = Math.LN2;
const SQRT_PI = Math.sqrt(Math.PI);
const HALF_LN_PI = 0.5 * Math.log(Math.PI);

/** ln Σ_{i=0}^{count−1} e^{i·lnG} (count ≥ 1; no overflow for large ratios). */
function lnGeometricSum(lnG: number, count: number): number {
  if (Math.abs(lnG) < 1e-15) return Math.log(count);
  if (lnG < 0) return Math.log(-Math.expm1(count * lnG)) - Math.log(-Math.expm1(lnG));
  return (count - 1) * lnG + Math.log(-Math.expm1(-count * lnG)) - Math.log(-Math.expm1(-lnG));
}

const GL8_NODES = [
  -0.9602898564975362, -0.7966664774136267, -0.525532409916329, -0.18343464249564978, 0.18343464249564978,
  0.525532409916329, 0.7966664774136267, 0.9602898564975362,
];
const GL8_WEIGHTS = [
  0.10122853629037706, 0.22238103445337443, 0.3137066458778869, 0.36268378337836166, 0.36268378337836166,
  0.3137066458778869, 0.22238103445337443, 0.10122853629037706,
];
/** Below this many terms `smoothSum` adds them one by one. */
const SMOOTH_SUM_DIRECT = 96;

/**
 * Σ_{k=k0}^{k1} f(k) for a function f that is smooth (analytic) on [k0, k1] — here the logarithm of a
 * product's factor along a geometric GSA profile, sampled at every index. Few terms are added directly;
 * otherwise Gregory's form of the Euler–Maclaurin formula, with the end corrections from the first and
 * last five terms (fourth differences, error O(f⁽⁵⁾)) and the integral by 8-point Gauss–Legendre on
 * panels of `panel` indices. Used where f varies on a scale of many indices, so that hundreds or
 * thousands of incomplete-beta / erf evaluations per block size become about a hundred. NaN from any
 * sample propagates.
 */
export function smoothSum(f: (k: number) => number, k0: number, k1: number, panel: number): number {
  const m = k1 - k0; // number of intervals
  if (m < SMOOTH_SUM_DIRECT) {
    let s = 0;
    for (let k = k0; k <= k1; k++) s += f(k);
    return s;
  }
  const a = [f(k0), f(k0 + 1), f(k0 + 2), f(k0 + 3), f(k0 + 4)];
  const b = [f(k1), f(k1 - 1), f(k1 - 2), f(k1 - 3), f(k1 - 4)];
  const d1 = (v: number[]): number => v[1]! - v[0]!;
  const d2 = (v: number[]): number => v[2]! - 2 * v[1]! + v[0]!;
  const d3 = (v: number[]): number => v[3]! - 3 * v[2]! + 3 * v[1]! - v[0]!;
  const d4 = (v: number[]): number => v[4]! - 4 * v[3]! + 6 * v[2]! - 4 * v[1]! + v[0]!;
  // forward differences at k0 (Δ) and backward differences at k1 (∇ = −(differences of b) for odd order)
  const corr =
    (a[0]! + b[0]!) / 2 +
    (-d1(b) - d1(a)) / 12 +
    (d2(b) + d2(a)) / 24 +
    (19 / 720) * (-d3(b) - d3(a)) +
    (3 / 160) * (d4(b) + d4(a));
  const panels = Math.max(1, Math.ceil(m / panel));
  const w = m / panels;
  let integral = 0;
  for (let p = 0; p < panels; p++) {
    const mid = k0 + (p + 0.5) * w;
    for (let j = 0; j < 8; j++) integral += GL8_WEIGHTS[j]! * f(mid + 0.5 * w * GL8_NODES[j]!);
  }
  return 0.5 * w * integral + corr;
}

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
 * - larger t: GSL's continued fractions, up to the t where F < 2^−54 (1 − F rounds to 1 there and for
 *   every larger t), summed with `smoothSum` (term by term when there are fewer than 96 terms).
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
  // larger t: factor 1 − F(1 − t) with GSL's continued fractions; exactly 1 once F < 2^−54 or t ≥ 1
  const factorLn = (k: number): number => {
    const x = 1 - 2 ** log2T(k);
    if (x <= 0) return 0;
    const p = betaCdfParts(x, a, 0.5);
    if ("lower" in p) return p.lower < 2 ** -54 ? 0 : Math.log(1 - p.lower);
    return Math.log(1 - (1 - p.upper)); // GSL returns 1 − upper; the estimator subtracts that from 1
  };
  const isOne = (k: number): boolean => {
    const x = 1 - 2 ** log2T(k);
    if (x <= 0) return true;
    const p = betaCdfParts(x, a, 0.5);
    return "lower" in p && p.lower < 2 ** -54;
  };
  // factors are 1 exactly for k < kOne (monotone: larger t, smaller F); find kOne by bisection
  if (kClosed > 0 && !isOne(kClosed - 1)) {
    let hi = kClosed - 1; // isOne(hi) false
    if (!isOne(0)) hi = 0;
    else {
      let lo = 0; // isOne(lo) true
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (isOne(mid)) lo = mid;
        else hi = mid;
      }
    }
    // the factors vary on a scale of about one unit of ln t, i.e. 1/(4·ln δ) indices: Euler–Maclaurin
    // with ~1.5 units of ln t per Gauss–Legendre panel (checked against the term-by-term sum in the
    // tests: relative error ~1e−9)
    const part = smoothSum(factorLn, hi, kClosed - 1, Math.max(8, Math.floor(1.5 / (log2Step * LN2))));
    if (Number.isNaN(part)) return NaN;
    sum += part;
  }
  return sum;
}

/**
 * ln of the estimator's prob.mitm_babai_probability(r, σ) for a GSA profile (all `count` vectors):
 * Π_i (erf(x_i) − (1 − e^{−x_i²})/(x_i√π)), x_i = √(r_i/2)/σ. For 10^−4 ≤ x ≤ 8 the estimator's
 * expression, summed with `smoothSum`; above,
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
      const term = Math.exp(k * lnU0 + lnGeometricSum(k * h, iHi)) / k;
      sum -= term;
      if (term < 1e-18) break;
    }
  }
  if (iHi < iLo) {
    const factorLn = (i: number): number => {
      const x = Math.exp(lnX0 - i * h);
      return Math.log(erf(x) - (1 - Math.exp(-x * x)) / (x * SQRT_PI)); // as the estimator evaluates it
    };
    sum += smoothSum(factorLn, iHi, iLo - 1, Math.max(8, Math.floor(1 / h)));
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

