/**
 * The plotly figure type shared by the notebooks' chart helper (chart.ts) and the report (src/report/charts.ts),
 * where the plotly.js bundle is on disk, and the old inline-once figureHtml (being replaced by show-figure.ts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

export interface Figure {
  readonly data: readonly Record<string, unknown>[];
  readonly layout?: Record<string, unknown>;
}

/** The plotly.js-dist-min bundle, resolved from the project root (no import.meta: tslab compiles to CommonJS). */
export function plotlyBundlePath(root: string = projectRoot()): string {
  return createRequire(join(root, "package.json")).resolve("plotly.js-dist-min");
}

let plotlySource: string | undefined;
let inlined = false;

function loadPlotly(): string {
  if (plotlySource === undefined) {
    // Resolve from the working directory (the repo root in tslab, the CLI and tests): no import.meta here.
    const require = createRequire(join(process.cwd(), "package.json"));
    plotlySource = readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  }
  return plotlySource;
}

let counter = 0;

/**
 * HTML for one figure. The first call in a process includes plotly.js (≈ 4.8 MB); later calls reuse it,
 * as a notebook page keeps earlier outputs. Pass `standalone: true` for a page of its own.
 */
export function figureHtml(fig: Figure, options: { standalone?: boolean; height?: number } = {}): string {
  const id = `plot-${process.pid}-${++counter}`;
  const includeLib = options.standalone === true || !inlined;
  if (options.standalone !== true) inlined = true;
  const lib = includeLib ? `<script>${loadPlotly()}</script>` : "";
  const layout = { height: options.height ?? 420, margin: { t: 50, l: 60, r: 20, b: 50 }, ...fig.layout };
  return `${lib}<div id="${id}"></div><script>Plotly.newPlot(${JSON.stringify(id)}, ${JSON.stringify(fig.data)}, ${JSON.stringify(layout)});</script>`;
}
