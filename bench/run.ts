/**
 * `npm run bench [-- <suite…>] [--quick]`: runs benchmark suites, prints a table, writes
 * reports/bench/<suite>.json with the machine description.
 */
import { table } from "../src/cli/format.js";
import { parseBenchArgs } from "./args.js";
import { formatMs, machine, type Measurement, writeJson } from "./harness.js";
import { benchF128 } from "./f128.js";
import { benchGas } from "./gas.js";
import { benchHash } from "./hash.js";
import { benchLwe } from "./lwe.js";
import { benchMath } from "./math.js";
import { benchPolicy } from "./policy.js";
import { benchProver } from "./prover.js";
import { benchRegression } from "./regression.js";
import { benchVm } from "./vm.js";

const suites: Record<string, (o: { quick: boolean }) => Measurement[] | Promise<Measurement[]>> = { lwe: benchLwe, regression: benchRegression, math: benchMath, f128: benchF128, hash: benchHash, gas: benchGas, prover: benchProver, vm: benchVm, policy: benchPolicy };
suites.genstark = async (o) => (await import("./genstark.js")).benchGenstark(o); // loads genSTARK (CommonJS + WebAssembly) only when run
// the web page in Chromium: loads Vite and playwright only when run; bench/app.ts is type-checked with the page's DOM
// types by app/tsconfig.json, so this import names it through a variable that the Node project does not follow
const appBench = "./app.js";
suites.app = async (o) => ((await import(appBench)) as { benchApp(o: { quick: boolean }): Promise<Measurement[]> }).benchApp(o);

const parsed = parseBenchArgs(process.argv.slice(2), Object.keys(suites));
if (parsed.kind === "help") {
  process.stdout.write(`${parsed.usage}\n`);
  process.exit(0);
}
if (parsed.kind === "error") {
  process.stderr.write(`${parsed.message}\n`);
  process.exit(2);
}
const { quick } = parsed;
const minMax = (r: Measurement): string => (r.minMs === undefined || r.maxMs === undefined ? `${r.runs} run${r.runs === 1 ? "" : "s"}` : `${formatMs(r.minMs)}–${formatMs(r.maxMs)}`);
for (const name of parsed.suites) {
  const startMachine = machine(); // the load average before the suite's own work
  const load = `load average at start ${startMachine.loadAverage1m} (1 min), ${startMachine.loadAverage5m} (5 min) on ${startMachine.cores} cores`;
  process.stdout.write(`\n== ${name}${quick ? " (quick)" : ""}: ${load}\n`);
  if (Number(startMachine.loadAverage1m) > 0.5 * Number(startMachine.cores)) process.stderr.write(`bench: the machine is busy (${load}): timings will be slower and noisier than on an idle machine\n`);
  const results = await suites[name]!({ quick });
  process.stdout.write(`\n== ${name}${quick ? " (quick)" : ""}\n`);
  const gasTable = results.every((r) => r.extra?.gas !== undefined);
  process.stdout.write(
    `${
      gasTable
        ? table(["function", "gas"], results.map((r) => [r.name, r.extra!.gas]))
        : results.some((r) => r.extra?.proofBytes !== undefined)
          ? table(["benchmark", "size", "prove (median)", "prove min–max", "verify", "proof", "RSS growth", "security"], results.map((r) =>
              r.extra?.proofBytes === undefined
                ? [r.name, r.params, formatMs(r.msPerOp), minMax(r), "", "", "", ""]
                : [r.name, r.params, formatMs(r.msPerOp), minMax(r), formatMs(Number(r.extra.verifyMs)), `${(Number(r.extra.proofBytes) / 1024).toFixed(1)} KiB`, `${Number(r.extra.rssGrowthMiB).toFixed(0)} MiB`, `${Number(r.extra.conjecturedBits).toFixed(0)} bits`],
            ))
          : table(["benchmark", "parameters", "median", "min", "max", "runs"], results.map((r) => [r.name, r.params, formatMs(r.msPerOp), r.minMs === undefined ? "" : formatMs(r.minMs), r.maxMs === undefined ? "" : formatMs(r.maxMs), r.runs]))
    }\n`,
  );
  const path = `reports/bench/${name}.json`;
  writeJson(path, { suite: name, quick, machine: startMachine, results });
  process.stdout.write(`wrote ${path}\n`);
}
