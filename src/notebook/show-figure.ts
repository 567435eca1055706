/**
 * Shows a figure in a tslab notebook: checks and normalises it (chart.ts), renders its PNG with headless Chromium
 * into the figures folder (default <root>/build/notebooks/figures, or $NOTEBOOK_FIGURES_DIR, as
 * <notebook>-<id>.png), copies plotly.js there once for the HTML's loader (figure-html.ts), and publishes ONE
 * display output whose bundle holds
 *   text/html   the PNG inside the plot's div, replaced by the interactive plot when scripts run;
 *   image/png   the same PNG, which untrusted notebooks and static viewers pick;
 *   text/plain  the title;  application/vnd.encryptai.figure+json  the marker the figure check reads.
 * tslab's public `display` sends one MIME type per output, so the bundle goes through the kernel's own
 * display-data writer (tslab/dist/jupyter's lastWriteDisplayData, the function behind tslab.display).
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { projectRoot } from "../paths.js";
import { type ChartSpec, axesInUse, chart, titleText } from "./chart.js";
import { PLOTLY_FILE, figureHtml } from "./figure-html.js";
import { FIGURE_MIME, type FigureMarker } from "./figure-marker.js";
import { renderFigurePng } from "./figure-png.js";
import { plotlyBundlePath } from "./plotly.js";

export interface DisplayBundle {
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export type Publish = (bundle: DisplayBundle) => void;

/** Publishes through the running tslab kernel; an error outside one. */
export function tslabPublish(bundle: DisplayBundle): void {
  const jupyter = createRequire(join(projectRoot(), "package.json"))("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
  const write = jupyter.lastWriteDisplayData;
  if (typeof write !== "function") throw new Error("showFigure displays in a tslab kernel only: no cell is executing (tslab/dist/jupyter has no display writer)");
  (write as (content: unknown, update: boolean) => void)({ data: bundle.data, metadata: bundle.metadata }, false);
}

export interface FigureDisplayOptions {
  /** Where the PNGs go (default $NOTEBOOK_FIGURES_DIR, else <root>/build/notebooks/figures). */
  readonly dir?: string;
  /** PNG width in px (default 900); the height is the figure's. */
  readonly width?: number;
  /** Where the output goes (default: the tslab kernel). */
  readonly publish?: Publish;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The default figures folder. */
export function figuresDir(): string {
  return resolve(process.env.NOTEBOOK_FIGURES_DIR || join(projectRoot(), "build", "notebooks", "figures"));
}

/** Copies plotly.js into the figures folder unless an identical-size copy is there. */
function ensurePlotlyCopy(dir: string): void {
  const src = plotlyBundlePath();
  const dst = join(dir, PLOTLY_FILE);
  if (!existsSync(dst) || statSync(dst).size !== statSync(src).size) copyFileSync(src, dst);
}

/**
 * `figureDisplay("05-proof-timing")` → `showFigure(id, spec)`: renders, saves and shows one figure (the marker
 * is in the output: the promise resolves to nothing, so a cell ending in it prints nothing). A figure without a title or axis titles is refused (ChartError) before anything is drawn.
 */
export function figureDisplay(notebook: string, o: FigureDisplayOptions = {}): (id: string, spec: ChartSpec) => Promise<void> {
  if (!NAME.test(notebook)) throw new Error(`notebook name "${notebook}" must be letters, digits, "-" or "_" (it names the PNG files)`);
  const publish = o.publish ?? tslabPublish;
  const width = o.width ?? 900;
  return async (id, spec) => {
    if (!NAME.test(id)) throw new Error(`figure id "${id}" must be letters, digits, "-" or "_" (it names the PNG file)`);
    const fig = chart(spec);
    const layout = fig.layout ?? {};
    const height = Number(layout.height);
    const dir = resolve(o.dir ?? figuresDir());
    mkdirSync(dir, { recursive: true });
    ensurePlotlyCopy(dir);
    const pngPath = join(dir, `${notebook}-${id}.png`);
    const png = await renderFigurePng(fig, pngPath, { width, height });
    const pngBase64 = Buffer.from(png).toString("base64");
    const rel = relative(projectRoot(), pngPath);
    const axes = Object.fromEntries(axesInUse(fig.data).map((k) => [k, titleText((layout[k] as { title?: unknown }).title)]));
    const marker: FigureMarker = { version: 1, notebook, id, title: titleText(layout.title), axes, png: rel.startsWith("..") ? pngPath : rel, width, height, figure: fig };
    const elementId = `figure-${notebook}-${id}-${Math.random().toString(36).slice(2, 8)}`;
    publish({
      data: {
        "text/html": figureHtml(fig, { id: elementId, pngBase64, alt: marker.title, width }),
        "image/png": pngBase64,
        "text/plain": `figure: ${marker.title} (${marker.png})`,
        [FIGURE_MIME]: marker,
      },
      metadata: { "image/png": { width, height } },
    });
  };
}
