/**
 * Vector-level facts about a secret distribution that the guessing attacks need: Hamming weight,
 * sparsity, coefficient bounds, the (log2) size of the support of an n-dimensional vector, and the
 * balanced splitting of a fixed-weight ternary secret into two halves.
 *
 * Source: malb/lattice-estimator, estimator/nd.py (NoiseDistribution.hamming_weight / is_sparse /
 * is_bounded / bounds / resize; DiscreteGaussian.support_size, CenteredBinomial.support_size,
 * Uniform.support_size, SparseTernary.support_size / split_balanced / split_probability). Sizes are
 * returned as log2 (binomials of n = 32768 and q^n overflow doubles); small results that the estimator
 * rounds up with ceil are rounded the same way so the doctests' exact integers come out.
 */
import {
  type Distribution,
  type SparseTernaryDistribution,
  density,
  describeDistribution,
  stddev,
} from "./distributions.js";
import { EstimatorParameterError, describeValue } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// log2 of factorials and binomials
// ---------------------------------------------------------------------------------------------

const LN_FACTORIAL_TABLE_SIZE = 1024;
/** ln k! for k < 1024, summed exactly term by term. */
const LN_FACTORIAL: Float64Array = (() => {
  const t = new Float64Array(LN_FACTORIAL_TABLE_SIZE);
  for (let k = 2; k < LN_FACTORIAL_TABLE_SIZE; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln k! (k a non-negative integer; Stirling series beyond the table, error < 1e-20 relative). */
function lnFactorial(k: number): number {
  if (k < LN_FACTORIAL_TABLE_SIZE) return LN_FACTORIAL[k]!;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return k * Math.log(k) - k + HALF_LN_2PI + 0.5 * Math.log(k) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** log2 C(n, k) for integers n ≥ 0; −∞ when k < 0 or k > n (the binomial is 0, as Sage's). */
export function log2Binomial(n: number, k: number): number {
  if (k < 0 || k > n || n < 0) return -Infinity;
  if (k === 0 || k === n) return 0;
  return (lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k)) / Math.LN2;
}

/**
 * log2 ⌈2^x⌉: exact ceil while 2^x is below 2^52, otherwise x itself (the ceil is invisible). A value
 * within 1e-9 (relative) of an integer is taken to be that integer first: products of binomials are
 * integers that the log-gamma evaluation only approximates, and ⌈120.0000001⌉ must stay 120.
 */
function log2Ceil(x: number): number {
  if (x === -Infinity) return -Infinity; // ⌈0⌉ = 0
  if (x >= 52) return x;
  const v = 2 ** x;
  const r = Math.round(v);
  return Math.log2(Math.abs(v - r) <= 1e-9 * Math.max(1, v) ? r : Math.ceil(v));
}

/**
 * Sage's `Rational.round("down")`, used by nd.py as `QQ(x).round('down')`: the *nearest* integer,
 * with only exact halves rounded down (the mode names the tie rule, it is not a floor): 20/3 → 7,
 * 17/2 → 8.
 */
export function roundHalfDown(x: number): number {
  const r = Math.round(x); // nearest, halves up
  return r - x === 0.5 ? r - 1 : r;
}

/** Python's round(): to the nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------------------------------------
// Per-vector facts
// ---------------------------------------------------------------------------------------------

/** Density (share of non-zero coefficients) with uniform mod q handled in log2 (q may be 2^900). */
function densityLog(dist: Distribution, logQ?: number): number {
  if (dist.kind === "uniformMod") {
    if (logQ === undefined || !(logQ > 0)) {
      throw new EstimatorParameterError(`density of uniformMod: logQ = ${describeValue(logQ)}: expected a finite log2(q) > 0`);
    }
    return 1 - 2 ** -logQ;
  }
  return density(dist);
}

/**
 * Expected number of non-zero coefficients among n (nd.py hamming_weight): round(n·density) with
 * Python's ties-to-even rounding; a sparse ternary secret has exactly plus + minus.
 * `logQ` is only needed for uniform mod q.
 */
export function hammingWeight(dist: Distribution, n: number, logQ?: number): number {
  if (dist.kind === "sparseTernary") return dist.plus + dist.minus;
  return roundHalfEven(n * densityLog(dist, logQ));
}

/**
 * "Sparse" as in nd.py is_sparse: density < 1/2 (somewhat arbitrary there too). A sparse ternary
 * secret always counts as sparse (its weight is fixed, so halves carry half the weight). Uniform mod q
 * is never sparse (density 1 − 1/q ≥ 1/2).
 */
export function isSparse(dist: Distribution, _logQ?: number): boolean {
  if (dist.kind === "sparseTernary") return true;
  if (dist.kind === "uniformMod") return false;
  return density(dist) < 0.5;
}

/**
 * Whether each coefficient has finite bounds, as nd.py is_bounded for the estimator's usual objects:
 * CBD, uniform, uniform mod q and sparse ternary are bounded; a discrete Gaussian is not (the
 * estimator's DiscreteGaussian(σ) is built without n, so its bounds are ±∞ and its later `resize(n)`
 * keeps them). Attack code following the estimator should branch on this before using `bounds`.
 */
export function isBounded(dist: Distribution): boolean {
  return dist.kind !== "gaussian";
}

/**
 * Coefficient bounds [lo, hi] (nd.py bounds): CBD(η) → [−η, η]; uniform [a, b] → [a, b]; uniform mod
 * q → [−⌊q/2⌋, q − 1 − ⌊q/2⌋] (q = 2^logQ rounded to an integer while exact, else ±q/2 as floats);
 * sparse ternary → [minus ? −1 : 0, plus ? 1 : 0]; Gaussian → ±⌈log2(n)·σ⌉, what nd.py gives a
 * DiscreteGaussian constructed with its dimension n (see `isBounded` for the estimator's usual ±∞).
 */
export function bounds(dist: Distribution, n: number, logQ?: number): [number, number] {
  switch (dist.kind) {
    case "gaussian": {
      const b = Math.ceil(Math.log2(n) * dist.stddev);
      return [-b, b];
    }
    case "cbd":
      return [-dist.eta, dist.eta];
    case "uniform":
      return [dist.a, dist.b];
    case "uniformMod": {
      if (logQ === undefined || !Number.isFinite(logQ) || logQ <= 0) {
        throw new EstimatorParameterError(`bounds of uniformMod: logQ = ${describeValue(logQ)}: expected a finite log2(q) > 0`);
      }
      if (logQ < 53) {
        const q = Math.round(2 ** logQ);
        const a = -Math.floor(q / 2);
        return [a, a + q - 1];
      }
      return [-(2 ** (logQ - 1)), 2 ** (logQ - 1)];
    }
    case "sparseTernary":
      return [dist.minus === 0 ? 0 : -1, dist.plus === 0 ? 0 : 1];
  }
}

/** nd.DiscreteGaussian: coefficients within ±t·s (s = σ√(2π)), t = 2, with probability 1 − 2e^(−4π). */
export const GAUSSIAN_TAIL_BOUND = 2;
/** Probability that a discrete Gaussian coefficient lies within the cut-off (nd.py gaussian_tail_prob). */
export const GAUSSIAN_TAIL_PROB = 1 - 2 * Math.exp(-4 * Math.PI);

/**
 * log2 of the size of the support of an n-dimensional vector covering probability `fraction`
 * (nd.py support_size), ceil'd like the estimator when small enough to matter:
 * - CBD(η), uniform [a, b], uniform mod q: ⌈fraction·w^n⌉, w = number of values per coefficient;
 * - sparse ternary (n must equal its own length): ⌈fraction·C(n, p)·C(n − p, m)⌉;
 * - Gaussian: treated as bounded with failure probability 1 − fraction: (2b + 1)^n with
 *   b = 2·t·σ√(2π) + 1, t = 2 (the estimator's formula, fraction itself does not enter); when
 *   P[all n coefficients within the cut-off] = (1 − 2e^(−4π))^n < fraction the estimator raises
 *   NotImplementedError ("raise t"), here an EstimatorParameterError.
 * fraction = 0 gives 0 (log2 −∞) except for the Gaussian (the estimator's MITM uses that).
 */
export function log2SupportSize(dist: Distribution, n: number, logQ?: number, fraction = 1): number {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new EstimatorParameterError(`support size: fraction = ${describeValue(fraction)}: expected a probability in [0, 1]`);
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new EstimatorParameterError(`support size: n = ${describeValue(n)}: expected an integer dimension >= 0`);
  }
  const lf = Math.log2(fraction);
  switch (dist.kind) {
    case "gaussian": {
      if (n * Math.log2(GAUSSIAN_TAIL_PROB) < Math.log2(fraction)) {
        throw new EstimatorParameterError(
          `support size of ${describeDistribution(dist)} in dimension n = ${n} at fraction = ${fraction}: ` +
            `all coefficients lie within the ±2σ√(2π) cut-off only with probability ` +
            `${GAUSSIAN_TAIL_PROB ** n}; expected at least the fraction (the estimator raises NotImplementedError here)`,
        );
      }
      const b = 2 * GAUSSIAN_TAIL_BOUND * stddev(dist) * Math.sqrt(2 * Math.PI) + 1;
      return n * Math.log2(2 * b + 1);
    }
    case "cbd":
      return log2Ceil(lf + n * Math.log2(2 * dist.eta + 1));
    case "uniform":
      return log2Ceil(lf + n * Math.log2(dist.b - dist.a + 1));
    case "uniformMod": {
      if (logQ === undefined || !Number.isFinite(logQ) || logQ <= 0) {
        throw new EstimatorParameterError(`support size of uniformMod: logQ = ${describeValue(logQ)}: expected a finite log2(q) > 0`);
      }
      return log2Ceil(lf + n * logQ);
    }
    case "sparseTernary": {
      if (n !== dist.n) {
        throw new EstimatorParameterError(
          `support size of ${describeDistribution(dist)}: n = ${n}: expected the distribution's own length ${dist.n} (use resize)`,
        );
      }
      return log2Ceil(lf + log2SparseCount(dist));
    }
  }
}

/** log2 C(n, p)·C(n − p, m): the number of vectors with exactly p entries +1 and m entries −1. */
function log2SparseCount(d: SparseTernaryDistribution): number {
  return log2Binomial(d.n, d.plus) + log2Binomial(d.n - d.plus, d.minus);
}

/**
 * The same distribution on vectors of length newN (nd.py resize): a sparse ternary secret keeps its
 * plus/minus counts and changes n (not re-validated: intermediate pieces may have weight 0); the
 * per-coordinate distributions are unchanged.
 */
export function resize(dist: Distribution, newN: number): Distribution {
  if (dist.kind === "sparseTernary") return { kind: "sparseTernary", plus: dist.plus, minus: dist.minus, n: newN };
  return dist;
}

function requireSparse(dist: Distribution, what: string): SparseTernaryDistribution {
  if (dist.kind !== "sparseTernary") {
    throw new EstimatorParameterError(`${what}: distribution ${describeDistribution(dist)}: expected a sparse ternary secret`);
  }
  return dist;
}

/**
 * Split a sparse ternary secret into the first newN and the last n − newN coordinates with the
 * weight spread evenly (nd.SparseTernary.split_balanced): the first part gets weight
 * newHw (default hw·newN/n rounded, the most likely split) of which newHw·p/hw rounded are +1 —
 * rounded to the nearest integer, halves down (Sage's `QQ(x).round('down')`, see roundHalfDown).
 */
export function splitBalanced(
  dist: Distribution,
  newN: number,
  newHw?: number,
): [SparseTernaryDistribution, SparseTernaryDistribution] {
  const d = requireSparse(dist, "splitBalanced");
  if (!Number.isInteger(newN) || newN < 0 || newN > d.n) {
    throw new EstimatorParameterError(`splitBalanced: newN = ${describeValue(newN)}: expected an integer in [0, ${d.n}]`);
  }
  const hw = d.plus + d.minus;
  const h1 = newHw === undefined ? roundHalfDown((hw * newN) / d.n) : newHw;
  if (!Number.isInteger(h1) || h1 < 0) {
    throw new EstimatorParameterError(`splitBalanced: newHw = ${describeValue(newHw)}: expected an integer >= 0`);
  }
  const p1 = hw === 0 ? 0 : roundHalfDown((h1 * d.plus) / hw);
  const m1 = h1 - p1;
  return [
    { kind: "sparseTernary", plus: p1, minus: m1, n: newN },
    { kind: "sparseTernary", plus: d.plus - p1, minus: d.minus - m1, n: d.n - newN },
  ];
}

/**
 * log2 of the probability that a uniformly random vector of the sparse secret's support splits as
 * `splitBalanced(dist, newN, newHw)` does (nd.SparseTernary.split_probability):
 * |support(left)|·|support(right)| / |support(dist)|; −∞ when that split is impossible.
 */
export function log2SplitProbability(dist: Distribution, newN: number, newHw?: number): number {
  const d = requireSparse(dist, "log2SplitProbability");
  const [left, right] = splitBalanced(d, newN, newHw);
  if (left.plus < 0 || left.minus < 0 || right.plus < 0 || right.minus < 0) return -Infinity;
  return log2SparseCount(left) + log2SparseCount(right) - log2SparseCount(d);
}
