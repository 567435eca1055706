/**
 * A tiny benchmark harness: times a function (warm-up, then repeated runs until a time budget), prints
 * tables and writes JSON with the machine description. Speed lives here, never in tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RandomSource } from "../src/lwe/random.js";

/** One row of a suite (defined with the report, which reads these files back). */
export type { Measurement } from "../src/report/suites.js";

/** Median time of `fn` over runs that fit in `budgetMs` (at least `minRuns`). */
export function time(fn: () => unknown, budgetMs = 1500, minRuns = 3, maxRuns = 1000): { msPerOp: number; runs: number } {
  const { msPerOp, runs } = timeRange(fn, budgetMs, minRuns, maxRuns);
  return { msPerOp, runs };
}

/** As `time`, with the fastest and slowest run as well. */
export function timeRange(fn: () => unknown, budgetMs = 1500, minRuns = 3, maxRuns = 1000): { msPerOp: number; runs: number; minMs: number; maxMs: number } {
  fn(); // warm-up
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || (performance.now() - start < budgetMs && samples.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { msPerOp: samples[Math.floor(samples.length / 2)]!, runs: samples.length, minMs: samples[0]!, maxMs: samples[samples.length - 1]! };
}

/** The machine a suite ran on (CPU, cores, memory, Node, platform, kernel, date). */
export { currentMachine as machine } from "../src/report/environment.js";

/** Uniform integer in [lo, hi] from a seeded stream (a 32-bit draw; the modulo bias is irrelevant to a benchmark's inputs). */
export function randomInt(rnd: RandomSource, lo: number, hi: number): number {
  const b = new Uint8Array(4);
  rnd.fill(b);
  return lo + (new DataView(b.buffer).getUint32(0, true) % (hi - lo + 1));
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

/**
 * Compiles bench/native/<name>.cpp with `g++ -O3 -march=native` into a temporary folder and runs it with
 * `args`; returns its stdout lines and the compiler's version, or undefined (with a note on stderr) when g++
 * is missing or the build or run fails.
 */
export function runNativeReference(name: string, args: readonly string[], suite: string): { lines: string[]; compiler: string } | undefined {
  const probe = spawnSync("g++", ["--version"], { encoding: "utf8" });
  if (probe.status !== 0) {
    process.stderr.write(`${suite} bench: g++ not found, skipping the native reference\n`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), `${name}-native-`));
  try {
    const src = fileURLToPath(new URL(`./native/${name}.cpp`, import.meta.url));
    const exe = join(dir, name);
    execFileSync("g++", ["-O3", "-march=native", "-std=c++17", "-o", exe, src], { stdio: "inherit" });
    const out = execFileSync(exe, [...args], { encoding: "utf8" });
    return { lines: out.trim().split("\n"), compiler: probe.stdout.split("\n")[0] ?? "g++" };
  } catch (e) {
    process.stderr.write(`${suite} bench: native reference failed: ${(e as Error).message}\n`);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
