/**
 * Report figures no benchmark suite records, computed from the library when the report is built (never typed
 * in): LWE security per preset under every cost model (src/lwe/security.ts, the estimator), the noise budget
 * (log2 P_fail against ‖c‖₂, src/lwe/noise.ts), predicted against measured decryption noise
 * (src/lwe/noise-experiment.ts, seeded), and regression accuracy against quantisation bits
 * (trainLinearRegression on the built-in data sets).
 */
import { COST_MODEL_INFO, COST_MODEL_NAMES } from "../lwe/estimator/index.js";
import { PRESETS, circuitFailureLog2, freshNoiseVariance, getParams, maxCircuitNorm, modulusOf, seededRandom } from "../lwe/index.js";
import { runNoiseExperiment } from "../lwe/noise-experiment.js";
import { paramsSecurity } from "../lwe/security.js";
import { DATASETS, loadDataset, trainLinearRegression } from "../regression/index.js";

export interface LweSecurityRow {
  readonly preset: string;
  readonly n: number;
  readonly log2q: number;
  /** Per cost model: min over every attack of the estimator's full set on both LWE instances, exhaustive search and linear algebra. */
  readonly byModel: ReadonlyArray<{ readonly model: string; readonly bits: number; readonly limitedBy: string }>;
}

export interface NoiseBudgetCurve {
  readonly preset: string;
  /** σ of a fresh public-key ciphertext's decryption noise. */
  readonly freshSigma: number;
  /** Largest ‖c‖₂ with P_fail ≤ 2^-40. */
  readonly maxNormAt2m40: number;
  readonly norms: readonly number[];
  readonly log2FailureProbability: readonly number[];
}

export interface NoiseMeasurement {
  readonly preset: string;
  readonly weights: readonly number[];
  readonly norm: number;
  readonly samples: number;
  readonly predictedSigma: number;
  readonly measuredSigma: number;
  readonly failureRate: number;
}

export interface RegressionPoint {
  readonly nBits: number;
  readonly floatR2: number;
  readonly quantizedR2: number;
  readonly floatMse: number;
  readonly quantizedMse: number;
  readonly accumulatorBits: number;
}

export interface RegressionSweep {
  readonly dataset: string;
  readonly title: string;
  readonly features: readonly string[];
  readonly target: string;
  readonly testRows: number;
  readonly points: readonly RegressionPoint[];
}

export interface Analysis {
  readonly costModels: Readonly<Record<string, string>>;
  readonly lweSecurity: readonly LweSecurityRow[];
  readonly noiseBudget: readonly NoiseBudgetCurve[];
  readonly noiseMeasured: readonly NoiseMeasurement[];
  readonly regression: readonly RegressionSweep[];
  /** Seconds spent computing all of the above. */
  readonly seconds: number;
}

/** Security of every preset under every cost model. */
export function lweSecurity(): LweSecurityRow[] {
  return Object.keys(PRESETS).map((id) => {
    const p = getParams(id);
    return {
      preset: id,
      n: p.n,
      log2q: modulusOf(p).log2q,
      byModel: paramsSecurity(p).byModel.map((b) => ({ model: b.model, bits: b.bits, limitedBy: b.limitedBy })),
    };
  });
}

/**
 * log2 P_fail against ‖c‖₂ for the presets whose noise is not identically zero, on a log grid from 2^-6 to 2^4
 * times the largest norm at 2^-40 (where the curve goes from negligible to certain failure).
 */
export function noiseBudget(points = 81): NoiseBudgetCurve[] {
  const out: NoiseBudgetCurve[] = [];
  for (const id of Object.keys(PRESETS)) {
    const p = getParams(id);
    const maxNorm = maxCircuitNorm(p);
    if (!Number.isFinite(maxNorm)) continue; // noise rounds to zero: nothing to plot
    const lo = Math.max(0, Math.log2(maxNorm) - 6);
    const hi = Math.log2(maxNorm) + 4;
    const norms = Array.from({ length: points }, (_, i) => 2 ** (lo + (i / (points - 1)) * (hi - lo)));
    out.push({
      preset: id,
      freshSigma: Math.sqrt(freshNoiseVariance(p, "public")),
      maxNormAt2m40: maxNorm,
      norms,
      log2FailureProbability: norms.map((x) => Math.max(-400, circuitFailureLog2(p, x * x))),
    });
  }
  return out;
}

/** Circuits of growing ‖c‖₂ (fresh noise first), as in notebook 01. */
const CIRCUITS: readonly (readonly number[])[] = [[1], [3, -2], [10, 7, -5], [40, -25, 31, 12], [150, -90, 120, 64]];

/** Predicted against measured decryption noise of linear circuits over fresh public-key ciphertexts (seeded). */
export function noiseMeasured(preset: string, samples: number): NoiseMeasurement[] {
  const p = getParams(preset);
  return CIRCUITS.map((weights, i) => {
    const e = runNoiseExperiment(p, { samples, weights, random: seededRandom(`report/noise/${preset}/${i}`) });
    return {
      preset,
      weights,
      norm: Math.hypot(...weights),
      samples,
      predictedSigma: e.predicted.sigma,
      measuredSigma: e.sampleStddev,
      failureRate: e.failureRate,
    };
  });
}

export const REGRESSION_BITS: readonly number[] = Array.from({ length: 15 }, (_, i) => i + 2); // 2 … 16

/** Test-set accuracy of the float and the quantised model for each data set and quantisation width. */
export function regressionSweep(bits: readonly number[] = REGRESSION_BITS): RegressionSweep[] {
  return Object.keys(DATASETS).map((name) => {
    const d = DATASETS[name]!;
    const table = loadDataset(name);
    let testRows = 0;
    const points = bits.map((nBits) => {
      const { model } = trainLinearRegression(table, { features: d.features, target: d.target, nBits, dropMissing: true });
      const m = model.training.testMetrics;
      testRows = model.training.testRows;
      return {
        nBits,
        floatR2: m.float.r2,
        quantizedR2: m.quantized.r2,
        floatMse: m.float.mse,
        quantizedMse: m.quantized.mse,
        accumulatorBits: model.quantized.accumulator.signedBits,
      };
    });
    return { dataset: name, title: d.title, features: [...d.features], target: d.target, testRows, points };
  });
}

/** Everything above; `quick` takes fewer noise samples. */
export function computeAnalysis(options: { quick: boolean }): Analysis {
  const t0 = performance.now();
  const costModels: Record<string, string> = {};
  for (const m of COST_MODEL_NAMES) costModels[m] = COST_MODEL_INFO[m];
  const lwe = lweSecurity();
  const budget = noiseBudget();
  const measured = noiseMeasured("goldilocks-128", options.quick ? 40 : 200);
  const regression = regressionSweep();
  return { costModels, lweSecurity: lwe, noiseBudget: budget, noiseMeasured: measured, regression, seconds: (performance.now() - t0) / 1000 };
}
