/**
 * Counts, in the DOM of an exported notebook after MathJax 2 has run, the formulas it found (each gets a
 * MathJax_Preview) and those it typeset (each a CommonHTML `mjx-chtml` element). Used by export-notebooks-html.ts.
 */
export function typesetCount(dom: string): { formulas: number; typeset: number } {
  const formulas = (dom.match(/class="MathJax_Preview"/g) ?? []).length;
  const typeset = (dom.match(/class="mjx-chtml[^"]*MathJax_CHTML[^"]*"/g) ?? []).length;
  return { formulas, typeset };
}

/** Whether a notebook's markdown cells hold TeX between $ … $ or $$ … $$ (ipynb JSON text). */
export function markdownHasMath(ipynb: string): boolean {
  const nb = JSON.parse(ipynb) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  return (nb.cells ?? []).some((c) => c.cell_type === "markdown" && /\$[^$\n]+\$/.test(Array.isArray(c.source) ? c.source.join("") : (c.source ?? "")));
}

/** Every formula MathJax found was typeset, and where the markdown has TeX, MathJax ran at all. */
export function mathVerdict(count: { formulas: number; typeset: number }, expectsMath: boolean): { ok: boolean; message: string } {
  if (expectsMath && count.formulas === 0) return { ok: false, message: "the markdown has TeX but MathJax did not run (raw TeX shown)" };
  if (count.typeset !== count.formulas) return { ok: false, message: `only ${count.typeset} of ${count.formulas} formulas typeset` };
  return { ok: true, message: `${count.typeset} of ${count.formulas} formulas typeset offline` };
}
