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
 *
 * For a block size β: optimal number of samples m' = max(1, ⌈√(n·ln c / ln δ)⌉ − n) capped by m,
 * lattice dimension d = m' + n, relative noise s = √(2π)·ρ·stddev(s)·δ^d/c^(m'/d); distinguishing
 * advantage ε = exp(−π s²); samples N = ⌈2·ln(0.02)/ln(1 − ε²)⌉ (success probability 0.99 by
 * majority vote, see log2DistinguishingSamples for a precision quirk kept from the estimator); cost = N + cost of producing N short vectors (see cost-models.shortVectors).
 */
import {
  type CostModelName,
  MAX_BETA,
  assertCostModel,
  delta,
  log2Add,
  shortVectors,
} from "./cost-models.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { localMinimum } from "./search.js";

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

const LN2 = Math.LN2;
/** Target success probability of the distinguisher (estimator default). */
const TARGET = 0.99;
/** ln(2 − 2·0.99): majority-vote amplification target. */
const LN_TARGET = Math.log(2 - 2 * TARGET);

/**
 * log2 of the number of samples needed to distinguish noise of relative width s = σ√(2π)/q from
 * uniform with probability 0.99 by majority vote (estimator's prob.amplify_sigma + amplify):
 * advantage ε = exp(−π s²) (a double: it underflows to 0, giving +∞, once π s² ≳ 745; s > 16 also
 * gives +∞), N = ⌈2·ln(2 − 2·0.99) / ln(1 − ε²)⌉.
 *
 * Estimator quirk reproduced on purpose: the estimator evaluates ln(1 − ε²) in a MPFR field of
 * precision p = max(53, 2⌈|log2 ε|⌉, 2⌈|log2(1 − ε)|⌉, 14) bits, so 1 − ε² is first rounded to a
 * multiple of 2^(−p), i.e. ε² is replaced by k·2^(−p) with k = round(ε²·2^p) ∈ {1, 2, 3, 4} for small ε.
 * This moves N by up to 2 bits and decides, e.g., β = 299 vs 298 in one of the estimator's own
 * doctests, so it is kept here to reproduce its outputs.
 */
export function log2DistinguishingSamples(relativeWidth: number): number {
  const s = relativeWidth;
  if (!(s <= 16)) return Infinity;
  const adv = Math.exp(-Math.PI * s * s);
  if (adv === 0) return Infinity; // the estimator's float(exp(·)) underflows to 0 → ∞
  if (TARGET < adv) return 0; // advantage already above the target: a single sample
  const prec = Math.min(
    2048,
    Math.max(
      53,
      2 * Math.ceil(Math.abs(Math.log2(adv))),
      2 * Math.ceil(Math.abs(Math.log2(1 - adv))),
      2 * Math.ceil(Math.abs(Math.log2(TARGET))),
      2 * Math.ceil(Math.abs(Math.log2(1 - TARGET))),
    ),
  );
  // 1 − ε² ∈ [1/2, 1) rounded to `prec` bits  ⇔  ε² rounded to a multiple of 2^(−prec)
  const log2Adv2 = 2 * Math.log2(adv);
  const k = Math.round(2 ** (log2Adv2 + prec));
  if (k === 0) return Infinity; // ln(1) = 0: the estimator's division fails → ∞
  if (prec <= 60) {
    const x = k * 2 ** -prec;
    return Math.log2(Math.ceil((2 * LN_TARGET) / Math.log1p(-x)));
  }
  // −ln(1 − x) = x to double precision here; N ≈ 2^prec·(−2 ln 0.02)/k (ceil immaterial)
  return Math.log2(-2 * LN_TARGET) + prec - Math.log2(k);
}

/** Cost of the plain dual attack with block size β on a normalised instance (DualHybrid.cost, ζ = 0). */
export function dualCostForBeta(inst: ResolvedInstance, beta: number, model: CostModelName): DualResult {
  const n = inst.n;
  const dl = delta(beta);
  const lnD = Math.log(dl);
  const lnQ = inst.logQ * LN2;
  const lnSs = inst.log2StddevSecret * LN2;
  const lnSe = inst.log2StddevError * LN2;
  // ρ only depends on the model; the estimator evaluates it with the dummy dimension d = 2β
  const rho = shortVectors(model, beta, 2 * beta).rho;
  const lnC = lnSs + lnQ - lnSe; // c = stddev(s)·q/stddev(e)
  let mOpt = lnC > 0 ? Math.max(1, Math.ceil(Math.sqrt((n * lnC) / lnD)) - n) : 1;
  mOpt = Math.min(inst.m, mOpt);
  const d = mOpt + n;
  // relative standard deviation of the reduced sample's noise (σ' / q)
  const lnSigmaRel = Math.log(rho) + lnSs + d * lnD - (mOpt / d) * lnC;
  const relWidth = Math.sqrt(2 * Math.PI) * Math.exp(lnSigmaRel);
  const log2N = log2DistinguishingSamples(relWidth);
  if (log2N === Infinity) {
    return {
      attack: "dual",
      model,
      rop: Infinity,
      red: Infinity,
      mem: Infinity,
      beta,
      d,
      m: mOpt,
      log2N,
      delta: dl,
    };
  }
  const sv = shortVectors(model, beta, d, log2N);
  const rop = log2Add(log2N, sv.log2Cost);
  const mem = log2Add(log2N, Math.log2(sv.sieveDim) + sv.log2N);
  return { attack: "dual", model, rop, red: sv.log2Cost, mem, beta, d, m: mOpt, log2N, delta: dl };
}

/** Plain dual attack on an already validated (and, normally, normalised) instance. */
export function dualResolved(inst: ResolvedInstance, model: CostModelName): DualResult {
  const step = 8;
  const maxBeta = Math.max(Math.min(inst.m, MAX_BETA), 40 + step);
  return localMinimum(40, maxBeta, step, (beta) => dualCostForBeta(inst, beta, model));
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
