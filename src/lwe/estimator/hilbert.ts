/**
 * The first negative coefficient of the Hilbert series H = P_e(z)^n · (1 − z^d)^M, P_e = 1 + z + … +
 * z^{e−1}, below z^prec — the degree of regularity of the semi-regular systems in gb.py (see
 * arora-gb.ts for how gb_cost's series reduces to this form).
 *
 * h_k = Σ_j (−1)^j C(M, j)·p_{k−jd}, p = coefficients of P_e^n. The p_k come from the positive
 * recurrence (k + 1) p_{k+1} = Σ_{i=1}^{e−1} ((n + 1)·i − k − 1) p_{k+1−i} (from Q'·P = n·P'·Q) up
 * to the centre n(e − 1)/2 and by symmetry beyond.
 *
 * 1. No negative coefficient below k0 = the first k with C(M, 1)·p_{k−d} ≥ p_k: before it the
 *    log-concave terms of the alternating sum decrease from j = 0, so h_k > T_0 − T_1 > 0. The
 *    condition is monotone in k (p_{k−d}/p_k is non-decreasing), so k0 is found by bisection.
 * 2. A few direct sums from k0 (doubles with a separate binary exponent and an error bound,
 *    double-double where doubles cannot certify the sign): enough when M is large (d_reg ≈ k0).
 * 3. Otherwise the alternating sums cancel badly (40–200+ bits at n = 32768) and h_k is obtained
 *    from the first-order ODE A·H' = B·H, A = P_e·(1 − z^d), B = n·P_e'·(1 − z^d) − M·d·z^{d−1}·P_e,
 *    i.e. the recurrence (k + 1)·h_{k+1} = Σ b_i·h_{k−i} − Σ a_i·(k + 1 − i)·h_{k+1−i}, run in
 *    doubles from a window of accurately computed direct sums just below k0. H is the only power-
 *    series solution and the recurrence computes h itself, without the cancellation; near-zero
 *    results at a sign change are re-checked in double-double.
 * The exact BigInt computation (the estimator's own, via exact rationals) is used for n ≤ 512 and
 * for cross-checks: the floating path agrees with it on every case tried (the tests include deep-
 * cancellation ones). Lengths grow on demand, so d_reg ≪ 2n does not pay for all 2n coefficients.
 */

// ---------------------------------------------------------------------------------------------
// Caching
// ---------------------------------------------------------------------------------------------

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  if (cache.size >= 8) cache.delete(cache.keys().next().value as string);
  cache.set(key, v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Exact
// ---------------------------------------------------------------------------------------------

const exactCache = new Map<string, bigint[]>();

/** C(n − 1 + k, k) for k < prec. */
function exactBinomialSeries(n: number, prec: number): bigint[] {
  const B: bigint[] = new Array<bigint>(prec);
  B[0] = 1n;
  const N = BigInt(n);
  for (let k = 0; k + 1 < prec; k++) B[k + 1] = (B[k]! * (N + BigInt(k))) / BigInt(k + 1);
  return B;
}

/** Exact p_k, k < prec. */
function exactPowerCoefficients(n: number, e: number, prec: number): bigint[] {
  return cached(exactCache, `${n},${Math.min(e, prec)},${prec}`, () => {
    if (e >= prec) return exactBinomialSeries(n, prec); // P_e^n ≡ (1 − z)^(−n) mod z^prec
    const p: bigint[] = new Array<bigint>(prec);
    if (e * e <= prec) {
      p[0] = 1n;
      for (let k = 0; k + 1 < prec; k++) {
        let s = 0n;
        const top = Math.min(e - 1, k + 1);
        for (let i = 1; i <= top; i++) s += BigInt((n + 1) * i - k - 1) * p[k + 1 - i]!;
        p[k + 1] = s / BigInt(k + 1);
      }
      return p;
    }
    // large e: p_k = Σ_i (−1)^i C(n, i)·C(n − 1 + k − i·e, n − 1), few terms
    const B = exactBinomialSeries(n, prec);
    const Cn: bigint[] = [1n];
    for (let i = 0; i < n && (i + 1) * e < prec; i++) Cn.push((Cn[i]! * BigInt(n - i)) / BigInt(i + 1));
    for (let k = 0; k < prec; k++) {
      let s = 0n;
      for (let i = 0; i * e <= k && i < Cn.length; i++) s += (i % 2 === 0 ? 1n : -1n) * Cn[i]! * B[k - i * e]!;
      p[k] = s;
    }
    return p;
  });
}

function firstNegativeExact(n: number, e: number, d: number, M: bigint, prec: number): number {
  const p = exactPowerCoefficients(n, e, prec);
  const jMax = Math.floor((prec - 1) / d);
  const C: bigint[] = [1n]; // C(M, j)
  for (let j = 0; j < jMax && BigInt(j) < M; j++) C.push((C[j]! * (M - BigInt(j))) / BigInt(j + 1));
  for (let k = d; k < prec; k++) {
    let s = 0n;
    for (let j = 0; j * d <= k && j < C.length; j++) s += (j % 2 === 0 ? C[j]! : -C[j]!) * p[k - j * d]!;
    if (s < 0n) return k;
  }
  return Infinity;
}

// ---------------------------------------------------------------------------------------------
// Double-double primitives (Dekker / Knuth error-free transformations); results in DD_H, DD_L
// ---------------------------------------------------------------------------------------------

let DD_H = 0;
let DD_L = 0;
const SPLITTER = 134217729; // 2^27 + 1

function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  DD_L = b - (s - a);
  DD_H = s;
}
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  DD_L = ah * bh - p + ah * bl + al * bh + al * bl;
  DD_H = p;
}
/** (ah, al) + (bh, bl). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const err = ah - (s - bb) + (bh - bb);
  quickTwoSum(s, err + al + bl);
}
/** (ah, al)·(bh, bl). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = DD_H;
  const e = DD_L + (ah * bl + al * bh);
  quickTwoSum(p, e);
}
/** (ah, al)/b for a double b. */
function ddDivD(ah: number, al: number, b: number): void {
  const q1 = ah / b;
  twoProd(q1, b);
  const r = (ah - DD_H - DD_L + al) / b;
  quickTwoSum(q1, r);
}

// ---------------------------------------------------------------------------------------------
// p_k with a separate binary exponent: p_k = (hi[k] + lo[k])·2^exp[k] (lo = 0 in plain doubles)
// ---------------------------------------------------------------------------------------------

interface ExtSeries {
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly exp: Int32Array;
  /** log2 of the value (approximate: for locating the largest terms only), computed on demand. */
  readonly lg: (i: number) => number;
}

function withLog(hi: Float64Array, lo: Float64Array, exp: Int32Array): ExtSeries {
  const memo = new Float64Array(hi.length).fill(NaN);
  const lg = (i: number): number => {
    let v = memo[i]!;
    if (v !== v) {
      v = Math.log2(hi[i]!) + exp[i]!;
      memo[i] = v;
    }
    return v;
  };
  return { hi, lo, exp, lg };
}

/** 2^s for integer s ∈ [−1100, 450] (no transcendental call in the inner loop). */
const POW2_MIN = -1100;
const POW2 = (() => {
  const t = new Float64Array(1551);
  for (let i = 0; i < t.length; i++) t[i] = 2 ** (i + POW2_MIN);
  return t;
})();

// values are kept in [2^−400, 2^400] so that products of two never overflow
const RESCALE_AT = 2 ** 400;
const RESCALE_BY = 2 ** -400;
const RESCALE_BITS = 400;

const growingCache = new Map<string, GrowingSeries>();

/**
 * Ext-exponent p_k = (hi[k] + lo[k])·2^exp[k] in doubles (dd = false) or double-doubles (dd = true),
 * computed incrementally: `at(k)` extends the series (in chunks that double) as far as the callers
 * look, so a d_reg far below 2n does not pay for all 2n coefficients.
 */
class GrowingSeries {
  private readonly s: ExtSeries;
  private filled = 1;
  /** Current binary scale of the recurrence window. */
  private x = 0;
  private readonly mode: "binomial" | "largeE" | "recurrence";
  private readonly deg: number;
  private readonly last: number;
  constructor(
    private readonly n: number,
    private readonly e: number,
    private readonly prec: number,
    private readonly dd: boolean,
  ) {
    const hi = new Float64Array(prec);
    const lo = new Float64Array(prec);
    const exp = new Int32Array(prec);
    hi[0] = 1;
    this.s = withLog(hi, lo, exp);
    this.mode = e >= prec ? "binomial" : e * e > 4 * prec ? "largeE" : "recurrence";
    this.deg = n * (e - 1);
    this.last = Math.min(prec - 1, Math.floor(this.deg / 2));
  }

  /** The series with index k available (k < prec). */
  at(k: number): ExtSeries {
    if (k >= this.filled) {
      let len = Math.max(1024, 2 * this.filled);
      while (len <= k) len *= 2;
      this.extend(Math.min(this.prec, len));
    }
    return this.s;
  }

  private extend(len: number): void {
    if (this.mode === "binomial") this.binomialsTo(len);
    else if (this.mode === "largeE") this.largeE();
    else this.recurrenceTo(len);
  }

  /** C(n − 1 + k, k) by the product recurrence. */
  private binomialsTo(len: number): void {
    const { hi, lo, exp } = this.s;
    const n = this.n;
    for (let k = this.filled - 1; k + 1 < len; k++) {
      if (this.dd) {
        ddMul(hi[k]!, lo[k]!, n + k, 0);
        ddDivD(DD_H, DD_L, k + 1);
        hi[k + 1] = DD_H;
        lo[k + 1] = DD_L;
      } else hi[k + 1] = (hi[k]! * (n + k)) / (k + 1);
      exp[k + 1] = this.x;
      if (hi[k + 1]! > RESCALE_AT) {
        hi[k + 1] = hi[k + 1]! * RESCALE_BY;
        lo[k + 1] = lo[k + 1]! * RESCALE_BY;
        this.x += RESCALE_BITS;
        exp[k + 1] = this.x;
      }
    }
    this.filled = Math.max(this.filled, len);
  }

  /**
   * Large e (e² > 4·prec): p_k = B_k·(1 + Σ_{i≥1} (−1)^i C(n, i)·B_{k−ie}/B_k) with B_k = C(n−1+k, k);
   * the corrections are below n·(2/3)^e ≪ 2^−30, so doubles keep double-double accuracy. All at once.
   */
  private largeE(): void {
    const { hi, lo, exp } = this.s;
    const n = this.n;
    const e = this.e;
    this.binomialsTo(this.prec);
    const B = { hi: hi.slice(), lo: lo.slice(), exp: exp.slice() };
    for (let k = e; k < this.prec; k++) {
      let corr = 0;
      let cn = 1; // C(n, i)
      for (let i = 1; i * e <= k && i <= n; i++) {
        cn = (cn * (n - i + 1)) / i;
        const j = k - i * e;
        const t = cn * (B.hi[j]! / B.hi[k]!) * 2 ** (B.exp[j]! - B.exp[k]!);
        corr += i % 2 === 0 ? t : -t;
        if (t < 2 ** -110 || !Number.isFinite(cn)) break;
      }
      if (this.dd) {
        quickTwoSum(1, corr);
        ddMul(B.hi[k]!, B.lo[k]!, DD_H, DD_L);
        hi[k] = DD_H;
        lo[k] = DD_L;
      } else hi[k] = B.hi[k]! * (1 + corr);
    }
    this.filled = this.prec;
  }

  /** The positive recurrence up to the centre, symmetry beyond. */
  private recurrenceTo(len: number): void {
    const { hi, lo, exp } = this.s;
    const n = this.n;
    const e = this.e;
    const upto = Math.min(len - 1, this.last); // last index computed by the recurrence
    for (let k = this.filled - 1; k + 1 <= upto; k++) {
      const top = Math.min(e - 1, k + 1);
      let sh = 0;
      let sl = 0;
      for (let i = 1; i <= top; i++) {
        const w = (n + 1) * i - k - 1;
        const j = k + 1 - i;
        if (this.dd) {
          ddMul(hi[j]!, lo[j]!, w, 0);
          ddAdd(sh, sl, DD_H, DD_L);
          sh = DD_H;
          sl = DD_L;
        } else sh += w * hi[j]!;
      }
      if (this.dd) {
        ddDivD(sh, sl, k + 1);
        hi[k + 1] = DD_H;
        lo[k + 1] = DD_L;
      } else hi[k + 1] = sh / (k + 1);
      exp[k + 1] = this.x;
      if (hi[k + 1]! > RESCALE_AT) {
        // rescale the window the recurrence still reads (exact: a power of two)
        for (let j = Math.max(0, k + 3 - e); j <= k + 1; j++) {
          hi[j] = hi[j]! * RESCALE_BY;
          lo[j] = lo[j]! * RESCALE_BY;
          exp[j] = exp[j]! + RESCALE_BITS;
        }
        this.x += RESCALE_BITS;
      }
    }
    for (let k = Math.max(this.filled, this.last + 1); k < len; k++) {
      const m = this.deg - k;
      if (m >= 0) {
        hi[k] = hi[m]!;
        lo[k] = lo[m]!;
        exp[k] = exp[m]!;
      }
    }
    this.filled = Math.max(this.filled, len);
  }
}

/** The (cached) growing p series for (n, e, prec) in doubles or double-doubles. */
function growingPowerCoefficients(n: number, e: number, prec: number, dd: boolean): GrowingSeries {
  return cached(growingCache, `${n},${Math.min(e, prec)},${prec},${dd}`, () => new GrowingSeries(n, e, prec, dd));
}

/**
 * C(M, j), j ≤ jMax, ext-exponent. M is given as a double (an exact integer when below 2^53) and as
 * log2 (used when M is beyond 2^1000).
 */
function extBinomialsOfM(M0: number, log2M: number, jMax: number, dd: boolean): ExtSeries {
  const hi = new Float64Array(jMax + 1);
  const lo = new Float64Array(jMax + 1);
  const exp = new Int32Array(jMax + 1);
  hi[0] = 1;
  const huge = log2M > 1000;
  const M = huge ? NaN : M0;
  // for huge M, C(M, j) ≈ (M^j/j!)·(1 − O(j²/M)): M = mM·2^xM
  const xM = huge ? Math.floor(log2M) : 0;
  const mM = huge ? 2 ** (log2M - xM) : 0;
  let x = 0;
  for (let j = 0; j < jMax; j++) {
    if (!huge && j >= M) break;
    if (dd) {
      if (huge) ddMul(hi[j]!, lo[j]!, mM, 0);
      else {
        // M − j exactly as a double-double (M is an integer-valued double)
        quickTwoSum(M, -j);
        ddMul(hi[j]!, lo[j]!, DD_H, DD_L);
      }
      ddDivD(DD_H, DD_L, j + 1);
      hi[j + 1] = DD_H;
      lo[j + 1] = DD_L;
    } else hi[j + 1] = (hi[j]! * (huge ? mM : M - j)) / (j + 1);
    if (huge) x += xM;
    exp[j + 1] = x;
    if (hi[j + 1]! > RESCALE_AT) {
      hi[j + 1] = hi[j + 1]! * RESCALE_BY;
      lo[j + 1] = lo[j + 1]! * RESCALE_BY;
      x += RESCALE_BITS;
      exp[j + 1] = x;
    } else if (hi[j + 1]! < RESCALE_BY) {
      hi[j + 1] = hi[j + 1]! * RESCALE_AT;
      lo[j + 1] = lo[j + 1]! * RESCALE_AT;
      x -= RESCALE_BITS;
      exp[j + 1] = x;
    }
  }
  return withLog(hi, lo, exp);
}

/** C(M, j) computed up to an index that doubles on demand (at most J). */
class GrowingBinomials {
  private len = -1;
  private cur: ExtSeries | null = null;
  constructor(
    private readonly M: number,
    private readonly log2M: number,
    private readonly J: number,
    private readonly dd: boolean,
  ) {}
  /** The series with index j (≤ J) available. */
  at(j: number): ExtSeries {
    if (this.cur === null || j > this.len) {
      let len = Math.max(64, this.len);
      while (len < j) len *= 2;
      this.len = Math.min(this.J, len);
      this.cur = extBinomialsOfM(this.M, this.log2M, this.len, this.dd);
    }
    return this.cur;
  }
}

/** Number of C(M, j) terms that exist (j ≤ M) up to jMax. */
function termCount(M: number, log2M: number, jMax: number): number {
  if (log2M > 1000) return jMax;
  return Math.min(jMax, Math.floor(M));
}

/**
 * Sign of h_k: +1, −1, or 0 when |h_k| is below `relTol` × its largest term (undecided).
 * Terms T_j = C(M, j)·p_{k−jd}, j ≤ top.
 */
/** h_k as s·2^X with an absolute error bound (both in units of 2^X). */
interface TermSum {
  readonly s: number;
  readonly bound: number;
  readonly X: number;
}

/** The alternating sum h_k = Σ_{j≤top} (−1)^j C(M, j)·p_{k−jd}, terms within 2^−120 of the largest. */
function termSum(P: ExtSeries, C: ExtSeries, k: number, d: number, top: number, dd: boolean, relTol: number): TermSum {
  const Plg = P.lg;
  const Clg = C.lg;
  // the largest term (log-concave in j: stop once well past the peak)
  let peakLog = -Infinity;
  let peakJ = 0;
  for (let j = 0, i = k; j <= top; j++, i -= d) {
    const l = Clg(j) + Plg(i);
    if (l > peakLog) {
      peakLog = l;
      peakJ = j;
    } else if (l < peakLog - 120) break;
  }
  if (peakLog === -Infinity) return { s: 0, bound: 0, X: 0 };
  const X = Math.floor(peakLog);
  const cut = peakLog - 120;
  let sh = 0;
  let sl = 0;
  let used = 0;
  for (let j = 0, i = k; j <= top; j++, i -= d) {
    if (Clg(j) + Plg(i) < cut) {
      if (j > peakJ) break; // only smaller terms follow
      continue;
    }
    const scale = POW2[C.exp[j]! + P.exp[i]! - X - POW2_MIN]!;
    used++;
    if (dd) {
      ddMul(C.hi[j]!, C.lo[j]!, P.hi[i]!, P.lo[i]!);
      if (j % 2 === 0) ddAdd(sh, sl, DD_H * scale, DD_L * scale);
      else ddAdd(sh, sl, -DD_H * scale, -DD_L * scale);
      sh = DD_H;
      sl = DD_L;
    } else if (j % 2 === 0) sh += C.hi[j]! * P.hi[i]! * scale;
    else sh -= C.hi[j]! * P.hi[i]! * scale;
  }
  // terms below the cut-off add at most 2^−120 each, relative to the peak
  const bound = (relTol * used + 2 ** -118 * (top + 1)) * 2 ** (peakLog - X);
  return { s: sh + sl, bound, X };
}

/** Sign of a term sum: ±1, or 0 when the error bound does not separate it from 0. */
function signOf(t: TermSum): number {
  return t.s > t.bound ? 1 : t.s < -t.bound ? -1 : 0;
}

/** Relative accuracy assumed per term: doubles (recurrence over ≤ 2^17 steps), double-doubles. */
const TOL_DOUBLE = 2 ** -34;
const TOL_DD = 2 ** -80;

/** Counters of the paths taken (for tests and benchmarks). */
export const hilbertStats = { direct: 0, dd: 0, recurrence: 0, recurrenceSteps: 0, seedRetries: 0, verified: 0 };
const stats = hilbertStats;

/** Direct evaluations tried from k0 before switching to the recurrence. */
const DIRECT_STEPS = 8;

/**
 * The coefficients of the recurrence for H = P_e^n·(1 − z^d)^M from A·H' = B·H with
 * A = P_e·(1 − z^d), B = n·P_e'·(1 − z^d) − M·d·z^{d−1}·P_e:
 *     (k + 1)·h_{k+1} = Σ_i b_i·h_{k−i} − Σ_{i≥1} a_i·(k + 1 − i)·h_{k+1−i}.
 */
function recurrenceCoefficients(n: number, e: number, d: number, M: number): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(e + d); // degree e − 1 + d
  for (let i = 0; i < e; i++) {
    a[i]! += 1;
    a[i + d]! -= 1;
  }
  const b = new Float64Array(e + d - 1); // degree e − 2 + d
  for (let i = 0; i + 1 < e; i++) {
    b[i]! += n * (i + 1); // n·P_e'
    b[i + d]! -= n * (i + 1); // · (1 − z^d)
  }
  for (let i = 0; i < e; i++) b[i + d - 1]! -= M * d; // − M·d·z^{d−1}·P_e
  return { a, b };
}

/**
 * First negative h_k for k ≥ from, by the recurrence run on g_k = h_k/p_k (values of moderate size)
 * from a seed window g_S … g_{S+W−1} computed by direct double-double sums. The recurrence computes
 * h itself, so it suffers none of the cancellation of the alternating sums (checked against exact
 * values in the tests).
 */
function recurrenceScan(
  n: number,
  e: number,
  d: number,
  M: number,
  J: number,
  from: number,
  prec: number,
  Pg: GrowingSeries,
  Pddg: GrowingSeries,
  Cg: GrowingBinomials,
  Cddg: GrowingBinomials,
): number {
  stats.recurrence++;
  const P = Pg.at(from);
  const { a, b } = recurrenceCoefficients(n, e, d, M);
  const W = a.length - 1; // window: h_{k+1−W} … h_k
  // seeds: go back from `from` until the direct sums are accurate (doubles to a certified 2^−25,
  // else double-doubles to 2^−50); far enough back the alternating sums hardly cancel
  let S = Math.max(0, from - W);
  let seeds: TermSum[];
  for (;;) {
    let good = true;
    seeds = [];
    for (let k = S; k < Math.min(prec, S + W); k++) {
      const top = Math.min(J, Math.floor(k / d));
      let t = termSum(P, Cg.at(top), k, d, top, false, TOL_DOUBLE);
      if (!(Math.abs(t.s) * 2 ** -25 > t.bound)) {
        stats.dd++;
        t = termSum(Pddg.at(k), Cddg.at(top), k, d, top, true, TOL_DD);
        if (!(Math.abs(t.s) * 2 ** -50 > t.bound) && t.s !== 0) {
          good = false;
          break;
        }
      }
      if (t.s < 0) return k; // (only reachable below `from` if a direct check was skipped)
      seeds.push(t);
    }
    if (good || S === 0) break;
    stats.seedRetries++;
    S = Math.max(0, S - 4 * W - (from - S));
  }
  // h_k = h[k]·2^x with one exponent x for the window; values far below the newest underflow to 0,
  // which is harmless (their contributions are below rounding)
  const h = new Float64Array(prec);
  let x = -Infinity;
  for (const t of seeds) if (t.s !== 0 && t.X > x) x = t.X;
  if (x === -Infinity) x = 0;
  seeds.forEach((t, i) => {
    const sh = t.X - x;
    h[S + i] = sh < POW2_MIN ? 0 : t.s * POW2[sh - POW2_MIN]!;
  });
  const BIG = 2 ** 300;
  const SMALL = 2 ** -300;
  // the non-zero coefficients only (about 5e of the 2(e + d))
  const bi: number[] = [];
  const bv: number[] = [];
  b.forEach((v, i) => {
    if (v !== 0) {
      bi.push(i);
      bv.push(v);
    }
  });
  const ai: number[] = [];
  const av: number[] = [];
  a.forEach((v, i) => {
    if (v !== 0 && i >= 1) {
      ai.push(i);
      av.push(v);
    }
  });
  for (let k = S + W - 1; k + 1 < prec; k++) {
    stats.recurrenceSteps++;
    const k1 = k + 1;
    let acc = 0;
    for (let t = 0; t < bi.length; t++) {
      const i = bi[t]!;
      if (k - i >= 0) acc += bv[t]! * h[k - i]!;
    }
    for (let t = 0; t < ai.length; t++) {
      const i = ai[t]!;
      if (k1 - i >= 0) acc -= av[t]! * (k1 - i) * h[k1 - i]!;
    }
    const hk = acc / k1;
    h[k1] = hk;
    const mag = Math.abs(hk);
    if (mag > BIG || (mag < SMALL && mag > 0)) {
      // rescale the window (exact: a power of two), keeping its largest value within range
      let mx = 0;
      for (let j = Math.max(0, k1 - W); j <= k1; j++) mx = Math.max(mx, Math.abs(h[j]!));
      const f = mx > BIG ? SMALL : mx < SMALL ? BIG : 1;
      if (f !== 1) {
        for (let j = Math.max(0, k1 - W); j <= k1; j++) h[j] = h[j]! * f;
        x += f === SMALL ? 300 : -300;
      }
    }
    if (hk < 0 && k1 >= from) {
      // a sign change; near 0 relative to its neighbour, let a direct double-double sum decide
      if (Math.abs(hk) < 2 ** -20 * Math.abs(h[k]!)) {
        stats.verified++;
        const top = Math.min(J, Math.floor(k1 / d));
        const sgn = signOf(termSum(Pddg.at(k1), Cddg.at(top), k1, d, top, true, TOL_DD));
        if (sgn > 0) continue;
      }
      return k1;
    }
  }
  return Infinity;
}

function firstNegativeFloat(n: number, e: number, d: number, M: number, log2M: number, prec: number): number {
  const jMax = Math.floor((prec - 1) / d);
  const J = termCount(M, log2M, jMax);
  if (J === 0) return Infinity;
  const Pg = growingPowerCoefficients(n, e, prec, false);
  const Pddg = growingPowerCoefficients(n, e, prec, true);
  const Cg = new GrowingBinomials(M, log2M, J, false);
  const Cddg = new GrowingBinomials(M, log2M, J, true);
  const C1 = Cg.at(1);
  // alternating-series test (see the header): no negative coefficient before the first k with
  // C(M, 1)·p_{k−d} ≥ p_k; that condition is monotone in k: gallop, then bisect
  const ok = (k: number): boolean => {
    const P = Pg.at(k);
    return C1.lg(1) + P.lg(k - d) >= P.lg(k) - 1e-9;
  };
  let lo = d - 1; // "not ok" by convention
  let hi = d;
  for (let step = 1; !ok(hi); step *= 2) {
    if (hi >= prec - 1) return Infinity;
    lo = hi;
    hi = Math.min(prec - 1, hi + step);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  const k0 = hi;
  // a few direct evaluations (enough when M is large and d_reg = k0 or close)
  let k = k0;
  for (; k < Math.min(prec, k0 + DIRECT_STEPS); k++) {
    stats.direct++;
    const top = Math.min(J, Math.floor(k / d));
    let sg = signOf(termSum(Pg.at(k), Cg.at(top), k, d, top, false, TOL_DOUBLE));
    if (sg === 0) {
      stats.dd++;
      sg = signOf(termSum(Pddg.at(k), Cddg.at(top), k, d, top, true, TOL_DD));
    }
    if (sg < 0) return k;
    if (sg === 0) break;
  }
  if (k >= prec) return Infinity;
  if (log2M > 900) {
    // B's coefficients (≈ M·d) would overflow: M this large puts d_reg at k0 in practice; scan directly
    for (; k < prec; k++) {
      const top = Math.min(J, Math.floor(k / d));
      if (signOf(termSum(Pddg.at(k), Cddg.at(top), k, d, top, true, TOL_DD)) < 0) return k;
    }
    return Infinity;
  }
  return recurrenceScan(n, e, d, M, J, k, prec, Pg, Pddg, Cg, Cddg);
}

/**
 * First k < prec with [z^k] P_e(z)^n·(1 − z^d)^M < 0, or +∞. M is given as log2 and, optionally,
 * exactly; `arithmetic` "exact" needs the exact M.
 */
export function firstNegativeCoefficient(
  n: number,
  e: number,
  d: number,
  log2M: number,
  exactM: bigint | null,
  prec: number,
  arithmetic: "exact" | "float",
): number {
  if (arithmetic === "exact") {
    if (exactM === null) throw new RangeError("firstNegativeCoefficient: exact arithmetic needs the exact M");
    return firstNegativeExact(n, e, d, exactM, prec);
  }
  // counts are integers: a count known only through log2 is rounded while that is meaningful
  let M: number;
  if (exactM !== null && exactM < 2n ** 1000n) M = Number(exactM);
  else if (log2M < 53) M = Math.round(2 ** log2M);
  else M = 2 ** log2M;
  return firstNegativeFloat(n, e, d, M, log2M, prec);
}
