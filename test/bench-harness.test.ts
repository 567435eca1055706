// The benchmark harness's timing rule (bench/harness.ts): warm-ups until two in a row agree, then the median,
// fastest and slowest timed run — checked with a fake clock whose run times are scripted.
import { describe, expect, it } from "vitest";
import { MAX_WARMUPS, spread, time } from "../bench/harness.js";

/** A clock and a function whose n-th call takes durations[n] ms (the last one repeats). */
function scripted(durations: readonly number[]) {
  let now = 0;
  let calls = 0;
  const fn = (): void => {
    now += durations[Math.min(calls, durations.length - 1)]!;
    calls++;
  };
  return { fn, clock: () => now, calls: () => calls };
}

describe("bench harness timing", () => {
  it("warms up until two consecutive runs agree within 10 %, and times only what follows", () => {
    // JIT settling: 50, 20, 12, 11 (12 → 11 agrees), then timed runs 10, 30, 10 (maxRuns 3)
    const s = scripted([50, 20, 12, 11, 10, 30, 10, 10]);
    const t = time(s.fn, 400, 3, 3, s.clock);
    expect(t.warmups).toBe(4);
    expect(t.runs).toBe(3);
    expect(t).toMatchObject({ msPerOp: 10, minMs: 10, maxMs: 30 });
  });

  it("stops warming up after MAX_WARMUPS when the time never settles (the spread then shows it)", () => {
    const s = scripted(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 5)));
    const t = time(s.fn, 10_000, 3, 3, s.clock);
    expect(t.warmups).toBe(MAX_WARMUPS);
    expect(t.runs).toBe(3);
    expect(t.maxMs).toBeGreaterThan(t.minMs);
  });

  it("takes at least minRuns timed runs even past the budget, after one warm-up when that alone uses half the budget", () => {
    const s = scripted([100]);
    const t = time(s.fn, 1, 5, 1000, s.clock);
    expect(t.runs).toBe(5);
    expect(t.warmups).toBe(1);
    expect(s.calls()).toBe(6);
  });

  it("spread: median of an even count is the mean of the middle two; empty input is an error", () => {
    expect(spread([4, 1, 3, 2])).toEqual({ msPerOp: 2.5, runs: 4, minMs: 1, maxMs: 4 });
    expect(spread([7])).toEqual({ msPerOp: 7, runs: 1, minMs: 7, maxMs: 7 });
    expect(() => spread([])).toThrow(/no samples/);
  });
});
