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
import { timingSpread } from "../src/report/timing-spread.js";

/** One row of a suite (defined with the report, which reads these files back). */
export type { Measurement } from "../src/report/suites.js";

/** What a timing reports: the median and the spread of the timed runs, and the warm-ups that preceded them. */
export interface Timing {
  /** Median milliseconds per run. */
  readonly msPerOp: number;
  readonly runs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Untimed warm-up runs before the first timed one (until two in a row agree within WARMUP_TOLERANCE). */
  readonly warmups: number;
}

/** Two consecutive warm-ups within this relative difference count as stable (JIT and caches settled). */
export const WARMUP_TOLERANCE = 0.1;
/** At most this many warm-ups (a function whose time never settles is timed anyway; its spread shows it). */
export const MAX_WARMUPS = 8;

/**
 * Times `fn`: warm-ups until two consecutive runs agree within WARMUP_TOLERANCE (at most MAX_WARMUPS, and at most
 * half the budget), then timed runs until `budgetMs` (at least `minRuns`, at most `maxRuns`); the median, fastest
 * and slowest timed run. `clock` is injectable for tests.
 */
export function time(fn: () => unknown, budgetMs = 1500, minRuns = 3, maxRuns = 1000, clock: () => number = () => performance.now()): Timing {
  const once = (): number => {
    const t0 = clock();
    fn();
    return clock() - t0;
  };
  const warmStart = clock();
  let previous = once();
  let warmups = 1;
  while (warmups < MAX_WARMUPS && clock() - warmStart < budgetMs / 2) {
    const current = once();
    warmups++;
    if (Math.abs(current - previous) <= WARMUP_TOLERANCE * Math.max(current, previous)) break;
    previous = current;
  }
  const samples: number[] = [];
  const start = clock();
  while (samples.length < minRuns || (clock() - start < budgetMs && samples.length < maxRuns)) samples.push(once());
  return { ...spread(samples), warmups };
}

/** Median, fastest and slowest of a list of run times (ms), and how many there were, as a Measurement's fields. */
export function spread(samples: readonly number[]): { msPerOp: number; runs: number; minMs: number; maxMs: number } {
  const s = timingSpread(samples);
  return { msPerOp: s.median, runs: s.runs, minMs: s.min, maxMs: s.max };
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
