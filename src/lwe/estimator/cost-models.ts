/**
 * BKZ cost models (log2 of the number of ring operations of BKZ-β in dimension d), the root-Hermite
 * factor δ(β), and the "many short vectors" costing used by the dual attack.
 *
 * Source: malb/lattice-estimator, estimator/reduction.py (ReductionCost.delta / _delta, LLL,
 * svp_repeat, ADPS16 classical + quantum, BDGL16._asymptotic, Kyber/GJ21/MATZOV with the
 * MATZOV-corrected AGPS20 "list_decoding-classical" fit, _short_vectors_sieve and
 * GJ21.short_vectors). Papers: [USENIX:ADPS16] Alkim–Ducas–Pöppelmann–Schwabe (core-SVP),
 * [SODA:BDGL16] Becker–Ducas–Gama–Laarhoven, [AC:AGPS20] Albrecht–Gheorghiu–Postlethwaite–Schanck,
 * [MATZOV22] "Report on the security of LWE: improved dual lattice attack", [AC:GuoJoh21],
 * [EC:Ducas18] (dimensions for free), [PhD:Chen13] (δ(β)). All arithmetic is done in log2 so that
 * costs far beyond 2^1024 never overflow.
 */
import { EstimatorParameterError, describeValue } from "./errors.js";

/** Names of the supported BKZ cost models. */
export type CostModelName = "core-svp" | "core-svp-quantum" | "bdgl16" | "matzov";

/** All supported cost models, in a fixed order. */
export const COST_MODEL_NAMES: readonly CostModelName[] = ["core-svp", "core-svp-quantum", "bdgl16", "matzov"];

/** Largest block size searched (lattice-estimator conf.max_beta: ADPS16 classical at β = 1754 ≈ 2^512). */
export const MAX_BETA = 1754;

/** Human-readable description of each model (used in docs and reports). */
export const COST_MODEL_INFO: Readonly<Record<CostModelName, string>> = {
  "core-svp": "ADPS16 core-SVP, classical: 2^(0.292·β)",
  "core-svp-quantum": "ADPS16 core-SVP, quantum: 2^(0.265·β)",
  bdgl16: "BDGL16 sieving: d³ + 2^(0.292·β + 16.4 + log2(8d))",
  matzov: "MATZOV22 (lattice-estimator default): d³ + C·(d−β)·C·2^(0.29614·(β − d4f(β)) + 20.3879)",
};

/** Throw unless `name` is a supported cost model. */
export function assertCostModel(name: unknown): asserts name is CostModelName {
  if (typeof name !== "string" || !(COST_MODEL_NAMES as readonly string[]).includes(name)) {
    throw new EstimatorParameterError(
      `cost model = ${describeValue(name)}: expected one of ${COST_MODEL_NAMES.map((m) => `"${m}"`).join(", ")}`,
    );
  }
}

/** log2(2^x + 2^y), exact in the limits (−∞ / +∞ handled). */
export function log2Add(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  if (x === Infinity || y === Infinity) return Infinity;
  const hi = Math.max(x, y);
  const lo = Math.min(x, y);
  return hi + Math.log2(1 + 2 ** (lo - hi));
}

// ---------------------------------------------------------------------------------------------
// Root-Hermite factor δ(β)
// ---------------------------------------------------------------------------------------------

/** Experimental δ for small β (fpylll BKZ 2.0, d = 320), as tabulated in the lattice-estimator. */
const SMALL_BETA_DELTA: ReadonlyArray<readonly [number, number]> = [
  [2, 1.0219],
  [5, 1.01862],
  [10, 1.01616],
  [15, 1.01485],
  [20, 1.0142],
  [25, 1.01342],
  [28, 1.01331],
  [40, 1.01295],
];

/**
 * Root-Hermite factor δ(β) achieved by BKZ-β. β is rounded to the nearest integer first.
 * β ≤ 40: step function through the experimental table above (value of the largest tabulated
 * β' ≤ β; β ≤ 2 gives 1.0219). β > 40: Chen's asymptotic formula
 * δ = ( β/(2πe) · (πβ)^(1/β) )^(1/(2(β−1))).
 */
export function delta(beta: number): number {
  if (!Number.isFinite(beta)) {
    throw new EstimatorParameterError(`block size beta = ${describeValue(beta)}: expected a finite number`);
  }
  const b = Math.round(beta);
  if (b <= 2) return SMALL_BETA_DELTA[0]![1];
  if (b <= 40) {
    let v = SMALL_BETA_DELTA[0]![1];
    for (const [bb, dd] of SMALL_BETA_DELTA) {
      if (bb <= b) v = dd;
    }
    return v;
  }
  return ((b / (2 * Math.PI * Math.E)) * (Math.PI * b) ** (1 / b)) ** (1 / (2 * (b - 1)));
}

/** Natural log of δ(β) (convenience for the attack formulas). */
export function lnDelta(beta: number): number {
  return Math.log(delta(beta));
}

// ---------------------------------------------------------------------------------------------
// BKZ costs
// ---------------------------------------------------------------------------------------------

/** log2 of the LLL cost d³ (the estimator ignores the entry bit-size). */
function log2LLL(d: number): number {
  return 3 * Math.log2(d);
}

/** Number of SVP-oracle calls in BKZ-β (8d when β < d, else a single call). */
function svpRepeat(beta: number, d: number): number {
  return beta < d ? 8 * d : 1;
}

/**
 * A sieving-cost fit log2(gates) ≈ a·β + b from [AC:AGPS20] data, as used by the estimator's
 * Kyber / GJ21 / MATZOV cost models ("list_decoding-classical" nearest-neighbour search).
 */
export interface SieveFit {
  readonly a: number;
  readonly b: number;
}

/** MATZOV-corrected AGPS20 fit (estimator's MATZOV.NN_AGPS["list_decoding-classical"]); the `matzov` model. */
export const MATZOV_FIT: SieveFit = { a: 0.29613500308205365, b: 20.387885985467914 };

/**
 * Original AGPS20 fit (estimator's Kyber.NN_AGPS["list_decoding-classical"]), used by its `Kyber`
 * and `GJ21` models. Not a selectable model here; exported so the shared formulas can be checked
 * against the estimator's Kyber/GJ21 doctests.
 */
export const AGPS20_FIT: SieveFit = { a: 0.2988026130564745, b: 26.011121212891872 };

/** Progressive-sieving overhead C = 1/(1 − 2^(−a)) (≈ 5.39 for MATZOV_FIT). */
function log2Overhead(fit: SieveFit): number {
  return -Math.log2(1 - 2 ** -fit.a);
}

/** Dimensions for free [EC:Ducas18]: d4f(β) = β·ln(4/3)/ln(β/(2πe)), clamped at 0. */
export function dimensionsForFree(beta: number): number {
  const v = (beta * Math.log(4 / 3)) / Math.log(beta / (2 * Math.PI * Math.E));
  return v > 0 ? v : 0;
}

/** Chen–Nguyen enumeration fit; the estimator falls back to it in the MATZOV model for β < 20. */
function log2CheNgu12(beta: number, d: number): number {
  const nodes =
    0.27018877635019 * beta * Math.log(beta) - 1.0192050451318417 * beta + 16.10253135200765 + Math.log2(100);
  return log2Add(log2LLL(d), Math.log2(svpRepeat(beta, d)) + nodes);
}

/**
 * log2 of the cost (rop) of BKZ-β on a d-dimensional lattice under `model`:
 *
 * - core-svp:          0.292·β                                     (ADPS16 classical; no LLL, no repeats)
 * - core-svp-quantum:  0.265·β                                     (ADPS16 quantum)
 * - bdgl16:            log2( d³ + 2^(0.292·β + 16.4 + log2(R)) ),   R = 8d if β < d else 1
 * - matzov:            log2( d³ + C·max(d − β, 1) · C·2^(a·(β − d4f(β)) + b) ),
 *                      a = 0.296135, b = 20.387886, C = 1/(1 − 2^(−a))   (β < 20: Chen–Nguyen fallback)
 */
export function log2BkzCost(model: CostModelName, beta: number, d: number): number {
  switch (model) {
    case "core-svp":
      return 0.292 * beta;
    case "core-svp-quantum":
      return 0.265 * beta;
    case "bdgl16":
      return log2Add(log2LLL(d), 0.292 * beta + 16.4 + Math.log2(svpRepeat(beta, d)));
    case "matzov":
      return log2SieveBkzCost(MATZOV_FIT, beta, d);
    default:
      assertCostModel(model);
      return NaN; // unreachable
  }
}

/**
 * The estimator's Kyber-class BKZ cost with sieve fit (a, b) ([Kyber20], [AC:AGPS20]):
 * log2( d³ + C·max(d − β, 1) · C·2^(a·(β − d4f(β)) + b) ), C = 1/(1 − 2^(−a)); β < 20 falls back to
 * the Chen–Nguyen enumeration fit. With MATZOV_FIT this is the `matzov` model.
 */
export function log2SieveBkzCost(fit: SieveFit, beta: number, d: number): number {
  if (beta < 20) return log2CheNgu12(beta, d);
  const lc = log2Overhead(fit);
  const svpCalls = lc + Math.log2(Math.max(d - beta, 1));
  const gates = lc + fit.a * (beta - dimensionsForFree(beta)) + fit.b;
  return log2Add(log2LLL(d), svpCalls + gates);
}

// ---------------------------------------------------------------------------------------------
// Many short vectors (dual attack)
// ---------------------------------------------------------------------------------------------

/** Result of costing the production of N short vectors with BKZ-β / sieving. */
export interface ShortVectors {
  /** Length factor ρ of the output vectors relative to the shortest BKZ-β vector. */
  readonly rho: number;
  /** log2 of the total cost (+∞ when more than 2^1000 sieve runs would be required). */
  readonly log2Cost: number;
  /** log2 of the number of vectors produced. */
  readonly log2N: number;
  /** Dimension of the final sieve. */
  readonly sieveDim: number;
}

/** floor(2^e) for moderate e, 2^e otherwise (floor is irrelevant there); returned as log2. */
function log2Floor2Pow(e: number): number {
  return e < 52 ? Math.log2(Math.floor(2 ** e)) : e;
}

/** ceil(2^e) as log2 (e may be ≤ 0: ceil of a number in (0, 1] is 1). */
function log2Ceil2Pow(e: number): number {
  if (e <= 0) return 0;
  return e < 52 ? Math.log2(Math.ceil(2 ** e)) : e;
}

/**
 * Cost of producing N short vectors after BKZ-β in dimension d (`log2N` undefined: "pick something",
 * i.e. one sieve's output). Follows the lattice-estimator:
 *
 * - core-svp / core-svp-quantum / bdgl16 (ReductionCost._short_vectors_sieve): one sieve in dimension
 *   β yields ⌊2^(0.2075β)⌋ vectors of length √(4/3)·λ; cost ⌈N / 2^(0.2075β)⌉ · BKZ(β, d).
 * - matzov (GJ21.short_vectors): sieve in dimension β_s = min(d, ⌊β' + log2((d − β)·C)/a⌋),
 *   β' = β − ⌊d4f(β)⌋, so that one sieve costs about one BKZ tour;
 *   ρ = √(4/3)·δ(β_s)^(β_s−1)/δ(β)^(β_s−1), cost ⌈N/⌊2^(0.2075β_s)⌋⌉ · (BKZ(β, d) + C·2^(a·β_s + b)).
 *
 * N = 1 means "just run BKZ": ρ = 1, cost BKZ(β, d).
 */
export function shortVectors(model: CostModelName, beta: number, d: number, log2N?: number): ShortVectors {
  if (model === "matzov") return sieveShortVectors(MATZOV_FIT, beta, d, log2N);
  const bkz = log2BkzCost(model, beta, d);
  // sieve-based models with sieve dimension β
  const sieveDim = beta;
  if (log2N === 0) return { rho: 1, log2Cost: bkz, log2N: 0, sieveDim };
  const log2C1 = 0.2075 * beta;
  const lN = log2N === undefined ? log2Floor2Pow(log2C1) : log2N;
  const log2c = lN - log2C1;
  const rho = Math.sqrt(4 / 3);
  if (log2c > 1000) return { rho, log2Cost: Infinity, log2N: Infinity, sieveDim };
  const log2Ceil = log2Ceil2Pow(log2c);
  return { rho, log2Cost: log2Ceil + bkz, log2N: log2Ceil + log2Floor2Pow(log2C1), sieveDim };
}

/**
 * The estimator's GJ21.short_vectors with sieve fit (a, b) (MATZOV_FIT: the `matzov` model): after
 * BKZ-β, sieve in dimension β_s = min(d, ⌊β' + log2((d − β)·C)/a⌋) (β' = β − ⌊d4f(β)⌋; β_s = β' if
 * β ≥ d) so that one sieve costs about one BKZ tour; each sieve yields ⌊2^(0.2075·β_s)⌋ vectors of
 * length factor ρ = √(4/3)·(δ(β_s)/δ(β))^(β_s − 1).
 */
export function sieveShortVectors(fit: SieveFit, beta: number, d: number, log2N?: number): ShortVectors {
  const bkz = log2SieveBkzCost(fit, beta, d);
  const lc = log2Overhead(fit);
  const betaPrime = beta - Math.floor(dimensionsForFree(beta));
  let sieveDim = betaPrime;
  if (beta < d) sieveDim = Math.min(d, Math.floor(betaPrime + Math.log2((d - beta) * 2 ** lc) / fit.a));
  const rho = Math.sqrt(4 / 3) * Math.exp((sieveDim - 1) * (Math.log(delta(sieveDim)) - Math.log(delta(beta))));
  if (log2N === 0) return { rho: 1, log2Cost: bkz, log2N: 0, sieveDim: beta };
  const log2FloorC1 = log2Floor2Pow(0.2075 * sieveDim);
  const lN = log2N === undefined ? log2FloorC1 : log2N;
  const log2c = lN - log2FloorC1;
  if (log2c > 1000) return { rho, log2Cost: Infinity, log2N: Infinity, sieveDim };
  const log2Ceil = log2Ceil2Pow(log2c);
  const sieveCost = lc + fit.a * sieveDim + fit.b;
  return { rho, log2Cost: log2Ceil + log2Add(bkz, sieveCost), log2N: log2Ceil + log2FloorC1, sieveDim };
}
