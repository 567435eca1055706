// The offline-HTML check of the notebooks (scripts/notebook-math.ts): raw TeX in an export is a failure.
import { describe, expect, it } from "vitest";
import { markdownHasMath, mathVerdict, typesetCount } from "../scripts/notebook-math.js";

const typesetFormula = '<span class="MathJax_Preview"></span><span class="mjx-chtml MathJax_CHTML" id="MathJax-Element-1-Frame"></span>';
const nb = (markdown: string) => JSON.stringify({ cells: [{ cell_type: "markdown", source: [markdown] }, { cell_type: "code", source: ["const x = $y$;"] }] });

describe("notebook HTML: formulas typeset offline", () => {
  it("counts found and typeset formulas", () => {
    expect(typesetCount(typesetFormula.repeat(3))).toEqual({ formulas: 3, typeset: 3 });
    expect(typesetCount(typesetFormula + '<span class="MathJax_Preview"></span>')).toEqual({ formulas: 2, typeset: 1 });
  });

  it("sees TeX in markdown cells only", () => {
    expect(markdownHasMath(nb("noise $\\sigma^2$ grows"))).toBe(true);
    expect(markdownHasMath(nb("costs 5 dollars"))).toBe(false); // one $ is not a formula; code cells do not count
  });

  it("fails an export where MathJax never ran, or typeset only some formulas", () => {
    expect(mathVerdict({ formulas: 0, typeset: 0 }, true)).toMatchObject({ ok: false, message: expect.stringContaining("raw TeX") });
    expect(mathVerdict({ formulas: 4, typeset: 3 }, true)).toMatchObject({ ok: false, message: "only 3 of 4 formulas typeset" });
    expect(mathVerdict({ formulas: 4, typeset: 4 }, true).ok).toBe(true);
    expect(mathVerdict({ formulas: 0, typeset: 0 }, false).ok).toBe(true);
  });
});
