// Sweeps: one row per point × model, each equal to the single estimate of that point; the size checked first.
import { describe, expect, it } from "vitest";
import { gaussian, ternary } from "./distributions.js";
import { estimate } from "./estimate.js";
import { MAX_SWEEP_ROWS, sweep } from "./sweep.js";

describe("sweep", () => {
  it("every combination, each row equal to the estimate of its point", () => {
    const rows = sweep({ n: [512, 1024], logQ: [32, 40], secret: [ternary()], error: [gaussian(3.2), gaussian(8)] }, { models: ["core-svp", "matzov"] });
    expect(rows).toHaveLength(2 * 2 * 2 * 2);
    for (const r of rows) {
      const single = estimate({ n: r.n, logQ: r.logQ, secret: r.secret, error: r.error, m: r.m }, { models: [r.model] });
      expect(r.bits).toBe(single.minimum[0]!.rop);
      expect(r.limitedBy).toBe(single.minimum[0]!.attack);
      expect(r.m).toBe(r.n);
      expect(Math.min(...Object.values(r.attacks))).toBe(r.bits);
    }
    // more noise, more security; larger q, less
    const at = (n: number, logQ: number, s: number) => rows.find((r) => r.n === n && r.logQ === logQ && r.error.kind === "gaussian" && r.error.stddev === s && r.model === "core-svp")!.bits;
    expect(at(1024, 32, 8)).toBeGreaterThan(at(1024, 32, 3.2));
    expect(at(1024, 40, 3.2)).toBeLessThan(at(1024, 32, 3.2));
  });
  it("a sweep larger than the cap is refused before any estimate; an empty axis is refused", () => {
    const many = Array.from({ length: 200 }, (_, i) => 256 + i);
    expect(() => sweep({ n: many, logQ: many.map((x) => x / 8), secret: [ternary()], error: [gaussian(3)] })).toThrow(new RegExp(`sweep of 160000 rows .* more than the ${MAX_SWEEP_ROWS}`));
    expect(() => sweep({ n: [], logQ: [32], secret: [ternary()], error: [gaussian(3)] })).toThrow(/sweep axis n: expected a non-empty list/);
  });
});
