// showFigure end to end with a fake output: a real PNG from headless Chromium, one bundle with HTML, PNG and marker.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium, isPng, pngSize } from "../report/screenshot.js";
import { FIGURE_MIME, type FigureMarker } from "./figure-marker.js";
import { plotlyBundlePath } from "./plotly.js";
import { type DisplayBundle, figureDisplay } from "./show-figure.js";

const dir = mkdtempSync(join(tmpdir(), "show-figure-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("figureDisplay", () => {
  it.skipIf(!findChromium())("renders the PNG file and publishes one bundle: HTML with the PNG inside, image/png, the marker", async () => {
    const shown: DisplayBundle[] = [];
    const show = figureDisplay("nb-test", { dir, width: 500, publish: (b) => shown.push(b) });
    await show("growth", {
      title: "growth",
      data: [{ type: "scatter", mode: "lines", x: [1, 10, 100, 1000], y: [1, 2, 3, 4] }],
      layout: { xaxis: { title: "n (rows)" }, yaxis: { title: "time (ms)" } },
      height: 300,
    });
    const file = readFileSync(join(dir, "nb-test-growth.png"));
    expect(isPng(file)).toBe(true);
    expect(pngSize(file)).toEqual({ width: 500, height: 300 });
    expect(shown).toHaveLength(1);
    const data = shown[0]!.data;
    expect(data["image/png"]).toBe(file.toString("base64"));
    expect(data["text/html"]).toContain(`<img src="data:image/png;base64,${file.toString("base64")}"`);
    expect(String(data["text/html"]).length).toBeLessThan(file.length * 2 + 20_000); // plotly.js is not inlined
    const marker = data[FIGURE_MIME] as FigureMarker;
    expect(marker.axes).toEqual({ xaxis: "n (rows)", yaxis: "time (ms)" });
    expect(marker.figure.layout!.xaxis).toMatchObject({ type: "log" });
    expect(statSync(join(dir, "plotly.min.js")).size).toBe(statSync(plotlyBundlePath()).size);
  });

  it("fails with an error naming what to install when there is no Chromium", async () => {
    const saved = process.env.CHROMIUM;
    process.env.CHROMIUM = join(dir, "no-such-chromium");
    try {
      const show = figureDisplay("nb-test", { dir, publish: () => expect.unreachable("published") });
      await expect(show("f", { title: "t", data: [{ type: "scatter", x: [1], y: [1] }], layout: { xaxis: { title: "a" }, yaxis: { title: "b" } } })).rejects.toThrow(
        /no-such-chromium is not an executable file.*npm run setup/,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM;
      else process.env.CHROMIUM = saved;
    }
  });

  it("refuses an untitled figure before drawing anything, and a bad figure id", async () => {
    const show = figureDisplay("nb-test", { dir, publish: () => expect.unreachable("published") });
    await expect(show("f", { title: "", data: [{ type: "scatter", x: [1], y: [1] }] })).rejects.toThrow(/no title/);
    await expect(show("a/b", { title: "t", data: [] })).rejects.toThrow(/figure id "a\/b"/);
    expect(() => figureDisplay("../x")).toThrow(/notebook name/);
  });
});
