import { describe, expect, it } from "vitest";
import { PRESETS, getParams, maxCircuitNorm } from "../lwe/index.js";
import { lweSecurity, noiseBudget, noiseMeasured, regressionSweep } from "./analysis.js";

describe("figures computed from the library", () => {
  it("LWE security per preset agrees with each preset's recorded claim (core-SVP and MATZOV)", () => {
    const rows = lweSecurity();
    expect(rows.map((r) => r.preset)).toEqual(Object.keys(PRESETS));
    for (const r of rows) {
      const claim = PRESETS[r.preset]!.security;
      expect(r.byModel.find((b) => b.model === "core-svp")!.bits).toBeCloseTo(claim.bits, 0);
      expect(r.byModel.find((b) => b.model === "matzov")!.bits).toBeCloseTo(claim.matzovBits, 0);
    }
  });

  it("noise budget: rising curves that bracket the 2^-40 norm, only for presets with noise", () => {
    const curves = noiseBudget(21);
    expect(curves.map((c) => c.preset)).toEqual(["goldilocks-128", "f128-128"]);
    for (const c of curves) {
      expect(c.maxNormAt2m40).toBe(maxCircuitNorm(getParams(c.preset)));
      expect(c.norms[0]).toBeLessThan(c.maxNormAt2m40);
      expect(c.norms.at(-1)).toBeGreaterThan(c.maxNormAt2m40);
      for (let i = 1; i < c.log2FailureProbability.length; i++) expect(c.log2FailureProbability[i]).toBeGreaterThanOrEqual(c.log2FailureProbability[i - 1]!);
    }
  });

  it("regression sweep: the quantised model reaches the float model's R² by 8 bits", () => {
    const sweeps = regressionSweep([2, 8]);
    expect(sweeps.map((s) => s.dataset)).toEqual(["cars", "penguins", "seattle-weather"]);
    for (const s of sweeps) {
      const [p2, p8] = s.points;
      expect(p8!.quantizedR2).toBeGreaterThan(p8!.floatR2 - 0.01);
      expect(p2!.quantizedR2).toBeLessThan(p8!.quantizedR2);
      expect(s.testRows).toBeGreaterThan(50);
    }
  });

  it("measured noise follows the prediction (seeded, few samples)", () => {
    const pts = noiseMeasured("goldilocks-128", 24);
    expect(pts).toHaveLength(5);
    for (const p of pts) {
      expect(p.measuredSigma / p.predictedSigma).toBeGreaterThan(0.6);
      expect(p.measuredSigma / p.predictedSigma).toBeLessThan(1.4);
      expect(p.failureRate).toBe(0);
    }
  });
});
