/**
 * `npm run build:app`: the page's production bundle (app/dist, Vite) and a table of its files' sizes, raw and
 * gzipped — the main chunk, the worker (with the WebAssembly kernels), and the Explore chunk that alone loads plotly.
 */
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { APP_DIR, buildApp } from "../app/server/app-server.js";
import { table } from "../src/cli/format.js";

const t = performance.now();
const files = await buildApp();
const rows = files
  .filter((f) => /\.(js|css|html)$/.test(f.file))
  .map((f) => ({ ...f, gzip: gzipSync(readFileSync(join(APP_DIR(), "dist", f.file))).length }))
  .sort((a, b) => b.bytes - a.bytes);
console.log(table(["file", "KiB", "gzip KiB"], rows.map((r) => [r.file, (r.bytes / 1024).toFixed(1), (r.gzip / 1024).toFixed(1)])));
console.log(`built app/dist in ${((performance.now() - t) / 1000).toFixed(1)} s`);
