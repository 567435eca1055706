import { describe, expect, it } from "vitest";
import { F128, GOLDILOCKS } from "../math/moduli.js";
import { moments } from "./noise.js";
import { ByteStream, seededRandom } from "./random.js";
import { type SmallDistribution, expandMatrix, expandRow, sampleError, sampleSmall, sampleUniformMod } from "./sampling.js";
import { allCanonical, getElement } from "./zq.js";

const cases: [string, SmallDistribution][] = [
  ["ternary", { kind: "uniform", a: -1, b: 1 }],
  ["binary", { kind: "uniform", a: 0, b: 1 }],
  ["uniform [-100, 27]", { kind: "uniform", a: -100, b: 27 }],
  ["uniform wide", { kind: "uniform", a: -5000, b: 5000 }],
  ["cbd(3)", { kind: "cbd", eta: 3 }],
  ["gaussian σ=3.19", { kind: "gaussian", stddev: 3.19 }],
  ["gaussian σ=0.4", { kind: "gaussian", stddev: 0.4 }],
  ["gaussian σ=2^16", { kind: "gaussian", stddev: 2 ** 16 }],
];

describe("small samplers", () => {
  it.each(cases)("%s: sample mean and second moment match the analytic moments", (_, d) => {
    const n = 200_000;
    const xs = sampleSmall(d, n, new ByteStream(seededRandom(`moments-${_}`)));
    const mom = moments(d);
    let s = 0;
    let s2 = 0;
    let min = Infinity;
    let max = -Infinity;
    let integers = true;
    for (const x of xs) {
      s += x;
      s2 += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      integers &&= Number.isInteger(x);
    }
    expect(integers).toBe(true);
    const sd = Math.sqrt(mom.variance);
    expect(Math.abs(s / n - mom.mean)).toBeLessThan(6 * (sd / Math.sqrt(n)) + 1e-12);
    // second moment within 3% (≫ 6 standard errors for n = 2·10^5)
    expect(Math.abs(s2 / n - mom.secondMoment)).toBeLessThan(0.03 * mom.secondMoment + 1e-12);
    if (d.kind === "uniform") {
      expect(min).toBe(d.a);
      expect(max).toBe(d.b);
    }
  });
  it("the thesis σ = 2.4e-5 rounds to zero, as in the thesis code", () => {
    const xs = sampleSmall({ kind: "gaussian", stddev: 2.412390240121573e-5 }, 10_000, new ByteStream(seededRandom(1)));
    expect(xs.every((x) => x === 0)).toBe(true);
    expect(moments({ kind: "gaussian", stddev: 2.412390240121573e-5 }).variance).toBe(0);
  });
});

describe("wide Gaussian errors (σ > 2^40)", () => {
  it("have the analytic second moment and random low bits", () => {
    const d = { kind: "gaussian", stddev: 2 ** 64 } as const;
    const n = 100_000;
    const e = sampleError(d, n, new ByteStream(seededRandom("wide")));
    let s2 = 0;
    const lowByte = new Array<number>(256).fill(0);
    for (let i = 0; i < n; i++) {
      const x = e.hi[i]! * 2 ** 32 + e.lo[i]!;
      s2 += x * x;
      lowByte[(((e.lo[i]! % 256) + 256) % 256)]!++;
    }
    expect(s2 / n / moments(d).secondMoment).toBeGreaterThan(0.97);
    expect(s2 / n / moments(d).secondMoment).toBeLessThan(1.03);
    // chi-square over the low byte: 255 degrees of freedom, mean 255, sd ≈ 22.6
    const chi = lowByte.reduce((s, c) => s + (c - n / 256) ** 2 / (n / 256), 0);
    expect(chi).toBeLessThan(255 + 6 * 22.6);
  });
  it("ordinary widths come back whole in `lo`", () => {
    const e = sampleError({ kind: "gaussian", stddev: 3.2 }, 100, new ByteStream(seededRandom(1)));
    expect(e.hi.every((x) => x === 0)).toBe(true);
  });
});

describe("uniform elements and the seeded matrix A", () => {
  it.each([GOLDILOCKS, F128])("uniform mod $id is canonical and covers the top limb", (mod) => {
    const v = sampleUniformMod(mod, 2000, new ByteStream(seededRandom(3)));
    expect(allCanonical(mod, v)).toBe(true);
    const top = Array.from({ length: 2000 }, (_, i) => v[i * mod.limbs + mod.limbs - 1]!);
    expect(Math.max(...top)).toBeGreaterThan(0xf0000000);
  });
  it("A is a deterministic function of the seed, row by row", () => {
    const seed = new Uint8Array(32).fill(9);
    const a = expandMatrix(GOLDILOCKS, seed, 5, 7);
    const row3 = new Uint32Array(7 * 2);
    expandRow(GOLDILOCKS, seed, 3, 7, row3, 0);
    expect(Array.from(a.subarray(3 * 14, 4 * 14))).toEqual(Array.from(row3));
    expect(allCanonical(GOLDILOCKS, a)).toBe(true);
    const other = expandMatrix(GOLDILOCKS, new Uint8Array(32).fill(8), 5, 7);
    expect(getElement(GOLDILOCKS, other, 0)).not.toBe(getElement(GOLDILOCKS, a, 0));
  });
});
