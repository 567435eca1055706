/**
 * Primal BDD attack on LWE [RSA:LiuNgu13]: BKZ-β reduce the q-ary embedding lattice (Bai–Galbraith
 * scaling for small secrets), then make one SVP call in dimension η on the projected lattice, chosen so
 * that the projected error is the shortest vector there (Gaussian heuristic under the GSA), and lift
 * the result with Babai's nearest plane; repeat ⌈ln 0.01 / ln(1 − p)⌉ times when the lifting succeeds
 * only with probability p. Optimised over β and then over the lattice dimension d.
 *
 * Source: malb/lattice-estimator, estimator/lwe_primal.py (primal_bdd = PrimalHybrid(ζ = 0,
 * mitm = babai = False), i.e. cost_zeta(0) with its β search and d search), with the GSA shape model;
 * the machinery is shared with the hybrid in primal-hybrid.ts.
 *
 * Differences from the estimator (only where it fails): where its d search would start above its end
 * (the β-optimal d is below n − 1; the estimator raises ValueError or reports ∞ there) we keep the
 * β-optimal d; where no block size works (e.g. m + n < 40) the estimator raises KeyError and we report
 * rop = +∞. Costs above 2^10000 are reported as +∞, as the estimator's sanity_check does.
 */
import { type CostModelName, assertCostModel, delta } from "./cost-models.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { primalHybridCostZeta } from "./primal-hybrid.js";

/** Result of the primal BDD estimate. All costs are log2. */
export interface PrimalBddResult {
  readonly attack: "primal-bdd";
  readonly model: CostModelName;
  /** log2 of the total cost in ring operations, repetitions included (+∞: attack does not apply). */
  readonly rop: number;
  /** log2 of the BKZ cost, repetitions included (estimator's `red`). */
  readonly red: number;
  /** log2 of the SVP-call + Babai-lift cost, repetitions included (estimator's `svp`). */
  readonly svp: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** Dimension η of the final SVP call. */
  readonly eta: number;
  /** Lattice dimension d. */
  readonly d: number;
  /** log2 of the lifting success probability of one run. */
  readonly log2Prob: number;
  /** log2 of the number of repetitions (not printed by the estimator for bdd, but part of rop). */
  readonly log2Repetitions: number;
  /** Root-Hermite factor δ(β). */
  readonly delta: number;
}

/** Primal BDD on an already validated & normalised instance. */
export function primalBddResolved(inst: ResolvedInstance, model: CostModelName): PrimalBddResult {
  const c = primalHybridCostZeta(inst, model, false, false, 0, true);
  const rop = c.rop > 10000 ? Infinity : c.rop; // the estimator's sanity_check
  return {
    attack: "primal-bdd",
    model,
    rop,
    red: c.red,
    svp: c.svp,
    beta: c.beta,
    eta: c.eta,
    d: c.d,
    log2Prob: c.log2Prob,
    log2Repetitions: c.log2Repetitions,
    delta: Number.isFinite(c.beta) ? delta(c.beta) : NaN,
  };
}

/**
 * Estimate the primal BDD attack (lattice-estimator `LWE.primal_bdd` with the GSA shape model). The
 * instance is validated and normalised first, as the estimator does.
 */
export function primalBdd(instance: LweInstance, model: CostModelName = "matzov"): PrimalBddResult {
  assertCostModel(model);
  return primalBddResolved(normalizeInstance(resolveInstance(instance)), model);
}
