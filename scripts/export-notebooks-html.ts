/**
 * `npm run notebooks:html`: exports the executed notebooks (build/notebooks/*.ipynb, written by
 * scripts/run-notebooks.sh) to HTML beside them (build/notebooks/*.html, where the figures' plotly.js loader finds
 * figures/plotly.min.js) for reading offline, and checks in headless Chromium
 * that every formula was typeset by the local MathJax (Debian's libjs-mathjax, installed by `npm run setup`;
 * Debian's nbconvert loads it from /usr/share/javascript/mathjax) — an export that shows raw TeX fails. A
 * screenshot of each export's first screen goes to build/notebooks/screenshots/<notebook>.png.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, screenshot } from "../src/report/screenshot.js";
import { mathVerdict, markdownHasMath, typesetCount } from "./notebook-math.js";

const LOCAL_MATHJAX = "/usr/share/javascript/mathjax/MathJax.js";
const root = resolve(import.meta.dirname, "..");
const executed = join(root, "build", "notebooks");
const out = executed;
const shots = join(executed, "screenshots");

function fail(message: string): never {
  process.stderr.write(`notebooks:html: ${message}\n`);
  process.exit(1);
}

if (!existsSync(LOCAL_MATHJAX)) fail(`MathJax is missing (${LOCAL_MATHJAX}); install it with: npm run setup`);
const chromium = findChromium();
if (!chromium) fail("Chromium is missing; install it with: npm run setup");
const notebooks = existsSync(executed) ? readdirSync(executed).filter((f) => f.endsWith(".ipynb")).sort() : [];
if (notebooks.length === 0) fail(`no executed notebooks in ${executed}: run npm run test:notebooks first`);
mkdirSync(out, { recursive: true });
mkdirSync(shots, { recursive: true });

let failed = 0;
for (const nb of notebooks) {
  execFileSync("/usr/bin/jupyter", ["nbconvert", "--to", "html", "--log-level=WARN", "--output-dir", out, join(executed, nb)], { stdio: ["ignore", "ignore", "inherit"] });
  const html = join(out, nb.replace(/\.ipynb$/, ".html"));
  const dom = execFileSync(
    chromium,
    ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--virtual-time-budget=15000", "--dump-dom", pathToFileURL(html).href],
    { encoding: "utf8", maxBuffer: 256 * 2 ** 20, timeout: 120_000, stdio: ["ignore", "pipe", "ignore"] },
  );
  const verdict = mathVerdict(typesetCount(dom), markdownHasMath(readFileSync(join(executed, nb), "utf8")));
  if (!verdict.ok) failed++;
  const png = join(shots, nb.replace(/\.ipynb$/, ".png"));
  await screenshot(chromium, html, png, { width: 1280, height: 1600, virtualTimeMs: 15_000, timeoutMs: 120_000 });
  process.stdout.write(`${verdict.ok ? "html ok    " : "html FAILED"} ${html}: ${verdict.message}; screenshot ${png}\n`);
}
if (failed > 0) fail(`${failed} notebook export(s) show raw TeX`);
