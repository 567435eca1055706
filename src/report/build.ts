/**
 * The report pipeline behind `npm run report`: run every benchmark suite (or read their JSON), compute the
 * library-derived figures, build the charts, render each to PNG with headless Chromium, and write
 *
 *   <out>/index.html          the page (plotly.js inlined: works offline)
 *   <out>/charts/<id>.png     one image per chart          <out>/charts/<id>.json  its plotly figure
 *   <out>/bench/<suite>.json  the suites' raw results      <out>/analysis.json     the computed figures
 *   <out>/report.json         environment, suite runs, chart list, failures
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { type Analysis, computeAnalysis } from "./analysis.js";
import { type Chart, buildCharts } from "./charts.js";
import { type Environment, collectEnvironment } from "./environment.js";
import { chartPage, renderPage } from "./page.js";
import { findChromium, noChromiumMessage, screenshot } from "./screenshot.js";
import { SUITES, type SuiteResults, type SuiteRun, readSuiteFile, runSuite, suiteFileMtime, suiteFilePath } from "./suites.js";

export interface ReportOptions {
  /** The repository root (package.json, bench/, node_modules/). */
  readonly root: string;
  /** Output folder (default root/reports). */
  readonly out: string;
  /** Run the suites in quick mode (and take fewer noise samples). */
  readonly quick: boolean;
  /** Do not run the suites: read root/reports/bench/*.json. */
  readonly fromJson: boolean;
  /** Render PNGs (when Chromium exists). */
  readonly png: boolean;
  readonly log: (line: string) => void;
  /** Per-suite time limit (default: 15 min quick, 2 h full). */
  readonly suiteTimeoutMs?: number;
  /** Chart width in the PNGs (default 1000 px). */
  readonly pngWidth?: number;
}

export interface ReportResult {
  readonly index: string;
  readonly pngs: readonly string[];
  readonly files: readonly string[];
  /** Things that went wrong: the report is incomplete (exit non-zero). */
  readonly failures: readonly string[];
  /** Things worth saying that do not make the report wrong (no Chromium, a suite file missing with --from-json). */
  readonly warnings: readonly string[];
  readonly seconds: number;
}

export const REPORT_TITLE = "EncryptAI Workbench — benchmark report";

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
}

export function plotlyBundlePath(root: string): string {
  return createRequire(join(root, "package.json")).resolve("plotly.js-dist-min");
}

/** Runs (or reads) the suites. Only files written by this run count when running: a stale file is not a result. */
async function collectSuites(o: ReportOptions, benchDir: string, failures: string[], warnings: string[]): Promise<{ suites: SuiteResults; runs?: SuiteRun[] }> {
  const suites: SuiteResults = {};
  if (o.fromJson) {
    for (const name of SUITES) {
      const f = readSuiteFile(benchDir, name);
      if (f) suites[name] = f;
      else warnings.push(`no ${suiteFilePath(benchDir, name)}: the "${name}" suite's charts and table are left out (run \`npx tsx bench/run.ts ${name}\`)`);
    }
    const found = SUITES.filter((s) => suites[s]);
    if (!found.length) throw new Error(`--from-json: no suite results in ${benchDir} (run \`npm run bench\` first, or the report without --from-json)`);
    o.log(`read ${found.length} suite files from ${relative(process.cwd(), benchDir) || "."}: ${found.map((s) => `${s}${suites[s]!.quick ? " (quick)" : ""}`).join(", ")}`);
    return { suites };
  }
  const runs: SuiteRun[] = [];
  const timeoutMs = o.suiteTimeoutMs ?? (o.quick ? 15 * 60_000 : 2 * 3600_000);
  for (const [i, name] of SUITES.entries()) {
    o.log(`\n[${i + 1}/${SUITES.length}] suite ${name}${o.quick ? " (quick)" : ""} …`);
    const before = suiteFileMtime(benchDir, name);
    const run = await runSuite(o.root, name, { quick: o.quick, timeoutMs });
    runs.push(run);
    if (!run.ok) {
      failures.push(`suite ${name} failed after ${run.seconds.toFixed(1)} s: ${run.error ?? "?"}`);
      o.log(`[${i + 1}/${SUITES.length}] suite ${name} FAILED (${run.error ?? "?"}) after ${run.seconds.toFixed(1)} s`);
      continue;
    }
    if (suiteFileMtime(benchDir, name) <= before) {
      failures.push(`suite ${name} exited successfully but did not write ${suiteFilePath(benchDir, name)}`);
      continue;
    }
    suites[name] = readSuiteFile(benchDir, name)!;
    o.log(`[${i + 1}/${SUITES.length}] suite ${name} done in ${run.seconds.toFixed(1)} s: ${suites[name]!.results.length} measurements`);
  }
  return { suites, runs };
}

/** Renders each chart with a figure to out/charts/<id>.png; returns id → PNG path. */
async function renderPngs(o: ReportOptions, chromium: string, charts: readonly Chart[], chartsDir: string, failures: string[]): Promise<Record<string, string>> {
  const width = o.pngWidth ?? 1000;
  const tmp = mkdtempSync(join(tmpdir(), "report-charts-"));
  const pngs: Record<string, string> = {};
  try {
    copyFileSync(plotlyBundlePath(o.root), join(tmp, "plotly.min.js"));
    const drawable = charts.filter((c) => c.figure);
    for (const [i, chart] of drawable.entries()) {
      const html = join(tmp, `${chart.id}.html`);
      writeFileSync(html, chartPage(chart, "plotly.min.js", width));
      const png = join(chartsDir, `${chart.id}.png`);
      const t0 = performance.now();
      try {
        const bytes = await screenshot(chromium, html, png, { width, height: chart.height });
        pngs[chart.id] = png;
        o.log(`  [${i + 1}/${drawable.length}] ${relative(process.cwd(), png)} (${(bytes / 1024).toFixed(0)} KiB, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failures.push(`PNG of chart ${chart.id}: ${(e as Error).message}`);
        o.log(`  [${i + 1}/${drawable.length}] ${chart.id}: FAILED (${(e as Error).message.split("\n")[0]})`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return pngs;
}

export async function buildReport(o: ReportOptions): Promise<ReportResult> {
  const t0 = performance.now();
  const failures: string[] = [];
  const warnings: string[] = [];
  const out = resolve(o.out);
  const benchDir = join(o.root, "reports", "bench");
  const generatedAt = new Date().toISOString();

  const { suites, runs } = await collectSuites(o, benchDir, failures, warnings);

  o.log(`\ncomputing LWE security, noise and the regression sweep from the library …`);
  const analysis: Analysis = computeAnalysis({ quick: o.quick });
  o.log(`  done in ${analysis.seconds.toFixed(1)} s`);
  const charts = buildCharts(suites, analysis);
  for (const c of charts) if (c.missing) warnings.push(`chart "${c.title}" has no data: ${c.missing}`);

  // files
  const chartsDir = join(out, "charts");
  const outBench = join(out, "bench");
  mkdirSync(chartsDir, { recursive: true });
  mkdirSync(outBench, { recursive: true });
  const files: string[] = [];
  for (const name of SUITES) {
    if (!suites[name]) continue;
    const dest = join(outBench, `${name}.json`);
    if (resolve(dest) !== resolve(suiteFilePath(benchDir, name))) copyFileSync(suiteFilePath(benchDir, name), dest);
    files.push(dest);
  }
  writeJson(join(out, "analysis.json"), analysis);
  files.push(join(out, "analysis.json"));
  for (const c of charts) {
    rmSync(join(chartsDir, `${c.id}.png`), { force: true }); // never leave an image from an earlier run
    if (c.figure) {
      writeJson(join(chartsDir, `${c.id}.json`), { title: c.title, caption: c.caption, sources: c.sources, figure: c.figure });
      files.push(join(chartsDir, `${c.id}.json`));
    }
  }

  // images
  const chromium = o.png ? findChromium() : undefined;
  let pngs: Record<string, string> = {};
  let pngNote: string | undefined;
  if (!o.png) pngNote = "PNG images were not rendered (--no-png).";
  else if (!chromium) {
    pngNote = noChromiumMessage();
    warnings.push(pngNote); // printed with the other warnings at the end
  } else {
    o.log(`\nrendering ${charts.filter((c) => c.figure).length} charts to PNG with ${chromium} …`);
    pngs = await renderPngs(o, chromium, charts, chartsDir, failures);
  }

  // page
  const environment: Environment = collectEnvironment(o.root, chromium);
  const provenance = o.fromJson
    ? `benchmark results read from reports/bench/*.json (each suite's mode and date in the table below)`
    : `every benchmark suite run by this report in ${o.quick ? "quick mode (reduced sizes and time budgets: checks the pipeline, numbers not for citing)" : "full mode"}`;
  const rel = (p: string): string => relative(out, p).split("\\").join("/");
  const rawFiles: Record<string, string> = {};
  for (const name of SUITES) if (suites[name]) rawFiles[`bench/${name}.json — "${name}" suite`] = `bench/${name}.json`;
  rawFiles["analysis.json — LWE security and noise, regression sweep (computed from the library)"] = "analysis.json";
  rawFiles["report.json — machine, versions, suite runs, charts, failures"] = "report.json";
  const relPngs = Object.fromEntries(Object.entries(pngs).map(([id, p]) => [id, rel(p)]));
  const html = renderPage({
    title: REPORT_TITLE,
    generatedAt,
    provenance,
    environment,
    suites,
    ...(runs ? { runs } : {}),
    charts,
    pngs: relPngs,
    ...(pngNote ? { pngNote } : {}),
    plotly: { inline: readFileSync(plotlyBundlePath(o.root), "utf8") },
    rawFiles,
  });
  const index = join(out, "index.html");
  writeFileSync(index, html);
  // the page's first screen as an image (the machine and versions, the first charts), for notes and issues
  const pagePng = join(out, "page.png");
  rmSync(pagePng, { force: true });
  if (chromium) {
    try {
      await screenshot(chromium, index, pagePng, { width: 1200, height: 2400 });
      pngs["page"] = pagePng;
    } catch (e) {
      failures.push(`page screenshot: ${(e as Error).message}`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  writeJson(join(out, "report.json"), {
    title: REPORT_TITLE,
    generatedAt,
    provenance,
    options: { quick: o.quick, fromJson: o.fromJson, png: o.png },
    environment: environment satisfies Environment,
    runs: runs ?? null,
    charts: charts.map((c) => ({ id: c.id, title: c.title, caption: c.caption, sources: c.sources, png: relPngs[c.id] ?? null, missing: c.missing ?? null })),
    failures,
    warnings,
    seconds,
  });
  files.push(join(out, "report.json"), index);
  return { index, pngs: Object.values(pngs), files, failures, warnings, seconds };
}
