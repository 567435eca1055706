import { describe, expect, it } from "vitest";
import { buildCharts, type Chart } from "./charts.js";
import type { Environment } from "./environment.js";
import { chartPage, chartSection, escapeHtml, renderPage, scriptJson } from "./page.js";
import { ANALYSIS, MACHINE, SUITES_FIXTURE } from "./test-fixtures.js";

const ENV: Environment = {
  machine: { ...MACHINE, kernel: "6.1.0-test", date: "2026-01-02T00:00:00.000Z" },
  versions: [
    { name: "node", version: "v20.0.0" },
    { name: "typescript", version: "5.9.3" },
    { name: "plotly.js-dist-min", version: "4.1.2" },
  ],
  git: { commit: "abc1234", dirty: false },
};

const PLOTLY_STUB = "window.Plotly = { newPlot() {} }; /* PLOTLY-BUNDLE-MARKER */";

function page(extra: Partial<Parameters<typeof renderPage>[0]> = {}): string {
  const charts = buildCharts(SUITES_FIXTURE, ANALYSIS);
  return renderPage({
    title: "Test report",
    generatedAt: "2026-01-02T00:00:00.000Z",
    provenance: "suites run in quick mode",
    environment: ENV,
    suites: SUITES_FIXTURE,
    runs: [{ suite: "math", ok: false, seconds: 1, error: "exit code 1" }],
    charts,
    pngs: { "lwe-security": "charts/lwe-security.png", gas: "charts/gas.png" },
    plotly: { inline: PLOTLY_STUB },
    rawFiles: { "bench/gas.json": "bench/gas.json", "analysis.json": "analysis.json" },
    ...extra,
  });
}

describe("report page", () => {
  it("states the machine and versions it was measured on", () => {
    const html = page();
    expect(html).toContain('<section id="machine">');
    expect(html).toContain("Test CPU 9000");
    expect(html).toContain("<td>typescript</td><td>5.9.3</td>");
    expect(html).toContain("abc1234");
    expect(html).toContain("failed: exit code 1"); // the math run failed
    expect(html).toContain("<td>hash</td><td>no results</td>");
  });

  it("has one section per chart, with its caption, plot and data links", () => {
    const html = page();
    const charts = buildCharts(SUITES_FIXTURE, ANALYSIS);
    for (const c of charts) {
      expect(html).toContain(`<section id="${c.id}" class="chart">`);
      expect(html).toContain(`<h2>${escapeHtml(c.title)}</h2>`);
      expect(html).toContain(escapeHtml(c.caption));
      expect(html).toContain(`Plotly.newPlot("chart-${c.id}"`);
      expect(html).toContain(`href="charts/${c.id}.json"`);
    }
    expect(html).toContain('<a href="charts/gas.png">PNG</a>');
    expect(html).toContain('<a href="bench/gas.json">bench/gas.json</a>');
    expect(html).toContain('href="analysis.json"');
  });

  it("inlines plotly.js exactly once (offline), or links it", () => {
    expect(page().split("PLOTLY-BUNDLE-MARKER")).toHaveLength(2);
    const linked = page({ plotly: { src: "plotly.min.js" } });
    expect(linked).toContain('<script src="plotly.min.js"></script>');
    expect(linked).not.toContain("PLOTLY-BUNDLE-MARKER");
  });

  it("tables every measurement of every suite", () => {
    const html = page();
    expect(html).toContain("JobManager.requestJob");
    expect(html).toContain("314,717");
    expect(html).toContain("estimate: primal + dual, 4 cost models");
  });

  it("says why a chart is missing", () => {
    const c: Chart = { id: "gas", title: "Gas", caption: "c", sources: ["bench/gas.json"], height: 400, missing: 'no results from the "gas" suite' };
    const html = chartSection(c, undefined);
    expect(html).toContain('class="missing"');
    expect(html).not.toContain("Plotly.newPlot");
  });

  it("keeps data from closing the script element", () => {
    expect(scriptJson({ name: "</script><script>alert(1)</script>" })).not.toContain("</script");
    expect(JSON.parse(scriptJson({ a: "<b>" }))).toEqual({ a: "<b>" });
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("chart pages have a fixed size and a static plot for the screenshot", () => {
    const [c] = buildCharts(SUITES_FIXTURE, ANALYSIS);
    const html = chartPage(c!, "plotly.min.js", 900);
    expect(html).toContain('<script src="plotly.min.js"></script>');
    expect(html).toContain('"width":900');
    expect(html).toContain(`"height":${c!.height}`);
    expect(html).toContain('"staticPlot":true');
  });
});
