/**
 * Coded-BKW on LWE: t1 plain BKW steps (each cancels b coordinates with tables of size q^b), t2
 * coded steps (each maps N_i coordinates to a b-dimensional lattice code, adding quantisation
 * noise), then hypothesis testing of the last `ntest` coordinates with an FFT over q^(ℓ+1) entries;
 * secret coordinates left over (`ntop`) are guessed. Costs follow Equations (7)–(11) of
 * [C:GuoJohSta15]; see also [C:KirFou15].
 *
 * Source: malb/lattice-estimator, estimator/lwe_bkw.py (CodedBKW.N, .ntest, .t1, .cost, .b,
 * __call__) with estimator/lwe_parameters.py (LWEParameters.amplify_m) and prob.amplify_sigma
 * (our dual.ts log2DistinguishingSamples). Papers: [C:GuoJohSta15] Guo–Johansson–Stankovski,
 * "Coded-BKW: solving LWE using lattice codes"; [C:KirFou15] Kirchner–Fouque, "An improved BKW
 * algorithm for LWE with applications to cryptography and lattices".
 *
 * Like the estimator: ℓ = b − 1; the outer search is the estimator's local_minimum over b ∈ [2,
 * 3⌈log2 q⌉), the inner one over t2 ∈ [2, max(3, ⌊n/b⌋)), both comparing rop but never preferring a
 * point that needs more samples than available over one that does not; when the best point needs
 * more samples than the instance has, the samples are amplified by ± sums of k samples (error
 * stddev √k·σ, amplify_m) and the search is rerun until the sample count suffices.
 *
 * What changed for speed (the estimator needs minutes at n = 32768) and why the result is the same:
 * - the search path is the estimator's (same local_minimum_base visits, same tie-breaking); only
 *   the evaluation of one (b, t2) point is faster;
 * - the estimator's C2 (Eq. (9)) is a double sum Σ_i Σ_{j≤i} N_j, O(t2²); it is linear in M and
 *   q^b, so it is evaluated with prefix sums in O(t2): C2 = 4M·ΣN_i + 4H·Σ i·N_i + M·ΣA_i +
 *   H·Σ(i−1)·A_i with H = (q^b − 1)/2 and A_i = ntop + ntest + Σ_{j≤i} N_j (the same algebra for C1);
 * - ntest: the estimator finds a rough root of ntop(ntest) = n − ncod − ntest − t1·b with Brent's
 *   method (Sage find_root, rtol = 0.1; ported below, including Sage's acceptance check) and then
 *   scans upwards one ntest at a time while |ntop| decreases. ntop is strictly decreasing in ntest,
 *   so that scan stops at the sign change; we find the same stopping point by bisection;
 * - everything is in log2 (q^b reaches 2^(3·logQ²)); the estimator's exact N_i floating-point
 *   sequence (q^(2(1−ℓ/ntest)), sqrt, log base q) is mimicked while q fits a double exactly
 *   (logQ < 500), so ties in ⌊·⌋ round the same way.
 * Divergences: where the estimator crashes (ntest = 0 when t1·b ≥ n leaves σ_set undefined; samples
 * that cannot be amplified; an error with non-zero mean needing amplification), the point or attack
 * costs +∞ here.
 */
import { type CostModelName, assertCostModel, log2Add } from "./cost-models.js";
import { mean } from "./distributions.js";
import { log2DistinguishingSamples } from "./dual.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { localMinimumBase } from "./search.js";
import { bounds, log2Binomial } from "./support.js";
import { erfc } from "../../math/gaussian-tail.js";

/** Result of the coded-BKW estimate. All costs are log2. */
export interface BkwResult {
  readonly attack: "bkw";
  /** Cost model (ignored: coded-BKW uses no lattice reduction). */
  readonly model: CostModelName;
  /** log2 of the number of ring operations (+∞ when the attack does not apply). */
  readonly rop: number;
  /** log2 of the number of samples consumed. */
  readonly m: number;
  /** log2 of the memory (t1 + t2 tables of q^b entries). */
  readonly mem: number;
  /** Table size parameter: BKW tables have q^b entries. */
  readonly b: number;
  /** Number of plain BKW steps. */
  readonly t1: number;
  /** Number of coded BKW steps. */
  readonly t2: number;
  /** Hypothesis-testing tables have size q^(ℓ+1); ℓ = b − 1. */
  readonly ell: number;
  /** Number of coordinates handled by coding steps (#cod). */
  readonly ncod: number;
  /** Number of guessed coordinates (#top, typically 0). */
  readonly ntop: number;
  /** Number of hypothesis-tested coordinates (#test). */
  readonly ntest: number;
  /**
   * Error stddev of the instance actually attacked: the input's, or √k times it when the available
   * samples were amplified by ± sums of k samples (estimator: cost["problem"].Xe).
   */
  readonly errorStddev: number;
  /** log2 of the number of samples of the instance actually attacked (after amplification). */
  readonly samples: number;
}

const LOG2_12 = Math.log2(12);

/** The instance data one (b, t2) point depends on. */
interface BkwProblem {
  readonly n: number;
  readonly logQ: number;
  /** q itself when it is (close to) an integer representable exactly, else null (log-domain formulas). */
  readonly q: number | null;
  /** log2 of the available number of samples (+∞ for unlimited). */
  readonly log2M: number;
  readonly log2StddevSecret: number;
  readonly stddevError: number;
  /** σ_s ≤ σ_e (then the secret needs no transformation, C0 = 0). */
  readonly secretNoWider: boolean;
  /** ζ: width of the (clamped) secret range, b − a + 1. */
  readonly zeta: number;
}

/** One evaluated (b, t2) point. */
interface Point {
  readonly rop: number;
  readonly m: number;
  readonly mem: number;
  readonly b: number;
  readonly t1: number;
  readonly t2: number;
  readonly ncod: number;
  readonly ntop: number;
  readonly ntest: number;
}

// ---------------------------------------------------------------------------------------------
// Sage find_root = scipy brentq (+ Sage's checks), used for the rough ntest
// ---------------------------------------------------------------------------------------------

/**
 * scipy.optimize.brentq (scipy/optimize/Zeros/brentq.c), returning null where scipy raises
 * (same signs, no convergence in `maxiter` iterations).
 */
function brentq(f: (x: number) => number, xa: number, xb: number, xtol: number, rtol: number, maxiter: number): number | null {
  let xpre = xa;
  let xcur = xb;
  let xblk = 0;
  let fpre = f(xpre);
  let fcur = f(xcur);
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  if (fpre === 0) return xpre;
  if (fcur === 0) return xcur;
  if (fpre < 0 === fcur < 0) return null;
  for (let i = 0; i < maxiter; i++) {
    if (fpre !== 0 && fcur !== 0 && fpre < 0 !== fcur < 0) {
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0 || Math.abs(sbis) < delta) return xcur;
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // interpolate
      } else {
        const dpre = (fpre - fcur) / (xpre - xcur); // extrapolate
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre));
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur;
        scur = stry;
      } else {
        spre = sbis;
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
  }
  return null;
}

/**
 * Sage's find_root(f, a, b, rtol = rtol) for a function with f(b) < 0 (always so here): null where
 * Sage raises RuntimeError. f(a) < 0 means Sage's find_local_maximum refinement, which for our
 * decreasing f ends near a with |f| ≥ rtol, i.e. RuntimeError, except for |f(a)| < rtol (root ≈ a).
 */
function sageFindRoot(f: (x: number) => number, a: number, b: number, rtol: number): number | null {
  const xtol = 10e-13;
  const left = f(a);
  const right = f(b);
  if (left < 0 && right < 0) return Math.abs(left) < rtol ? a : null;
  const root = brentq(f, a, b, xtol, rtol, 100);
  if (root === null) return null;
  // Sage's acceptance test (trac #4942): |f(root)| must be small relative to the average slope
  if (Math.abs(f(root)) > Math.max(Math.abs((root * rtol * (right - left)) / (b - a)), 1e-6)) return null;
  return root;
}

/** Python's round(): nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// ---------------------------------------------------------------------------------------------
// The coded-BKW formulas
// ---------------------------------------------------------------------------------------------

/**
 * N_i = ⌊b / (1 − log_q(12·σ_set²/2^i)/2)⌋ with σ_set = √(q^(2(1 − ℓ/ntest))/12) (CodedBKW.N),
 * i.e. ⌊b / (ℓ/ntest + i/(2·log2 q))⌋, evaluated the estimator's way while q is an exact double.
 * Returns a function of i for the given ntest.
 */
function codeLengths(p: BkwProblem, b: number, ell: number, ntest: number): (i: number) => number {
  const x = ell / ntest;
  const c = 1 / (2 * p.logQ);
  const q = p.q;
  if (q === null) return (i) => Math.floor(b / (x + i * c));
  const sigmaSet = Math.sqrt(q ** (2 * (1 - ell / ntest)) / 12);
  const twelveSigma2 = 12 * sigmaSet ** 2;
  const lnQ = Math.log(q);
  const lnTwelveSigma2 = Math.log(twelveSigma2);
  // the estimator's RR never under/overflows; with doubles that happens for q^(2(1 − ℓ/ntest)) far
  // from 1 (huge q, small ntest) — then only the closed form is meaningful
  if (!(twelveSigma2 > 0 && twelveSigma2 < Infinity)) return (i) => Math.floor(b / (x + i * c));
  return (i) => {
    const v = b / (x + i * c);
    // far from an integer both evaluations floor alike; near one, follow the estimator's roundings
    if (Math.abs(v - Math.round(v)) > 1e-9 * v) return Math.floor(v);
    const t = twelveSigma2 / 2 ** i; // (RR never underflows; doubles do below 2^−1022)
    const lg = t > 1e-300 ? Math.log(t) / lnQ : (lnTwelveSigma2 - i * Math.LN2) / lnQ;
    return Math.floor(b / (1 - lg / 2));
  };
}

/**
 * ncod = Σ_{i=1..t2} N_i, in O(√(b·log2 q)) instead of O(t2): N_i = ⌊b/(x + i·c)⌋ (x = ℓ/ntest,
 * c = 1/(2·log2 q)) is non-increasing, so after the first K terms (while N_i > i) the rest is summed
 * by value: Σ_{i>K} N_i = Σ_{v=1..N_{K+1}} #{K < i ≤ t2 : N_i ≥ v}, and N_i ≥ v ⇔ i ≤ (b/v − x)/c.
 * Boundary cases within 1e-9 of an integer are settled with the exact per-index N_i, so the sum is
 * the same as the direct one.
 */
function sumCodeLengths(p: BkwProblem, b: number, ell: number, ntest: number, t2: number): number {
  const N = codeLengths(p, b, ell, ntest);
  let s = 0;
  let i = 1;
  for (; i <= t2; i++) {
    const v = N(i);
    if (v <= i) break;
    s += v;
  }
  if (i > t2) return s;
  const K = i - 1;
  const V = N(K + 1);
  const x = ell / ntest;
  const c = 1 / (2 * p.logQ);
  for (let v = 1; v <= V; v++) {
    // G = largest index with N_G ≥ v (≥ K + 1 since N_{K+1} = V ≥ v)
    const y = (b / v - x) / c;
    let G: number;
    const r = Math.round(y);
    if (Math.abs(y - r) <= 1e-9 * Math.max(1, y)) G = N(r) >= v ? r : r - 1;
    else G = Math.floor(y);
    s += Math.min(t2, G) - K;
  }
  return s;
}

/**
 * CodedBKW.ntest: the number of hypothesis-tested coordinates making ntop = n − ncod − ntest − t1·b
 * (closest to) zero, found as the estimator does (rough Brent root, then the first ntest at which
 * |ntop| stops decreasing). 0 when t1·b ≥ n.
 */
function chooseNtest(p: BkwProblem, ell: number, t1: number, t2: number, b: number): number {
  const n = p.n;
  if (t1 * b >= n) return 0;
  const ntop = (ntest: number): number => n - sumCodeLengths(p, b, ell, ntest, t2) - ntest - t1 * b;
  const hi = n - t1 * b; // the scan's last candidate (range end n − t1·b + 1 exclusive)
  const root = sageFindRoot(ntop, 2, hi + 1, 0.1);
  const start = root === null ? 2 : Math.max(roundHalfEven(root) - 1, 2);
  if (start > hi) return 1;
  // the estimator compares against ntest_min = 1 first, then keeps ntest while |ntop| decreases
  const first = Math.abs(ntop(start));
  if (first >= Math.abs(ntop(1))) return 1;
  if (ntop(start) <= 0) return start; // the next step can only increase |ntop|
  // ntop is strictly decreasing: the scan stops at the sign change; find k = first ntest with ntop ≤ 0
  let lo = start; // ntop(lo) > 0
  if (ntop(hi) > 0) return hi; // never crosses inside the range: the scan runs to its end
  let up = hi; // ntop(up) ≤ 0
  while (up - lo > 1) {
    const mid = Math.floor((lo + up) / 2);
    if (ntop(mid) > 0) lo = mid;
    else up = mid;
  }
  // lo: last positive, up: first non-positive; the scan keeps `up` only if |ntop| got smaller
  return Math.abs(ntop(up)) < Math.abs(ntop(lo)) ? up : lo;
}

/** log2(2^x − y) for 0 ≤ y ≤ 2^x (exact while 2^x is a double; y negligible beyond 2^60). */
function log2Sub(x: number, y: number): number {
  if (x > 60) return x;
  const v = 2 ** x - y;
  return v > 0 ? Math.log2(v) : -Infinity;
}

/** log2(q^k − 1) − 1 = log2 of (q^k − 1)/2. */
function log2HalfPowerMinusOne(p: BkwProblem, k: number): number {
  return log2Sub(k * p.logQ, 1) - 1;
}

/** log2 erf(x) for x > 0. */
function log2Erf(x: number): number {
  return Math.log1p(-erfc(x)) / Math.LN2;
}

/**
 * The part of CodedBKW.cost that depends only on n, q, b and t2 (not on the noise): t1, the coded
 * step count t2 − t1, ntest, ncod, ntop and the sums C1/C2 need. Cached across the sample
 * amplification rounds, which only change the error.
 */
interface Structure {
  readonly t1: number;
  readonly t2: number;
  readonly ntest: number;
  readonly ncod: number;
  readonly ntop: number;
  /** Σ_{i≤t1}(n+1−ib)(t1+t2−i) and Σ_{i≤t1}(n+1−ib) (C1). */
  readonly s1a: number;
  readonly s1b: number;
  /** Σ N_i, Σ i·N_i, Σ A_i, Σ (i−1)·A_i with A_i = ntop + ntest + Σ_{j≤i} N_j (C2). */
  readonly sN: number;
  readonly siN: number;
  readonly sA: number;
  readonly siA: number;
}

function structure(p: BkwProblem, b: number, t2In: number): Structure {
  const n = p.n;
  const ell = b - 1;
  // t1: how many of the N_i would be ≤ b (plain BKW steps do as well there), capped by n/b
  let t1 = 0;
  {
    const ntest0 = chooseNtest(p, ell, 0, t2In, b);
    const N0 = codeLengths(p, b, ell, ntest0);
    for (let i = 1; i <= t2In; i++) if (N0(i) <= b) t1++;
    if (b * t1 > n) t1 = Math.floor(n / b);
  }
  const t2 = t2In - t1;
  const ntest = chooseNtest(p, ell, t1, t2, b);
  let s1a = 0;
  let s1b = 0;
  for (let i = 1; i <= t1; i++) {
    const w = n + 1 - i * b;
    s1a += w * (t1 + t2 - i);
    s1b += w;
  }
  // estimator: σ_set is undefined when ntest = 0 (UnboundLocalError); costed as +∞ below
  if (ntest === 0) return { t1, t2, ntest, ncod: 0, ntop: 0, s1a, s1b, sN: 0, siN: 0, sA: 0, siA: 0 };
  const N = codeLengths(p, b, ell, ntest);
  const Ni = new Float64Array(t2 + 1);
  let ncod = 0;
  for (let i = 1; i <= t2; i++) {
    Ni[i] = N(i);
    ncod += Ni[i]!;
  }
  const ntop = Math.max(n - ncod - ntest - t1 * b, 0);
  let sN = 0;
  let siN = 0;
  let sA = 0;
  let siA = 0;
  let prefix = 0;
  for (let i = 1; i <= t2; i++) {
    const Nv = Ni[i]!;
    prefix += Nv;
    const A = ntop + ntest + prefix;
    sN += Nv;
    siN += i * Nv;
    sA += A;
    siA += (i - 1) * A;
  }
  return { t1, t2, ntest, ncod, ntop, s1a, s1b, sN, siN, sA, siA };
}

/** CodedBKW.cost for table size b and t2 (coded + plain) steps. */
function bkwCost(p: BkwProblem, b: number, st: Structure): Point {
  const n = p.n;
  const ell = b - 1;
  const lq = p.logQ;
  const { t1, t2, ntest, ncod, ntop } = st;
  const fail = (): Point => ({ rop: Infinity, m: Infinity, mem: Infinity, b, t1, t2, ncod, ntop, ntest });
  if (ntest === 0) return fail();
  const ntot = ncod + ntest;

  // Theorem 1: σ_final² = 2^(t1+t2)·σ_e² + σ_s²·σ_set²·ntot, σ_set² = q^(2(1 − ℓ/ntest))/12
  const log2SigmaSet2 = 2 * lq * (1 - ell / ntest) - LOG2_12;
  const log2Var = log2Add(t1 + t2 + 2 * Math.log2(p.stddevError), 2 * p.log2StddevSecret + log2SigmaSet2 + Math.log2(ntot));
  const log2SigmaFinal = 0.5 * log2Var;
  // M = amplify_sigma(0.99, σ_final·√(2π), q)
  const log2M = log2DistinguishingSamples(Math.sqrt(2 * Math.PI) * 2 ** (log2SigmaFinal - lq));
  if (log2M === Infinity) return fail();

  const log2H = log2HalfPowerMinusOne(p, b); // H = (q^b − 1)/2
  const log2m = log2Add(Math.log2(t1 + t2) + log2H, log2M); // m = (t1 + t2)·H + M

  const terms: number[] = [];
  // Equation (7): transform the secret when it is wider than the error
  if (!p.secretNoWider) {
    const nr = n - t1 * b;
    const mMinusN = log2Sub(log2m, nr);
    if (mMinusN > -Infinity) terms.push(mMinusN + Math.log2(n + 1) + Math.log2(Math.ceil(nr / (b - 1))));
  }
  // Equation (8): C1 = Σ_{i≤t1} (n + 1 − ib)(m − iH) = H·Σ(n+1−ib)(t1+t2−i) + M·Σ(n+1−ib)
  if (st.s1a > 0) terms.push(log2H + Math.log2(st.s1a));
  if (st.s1b > 0) terms.push(log2M + Math.log2(st.s1b));
  // Equation (9): C2 = Σ_i 4(M + iH)·N_i + Σ_i (ntop + ntest + Σ_{j≤i} N_j)(M + (i − 1)H)
  if (st.sN > 0) terms.push(2 + log2M + Math.log2(st.sN));
  if (st.siN > 0) terms.push(2 + log2H + Math.log2(st.siN));
  if (st.sA > 0) terms.push(log2M + Math.log2(st.sA));
  if (st.siA > 0) terms.push(log2H + Math.log2(st.siA));
  const log2Guess = ntop * Math.log2(2 * p.zeta + 1); // (2ζ + 1)^ntop
  // Equation (10): C3 = M·ntop·(2ζ + 1)^ntop
  if (ntop > 0) terms.push(log2M + Math.log2(ntop) + log2Guess);
  // Equation (11): C4 = 4·M·ntest + (2ζ + 1)^ntop·(q^(ℓ+1)·(ℓ + 1)·log2 q + q^(ℓ+1))
  terms.push(2 + log2M + Math.log2(ntest));
  terms.push(log2Guess + (ell + 1) * lq + Math.log2((ell + 1) * lq + 1));

  let log2C = -Infinity;
  for (const t of terms) log2C = log2Add(log2C, t);
  // divided by erf(ζ/√(2σ_e))^ntop (sic: √(2σ_e), as in the estimator)
  if (ntop > 0) log2C -= ntop * log2Erf(p.zeta / Math.sqrt(2 * p.stddevError));
  const mem = Math.log2(t1 + t2) + b * lq;
  return { rop: log2C, m: log2m, mem, b, t1, t2, ncod, ntop, ntest };
}

/** CodedBKW.b: the estimator's nested local-minimum search over b and t2. */
function searchBT(p: BkwProblem, cache: Map<number, Structure>): Point {
  // sf(x, best): x.rop ≤ best.rop, unless best fits the available samples and x does not
  const smaller = (x: Point, best: Point): boolean => x.rop <= best.rop && !(best.m <= p.log2M && p.log2M < x.m);
  const bMax = 3 * Math.ceil(p.logQ - 1e-9);
  const outer = localMinimumBase(2, bMax - 1, (b) => {
    const t2Max = Math.max(3, Math.floor(p.n / b));
    const point = (t2: number): Point => {
      const key = b * 2 ** 26 + t2;
      let st = cache.get(key);
      if (st === undefined) {
        st = structure(p, b, t2);
        cache.set(key, st);
      }
      return bkwCost(p, b, st);
    };
    return localMinimumBase(2, t2Max - 1, point, smaller).value;
  }, smaller);
  return outer.value;
}

/** q as an exact double when log2 q is (very close to) that of an integer below 2^500, else null. */
function exactModulus(logQ: number): number | null {
  if (logQ >= 500) return null;
  const q = 2 ** logQ;
  if (logQ < 53) {
    const r = Math.round(q);
    return Math.abs(q - r) <= 1e-6 * q ? r : q;
  }
  return q;
}

function makeProblem(inst: ResolvedInstance, log2M: number, stddevError: number): BkwProblem {
  const s = inst.secret;
  const sigmaS = 2 ** inst.log2StddevSecret;
  // secret range, clamped to ±3σ for Gaussian-like (Gaussian, CBD) secrets of mean 0
  let zeta: number;
  if (s.kind === "gaussian") zeta = 6 * sigmaS + 1;
  else if (s.kind === "cbd") zeta = 2 * Math.min(s.eta, 3 * sigmaS) + 1;
  else if (s.kind === "uniformMod") zeta = 2 ** inst.logQ;
  else {
    const [lo, hi] = bounds(s, inst.n, inst.logQ);
    zeta = hi - lo + 1;
  }
  return {
    n: inst.n,
    logQ: inst.logQ,
    q: process.env.NOMIMIC ? null : exactModulus(inst.logQ),
    log2M,
    log2StddevSecret: inst.log2StddevSecret,
    stddevError,
    secretNoWider: inst.log2StddevSecret <= Math.log2(stddevError),
    zeta,
  };
}

/**
 * LWEParameters.amplify_m: smallest k < ⌈log2 m'⌉ with C(m, k)·2^k − 1 ≥ m' (± sums of k of the m
 * samples); the new error is a Gaussian of stddev √k·σ_e. null where the estimator raises.
 */
function amplifiedK(m: number, log2Needed: number): number | null {
  const kMax = Math.ceil(log2Needed);
  for (let k = 0; k < kMax; k++) {
    const lhs = log2Binomial(m, k) + k;
    const enough = lhs < 60 ? 2 ** lhs - 1 >= 2 ** log2Needed : lhs >= log2Needed;
    if (enough) return k;
  }
  return null;
}

function toResult(pt: Point, model: CostModelName, stddevError: number, samples: number): BkwResult {
  return {
    attack: "bkw",
    model,
    rop: pt.rop,
    m: pt.m,
    mem: pt.mem,
    b: pt.b,
    t1: pt.t1,
    t2: pt.t2,
    ell: pt.b - 1,
    ncod: pt.ncod,
    ntop: pt.ntop,
    ntest: pt.ntest,
    errorStddev: stddevError,
    samples,
  };
}

/** Coded-BKW on an already validated and normalised instance. */
export function bkwResolved(inst: ResolvedInstance, model: CostModelName): BkwResult {
  const sigmaE = 2 ** inst.log2StddevError;
  const log2Avail = Math.log2(inst.m);
  let p = makeProblem(inst, log2Avail, sigmaE);
  const infinite = (): BkwResult =>
    toResult({ rop: Infinity, m: Infinity, mem: Infinity, b: 0, t1: 0, t2: 0, ncod: 0, ntop: 0, ntest: 0 }, model, p.stddevError, p.log2M);
  const cache = new Map<number, Structure>(); // noise-independent part of each (b, t2) point
  // the estimator loops until the best point fits the (amplified) samples; it converges in a few rounds
  for (let round = 0; round < 64; round++) {
    const best = searchBT(p, cache);
    if (best.rop === Infinity) return infinite();
    if (best.m <= p.log2M) return toResult(best, model, p.stddevError, p.log2M);
    // InsufficientSamplesError → amplify the original samples to ≈ best.m
    if (inst.m === Infinity) return toResult(best, model, p.stddevError, p.log2M); // unreachable
    if (mean(inst.error, 2 ** Math.min(inst.logQ, 1000)) !== 0) return infinite(); // estimator: NotImplementedError
    const k = amplifiedK(inst.m, best.m);
    if (k === null) return infinite(); // estimator: NotImplementedError ("Cannot amplify")
    const log2MNew = best.m < 52 ? Math.log2(Math.ceil(2 ** best.m)) : best.m;
    p = makeProblem(inst, log2MNew, Math.sqrt(k) * sigmaE);
  }
  return infinite();
}

/**
 * Estimate coded-BKW (lattice-estimator `LWE.coded_bkw`, the "bkw" line of `LWE.estimate`). The
 * instance is validated and normalised first, as the estimator does. `model` is carried along for a
 * uniform interface only: no lattice reduction is involved.
 */
export function bkw(instance: LweInstance, model: CostModelName = "matzov"): BkwResult {
  assertCostModel(model);
  return bkwResolved(normalizeInstance(resolveInstance(instance)), model);
}
