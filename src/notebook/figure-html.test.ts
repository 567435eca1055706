// The figure HTML: the PNG inside the plot's div, a guarded plotly.js loader, nothing that can close the script early.
import { describe, expect, it } from "vitest";
import { figureHtml } from "./figure-html.js";

const fig = { data: [{ type: "scatter", x: [1], y: [1], name: "</script><b>" }], layout: { title: { text: "a \"quoted\" title" } } };

describe("figureHtml", () => {
  const html = figureHtml(fig, { id: "f1", pngBase64: "AAAA", alt: 'a "quoted" title', width: 700 });

  it("puts the PNG inside the div the plot replaces", () => {
    expect(html).toMatch(/<div id="f1" class="encryptai-figure"[^>]*><img src="data:image\/png;base64,AAAA" alt="a &quot;quoted&quot; title"/);
  });

  it("loads plotly.js itself when window.Plotly is missing, from the figures folder or the Jupyter files endpoint", () => {
    expect(html).toContain("if(window.Plotly)return Promise.resolve(window.Plotly)");
    expect(html).toContain('"figures/plotly.min.js"');
    expect(html).toContain('"files/"');
    expect(html).not.toContain("Plotly.newPlot=");
  });

  it("escapes data so a trace name cannot end the script element", () => {
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
