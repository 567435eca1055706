import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { glFromBigints, glToBigints } from "../../math/goldilocks.js";
import { GOLDILOCKS_FIELD as F } from "../../math/prime-fields.js";
import { fibonacciAir, fibonacciResult, mimc, mimcAir, wideAir, wideResult } from "./index.js";

const elem = fc.bigInt({ min: 0n, max: F.modulus - 1n });

describe("vector (column-wise) constraint evaluation agrees with row-by-row evaluation", () => {
  const airs = [
    ["Fibonacci", fibonacciAir(F, 16, { result: fibonacciResult(F, 16) })],
    ["MiMC (Goldilocks)", mimcAir(F, 64, { seed: 3n, result: mimc(F, 64) })],
    ["Wide (5 columns)", wideAir(F, 5, 16, { result: wideResult(F, 5, 16) })],
  ] as const;
  it.each(airs)("%s", (_, air) => {
    const w = air.traceWidth;
    const p = air.periodicColumns.length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(elem, { minLength: 2 * w, maxLength: 2 * w }), fc.array(elem, { minLength: p, maxLength: p })), { minLength: 1, maxLength: 12 }), (rows) => {
        const col = (k: number) => glFromBigints(rows.map((r) => r[0][k]!));
        const current = Array.from({ length: w }, (_, k) => col(k));
        const next = Array.from({ length: w }, (_, k) => col(w + k));
        const periodic = Array.from({ length: p }, (_, k) => glFromBigints(rows.map((r) => r[1][k]!)));
        const vec = air.evaluateTransitionGoldilocks!({ current, next }, periodic).map(glToBigints);
        rows.forEach((r, i) => {
          const out = new Array<bigint>(air.transitionDegrees.length).fill(0n);
          air.evaluateTransition(F, { current: r[0].slice(0, w), next: r[0].slice(w) }, r[1], out);
          expect(vec.map((v) => v[i])).toEqual(out);
        });
      }),
      { numRuns: 50 },
    );
  });
});

describe("the wide synthetic AIR", () => {
  it("its trace validates, proves and verifies; a wrong result is rejected", async () => {
    const { validateTrace } = await import("../validate.js");
    const { prove, verify, FAST_TEST_OPTIONS, INSECURE_TEST_POLICY } = await import("../../prover/index.js");
    const { wideTrace } = await import("./index.js");
    const trace = wideTrace(F, 6, 32);
    const air = wideAir(F, 6, 32, { result: trace[0]![31]! });
    validateTrace(air, trace);
    const { bytes } = prove(air, trace, FAST_TEST_OPTIONS);
    expect(verify(air, bytes, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    expect(verify(wideAir(F, 6, 32, { result: trace[0]![31]! + 1n }), bytes, { policy: INSECURE_TEST_POLICY }).ok).toBe(false);
  });
});
