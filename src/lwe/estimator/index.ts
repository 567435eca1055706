/**
 * Public API of the LWE security estimator: a TypeScript re-implementation of every LWE attack of
 * malb/lattice-estimator — primal uSVP, BDD and hybrids, the plain and hybrid duals, coded-BKW, Arora–GB,
 * exhaustive search and MITM (estimator/lwe_*.py, gb.py, reduction.py, nd.py, lwe_parameters.py) — under the
 * core-SVP (ADPS16, classical and quantum), BDGL16 and MATZOV cost models, with sparse secrets. See
 * docs/lwe-estimator.md.
 */
export { EstimatorParameterError } from "./errors.js";
export {
  type Distribution,
  type GaussianDistribution,
  type CbdDistribution,
  type UniformDistribution,
  type UniformModDistribution,
  type SparseTernaryDistribution,
  sparseTernary,
  sparseBinary,
  gaussian,
  gaussianFromWidth,
  widthFromStddev,
  cbd,
  uniform,
  ternary,
  binary,
  uniformMod,
  stddev,
  log2Stddev,
  mean,
  density,
  isSmall,
  validateDistribution,
  describeDistribution,
} from "./distributions.js";
export {
  type CostModelName,
  type ShortVectors,
  COST_MODEL_NAMES,
  COST_MODEL_INFO,
  MAX_BETA,
  delta,
  log2BkzCost,
  shortVectors,
  dimensionsForFree,
} from "./cost-models.js";
export { type LweInstance, type ResolvedInstance, resolveInstance, normalizeInstance } from "./instance.js";
export { type PrimalResult, primalUsvp, primalUsvpCostForBeta } from "./primal.js";
export { type DualResult, type DualOptions, dual, dualCostForBeta, log2DistinguishingSamples } from "./dual.js";
export { type DualHybridResult, dualHybrid } from "./dual-matzov.js";
export { type DualHybridPlainResult, type DualMitmHybridResult, dualHybridPlain, dualMitmHybrid } from "./dual-hybrid.js";
export { type PrimalBddResult, primalBdd } from "./primal-bdd.js";
export { type PrimalHybridResult, type PrimalHybridOptions, primalHybrid, primalMitmHybrid } from "./primal-hybrid.js";
export { type BkwResult, bkw } from "./bkw.js";
export { type AroraGbResult, type AroraGbOptions, aroraGb } from "./arora-gb.js";
export { type ExhaustiveResult, type MitmResult, type MitmOptions, exhaustiveSearch, mitm } from "./exhaustive.js";
export { log2Binomial, hammingWeight, isSparse, isBounded, bounds, log2SupportSize, splitBalanced, log2SplitProbability } from "./support.js";
export {
  type AttackName,
  type AttackResult,
  type EstimateOptions,
  type EstimateReport,
  type ModelMinimum,
  type LargestLogQParams,
  type SmallestNParams,
  type InverseSearchOptions,
  ATTACK_NAMES,
  ATTACK_SETS,
  ATTACK_INFO,
  estimate,
  securityBits,
  largestLogQ,
  smallestN,
} from "./estimate.js";
export { type SweepAxes, type SweepRow, MAX_SWEEP_ROWS, sweep } from "./sweep.js";
