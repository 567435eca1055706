/**
 * Primal uSVP attack on LWE under the Geometric Series Assumption: embed the instance into a
 * uSVP lattice (Kannan embedding; Bai–Galbraith embedding with rescaling when the secret is no wider
 * than the error), find the smallest usable lattice dimension d for each BKZ block size β in closed
 * form, and minimise the BKZ cost over β.
 *
 * Source: malb/lattice-estimator, estimator/lwe_primal.py (PrimalUSVP._xi_factor, _solve_for_d,
 * cost_gsa and __call__ with red_shape_model = GSA). Papers: success condition of [USENIX:ADPS16],
 * verified in [AC:AGVW17], [C:DDGR20], [PKC:PosVir21]; small-secret scaling of [ACISP:BaiGal14].
 *
 * Success condition (natural logs), σ = stddev(error), τ = σ (embedding factor), ξ = σ/stddev(secret)
 * if the secret is narrower than the error else 1, δ = δ(β):
 *     ln √(σ²(β − 1) + τ²)  ≤  (2β − d − 1)·ln δ + (ln τ + n·ln ξ + (d − n − 1)·ln q) / d
 * Multiplying by d gives a quadratic in d; the smallest d ∈ [n, m_max] satisfying it is taken
 * (m_max = m + n for the Bai–Galbraith embedding, m otherwise), then d ≥ β + 1 is enforced.
 */
import { type CostModelName, MAX_BETA, assertCostModel, delta, log2BkzCost } from "./cost-models.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { localMinimum } from "./search.js";

/** Result of the primal uSVP estimate. All costs are log2. */
export interface PrimalResult {
  readonly attack: "primal-usvp";
  /** Cost model used for BKZ. */
  readonly model: CostModelName;
  /** log2 of the total cost in ring operations (+∞ if no β ≤ 1754 succeeds). */
  readonly rop: number;
  /** log2 of the lattice-reduction cost (equals rop for this attack). */
  readonly red: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** Lattice dimension d. */
  readonly d: number;
  /**
   * Number of LWE samples used: d − n − 1 for the Bai–Galbraith embedding (secret no wider than the
   * error), d − 1 for the plain Kannan embedding.
   */
  readonly m: number;
  /** Root-Hermite factor δ(β). */
  readonly delta: number;
}

const LN2 = Math.LN2;

/** Smallest d ∈ [n, mMax] satisfying a·d² + b·d + c ≥ 0 (a = −ln δ < 0), or +∞. */
function solveForD(n: number, mMax: number, a: number, b: number, c: number): number {
  if (a * n * n + b * n + c >= 0) return n;
  const disc = b * b - 4 * a * c;
  if (disc < 0) return Infinity;
  const r = Math.sqrt(disc);
  const d1 = (-b + r) / (2 * a);
  const d2 = (-b - r) / (2 * a);
  if (a > 0) return Math.min(mMax, Math.ceil(d2));
  if (n <= d1) return Math.min(mMax, Math.ceil(d1));
  return Infinity;
}

/**
 * log2 of the Bai–Galbraith scaling factor ξ = σ_e/σ_s when the secret is narrower than the error,
 * else 0 (estimator's PrimalUSVP._xi_factor). Shared by the uSVP, BDD and hybrid attacks.
 */
export function log2XiFactor(inst: ResolvedInstance): number {
  return inst.log2StddevSecret < inst.log2StddevError ? inst.log2StddevError - inst.log2StddevSecret : 0;
}

/**
 * Largest usable embedding dimension: m + n when the secret is no wider than the error (Bai–Galbraith:
 * the secret's coordinates act as extra samples), m otherwise (estimator's PrimalUSVP.__call__ /
 * PrimalHybrid.__call__).
 */
export function maxEmbeddingDimension(inst: ResolvedInstance): number {
  return inst.log2StddevSecret <= inst.log2StddevError ? inst.m + inst.n : inst.m;
}

/** Cost of the primal uSVP attack with block size β on a normalised instance (estimator's cost_gsa). */
export function primalUsvpCostForBeta(
  inst: ResolvedInstance,
  beta: number,
  model: CostModelName,
  mMax: number,
): PrimalResult {
  const n = inst.n;
  const lnQ = inst.logQ * LN2;
  const lnSigmaE = inst.log2StddevError * LN2;
  const lnXi = log2XiFactor(inst) * LN2;
  const lnTau = lnSigmaE; // embedding factor τ = σ_e
  const dl = delta(beta);
  const lnD = Math.log(dl);
  // ln √(σ²(β − 1) + τ²) with τ = σ  =  ln σ + ½ ln β
  const lhs = lnSigmaE + 0.5 * Math.log(beta);

  const a = -lnD;
  const b = lnD * (2 * beta - 1) + lnQ - lhs;
  const c = lnTau + n * lnXi - (n + 1) * lnQ;
  let d = solveForD(n, mMax, a, b, c);
  const bg = inst.log2StddevSecret <= inst.log2StddevError;
  if (d === Infinity) {
    return { attack: "primal-usvp", model, rop: Infinity, red: Infinity, beta, d: Infinity, m: Infinity, delta: dl };
  }
  if (d < beta) d = beta;
  // d = β would mean a single SVP call instead of a BKZ tour; the estimator avoids the jump
  if (d === beta && d < mMax) d += 1;
  // the estimator asserts d ≤ m_max + 1 here (it fails for tiny n·m); we report "no attack" instead
  if (d > mMax + 1) {
    return { attack: "primal-usvp", model, rop: Infinity, red: Infinity, beta, d, m: Infinity, delta: dl };
  }

  const rhs = lnD * (2 * beta - d - 1) + (lnTau + lnXi * n + lnQ * (d - n - 1)) / d;
  const ok = lhs <= rhs;
  const cost = ok ? log2BkzCost(model, beta, d) : Infinity;
  return {
    attack: "primal-usvp",
    model,
    rop: cost,
    red: cost,
    beta,
    d,
    m: Math.max(0, bg ? d - n - 1 : d - 1),
    delta: dl,
  };
}

/** Primal uSVP on an already validated & normalised instance. */
export function primalUsvpResolved(inst: ResolvedInstance, model: CostModelName): PrimalResult {
  const mMax = maxEmbeddingDimension(inst);
  const precision = 5;
  const maxBeta = Math.max(Math.min(MAX_BETA, mMax), 40 + precision);
  return localMinimum(40, maxBeta, precision, (beta) => primalUsvpCostForBeta(inst, beta, model, mMax));
}

/**
 * Estimate the primal uSVP attack (lattice-estimator `LWE.primal_usvp` with the GSA shape model).
 * The instance is validated and normalised first (normal form / swap, as the estimator does).
 */
export function primalUsvp(instance: LweInstance, model: CostModelName = "matzov"): PrimalResult {
  assertCostModel(model);
  return primalUsvpResolved(normalizeInstance(resolveInstance(instance)), model);
}
