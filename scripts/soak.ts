/**
 * `npm run soak [-- --jobs 40 --nodes 3 --watchers 3 --users 3 --seed s --dir <folder>]`: the marketplace under
 * faults (src/soak/run.ts) — anvil, node and watcher processes, users, dishonest parties — then one table. Exits 1
 * unless 0 jobs were wrongly paid, lost or stuck, no honest node was slashed and tokens were conserved. Writes the
 * report as JSON to <dir>/soak.json and every party's output to <dir>/logs/parties.log.
 */
import { Command } from "commander";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSoakReport, soakPassed } from "../src/soak/report.js";
import { runSoak } from "../src/soak/run.js";

const cli = new Command("soak")
  .option("--jobs <n>", "jobs to issue", "40")
  .option("--nodes <n>", "node processes", "3")
  .option("--watchers <n>", "watcher processes (the quorum is 2)", "3")
  .option("--users <n>", "users issuing jobs", "3")
  .option("--seed <s>", "seed of the job plan, the inputs and the fault times", "soak-1")
  .option("--dir <folder>", "working folder (default: a fresh temporary one)")
  .parse();
const o = cli.opts<{ jobs: string; nodes: string; watchers: string; users: string; seed: string; dir?: string }>();
const int = (v: string, name: string) => {
  if (!/^[0-9]+$/.test(v)) {
    process.stderr.write(`--${name} "${v}" is not a positive integer\n`);
    process.exit(2);
  }
  return Number(v);
};
const dir = o.dir ?? mkdtempSync(join(tmpdir(), "encryptai-soak-"));
const report = await runSoak({
  jobs: int(o.jobs, "jobs"),
  nodes: int(o.nodes, "nodes"),
  watchers: int(o.watchers, "watchers"),
  users: int(o.users, "users"),
  seed: o.seed,
  dir,
  log: (line) => process.stdout.write(`${line}\n`),
});
writeFileSync(join(dir, "soak.json"), JSON.stringify(report, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
process.stdout.write(`\n${formatSoakReport(report)}\n(report: ${join(dir, "soak.json")}; logs: ${join(dir, "logs", "parties.log")})\n`);
process.exit(soakPassed(report) ? 0 : 1);
