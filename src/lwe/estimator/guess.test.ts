// The solvers of the dual hybrid (guess.ts) against lattice-estimator doctests (malb/lattice-estimator
// commit 27a581bb8e9d, estimator/lwe_guess.py). rop / mem / m within 0.5 bit and the same one-decimal
// rounding; k and ↻ exactly.
import { describe, expect, it } from "vitest";
import { binary, gaussian, sparseTernary } from "./distributions.js";
import {
  distinguish,
  exhaustiveSearch,
  fftSolver,
  log2Amplify,
  log2DistinguishingSamples,
  log2DropProbability,
  mitm,
} from "./guess.js";
import { type ResolvedInstance, resolveInstance } from "./instance.js";

const close = (ours: number, theirs: number): void => {
  expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(0.5);
  expect(ours.toFixed(1)).toBe(theirs.toFixed(1));
};

/** LWE.Parameters(n=64, q=2**40, Xs=ND.Binary, Xe=ND.DiscreteGaussian(3.2)) */
const small = resolveInstance({ n: 64, logQ: 40, secret: binary(), error: gaussian(3.2) });
/** LWE.Parameters(n=1024, q=2**40, Xs=ND.SparseTernary(32), Xe=ND.DiscreteGaussian(3.2)) */
const sparse = resolveInstance({ n: 1024, logQ: 40, secret: sparseTernary(32, 32, 1024), error: gaussian(3.2) });

describe("exhaustive search (lwe_guess.py ExhaustiveSearch.__call__ doctests)", () => {
  it("`exhaustive_search(params)`, n = 64, binary: rop ≈2^73.6, mem ≈2^72.6, m: 397.198", () => {
    const c = exhaustiveSearch(small);
    close(c.rop, 73.6);
    close(c.mem, 72.6);
    expect(2 ** c.m).toBeCloseTo(397.198, 3);
    expect(c.repetitions).toBe(0);
  });

  it("sparse ternary 32 + 32 of 1024: rop ≈2^413.9, mem ≈2^412.9, m: ≈2^11.1", () => {
    const c = exhaustiveSearch(sparse);
    close(c.rop, 413.9);
    close(c.mem, 412.9);
    close(c.m, 11.1);
  });

  it("+∞ where the estimator's Gaussian support size raises (more than ~720 Gaussian coordinates)", () => {
    const c = exhaustiveSearch(resolveInstance({ n: 800, logQ: 40, secret: gaussian(3.2), error: gaussian(3.2) }));
    expect(c.rop).toBe(Infinity);
  });
});

describe("MITM (lwe_guess.py MITM.__call__ doctests)", () => {
  it("`mitm(params)`, n = 64: rop ≈2^37.0, mem ≈2^37.2, m: 37, k: 32, ↻: 1", () => {
    const c = mitm(small);
    close(c.rop, 37.0);
    close(c.mem, 37.2);
    expect(2 ** c.m).toBeCloseTo(37, 9);
    expect(c.k).toBe(32);
    expect(c.repetitions).toBe(0);
  });

  it("`mitm(params, optimization=\"numerical\")`: rop ≈2^39.2, m: 36, k: 32, mem ≈2^39.1", () => {
    const c = mitm(small, 0.99, "numerical");
    close(c.rop, 39.2);
    close(c.mem, 39.1);
    expect(2 ** c.m).toBeCloseTo(36, 9);
    expect(c.k).toBe(32);
  });

  it("sparse: rop ≈2^217.8, mem ≈2^210.2, m: ≈2^15.5, k: 512, ↻: 226", () => {
    const c = mitm(sparse);
    close(c.rop, 217.8);
    close(c.mem, 210.2);
    close(c.m, 15.5);
    expect(c.k).toBe(512);
    expect(2 ** c.repetitions).toBeCloseTo(226, 9);
  });

  it("sparse, numerical: rop ≈2^215.6, m: ≈2^15.5, k: 512, mem ≈2^208.6, ↻: 226", () => {
    const c = mitm(sparse, 0.99, "numerical");
    close(c.rop, 215.6);
    close(c.mem, 208.6);
    close(c.m, 15.5);
    expect(c.k).toBe(512);
    expect(2 ** c.repetitions).toBeCloseTo(226, 9);
  });

  it("+∞ when the error's range covers q", () => {
    expect(mitm(resolveInstance({ n: 64, logQ: 10, secret: binary(), error: gaussian(100) })).rop).toBe(Infinity);
  });
});

describe("distinguisher and the FFT solver", () => {
  it("`distinguish(params)`, n = 0, q = 2^32, σ = 2^32: rop ≈2^60.0, mem ≈2^60.0, m ≈2^60.0 (lwe_guess.py Distinguisher)", () => {
    const inst: ResolvedInstance = { ...resolveInstance({ n: 1, logQ: 32, secret: binary(), error: gaussian(2 ** 32) }), n: 0 };
    const c = distinguish(inst);
    close(c.rop, 60.0);
    expect(c.mem).toBe(c.rop);
    expect(c.m).toBe(c.rop);
    expect(c.rop).toBe(log2DistinguishingSamples(Math.sqrt(2 * Math.PI)));
    expect(() => distinguish(small)).toThrow(/expected secret dimension 0/);
  });

  it("fft_solver: t = 0 costs the enumeration and the table updates only; 2^t cells of memory", () => {
    const c0 = fftSolver(small, 0);
    const c8 = fftSolver(small, 8);
    expect(c8.mem).toBe(8);
    expect(c8.t).toBe(8);
    // 4·exp(4π²σ²)·(ln(2^t·S) − ln ln(1/√0.99)) samples: half of exhaustive search's 8·… at t = 0
    expect(c0.m).toBeCloseTo(exhaustiveSearch(small).m - 1, 9);
    expect(c8.m).toBeGreaterThan(c0.m);
  });
});

describe("prob.py: drop and amplify", () => {
  it("drop = C(n − h, k − fail)·C(h, fail)/C(n, k)", () => {
    // n = 10, h = 2, k = 3: P[no non-zero among 3] = C(8,3)/C(10,3) = 56/120
    expect(2 ** log2DropProbability(10, 2, 3)).toBeCloseTo(56 / 120, 12);
    expect(2 ** log2DropProbability(10, 2, 3, 1)).toBeCloseTo((28 * 2) / 120, 12);
    expect(log2DropProbability(10, 2, 3, 3)).toBe(-Infinity);
  });

  it("amplify = ⌈ln(1 − target)/ln(1 − p)⌉; 1 above the target; +∞ at p = 0; tiny p in log2", () => {
    expect(log2Amplify(0.99, Math.log2(0.995))).toBe(0);
    expect(2 ** log2Amplify(0.99, Math.log2(0.5))).toBeCloseTo(7, 9); // ⌈ln 0.01/ln 0.5⌉ = ⌈6.64⌉
    expect(log2Amplify(0.99, -Infinity)).toBe(Infinity);
    expect(log2Amplify(0.99, -3000)).toBeCloseTo(Math.log2(Math.log(100)) + 3000, 9);
  });
});
