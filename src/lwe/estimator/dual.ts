/**
 * Plain dual attack on LWE (no guessing of secret coordinates, i.e. the dual-hybrid with ζ = 0):
 * find many short vectors v in the dual lattice {(x, y) : x·A ≡ y mod q} with BKZ-β / sieving,
 * turn each LWE sample set into one new sample ⟨v, (e, s)⟩ whose noise has relative size
 * ρ·stddev(s)·δ^d / c^(m'/d) with c = stddev(s)·q/stddev(e) (the secret part rescaled as in
 * [INDOCRYPT:EspJouKha20]), and count the samples needed to distinguish that noise from uniform.
 *
 * Source: malb/lattice-estimator, estimator/lwe_dual.py (`dual` → DualHybrid.optimize_blocksize with
 * solver = distinguish, ζ = 0, h1 = 0; DualHybrid.dual_reduce and DualHybrid.cost),
 * estimator/lwe_guess.py (Distinguisher), estimator/prob.py (amplify_sigma, amplify with majority
 * vote). Papers: [PQCBook:MicReg09], [INDOCRYPT:EspJouKha20], [AC:GuoJoh21], [MATZOV22].
 * The cost and the β search are the dual hybrid's (dual-hybrid.ts: dualHybridCostAt,
 * optimizeDualBlocksize) with ζ = 0 and the distinguisher (dual-hybrid.ts distinguish) as solver.
 *
 * For a block size β: optimal number of samples m' = max(1, ⌈√(n·ln c / ln δ)⌉ − n) capped by m,
 * lattice dimension d = m' + n, relative noise s = √(2π)·ρ·stddev(s)·δ^d/c^(m'/d); distinguishing
 * advantage ε = exp(−π s²); samples N = ⌈2·ln(0.02)/ln(1 − ε²)⌉ (success probability 0.99 by
 * majority vote, see log2DistinguishingSamples for a precision quirk kept from the estimator); cost = N + cost of producing N short vectors (see cost-models.shortVectors).
 */
import { type CostModelName, assertCostModel } from "./cost-models.js";
import {
  type DualHybridPoint,
  distinguish,
  dualHybridCostAt,
  optimizeDualBlocksize,
  shortVectorsOf,
} from "./dual-hybrid.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";

export { log2DistinguishingSamples } from "./dual-hybrid.js";

/** Result of the plain dual estimate. All costs are log2. */
export interface DualResult {
  readonly attack: "dual";
  /** Cost model used for BKZ / sieving. */
  readonly model: CostModelName;
  /** log2 of the total cost in ring operations (+∞ if the attack cannot succeed). */
  readonly rop: number;
  /** log2 of the cost of producing the short dual vectors. */
  readonly red: number;
  /** log2 of the memory (estimator's `mem`: N plus sieve dimension × number of vectors). */
  readonly mem: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** Lattice dimension d = m + n. */
  readonly d: number;
  /** Number of LWE samples used in the dual lattice (the estimator's `m`). */
  readonly m: number;
  /** log2 of the number of short dual vectors / distinguisher samples N. */
  readonly log2N: number;
  /** Root-Hermite factor δ(β). */
  readonly delta: number;
}

function toDualResult(model: CostModelName, p: DualHybridPoint): DualResult {
  return {
    attack: "dual",
    model,
    rop: p.rop,
    red: p.red,
    mem: p.mem,
    beta: p.beta,
    d: p.d,
    m: p.m,
    log2N: p.log2N,
    delta: p.delta,
  };
}

/** Cost of the plain dual attack with block size β on a normalised instance (DualHybrid.cost, ζ = 0). */
export function dualCostForBeta(inst: ResolvedInstance, beta: number, model: CostModelName): DualResult {
  return toDualResult(model, dualHybridCostAt(inst, shortVectorsOf(model), distinguish, beta));
}

/** Plain dual attack on an already validated (and, normally, normalised) instance. */
export function dualResolved(inst: ResolvedInstance, model: CostModelName): DualResult {
  return toDualResult(model, optimizeDualBlocksize(inst, shortVectorsOf(model), distinguish));
}

/** Options of `dual`. */
export interface DualOptions {
  /**
   * Normalise the instance first (normal form / swap), as `LWE.estimate` does. Default true.
   * The estimator's stand-alone `LWE.dual(params)` does not normalise; pass false to mimic it.
   */
  readonly normalize?: boolean;
}

/** Estimate the plain dual attack (lattice-estimator `LWE.dual`). */
export function dual(instance: LweInstance, model: CostModelName = "matzov", options: DualOptions = {}): DualResult {
  assertCostModel(model);
  const resolved = resolveInstance(instance);
  return dualResolved(options.normalize === false ? resolved : normalizeInstance(resolved), model);
}
