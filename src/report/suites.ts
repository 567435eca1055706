/**
 * The benchmark suites the report runs and reads: their names (those registered in bench/run.ts), the shape of
 * the JSON each writes to reports/bench/<suite>.json, a checked loader, and a runner that starts
 * `bench/run.ts <suite> [--quick]` in a child process (one process per suite: a suite's memory, WebAssembly
 * instances and in-process chain end with it, and a crash names the suite).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The suites of bench/run.ts, in its order (genstark and app are registered separately there; they load genSTARK, Vite and playwright lazily). */
export const SUITES = ["lwe", "regression", "math", "f128", "hash", "gas", "prover", "vm", "policy", "genstark", "app"] as const;
export type SuiteName = (typeof SUITES)[number];

/** One row of a suite (bench/harness.ts `Measurement`). */
export interface Measurement {
  readonly suite: string;
  readonly name: string;
  readonly params: string;
  /** Median milliseconds per operation. */
  readonly msPerOp: number;
  readonly runs: number;
  /** The fastest and slowest timed run (absent in files written before the harness recorded the spread). */
  readonly minMs?: number;
  readonly maxMs?: number;
  /** Untimed warm-up runs before the timed ones. */
  readonly warmups?: number;
  readonly extra?: Readonly<Record<string, number | string>>;
}

/** The file a suite writes: reports/bench/<suite>.json. */
export interface SuiteFile {
  readonly suite: string;
  readonly quick: boolean;
  /** bench/harness.ts machine(): cpu, cores, memoryGiB, node, platform, date and the load average when the suite started. */
  readonly machine: Readonly<Record<string, string | number>>;
  readonly results: readonly Measurement[];
}

/** Suite name → its file (the suites that have one). */
export type SuiteResults = Partial<Record<SuiteName, SuiteFile>>;

export class SuiteFileError extends Error {
  override name = "SuiteFileError";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the parsed JSON of a suite file; `where` names it in errors. */
export function parseSuiteFile(json: unknown, where: string): SuiteFile {
  const fail = (what: string): never => {
    throw new SuiteFileError(`${where}: ${what}`);
  };
  if (!isRecord(json)) return fail("not a JSON object");
  if (typeof json.suite !== "string") fail(`"suite" is not a string`);
  if (typeof json.quick !== "boolean") fail(`"quick" is not a boolean`);
  if (!isRecord(json.machine)) fail(`"machine" is not an object`);
  if (!Array.isArray(json.results)) return fail(`"results" is not an array`);
  json.results.forEach((r: unknown, i) => {
    if (!isRecord(r)) return fail(`results[${i}] is not an object`);
    if (typeof r.name !== "string" || typeof r.params !== "string") fail(`results[${i}] has no name or params`);
    if (typeof r.msPerOp !== "number" || typeof r.runs !== "number") fail(`results[${i}] (${String(r.name)}) has no msPerOp or runs`);
    for (const key of ["minMs", "maxMs", "warmups"] as const)
      if (r[key] !== undefined && (typeof r[key] !== "number" || !Number.isFinite(r[key]))) fail(`results[${i}] (${String(r.name)}): "${key}" is not a number`);
    if (typeof r.minMs === "number" && typeof r.maxMs === "number" && typeof r.msPerOp === "number" && !(r.minMs <= r.msPerOp && r.msPerOp <= r.maxMs))
      fail(`results[${i}] (${String(r.name)}): the median ${String(r.msPerOp)} ms is not between min ${r.minMs} and max ${r.maxMs}`);
    if (r.extra !== undefined && !isRecord(r.extra)) fail(`results[${i}] (${String(r.name)}): "extra" is not an object`);
  });
  return json as unknown as SuiteFile;
}

export function suiteFilePath(benchDir: string, suite: string): string {
  return join(benchDir, `${suite}.json`);
}

/** Reads and checks one suite file; undefined when it does not exist. */
export function readSuiteFile(benchDir: string, suite: string): SuiteFile | undefined {
  const path = suiteFilePath(benchDir, suite);
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new SuiteFileError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const file = parseSuiteFile(json, path);
  if (file.suite !== suite) throw new SuiteFileError(`${path}: holds suite "${file.suite}", expected "${suite}"`);
  return file;
}

/** Modification time of a suite file in ms (0 when absent): tells a fresh result from a stale one. */
export function suiteFileMtime(benchDir: string, suite: string): number {
  const path = suiteFilePath(benchDir, suite);
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

export interface SuiteRun {
  readonly suite: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** Why it failed (exit code, signal or timeout). */
  readonly error?: string;
}

/**
 * Runs `bench/run.ts <suite> [--quick]` under tsx in `root` (the suites read programs/, datasets/ and the Hardhat
 * config relative to it) and waits for it. Its output goes to ours, so progress shows as it happens. It writes
 * `root/reports/bench/<suite>.json` (the bench runner's fixed place).
 */
export function runSuite(root: string, suite: string, options: { quick: boolean; timeoutMs: number }): Promise<SuiteRun> {
  const tsxCli = createRequire(join(root, "package.json")).resolve("tsx/cli");
  const args = [tsxCli, join(root, "bench", "run.ts"), suite, ...(options.quick ? ["--quick"] : [])];
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, options.timeoutMs);
    const done = (ok: boolean, error?: string): void => {
      clearTimeout(timer);
      resolve({ suite, ok, seconds: (performance.now() - t0) / 1000, ...(error === undefined ? {} : { error }) });
    };
    child.on("error", (e) => done(false, `could not start node: ${e.message}`));
    child.on("exit", (code, signal) => {
      if (timedOut) done(false, `timed out after ${(options.timeoutMs / 1000).toFixed(0)} s`);
      else if (code === 0) done(true);
      else done(false, signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  });
}
