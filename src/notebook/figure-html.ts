/**
 * The HTML of one notebook figure: a div holding the figure's PNG (what a static viewer, an untrusted notebook or
 * a page with scripts off shows), and a script that swaps in the interactive plot once plotly.js is there.
 *
 * How plotly.js loads: each figure's script loads it itself when `window.Plotly` is missing, so clearing or
 * re-running any cell breaks no other figure. Inlining the 4.8 MB bundle into every output would put ~50 MB into
 * a notebook; instead the script tries, in order, until one defines `window.Plotly` (a wrong URL can answer
 * 200 with an HTML page, so success is `window.Plotly`, not the load event):
 *   1. `figures/plotly.min.js` beside the page: an HTML export in build/notebooks/ next to its figures folder;
 *   2. the same file through the Jupyter server's files endpoint, relative to the notebook's URL
 *      (`…/lab/tree/<dir>/<nb>.ipynb` → `…/files/<dir>/figures/plotly.min.js`; also `/doc/tree/`, `/notebooks/`);
 *   3. the npm package through the files endpoint, from the folder holding notebooks/ (the repository root),
 *      for the source notebooks opened live.
 * Concurrent figures share one loading promise. If every candidate fails, the PNG stays and a note says why.
 */
import type { Figure } from "./plotly.js";

/** JSON safe inside <script>: nothing can close the element or break the line. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function escapeAttribute(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Where the figures folder keeps its copy of plotly.js (the name the loader asks for). */
export const PLOTLY_FILE = "plotly.min.js";

/** The browser-side loader: defines window.__encryptaiPlotly() → Promise<Plotly>, once per page. */
const LOADER = `window.__encryptaiPlotly=window.__encryptaiPlotly||(function(){var p;return function(){if(window.Plotly)return Promise.resolve(window.Plotly);if(p)return p;
var path=location.pathname,urls=["figures/${PLOTLY_FILE}"],m=/^(.*?\\/)(?:lab\\/tree|doc\\/tree|notebooks|tree)\\/(.*\\/)?[^\\/]*$/.exec(path);
if(m){var base=m[1],dir=m[2]||"";urls.push(base+"files/"+dir+"figures/${PLOTLY_FILE}");var root=/^(.*?)(?:build\\/)?notebooks\\/$/.exec(dir);if(root)urls.push(base+"files/"+root[1]+"node_modules/plotly.js-dist-min/plotly.min.js");}
p=new Promise(function(ok,fail){(function next(i){if(window.Plotly)return ok(window.Plotly);if(i>=urls.length){p=undefined;return fail(new Error("plotly.js not found at "+urls.join(", ")));}
var s=document.createElement("script");s.src=urls[i];s.onload=function(){next(window.Plotly?urls.length:i+1)};s.onerror=function(){s.remove();next(i+1)};document.head.appendChild(s);})(0);});return p;};})();`;

export interface FigureHtmlOptions {
  /** The element id (unique in the page). */
  readonly id: string;
  readonly pngBase64: string;
  /** Alt text of the PNG: the figure's title. */
  readonly alt: string;
  readonly width: number;
}

/** The output's HTML: the PNG inside the plot's div, and the script that replaces it with the live plot. */
export function figureHtml(fig: Figure, o: FigureHtmlOptions): string {
  const layout = { ...(fig.layout ?? {}), autosize: true };
  const draw =
    `(function(){var el=document.getElementById(${scriptJson(o.id)});if(!el)return;` +
    `window.__encryptaiPlotly().then(function(P){el.innerHTML="";return P.newPlot(el,${scriptJson(fig.data)},${scriptJson(layout)},{responsive:true});},` +
    `function(e){var n=document.createElement("div");n.style.cssText="font-size:smaller;color:#666";n.textContent="static image: "+e.message;el.appendChild(n);});})();`;
  return (
    `<div id="${escapeAttribute(o.id)}" class="encryptai-figure" style="max-width:${o.width}px">` +
    `<img src="data:image/png;base64,${o.pngBase64}" alt="${escapeAttribute(o.alt)}" style="max-width:100%"></div>\n` +
    `<script>${LOADER}\n${draw}</script>`
  );
}
