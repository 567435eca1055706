// The thesis's constraint gaps as reusable forgeries (thesis-gaps.ts): each is accepted by the thesis's
// constraints and rejected by ours, by the constraint that closes that gap; the honest run is accepted by both.
import { describe, expect, it } from "vitest";
import { addPlain, decrypt, encrypt } from "../../lwe/index.js";
import { F128_FIELD as F } from "../../math/prime-fields.js";
import { execute } from "../executor.js";
import { thesisExample } from "../thesis-example.testkit.js";
import { THESIS_GAPS, forgeThesisGaps, judgeForgery } from "./thesis-gaps.js";

describe("forgeThesisGaps / judgeForgery", () => {
  const ex = thesisExample("thesis-gaps");
  const honestCt = execute(F, ex.program, { publicValues: ex.weights, ciphertexts: ex.ciphertexts }, ex.alg).output;
  const wrong = addPlain(honestCt, 10);
  const forgeries = forgeThesisGaps(
    { program: ex.program, publicValues: ex.weights, inputs: ex.cells, delta: ex.params.delta, body: ex.body },
    { output: ex.alg.cells(wrong), otherPublicValues: [30n, 2n, 4n, 2n, 1n], otherInputs: [ex.alg.cells(encrypt(ex.publicKey, 7, ex.rnd)), ...ex.cells.slice(1)] },
  );
  it("one forgery per gap, in order; the op-bits forgery claims a result that decrypts to 39, not 29", () => {
    expect(forgeries.map((f) => f.gap)).toEqual(THESIS_GAPS);
    expect(decrypt(ex.secretKey, honestCt)).toBe(29n);
    expect(decrypt(ex.secretKey, wrong)).toBe(39n);
    expect(forgeries[0]!.statement.outputs[0]!).toEqual(ex.alg.cells(wrong));
  });
  it("the thesis's constraints accept every forgery; ours reject each by the constraint that closes its gap", () => {
    const verdicts = forgeries.map((f) => judgeForgery(f, ex.params.delta));
    expect(verdicts.map((v) => v.thesis)).toEqual([[], [], [], [], []]);
    const first = verdicts.map((v) => v.ours[0]);
    expect(first[0]?.constraint).toBe("b0 binary");
    expect(first[1]?.constraint).toBe("s0' follows the operation");
    expect(verdicts[2]!.ours.map((v) => v.constraint)).toContain("s4' follows the operation");
    expect(first[3]?.kind).toBe("assertion");
    expect(first[3]?.step).toBe(1);
    expect(first[4]?.constraint).toMatch(/hash_flag/);
  });
  it("the honest run, judged the same way, is accepted by both", () => {
    const honest = { ...forgeries[0]!, trace: ex.trace().trace, statement: ex.trace().publicInputs };
    expect(judgeForgery(honest, ex.params.delta)).toEqual({ thesis: [], ours: [] });
  });
  it("refuses a forged output of the wrong width", () => {
    expect(() => forgeThesisGaps({ program: ex.program, publicValues: ex.weights, inputs: ex.cells, delta: ex.params.delta, body: ex.body }, { output: [1n], otherPublicValues: [], otherInputs: [] })).toThrow(/5 cells/);
  });
});
