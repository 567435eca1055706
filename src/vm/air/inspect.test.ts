// The constraint inspector and the mutation tester: violations named with step and degree; every cell of the
// regression programs' traces caught (the salt cells free by design); the thesis's constraint set, run through
// the same tester, misses many — the tester can fail.
import { describe, expect, it } from "vitest";
import { F128_FIELD as F, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { RP64_GOLDILOCKS } from "../hash-spec.js";
import { compileModel } from "../compile.js";
import { vmTrace } from "../trace.js";
import { thesisExample } from "../thesis-example.testkit.js";
import { inspectTrace, mutationTest, traceRows } from "../../air/inspect.js";
import { HASH_STATE, STACK } from "./columns.js";
import { thesisLayout, thesisVmAir } from "./thesis-air.js";
import { vmAir } from "./vm-air.js";

const { params, program: lr, trace } = thesisExample("inspect");
const honest = trace();
const SALT = [2, 3].map((j) => ({ column: HASH_STATE + j, step: 0, reason: "program-hash salt: the capacity's starting value, chosen by the model owner" }));

describe("inspectTrace / traceRows", () => {
  const air = vmAir(honest.publicInputs);
  it("lists nothing for a valid trace and names step, constraint and degree for a fault", () => {
    expect(inspectTrace(air, honest.trace)).toEqual([]);
    const bad = honest.trace.map((c) => [...c]);
    bad[STACK + 3]![5] = F.add(bad[STACK + 3]![5]!, 1n);
    const v = inspectTrace(air, bad);
    expect(v[0]).toMatchObject({ kind: "transition", step: 4, constraint: "s3' follows the operation", degree: 3 });
    expect(v.some((f) => f.step === 5)).toBe(true);
  });
  it("renders a window of the trace with column names", () => {
    const rows = traceRows(air, honest.trace, 0, 3);
    expect(rows[0]!.slice(0, 3)).toEqual(["step", "clk", "b0"]);
    expect(rows.length).toBe(4);
    expect(rows[2]![1]).toBe("1");
  });
});

describe("mutationTest", () => {
  it("catches 100% of single-cell changes in the thesis example's trace (raw ciphertexts)", () => {
    const r = mutationTest(vmAir(honest.publicInputs), honest.trace, SALT);
    expect(r.uncaught).toEqual([]);
    expect(r.score).toBe(1);
    expect(r.mutated).toBe(45 * 64 - 2);
  });
  it.each(["public", "private"] as const)("catches every single-cell change for a compiled 3-feature regression with %s weights (compressed lanes)", (vis) => {
    const c = compileModel({ circuitWeights: [5, -3, 2], circuitConstant: -4 }, vis, F.modulus);
    const lanes = [11n, 22n].map((v) => [v, v + 1n]);
    const t = vmTrace({ program: c.program, publicValues: c.publicValues, inputs: [...lanes, [7n, 9n]], delta: params.delta, body: [123n, 456n], salt: [5n, 6n] });
    const r = mutationTest(vmAir(t.publicInputs), t.trace, SALT);
    expect(r.uncaught).toEqual([]);
  });
  it("catches 100% over Goldilocks (Rp64 hash rounds, 53 columns: 37, 8 more hash cells, 8 range digits; the four capacity cells at row 0 are the salt)", () => {
    const c = compileModel({ circuitWeights: [5, -3], circuitConstant: -4 }, "private", GOLDILOCKS_FIELD.modulus);
    const lanes = [[11n, 12n, 13n], [21n, 22n, 23n]];
    const t = vmTrace({ program: c.program, publicValues: [], inputs: lanes, delta: 1n << 40n, body: [5n, 6n, 7n], salt: [1n, 2n, 3n, 4n], hash: RP64_GOLDILOCKS });
    const air = vmAir(t.publicInputs);
    expect(air.traceWidth).toBe(53);
    const salt = [0, 1, 2, 3].map((j) => ({ column: HASH_STATE + j, step: 0, reason: "program-hash salt" }));
    const r = mutationTest(air, t.trace, salt);
    expect(r.uncaught).toEqual([]);
    expect(r.mutated).toBe(53 * air.traceLength - 4);
  });
  it("the thesis's constraint set misses changes (the tester can fail)", () => {
    const l = lr.instructions.length;
    const thesis = thesisLayout(honest.trace, l);
    const n = thesis[0]!.length;
    const outputs = Array.from({ length: 16 }, (_, k) => thesis[STACK + k]![n - 2]!);
    const r = mutationTest(thesisVmAir(n, { programHash: honest.publicInputs.programHash, stackOutputs: outputs, lweSize: 5, delta: params.delta }), thesis);
    expect(r.score).toBeLessThan(0.9);
    expect(r.uncaught.some((c) => c.columnName === "b0")).toBe(true);
    expect(r.uncaught.some((c) => c.columnName === "s9")).toBe(true);
  });
  it("refuses a trace that is not valid to start with", () => {
    const bad = honest.trace.map((c) => [...c]);
    bad[0]![3] = 7n;
    expect(() => mutationTest(vmAir(honest.publicInputs), bad)).toThrow(/needs a valid trace/);
  });
});
