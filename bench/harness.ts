/**
 * A tiny benchmark harness: times a function (warm-up, then repeated runs until a time budget), prints
 * tables and writes JSON with the machine description. Speed lives here, never in tests.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";

export interface Measurement {
  readonly suite: string;
  readonly name: string;
  readonly params: string;
  /** Median milliseconds per operation. */
  readonly msPerOp: number;
  readonly runs: number;
  readonly extra?: Record<string, number | string>;
}

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

export function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
  };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2));
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}
