import { describe, expect, it } from "vitest";
import { erfcInvLog2, log2Erfc } from "../math/gaussian-tail.js";
import {
  type LweParams,
  circuitFailureLog2,
  freshNoiseVariance,
  getParams,
  maxCircuitNorm,
  moments,
  seededRandom,
  validateParams,
  wrapDrift,
} from "./index.js";
import { runNoiseExperiment } from "./noise-experiment.js";

/** A small set whose noise is a sizeable fraction of Δ, so failures are frequent enough to count. */
const noisy: LweParams = validateParams({
  id: "test-noisy",
  title: "n = m = 64, σ = 1000, Δ ≈ 3σ_N",
  modulus: "goldilocks",
  n: 64,
  m: 64,
  secret: { kind: "uniform", a: -1, b: 1 },
  keyError: { kind: "gaussian", stddev: 1000 },
  encRandomness: { kind: "uniform", a: -1, b: 1 },
  encError: { kind: "gaussian", stddev: 1000 },
  plaintextModulus: 1024,
  delta: 27870n,
  encoding: "unsigned",
});

describe("Gaussian tail", () => {
  it("log2 erfc matches reference values (Abramowitz–Stegun table 7.1 / mpmath)", () => {
    // erfc(1) = 0.157299207050285, erfc(3) = 2.20904969985854e-5, erfc(6) = 2.15197367124989e-17
    expect(2 ** log2Erfc(1)).toBeCloseTo(0.157299207050285, 6);
    expect(2 ** log2Erfc(3) / 2.20904969985854e-5).toBeCloseTo(1, 5);
    expect(2 ** log2Erfc(6) / 2.15197367124989e-17).toBeCloseTo(1, 5);
    expect(log2Erfc(erfcInvLog2(-40))).toBeCloseTo(-40, 6);
  });
});

describe("noise analysis", () => {
  it("fresh public-key noise variance is m·E[e²]E[e1²] + E[e2²] + n·E[s²]E[e3²]", () => {
    const v = freshNoiseVariance(noisy, "public");
    const s2 = 1000 ** 2 + 1 / 12;
    expect(v).toBeCloseTo(64 * s2 * (2 / 3) + s2 + 64 * (2 / 3) * s2, 3);
    expect(freshNoiseVariance(noisy, "secret")).toBeCloseTo(s2, 6);
    expect(moments({ kind: "uniform", a: 0, b: 1 }).secondMoment).toBe(0.5);
    expect(moments({ kind: "cbd", eta: 3 }).variance).toBe(1.5);
  });
  it("empirical fresh noise agrees with the analysis (goldilocks-128, public key)", () => {
    const exp = runNoiseExperiment(getParams("goldilocks-128"), { samples: 300, random: seededRandom("emp-1") });
    // relative standard error of a 300-sample standard deviation ≈ 4%: accept ±15%
    expect(exp.sampleStddev / exp.predicted.sigma).toBeGreaterThan(0.85);
    expect(exp.sampleStddev / exp.predicted.sigma).toBeLessThan(1.15);
    expect(exp.failureRate).toBe(0);
  });
  it("noise grows by ‖c‖₂ through a linear circuit, as predicted", () => {
    const weights = [3, -2, 5];
    const exp = runNoiseExperiment(noisy, { samples: 1500, weights, random: seededRandom("emp-2") });
    const fresh = Math.sqrt(freshNoiseVariance(noisy, "public"));
    expect(exp.predicted.sigma).toBeCloseTo(fresh * Math.sqrt(9 + 4 + 25), 6);
    expect(exp.sampleStddev / exp.predicted.sigma).toBeGreaterThan(0.92);
    expect(exp.sampleStddev / exp.predicted.sigma).toBeLessThan(1.08);
  });
  it("the predicted failure probability matches the observed failure rate", () => {
    const exp = runNoiseExperiment(noisy, { samples: 3000, random: seededRandom("emp-3") });
    const p = 2 ** exp.predicted.log2FailureProbability;
    expect(p).toBeGreaterThan(0.05);
    const se = Math.sqrt((p * (1 - p)) / 3000);
    expect(Math.abs(exp.failureRate - p)).toBeLessThan(5 * se);
  });
  it("secret-key ciphertexts have only e2 noise", () => {
    const exp = runNoiseExperiment(noisy, { samples: 1500, encryption: "secret", random: seededRandom("emp-4") });
    expect(exp.predicted.sigma).toBeCloseTo(Math.sqrt(1000 ** 2 + 1 / 12), 6);
    expect(exp.sampleStddev / exp.predicted.sigma).toBeGreaterThan(0.92);
    expect(exp.sampleStddev / exp.predicted.sigma).toBeLessThan(1.08);
  });
  it("maxCircuitNorm is the boundary of the failure bound", () => {
    for (const id of ["goldilocks-128", "f128-128"]) {
      const p = getParams(id);
      const x = maxCircuitNorm(p, -40);
      expect(circuitFailureLog2(p, x * x * 0.98)).toBeLessThanOrEqual(-40);
      expect(circuitFailureLog2(p, x * x * 1.02)).toBeGreaterThan(-40);
    }
    expect(maxCircuitNorm(getParams("thesis"))).toBe(Infinity); // zero noise
  });
  it("the wrap drift is q mod t when Δ = ⌊q/t⌋ and zero for the thesis's Δ = 16", () => {
    expect(wrapDrift(getParams("goldilocks-128"))).toBe(Number((2n ** 64n - 2n ** 32n + 1n) % 2n ** 24n));
    expect(wrapDrift(getParams("thesis"))).toBe(0);
  });
});
