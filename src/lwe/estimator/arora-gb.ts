/**
 * Arora–Ge / Gröbner-basis attack on LWE: each sample with error in a set of size D gives a
 * polynomial equation of degree D in the secret; m such equations (plus n equations of degree d_s
 * expressing that each secret coordinate is small, when the secret is no wider than the error) are
 * solved with a Gröbner-basis algorithm whose cost is governed by the degree of regularity d_reg of
 * a semi-regular system: the index of the first negative coefficient of the Hilbert series
 * Π_i (1 − z^{d_i})^{m_i} / (1 − z)^n. Cost C(n + d_reg, d_reg)^ω ring operations (ω = 2), memory
 * C(n + d_reg, d_reg)². Bounded errors use D = width of the error's range; Gaussian-like errors try
 * D = 2t + 1 for t = ⌈σ⌉, ⌈σ⌉ + 1, … with as many samples m as keep all errors within ±t with
 * probability 0.99, stopping after 5 steps without improvement.
 *
 * Source: malb/lattice-estimator, estimator/gb.py (gb_cost, AroraGB.ps_single, cost_bounded,
 * cost_Gaussian_like, equations_for_secret, __call__). Papers: [ICALP:AroGe11] Arora–Ge, "New
 * algorithms for learning in presence of errors"; [EPRINT:ACFP14] Albrecht–Cid–Faugère–Perret,
 * "Algebraic algorithms for LWE"; semi-regular sequences and d_reg: Bardet–Faugère–Salvy.
 *
 * The Hilbert series. The estimator expands it with exact rationals to precision 2n (hopeless at
 * n = 32768). Here it is rewritten as H = P_e(z)^n · (1 − z^d)^M with P_e = 1 + z + … + z^{e−1}
 * (e = d_s with secret equations, M = m; without them e = d, M = m − n, and m ≤ n means no negative
 * coefficient at all), so h_k = Σ_j (−1)^j C(M, j)·p_{k−jd} with p = coefficients of P_e^n, which a
 * stable positive recurrence gives (hilbert.ts). For n ≤ 512 this is exact BigInt arithmetic
 * (identical to the estimator); beyond, doubles with a separate exponent, falling back to
 * double-double for each coefficient whose sign doubles cannot certify (the alternating sum cancels
 * 40+ bits at n = 32768). The exact and floating paths agree on all cross-checked cases (tests).
 *
 * Estimator quirks kept: the bounded and Gaussian-like results are compared by d_reg, not rop;
 * cost_bounded always uses ω = 2; ps_single is evaluated at 256-bit precision, so a tail below
 * 2^−257 makes the success probability exactly 1 and m = 2^31.
 */
import { type CostModelName, assertCostModel } from "./cost-models.js";
import type { Distribution } from "./distributions.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { bounds, isBounded, log2Binomial } from "./support.js";
import { type GuessComposed, guessComposition } from "./guess.js";
import { firstNegativeCoefficient } from "./hilbert.js";

/** Cost of a Gröbner-basis computation (gb_cost), all log2; +∞ when d_reg ≥ the series precision. */
export interface GbCost {
  /** log2 C(n + d_reg, d_reg)^ω. */
  readonly rop: number;
  /** Degree of regularity (first negative Hilbert-series coefficient); +∞ if none below 2n. */
  readonly dreg: number;
  /** log2 C(n + d_reg, d_reg)². */
  readonly mem: number;
}

/** A system of `count` polynomial equations of degree `degree` (count as log2 and, when known, exactly). */
export interface EquationBlock {
  readonly degree: number;
  /** log2 of the number of equations (may be astronomically large, e.g. n^q). */
  readonly log2Count: number;
  /** The exact number of equations when it is a manageable integer (< 2^4096), else null. */
  readonly count: bigint | null;
}

/** Result of the Arora–GB estimate. Costs are log2. */
export interface AroraGbResult {
  readonly attack: "arora-gb";
  /** Cost model (ignored: no lattice reduction). */
  readonly model: CostModelName;
  /** log2 of the number of ring operations (+∞ if the attack does not apply). */
  readonly rop: number;
  /** log2 of the memory. */
  readonly mem: number;
  /** Degree of regularity (+∞ if none). */
  readonly dreg: number;
  /** Error values are assumed to lie in [−t, t] (equations of degree 2t + 1). */
  readonly t: number;
  /** log2 of the number of samples used (incl. guessing repetitions when guessing). */
  readonly m: number;
  /** Secret coordinates guessed (guess_composition ζ; 0 without guessing). */
  readonly zeta: number;
  /** log2 of the number of repetitions for guessing (0 without guessing). */
  readonly repetitions: number;
}

/** Instances up to this n use exact BigInt arithmetic for the Hilbert series. */
const EXACT_MAX_N = 512;

/**
 * gb_cost(n, D, ω): degree of regularity and cost of a Gröbner basis for n variables and the
 * equation blocks D, with the Hilbert series expanded to precision 2n (gb.py). Supports the blocks
 * the LWE attack produces: one block of any size, or one block plus n equations of another degree.
 * `arithmetic`: "auto" = exact BigInt for n ≤ 512 (when the count is known exactly), log2 floating
 * point beyond; "exact" / "float" force one (for cross-checks).
 */
export function gbCost(
  n: number,
  blocks: readonly EquationBlock[],
  omega = 2,
  arithmetic: "auto" | "exact" | "float" = "auto",
): GbCost {
  const none: GbCost = { rop: Infinity, dreg: Infinity, mem: Infinity };
  const prec = 2 * n;
  let e: number;
  let d: number;
  let log2M: number;
  let exactM: bigint | null;
  if (blocks.length === 1) {
    const [b] = blocks as [EquationBlock];
    // (1 − z^d)^m/(1 − z)^n = P_d^n·(1 − z^d)^(m − n); m ≤ n: all coefficients positive
    const more = b.count !== null ? b.count > BigInt(n) : b.log2Count > Math.log2(n);
    if (!more) return none;
    e = b.degree;
    d = b.degree;
    exactM = b.count === null ? null : b.count - BigInt(n);
    log2M = exactM !== null ? log2BigInt(exactM) : b.log2Count + Math.log2(1 - 2 ** (Math.log2(n) - b.log2Count));
  } else if (blocks.length === 2 && blocks[1]!.count === BigInt(n)) {
    const [b, s] = blocks as [EquationBlock, EquationBlock];
    e = s.degree;
    d = b.degree;
    exactM = b.count;
    log2M = b.log2Count;
  } else {
    throw new RangeError("gbCost: expected [(d, m)] or [(d, m), (d_s, n)]");
  }
  if (log2M === -Infinity || (exactM !== null && exactM <= 0n)) return none; // (1 − z^d)^0: positive series
  if (d >= prec) return none;
  const exact = arithmetic === "exact" || (arithmetic === "auto" && n <= EXACT_MAX_N);
  if (exact && exactM === null) throw new RangeError("gbCost: exact arithmetic needs the exact equation count");
  const dreg = firstNegativeCoefficient(n, e, d, log2M, exactM, prec, exact ? "exact" : "float");
  if (dreg === Infinity) return none;
  const lb = log2Binomial(n + dreg, dreg);
  return { rop: omega * lb, dreg, mem: 2 * lb };
}

/** log2 of a non-negative BigInt (−∞ for 0). */
function log2BigInt(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const bits = x.toString(2).length;
  if (bits <= 1000) return Math.log2(Number(x));
  return Math.log2(Number(x >> BigInt(bits - 60))) + (bits - 60);
}

/** An equation block from a count given as a number (possibly a huge double or +∞) or as log2. */
function block(degree: number, log2Count: number, count: bigint | null): EquationBlock {
  return { degree, log2Count, count };
}

function countFromNumber(x: number): bigint | null {
  return Number.isFinite(x) && x < 2 ** 1000 ? BigInt(Math.floor(x)) : null;
}

// ---------------------------------------------------------------------------------------------
// AroraGB
// ---------------------------------------------------------------------------------------------

/** Standard deviation as the estimator holds it (exact for the common cases, so ⌈σ⌉ is right). */
function plainStddev(dist: Distribution, log2Stddev: number): number {
  switch (dist.kind) {
    case "gaussian":
      return dist.stddev;
    case "cbd":
      return Math.sqrt(dist.eta / 2);
    case "uniform": {
      const w = dist.b - dist.a + 1;
      return w < 2 ** 26 ? Math.sqrt((w * w - 1) / 12) : 2 ** log2Stddev;
    }
    default:
      return 2 ** log2Stddev;
  }
}

/** Width b − a + 1 of a bounded distribution's range (uniform mod q: q, a double when q is huge). */
function rangeWidth(dist: Distribution, n: number, logQ: number): number {
  if (dist.kind === "uniformMod") return logQ < 53 ? Math.round(2 ** logQ) : 2 ** logQ;
  const [a, b] = bounds(dist, n, logQ);
  return b - a + 1;
}

/** equations_for_secret: n equations of degree d_s when the secret is no wider than the error. */
function equationsForSecret(inst: ResolvedInstance): EquationBlock[] {
  if (inst.log2StddevSecret > inst.log2StddevError) return [];
  const s = inst.secret;
  let ds: number;
  if (isBounded(s)) ds = rangeWidth(s, inst.n, inst.logQ);
  else ds = 2 * Math.ceil(3 * plainStddev(s, inst.log2StddevSecret)) + 1; // Gaussian-like
  return [block(ds, Math.log2(inst.n), BigInt(inst.n))];
}

interface Attempt {
  readonly rop: number;
  readonly mem: number;
  readonly dreg: number;
  readonly t: number;
  /** log2 of the samples used. */
  readonly m: number;
}

const NONE: Attempt = { rop: Infinity, mem: Infinity, dreg: Infinity, t: 0, m: Infinity };

/** AroraGB.cost_bounded: error values within its (finite) range, all of it. */
function costBounded(inst: ResolvedInstance): Attempt {
  const d = rangeWidth(inst.error, inst.n, inst.logQ);
  // m = min(params.m, n^d)
  const log2Nd = d * Math.log2(inst.n);
  let log2m: number;
  let count: bigint | null;
  if (Math.log2(inst.m) <= log2Nd) {
    log2m = Math.log2(inst.m);
    count = countFromNumber(inst.m);
  } else {
    log2m = log2Nd;
    count = log2Nd < 4096 ? BigInt(inst.n) ** BigInt(d) : null;
  }
  const c = gbCost(inst.n, [block(d, log2m, count), ...equationsForSecret(inst)]); // ω = 2 (sic)
  const t = Number.isFinite(d) ? Math.floor((d - 1) / 2) : Infinity;
  let m = log2m;
  if (c.dreg < Infinity) {
    const lb = log2Binomial(inst.n + c.dreg, c.dreg);
    if (lb < Math.log2(inst.m)) m = lb;
  }
  return { rop: c.rop, mem: c.mem, dreg: c.dreg, t, m };
}

/**
 * AroraGB.ps_single: P[|e| ≤ C·σ] ≈ 1 − 2/(C√(2π))·e^(−C²/2), evaluated by the estimator in 256-bit
 * precision; returns the number of samples m with P^m ≥ 0.99 (2^31 when P rounds to 1).
 */
function samplesWithinBound(C: number): number {
  const tail = (2 / (C * Math.sqrt(2 * Math.PI))) * Math.exp((-C * C) / 2);
  if (tail <= 2 ** -257) return 2 ** 31;
  return Math.floor(Math.log(0.99) / Math.log1p(-tail));
}

/**
 * AroraGB.cost_Gaussian_like: errors assumed within ±t, t = ⌈σ⌉, ⌈σ⌉ + 1, …, n − 1.
 * `mustBeat`: the caller keeps this result only if its d_reg is below `mustBeat` (the bounded
 * variant's); since every coefficient below z^(2t+1) is positive, d_reg ≥ 2t + 1, so once 2t + 1 ≥
 * mustBeat no remaining t can matter and the loop stops (the estimator runs on, to the same outcome).
 */
function costGaussianLike(inst: ResolvedInstance, omega: number, mustBeat = Infinity): Attempt {
  const dn = equationsForSecret(inst);
  const sigma = plainStddev(inst.error, inst.log2StddevError);
  let best: Attempt | null = null;
  let stuck = 0;
  for (let t = Math.ceil(sigma); t < inst.n; t++) {
    if (2 * t + 1 >= mustBeat) break;
    const mCan = samplesWithinBound(t / sigma);
    if (mCan > inst.m) break;
    const d = 2 * t + 1;
    const c = gbCost(inst.n, [block(d, Math.log2(mCan), countFromNumber(mCan)), ...dn], omega);
    if (c.dreg === Infinity) continue;
    const current: Attempt = { rop: c.rop, mem: c.mem, dreg: c.dreg, t, m: Math.log2(mCan) };
    if (best === null) best = current;
    else if (current.rop < best.rop) {
      best = current;
      stuck = 0;
    } else {
      stuck += 1;
      if (stuck >= 5) break;
    }
  }
  return best ?? NONE;
}

/** AroraGB.__call__ on a normalised instance: bounded and Gaussian-like variants, the smaller d_reg wins. */
function aroraGbPlain(inst: ResolvedInstance, omega = 2): Attempt {
  let best = NONE;
  const pick = (c: Attempt): void => {
    if (c.dreg < best.dreg) best = c; // Python min(…, key=dreg): ties keep the earlier one
  };
  if (isBounded(inst.error)) pick(costBounded(inst));
  if (inst.error.kind === "gaussian" || inst.error.kind === "cbd") pick(costGaussianLike(inst, omega, best.dreg));
  return best;
}

function toResult(a: Attempt, model: CostModelName, zeta = 0, repetitions = 0): AroraGbResult {
  return {
    attack: "arora-gb",
    model,
    rop: a.rop,
    mem: a.mem,
    dreg: a.dreg,
    t: a.t,
    m: a.m,
    zeta,
    repetitions,
  };
}

/**
 * Arora–GB as `LWE.estimate` runs it: guess_composition(arora_gb) (guess.ts) on a validated and
 * normalised instance — guessing ζ secret coordinates and running Arora–GB on the rest.
 */
export function aroraGbResolved(inst: ResolvedInstance, model: CostModelName): AroraGbResult {
  const g: GuessComposed<Attempt> = guessComposition(inst, (sub) => aroraGbPlain(normalizeInstance(sub)));
  if (g.inner === null || g.rop === Infinity) return toResult(NONE, model);
  // the estimator's Cost.repeat scales rop and m (registered impermanent), not mem, d_reg or t
  return toResult({ ...g.inner, rop: g.rop, m: g.inner.m + g.repetitions }, model, g.zeta, g.repetitions);
}

/** Options of `aroraGb`. */
export interface AroraGbOptions {
  /**
   * Compose with guessing secret coordinates, as `LWE.estimate` does (default true). false gives the
   * stand-alone `LWE.arora_gb(params)` of gb.py.
   */
  readonly guess?: boolean;
  /** Linear-algebra exponent ω (default 2; cost_bounded uses 2 regardless, as the estimator). */
  readonly omega?: number;
}

/** Estimate the Arora–GB attack (lattice-estimator gb.py `arora_gb`; the "arora-gb" line of `LWE.estimate`). */
export function aroraGb(instance: LweInstance, model: CostModelName = "matzov", options: AroraGbOptions = {}): AroraGbResult {
  assertCostModel(model);
  const inst = normalizeInstance(resolveInstance(instance));
  if (options.guess === false) return toResult(aroraGbPlain(inst, options.omega ?? 2), model);
  return aroraGbResolved(inst, model);
}
