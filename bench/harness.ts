/**
 * A tiny benchmark harness: times a function (warm-up, then repeated runs until a time budget), prints
 * tables and writes JSON with the machine description. Speed lives here, never in tests.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** One row of a suite (defined with the report, which reads these files back). */
export type { Measurement } from "../src/report/suites.js";

/** Median time of `fn` over runs that fit in `budgetMs` (at least `minRuns`). */
export function time(fn: () => unknown, budgetMs = 1500, minRuns = 3, maxRuns = 1000): { msPerOp: number; runs: number } {
  fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start < budgetMs && samples.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { msPerOp: samples[Math.floor(samples.length / 2)]!, runs: samples.length };
}

/** The machine a suite ran on (CPU, cores, memory, Node, platform, kernel, date). */
export { currentMachine as machine } from "../src/report/environment.js";

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2));
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}
