/**
 * Gaussian tail probabilities in log form, for decryption-failure bounds far below double precision
 * (2^-40 … 2^-1000). log erfc uses the Chebyshev-fitted form erfc(x) ≈ τ·exp(−x² + P(τ)), τ = 1/(1 + x/2)
 * (Numerical Recipes, 3rd ed., §6.2.2: fractional error < 1.2·10^-7 for all x ≥ 0), evaluated in the log
 * domain so it never underflows.
 */

const C = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** ln erfc(x) for x ≥ 0. */
export function lnErfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return Math.log(2 - Math.exp(lnErfc(-x)));
  const tau = 1 / (1 + 0.5 * x);
  let poly = 0;
  for (let i = C.length - 1; i >= 0; i--) poly = poly * tau + C[i]!;
  return Math.log(tau) - x * x + poly;
}

/** log2 erfc(x). */
export function log2Erfc(x: number): number {
  return lnErfc(x) / Math.LN2;
}

/** erfc(x) (may underflow to 0 for x > 26; use log2Erfc there). */
export function erfc(x: number): number {
  return Math.exp(lnErfc(x));
}

/** x ≥ 0 with log2 erfc(x) = log2p, for log2p ≤ 0 (bisection; monotone decreasing). */
export function erfcInvLog2(log2p: number): number {
  if (!(log2p <= 0)) throw new RangeError(`log2 probability ${log2p} must be ≤ 0`);
  let lo = 0;
  let hi = 1;
  while (log2Erfc(hi) > log2p) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (log2Erfc(mid) > log2p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** log2 P(|X| ≥ bound) for X ∼ N(0, σ²): erfc(bound / (σ√2)). −Infinity when σ = 0 and bound > 0. */
export function log2TwoSidedTail(bound: number, sigma: number): number {
  if (bound <= 0) return 0;
  if (sigma === 0) return -Infinity;
  return log2Erfc(bound / (sigma * Math.SQRT2));
}
