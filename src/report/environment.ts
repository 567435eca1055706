/**
 * What the report states about where it was measured: the machine (as each suite recorded it, and the one that
 * built the report), the versions of Node and of the packages that do the measured work (read from the
 * installed node_modules, not from the ranges in package.json), the compiler of the native reference, the
 * headless browser and the git commit.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";

/** Packages whose versions matter for the numbers (or for drawing them). */
export const REPORTED_PACKAGES = [
  "typescript",
  "tsx",
  "assemblyscript",
  "@noble/hashes",
  "@guildofweavers/genstark",
  "ethers",
  "hardhat",
  "solc",
  "mathjs",
  "plotly.js-dist-min",
] as const;

export interface Environment {
  /** The machine that built the report (bench/harness.ts machine() plus the kernel). */
  readonly machine: Readonly<Record<string, string | number>>;
  readonly versions: ReadonlyArray<{ readonly name: string; readonly version: string }>;
  readonly git?: { readonly commit: string; readonly dirty: boolean };
}

/**
 * Same fields as bench/harness.ts machine(), so rows line up with the suites' own records. The load averages
 * (runnable processes over the last 1 and 5 minutes; compare with `cores`) say whether other work competed with
 * the measurement: a suite records them when it starts.
 */
export function currentMachine(): Record<string, string | number> {
  const [load1, load5] = loadavg();
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    kernel: release(),
    loadAverage1m: Number((load1 ?? 0).toFixed(2)),
    loadAverage5m: Number((load5 ?? 0).toFixed(2)),
    date: new Date().toISOString(),
  };
}

/** Installed version of a package under root/node_modules, or undefined. */
export function installedVersion(root: string, name: string): string | undefined {
  const path = join(root, "node_modules", name, "package.json");
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** First line of `cmd args…` (stdout, else stderr), or undefined when it cannot run. */
function firstLine(cmd: string, args: readonly string[], cwd?: string): string | undefined {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 10_000, ...(cwd ? { cwd } : {}) });
  if (r.error || r.status !== 0) return undefined;
  const line = (r.stdout || r.stderr).split("\n").find((l) => l.trim() !== "");
  return line?.trim();
}

export function gitCommit(root: string): { commit: string; dirty: boolean } | undefined {
  const commit = firstLine("git", ["rev-parse", "--short", "HEAD"], root);
  if (!commit) return undefined;
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8", timeout: 10_000 });
  return { commit, dirty: status.status === 0 && status.stdout.trim() !== "" };
}

export function collectEnvironment(root: string, chromium: string | undefined): Environment {
  const versions: { name: string; version: string }[] = [{ name: "node", version: process.version }];
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: string; version?: string };
  versions.unshift({ name: pkg.name ?? "this package", version: pkg.version ?? "?" });
  for (const name of REPORTED_PACKAGES) {
    const v = installedVersion(root, name);
    if (v) versions.push({ name, version: v });
  }
  const gxx = firstLine("g++", ["--version"]);
  if (gxx) versions.push({ name: "g++ (native reference of the math suite)", version: gxx });
  if (chromium) {
    const v = firstLine(chromium, ["--version"]);
    versions.push({ name: "chromium (PNG rendering)", version: v ?? chromium });
  }
  const git = gitCommit(root);
  return { machine: currentMachine(), versions, ...(git ? { git } : {}) };
}
