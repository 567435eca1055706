// Tests of the local-minimum search (re-implementation of lattice-estimator estimator/util.py local_minimum).
import { describe, expect, it } from "vitest";
import { earlyAbortRange, localMinimum, localMinimumBase } from "./search.js";

describe("localMinimum", () => {
  it("util.py doctest: binary_search(f, 10, 30) with f = 1 for x ≥ 19 else 2 gives rop 1", () => {
    // binary_search(start, stop) = local_minimum(start, stop + 1, step = 1) + neighbourhood
    const r = localMinimum(10, 31, 1, (x) => ({ rop: x >= 19 ? 1 : 2, x }));
    expect(r.rop).toBe(1);
  });

  it("finds the minimum of a unimodal function with O(log) evaluations", () => {
    for (const target of [40, 41, 97, 406, 1000, 1749]) {
      let evals = 0;
      const r = localMinimum(40, 1754, 5, (x) => {
        evals++;
        return { rop: Math.abs(x - target), x };
      });
      expect(r.x).toBe(target);
      expect(evals).toBeLessThan(40);
    }
  });

  it("like the estimator, never reaches the last precision−1 points below `stop`", () => {
    // coarse grid tops out at ⌊stop/precision⌋·precision − precision, neighbourhood adds < precision
    const r = localMinimum(40, 1754, 5, (x) => ({ rop: -x, x }));
    expect(r.x).toBe(1749);
  });

  it("breaks ties towards the later evaluation, as the estimator does", () => {
    const r = localMinimum(40, 60, 5, (x) => ({ rop: x < 50 ? 2 : 1, x }));
    expect(r.rop).toBe(1);
    // the neighbourhood scan runs upwards, so the last point of equal cost wins
    expect(r.x).toBeGreaterThanOrEqual(50);
  });

  it("rejects an empty range", () => {
    expect(() => localMinimum(40, 41, 5, (x) => ({ rop: x }))).toThrow(RangeError);
  });
});

describe("localMinimumBase (util.py local_minimum_base with a custom smallerf)", () => {
  it("starts at the top of [start, stop] (both inclusive) and bisects downwards", () => {
    const visited: number[] = [];
    const r = localMinimumBase(2, 35, (x) => (visited.push(x), { x, rop: Math.abs(x - 14) }), (a, b) => a.rop <= b.rop);
    expect(r.x).toBe(14);
    expect(visited[0]).toBe(35);
    expect(visited.length).toBeLessThan(20);
  });

  it("uses the caller's comparison (coded-BKW: never trade a point within the samples for one beyond)", () => {
    const m = 100;
    const smaller = (x: { rop: number; m: number }, best: { rop: number; m: number }): boolean =>
      x.rop <= best.rop && !(best.m <= m && m < x.m);
    // cost falls with x but x > 20 needs more than m samples
    const r = localMinimumBase(0, 40, (x) => ({ rop: 100 - x, m: x > 20 ? 1000 : 10 }), smaller);
    expect(r.value.m).toBe(1000); // the first (top) point is beyond m, so it stays comparable
    const r2 = localMinimumBase(0, 20, (x) => ({ rop: 100 - x, m: 10 }), smaller);
    expect(r2.x).toBe(20);
  });
});

describe("earlyAbortRange (estimator's early_abort_range)", () => {
  it("scans until the cost rises, ties replace the incumbent", () => {
    const seen: number[] = [];
    const r = earlyAbortRange(0, 100, 10, (x) => {
      seen.push(x);
      return { rop: Math.abs(x - 30), x };
    });
    expect(r!.x).toBe(30);
    expect(seen).toEqual([0, 10, 20, 30, 40]);
    const tie = earlyAbortRange(0, 100, 10, (x) => ({ rop: x < 30 ? 1 : 2, x }));
    expect(tie!.x).toBe(20);
  });

  it("abort(best, x) ends the scan after the point", () => {
    const r = earlyAbortRange(2, 100, 1, (x) => ({ rop: -x, x }), { abort: (_b, x) => x >= 5 });
    expect(r!.x).toBe(5);
  });

  it("a tie at +∞ stops the scan by default; `gallop` finds the first finite point in O(log) steps", () => {
    const f = (x: number): { rop: number; x: number } => ({ rop: x < 730 ? Infinity : 1000 - x / 10, x });
    expect(earlyAbortRange(0, 10000, 10, f)!.rop).toBe(Infinity);
    let evals = 0;
    const r = earlyAbortRange(0, 10000, 10, (x) => {
      evals++;
      return f(x);
    }, { infinite: "gallop" });
    // the estimator's scan: +∞ up to 720, then finite and decreasing all the way to 9990
    expect(r!.x).toBe(9990);
    const g = (x: number): { rop: number; x: number } => ({ rop: x < 730 ? Infinity : x, x });
    evals = 0;
    const r2 = earlyAbortRange(0, 10000, 10, (x) => {
      evals++;
      return g(x);
    }, { infinite: "gallop" });
    expect(r2!.x).toBe(730);
    expect(evals).toBeLessThan(20);
    expect(earlyAbortRange(0, 100, 10, () => ({ rop: Infinity }), { infinite: "gallop" })!.rop).toBe(Infinity);
  });

  it("empty range gives null", () => {
    expect(earlyAbortRange(5, 5, 1, (x) => ({ rop: x }))).toBeNull();
  });
});
