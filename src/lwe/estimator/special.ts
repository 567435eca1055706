/**
 * Special functions the primal BDD / hybrid estimates need and JavaScript lacks: ln Γ, ln B, erf /
 * erfc, and the CDF of the Beta distribution as GNU GSL computes it (gsl_cdf_beta_P, which is what
 * Sage's RealDistribution("beta", …).cum_distribution_function calls in the lattice-estimator's
 * prob.babai). Written from the textbook definitions: the Stirling series for ln Γ [DLMF 5.11.1], the
 * all-positive series and Laplace continued fraction for erf / erfc [DLMF 7.6.2, 7.9.2], and the
 * incomplete-beta continued fraction [DLMF 8.17.22] evaluated the way GSL's beta_inc.c organises it
 * (branch points, stopping rules, the large-a asymptotic [AS 26.5.17]) so that the rounding-sensitive
 * cases — a term 1 − CDF that rounds to exactly 0 — come out as in the estimator.
 */

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
const DBL_EPSILON = 2 ** -52;
const DBL_MIN = 2 ** -1022;

/** Stirling-series remainder ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 15 (error < 1e-17). */
function stirlingTail(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
}

/** ln Γ(x) for x > 0 (relative error ≈ 1e-15). */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 15) {
    // shift up with Γ(x) = Γ(x + k) / (x (x + 1) ⋯ (x + k − 1))
    let prod = 1;
    let y = x;
    while (y < 15) {
      prod *= y;
      y += 1;
    }
    return lnGamma(y) - Math.log(prod);
  }
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingTail(x);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), computed without the cancellation of the direct
 * formula when one argument is large (the Babai probability uses B((d − 1)/2, ½) with d up to 10^5).
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 15) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  // ln Γ(big) − ln Γ(big + small) via Stirling with both arguments ≥ 15:
  // (big − ½) ln big − (big + small − ½) ln(big + small) + small + tails
  const s = big + small;
  const diff = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(s) + small + stirlingTail(big) - stirlingTail(s);
  return lnGamma(small) + diff;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erfc(x) for x ≥ 2 by the Laplace continued fraction (modified Lentz). */
function erfcLarge(x: number): number {
  // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const ak = k / 2;
    d = x + ak * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + ak / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** erf(x) for 0 ≤ x < 3 by the positive series erf x = 2/√π e^{−x²} Σ 2^k x^{2k+1}/(1·3⋯(2k+1)). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** The error function erf(x) (relative error ≈ 1e-15). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x < 2) return erfSeries(x);
  return 1 - erfcLarge(x);
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate in the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  return erfcLarge(x);
}

/**
 * GSL's beta_cont_frac(a, b, x, epsabs): the continued fraction of the incomplete beta function in
 * the even/odd two-step form, with the relative stop 2ε and the absolute stop `epsabs`. NaN after
 * 512 double steps (GSL gives up there as well).
 */
function betaContFrac(a: number, b: number, x: number, epsabs: number): number {
  const cutoff = 2 * DBL_MIN;
  let num = 1;
  let den = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(den) < cutoff) den = NaN;
  den = 1 / den;
  let cf = den;
  for (let k = 1; k <= 512; k++) {
    let coeff = (k * (b - k) * x) / ((a - 1 + 2 * k) * (a + 2 * k));
    den = 1 + coeff * den;
    num = 1 + coeff / num;
    if (Math.abs(den) < cutoff) den = NaN;
    if (Math.abs(num) < cutoff) num = NaN;
    den = 1 / den;
    let deltaFrac = den * num;
    cf *= deltaFrac;

    coeff = (-(a + k) * (a + b + k) * x) / ((a + 2 * k) * (a + 2 * k + 1));
    den = 1 + coeff * den;
    num = 1 + coeff / num;
    if (Math.abs(den) < cutoff) den = NaN;
    if (Math.abs(num) < cutoff) num = NaN;
    den = 1 / den;
    deltaFrac = den * num;
    cf *= deltaFrac;

    if (Math.abs(deltaFrac - 1) < 2 * DBL_EPSILON) return cf;
    if (cf * Math.abs(deltaFrac - 1) < epsabs) return cf;
    if (Number.isNaN(cf)) return NaN;
  }
  return NaN;
}

/**
 * The two pieces of the regularised incomplete beta function I_x(a, b) as GSL evaluates it:
 * either `{ lower }` = I_x(a, b) directly (x below the mean-ish split point), or `{ upper }` =
 * 1 − I_x(a, b) (evaluated from the symmetric continued fraction; GSL then returns 1 − upper).
 */
export type BetaCdfParts = { readonly lower: number } | { readonly upper: number };

/**
 * gsl_cdf_beta_P(x, a, b) split into the piece GSL computes (see BetaCdfParts), for 0 < x < 1. The
 * large-a regime (a > 10^5, b < 10, x > a/(a + b)) uses GSL's asymptotic Q(b, −N ln x),
 * N = a + (b − 1)/2, available here for b = ½ only (Q(½, y) = erfc √y), which is the Babai case.
 */
export function betaCdfParts(x: number, a: number, b: number): BetaCdfParts {
  if (a > 1e5 && b < 10 && x > a / (a + b)) {
    if (b !== 0.5) throw new RangeError(`betaCdfParts: asymptotic regime implemented for b = 1/2 only (b = ${b})`);
    const nn = a + (b - 1) / 2;
    return { lower: erfc(Math.sqrt(-nn * Math.log(x))) };
  }
  if (b > 1e5 && a < 10 && x < b / (a + b)) {
    throw new RangeError(`betaCdfParts: GSL's small-a / large-b asymptotic regime is not implemented (a = ${a}, b = ${b})`);
  }
  const lnPre = -lnBeta(a, b) + a * Math.log(x) + b * Math.log1p(-x);
  const prefactor = Math.exp(lnPre);
  if (x < (a + 1) / (a + b + 2)) {
    const cf = betaContFrac(a, b, x, 0);
    return { lower: (prefactor * cf) / a };
  }
  const epsabs = DBL_EPSILON / Math.abs(prefactor / b);
  const cf = betaContFrac(b, a, 1 - x, epsabs);
  return { upper: (prefactor * cf) / b };
}

/** gsl_cdf_beta_P(x, a, b): P[X ≤ x] for X ~ Beta(a, b), rounded as GSL rounds it. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const p = betaCdfParts(x, a, b);
  return "lower" in p ? p.lower : 1 - p.upper;
}
