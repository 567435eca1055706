/**
 * Small hand-made suite results and analysis for the report's tests (shapes as the suites write them; values
 * invented, never shown in a report).
 */
import type { Analysis } from "./analysis.js";
import type { Measurement, SuiteFile, SuiteResults } from "./suites.js";

export const MACHINE = { cpu: "Test CPU 9000", cores: 2, memoryGiB: 8, node: "v20.0.0", platform: "linux-x64", date: "2026-01-01T00:00:00.000Z" };

const m = (suite: string, name: string, params: string, msPerOp: number, extra?: Record<string, number | string>): Measurement => ({
  suite,
  name,
  params,
  msPerOp,
  runs: 1,
  ...(extra ? { extra } : {}),
});

const file = (suite: string, results: Measurement[]): SuiteFile => ({ suite, quick: true, machine: MACHINE, results });

export const PROVER = file("prover", [
  m("prover", "prove mimc-goldilocks (default (cubic ext.))", "2^8 steps", 60, { verifyMs: 15, proofBytes: 24 * 1024, rssGrowthMiB: 1, conjecturedBits: 123 }),
  m("prover", "prove mimc-goldilocks (default (cubic ext.))", "2^10 steps", 45, { verifyMs: 17, proofBytes: 38 * 1024, rssGrowthMiB: 1, conjecturedBits: 123 }),
  m("prover", "prove mimc (genSTARK-comparable)", "2^8 steps", 110, { verifyMs: 14, proofBytes: 35 * 1024, rssGrowthMiB: 1, conjecturedBits: 127 }),
  m("prover", "prove mimc (genSTARK-comparable)", "2^10 steps", 330, { verifyMs: 11, proofBytes: 52 * 1024, rssGrowthMiB: 1, conjecturedBits: 127 }),
]);

export const GENSTARK = file("genstark", [
  m("genstark", "genSTARK 0.7.6: mimc (β16, 48q + 24 FRI q, wasm)", "2^10 steps", 110, { conjecturedBits: 96, verifyMs: 18, proofBytes: 60000, ratio: 1, verifyRatio: 1, setupMs: 6 }),
  m("genstark", "ours: mimc, matched bits (β16, 24q)", "2^10 steps", 340, { traceMs: 2, conjecturedBits: 95, verifyMs: 7, proofBytes: 30000, ratio: 0.32, verifyRatio: 2.5 }),
  m("genstark", "ours: mimc-goldilocks, default (β8, 36q, 16 grind, ext 3)", "2^10 steps", 28, { traceMs: 1, conjecturedBits: 123, verifyMs: 12, proofBytes: 38000, ratio: 4, verifyRatio: 1.5 }),
  m("genstark", "genSTARK 0.7.6: mimc (β16, 48q + 24 FRI q, wasm)", "2^12 steps", 400, { conjecturedBits: 96, verifyMs: 40, proofBytes: 84000, ratio: 1, verifyRatio: 1, setupMs: 6 }),
  m("genstark", "ours: mimc, matched bits (β16, 24q)", "2^12 steps", 1400, { traceMs: 4, conjecturedBits: 95, verifyMs: 8, proofBytes: 40000, ratio: 0.29, verifyRatio: 5 }),
  m("genstark", "ours: mimc-goldilocks, default (β8, 36q, 16 grind, ext 3)", "2^12 steps", 110, { traceMs: 2, conjecturedBits: 123, verifyMs: 19, proofBytes: 55000, ratio: 3.7, verifyRatio: 2.1 }),
]);

export const GAS = file("gas", [
  m("gas", "EncryptAIToken (deploy)", "", 0, { gas: 1246796 }),
  m("gas", "DataNFT (deploy)", "", 0, { gas: 1508615 }),
  m("gas", "EncryptAIToken.faucet", "", 0, { gas: 51253 }),
  m("gas", "Marketplace.buyAccess (data set)", "", 0, { gas: 181035 }),
  m("gas", "JobManager.requestJob", "", 0, { gas: 314717 }),
  m("gas", "StarkVerifier.verify (cars model, 1 row)", "64-row trace, ONCHAIN_OPTIONS", 0, { gas: 6483983, calldataGas: 750344, executionGas: 5733639 }),
  m("gas", "StarkInferenceVerifier.settle (cars job, public weights)", "the job's files read and compressed on chain, then StarkVerifier.verify", 0, { gas: 11969603, calldataGas: 2364684, executionGas: 9604919 }),
]);

export const LWE = file("lwe", [
  m("lwe", "keygen", "thesis", 0.4),
  m("lwe", "decrypt", "thesis", 0.009),
  m("lwe", "keygen", "goldilocks-128", 175),
  m("lwe", "decrypt", "goldilocks-128", 0.018),
  m("lwe", "estimate: primal + dual, 4 cost models", "n=1024, log q=27", 0.4),
  m("lwe", "encrypt 500 uint8 values (public key)", "goldilocks-128", 900, { perValueMs: 1.8 }),
]);

export const VM = file("vm", [
  m("vm", "execute (fast executor, full LWE ciphertexts), per inference", "thesis-u8, 30-feature regression, public weights, 144 steps, 528.2k steps/s", 0.27, { preset: "thesis-u8", steps: 144, stepsPerSecond: 528000, inferencesPerSecond: 3700 }),
  m("vm", "vmTrace (trace generation, raw, 5 cells)", "thesis-u8, 30-feature regression, public weights, 2^8 rows", 35, { preset: "thesis-u8", steps: 144, traceLength: 256, traceWidth: 37 }),
  m("vm", "prove thesis example (lr.txt) (f128, 123-bit)", "thesis-u8 (raw, 5 cells), 32 steps, 2^6 rows", 150, { preset: "thesis-u8", mode: "raw", steps: 32, traceLength: 64, conjecturedBits: 123, proofBytes: 35000, verifyMs: 10 }),
  m("vm", "prove thesis example (lr.txt) (f128, 123-bit)", "f128-128 (2 lanes), 32 steps, 2^6 rows", 140, { preset: "f128-128", mode: "2", steps: 32, traceLength: 64, conjecturedBits: 123, proofBytes: 36000, verifyMs: 15 }),
  m("vm", "prove 4-feature regression, private weights (zero knowledge)", "f128-128 (2 lanes), 48 steps, 2^7 rows", 620, { preset: "f128-128", mode: "2", steps: 48, traceLength: 128, conjecturedBits: 123, proofBytes: 43000, verifyMs: 17 }),
  { ...m("vm", "cars regression (5 features, public weights), 1 row in one proof", "goldilocks-128, 1 rows", 200, { rows: 1, traceLength: 64, proofBytes: 47000, verifyMs: 60 }), minMs: 180, maxMs: 260 },
  m("vm", "cars regression (5 features, public weights), 100 rows in one proof", "goldilocks-128, 100 rows", 1400, { rows: 100, traceLength: 4096, proofBytes: 92000, verifyMs: 200 }),
  m("vm", "cars regression (5 features, public weights), 10 rows in one proof", "goldilocks-128, 10 rows", 290, { rows: 10, traceLength: 512, proofBytes: 68000, verifyMs: 75 }),
]);

export const REGRESSION = file("regression", [m("regression", "train (ols) + quantise", "cars, 5 features", 0.7)]);

/** Every suite but math and hash (which the page shows as tables only), so missing suites are exercised too. */
export const SUITES_FIXTURE: SuiteResults = { lwe: LWE, regression: REGRESSION, gas: GAS, prover: PROVER, vm: VM, genstark: GENSTARK };

export const ANALYSIS: Analysis = {
  costModels: { "core-svp": "ADPS16 core-SVP, classical", matzov: "MATZOV22" },
  lweSecurity: [
    { preset: "thesis", n: 4, log2q: 128, byModel: [{ model: "core-svp", bits: 4, limitedBy: "exhaustive search" }, { model: "matzov", bits: 4, limitedBy: "exhaustive search" }] },
    { preset: "goldilocks-128", n: 2048, log2q: 64, byModel: [{ model: "core-svp", bits: 128.8, limitedBy: "primal uSVP" }, { model: "matzov", bits: 156, limitedBy: "primal uSVP" }] },
  ],
  noiseBudget: [{ preset: "goldilocks-128", freshSigma: 2 ** 26.7, maxNormAt2m40: 2808, norms: [100, 1000, 10000], log2FailureProbability: [-400, -150, -2] }],
  noiseMeasured: [
    { preset: "goldilocks-128", weights: [1], norm: 1, samples: 10, predictedSigma: 1e8, measuredSigma: 1.1e8, failureRate: 0 },
    { preset: "goldilocks-128", weights: [3, -2], norm: Math.hypot(3, 2), samples: 10, predictedSigma: 3.6e8, measuredSigma: 3.4e8, failureRate: 0 },
  ],
  regression: [
    {
      dataset: "cars",
      title: "Auto MPG",
      features: ["a", "b"],
      target: "mpg",
      testRows: 80,
      points: [
        { nBits: 2, floatR2: 0.71, quantizedR2: 0.42, floatMse: 10, quantizedMse: 20, accumulatorBits: 8 },
        { nBits: 8, floatR2: 0.71, quantizedR2: 0.71, floatMse: 10, quantizedMse: 10.1, accumulatorBits: 20 },
      ],
    },
    {
      dataset: "penguins",
      title: "Palmer penguins",
      features: ["c"],
      target: "mass",
      testRows: 68,
      points: [
        { nBits: 2, floatR2: 0.78, quantizedR2: -6, floatMse: 1, quantizedMse: 30, accumulatorBits: 7 },
        { nBits: 8, floatR2: 0.78, quantizedR2: 0.78, floatMse: 1, quantizedMse: 1, accumulatorBits: 19 },
      ],
    },
  ],
  seconds: 0.1,
};
