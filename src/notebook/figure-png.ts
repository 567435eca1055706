/**
 * A figure as a PNG, rendered headless with the system Chromium (src/report/screenshot.ts): a throw-away page that
 * loads plotly.js from the npm package by file URL and draws the figure as a static plot of the given size.
 * No Chromium is an error naming what to install: a notebook figure always has its PNG.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, screenshot } from "../report/screenshot.js";
import { escapeAttribute, scriptJson } from "./figure-html.js";
import { type Figure, plotlyBundlePath } from "./plotly.js";

export class NoChromiumError extends Error {
  override name = "NoChromiumError";
}

/** The page Chromium photographs: the figure at exactly width × height, no mode bar, no animation. */
export function pngPage(fig: Figure, plotlySrc: string, width: number, height: number): string {
  const layout: Record<string, unknown> = { ...(fig.layout ?? {}), width, height, autosize: false };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeAttribute(String((layout.title as { text?: string } | undefined)?.text ?? "figure"))}</title>
<style>html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; font-family: "DejaVu Sans", sans-serif; }</style>
<script src="${escapeAttribute(plotlySrc)}"></script></head>
<body><div id="chart"></div>
<script>Plotly.newPlot("chart", ${scriptJson(fig.data)}, ${scriptJson(layout)}, ${scriptJson({ staticPlot: true, displayModeBar: false })});</script>
</body></html>
`;
}

/** Why a figure cannot be drawn without Chromium, and what to install. */
export function noChromiumForFigures(env: NodeJS.ProcessEnv = process.env): string {
  const where = env.CHROMIUM
    ? `$CHROMIUM = ${env.CHROMIUM} is not an executable file`
    : "no headless Chromium (looked for /usr/bin/chromium, and chromium, chromium-browser, google-chrome on PATH)";
  return (
    `cannot render the figure's PNG: ${where}. Notebook figures need it: \`npm run setup\` installs it ` +
    "(Debian/Ubuntu: `sudo apt-get install -y --no-install-recommends chromium`), or set CHROMIUM=/path/to/chrome."
  );
}

/** Renders `fig` to a PNG at `pngPath` and returns its bytes. */
export async function renderFigurePng(fig: Figure, pngPath: string, size: { width: number; height: number }): Promise<Uint8Array> {
  const chromium = findChromium();
  if (!chromium) throw new NoChromiumError(noChromiumForFigures());
  const dir = mkdtempSync(join(tmpdir(), "notebook-figure-"));
  try {
    const page = join(dir, "figure.html");
    writeFileSync(page, pngPage(fig, pathToFileURL(plotlyBundlePath()).href, size.width, size.height));
    await screenshot(chromium, page, pngPath, { ...size, timeoutMs: 60_000 });
    return readFileSync(pngPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
