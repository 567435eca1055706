// The chart helper's rules: string titles become {text}, log axes where data spans decades, incomplete figures refused.
import { describe, expect, it } from "vitest";
import { ChartError, axesInUse, axisKey, chart, figureProblems, spansDecades } from "./chart.js";

const line = (x: number[], y: number[], extra: Record<string, unknown> = {}) => ({ type: "scatter", mode: "lines", x, y, ...extra });

describe("chart", () => {
  it("turns string titles into plotly 4's {text} form on the figure and every axis", () => {
    const fig = chart({ title: "t", data: [line([1, 2], [3, 4])], layout: { xaxis: { title: "x (s)" }, yaxis: { title: { text: "y (ms)" } } } });
    expect(fig.layout!.title).toEqual({ text: "t" });
    expect(fig.layout!.xaxis).toEqual({ title: { text: "x (s)" } });
    expect(fig.layout!.yaxis).toEqual({ title: { text: "y (ms)" } });
  });

  it("refuses a figure without a title, naming the problem", () => {
    expect(() => chart({ title: " ", data: [line([1], [1])], layout: { xaxis: { title: "a" }, yaxis: { title: "b" } } })).toThrow(/no title/);
  });

  it("refuses an axis in use without a title, including a second y axis", () => {
    expect(() => chart({ title: "t", data: [line([1], [1])], layout: { xaxis: { title: "a" } } })).toThrow(ChartError);
    const twoY = { title: "t", data: [line([1], [1]), line([1], [2], { yaxis: "y2" })], layout: { xaxis: { title: "a" }, yaxis: { title: "b" }, yaxis2: { overlaying: "y" } } };
    expect(() => chart(twoY)).toThrow(/yaxis2 is in use but has no title/);
    expect(() => chart({ ...twoY, layout: { ...twoY.layout, yaxis2: { title: "c", overlaying: "y" } } })).not.toThrow();
  });

  it("refuses a colour bar without a title", () => {
    const heat = { type: "heatmap", x: [1, 2], y: [1, 2], z: [[1, 2], [3, 4]] };
    const layout = { xaxis: { title: "a" }, yaxis: { title: "b" } };
    expect(() => chart({ title: "t", data: [heat], layout })).toThrow(/colour bar without a title/);
    expect(chart({ title: "t", data: [{ ...heat, colorbar: { title: "bits" } }], layout }).data[0]!.colorbar).toEqual({ title: { text: "bits" } });
  });

  it("heatmaps sharing a colour axis: the layout's colour bar needs the title, and gets plotly 4's form", () => {
    const heat = { type: "heatmap", x: [1, 2], y: [1, 2], z: [[1, 2], [3, 4]], coloraxis: "coloraxis" };
    const layout = { xaxis: { title: "a" }, yaxis: { title: "b" }, coloraxis: { colorscale: "Blues" } };
    expect(() => chart({ title: "t", data: [heat, heat], layout })).toThrow(/colour axis coloraxis draws a colour bar without a title/);
    const ok = chart({ title: "t", data: [heat, heat], layout: { ...layout, coloraxis: { colorbar: { title: "rows" } } } });
    expect((ok.layout!.coloraxis as { colorbar: unknown }).colorbar).toEqual({ title: { text: "rows" } });
  });

  it("makes an axis logarithmic when positive data spans two decades, unless its type is set", () => {
    const layout = { xaxis: { title: "a" }, yaxis: { title: "b" } };
    const wide = chart({ title: "t", data: [line([1, 10, 100], [1, 2, 3])], layout });
    expect((wide.layout!.xaxis as { type?: string }).type).toBe("log");
    expect((wide.layout!.yaxis as { type?: string }).type).toBeUndefined();
    const fixed = chart({ title: "t", data: [line([1, 10, 100], [1, 2, 3])], layout: { ...layout, xaxis: { title: "a", type: "linear" } } });
    expect((fixed.layout!.xaxis as { type?: string }).type).toBe("linear");
    const negative = chart({ title: "t", data: [line([-1, 10, 1000], [1, 2, 3])], layout });
    expect((negative.layout!.xaxis as { type?: string }).type).toBeUndefined();
  });

  it("finds the axes in use and their layout keys", () => {
    expect(axisKey("x")).toBe("xaxis");
    expect(axisKey("y2")).toBe("yaxis2");
    expect(() => axisKey("z")).toThrow(/not a plotly axis/);
    expect(axesInUse([line([1], [1]), line([1], [1], { yaxis: "y2" }), { type: "pie" }])).toEqual(["xaxis", "yaxis", "yaxis2"]);
    expect(spansDecades([1, 99])).toBe(false);
    expect(spansDecades([1, 100])).toBe(true);
    expect(figureProblems({ data: [line([1], [1])], layout: { title: { text: "t" }, xaxis: { title: { text: "a" } }, yaxis: { title: { text: "b" } } } })).toEqual([]);
  });
});
