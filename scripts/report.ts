/**
 * `npm run report [-- --quick] [--from-json] [--out <dir>] [--no-png]`: runs every benchmark suite
 * (bench/run.ts, one child process each), computes the LWE security, noise and regression figures from the
 * library, and writes <out>/ (default reports/): index.html with plotly charts (offline), a PNG of each chart
 * rendered with headless Chromium, and the raw JSON. Exits 1 when a suite or an image fails, 2 on bad usage.
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildReport } from "../src/report/build.js";

const USAGE = `usage: npx tsx scripts/report.ts [--quick] [--from-json] [--out <dir>] [--no-png]

  --quick       run the suites in quick mode (small sizes, short time budgets; about a minute of benchmarks)
  --from-json   do not run the suites: use reports/bench/<suite>.json as they are
  --out <dir>   output folder (default: reports/)
  --no-png      do not render PNG images
Chromium for the PNGs: $CHROMIUM, /usr/bin/chromium, or chromium/google-chrome on PATH.`;

const root = fileURLToPath(new URL("..", import.meta.url));
process.env.ENCRYPTAI_HOME ??= root; // the library finds datasets/ from here, whatever the working directory

let args: { quick: boolean; fromJson: boolean; out: string; png: boolean };
try {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      "from-json": { type: "boolean", default: false },
      out: { type: "string", default: resolve(root, "reports") },
      "no-png": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  args = { quick: values.quick, fromJson: values["from-json"], out: resolve(values.out), png: !values["no-png"] };
} catch (e) {
  process.stderr.write(`report: ${(e as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

const show = (p: string): string => relative(process.cwd(), p) || ".";
try {
  const r = await buildReport({ root, ...args, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`\nreport: ${show(r.index)} (${r.seconds.toFixed(0)} s)\n`);
  if (r.pngs.length) process.stdout.write(`images:\n${r.pngs.map((p) => `  ${show(p)}`).join("\n")}\n`);
  process.stdout.write(`raw data: ${show(resolve(args.out, "bench"))}/, ${show(resolve(args.out, "analysis.json"))}, ${show(resolve(args.out, "report.json"))}\n`);
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  if (r.failures.length) {
    process.stderr.write(`\nreport: ${r.failures.length} failure(s); the report is incomplete:\n${r.failures.map((f) => `  - ${f}`).join("\n")}\n`);
    process.exit(1);
  }
} catch (e) {
  process.stderr.write(`report: ${(e as Error).message}\n`);
  process.exit(1);
}
