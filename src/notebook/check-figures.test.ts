// The figure check of executed notebooks: a good figure passes; a missing title, axis title or PNG fails, naming the cell.
import { describe, expect, it } from "vitest";
import { chart } from "./chart.js";
import { type NotebookJson, checkNotebookFigures } from "./check-figures.js";
import { FIGURE_MIME, type FigureMarker } from "./figure-marker.js";

/** A 1 × 1 PNG header (signature and IHDR): enough for the check, which reads the size. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000100000000000000", "hex");
const good = chart({ title: "prove time", data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { xaxis: { title: "rows" }, yaxis: { title: "time (ms)" } } });

function marker(over: Partial<FigureMarker> = {}): FigureMarker {
  return { version: 1, notebook: "nb", id: "f", title: "prove time", axes: {}, png: "figs/nb-f.png", width: 900, height: 420, figure: good, ...over };
}

function notebook(data: Record<string, unknown>, source = 'await showFigure("f", spec);'): NotebookJson {
  return { cells: [{ cell_type: "markdown", source: "# title" }, { cell_type: "code", source: [source], outputs: [{ output_type: "display_data", data }] }] };
}

const files = (present: Record<string, Uint8Array>) => (p: string) => present[p];
const withPng = files({ "figs/nb-f.png": PNG });
const png64 = PNG.toString("base64");

describe("checkNotebookFigures", () => {
  it("passes a figure with a title, axis titles and its PNG", () => {
    const r = checkNotebookFigures("nb.ipynb", notebook({ "image/png": png64, [FIGURE_MIME]: marker() }), withPng);
    expect(r).toEqual({ figures: 1, problems: [] });
  });

  it("fails a figure without a title, naming the cell", () => {
    const untitled = { ...good, layout: { ...good.layout, title: { text: "" } } };
    const r = checkNotebookFigures("nb.ipynb", notebook({ "image/png": png64, [FIGURE_MIME]: marker({ figure: untitled }) }), withPng);
    expect(r.figures).toBe(0);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^nb\.ipynb cell 1 \(await showFigure/);
    expect(r.problems[0]).toMatch(/no title/);
  });

  it("fails a figure with an axis in use but untitled", () => {
    const noY = { ...good, layout: { ...good.layout, yaxis: {} } };
    const r = checkNotebookFigures("nb.ipynb", notebook({ "image/png": png64, [FIGURE_MIME]: marker({ figure: noY }) }), withPng);
    expect(r.problems.join()).toMatch(/axis yaxis is in use but has no title/);
  });

  it("fails a figure whose PNG is missing from the output, from disk, or is not a PNG", () => {
    expect(checkNotebookFigures("nb.ipynb", notebook({ [FIGURE_MIME]: marker() }), withPng).problems.join()).toMatch(/no image\/png/);
    expect(checkNotebookFigures("nb.ipynb", notebook({ "image/png": png64, [FIGURE_MIME]: marker() }), files({})).problems.join()).toMatch(/PNG file figs\/nb-f\.png is missing/);
    const notPng = Buffer.from("<html></html>").toString("base64");
    expect(checkNotebookFigures("nb.ipynb", notebook({ "image/png": notPng, [FIGURE_MIME]: marker() }), withPng).problems.join()).toMatch(/image\/png is not a PNG/);
  });

  it("fails a plot drawn without the helper, and a showFigure cell with no figure", () => {
    const raw = checkNotebookFigures("nb.ipynb", notebook({ "text/html": '<script>Plotly.newPlot("a", [], {})</script>' }, "show()"), withPng);
    expect(raw.problems.join()).toMatch(/cell 1 .*without the figure marker/);
    const silent = checkNotebookFigures("nb.ipynb", notebook({ "text/plain": "ok" }), withPng);
    expect(silent.problems.join()).toMatch(/calls showFigure but has no figure output/);
  });
});
