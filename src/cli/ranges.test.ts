// Lists and ranges for sweeps: each form, and each bad form refused with the text and the rule.
import { describe, expect, it } from "vitest";
import { MAX_SWEEP_POINTS, parseDistributionSweep, parseIntegerSweep, parseNumberSweep } from "./ranges.js";

describe("sweep ranges", () => {
  it("lists, integer ranges, arithmetic and geometric steps, powers of two", () => {
    expect(parseNumberSweep("1024,2048,4096", "--n")).toEqual([1024, 2048, 4096]);
    expect(parseNumberSweep("54..58", "--logq")).toEqual([54, 55, 56, 57, 58]);
    expect(parseNumberSweep("54..64:+5", "--logq")).toEqual([54, 59, 64]);
    expect(parseNumberSweep("2^18..2^22:x2", "σ")).toEqual([2 ** 18, 2 ** 19, 2 ** 20, 2 ** 21, 2 ** 22]);
    expect(parseNumberSweep("1..2:+0.25", "x")).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(parseNumberSweep("3,1..3", "x")).toEqual([3, 1, 2]); // each point once, in order
  });
  it("distributions with a swept parameter", () => {
    expect(parseDistributionSweep("gaussian:2^18..2^20:x2", "--error")).toEqual([18, 19, 20].map((k) => ({ kind: "gaussian", stddev: 2 ** k })));
    expect(parseDistributionSweep("cbd:2,3", "--error")).toEqual([{ kind: "cbd", eta: 2 }, { kind: "cbd", eta: 3 }]);
    expect(parseDistributionSweep("uniform:-1,1", "--secret")).toEqual([{ kind: "uniform", a: -1, b: 1 }]);
    expect(parseDistributionSweep("ternary", "--secret")).toEqual([{ kind: "uniform", a: -1, b: 1 }]);
  });
  it("bad ranges: no points, zero step, factor ≤ 1, too many points, not a number, not an integer", () => {
    expect(() => parseNumberSweep("64..54", "--logq")).toThrow(/--logq: range "64..54" has no points \(54 < 64; write the smaller end first\)/);
    expect(() => parseNumberSweep("1..5:+0", "--n")).toThrow(/step \+0: expected a step > 0/);
    expect(() => parseNumberSweep("1..5:x1", "--n")).toThrow(/factor x1: expected a factor > 1/);
    expect(() => parseNumberSweep("0..8:x2", "--n")).toThrow(/geometric range "0..8:x2" must start above 0/);
    expect(() => parseNumberSweep(`1..${MAX_SWEEP_POINTS + 1}`, "--n")).toThrow(/has 10001 points, more than the 10000/);
    expect(() => parseNumberSweep("1..1e300", "--n")).toThrow(/points, more than the 10000/);
    expect(() => parseNumberSweep("abc", "--n")).toThrow(/--n: "abc" is not a number/);
    expect(() => parseNumberSweep(",", "--n")).toThrow(/--n: no values given/);
    expect(() => parseIntegerSweep("1024,1500.5", "--n", 1)).toThrow(/--n: 1500.5 is not an integer ≥ 1/);
    expect(() => parseIntegerSweep("0", "--n", 1)).toThrow(/--n: 0 is not an integer ≥ 1/);
    expect(() => parseDistributionSweep("gaussian:", "--error")).toThrow(/no parameter given/);
  });
});
