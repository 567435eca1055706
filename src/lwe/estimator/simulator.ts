/**
 * Shape of a BKZ-β reduced q-ary basis under the Geometric Series Assumption [Schnorr03]: the
 * logarithms of the Gram–Schmidt norms ‖b*_i‖ decrease linearly in i with slope 2·log δ(β), and their
 * sum is the log-volume of the lattice spanned by the rows of
 *
 *     ⌜ ξI  A  0 ⌝
 *     ǀ  0 qI  0 |     (ξI: n × n, qI: (d − n − 1) × (d − n − 1), τ: the optional Kannan row)
 *     ⌞ 0   c  τ ⌟
 *
 * Source: malb/lattice-estimator, estimator/simulator.py (GSA). The estimator's other shape models
 * are not ported: ZGSA / LGSA (no doctest of primal_bdd / primal_hybrid uses them) and CN11 / CN11_NQ,
 * which call fpylll's BKZ simulator (fpylll.tools.bkz_simulator); the GSA is the estimator's default
 * (conf.red_shape_model = "gsa") and the only model our attacks use.
 *
 * Profiles are kept in log2 (q may be 2^900, so q² overflows a double) and, because the GSA profile is
 * an arithmetic progression, as the pair (first value, step) rather than as an array.
 */
import { delta } from "./cost-models.js";

/**
 * A GSA profile of squared Gram–Schmidt norms: log2 r_i = log2R0 − i·log2Step, i = 0, …, d − 1
 * (r_i = ‖b*_i‖², as the estimator's simulators return them).
 */
export interface GsaShape {
  /** Lattice dimension (number of Gram–Schmidt vectors). */
  readonly d: number;
  /** log2 r_0 = log2 ‖b*_0‖². */
  readonly log2R0: number;
  /** Decrease of log2 r_i per index: 4·log2 δ(β). */
  readonly log2Step: number;
}

/**
 * GSA shape after BKZ-β (estimator's simulator.GSA(d, n, q, β, ξ, τ)): the lattice has d − n − 1
 * q-vectors (d − n without the Kannan row, i.e. `log2Tau === false`), n vectors scaled by ξ and,
 * if present, the Kannan row τ. Requires 2 ≤ β ≤ d (asserted by the estimator as well).
 */
export function gsaShape(
  d: number,
  n: number,
  logQ: number,
  beta: number,
  log2Xi = 0,
  log2Tau: number | false = 0,
): GsaShape {
  if (!(beta >= 2 && beta <= d)) throw new RangeError(`gsaShape: need 2 <= beta <= d (beta = ${beta}, d = ${d})`);
  const log2Vol = log2Tau === false ? logQ * (d - n) + log2Xi * n : logQ * (d - n - 1) + log2Xi * n + log2Tau;
  const log2Delta = Math.log2(delta(beta));
  // log2 ‖b*_i‖ = (d − 1 − 2i)·log2 δ + log2Vol/d; squared norms double that
  return { d, log2R0: 2 * ((d - 1) * log2Delta + log2Vol / d), log2Step: 4 * log2Delta };
}

/** log2 r_i of a GSA shape. */
export function gsaLog2R(shape: GsaShape, i: number): number {
  return shape.log2R0 - i * shape.log2Step;
}

/** The whole profile log2 r_0, …, log2 r_{d−1} (what the estimator's GSA returns, in log2). */
export function gsaLog2Profile(shape: GsaShape): Float64Array {
  const out = new Float64Array(shape.d);
  for (let i = 0; i < shape.d; i++) out[i] = gsaLog2R(shape, i);
  return out;
}
