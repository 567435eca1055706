/**
 * The figure check of an executed notebook: every figure output must carry the chart helper's marker, a figure
 * with a title and a title on every axis in use (the same rules as chart.ts), an image/png that decodes as a
 * PNG, and its PNG file. A plot made without the helper, or a cell that calls showFigure and shows nothing, is a
 * problem too. Each problem names the notebook and the cell (its index and first line).
 */
import { isPng, pngSize } from "../report/screenshot.js";
import { figureProblems } from "./chart.js";
import { FIGURE_MIME, type FigureMarker } from "./figure-marker.js";

interface Output {
  readonly output_type: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

interface Cell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
  readonly outputs?: readonly Output[];
}

export interface NotebookJson {
  readonly cells: readonly Cell[];
}

export interface FigureCheck {
  /** Figures that passed. */
  readonly figures: number;
  readonly problems: readonly string[];
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "");

/** What a PNG's bytes lack ("" when they are a PNG with a size). */
function pngProblem(bytes: Uint8Array | undefined): string {
  if (bytes === undefined) return "missing";
  if (!isPng(bytes)) return bytes.length === 0 ? "empty" : "not a PNG";
  const { width, height } = pngSize(bytes);
  return width > 0 && height > 0 ? "" : `a PNG of ${width} × ${height} px`;
}

function markerProblems(m: Partial<FigureMarker>, png: string | undefined, readFile: (path: string) => Uint8Array | undefined): string[] {
  const problems: string[] = [];
  if (m.version !== 1 || typeof m.figure !== "object" || m.figure === null || !Array.isArray(m.figure.data))
    return [`its ${FIGURE_MIME} marker is not a version-1 figure marker`];
  problems.push(...figureProblems(m.figure));
  if (png === undefined) problems.push("the output has no image/png");
  else {
    const p = pngProblem(Buffer.from(png, "base64"));
    if (p) problems.push(`the output's image/png is ${p}`);
  }
  if (typeof m.png !== "string" || !m.png) problems.push("the marker names no PNG file");
  else {
    const p = pngProblem(readFile(m.png));
    if (p) problems.push(`the PNG file ${m.png} is ${p}`);
  }
  return problems;
}

/** Checks one executed notebook; `readFile` returns a file's bytes (undefined when there is none). */
export function checkNotebookFigures(name: string, nb: NotebookJson, readFile: (path: string) => Uint8Array | undefined): FigureCheck {
  if (!Array.isArray(nb.cells)) return { figures: 0, problems: [`${name}: not a notebook (no cells)`] };
  let figures = 0;
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = text(cell.source);
    const where = `${name} cell ${i} (${source.split("\n")[0]!.slice(0, 70)})`;
    let shown = 0;
    for (const out of cell.outputs ?? []) {
      const data = out.data ?? {};
      const marker = data[FIGURE_MIME];
      if (marker !== undefined) {
        shown++;
        const ps = markerProblems(marker as Partial<FigureMarker>, typeof data["image/png"] === "string" ? (data["image/png"] as string) : undefined, readFile);
        const label = typeof (marker as FigureMarker).title === "string" ? `figure "${(marker as FigureMarker).title}"` : "a figure";
        if (ps.length) problems.push(`${where}: ${label}: ${ps.join("; ")}`);
        else figures++;
      } else if (/Plotly\.(newPlot|react)\(/.test(text(data["text/html"])))
        problems.push(`${where}: a plot without the figure marker (draw it with showFigure from src/notebook/show-figure)`);
    }
    if (shown === 0 && /\bshowFigure\(/.test(source)) problems.push(`${where}: calls showFigure but has no figure output (did the cell run?)`);
  });
  return { figures, problems };
}
