/**
 * The soak test's report (issue "A marketplace no party can game", item 6): one table of the run's totals — jobs
 * issued, settled correctly, wrongly paid, lost, stuck, honest nodes slashed — whether tokens were conserved, and
 * per fault what happened to its jobs and how often each process fault was injected.
 */
import { formatEther } from "ethers";
import { table } from "../cli/format.js";
import { JOB_FAULTS, type SoakReport } from "./run.js";

/** Whether the run met its targets: 0 wrongly paid, 0 lost, 0 stuck, no honest node slashed, tokens conserved. */
export function soakPassed(r: SoakReport): boolean {
  return r.wronglyPaid === 0 && r.lost === 0 && r.stuck === 0 && r.honestSlashed === 0 && r.conserved;
}

export function formatSoakReport(r: SoakReport): string {
  const o = r.options;
  const totals = table(
    ["jobs issued", "settled correctly", "wrongly paid", "lost", "stuck", "honest node slashed", "refunded without verdict", "tokens conserved"],
    [[r.issued, r.settledCorrectly, r.wronglyPaid, r.lost, r.stuck, r.honestSlashed, r.refundedWithoutVerdict, r.conserved ? `yes (${formatEther(r.supply.end)} EAI)` : `NO (${formatEther(r.supply.start)} → ${formatEther(r.supply.end)}; accounted ${formatEther(r.supply.accountedStart)} → ${formatEther(r.supply.accountedEnd)})`]].map((row) => row.map(String)),
  );
  const perFault = table(
    ["fault", "jobs", "Finalised", "Slashed", "Refunded", "Cancelled", "settled correctly"],
    JOB_FAULTS.map((f) => {
      const js = r.jobs.filter((j) => j.fault === f);
      const n = (s: string) => String(js.filter((j) => j.status === s).length);
      return [f, String(js.length), n("Finalised"), n("Slashed"), n("Refunded"), n("Cancelled"), `${js.filter((j) => j.correct).length} / ${js.length}`];
    }),
  );
  const processes = table(["process fault", "injected"], Object.entries(r.processFaults).map(([k, v]) => [k, String(v)]));
  const wrong = r.jobs.filter((j) => !j.correct).map((j) => `  job #${j.jobId} (${j.fault}): ${j.status} — ${j.outcome}`);
  return [
    `soak: ${o.jobs} jobs, ${o.nodes} nodes, ${o.watchers} watchers, ${o.users} users, seed "${o.seed}" — ${r.seconds.toFixed(0)} s`,
    "",
    totals,
    "",
    perFault,
    "",
    processes,
    ...(wrong.length ? ["", "jobs not settled as their fault should give:", ...wrong] : []),
    "",
    soakPassed(r) ? "PASS: 0 wrongly paid, 0 lost, 0 stuck, no honest node slashed, tokens conserved" : "FAIL",
  ].join("\n");
}
