import { describe, expect, it } from "vitest";
import type { Air, Assertion } from "../air/air.js";
import type { Field } from "../math/field.js";
import { GL_P } from "../math/goldilocks.js";
import { GOLDILOCKS_FIELD as F } from "../math/prime-fields.js";
import { assertionSumAtFast, periodicValuesAtFast } from "./composition-at-fast.js";
import { compositionAt, compositionAtReference, periodicAt, periodicPolynomials } from "./constraints.js";
import { type Challenge, challengeField } from "./fields.js";
import { GOLDILOCKS_CUBIC_CHALLENGE } from "./goldilocks-cubic.js";

let seed = 99n;
const rnd = (): bigint => {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 128n);
  return (seed ^ (seed >> 67n)) % GL_P;
};

/** A synthetic AIR: width 4, an auxiliary column, periodic columns short and as long as the trace, many assertions. */
function syntheticAir(n: number, assertions: Assertion[]): Air {
  const periodic = [4, n, n, 128, 64].map((len) => Array.from({ length: len }, (_, i) => (len === n && i % 3 === 0 ? 0n : rnd())));
  return {
    name: "synthetic",
    field: F,
    traceWidth: 4,
    traceLength: n,
    transitionDegrees: [2, 3, 1],
    constraintNames: ["a", "b", "c"],
    columnNames: ["c0", "c1", "c2", "c3"],
    periodicColumns: periodic,
    evaluateTransition<E>(E: Field<E>, f: { current: readonly E[]; next: readonly E[] }, p: readonly E[], out: E[]) {
      out[0] = E.sub(f.next[0]!, E.mul(f.current[1]!, p[1]!));
      out[1] = E.sub(E.mul(E.mul(f.current[2]!, f.current[3]!), p[0]!), E.add(f.next[1]!, p[2]!));
      out[2] = E.add(E.mul(f.next[3]!, p[3]!), p[4]!);
    },
    assertions,
    publicInputBytes: () => new Uint8Array(0),
    aux: {
      width: 1,
      randomElements: 1,
      transitionDegrees: [2],
      constraintNames: ["z"],
      columnNames: ["z"],
      build: () => [],
      evaluateTransition<E>(E: Field<E>, main: { current: readonly E[] }, aux: { current: readonly E[]; next: readonly E[] }, r: readonly E[], p: readonly E[], out: E[]) {
        out[0] = E.sub(E.mul(aux.next[0]!, E.add(main.current[0]!, r[0]!)), E.mul(aux.current[0]!, p[1]!));
      },
    },
  };
}

describe("compositionAt (vector kernels) against the plain evaluation", () => {
  const n = 256;
  const assertions: Assertion[] = Array.from({ length: 300 }, (_, i) => ({
    column: i % 4,
    step: (i * 37) % n,
    value: i % 5 === 0 ? 0n : rnd(),
    ...(i % 11 === 0 ? { segment: "aux" as const, column: 0 } : {}),
  }));
  // steps outside [0, n) name the same point ω^step
  assertions.push({ column: 1, step: n + 3, value: 5n }, { column: 2, step: -1, value: GL_P - 1n });
  const air = syntheticAir(n, assertions);
  const cases = [
    ["degree 1", challengeField(F, 1)],
    ["degree 2", challengeField(F, 2)],
    ["degree 3 (generic)", challengeField(F, 3)],
    ["degree 3 (inlined)", GOLDILOCKS_CUBIC_CHALLENGE],
  ] as const;
  it.each(cases)("%s", (_, C) => {
    const el = (): Challenge => (C.degree === 1 ? rnd() : Array.from({ length: C.degree }, rnd));
    const frame = { current: Array.from({ length: 5 }, el), next: Array.from({ length: 5 }, el) };
    const z = el();
    const coefficients = Array.from({ length: 4 + assertions.length }, el);
    const random = [el()];
    const ref = compositionAtReference(air, challengeField(F, C.degree), frame, z, coefficients, random);
    expect(compositionAt(air, C, frame, z, coefficients, random)).toEqual(ref);
    // the parts on their own
    const polys = periodicPolynomials(air);
    expect(periodicValuesAtFast(F, C, polys, n, z)).toEqual(polys.map((p) => periodicAt(challengeField(F, C.degree).E, p, n, z)));
  });

  it("leaves input outside the fast path to the plain evaluation (same result, same errors)", () => {
    const C = GOLDILOCKS_CUBIC_CHALLENGE;
    const el = (): Challenge => [rnd(), rnd(), rnd()];
    const frame = { current: Array.from({ length: 5 }, el), next: Array.from({ length: 5 }, el) };
    const z = el();
    const betas = Array.from({ length: 10 }, el);
    const odd = syntheticAir(n, [{ column: 0, step: 1, value: GL_P }]);
    expect(assertionSumAtFast(odd, C, frame.current, z, betas)).toBeUndefined();
    const outside = syntheticAir(n, [{ column: 9, step: 1, value: 1n }]);
    expect(assertionSumAtFast(outside, C, frame.current, z, betas)).toBeUndefined();
    expect(() => compositionAt(outside, C, frame, z, betas, [el()])).toThrow();
    const fractional = syntheticAir(n, [{ column: 0, step: 1.5, value: 1n }]);
    expect(assertionSumAtFast(fractional, C, frame.current, z, betas)).toBeUndefined();
    expect(() => compositionAt(fractional, C, frame, z, betas, [el()])).toThrow();
    expect(assertionSumAtFast(syntheticAir(n, []), C, frame.current, z, betas)).toEqual(C.E.ZERO);
  });
});
