/**
 * HTML assembly: the report page (title, where and on what it was measured, one section per chart with its
 * caption and links to the chart's PNG and raw JSON, every measurement in tables, links to the raw files) and the
 * small standalone page per chart that headless Chromium turns into a PNG. Works offline: plotly.js is inlined
 * once into the report page; chart pages load it from a file next to them.
 */
import type { Chart } from "./charts.js";
import type { Environment } from "./environment.js";
import { SUITES, type SuiteFile, type SuiteResults, type SuiteRun } from "./suites.js";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON safe inside <script>: no "</script>", "<!--" or line separators can end or confuse the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export interface PageInput {
  readonly title: string;
  /** ISO date. */
  readonly generatedAt: string;
  /** How the suites' numbers were obtained, e.g. "suites run in quick mode by this report". */
  readonly provenance: string;
  readonly environment: Environment;
  readonly suites: SuiteResults;
  /** The suite runs of this report (absent with --from-json). */
  readonly runs?: readonly SuiteRun[];
  readonly charts: readonly Chart[];
  /** Chart id → PNG path relative to the page (charts without one have no PNG). */
  readonly pngs: Readonly<Record<string, string>>;
  /** Why there are no PNGs, if there are none. */
  readonly pngNote?: string;
  /** The plotly.js bundle to inline, or a relative script URL. */
  readonly plotly: { readonly inline: string } | { readonly src: string };
  /** Relative links to the raw JSON files: label → path. */
  readonly rawFiles: Readonly<Record<string, string>>;
}

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em 1.5em 4em; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; font-size: 0.88em; margin: 0.6em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.caption { font-size: 0.92em; color: #444; } .links { font-size: 0.88em; } .missing { color: #a40; font-style: italic; }
.plot { width: 100%; } nav ol { columns: 2; font-size: 0.92em; } code { background: #f4f4f4; padding: 0 0.2em; }
details summary { cursor: pointer; font-weight: 600; margin: 0.5em 0; } .warn { color: #a40; }
`;

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: readonly number[] = []): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${escapeHtml(String(c))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>\n${head}\n${body}\n</table>`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

function formatExtra(v: number | string): string {
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return Math.abs(v) >= 1000 ? v.toExponential(3) : v.toPrecision(4);
}

const MACHINE_KEYS = ["cpu", "cores", "memoryGiB", "node", "platform"] as const;
/** The 1-minute load average a suite recorded when it started ("not recorded" in older files). */
const loadOf = (machine: Readonly<Record<string, string | number>>): string | number => machine.loadAverage1m ?? "not recorded";

/** Where each suite was measured: one row per suite and one for the report itself. */
export function machineSection(env: Environment, suites: SuiteResults, runs: readonly SuiteRun[] | undefined): string {
  const rows: (string | number)[][] = [];
  for (const name of SUITES) {
    const f = suites[name];
    const run = runs?.find((r) => r.suite === name);
    if (!f) {
      rows.push([name, run && !run.ok ? `failed: ${run.error ?? "?"}` : "no results", "", "", "", "", "", "", "", ""]);
      continue;
    }
    rows.push([name, f.quick ? "quick" : "full", String(f.machine.date ?? ""), ...MACHINE_KEYS.map((k) => f.machine[k] ?? ""), loadOf(f.machine), run ? `${run.seconds.toFixed(1)} s` : ""]);
  }
  const m = env.machine;
  rows.push(["(this report: analysis, charts)", "", String(m.date ?? ""), ...MACHINE_KEYS.map((k) => m[k] ?? ""), loadOf(m), ""]);
  const key = (x: Readonly<Record<string, string | number>>): string => MACHINE_KEYS.map((k) => x[k]).join("|");
  const measured = SUITES.map((s) => suites[s]).filter((f): f is SuiteFile => f !== undefined);
  const machines = new Set(measured.map((f) => key(f.machine)));
  // the suites' own record of their machine; the kernel only when it is this one
  const mm = measured[0]?.machine ?? m;
  const kernel = key(mm) === key(m) && m.kernel !== undefined ? ` (kernel ${escapeHtml(String(m.kernel))})` : "";
  const summary =
    machines.size <= 1
      ? `<p>Measured on <strong>${escapeHtml(String(mm.cpu))}</strong>, ${escapeHtml(String(mm.cores))} cores, ${escapeHtml(String(mm.memoryGiB))} GiB, ` +
        `${escapeHtml(String(mm.platform))}${kernel}, Node ${escapeHtml(String(mm.node))}.</p>`
      : `<p class="warn">The suites were measured on ${machines.size} different machines or Node versions: see the table.</p>`;
  return `<section id="machine">
<h2>Machine and versions</h2>
${summary}
${table(["suite", "mode", "measured at", "cpu", "cores", "memory (GiB)", "node", "platform", "load at start (1 min)", "run time"], rows, [4, 5, 8])}
<p>The load average counts the processes that were running or waiting for a core when the suite started; above the
number of cores, other work competed with the measurement and its times are slower and noisier.</p>
<h3>Versions</h3>
${table(["component", "version"], [
  ...env.versions.map((v) => [v.name, v.version]),
  ["git commit", env.git ? `${env.git.commit}${env.git.dirty ? " (with uncommitted changes)" : ""}` : "unknown (not a git checkout)"],
])}
</section>`;
}

function plotScript(id: string, chart: Chart, config: Record<string, unknown>): string {
  const fig = chart.figure!;
  return `<div id="${id}" class="plot" style="height:${chart.height}px"></div>
<script>Plotly.newPlot(${scriptJson(id)}, ${scriptJson(fig.data)}, ${scriptJson(fig.layout ?? {})}, ${scriptJson(config)});</script>`;
}

export function chartSection(chart: Chart, png: string | undefined): string {
  const links = [
    ...(png ? [`<a href="${escapeHtml(png)}">PNG</a>`] : []),
    ...(chart.figure ? [`<a href="charts/${escapeHtml(chart.id)}.json">figure JSON</a>`] : []),
    ...chart.sources.map((s) => `<a href="${escapeHtml(s)}">${escapeHtml(s)}</a>`),
  ];
  const body = chart.figure
    ? plotScript(`chart-${chart.id}`, chart, { responsive: true, displaylogo: false })
    : `<p class="missing">No chart: ${escapeHtml(chart.missing ?? "no data")}.</p>`;
  return `<section id="${escapeHtml(chart.id)}" class="chart">
<h2>${escapeHtml(chart.title)}</h2>
<p class="caption">${escapeHtml(chart.caption)}</p>
${body}
<p class="links">Data: ${links.join(" · ")}</p>
</section>`;
}

function suiteTable(f: SuiteFile): string {
  const extraKeys = [...new Set(f.results.flatMap((r) => Object.keys(r.extra ?? {})))].filter((k) => k !== "result");
  const rows = f.results.map((r) => [r.name, r.params, formatMs(r.msPerOp), r.minMs === undefined ? "" : formatMs(r.minMs), r.maxMs === undefined ? "" : formatMs(r.maxMs), r.runs, ...extraKeys.map((k) => (r.extra?.[k] === undefined ? "" : formatExtra(r.extra[k]!)))]);
  return `<details>
<summary>${escapeHtml(f.suite)}: ${f.results.length} measurements (${f.quick ? "quick" : "full"} mode) — <a href="bench/${escapeHtml(f.suite)}.json">bench/${escapeHtml(f.suite)}.json</a></summary>
${table(["benchmark", "parameters", "median time", "min", "max", "runs", ...extraKeys], rows, [2, 3, 4, 5, ...extraKeys.map((_, i) => 6 + i)])}
</details>`;
}

export function renderPage(p: PageInput): string {
  const plotly = "inline" in p.plotly ? `<script>${p.plotly.inline}</script>` : `<script src="${escapeHtml(p.plotly.src)}"></script>`;
  const toc = p.charts.map((c) => `<li><a href="#${escapeHtml(c.id)}">${escapeHtml(c.title)}</a>${c.figure ? "" : " (no data)"}</li>`).join("\n");
  const pngs = Object.entries(p.pngs);
  const raw = Object.entries(p.rawFiles).map(([label, path]) => `<li><a href="${escapeHtml(path)}">${escapeHtml(label)}</a></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<style>${CSS}</style>
${plotly}
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
<p>Generated ${escapeHtml(p.generatedAt)}; ${escapeHtml(p.provenance)}.
Security figures name their model; LWE figures, the noise analysis and the regression sweep are computed from the library when the report is built.</p>
<nav><ol>
<li><a href="#machine">Machine and versions</a></li>
${toc}
<li><a href="#measurements">All measurements</a></li>
<li><a href="#files">Raw data and images</a></li>
</ol></nav>
${machineSection(p.environment, p.suites, p.runs)}
${p.charts.map((c) => chartSection(c, p.pngs[c.id])).join("\n")}
<section id="measurements">
<h2>All measurements</h2>
<p class="caption">Every row of every suite, as in its JSON (median time per operation; extra fields as recorded).</p>
${SUITES.map((s) => p.suites[s])
  .filter((f): f is SuiteFile => f !== undefined)
  .map(suiteTable)
  .join("\n")}
</section>
<section id="files">
<h2>Raw data and images</h2>
<ul>
${raw}
</ul>
${pngs.length ? `<p>PNG images (rendered with headless Chromium):</p>\n<ul>\n${pngs.map(([id, path]) => `<li><a href="${escapeHtml(path)}">${escapeHtml(id)}</a></li>`).join("\n")}\n</ul>` : ""}
${p.pngNote ? `<p class="warn">${escapeHtml(p.pngNote)}</p>` : ""}
</section>
</body>
</html>
`;
}

/** A page holding one chart at a fixed size, for a screenshot; `plotlySrc` is the script URL relative to it. */
export function chartPage(chart: Chart, plotlySrc: string, width: number): string {
  if (!chart.figure) throw new Error(`chart ${chart.id} has no figure`);
  const fig = chart.figure;
  const layout = { ...(fig.layout ?? {}), width, height: chart.height, autosize: false };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(chart.title)}</title>
<style>html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; font-family: "DejaVu Sans", sans-serif; }</style>
<script src="${escapeHtml(plotlySrc)}"></script>
</head>
<body>
<div id="chart"></div>
<script>Plotly.newPlot("chart", ${scriptJson(fig.data)}, ${scriptJson(layout)}, ${scriptJson({ staticPlot: true, displayModeBar: false })});</script>
</body>
</html>
`;
}
