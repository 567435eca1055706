// Tests of the BKZ cost models and δ(β) against the doctests of lattice-estimator estimator/reduction.py
// (malb/lattice-estimator @ 27a581bb, docstrings of ReductionCost, BDGL16, ADPS16, Kyber, GJ21).
import { describe, expect, it } from "vitest";
import {
  AGPS20_FIT,
  COST_MODEL_NAMES,
  delta,
  dimensionsForFree,
  log2BkzCost,
  log2SieveBkzCost,
  shortVectors,
  sieveShortVectors,
} from "./cost-models.js";
import { EstimatorParameterError } from "./errors.js";

describe("root-Hermite factor δ(β)", () => {
  it("uses the experimental table for β ≤ 40", () => {
    expect(delta(1)).toBe(1.0219);
    expect(delta(2)).toBe(1.0219);
    expect(delta(4)).toBe(1.0219);
    expect(delta(5)).toBe(1.01862);
    expect(delta(27)).toBe(1.01342);
    expect(delta(39)).toBe(1.01331);
    expect(delta(40)).toBe(1.01295);
  });
  it("uses Chen's formula for β > 40 (values printed by the estimator)", () => {
    expect(delta(406)).toBeCloseTo(1.003941, 6); // Kyber512 primal: δ: 1.003941
    expect(delta(78)).toBeCloseTo(1.010374, 6); // n = 1030 example: δ: 1.010374
    expect(delta(456)).toBeCloseTo(1.003634, 6);
    expect(delta(351)).toBeCloseTo(1.004356, 6);
    expect(delta(406.4)).toBe(delta(406)); // β is rounded first
  });
  it("is decreasing in β", () => {
    for (let b = 3; b < 1754; b++) expect(delta(b + 1)).toBeLessThanOrEqual(delta(b));
  });
});

describe("BKZ cost models (reduction.py doctests, β = 500, d = 1024)", () => {
  it("ADPS16 classical/quantum: log2 = 146.0 / 132.5", () => {
    expect(log2BkzCost("core-svp", 500, 1024)).toBeCloseTo(146.0, 10);
    expect(log2BkzCost("core-svp-quantum", 500, 1024)).toBeCloseTo(132.5, 10);
  });
  it("BDGL16: log2 = 175.4", () => {
    expect(log2BkzCost("bdgl16", 500, 1024)).toBeCloseTo(175.4, 10);
  });
  it("Kyber-class formula with the AGPS20 fit: log2 RC.Kyber(500, 1024) = 176.55419197058822", () => {
    expect(log2SieveBkzCost(AGPS20_FIT, 500, 1024)).toBeCloseTo(176.55419197058822, 10);
  });
  it("matzov uses the same formula with the MATZOV fit", () => {
    // Kyber512 primal at β = 406, d = 998 prints rop ≈ 2^143.8
    expect(log2BkzCost("matzov", 406, 998)).toBeCloseTo(143.77, 2);
  });
  it("dimensions for free: RC.Kyber.d4f(500) = 42.597…", () => {
    expect(dimensionsForFree(500)).toBeGreaterThanOrEqual(42.597);
    expect(dimensionsForFree(500)).toBeLessThan(42.598);
    expect(dimensionsForFree(10)).toBe(0);
  });
  it("rejects unknown model names", () => {
    expect(() => log2BkzCost("sieve" as never, 100, 200)).toThrow(EstimatorParameterError);
    expect(() => log2BkzCost("sieve" as never, 100, 200)).toThrow(/cost model = "sieve": expected one of/);
    expect(COST_MODEL_NAMES).toEqual(["core-svp", "core-svp-quantum", "bdgl16", "matzov"]);
  });
});

describe("short vectors (dual attack)", () => {
  it("ADPS16.short_vectors(100, 500[, N]) = (1.1547…, 6.167e8, 1763487, 100)", () => {
    const one = shortVectors("core-svp", 100, 500, 0);
    expect(one.rho).toBe(1);
    expect(2 ** one.log2Cost).toBeCloseTo(6.16702733460158e8, -2);
    const many = shortVectors("core-svp", 100, 500);
    expect(many.rho).toBeCloseTo(1.1547, 4);
    expect(2 ** many.log2Cost).toBeCloseTo(6.16702733460158e8, -2);
    expect(Math.round(2 ** many.log2N)).toBe(1763487);
    expect(many.sieveDim).toBe(100);
    const thousand = shortVectors("core-svp", 100, 500, Math.log2(1000));
    expect(Math.round(2 ** thousand.log2N)).toBe(1763487);
  });
  it("GJ21.short_vectors(100, 500[, N]) with the AGPS20 fit = (1.04228014727497, 5.3894147166e19, 36150192, 121)", () => {
    const one = sieveShortVectors(AGPS20_FIT, 100, 500, 0);
    expect(one.rho).toBe(1);
    expect(one.sieveDim).toBe(100);
    expect(2 ** one.log2Cost / 2.62316973939e19).toBeCloseTo(1, 9);
    const many = sieveShortVectors(AGPS20_FIT, 100, 500);
    expect(many.rho).toBeCloseTo(1.04228014727497, 12);
    expect(2 ** many.log2Cost / 5.3894147166e19).toBeCloseTo(1, 9);
    expect(Math.round(2 ** many.log2N)).toBe(36150192);
    expect(many.sieveDim).toBe(121);
    const thousand = sieveShortVectors(AGPS20_FIT, 100, 500, Math.log2(1000));
    expect(Math.round(2 ** thousand.log2N)).toBe(36150192);
  });
});
