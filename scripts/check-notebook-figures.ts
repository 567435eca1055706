/**
 * The figure check after the notebooks run (scripts/run-notebooks.sh): reads executed notebooks (the paths given,
 * or every build/notebooks/*.ipynb) and fails, naming the notebook and cell, when a figure lacks its title, an axis
 * title, or its PNG (in the output and as a file). Usage: tsx scripts/check-notebook-figures.ts [nb.ipynb …]
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, isAbsolute, join, resolve } from "node:path";
import { checkNotebookFigures, type NotebookJson } from "../src/notebook/check-figures.js";
import { projectRoot } from "../src/paths.js";

const root = projectRoot();
const dir = join(root, "build", "notebooks");
const args = process.argv.slice(2);
const paths = args.length ? args.map((p) => resolve(p)) : existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f)) : [];
if (paths.length === 0) {
  console.error(`no executed notebooks to check (looked in ${dir}; run scripts/run-notebooks.sh first)`);
  process.exit(1);
}
const readFile = (p: string): Uint8Array | undefined => {
  const full = isAbsolute(p) ? p : join(root, p);
  return existsSync(full) ? readFileSync(full) : undefined;
};
let failed = 0;
for (const path of paths) {
  let nb: NotebookJson;
  try {
    nb = JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
  } catch (e) {
    console.error(`figures FAILED  ${path}: cannot read it as JSON (${(e as Error).message})`);
    failed++;
    continue;
  }
  const r = checkNotebookFigures(basename(path), nb, readFile);
  if (r.problems.length) {
    failed++;
    console.error(`figures FAILED  ${path}: ${r.figures} good, ${r.problems.length} problems`);
    for (const p of r.problems) console.error(`  ${p}`);
  } else console.log(`figures ok      ${path} (${r.figures})`);
}
process.exit(failed ? 1 : 0);
