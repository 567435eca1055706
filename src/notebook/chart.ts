/**
 * The one chart helper's rules, as pure functions on plotly figures: `chart` turns a figure spec whose titles
 * may be plain strings into plotly 4's form (`{text: …}` for the figure, every axis and every colour bar), picks
 * log axes where positive data spans two decades or more (unless the caller set the axis type), and refuses a
 * figure without a title or without a title on every axis in use (a second y axis included). `figureProblems`
 * lists what a figure lacks; the figure check of executed notebooks runs the same function.
 */
import type { Figure } from "./plotly.js";

type Json = Record<string, unknown>;

/** A title as callers write it: a plain string, or plotly's `{text: …}`. */
export type TitleInput = string | { readonly text: string };

export interface ChartSpec {
  /** The figure's title. */
  readonly title: TitleInput;
  readonly data: readonly Json[];
  /** Other layout fields; `xaxis`, `yaxis`, `yaxis2`, … may carry `title` as a plain string. */
  readonly layout?: Json;
  /** Pixel height (default 420). */
  readonly height?: number;
}

/** Decades of positive data from which an axis without an explicit `type` becomes logarithmic. */
export const LOG_AXIS_DECADES = 2;

export class ChartError extends Error {
  override name = "ChartError";
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The text of a plotly title (a string or `{text}`), "" when there is none. */
export function titleText(t: unknown): string {
  if (typeof t === "string") return t.trim();
  if (isObject(t) && typeof t.text === "string") return t.text.trim();
  return "";
}

const toTitle = (t: unknown): unknown => (typeof t === "string" ? { text: t } : t);

/** Plotly's trace reference ("x", "x2", "y3") → its layout key ("xaxis", "xaxis2", "yaxis3"). */
export function axisKey(ref: string): string {
  const m = /^([xy])(\d*)$/.exec(ref);
  if (!m) throw new ChartError(`"${ref}" is not a plotly axis reference (x, x2, y, y2, …)`);
  return `${m[1]}axis${m[2] === "1" ? "" : m[2]}`;
}

/** Trace types drawn without cartesian axes. */
const NO_AXES = new Set(["pie", "sunburst", "treemap", "funnelarea", "sankey", "table", "indicator"]);

/** The layout axis keys the traces draw on ("xaxis", "yaxis", "yaxis2", …), in first-use order. */
export function axesInUse(data: readonly Json[]): string[] {
  const keys: string[] = [];
  for (const trace of data) {
    if (NO_AXES.has(String(trace.type ?? "scatter"))) continue;
    for (const ref of [String(trace.xaxis ?? "x"), String(trace.yaxis ?? "y")]) {
      const key = axisKey(ref);
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/** Traces that draw a colour scale bar (heatmaps, contours, … unless `showscale: false`). */
const COLORBAR_TYPES = new Set(["heatmap", "contour", "histogram2d", "histogram2dcontour", "surface"]);
const hasColorbar = (t: Json): boolean => COLORBAR_TYPES.has(String(t.type)) && t.showscale !== false && t.coloraxis === undefined;
/** Shared colour axes the traces use ("coloraxis", "coloraxis2", …): each draws one colour bar from the layout. */
const colorAxesInUse = (data: readonly Json[]): string[] => [...new Set(data.filter((t) => typeof t.coloraxis === "string").map((t) => String(t.coloraxis)))];

/** What a figure lacks: no title, an axis in use without a title, a colour bar without a title. Empty when complete. */
export function figureProblems(fig: Figure): string[] {
  const layout = fig.layout ?? {};
  const problems: string[] = [];
  if (!titleText(layout.title)) problems.push("the figure has no title (layout.title.text)");
  if (fig.data.length === 0) problems.push("the figure has no traces");
  for (const key of axesInUse(fig.data)) {
    const axis = layout[key];
    if (!titleText(isObject(axis) ? axis.title : undefined)) problems.push(`axis ${key} is in use but has no title (layout.${key}.title.text)`);
  }
  fig.data.forEach((t, i) => {
    if (hasColorbar(t) && !titleText(isObject(t.colorbar) ? t.colorbar.title : undefined))
      problems.push(`trace ${i} (${String(t.type)}) draws a colour bar without a title (colorbar.title.text)`);
  });
  for (const key of colorAxesInUse(fig.data)) {
    const axis = layout[key];
    const bar = isObject(axis) ? axis.colorbar : undefined;
    if (!(isObject(axis) && axis.showscale === false) && !titleText(isObject(bar) ? bar.title : undefined))
      problems.push(`colour axis ${key} draws a colour bar without a title (layout.${key}.colorbar.title.text)`);
  }
  return problems;
}

/** Finite numbers of a trace's `x` or `y` (or `z` of a heatmap is not an axis: not counted). */
function numbers(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  return v.flat(2).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
}

/** True when every value is positive and max/min spans at least LOG_AXIS_DECADES decades. */
export function spansDecades(values: readonly number[], decades = LOG_AXIS_DECADES): boolean {
  if (values.length < 2 || values.some((v) => v <= 0)) return false;
  return Math.log10(Math.max(...values) / Math.min(...values)) >= decades;
}

/** Histograms bin their values: the binned axis shows the data's own range, the other one counts. */
const DATA_AXIS_TYPES = new Set(["scatter", "scattergl", "bar", "box", "heatmap", "contour"]);

/** The chart helper: normalised titles, automatic log axes, and a ChartError naming every problem. */
export function chart(spec: ChartSpec): Figure {
  const layout: Json = { ...(spec.layout ?? {}), title: toTitle(spec.title), height: spec.height ?? (spec.layout?.height as number | undefined) ?? 420 };
  layout.margin ??= { t: 60, l: 80, r: 80, b: 60 };
  const data: Json[] = spec.data.map((t): Json => (isObject(t.colorbar) ? { ...t, colorbar: { ...t.colorbar, title: toTitle(t.colorbar.title) } } : { ...t }));
  for (const key of colorAxesInUse(data)) {
    const axis = layout[key];
    if (isObject(axis) && isObject(axis.colorbar)) layout[key] = { ...axis, colorbar: { ...axis.colorbar, title: toTitle(axis.colorbar.title) } };
  }
  for (const key of axesInUse(data)) {
    const axis: Json = isObject(layout[key]) ? { ...(layout[key] as Json) } : {};
    axis.title = toTitle(axis.title);
    if (axis.type === undefined) {
      const letter = key[0] as "x" | "y";
      const values = data
        .filter((t) => DATA_AXIS_TYPES.has(String(t.type ?? "scatter")) && axisKey(String(t[`${letter}axis`] ?? letter)) === key)
        .flatMap((t) => numbers(t[letter]));
      if (spansDecades(values)) axis.type = "log";
    }
    layout[key] = axis;
  }
  const fig: Figure = { data, layout };
  const problems = figureProblems(fig);
  if (problems.length > 0) throw new ChartError(`chart "${titleText(spec.title) || "(untitled)"}" refused: ${problems.join("; ")}`);
  return fig;
}
