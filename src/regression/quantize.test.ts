import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getParams } from "../lwe/index.js";
import {
  DATASETS,
  QuantizationError,
  checkPlaintextFit,
  clearAccumulator,
  dequantize,
  fitAffine,
  fitSymmetric,
  loadDataset,
  plaintextFit,
  predictFloat,
  predictQuantized,
  quantize,
  quantizeInRange,
  quantizerRange,
  quantizeLinearModel,
  quantizeRow,
  signedBits,
  trainLinearRegression,
} from "./index.js";

describe("affine quantisation", () => {
  it("maps the range onto the full integer range with the right zero point", () => {
    const u = fitAffine(-1, 3, 8, false);
    expect([u.qmin, u.qmax]).toEqual([0, 255]);
    expect(quantize(u, -1)).toBe(0);
    expect(quantize(u, 3)).toBe(255);
    expect(dequantize(u, quantize(u, 0))).toBe(0); // zero is exact
    const s = fitSymmetric(2, 4);
    expect([s.qmin, s.qmax, s.zeroPoint]).toEqual([-8, 7, 0]);
    expect(quantize(s, -2)).toBe(-7);
  });
  it("round-trip error is at most half a step inside the range (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.integer({ min: 2, max: 16 }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (lo, width, bits, signed, u) => {
        const q = fitAffine(lo, lo + width, bits, signed);
        const x = Math.max(Math.min(lo, 0), Math.min(Math.max(lo + width, 0), lo + u * width));
        expect(Math.abs(dequantize(q, quantize(q, x)) - x)).toBeLessThanOrEqual(q.scale / 2 + 1e-9 * Math.abs(x) + 1e-12);
      }),
    );
  });
  it("rejects bit widths outside 2–16", () => {
    for (const b of [1, 17, 8.5, 0]) expect(() => fitAffine(0, 1, b, false)).toThrow(new RegExp(`bits = ${b}: expected an integer from 2 to 16`));
  });
  it("signedBits is the smallest signed width holding the range", () => {
    expect(signedBits(-128, 127)).toBe(8);
    expect(signedBits(-129, 0)).toBe(9);
    expect(signedBits(0, 128)).toBe(9);
    expect(signedBits(0, 0)).toBe(1);
  });
});

describe("quantised linear model", () => {
  const cars = DATASETS.cars!;
  const trained = trainLinearRegression(loadDataset("cars"), { features: cars.features, target: cars.target, nBits: 8, dropMissing: true });
  const q = trained.model.quantized;
  it("the accumulator range bounds every possible quantised input (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: cars.features.length, maxLength: cars.features.length }), (us) => {
        const row = us.map((u, j) => Math.round(q.inputs[j]!.qmin + u * (q.inputs[j]!.qmax - q.inputs[j]!.qmin)));
        const acc = clearAccumulator(q, row);
        expect(acc).toBeGreaterThanOrEqual(q.accumulator.min);
        expect(acc).toBeLessThanOrEqual(q.accumulator.max);
      }),
    );
  });
  it("quantised predictions stay within the analytic error bound of the float model on every training row", () => {
    const m = trained.model;
    for (const i of trained.train) {
      const x = trained.data.x[i]!;
      const qx = quantizeRow(q, x);
      // input rounding: |w_j|·s_j/2 each; weight rounding: s_w/2 · |qx_j − z_j| each; bias rounding: s_w/2
      const bound =
        m.weights.reduce((s, w, j) => s + (Math.abs(w) * q.inputs[j]!.scale) / 2 + (q.outputScale / 2) * Math.abs(qx[j]! - q.inputs[j]!.zeroPoint), 0) + q.outputScale / 2;
      expect(Math.abs(predictQuantized(q, x) - predictFloat(m, x))).toBeLessThanOrEqual(bound + 1e-9);
    }
  });
  it("more bits never cost accuracy here: test MSE at 16 bits is within 0.1% of float", () => {
    const t16 = trainLinearRegression(loadDataset("cars"), { features: cars.features, target: cars.target, nBits: 16, dropMissing: true }).model.training.testMetrics;
    expect(Math.abs(t16.quantized.mse / t16.float.mse - 1)).toBeLessThan(1e-3);
  });
  it("the accumulator is checked against the LWE plaintext modulus, stating the modulus needed", () => {
    expect(plaintextFit(q, getParams("goldilocks-128")).fits).toBe(true);
    expect(() => checkPlaintextFit(q, getParams("thesis-u8"))).toThrow(QuantizationError);
    expect(() => checkPlaintextFit(q, getParams("thesis-u8"))).toThrow(/signed 8-bit inputs \[-128, 127\] are not plaintexts of "thesis-u8" \(\[0, 255\]\)/);
    // The thesis's own design: unsigned 8-bit inputs fit its plaintexts, but Σ w·x + b does not.
    const unsigned = trainLinearRegression(loadDataset("cars"), { features: cars.features, target: cars.target, nBits: 8, inputEncoding: "unsigned", dropMissing: true }).model.quantized;
    expect(unsigned.accumulator.min).toBeGreaterThanOrEqual(0);
    const bits = Math.ceil(Math.log2(unsigned.accumulator.max + 1));
    expect(plaintextFit(unsigned, getParams("thesis-u8")).reason).toBe(
      `Σ w·x + b ranges over [${unsigned.accumulator.min}, ${unsigned.accumulator.max}] and needs a plaintext modulus t ≥ 2^${bits}; "thesis-u8" has unsigned t = 2^8, so results would wrap mod t`,
    );
    expect(bits).toBeGreaterThan(8);
    const signed16 = trainLinearRegression(loadDataset("cars"), { features: cars.features, target: cars.target, nBits: 16, dropMissing: true }).model.quantized;
    expect(plaintextFit(signed16, getParams("goldilocks-128")).reason).toMatch(/t ≥ 2\^33; "goldilocks-128" has signed t = 2\^22/);
  });
  it("refuses weights whose norm exceeds the preset's noise budget", () => {
    const big = quantizeLinearModel([1, 1], 0, [-1, -1], [1, 1], { nBits: 16 });
    const fit = plaintextFit(big, getParams("goldilocks-128"));
    expect(fit.fits).toBe(false);
    expect(fit.reason).toMatch(/t ≥ 2\^|noise budget/);
  });
});

describe("quantizeInRange (the web page's form)", () => {
  const q = fitAffine(0, 255, 8, false);
  it("maps values in range as quantize does, and refuses one the quantiser would clamp, naming the feature and range", () => {
    expect(quantizeInRange(q, 100, "hp")).toBe(quantize(q, 100));
    const { min, max } = quantizerRange(q);
    expect(quantizeInRange(q, max, "hp")).toBe(q.qmax);
    expect(quantizeInRange(q, min, "hp")).toBe(q.qmin);
    expect(() => quantizeInRange(q, max + q.scale, "hp")).toThrow(/hp: .* outside the quantiser's range/);
    expect(() => quantizeInRange(q, -50, "hp")).toThrow(/hp/);
    expect(() => quantizeInRange(q, Number.NaN, "hp")).toThrow(/not a number/);
  });
});
