/**
 * The generic dual(-hybrid) attack: dual-reduce the LWE instance on its first n − ζ secret
 * coordinates (many short dual vectors from BKZ-β + sieving), which leaves a ζ-dimensional LWE
 * instance with large noise, and solve that with a guessing solver — exhaustive search
 * ("dual-hybrid-plain", [INDOCRYPT:EspJouKha20], also [EC:Albrecht17]), meet-in-the-middle
 * ("dual-mitm-hybrid", roughly [IEEE:CHHS19]), optionally the FFT distinguisher of [AC:GuoJoh21] on
 * t more coordinates. With ζ = 0 and the plain distinguisher this is the dual attack (dual.ts).
 * For sparse ternary secrets the ζ guessed coordinates are assumed to hold h1 of the h non-zero
 * entries, and the attack is repeated until a random choice of coordinates does.
 *
 * Source: malb/lattice-estimator, estimator/lwe_dual.py (DualHybrid.dual_reduce, cost,
 * optimize_blocksize, __call__, fft_solver; dual_hybrid), estimator/lwe_guess.py (Distinguisher) and
 * prob.py (amplify_sigma); exhaustive search and MITM are exhaustive.ts's (lwe_guess.py), the
 * guessing probabilities guess.ts's (prob.drop / amplify), the reduction costs cost-models.ts's
 * (reduction.py short_vectors).
 *
 * Dual reduction for block size β (natural logs; σ_s, σ_e the reduced secret's and the error's
 * standard deviation, n' = n − ζ, δ = δ(β), ρ = the model's short-vector length factor):
 *   c = σ_s·q/σ_e,  m' = min(m, max(1, ⌈√(n'·ln c/ln δ)⌉ − n')),  d = m' + n',
 *   new relative noise σ'/q = ρ·2^(−t/d)·σ_s·δ^d / c^(m'/d)
 * (the optimal number of samples of [INDOCRYPT:EspJouKha20]; 2^(−t/d) is the [AC:GuoJoh21] scaling).
 * Cost: solver(ζ-dimensional instance with error σ') + cost of producing its N (= the solver's m)
 * short vectors; memory adds N vectors of dimension β_sieve; sparse secrets multiply rop by the
 * repetitions needed for the guessed ζ coordinates to carry exactly h1 non-zero entries.
 *
 * Search (as the estimator, hence the same optimum on its doctests, see dual-hybrid.test.ts):
 * ζ by local_minimum(0, n, opt_step = 8) with neighbourhood; for sparse secrets h1 by
 * local_minimum(h1_min, h1_max) (bisection only); β by local_minimum(40, min(m − ζ, 1754), 8) with
 * neighbourhood; with FFT, t by local_minimum(0, n − ζ) (bisection only) for each β. That is
 * ~10³ evaluations of an O(1) cost (~2 µs) for dense secrets and ~10⁴ for sparse ones (the h1
 * search), i.e. a few ms to ~60 ms at n = 32768 — so the search strategy is unchanged. Only two
 * options are slower there: MITM "numerical" (a search over the split k inside every evaluation;
 * ~400 ms for a sparse secret at n = 32768) and FFT (~100 ms).
 * Where the estimator raises on the way we take the natural extension instead: n < 8 (empty ζ
 * grid) → scan ζ ∈ [0, n); FFT with ζ = n (empty t range) → t = 0; a secret "sparse" by density
 * that is not a sparse ternary vector (NotImplementedError) → treated as i.i.d. (dense); a reduced
 * secret part with stddev 0 (log 0) → that (ζ, h1) is infeasible (+∞); the solvers' divisions by
 * a zero dimension or weight → one empty candidate (see exhaustive.ts).
 */
import {
  type CostModelName,
  MAX_BETA,
  type ShortVectors,
  assertCostModel,
  delta,
  log2Add,
  shortVectors,
} from "./cost-models.js";
import { type Distribution, log2Stddev } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { type MitmOptions, exhaustiveSearchResolved, mitmResolved } from "./exhaustive.js";
import { log2AmplifyTrials, log2DropProbability } from "./guess.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { localMinimum, localMinimumBase } from "./search.js";
import { log2SupportSize, resize, splitBalanced } from "./support.js";

const LN2 = Math.LN2;
const LOG2E = Math.LOG2E;

/** How lattice reduction is costed: the cost model's "N short vectors after BKZ-β in dimension d". */
export type ShortVectorsFn = (beta: number, d: number, log2N?: number) => ShortVectors;

/** The short-vector costing of a named cost model. */
export function shortVectorsOf(model: CostModelName): ShortVectorsFn {
  return (beta, d, log2N) => shortVectors(model, beta, d, log2N);
}

/** A solver for the reduced instance (guess.ts), given the ζ-dimensional instance. */
export type DualSolver = (sub: ResolvedInstance) => GuessCost;

// ---------------------------------------------------------------------------------------------
// Solvers of the reduced instance: the distinguisher and the FFT distinguisher are the dual's own;
// exhaustive search and MITM are the guessing attacks of exhaustive.ts (lwe_guess.py), adapted.
// ---------------------------------------------------------------------------------------------

/** The estimator's default target success probability. */
export const DEFAULT_SUCCESS_PROBABILITY = 0.99;

/** How the MITM split is chosen: the estimator's closed form (its default) or a numerical search. */
export type MitmOptimization = NonNullable<MitmOptions["optimization"]>;

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

/** Exhaustive search (exhaustive.ts) on the reduced instance, normalised first as the estimator's solver does. */
export function exhaustiveSolver(model: CostModelName, successProbability = DEFAULT_SUCCESS_PROBABILITY): DualSolver {
  return (sub) => {
    const r = exhaustiveSearchResolved(normalizeInstance(sub), model, { successProbability });
    return { rop: r.rop, mem: r.mem, m: r.m, repetitions: 0 };
  };
}

/** Meet in the middle (exhaustive.ts) on the reduced instance, normalised first as the estimator's solver does. */
export function mitmSolver(
  model: CostModelName,
  optimization: MitmOptimization = "analytical",
  successProbability = DEFAULT_SUCCESS_PROBABILITY,
): DualSolver {
  return (sub) => {
    const r = mitmResolved(normalizeInstance(sub), model, { optimization, successProbability });
    return { rop: r.rop, mem: r.mem, m: r.m, repetitions: r.repetitions, k: r.k };
  };
}

/** One point (β, ζ, h1, t) of the dual-hybrid cost (the estimator's DualHybrid.cost). All costs log2. */
export interface DualHybridPoint {
  /** log2 of the total cost (+∞ if the solver or the reduction fails). */
  readonly rop: number;
  /** log2 of the memory. */
  readonly mem: number;
  /** log2 of the cost of producing the short dual vectors (one repetition). */
  readonly red: number;
  /** log2 of the solver's cost (one repetition of the sparse guessing; the solver's own repetitions included). */
  readonly solve: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** Guessed coordinates ζ. */
  readonly zeta: number;
  /** Non-zero entries assumed among the ζ guessed coordinates (sparse ternary secrets; else 0). */
  readonly h1: number;
  /** Coordinates handled by the FFT distinguisher (0 without FFT). */
  readonly t: number;
  /** Lattice dimension d = m + n − ζ. */
  readonly d: number;
  /** LWE samples used in the dual lattice (estimator's `m`). */
  readonly m: number;
  /** log2 of the number of short dual vectors / samples the solver needs (N). */
  readonly log2N: number;
  /** log2 of the repetitions (estimator's ↻): solver repetitions × sparse guessing repetitions. */
  readonly repetitions: number;
  /** MITM split dimension (MITM solver only, else null). */
  readonly k: number | null;
  /** Root-Hermite factor δ(β). */
  readonly delta: number;
}

/** log2 stddev of a secret piece; a piece without non-zero entries (or of length 0) has stddev 0. */
function log2StddevOfPiece(dist: Distribution, logQ: number): number {
  if (dist.kind === "sparseTernary" && (dist.n === 0 || dist.plus + dist.minus === 0)) return -Infinity;
  return log2Stddev(dist, logQ);
}

/** The reduced instance and the number of samples used by the dual reduction. */
interface Reduction {
  readonly sub: ResolvedInstance;
  readonly m: number;
}

/**
 * DualHybrid.dual_reduce: the ζ-dimensional LWE instance left after dual reduction with short
 * vectors of root-Hermite factor δ (length factor 2^log2Rho), as `sub`, and the samples m' used.
 */
function dualReduce(
  inst: ResolvedInstance,
  lnDelta: number,
  zeta: number,
  h1: number,
  log2Rho: number,
  t: number,
): Reduction | null {
  const { n, logQ } = inst;
  if (!(Number.isInteger(zeta) && zeta >= 0 && zeta <= n)) {
    throw new EstimatorParameterError(`zeta = ${zeta}: expected a splitting dimension in [0, n = ${n}]`);
  }
  let slv: Distribution = inst.secret;
  let log2SsRed = inst.log2StddevSecret;
  let log2SsSlv = inst.log2StddevSecret;
  if (inst.secret.kind === "sparseTernary") {
    const h = inst.secret.plus + inst.secret.minus;
    if (!(Number.isInteger(h1) && h1 >= 0 && h1 <= h)) {
      throw new EstimatorParameterError(`h1 = ${h1}: expected a splitting weight in [0, h = ${h}]`);
    }
    const [slvPart, redPart] = splitBalanced(inst.secret, zeta, h1);
    if (h1 === h) {
      // all the weight is guessed: no reduction, the solver gets the whole secret and the original error
      const whole = resize(slvPart, n);
      return {
        sub: { ...inst, secret: whole, log2StddevSecret: log2StddevOfPiece(whole, logQ), m: Infinity },
        m: 1,
      };
    }
    slv = slvPart;
    log2SsSlv = log2StddevOfPiece(slvPart, logQ);
    log2SsRed = log2StddevOfPiece(redPart, logQ);
    // a reduced part with all entries equal (e.g. one coordinate holding the last +1) has stddev 0:
    // the estimator takes log(c) = log 0 and fails; nothing to reduce against, so no attack here
    if (log2SsRed === -Infinity) return null;
  }
  const nRed = n - zeta;
  const lnC = (log2SsRed + logQ - inst.log2StddevError) * LN2; // c = σ_s·q/σ_e
  // optimal number of samples [INDOCRYPT:EspJouKha20]; c ≤ 1 (the estimator takes √ of a negative) → 1
  let m = lnC > 0 ? Math.max(1, Math.ceil(Math.sqrt((nRed * lnC) / lnDelta)) - nRed) : 1;
  m = Math.min(inst.m, m);
  const d = m + nRed;
  const log2SigmaRel = log2Rho - t / d + log2SsRed + (d * lnDelta) / LN2 - ((m / d) * lnC) / LN2;
  const log2Se = log2SigmaRel + logQ;
  return {
    sub: {
      n: zeta,
      logQ,
      secret: slv,
      error: { kind: "gaussian", stddev: 2 ** log2Se },
      m: Infinity,
      log2StddevSecret: log2SsSlv,
      log2StddevError: log2Se,
    },
    m,
  };
}

/** Options of the dual-hybrid cost and search. */
export interface DualHybridSearchOptions {
  /** Success probability to target (default 0.99). */
  readonly successProbability?: number;
  /** Use the FFT distinguisher of [AC:GuoJoh21] on t coordinates (dense secrets only; default false). */
  readonly fft?: boolean;
  /** Step of the coarse ζ and β searches (estimator's opt_step, default 8). */
  readonly optStep?: number;
}

/**
 * The estimator's DualHybrid.cost: cost of dual reduction with BKZ-β on n − ζ coordinates (h1
 * non-zero secret entries among the ζ guessed ones for sparse ternary secrets; t FFT coordinates
 * if t > 0) followed by `solver` (or the FFT distinguisher when t > 0) on the reduced instance.
 * `inst` must be validated and normalised.
 */
export function dualHybridCostAt(
  inst: ResolvedInstance,
  sv: ShortVectorsFn,
  solver: DualSolver,
  beta: number,
  zeta = 0,
  h1 = 0,
  t = 0,
  successProbability = DEFAULT_SUCCESS_PROBABILITY,
): DualHybridPoint {
  const dl = delta(beta);
  // ρ only depends on β; the estimator evaluates it with the dummy dimension d = 2β
  const log2Rho = Math.log2(sv(beta, 2 * beta).rho);
  const reduction = dualReduce(inst, Math.log(dl), zeta, h1, log2Rho, t);
  if (reduction === null) {
    const d = 1 + inst.n - zeta;
    return { rop: Infinity, mem: Infinity, red: Infinity, solve: Infinity, beta, zeta, h1, t, d, m: 1, log2N: Infinity, repetitions: 0, k: null, delta: dl };
  }
  const { sub, m } = reduction;
  const d = m + inst.n - zeta;
  const c = t > 0 ? fftSolver(sub, t, successProbability) : solver(sub);
  const k = c.k ?? null;
  if (c.rop === Infinity || c.m === Infinity) {
    const solve = c.rop;
    return { rop: Infinity, mem: c.mem, red: Infinity, solve, beta, zeta, h1, t, d, m, log2N: c.m, repetitions: c.repetitions, k, delta: dl };
  }
  const s = sv(beta, d, c.m);
  let rop = log2Add(c.rop, s.log2Cost);
  const mem = log2Add(c.mem, Math.log2(s.sieveDim) + s.log2N);
  let repetitions = c.repetitions;
  if (inst.secret.kind === "sparseTernary") {
    const h = inst.secret.plus + inst.secret.minus;
    const rep = log2AmplifyTrials(log2DropProbability(inst.n, h, zeta, h1), successProbability);
    rop += rep;
    repetitions += rep;
  }
  return { rop, mem, red: s.log2Cost, solve: c.rop, beta, zeta, h1, t, d, m, log2N: c.m, repetitions, k, delta: dl };
}

/**
 * `a` is not more expensive than `b` (the estimator's `a <= b` on rop). Near-ties are decided on the
 * linear sum red + solve the way the estimator's 53-bit sums see it: log2(2^red + 2^solve) loses
 * the smaller term's last bits (rop ≈ 2^104 has a log2 resolution of 2^−46 ≈ 2^−46·2^104 = 2^58
 * operations), which decides the FFT dimension t between otherwise equal costs.
 */
function notWorse(a: DualHybridPoint, b: DualHybridPoint): boolean {
  if (!(Math.abs(a.rop - b.rop) < 1e-9) || a.rop === Infinity) return a.rop <= b.rop;
  const top = Math.max(a.rop, b.rop);
  const ra = a.rop - log2Add(a.red, a.solve); // sparse repetitions (equal factor on both parts)
  const rb = b.rop - log2Add(b.red, b.solve);
  const diff =
    2 ** (a.red + ra - top) - 2 ** (b.red + rb - top) + (2 ** (a.solve + ra - top) - 2 ** (b.solve + rb - top));
  return diff <= 0;
}

/**
 * DualHybrid.optimize_blocksize: the best β (and t with FFT) for fixed ζ and h1. Also the plain
 * dual attack (ζ = 0, h1 = 0, solver = distinguish; dual.ts).
 */
export function optimizeDualBlocksize(
  inst: ResolvedInstance,
  sv: ShortVectorsFn,
  solver: DualSolver,
  zeta = 0,
  h1 = 0,
  options: DualHybridSearchOptions = {},
): DualHybridPoint {
  const step = options.optStep ?? 8;
  const p = options.successProbability ?? DEFAULT_SUCCESS_PROBABILITY;
  const costT = (beta: number, t: number): DualHybridPoint => dualHybridCostAt(inst, sv, solver, beta, zeta, h1, t, p);
  const f =
    options.fft === true && inst.n - zeta >= 1
      ? (beta: number): DualHybridPoint =>
          localMinimumBase(0, inst.n - zeta - 1, (t) => costT(beta, t), notWorse).value
      : (beta: number): DualHybridPoint => costT(beta, 0);
  const maxBeta = Math.max(Math.min(inst.m - zeta, MAX_BETA), 40 + step);
  return localMinimum(40, maxBeta, step, f);
}

/**
 * DualHybrid.__call__ on a validated, normalised instance: minimise over ζ (and h1 for sparse
 * ternary secrets, where the FFT option is ignored as in the estimator) and β.
 */
export function optimizeDualHybrid(
  inst: ResolvedInstance,
  sv: ShortVectorsFn,
  solver: DualSolver,
  options: DualHybridSearchOptions = {},
): DualHybridPoint {
  const step = options.optStep ?? 8;
  const secret = inst.secret;
  const atZeta =
    secret.kind === "sparseTernary"
      ? (zeta: number): DualHybridPoint => {
          const h = secret.plus + secret.minus;
          const h1Min = Math.max(0, h - (inst.n - zeta));
          let h1Max = Math.min(zeta, h);
          if (h1Min === h1Max) h1Max = h1Min + 1;
          const noFft = { ...options, fft: false };
          return localMinimumBase(
            h1Min,
            h1Max - 1,
            (h1) => optimizeDualBlocksize(inst, sv, solver, zeta, h1, noFft),
            (a, b) => a.rop <= b.rop,
          ).value;
        }
      : (zeta: number): DualHybridPoint => optimizeDualBlocksize(inst, sv, solver, zeta, 0, options);
  if (inst.n < step) {
    // the estimator's ζ grid is empty here (it fails); scan every ζ instead
    let best = atZeta(0);
    for (let zeta = 1; zeta < inst.n; zeta++) {
      const r = atZeta(zeta);
      if (r.rop <= best.rop) best = r;
    }
    return best;
  }
  return localMinimum(0, inst.n, step, atZeta);
}

// ---------------------------------------------------------------------------------------------
// The attacks
// ---------------------------------------------------------------------------------------------

/** Result of a guessing dual-hybrid estimate. All costs are log2. */
interface GuessingDualResult<A extends string> {
  readonly attack: A;
  /** Cost model used for BKZ / sieving. */
  readonly model: CostModelName;
  /** log2 of the total cost in ring operations (+∞ if the attack cannot succeed). */
  readonly rop: number;
  /** log2 of the memory (estimator's `mem`). */
  readonly mem: number;
  /** log2 of the cost of producing the short dual vectors (one repetition). */
  readonly red: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** Guessed coordinates ζ. */
  readonly zeta: number;
  /** Non-zero entries among the guessed coordinates (sparse ternary secrets only). */
  readonly h1?: number;
  /** Lattice dimension d = m + n − ζ. */
  readonly d: number;
  /** LWE samples used in the dual lattice (estimator's `m`). */
  readonly m: number;
  /** log2 of the number of short dual vectors N (the solver's samples). */
  readonly log2N: number;
  /** log2 of the number of repetitions (estimator's ↻). */
  readonly repetitions: number;
  /** Root-Hermite factor δ(β). */
  readonly delta: number;
}

/** The dual hybrid with exhaustive search over the guessed coordinates (estimator's `dual_hybrid`). */
export interface DualHybridPlainResult extends GuessingDualResult<"dual-hybrid-plain"> {
  /** Coordinates handled by the FFT distinguisher (with the `fft` option; 0 otherwise). */
  readonly t: number;
}

/** The dual hybrid with meet-in-the-middle on the guessed coordinates (estimator's `dual_mitm_hybrid`). */
export interface DualMitmHybridResult extends GuessingDualResult<"dual-mitm-hybrid"> {
  /** MITM split dimension k (table part). */
  readonly k: number;
}

function common(inst: ResolvedInstance, model: CostModelName, p: DualHybridPoint) {
  return {
    model,
    rop: p.rop,
    mem: p.mem,
    red: p.red,
    beta: p.beta,
    zeta: p.zeta,
    ...(inst.secret.kind === "sparseTernary" ? { h1: p.h1 } : {}),
    d: p.d,
    m: p.m,
    log2N: p.log2N,
    repetitions: p.repetitions,
    delta: p.delta,
  };
}

/** Options of `dualHybridPlain`. */
export interface DualHybridPlainOptions {
  /** Use the FFT distinguisher of [AC:GuoJoh21] (estimator's fft=True; ignored for sparse secrets). Default false. */
  readonly fft?: boolean;
}

/** Dual hybrid with exhaustive search on an already validated & normalised instance. */
export function dualHybridPlainResolved(
  inst: ResolvedInstance,
  model: CostModelName,
  options: DualHybridPlainOptions = {},
): DualHybridPlainResult {
  const p = optimizeDualHybrid(inst, shortVectorsOf(model), exhaustiveSolver(model), { fft: options.fft === true });
  return { attack: "dual-hybrid-plain", ...common(inst, model, p), t: p.t };
}

/**
 * Estimate the dual hybrid attack with exhaustive search over the guessed coordinates
 * (lattice-estimator `lwe_dual.dual_hybrid(params)`, [INDOCRYPT:EspJouKha20]). The instance is
 * validated and normalised first, as the estimator does.
 */
export function dualHybridPlain(
  instance: LweInstance,
  model: CostModelName = "matzov",
  options: DualHybridPlainOptions = {},
): DualHybridPlainResult {
  assertCostModel(model);
  return dualHybridPlainResolved(normalizeInstance(resolveInstance(instance)), model, options);
}

/** Options of `dualMitmHybrid`. */
export interface DualMitmHybridOptions {
  /** MITM split: "analytical" (the estimator's default, mitm_optimization=True) or "numerical". */
  readonly optimization?: MitmOptimization;
}

/** Dual hybrid with MITM on an already validated & normalised instance. */
export function dualMitmHybridResolved(
  inst: ResolvedInstance,
  model: CostModelName,
  options: DualMitmHybridOptions = {},
): DualMitmHybridResult {
  const optimization = options.optimization ?? "analytical";
  const p = optimizeDualHybrid(inst, shortVectorsOf(model), mitmSolver(model, optimization));
  return { attack: "dual-mitm-hybrid", ...common(inst, model, p), k: p.k ?? 0 };
}

/**
 * Estimate the dual MITM hybrid attack (lattice-estimator `dual_hybrid(params, mitm_optimization=…)`,
 * roughly [IEEE:CHHS19]). The instance is validated and normalised first.
 */
export function dualMitmHybrid(
  instance: LweInstance,
  model: CostModelName = "matzov",
  options: DualMitmHybridOptions = {},
): DualMitmHybridResult {
  assertCostModel(model);
  if (options.optimization !== undefined && options.optimization !== "analytical" && options.optimization !== "numerical") {
    throw new EstimatorParameterError(
      `optimization = ${JSON.stringify(options.optimization)}: expected "analytical" or "numerical"`,
    );
  }
  return dualMitmHybridResolved(normalizeInstance(resolveInstance(instance)), model, options);
}
