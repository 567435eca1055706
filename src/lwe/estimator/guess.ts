/**
 * Solvers for the small LWE instance left after dual reduction, and the probability helpers they
 * use: distinguishing (n = 0), exhaustive search over the secret, meet-in-the-middle (analytical
 * and numerical), and the FFT distinguisher of [AC:GuoJoh21] (t coordinates modulo 2). They are
 * the `solver` plugged into the dual / dual-hybrid cost (dual-hybrid.ts) and can also be run on a
 * plain instance (exhaustive search and MITM are attacks of their own in the estimator).
 *
 * Source: malb/lattice-estimator, estimator/lwe_guess.py (ExhaustiveSearch, MITM.X_range /
 * mitm_analytical / cost / __call__, Distinguisher), estimator/lwe_dual.py (DualHybrid.fft_solver),
 * estimator/prob.py (drop, amplify, amplify_sigma). Papers: [ia.cr/2020/515] (samples for
 * exhaustive search), [ia.cr/2021/152] (computing A·s for all candidates), [IEEE:CHHS19] (MITM),
 * [AC:GuoJoh21] (FFT distinguisher), [ia.cr/2023/302] (independence heuristic).
 *
 * Every cost is log2 (`rop`, `mem`, `m`, `repetitions`): search spaces reach 2^(10^4) and more.
 * Where the estimator raises InsufficientSamplesError (fewer samples than the solver needs) these
 * functions report rop = +∞, like the estimator's NotImplementedError cases ("support too large").
 * Costs above 2^10000 become +∞ as in the estimator's Cost.sanity_check.
 */
import { log2Add } from "./cost-models.js";
import { type Distribution } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { type ResolvedInstance, normalizeInstance } from "./instance.js";
import { localMinimumBase } from "./search.js";
import {
  GAUSSIAN_TAIL_PROB,
  bounds,
  hammingWeight,
  isBounded,
  isSparse,
  log2Binomial,
  log2SplitProbability,
  log2SupportSize,
  resize,
  roundHalfDown,
  splitBalanced,
} from "./support.js";

const LN2 = Math.LN2;
const LOG2E = Math.LOG2E;
/** The estimator's default target success probability. */
export const DEFAULT_SUCCESS_PROBABILITY = 0.99;

/** Cost of a solver on a (reduced) LWE instance; all numbers are log2. */
export interface GuessCost {
  /** log2 of the number of ring operations (+∞: the solver fails). */
  readonly rop: number;
  /** log2 of the memory in elements mod q. */
  readonly mem: number;
  /** log2 of the number of samples the solver needs (the dual attack's number of short vectors). */
  readonly m: number;
  /** log2 of the number of repetitions (estimator's ↻) already included in rop and m. */
  readonly repetitions: number;
  /** MITM: splitting dimension k (size of the table part). */
  readonly k?: number;
  /** FFT distinguisher: number of coordinates guessed modulo 2. */
  readonly t?: number;
}

const FAILED: GuessCost = { rop: Infinity, mem: Infinity, m: 0, repetitions: 0 };

/** Cost.sanity_check: anything above 2^10000 ring operations counts as +∞. */
function sane(c: GuessCost): GuessCost {
  return c.rop > 10000 ? { ...c, rop: Infinity } : c;
}

// ---------------------------------------------------------------------------------------------
// prob.py
// ---------------------------------------------------------------------------------------------

/**
 * log2 of the probability that k coordinates drawn at random from an n-dimensional secret with h
 * non-zero coordinates contain exactly `fail` non-zero ones (prob.drop, hypergeometric):
 * C(n − h, k − fail)·C(h, fail)/C(n, k).
 */
export function log2DropProbability(n: number, h: number, k: number, fail = 0): number {
  return log2Binomial(n - h, k - fail) + log2Binomial(h, fail) - log2Binomial(n, k);
}

/**
 * log2 of the number of independent trials needed to raise the success probability 2^log2P to
 * `target` when a success can be recognised (prob.amplify, majority = False):
 * ⌈ln(1 − target)/ln(1 − p)⌉; 1 trial if p > target, +∞ if p = 0.
 */
export function log2Amplify(target: number, log2P: number): number {
  const p = 2 ** log2P;
  if (target < p) return 0;
  if (log2P === -Infinity) return Infinity;
  if (log2P < -60) {
    // ln(1 − p) = −p to double precision; the ceil is invisible at this size
    return Math.log2(-Math.log(1 - target)) - log2P;
  }
  const x = Math.log(1 - target) / Math.log1p(-p);
  return x < 2 ** 52 ? Math.log2(Math.ceil(x)) : Math.log2(x);
}

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
  if (DEFAULT_SUCCESS_PROBABILITY < adv) return 0; // advantage already above the target: a single sample
  const prec = Math.min(
    2048,
    Math.max(
      53,
      2 * Math.ceil(Math.abs(Math.log2(adv))),
      2 * Math.ceil(Math.abs(Math.log2(1 - adv))),
      2 * Math.ceil(Math.abs(Math.log2(DEFAULT_SUCCESS_PROBABILITY))),
      2 * Math.ceil(Math.abs(Math.log2(1 - DEFAULT_SUCCESS_PROBABILITY))),
    ),
  );
  const lnTarget = Math.log(2 - 2 * DEFAULT_SUCCESS_PROBABILITY);
  // 1 − ε² ∈ [1/2, 1) rounded to `prec` bits  ⇔  ε² rounded to a multiple of 2^(−prec)
  const log2Adv2 = 2 * Math.log2(adv);
  const k = Math.round(2 ** (log2Adv2 + prec));
  if (k === 0) return Infinity; // ln(1) = 0: the estimator's division fails → ∞
  if (prec <= 60) {
    const x = k * 2 ** -prec;
    return Math.log2(Math.ceil((2 * lnTarget) / Math.log1p(-x)));
  }
  // −ln(1 − x) = x to double precision here; N ≈ 2^prec·(−2 ln 0.02)/k (ceil immaterial)
  return Math.log2(-2 * lnTarget) + prec - Math.log2(k);
}

// ---------------------------------------------------------------------------------------------
// Solvers
// ---------------------------------------------------------------------------------------------

/** log2 of the relative error width σ_e/q of an instance. */
function log2RelativeStddev(inst: ResolvedInstance): number {
  return inst.log2StddevError - inst.logQ;
}

/** log2 of exp(4π²σ²) for a relative standard deviation σ = 2^log2Sigma (may be +∞). */
function log2ExpFourPiSqSigmaSq(log2Sigma: number): number {
  return 4 * Math.PI * Math.PI * 2 ** (2 * log2Sigma) * LOG2E;
}

/**
 * Distinguish a 0-dimensional LWE instance (only noise) from uniform (lwe_guess.Distinguisher): the
 * number of samples for advantage 0.99 by majority vote, which is also its cost and memory.
 */
export function distinguish(inst: ResolvedInstance): GuessCost {
  if (inst.n > 0) {
    throw new EstimatorParameterError(
      `distinguish: n = ${inst.n}: expected secret dimension 0 (use exhaustive search for n > 0)`,
    );
  }
  const m = log2DistinguishingSamples(Math.sqrt(2 * Math.PI) * 2 ** log2RelativeStddev(inst));
  if (m > Math.log2(inst.m)) return FAILED;
  return sane({ rop: m, mem: m, m, repetitions: 0 });
}

/** ⌈…⌉-free log2 support size at `fraction`, or null where the estimator raises NotImplementedError. */
function tryLog2SupportSize(dist: Distribution, n: number, logQ: number, fraction: number): number | null {
  try {
    return log2SupportSize(dist, n, logQ, fraction);
  } catch (e) {
    if (e instanceof EstimatorParameterError) return null;
    throw e;
  }
}

/**
 * Exhaustive search over the secret (lwe_guess.ExhaustiveSearch): enumerate the support covering
 * probability √0.99 (size S), test each candidate against m = 8·exp(4π²σ²)·(ln S − ln ln(1/√0.99))
 * samples ([ia.cr/2020/515], σ = σ_e/q), computing A·s for all candidates in time 2·S·m
 * ([ia.cr/2021/152]); memory S·m. The instance is normalised first, as there.
 */
export function exhaustiveSearch(instance: ResolvedInstance, successProbability = DEFAULT_SUCCESS_PROBABILITY): GuessCost {
  const inst = normalizeInstance(instance);
  const probability = Math.sqrt(successProbability);
  const log2Size = tryLog2SupportSize(inst.secret, inst.n, inst.logQ, probability);
  if (log2Size === null) return { ...FAILED, m: 0 };
  const term = log2Size * LN2 - Math.log(Math.log(1 / probability));
  const m = 3 + log2ExpFourPiSqSigmaSq(log2RelativeStddev(inst)) + Math.log2(term);
  if (m > Math.log2(inst.m)) return FAILED; // estimator: InsufficientSamplesError
  const rop = 1 + log2Size + m;
  return sane({ rop, mem: rop - 1, m, repetitions: 0 });
}

/**
 * The FFT distinguisher of [AC:GuoJoh21] for the dual attack (DualHybrid.fft_solver): enumerate the
 * support (size S, probability √0.99) of the guessed coordinates, and for each guess score all 2^t
 * candidates of t further coordinates modulo 2 with a fast Walsh–Hadamard transform. Samples
 * m = 4·exp(4π²σ²)·(ln(2^t·S) − ln ln(1/√0.99)) (independence heuristic, [ia.cr/2023/302]);
 * time S·t·2^t + S·4m (table updates as [MATZOV22] §5.4); memory 2^t. Not normalised (as there).
 */
export function fftSolver(inst: ResolvedInstance, t: number, successProbability = DEFAULT_SUCCESS_PROBABILITY): GuessCost {
  const probability = Math.sqrt(successProbability);
  const log2Size = tryLog2SupportSize(inst.secret, inst.n, inst.logQ, probability);
  if (log2Size === null) return { ...FAILED, m: 0 };
  const term = (t + log2Size) * LN2 - Math.log(Math.log(1 / probability));
  const m = 2 + log2ExpFourPiSqSigmaSq(log2RelativeStddev(inst)) + Math.log2(term);
  if (m > Math.log2(inst.m)) return FAILED;
  const fft = t > 0 ? log2Size + Math.log2(t) + t : -Infinity;
  const rop = log2Add(fft, log2Size + 2 + m);
  return { rop, mem: t, m, repetitions: 0, t };
}

// ---------------------------------------------------------------------------------------------
// Meet in the middle
// ---------------------------------------------------------------------------------------------

/** Share of the MITM's neighbourhood around its starting m (MITM.locality). */
const MITM_LOCALITY = 0.05;

/**
 * Range of one coefficient (MITM.X_range) as [log2 of the number of values, probability that a
 * coefficient falls in it]: a bounded distribution gives b − a + 1 values with probability 1; a
 * Gaussian is cut at ±2σ√(2π) (nd.py support_size of one coefficient), which holds with probability
 * 1 − 2e^(−4π).
 */
function coefficientRange(dist: Distribution, logQ: number): [number, number] {
  if (isBounded(dist)) {
    const [a, b] = bounds(dist, 1, logQ);
    return [Math.log2(b - a + 1), 1];
  }
  return [log2SupportSize(resize(dist, 1), 1, logQ, 0), GAUSSIAN_TAIL_PROB];
}

/** Sage's RealNumber.round(): to the nearest integer, halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * log2 of the table and search-space sizes and of the probability that the secret splits as
 * assumed, for a MITM split at k (MITM.cost). Sparse ternary secrets split their ±1 entries in a
 * balanced way; other sparse secrets assume i.i.d. coefficients and a split of the weight
 * h·k/n (rounded, halves down) : the rest; dense secrets have w^k and w^(n−k) candidates.
 */
function mitmSizes(inst: ResolvedInstance, k: number, log2Rng: number): [number, number, number] | null {
  const { n, secret, logQ } = inst;
  if (!isSparse(secret, logQ)) return [k * log2Rng, (n - k) * log2Rng, 0];
  // n = 0 (nothing guessed): the estimator divides by n (ZeroDivisionError); one empty candidate
  if (n === 0) return [0, 0, 0];
  const log2Total = tryLog2SupportSize(secret, n, logQ, 1);
  if (log2Total === null) return null; // a Gaussian's full support: NotImplementedError there
  if (secret.kind === "sparseTernary") {
    const [tab, sea] = splitBalanced(secret, k);
    const lTab = log2SupportSize(tab, k, logQ);
    const lSea = log2SupportSize(sea, n - k, logQ);
    return [lTab, lSea, lTab + lSea - log2Total];
  }
  const h = hammingWeight(secret, n, logQ);
  const splitH = roundHalfDown((h * k) / n);
  const lNonZero = Math.log2(2 ** log2Rng - 1);
  const lTab = splitH * lNonZero + log2Binomial(k, splitH);
  const lSea = (h - splitH) * lNonZero + log2Binomial(n - k, h - splitH);
  return [lTab, lSea, lTab + lSea - log2Total];
}

/** Apply `repetitions` (log2) to a MITM cost: rop and m scale, memory and k do not. */
function repeatMitm(c: GuessCost, log2Rep: number): GuessCost {
  return { ...c, rop: c.rop + log2Rep, m: c.m + log2Rep, repetitions: c.repetitions + log2Rep };
}

/**
 * MITM.mitm_analytical: split at k = round(n/(2 − δ)) (δ = range of the error / q), table of
 * T = w^k entries (dense) or the sparse-weight estimate, m = round(log T + log log T) samples,
 * rop = 2^m, memory T·m; repeated until the secret and error fall in the assumed ranges.
 */
function mitmAnalytical(inst: ResolvedInstance, successProbability: number, log2NdRng: number, ndP: number): GuessCost {
  const delta = 2 ** (log2NdRng - inst.logQ);
  const [log2SdRng, sdP] = coefficientRange(inst.secret, inst.logQ);
  const n = inst.n;
  const k = roundHalfAway(n / (2 - delta));
  let logT: number;
  let lSplit = 0;
  if (isSparse(inst.secret, inst.logQ) && n > 0) {
    // (n = 0: nothing guessed — the estimator divides by n there — one empty candidate, logT = 0)
    const h = hammingWeight(inst.secret, n, inst.logQ);
    if (inst.secret.kind === "sparseTernary") {
      lSplit = log2SplitProbability(inst.secret, k);
    } else {
      const splitH = roundHalfDown((h * k) / n);
      lSplit = log2Binomial(k, splitH) + log2Binomial(n - k, h - splitH) - log2Binomial(n, h);
    }
    // the estimator divides by h (log2 h, ZeroDivisionError in split_balanced) at weight 0; one candidate
    logT =
      h === 0
        ? 0
        : (h * (Math.log2(n) - Math.log2(h) + Math.log2(2 ** log2SdRng - 1) + LOG2E)) / (2 - delta) -
          Math.log2(h) / 2 -
          (h * h * LOG2E) / (2 * n * (2 - delta) ** 2);
  } else {
    logT = k * log2SdRng; // (dense, or n = 0: k = 0)
  }
  const mRequired = logT > 0 ? Math.max(1, roundHalfAway(logT + Math.log2(logT))) : 1;
  if (mRequired > inst.m) return FAILED; // estimator: InsufficientSamplesError
  const cost: GuessCost = { rop: mRequired, mem: logT + Math.log2(mRequired), m: Math.log2(mRequired), repetitions: 0, k };
  const log2P = n * Math.log2(sdP) + mRequired * Math.log2(ndP) + lSplit;
  return repeatMitm(cost, log2Amplify(successProbability, log2P));
}

/**
 * MITM.cost for a split at k: build a table of the size_tab candidates on k coordinates (2·T·m
 * operations), then for each of the size_sea candidates on the other n − k coordinates look up
 * 2^(δm) cells and check the 1 + T·m/2^m expected hits; m is chosen by a local search around
 * ⌈log T + log log T⌉ (±5 %).
 */
function mitmCostAt(
  inst: ResolvedInstance,
  k: number,
  successProbability: number,
  log2NdRng: number,
  ndP: number,
): GuessCost {
  const delta = 2 ** (log2NdRng - inst.logQ);
  const [log2SdRng, sdP] = coefficientRange(inst.secret, inst.logQ);
  const n = inst.n;
  const sizes = mitmSizes(inst, k, log2SdRng);
  if (sizes === null) return { ...FAILED, k };
  const [lTab, lSea, lSplit] = sizes;
  const mStart = Math.ceil(lTab > 0 ? Math.max(lTab + Math.log2(lTab), 1) : 1);
  const a = Math.floor((1 - MITM_LOCALITY) * mStart);
  const b = Math.ceil((1 + MITM_LOCALITY) * mStart);
  // search cost per choice of m, log2: size_sea·(2m + 2^(δm)·(1 + size_tab·m/2^m))
  const searchCost = (m: number): { m: number; search: number } => {
    const lm = Math.log2(m); // −∞ for m = 0
    const lookups = delta * m + log2Add(0, lTab + lm - m);
    return { m, search: lSea + log2Add(1 + lm, lookups) };
  };
  const best = localMinimumBase(a, b - 1, searchCost, (x, y) => x.search <= y.search).value;
  const m = Math.min(best.m, inst.m);
  const table = m === 0 ? -Infinity : lTab + 1 + Math.log2(m);
  const rop = log2Add(table, best.search);
  const mem = log2Add(lTab + Math.log2(k + m), lSea + Math.log2(n - k + m));
  const log2P = n * Math.log2(sdP) + m * Math.log2(ndP) + lSplit;
  const cost: GuessCost = { rop, mem, m: Math.log2(m), repetitions: 0, k };
  return repeatMitm(cost, log2Amplify(successProbability, log2P));
}

/** How the MITM split is chosen: the estimator's closed form (its default) or a numerical search. */
export type MitmOptimization = "analytical" | "numerical";

/**
 * Meet-in-the-middle on the secret (lwe_guess.MITM, [IEEE:CHHS19]). The instance is normalised
 * first; an error whose range covers q makes the attack impossible (+∞). "numerical" minimises
 * MITM.cost over the split k ∈ [1, n − 2] by the estimator's local search and compares with k = 1
 * (for n < 3, where the estimator's search range is empty and it raises, only k = min(1, n) is costed).
 */
export function mitm(
  instance: ResolvedInstance,
  successProbability = DEFAULT_SUCCESS_PROBABILITY,
  optimization: MitmOptimization = "analytical",
): GuessCost {
  const inst = normalizeInstance(instance);
  const [log2NdRng, ndP] = coefficientRange(inst.error, inst.logQ);
  if (log2NdRng >= inst.logQ) return { ...FAILED, m: -Infinity, k: 0 };
  if (optimization === "analytical") return mitmAnalytical(inst, successProbability, log2NdRng, ndP);
  const at = (k: number): GuessCost => mitmCostAt(inst, k, successProbability, log2NdRng, ndP);
  if (inst.n < 3) return at(Math.min(1, inst.n));
  const best = localMinimumBase(1, inst.n - 2, at, (x, y) => x.rop <= y.rop).value;
  const one = at(1);
  return one.rop < best.rop ? one : best;
}
