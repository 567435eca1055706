/**
 * Secret / error distributions for the LWE security estimator, always parametrised by their
 * standard deviation (never by α = σ√(2π)/q or by a Gaussian width s = σ√(2π)).
 *
 * Source: the noise distributions of malb/lattice-estimator (estimator/nd.py): DiscreteGaussian,
 * CenteredBinomial, Uniform, UniformMod, Binary = Uniform(0, 1), Ternary = Uniform(−1, 1). The
 * standard deviations, means and "densities" (share of non-zero coefficients) below follow the
 * formulas used there; they are re-derived here, not translated.
 */
import { EstimatorParameterError, describeValue } from "./errors.js";

/** Discrete (or rounded) Gaussian with the given standard deviation σ (not the width s = σ√(2π)). */
export interface GaussianDistribution {
  readonly kind: "gaussian";
  readonly stddev: number;
}
/** Centred binomial CBD(η): Σ_{i<η}(a_i − b_i) with a_i, b_i uniform bits; stddev √(η/2). */
export interface CbdDistribution {
  readonly kind: "cbd";
  readonly eta: number;
}
/** Uniform integers in [a, b] (endpoints included); ternary = [−1, 1], binary = [0, 1]. */
export interface UniformDistribution {
  readonly kind: "uniform";
  readonly a: number;
  readonly b: number;
}
/** Uniform modulo q (balanced representatives), i.e. a "large" secret. Its stddev depends on q. */
export interface UniformModDistribution {
  readonly kind: "uniformMod";
}

/**
 * A fixed-weight ("sparse") ternary secret *vector*: exactly `plus` coefficients +1 and `minus`
 * coefficients −1 among n, the rest 0 (lattice-estimator nd.SparseTernary; sparse binary = minus 0).
 * Unlike the other kinds this describes the whole vector, so it carries its length n, which must
 * equal the instance's n. Per-coordinate facts: density (p + m)/n, mean (p − m)/n,
 * stddev √(density − mean²), as nd.py.
 */
export interface SparseTernaryDistribution {
  readonly kind: "sparseTernary";
  readonly plus: number;
  readonly minus: number;
  readonly n: number;
}

export type Distribution =
  | GaussianDistribution
  | CbdDistribution
  | UniformDistribution
  | UniformModDistribution
  | SparseTernaryDistribution;

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG2_SQRT12 = 0.5 * Math.log2(12);

/** Discrete Gaussian with standard deviation `stddev` (σ). */
export function gaussian(stddev: number): GaussianDistribution {
  const d: GaussianDistribution = { kind: "gaussian", stddev };
  validateDistribution(d);
  return d;
}

/**
 * Discrete Gaussian given by its *width* parameter s (as in ρ_s(x) = exp(−π x²/s²)); converts
 * explicitly to the standard deviation σ = s / √(2π). E.g. s = 8 gives σ ≈ 3.19.
 */
export function gaussianFromWidth(s: number): GaussianDistribution {
  if (typeof s !== "number" || !Number.isFinite(s) || s <= 0) {
    throw new EstimatorParameterError(`Gaussian width s = ${describeValue(s)}: expected a finite number > 0`);
  }
  return gaussian(s / SQRT_2PI);
}

/** Gaussian width s = σ·√(2π) of a standard deviation σ (inverse of `gaussianFromWidth`). */
export function widthFromStddev(stddev: number): number {
  return stddev * SQRT_2PI;
}

/** Centred binomial distribution CBD(η), standard deviation √(η/2). */
export function cbd(eta: number): CbdDistribution {
  const d: CbdDistribution = { kind: "cbd", eta };
  validateDistribution(d);
  return d;
}

/** Uniform integers in [a, b]. */
export function uniform(a: number, b: number): UniformDistribution {
  const d: UniformDistribution = { kind: "uniform", a, b };
  validateDistribution(d);
  return d;
}

/** Uniform on {−1, 0, 1} (stddev √(2/3)). */
export function ternary(): UniformDistribution {
  return uniform(-1, 1);
}

/** Uniform on {0, 1} (stddev 1/2, mean 1/2). */
export function binary(): UniformDistribution {
  return uniform(0, 1);
}

/** Uniform modulo q. */
export function uniformMod(): UniformModDistribution {
  return { kind: "uniformMod" };
}

/**
 * Sparse ternary secret of length n: exactly `plus` entries +1 and `minus` entries −1 (default
 * minus = plus, as nd.SparseTernary(p, n=…)). E.g. sparseTernary(16, 16, 1024) has Hamming weight 32.
 */
export function sparseTernary(plus: number, minus: number = plus, n: number): SparseTernaryDistribution {
  const d: SparseTernaryDistribution = { kind: "sparseTernary", plus, minus, n };
  validateDistribution(d);
  return d;
}

/** Sparse binary secret of length n with exactly `hw` entries equal to 1 (nd.SparseBinary). */
export function sparseBinary(hw: number, n: number): SparseTernaryDistribution {
  return sparseTernary(hw, 0, n);
}

/**
 * Check a distribution's parameters; throws EstimatorParameterError naming the bad value.
 * `label` is used in the message (e.g. "secret").
 */
export function validateDistribution(dist: Distribution, label = "distribution"): void {
  if (dist === null || typeof dist !== "object") {
    throw new EstimatorParameterError(`${label} = ${describeValue(dist)}: expected a distribution object`);
  }
  switch (dist.kind) {
    case "gaussian": {
      const s = dist.stddev;
      if (typeof s !== "number" || !Number.isFinite(s) || s <= 0) {
        throw new EstimatorParameterError(
          `${label}: Gaussian stddev = ${describeValue(s)}: expected a finite standard deviation > 0`,
        );
      }
      return;
    }
    case "cbd": {
      const e = dist.eta;
      if (typeof e !== "number" || !Number.isFinite(e) || e < 1 || !Number.isInteger(e)) {
        throw new EstimatorParameterError(`${label}: CBD eta = ${describeValue(e)}: expected an integer >= 1`);
      }
      return;
    }
    case "uniform": {
      const { a, b } = dist;
      if (typeof a !== "number" || !Number.isInteger(a)) {
        throw new EstimatorParameterError(`${label}: uniform lower bound a = ${describeValue(a)}: expected a finite integer`);
      }
      if (typeof b !== "number" || !Number.isInteger(b)) {
        throw new EstimatorParameterError(`${label}: uniform upper bound b = ${describeValue(b)}: expected a finite integer`);
      }
      if (a >= b) {
        throw new EstimatorParameterError(
          `${label}: uniform bounds a = ${a}, b = ${b}: expected a < b (a > b is empty, a = b has zero stddev)`,
        );
      }
      return;
    }
    case "uniformMod":
      return;
    case "sparseTernary": {
      const { plus, minus, n } = dist;
      for (const [name, v] of [["plus", plus], ["minus", minus]] as const) {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
          throw new EstimatorParameterError(
            `${label}: sparse ternary ${name} = ${describeValue(v)}: expected an integer number of ±1 entries >= 0`,
          );
        }
      }
      if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
        throw new EstimatorParameterError(`${label}: sparse ternary n = ${describeValue(n)}: expected an integer length n >= 1`);
      }
      if (plus + minus > n) {
        throw new EstimatorParameterError(
          `${label}: sparse ternary plus + minus = ${plus} + ${minus} = ${plus + minus}: expected at most n = ${n} non-zero entries`,
        );
      }
      if (plus + minus === 0 || plus === n || minus === n) {
        throw new EstimatorParameterError(
          `${label}: sparse ternary (plus = ${plus}, minus = ${minus}, n = ${n}): expected a non-constant vector (zero stddev otherwise)`,
        );
      }
      return;
    }
    default:
      throw new EstimatorParameterError(
        `${label}: kind = ${describeValue((dist as { kind?: unknown }).kind)}: expected "gaussian", "cbd", "uniform", "uniformMod" or "sparseTernary"`,
      );
  }
}

function requireLogQ(logQ: number | undefined, what: string): number {
  if (logQ === undefined || typeof logQ !== "number" || !Number.isFinite(logQ) || logQ <= 0) {
    throw new EstimatorParameterError(`${what}: logQ = ${describeValue(logQ)}: expected a finite log2(q) > 0`);
  }
  return logQ;
}

function requireQ(q: number | undefined, what: string): number {
  if (q === undefined || typeof q !== "number" || !Number.isFinite(q) || q <= 1) {
    throw new EstimatorParameterError(`${what}: q = ${describeValue(q)}: expected a finite modulus q > 1`);
  }
  return q;
}

/**
 * log2 of the standard deviation, overflow-safe for huge moduli (q = 2^880 and beyond).
 * `logQ` = log2 q is only needed for `uniformMod`.
 */
export function log2Stddev(dist: Distribution, logQ?: number): number {
  switch (dist.kind) {
    case "gaussian":
      return Math.log2(dist.stddev);
    case "cbd":
      return 0.5 * Math.log2(dist.eta / 2);
    case "uniform": {
      const w = dist.b - dist.a + 1; // number of values
      return w < 2 ** 26 ? 0.5 * Math.log2((w * w - 1) / 12) : Math.log2(w) - LOG2_SQRT12;
    }
    case "uniformMod": {
      const lq = requireLogQ(logQ, "stddev of uniformMod");
      // uniform on q consecutive integers: sqrt((q² − 1)/12); the −1 is negligible once q > 2^26
      if (lq < 26) {
        const q = 2 ** lq;
        return 0.5 * Math.log2((q * q - 1) / 12);
      }
      return lq - LOG2_SQRT12;
    }
    case "sparseTernary": {
      // variance = density − mean² = ((p + m)·n − (p − m)²)/n²
      const { plus: p, minus: m, n } = dist;
      return 0.5 * (Math.log2((p + m) * n - (p - m) * (p - m)) - 2 * Math.log2(n));
    }
  }
}

/**
 * Standard deviation of the distribution. `q` (the modulus itself, not its log) is required for
 * `uniformMod` only: stddev = √((q² − 1)/12).
 */
export function stddev(dist: Distribution, q?: number): number {
  if (dist.kind === "uniformMod") return 2 ** log2Stddev(dist, Math.log2(requireQ(q, "stddev of uniformMod")));
  return 2 ** log2Stddev(dist);
}

/**
 * Mean of the distribution. Uniform [a, b] has mean (a + b)/2 (binary: 1/2); uniform mod q with
 * balanced representatives [−⌊q/2⌋, q − 1 − ⌊q/2⌋] has mean −1/2 for even q and 0 for odd q.
 * (The attacks only use the standard deviation, as in the lattice-estimator.)
 */
export function mean(dist: Distribution, q?: number): number {
  switch (dist.kind) {
    case "gaussian":
    case "cbd":
      return 0;
    case "uniform":
      return (dist.a + dist.b) / 2;
    case "uniformMod": {
      const qq = requireQ(q, "mean of uniformMod");
      return Math.round(qq) % 2 === 0 ? -0.5 : 0;
    }
    case "sparseTernary":
      return (dist.plus - dist.minus) / dist.n;
  }
}

/**
 * Expected share of non-zero coefficients, as the lattice-estimator's `_density` (a distribution
 * with density < 1/2 counts as "sparse" there). Gaussian: max(0, 1 − 1/(σ√(2π))); CBD(η):
 * 1 − C(2η, η)/4^η; uniform [a, b] ∋ 0: 1 − 1/(b − a + 1), otherwise 1; uniform mod q: 1 − 1/q;
 * sparse ternary: (plus + minus)/n.
 */
export function density(dist: Distribution, q?: number): number {
  switch (dist.kind) {
    case "gaussian":
      return Math.max(0, 1 - 1 / (dist.stddev * SQRT_2PI));
    case "cbd": {
      // P[X = 0] = C(2η, η)/4^η = Π_{i=1..η} (2i − 1)/(2i) ≈ 1/√(πη) for large η
      const eta = dist.eta;
      if (eta > 100000) return 1 - 1 / Math.sqrt(Math.PI * eta);
      let p0 = 1;
      for (let i = 1; i <= eta; i++) p0 *= (2 * i - 1) / (2 * i);
      return 1 - p0;
    }
    case "uniform": {
      const w = dist.b - dist.a + 1;
      return dist.a <= 0 && dist.b >= 0 ? 1 - 1 / w : 1;
    }
    case "uniformMod":
      return 1 - 1 / requireQ(q, "density of uniformMod");
    case "sparseTernary":
      return (dist.plus + dist.minus) / dist.n;
  }
}

/**
 * True when the distribution is "small" with respect to q: its standard deviation is strictly below
 * that of the uniform distribution mod q. Uniform mod q itself (or anything at least as wide) is not
 * small. (`q` is the modulus itself.)
 */
export function isSmall(dist: Distribution, q: number): boolean {
  const lq = Math.log2(requireQ(q, "isSmall"));
  return log2Stddev(dist, lq) < log2Stddev({ kind: "uniformMod" }, lq);
}

/**
 * Short human-readable form, e.g. "gaussian(σ=3.19)", "cbd(η=3)", "uniform[-1,1]", "uniformMod(q)",
 * "sparseTernary(p=16,m=16,n=1024)".
 */
export function describeDistribution(dist: Distribution): string {
  switch (dist.kind) {
    case "gaussian":
      return `gaussian(σ=${dist.stddev})`;
    case "cbd":
      return `cbd(η=${dist.eta})`;
    case "uniform":
      return `uniform[${dist.a},${dist.b}]`;
    case "uniformMod":
      return "uniformMod(q)";
    case "sparseTernary":
      return `sparseTernary(p=${dist.plus},m=${dist.minus},n=${dist.n})`;
  }
}
