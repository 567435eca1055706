/**
 * Guessing attacks without lattice reduction: exhaustive search over the secret's support, and a
 * meet-in-the-middle split of the secret into two halves whose partial products A·s are matched in
 * a table (with ±error tolerance, locality-sensitive hashing of [ia.cr/2020/515]).
 *
 * Source: malb/lattice-estimator, estimator/lwe_guess.py (ExhaustiveSearch.__call__;
 * MITM.X_range, mitm_analytical, cost, __call__) with estimator/nd.py (support_size, split_balanced,
 * split_probability: support.ts) and prob.amplify (guess.ts). References as cited by the estimator:
 * the number of samples to recognise the secret and the recursive evaluation of A·s over all
 * candidates from eprint 2020/515, generalised in eprint 2021/152.
 *
 * All sizes in log2. Where the estimator raises InsufficientSamplesError (fewer samples than
 * needed) or its support size raises NotImplementedError (Gaussian secret too long for its tail
 * cut-off), the attack is reported as +∞ here. The numerical MITM optimiser visits the same points
 * as the estimator's local_minimum (search.ts localMinimumBase).
 */
import { type CostModelName, assertCostModel, log2Add } from "./cost-models.js";
import { EstimatorParameterError } from "./errors.js";
import { log2AmplifyTrials } from "./guess.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
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

/** Result of the exhaustive-search estimate (log2 where the estimator prints ≈2^x). */
export interface ExhaustiveResult {
  readonly attack: "exhaustive";
  /** Cost model (ignored: no lattice reduction). */
  readonly model: CostModelName;
  /** log2 of the number of operations (+∞ if not applicable). */
  readonly rop: number;
  /** log2 of the memory (integers mod q). */
  readonly mem: number;
  /** log2 of the samples needed to recognise the right secret. */
  readonly m: number;
}

/** Result of the meet-in-the-middle estimate. */
export interface MitmResult {
  readonly attack: "mitm";
  /** Cost model (ignored: no lattice reduction). */
  readonly model: CostModelName;
  /** log2 of the number of operations, repetitions included (+∞ if not applicable). */
  readonly rop: number;
  /** log2 of the memory (not repeated). */
  readonly mem: number;
  /** log2 of the samples used, repetitions included. */
  readonly m: number;
  /** Splitting dimension: the table holds the first k coordinates. */
  readonly k: number;
  /** log2 of the repetitions ↻ needed for success probability 0.99. */
  readonly repetitions: number;
}

const LOG2_E = Math.log2(Math.E);
/** The estimator's Cost.sanity_check: anything above 2^10000 is oo. */
const SANITY_LIMIT = 10000;

// ---------------------------------------------------------------------------------------------
// Exhaustive search
// ---------------------------------------------------------------------------------------------

/** Options of `exhaustiveSearch`. */
export interface ExhaustiveOptions {
  /** Target success probability (default 0.99, split evenly between enumeration and distinguishing). */
  readonly successProbability?: number;
  /** Quantum search: the square root of the search space (default false). */
  readonly quantum?: boolean;
}

/** ExhaustiveSearch on a validated, normalised instance. */
export function exhaustiveSearchResolved(
  inst: ResolvedInstance,
  model: CostModelName,
  options: ExhaustiveOptions = {},
): ExhaustiveResult {
  const none: ExhaustiveResult = { attack: "exhaustive", model, rop: Infinity, mem: Infinity, m: 0 };
  const success = options.successProbability ?? 0.99;
  // two stages, enumeration and distinguishing: √p each
  const probability = Math.sqrt(success);
  let log2Size: number;
  try {
    log2Size = log2SupportSize(inst.secret, inst.n, inst.logQ, probability);
  } catch (e) {
    if (e instanceof EstimatorParameterError) return none; // estimator: NotImplementedError → oo
    throw e;
  }
  if (options.quantum === true) log2Size /= 2;
  // m = 8·exp(4π²σ²)·(ln|S| − ln ln(1/p)), σ = stddev(e)/q  ([ia.cr/2020/515])
  const sigmaRel = 2 ** (inst.log2StddevError - inst.logQ);
  const inner = log2Size * Math.LN2 - Math.log(Math.log(1 / probability));
  const log2M = 3 + 4 * Math.PI ** 2 * sigmaRel ** 2 * LOG2_E + Math.log2(inner);
  if (Math.log2(inst.m) < log2M) return none; // estimator: InsufficientSamplesError
  // computing A·s for all candidates costs 2·|S|·m ([ia.cr/2021/152])
  const rop = 1 + log2Size + log2M;
  if (rop > SANITY_LIMIT) return { ...none, m: log2M };
  return { attack: "exhaustive", model, rop, mem: rop - 1, m: log2M };
}

/**
 * Estimate exhaustive search (lattice-estimator `lwe_guess.exhaustive_search`; the instance is
 * normalised first, as there).
 */
export function exhaustiveSearch(
  instance: LweInstance,
  model: CostModelName = "matzov",
  options: ExhaustiveOptions = {},
): ExhaustiveResult {
  assertCostModel(model);
  return exhaustiveSearchResolved(normalizeInstance(resolveInstance(instance)), model, options);
}

// ---------------------------------------------------------------------------------------------
// Meet in the middle
// ---------------------------------------------------------------------------------------------

/** Sage's round(): to the nearest integer, halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
}

/**
 * MITM.X_range: (number of values a coordinate takes, probability that it does). Bounded: the
 * width of the range, 1. Gaussian: the one-dimensional support size of nd.py at fraction 0,
 * 2·(4σ√(2π) + 1) + 1, with the tail probability 1 − 2e^(−4π). As log2 of the width.
 */
function xRange(dist: ResolvedInstance["secret"], n: number, logQ: number): { log2Width: number; width: number; log2P: number } {
  if (isBounded(dist)) {
    if (dist.kind === "uniformMod") return { log2Width: logQ, width: 2 ** logQ, log2P: 0 };
    const [a, b] = bounds(dist, n, logQ);
    return { log2Width: Math.log2(b - a + 1), width: b - a + 1, log2P: 0 };
  }
  const lw = log2SupportSize(resize(dist, 1), 1, logQ, 0);
  return { log2Width: lw, width: 2 ** lw, log2P: Math.log2(GAUSSIAN_TAIL_PROB) };
}

/** Options of `mitm`. */
export interface MitmOptions {
  /** Target success probability (default 0.99). */
  readonly successProbability?: number;
  /** "analytical" (the estimator's default, conf.mitm_opt) or "numerical" (optimise k). */
  readonly optimization?: "analytical" | "numerical";
}

function mitmAnalytical(inst: ResolvedInstance, model: CostModelName, success: number): MitmResult {
  const none: MitmResult = { attack: "mitm", model, rop: Infinity, mem: Infinity, m: 0, k: 0, repetitions: 0 };
  const nd = xRange(inst.error, inst.n, inst.logQ);
  const delta = 2 ** (nd.log2Width - inst.logQ); // error range relative to q
  const sd = xRange(inst.secret, inst.n, inst.logQ);
  const n = inst.n;
  // table sizes from splitting the dimension
  const k = roundHalfAway(n / (2 - delta));
  let log2SplitProb: number;
  let logT: number;
  // n = 0 or weight 0 (the dual hybrid's reduced instances): the estimator divides by n or h there
  // (ZeroDivisionError, log2 0); one candidate, the zero vector: logT = 0
  const h0 = n === 0 || (isSparse(inst.secret, inst.logQ) && hammingWeight(inst.secret, n, inst.logQ) === 0);
  if (h0) {
    log2SplitProb = 0;
    logT = 0;
  } else if (isSparse(inst.secret, inst.logQ)) {
    const h = hammingWeight(inst.secret, n, inst.logQ);
    if (inst.secret.kind === "sparseTernary") {
      log2SplitProb = log2SplitProbability(inst.secret, k); // split as evenly as possible
    } else {
      const splitH = roundHalfDown((h * k) / n); // coefficients i.i.d.; Sage QQ.round("down"): nearest, halves down
      log2SplitProb = log2Binomial(k, splitH) + log2Binomial(n - k, h - splitH) - log2Binomial(n, h);
    }
    logT = (h * (Math.log2(n) - Math.log2(h) + Math.log2(sd.width - 1) + LOG2_E)) / (2 - delta);
    logT -= Math.log2(h) / 2;
    logT -= (h * h * LOG2_E) / (2 * n * (2 - delta) ** 2);
  } else {
    log2SplitProb = 0;
    logT = k * sd.log2Width;
  }
  const mRequired = logT > 0 ? Math.max(1, roundHalfAway(logT + Math.log2(logT))) : 1;
  if (inst.m < mRequired) return none; // estimator: InsufficientSamplesError
  // m = log T + log log T and rop = T·m, so rop = 2^m
  const rep = log2AmplifyTrials(n * sd.log2P + mRequired * nd.log2P + log2SplitProb, success);
  if (rep === Infinity) return none;
  const log2m = Math.log2(mRequired);
  return {
    attack: "mitm",
    model,
    rop: mRequired + rep,
    mem: logT + log2m,
    m: log2m + rep,
    k,
    repetitions: rep,
  };
}

/** MITM.cost: the cost of splitting at k, with the number of samples m optimised around log T. */
function mitmCostAt(inst: ResolvedInstance, model: CostModelName, k: number, success: number): MitmResult {
  const nd = xRange(inst.error, inst.n, inst.logQ);
  const delta = 2 ** (nd.log2Width - inst.logQ);
  const sd = xRange(inst.secret, inst.n, inst.logQ);
  const n = inst.n;
  let lTab: number; // log2 of the table / search-list sizes
  let lSea: number;
  let log2SplitProb: number;
  if (n === 0) {
    // nothing to split (the dual hybrid's ζ = 0): one empty candidate (the estimator divides by n)
    lTab = 0;
    lSea = 0;
    log2SplitProb = 0;
  } else if (isSparse(inst.secret, inst.logQ)) {
    const h = hammingWeight(inst.secret, n, inst.logQ);
    if (inst.secret.kind === "sparseTernary") {
      const [tab, sea] = splitBalanced(inst.secret, k);
      lTab = log2SupportSize(tab, tab.n);
      lSea = log2SupportSize(sea, sea.n);
      log2SplitProb = lTab + lSea - log2SupportSize(inst.secret, n);
    } else {
      const splitH = roundHalfDown((h * k) / n);
      lTab = splitH * Math.log2(sd.width - 1) + log2Binomial(k, splitH);
      lSea = (h - splitH) * Math.log2(sd.width - 1) + log2Binomial(n - k, h - splitH);
      let log2Total: number;
      try {
        log2Total = log2SupportSize(inst.secret, n, inst.logQ);
      } catch (e) {
        // a Gaussian's whole support (fraction 1): the estimator raises NotImplementedError → oo
        if (e instanceof EstimatorParameterError) return { attack: "mitm", model, rop: Infinity, mem: Infinity, m: 0, k, repetitions: 0 };
        throw e;
      }
      log2SplitProb = lTab + lSea - log2Total;
    }
  } else {
    lTab = k * sd.log2Width;
    lSea = (n - k) * sd.log2Width;
    log2SplitProb = 0;
  }
  // start from m ≈ log T + log log T and search ±5% around it
  const m0 = Math.ceil(Math.max(lTab + Math.log2(lTab), 1));
  const a = Math.floor(0.95 * m0);
  const b = Math.ceil(1.05 * m0);
  // per query: a second table, 2^(δ·m) look-ups and an ℓ∞ check for each hit (probability T/2^m)
  const searchCost = (m: number): number =>
    lSea + log2Add(Math.log2(2 * m), delta * m + log2Add(0, lTab + Math.log2(m) - m));
  const best = localMinimumBase(
    a,
    b - 1,
    (m) => ({ m, cost: searchCost(m) }),
    (x, y) => x.cost <= y.cost,
  ).value;
  const m = Math.min(best.m, inst.m);
  // building the table costs 2·T·m ([ia.cr/2020/515], [ia.cr/2021/152])
  const tableCost = 1 + lTab + Math.log2(m);
  const rop = log2Add(tableCost, best.cost);
  const mem = log2Add(lTab + Math.log2(k + m), lSea + Math.log2(n - k + m));
  const rep = log2AmplifyTrials(n * sd.log2P + m * nd.log2P + log2SplitProb, success);
  return {
    attack: "mitm",
    model,
    rop: rop + rep,
    mem,
    m: Math.log2(m) + rep,
    k,
    repetitions: rep,
  };
}

/** MITM on a validated, normalised instance. */
export function mitmResolved(inst: ResolvedInstance, model: CostModelName, options: MitmOptions = {}): MitmResult {
  const success = options.successProbability ?? 0.99;
  const nd = xRange(inst.error, inst.n, inst.logQ);
  if (nd.log2Width >= inst.logQ) {
    // the error covers all of Z_q: nothing to match
    return { attack: "mitm", model, rop: Infinity, mem: Infinity, m: 0, k: 0, repetitions: 0 };
  }
  if ((options.optimization ?? "analytical") === "analytical") return mitmAnalytical(inst, model, success);
  if (inst.n < 3) return mitmCostAt(inst, model, Math.min(1, inst.n), success); // empty k range: the estimator raises
  const ret = localMinimumBase(1, inst.n - 2, (k) => mitmCostAt(inst, model, k, success), (x, y) => x.rop <= y.rop).value;
  // with large noise the curve need not be convex; the estimator also tries k = 1
  const ret1 = mitmCostAt(inst, model, 1, success);
  return ret1.rop < ret.rop ? ret1 : ret;
}

/**
 * Estimate the meet-in-the-middle attack (lattice-estimator `lwe_guess.mitm`; normalised first, as
 * there). Default optimisation "analytical", the estimator's default.
 */
export function mitm(instance: LweInstance, model: CostModelName = "matzov", options: MitmOptions = {}): MitmResult {
  assertCostModel(model);
  return mitmResolved(normalizeInstance(resolveInstance(instance)), model, options);
}
