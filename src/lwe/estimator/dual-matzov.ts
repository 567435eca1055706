/**
 * MATZOV's dual-hybrid attack with FFT distinguishing: reduce the dual lattice on k_lat = n − ζ − t
 * secret coordinates, sample N short dual vectors with one sieve after BKZ-β, enumerate the ζ
 * "guessed" coordinates and, for each guess, score all p^t candidates of the next t coordinates
 * modulo p with one FFT. This is what `LWE.estimate` and `LWE.estimate.rough` of the
 * lattice-estimator call "dual_hybrid"; here it is the attack "dual-hybrid".
 *
 * Source: malb/lattice-estimator, estimator/lwe_dual.py (class MATZOV: Nf, Hf, T_fftf, T_tablef,
 * cost — "Theorem 7.6" — and __call__), estimator/reduction.py (short_vectors of the cost model,
 * see cost-models.shortVectors). Papers: [MATZOV22] "Report on the Security of LWE: Improved Dual
 * Lattice Attack" (p. 15, 29, 37–39), [AC:GuoJoh21] Guo–Johansson.
 *
 * For block size β, ζ enumerated and t FFT coordinates (all logs here are log2 unless noted), with
 * σ_s, σ_e the secret / error standard deviations, m = n samples (the estimator always uses
 * m = n here, whatever the instance's m), k_lat = n − ζ − t, D = m + k_lat:
 *   ℓ    = σ_e^(m/D) · (σ_s·q)^(k_lat/D) · √(4/3) · √(β/2πe) · δ(β)^(D − β)     (dual vector length)
 *   N    = exp(4(ℓπ/q)²) · exp(t/3·(σ_s·π/p)²) · (ζ·H + t·ln p + ln 2)            (vectors needed)
 *   H    = (½ + ln(√(2π)·σ_s) + ln coth(π²σ_s²)) / ln 2                            (secret entropy)
 *   red  = cost of N short vectors after BKZ-β in dimension D (the cost model's short_vectors)
 *   guess= 1/(1 − e^(−1/(2σ_s²))) · (2a/√e)^ζ · 2^(ζH) · (1024·t·p^(t+1) + 640·N),
 *          a = exp(8α·e^(−2α)·tanh α), α = π²σ_s²
 *   rop  = red + guess.
 * Everything is evaluated in log2: N alone reaches 2^(10^7) for hopeless β.
 *
 * Search (estimator's __call__): p = 2, 3, … (early abort: stop when the cost rises, or once p > 2
 * and the best so far has t = 0), ζ = 0, 10, 20, … and t = 0, 10, 20, … (both early abort), and for
 * each (p, ζ, t) the local-minimum search over β ∈ [40, min(m − ζ − t, 1754)) at precision 1
 * without neighbourhood scan — the same visited points as the estimator, hence the same optimum.
 * The one change is where the attack fails (+∞) over a stretch of ζ or t: the estimator's early
 * abort treats +∞ = +∞ as a tie and keeps stepping by 10 until some point works — at n = 32768
 * millions of β searches returning +∞. We gallop over such a stretch and bisect for the first
 * working point (search.earlyAbortRange, infinite = "gallop"), and end the p scan at a tie at +∞.
 * On all estimator outputs we know (dual-matzov.test.ts) nothing changes; against a one-off
 * faithful re-run on 2304 small instances (n ≤ 400, log q ≤ 48, four secrets, three σ_e, three m,
 * two models) results differ in 44 cases, all where both costs are above 2^480 (the attack then
 * "works" only by guessing nearly every coordinate).
 * The estimator evaluates T_guess in 30-bit precision (`.n(30)` on a); we use doubles (this can only
 * break exact ties). Every (p, ζ, t, β) evaluation is O(1), so an estimate takes a few ms even at
 * n = 32768.
 */
import { type CostModelName, MAX_BETA, assertCostModel, delta, log2Add, shortVectors } from "./cost-models.js";
import { type LweInstance, type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { earlyAbortRange, localMinimumBase } from "./search.js";

/** Result of the MATZOV dual-hybrid estimate. All costs are log2. */
export interface DualHybridResult {
  readonly attack: "dual-hybrid";
  /** Cost model used for BKZ / sieving. */
  readonly model: CostModelName;
  /** log2 of the total cost in ring operations (+∞ if the attack cannot succeed). */
  readonly rop: number;
  /** log2 of the cost of BKZ-β plus sampling the N short vectors (estimator's `red`). */
  readonly red: number;
  /** log2 of the cost of enumerating ζ coordinates and running the FFTs (estimator's `guess`). */
  readonly guess: number;
  /** BKZ block size β. */
  readonly beta: number;
  /** FFT modulus p. */
  readonly p: number;
  /** Number of enumerated (guessed) secret coordinates ζ (estimator's `ζ`, MATZOV's k_enum). */
  readonly zeta: number;
  /** Number of secret coordinates handled by the FFT modulo p (estimator's `t`, MATZOV's k_fft). */
  readonly t: number;
  /** Sieving dimension used to sample the short vectors (estimator's `β'`). */
  readonly betaSieve: number;
  /** log2 of the number N of short dual vectors required (estimator's `N`). */
  readonly log2N: number;
  /** Number of LWE samples used (always n, as in the estimator). */
  readonly m: number;
  /** Lattice dimension m + n − ζ − t (not printed by the estimator). */
  readonly d: number;
}

const LN2 = Math.LN2;
const LOG2E = Math.LOG2E;
/** C_mul = 32² (MATZOV p. 37): cost of one multiplication in the FFT. */
const LOG2_C_MUL = 10;
/** 4·C_add with C_add = 5·32 (estimator: "guessing based on C_mul"): table update per vector. */
const LOG2_4_C_ADD = Math.log2(4 * 5 * 32);

/** Per-instance constants of the MATZOV cost (depend on σ_s only). */
interface SecretTerms {
  /** log2 of the secret's standard deviation σ_s. */
  readonly log2Ss: number;
  /** σ_s² (used in the FFT term of N). */
  readonly ss2: number;
  /** H(χ_s) in bits (estimator's Hf). */
  readonly entropy: number;
  /** log2 of the per-guessed-coordinate factor 2a/√e · 2^H. */
  readonly log2PerGuess: number;
  /** log2 of 1/(1 − e^(−1/(2σ_s²))). */
  readonly log2Coeff: number;
}

function secretTerms(log2Ss: number): SecretTerms {
  const ss2 = 2 ** (2 * log2Ss); // may overflow to +∞ for σ_s ≈ q > 2^512: only used where t > 0
  const alpha = Math.PI * Math.PI * ss2;
  const e2a = Math.exp(-2 * alpha);
  // ln coth(α) = ln(1 + e^(−2α)) − ln(1 − e^(−2α))
  const lnCoth = Math.log1p(e2a) - Math.log1p(-e2a);
  const entropy = (0.5 + 0.5 * Math.log(2 * Math.PI) + log2Ss * LN2 + lnCoth) / LN2;
  const lnA = e2a === 0 ? 0 : 8 * alpha * e2a * Math.tanh(alpha);
  const log2PerGuess = 1 + lnA * LOG2E - 0.5 * LOG2E + entropy;
  // 1/(1 − e^(−x)), x = 1/(2σ_s²): = 1/x·(1 + O(x)) for tiny x (σ_s² beyond double range included)
  const x = 2 ** (-1 - 2 * log2Ss);
  const log2Coeff = x < 1e-12 ? 1 + 2 * log2Ss : -Math.log2(-Math.expm1(-x));
  return { log2Ss, ss2, entropy, log2PerGuess, log2Coeff };
}

/**
 * The estimator's MATZOV.cost (Theorem 7.6) for fixed β, p, ζ = kEnum, t = kFft on a normalised
 * instance, with m = n samples and β_sieve = β in N (the estimator's assumption).
 */
export function dualHybridCost(
  inst: ResolvedInstance,
  model: CostModelName,
  beta: number,
  p: number,
  kEnum: number,
  kFft: number,
  terms: SecretTerms = secretTerms(inst.log2StddevSecret),
): DualHybridResult {
  const n = inst.n;
  const m = n;
  const kLat = n - kFft - kEnum;
  const dim = m + kLat;
  // ln ℓ (natural log) of the expected dual-vector length
  const lnEll =
    (m / dim) * inst.log2StddevError * LN2 +
    (kLat / dim) * (terms.log2Ss + inst.logQ) * LN2 +
    0.5 * Math.log(4 / 3) +
    0.5 * Math.log(beta / (2 * Math.PI * Math.E)) +
    (dim - beta) * Math.log(delta(beta));
  // 4·(ℓπ/q)² as a natural exponent (may overflow to +∞: then N = +∞)
  const x = 4 * Math.exp(2 * (lnEll + Math.log(Math.PI) - inst.logQ * LN2));
  const lnP = Math.log(p);
  const y = kFft > 0 ? (kFft / 3) * ((terms.ss2 * Math.PI * Math.PI) / (p * p)) : 0;
  const factor = kEnum * terms.entropy + kFft * lnP + Math.LN2; // ln(1/μ), μ = 1/2
  const log2N = (x + y) * LOG2E + Math.log2(factor);
  const sv = shortVectors(model, beta, dim, log2N);
  const red = sv.log2Cost;
  const log2Fft = kFft > 0 ? LOG2_C_MUL + Math.log2(kFft) + (kFft + 1) * Math.log2(p) : -Infinity;
  const log2Table = LOG2_4_C_ADD + log2N;
  const guess = terms.log2Coeff + kEnum * terms.log2PerGuess + log2Add(log2Fft, log2Table);
  return {
    attack: "dual-hybrid",
    model,
    rop: log2Add(red, guess),
    red,
    guess,
    beta,
    p,
    zeta: kEnum,
    t: kFft,
    betaSieve: sv.sieveDim,
    log2N,
    m,
    d: dim,
  };
}

const INFEASIBLE = (model: CostModelName, n: number): DualHybridResult => ({
  attack: "dual-hybrid",
  model,
  rop: Infinity,
  red: Infinity,
  guess: Infinity,
  beta: 40,
  p: 2,
  zeta: 0,
  t: 0,
  betaSieve: 40,
  log2N: Infinity,
  m: n,
  d: 2 * n,
});

/** Best β for fixed (p, ζ, t): the estimator's local_minimum(40, max_beta, precision = 1). */
function optimizeBeta(
  inst: ResolvedInstance,
  model: CostModelName,
  p: number,
  kEnum: number,
  kFft: number,
  terms: SecretTerms,
): DualHybridResult {
  const maxBeta = Math.max(Math.min(inst.m - kEnum - kFft, MAX_BETA), 41);
  // local_minimum(40, max_beta, precision=1) iterated without its neighbourhood: the bare bisection
  return localMinimumBase(
    40,
    maxBeta - 1,
    (beta) => dualHybridCost(inst, model, beta, p, kEnum, kFft, terms),
    (a, b) => a.rop <= b.rop,
  ).value;
}

/** MATZOV dual hybrid on an already validated & normalised instance (estimator's MATZOV.__call__). */
export function dualHybridResolved(inst: ResolvedInstance, model: CostModelName): DualHybridResult {
  const n = inst.n;
  const terms = secretTerms(inst.log2StddevSecret);
  const q = 2 ** inst.logQ; // only bounds the p loop (p < q); +∞ for huge q is fine
  const gallop = { infinite: "gallop" } as const;
  const best = earlyAbortRange(
    2,
    q,
    1,
    (p) =>
      earlyAbortRange(
        0,
        n,
        10,
        (kEnum) =>
          earlyAbortRange(0, n - kEnum, 10, (kFft) => optimizeBeta(inst, model, p, kEnum, kFft, terms), gallop)!,
        gallop,
      )!,
    // t = 0 makes p irrelevant: once the best has t = 0 (and p = 3 was tried), stop
    { abort: (b, p) => b.t === 0 && p > 2 },
  );
  return best ?? INFEASIBLE(model, n);
}

/**
 * Estimate MATZOV's dual-hybrid attack (lattice-estimator `LWE.dual_hybrid` =
 * `lwe_dual.matzov`). The instance is validated and normalised first, as the estimator does.
 */
export function dualHybrid(instance: LweInstance, model: CostModelName = "matzov"): DualHybridResult {
  assertCostModel(model);
  return dualHybridResolved(normalizeInstance(resolveInstance(instance)), model);
}
