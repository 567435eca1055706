/**
 * Generic "multiplicative" composition of guessing secret coordinates with another attack: guess ζ
 * coordinates of the secret (all of them for a dense secret; for a sparse one, guess which few are
 * non-zero and ignore the rest), run the attack on the remaining n − ζ, and repeat for every guess
 * (dense) or as often as needed to hit a guess that is right with probability 0.99 (sparse).
 *
 * Source: malb/lattice-estimator, estimator/lwe_guess.py (guess_composition.dense_solve, .gammaf,
 * .sparse_solve, __call__) with estimator/prob.py (drop, amplify). ζ is optimised with the
 * estimator's local_minimum (search.ts localMinimumBase, same visits and tie-breaking); costs are
 * log2 throughout.
 *
 * Estimator behaviour kept on purpose:
 * - dense secrets: ζ ranges over [0, ⌊log_base(rop of the plain attack)⌋) with base = number of
 *   values of a coordinate; a Gaussian secret has base ∞ (unbounded), so that range is empty and the
 *   result is +∞ (the estimator returns Cost(rop=oo) there);
 * - any sub-attack returning +∞ aborts the whole search with +∞, as the estimator's loop does;
 * - sparse secrets: ζ ranges over [0, n − 40); for n ≤ 40 the estimator fails, here +∞.
 */
import { log2Add } from "./cost-models.js";
import { type Distribution, log2Stddev } from "./distributions.js";
import type { ResolvedInstance } from "./instance.js";
import { localMinimumBase } from "./search.js";
import { bounds, hammingWeight, isBounded, isSparse, log2Binomial, resize } from "./support.js";

/** Outcome of guess_composition around an attack returning `T`. All costs log2. */
export interface GuessComposed<T> {
  /** log2 total cost: the inner attack's rop plus log2 of the repetitions. */
  readonly rop: number;
  /** The inner attack's result on the instance with n − ζ coordinates (null if nothing was run). */
  readonly inner: T | null;
  /** Number of guessed (dense) or ignored-and-guessed (sparse) coordinates ζ. */
  readonly zeta: number;
  /** log2 of the number of repetitions ↻ (dense: base^ζ; sparse: amplification × search space). */
  readonly repetitions: number;
  /** log2 of the sparse guessing search space |S| (dense: equal to `repetitions`). */
  readonly searchSpace: number;
  /** Probability that a single sparse guess pattern is right (dense: 1). */
  readonly probability: number;
}

// ---------------------------------------------------------------------------------------------
// prob.py helpers
// ---------------------------------------------------------------------------------------------

/**
 * log2 of prob.drop(n, h, k, fail): the probability that exactly `fail` of k coordinates drawn
 * from n (of which h are non-zero) are non-zero — C(n − h, k − fail)·C(h, fail)/C(n, k).
 */
export function log2DropProbability(n: number, h: number, k: number, fail = 0): number {
  return log2Binomial(n - h, k - fail) + log2Binomial(h, fail) - log2Binomial(n, k);
}

/**
 * log2 of prob.amplify(target, p) without majority vote: the number of independent trials so that
 * at least one succeeds with probability `target`, ⌈ln(1 − target)/ln(1 − p)⌉ (1 if p > target;
 * +∞ if p = 0). `log2P` is log2 p (p may be far below 2^−1074).
 */
export function log2AmplifyTrials(log2P: number, target = 0.99): number {
  if (log2P === -Infinity) return Infinity;
  const p = 2 ** log2P;
  if (target < p) return 0;
  const num = Math.log(1 - target);
  if (log2P > -40) return Math.log2(Math.ceil(num / Math.log1p(-p)));
  // −ln(1 − p) = p to double precision; the ceil is invisible
  return Math.log2(-num) - log2P;
}

// ---------------------------------------------------------------------------------------------
// The composition
// ---------------------------------------------------------------------------------------------

/** The instance with n − ζ secret coordinates (LWEParameters.updated(n = n − ζ): Xs resized). */
export function withFewerCoordinates(inst: ResolvedInstance, zeta: number): ResolvedInstance {
  const n = inst.n - zeta;
  const secret: Distribution = resize(inst.secret, n);
  let log2StddevSecret = inst.log2StddevSecret;
  if (secret.kind === "sparseTernary") {
    // more weight than room (ζ close to n) makes the nd.py variance formula negative; treat as 0
    const v = (secret.plus + secret.minus) * n - (secret.plus - secret.minus) ** 2;
    log2StddevSecret = v > 0 ? log2Stddev(secret) : -Infinity;
  }
  return { ...inst, n, secret, log2StddevSecret };
}

class Abort extends Error {}

/**
 * guess_composition.gammaf: for ζ guessed-or-ignored coordinates of a weight-h secret, the number
 * γ of non-zero coordinates allowed among them minimising repetitions = amplify(0.99, P[≤ γ non-zero
 * among ζ]) × |S|, |S| = Σ_{i≤γ} C(ζ, i)·base^i. Returns log2 values.
 */
function gammaf(
  n: number,
  h: number,
  zeta: number,
  log2Base: number,
): { repeat: number; gamma: number; searchSpace: number; log2Probability: number } {
  if (h === 0 || zeta === 0) return { repeat: 0, gamma: 0, searchSpace: -Infinity, log2Probability: 0 };
  let log2Probability = -Infinity;
  let searchSpace = -Infinity;
  let best: { repeat: number; gamma: number; searchSpace: number; log2Probability: number } | null = null;
  for (let gamma = 0; gamma < Math.min(h, zeta); gamma++) {
    log2Probability = log2Add(log2Probability, log2DropProbability(n, h, zeta, gamma));
    searchSpace = log2Add(searchSpace, log2Binomial(zeta, gamma) + gamma * log2Base);
    const repeat = log2AmplifyTrials(Math.min(0, log2Probability)) + searchSpace;
    if (best !== null && repeat >= best.repeat) break;
    best = { repeat, gamma, searchSpace, log2Probability };
  }
  return best as { repeat: number; gamma: number; searchSpace: number; log2Probability: number };
}

/**
 * guess_composition(f)(params) on a normalised instance: sparse secrets (density < 1/2 or sparse
 * ternary) take the sparse path, others the dense one. `f` receives the instance with n − ζ
 * coordinates (not normalised: the estimator's attacks normalise themselves).
 */
export function guessComposition<T extends { readonly rop: number }>(
  inst: ResolvedInstance,
  f: (sub: ResolvedInstance) => T,
): GuessComposed<T> {
  const infinite: GuessComposed<T> = {
    rop: Infinity,
    inner: null,
    zeta: 0,
    repetitions: 0,
    searchSpace: 0,
    probability: 1,
  };
  const s = inst.secret;
  const smaller = (x: GuessComposed<T>, best: GuessComposed<T>): boolean => x.rop <= best.rop;

  if (isSparse(s, inst.logQ)) {
    // base = number of non-zero values of a coordinate
    const [lo, hi] = bounds(s, inst.n, inst.logQ);
    const log2Base = isBounded(s) ? Math.log2(hi - lo) : Infinity;
    const h = hammingWeight(s, inst.n, inst.logQ);
    if (inst.n - 40 <= 0) return infinite;
    try {
      return localMinimumBase(
        0,
        inst.n - 41,
        (zeta) => {
          const single = f(withFewerCoordinates(inst, zeta));
          if (single.rop === Infinity) throw new Abort();
          const g = gammaf(inst.n, h, zeta, log2Base);
          return {
            rop: single.rop + g.repeat,
            inner: single,
            zeta,
            repetitions: g.repeat,
            searchSpace: g.searchSpace,
            probability: 2 ** g.log2Probability,
          };
        },
        smaller,
      ).value;
    } catch (e) {
      if (e instanceof Abort) return infinite;
      throw e;
    }
  }

  // dense: base = number of values of a coordinate (∞ for a Gaussian)
  let log2Base: number;
  if (!isBounded(s)) log2Base = Infinity;
  else if (s.kind === "uniformMod") log2Base = inst.logQ;
  else {
    const [lo, hi] = bounds(s, inst.n, inst.logQ);
    log2Base = Math.log2(hi - lo + 1);
  }
  const baseline = f(inst);
  if (baseline.rop === Infinity) return { ...infinite, inner: baseline };
  const maxZeta = Math.min(Math.floor(baseline.rop / log2Base), inst.n);
  if (!(maxZeta >= 1)) return infinite; // local_minimum(0, 0) visits nothing: Cost(rop=oo)
  try {
    const best = localMinimumBase(
      0,
      maxZeta - 1,
      (zeta) => {
        const cost = f(zeta === 0 ? inst : withFewerCoordinates(inst, zeta));
        if (cost.rop === Infinity) throw new Abort();
        const rep = zeta * log2Base;
        return { rop: cost.rop + rep, inner: cost, zeta, repetitions: rep, searchSpace: rep, probability: 1 };
      },
      smaller,
    ).value;
    return best.rop < Infinity ? best : infinite;
  } catch (e) {
    if (e instanceof Abort) return infinite;
    throw e;
  }
}
