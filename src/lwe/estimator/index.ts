/**
 * Public API of the LWE security estimator: a TypeScript re-implementation of the primal uSVP and
 * plain dual attack estimates of malb/lattice-estimator (estimator/lwe_primal.py, lwe_dual.py,
 * reduction.py, nd.py, lwe_parameters.py) under the core-SVP (ADPS16, classical and quantum),
 * BDGL16 and MATZOV cost models. See docs/lwe-estimator.md.
 */
export { EstimatorParameterError } from "./errors.js";
export {
  type Distribution,
  type GaussianDistribution,
  type CbdDistribution,
  type UniformDistribution,
  type UniformModDistribution,
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
  estimate,
  securityBits,
  largestLogQ,
  smallestN,
} from "./estimate.js";
export { type SweepAxes, type SweepRow, MAX_SWEEP_ROWS, sweep } from "./sweep.js";
