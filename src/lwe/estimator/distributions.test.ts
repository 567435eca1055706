// Tests of the estimator's distributions (stddev-parametrised, as in lattice-estimator estimator/nd.py).
import { describe, expect, it } from "vitest";
import {
  binary,
  cbd,
  density,
  describeDistribution,
  gaussian,
  gaussianFromWidth,
  isSmall,
  log2Stddev,
  mean,
  stddev,
  ternary,
  uniform,
  uniformMod,
  widthFromStddev,
} from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";

describe("standard deviations", () => {
  it("match the lattice-estimator's nd.py formulas", () => {
    expect(stddev(gaussian(3.19))).toBeCloseTo(3.19, 12);
    expect(stddev(cbd(3))).toBeCloseTo(Math.sqrt(1.5), 12); // Kyber512: D(σ=1.22)
    expect(stddev(cbd(2))).toBeCloseTo(1, 12);
    expect(stddev(cbd(8))).toBeCloseTo(2, 12); // nd.py: CenteredBinomial(8) → D(σ=2.00)
    expect(stddev(ternary())).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(stddev(binary())).toBeCloseTo(0.5, 12);
    expect(stddev(uniform(-3, 3))).toBeCloseTo(2, 12); // nd.py: Uniform(-3, 3) → D(σ=2.00)
    expect(stddev(uniform(-4, 3))).toBeCloseTo(2.29, 2); // nd.py: Uniform(-4, 3) → D(σ=2.29, μ=-0.50)
    expect(stddev(uniformMod(), 7)).toBeCloseTo(2, 12); // nd.py: UniformMod(7) → D(σ=2.00)
    expect(stddev(uniformMod(), 3329)).toBeCloseTo(Math.sqrt((3329 * 3329 - 1) / 12), 9);
  });

  it("is overflow-safe in log2 for huge moduli", () => {
    expect(log2Stddev(uniformMod(), 880)).toBeCloseTo(880 - 0.5 * Math.log2(12), 12);
    expect(log2Stddev(uniformMod(), 5000)).toBeCloseTo(5000 - 0.5 * Math.log2(12), 12);
    expect(log2Stddev(uniform(-(2 ** 200), 2 ** 200))).toBeCloseTo(201 - 0.5 * Math.log2(12), 9);
  });

  it("converts a Gaussian width s = σ√(2π) explicitly", () => {
    const g = gaussianFromWidth(8);
    expect(g.kind).toBe("gaussian");
    expect(g.stddev).toBeCloseTo(8 / Math.sqrt(2 * Math.PI), 12); // 3.1915…; nd.py: stddevf(64) = 25.532…
    expect(gaussianFromWidth(64).stddev).toBeCloseTo(25.532, 3);
    expect(widthFromStddev(g.stddev)).toBeCloseTo(8, 12);
  });
});

describe("mean, density, isSmall", () => {
  it("means", () => {
    expect(mean(binary())).toBe(0.5);
    expect(mean(ternary())).toBe(0);
    expect(mean(cbd(3))).toBe(0);
    expect(mean(uniform(-4, 3))).toBe(-0.5);
    expect(mean(uniformMod(), 8)).toBe(-0.5);
    expect(mean(uniformMod(), 7)).toBe(0);
  });

  it("densities (share of non-zero coefficients, nd.py `_density`)", () => {
    expect(density(ternary())).toBeCloseTo(2 / 3, 12);
    expect(density(binary())).toBeCloseTo(0.5, 12);
    expect(density(uniform(1, 4))).toBe(1);
    expect(density(cbd(1))).toBeCloseTo(0.5, 12);
    expect(density(cbd(3))).toBeCloseTo(1 - 20 / 64, 12);
    expect(density(gaussian(3.19))).toBeCloseTo(1 - 1 / (3.19 * Math.sqrt(2 * Math.PI)), 12);
    expect(density(uniformMod(), 3329)).toBeCloseTo(1 - 1 / 3329, 12);
  });

  it("isSmall: narrower than uniform mod q", () => {
    expect(isSmall(ternary(), 3329)).toBe(true);
    expect(isSmall(gaussian(3.19), 2 ** 64)).toBe(true);
    expect(isSmall(uniformMod(), 3329)).toBe(false);
    expect(isSmall(gaussian(5000), 3329)).toBe(false);
  });

  it("describes distributions", () => {
    expect(describeDistribution(cbd(3))).toBe("cbd(η=3)");
    expect(describeDistribution(ternary())).toBe("uniform[-1,1]");
  });
});

describe("validation", () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ["negative stddev", () => gaussian(-1), /stddev = -1.*expected/],
    ["zero stddev", () => gaussian(0), /stddev = 0.*expected/],
    ["NaN stddev", () => gaussian(NaN), /stddev = NaN.*expected/],
    ["infinite stddev", () => gaussian(Infinity), /stddev = Infinity.*expected/],
    ["negative width", () => gaussianFromWidth(-8), /width s = -8.*expected/],
    ["eta < 1", () => cbd(0), /eta = 0.*expected an integer >= 1/],
    ["fractional eta", () => cbd(1.5), /eta = 1.5.*expected/],
    ["a > b", () => uniform(2, 1), /a = 2, b = 1.*expected a < b/],
    ["a = b", () => uniform(1, 1), /a = 1, b = 1.*expected a < b/],
    ["non-integer bound", () => uniform(0.5, 2), /a = 0.5.*expected a finite integer/],
    ["uniformMod without q", () => stddev(uniformMod()), /q = undefined.*expected/],
  ];
  for (const [name, f, msg] of cases) {
    it(`throws EstimatorParameterError: ${name}`, () => {
      expect(f).toThrow(EstimatorParameterError);
      expect(f).toThrow(msg);
    });
  }
});
