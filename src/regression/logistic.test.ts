import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrainingError } from "./errors.js";
import { fitLogistic, logisticLoss, sigmoid, solveCholesky } from "./logistic.js";

const rows = (xs: number[][]) => xs.map((r) => Float64Array.from(r));
const logit = (p: number) => Math.log(p / (1 - p));

describe("Cholesky solve", () => {
  it("solves a known symmetric positive definite system", () => {
    // A = [[4, 2], [2, 3]], A·(1, 2) = (8, 8)
    expect(Array.from(solveCholesky(rows([[4, 2], [2, 3]]), [8, 8])).map((v) => Number(v.toFixed(12)))).toEqual([1, 2]);
  });
  it("refuses a matrix that is not positive definite, naming the pivot", () => {
    expect(() => solveCholesky(rows([[1, 2], [2, 1]]), [1, 1])).toThrow(/not positive definite \(pivot 1/);
  });
});

describe("logistic regression (IRLS)", () => {
  it("known answer: one binary feature, no penalty — b = logit(p₀), w = logit(p₁) − logit(p₀) (the closed-form MLE)", () => {
    // x = 0: 3 of 10 positive; x = 1: 8 of 10 positive
    const x = rows([...Array(10).fill([0]), ...Array(10).fill([1])]);
    const y = [...[1, 1, 1, 0, 0, 0, 0, 0, 0, 0], ...[1, 1, 1, 1, 1, 1, 1, 1, 0, 0]];
    const f = fitLogistic(x, y, { l2: 0 });
    expect(f.intercept).toBeCloseTo(logit(0.3), 10);
    expect(f.weights[0]).toBeCloseTo(logit(0.8) - logit(0.3), 10);
  });

  it("the fit satisfies the optimality conditions Σ(y − p) = 0 and Xᵀ(y − p) = λ·w (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.boolean()), { minLength: 8, maxLength: 40 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (data, l2) => {
          const x = rows(data.map(([a, b]) => [a, b]));
          const y = data.map(([, , c]) => (c ? 1 : 0));
          const f = fitLogistic(x, y, { l2 });
          const residual = x.map((r, i) => y[i]! - sigmoid(f.intercept + f.weights[0]! * r[0]! + f.weights[1]! * r[1]!));
          expect(Math.abs(residual.reduce((s, v) => s + v, 0))).toBeLessThan(1e-7);
          for (let j = 0; j < 2; j++) expect(Math.abs(residual.reduce((s, v, i) => s + v * x[i]![j]!, 0) - l2 * f.weights[j]!)).toBeLessThan(1e-7);
          // and no nearby point has a lower penalised loss
          for (const [dw, db] of [[1e-3, 0], [0, 1e-3], [-1e-3, 0], [0, -1e-3]])
            expect(logisticLoss(x, y, [f.weights[0]! + dw!, f.weights[1]!], f.intercept + db!, l2)).toBeGreaterThanOrEqual(f.loss - 1e-12);
        },
      ),
      { numRuns: 40, seed: 15 },
    );
  });

  it("separable data: with a penalty the fit is finite and separates; without one, no convergence is an error", () => {
    const x = rows([[-2], [-1], [1], [2]]);
    const y = [0, 0, 1, 1];
    const f = fitLogistic(x, y, { l2: 0.1 });
    expect(Number.isFinite(f.weights[0]!)).toBe(true);
    expect(x.map((r) => (f.intercept + f.weights[0]! * r[0]! > 0 ? 1 : 0))).toEqual(y);
    expect(() => fitLogistic(x, y, { l2: 0, maxIterations: 30 })).toThrow(TrainingError);
  });

  it("refuses labels other than 0/1, ragged rows and a bad penalty", () => {
    expect(() => fitLogistic(rows([[1], [2]]), [0, 2])).toThrow(/label 2 at training row 1/);
    expect(() => fitLogistic([Float64Array.of(1), Float64Array.of(1, 2)], [0, 1])).toThrow(/row 1 has 2 features, expected 1/);
    expect(() => fitLogistic(rows([[1], [2]]), [0, 1], { l2: -1 })).toThrow(/L2 penalty -1/);
    expect(() => fitLogistic([], [])).toThrow(/no training rows/);
  });
});
