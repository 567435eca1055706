/**
 * The plotly figure type shared by the notebooks' chart helper (chart.ts) and the report (src/report/charts.ts),
 * and where the plotly.js bundle is on disk. Notebooks draw figures with show-figure.ts.
 */
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
