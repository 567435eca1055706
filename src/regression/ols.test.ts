import { readFileSync } from "node:fs";
import fc from "fast-check";
import { det, lusolve, multiply, transpose } from "mathjs";
import { describe, expect, it } from "vitest";
import { TrainingError, gradientDescent, leastSquares, metrics, predict } from "./index.js";

describe("least squares (Householder QR)", () => {
  it("Anscombe's quartet: every series fits y = 3.00 + 0.500·x (Anscombe 1973)", () => {
    const rows = JSON.parse(readFileSync("node_modules/vega-datasets/data/anscombe.json", "utf8")) as { Series: string; X: number; Y: number }[];
    for (const s of ["I", "II", "III", "IV"]) {
      const pts = rows.filter((r) => r.Series === s);
      const fit = leastSquares(pts.map((p) => Float64Array.of(p.X)), pts.map((p) => p.Y));
      expect(fit.intercept).toBeCloseTo(3.0, 2);
      expect(fit.weights[0]).toBeCloseTo(0.5, 3);
      expect(metrics(pts.map((p) => p.Y), predict(fit, pts.map((p) => Float64Array.of(p.X)))).r2).toBeCloseTo(0.6665, 3); // r ≈ 0.816
    }
  });
  it("recovers exact coefficients from noiseless data", () => {
    const x = Array.from({ length: 30 }, (_, i) => Float64Array.of(i, (i * i) % 7, Math.sin(i)));
    const y = x.map((r) => 3 + 2 * r[0]! - r[1]! + 0.25 * r[2]!);
    const fit = leastSquares(x, y);
    expect(fit.intercept).toBeCloseTo(3, 10);
    expect(Array.from(fit.weights)).toEqual([expect.closeTo(2, 10), expect.closeTo(-1, 10), expect.closeTo(0.25, 10)]);
  });
  it("agrees with the normal equations solved by mathjs on random well-conditioned data (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: 12, maxLength: 40 }), (data) => {
        const x = data.map((r) => Float64Array.from(r.slice(0, 3)));
        const y = data.map((r) => r[3]!);
        const design = x.map((r) => [1, ...r]);
        const xtx = multiply(transpose(design), design) as number[][];
        // well conditioned: the correlation-scaled Gram matrix has a determinant far from 0
        const scaled = xtx.map((r, i) => r.map((v, j) => v / Math.sqrt(xtx[i]![i]! * xtx[j]![j]!)));
        fc.pre(xtx.every((r, i) => r[i]! > 1e-6) && Math.abs(det(scaled)) > 1e-3);
        const ref = (lusolve(xtx, multiply(transpose(design), y) as number[]) as number[][]).map((r) => r[0]!);
        const fit = leastSquares(x, y);
        expect(fit.intercept).toBeCloseTo(ref[0]!, 5);
        fit.weights.forEach((w, j) => expect(w).toBeCloseTo(ref[j + 1]!, 5));
      }),
      { numRuns: 200 },
    );
  });
  it("names a collinear feature", () => {
    const x = Array.from({ length: 10 }, (_, i) => Float64Array.of(i, 2 * i + 1, i % 3));
    expect(() => leastSquares(x, x.map((r) => r[0]!), ["a", "b", "c"])).toThrow(TrainingError);
    expect(() => leastSquares(x, x.map((r) => r[0]!), ["a", "b", "c"])).toThrow(/feature "b" is a linear combination/);
  });
});

describe("gradient descent", () => {
  it("converges to the least-squares solution on standardised data", () => {
    const x = Array.from({ length: 50 }, (_, i) => Float64Array.of(Math.cos(i), Math.sin(2 * i)));
    const y = x.map((r, i) => 1.5 - 2 * r[0]! + 0.7 * r[1]! + 0.1 * Math.cos(7 * i));
    const ols = leastSquares(x, y);
    const gd = gradientDescent(x, y, { learningRate: 0.2 });
    expect(gd.converged).toBe(true);
    expect(gd.intercept).toBeCloseTo(ols.intercept, 5);
    gd.weights.forEach((w, j) => expect(w).toBeCloseTo(ols.weights[j]!, 5));
    expect(gd.lossHistory[gd.lossHistory.length - 1]!).toBeLessThan(gd.lossHistory[0]!);
  });
  it("reports divergence instead of returning NaN", () => {
    const x = Array.from({ length: 20 }, (_, i) => Float64Array.of(i * 100));
    expect(() => gradientDescent(x, x.map((r) => r[0]!), { learningRate: 1.9 })).toThrow(/diverged/);
    expect(() => gradientDescent(x, x.map((r) => r[0]!), { learningRate: 5 })).toThrow(/learning rate 5/);
  });
});

describe("metrics", () => {
  it("MSE, MAE and R² of a known example", () => {
    const m = metrics([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]); // scikit-learn documentation example
    expect(m.mse).toBeCloseTo(0.375, 12);
    expect(m.mae).toBeCloseTo(0.5, 12);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 12);
  });
});
