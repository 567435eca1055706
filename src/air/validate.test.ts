// Tests of checkAir (declarations, random-line degree measurement) and validateTrace (assertions, transitions,
// auxiliary segment), including the typed errors' messages.
import { describe, expect, it } from "vitest";
import type { Field } from "../math/field.js";
import { primeField } from "../math/field.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import type { Air, EvaluationFrame } from "./air.js";
import { AirDefinitionError, TraceShapeError, TraceValidationError } from "./errors.js";
import { fibonacciAir, fibonacciResult, fibonacciTrace } from "./examples/fibonacci.js";
import { mimcAir, mimcTrace, mimc } from "./examples/mimc.js";
import { encodePublicInputs } from "./public-inputs.js";
import { cloneTrace } from "./trace.js";
import {
  _deterministicElements,
  checkAir,
  defaultAuxRandom,
  measureTransitionDegrees,
  periodicValuesAt,
  traceFailures,
  validateTrace,
} from "./validate.js";

const F = GOLDILOCKS_FIELD;
const N = 16;
const fib = fibonacciAir(F, N, { result: fibonacciResult(F, N) });

function defError(air: Air): AirDefinitionError {
  try {
    checkAir(air);
  } catch (e) {
    expect(e).toBeInstanceOf(AirDefinitionError);
    return e as AirDefinitionError;
  }
  throw new Error("expected an AirDefinitionError");
}

describe("checkAir: the AIR's own declarations", () => {
  it("accepts the examples", () => {
    expect(() => checkAir(fib)).not.toThrow();
    expect(() => checkAir(mimcAir(F, 64, { seed: 3n, result: mimc(F, 64) }))).not.toThrow();
  });

  const cases: [string, Partial<Air>, RegExp][] = [
    ["traceLength 12", { traceLength: 12 }, /traceLength: expected a power of two ≥ 8, got 12/],
    ["traceLength 4", { traceLength: 4 }, /traceLength: expected a power of two ≥ 8, got 4/],
    ["traceWidth 0", { traceWidth: 0 }, /traceWidth: expected an integer ≥ 1, got 0/],
    ["no constraints", { transitionDegrees: [], constraintNames: [] }, /transitionDegrees: expected at least one transition constraint/],
    ["degree 0", { transitionDegrees: [0, 1] }, /transitionDegrees\[0\]: degree must be an integer ≥ 1, got 0/],
    ["names too short", { constraintNames: ["only one"] }, /constraintNames: has 1 entries, expected 2 \(one per transition constraint\)/],
    ["empty name", { constraintNames: ["", "b"] }, /constraintNames\[0\]: expected a non-empty string/],
    ["column names", { columnNames: ["a", "b", "c"] }, /columnNames: has 3 entries, expected 2 \(one per main trace column\)/],
    ["cycle 3", { periodicColumns: [[1n, 2n, 3n]] }, /periodicColumns\[0\]: cycle length 3 must be a power of two ≥ 2 that divides the trace length 16/],
    ["cycle 32 > n", { periodicColumns: [new Array(32).fill(0n)] }, /periodicColumns\[0\]: cycle length 32/],
    ["cycle 1", { periodicColumns: [[5n]] }, /cycle length 1/],
    ["periodic value ≥ p", { periodicColumns: [[0n, F.modulus]] }, /periodicColumns\[0\]\[1\]: \d+ is not a canonical element of Goldilocks/],
    ["no assertions", { assertions: [] }, /assertions: expected at least one boundary assertion/],
    ["assertion column", { assertions: [{ column: 2, step: 0, value: 1n }] }, /assertions\[0\]\.column: 2 is out of range \[0, 2\) of the main segment/],
    ["assertion step", { assertions: [{ column: 0, step: 16, value: 1n }] }, /assertions\[0\]\.step: 16 is out of range \[0, 16\)/],
    ["assertion value", { assertions: [{ column: 0, step: 0, value: -1n }] }, /assertions\[0\]\.value: -1 is not a canonical element/],
    ["aux assertion without aux", { assertions: [{ column: 0, step: 0, value: 1n, segment: "aux" }] }, /assertions\[0\]\.segment: asserts on the auxiliary segment, but the AIR has none/],
    [
      "overlapping assertions",
      {
        assertions: [
          { column: 0, step: 3, value: 1n },
          { column: 0, step: 3, value: 2n },
        ],
      },
      /assertions\[1\]: overlaps assertions\[0\] \(both on column s0 \(main\) at step 3 = 2\)/,
    ],
    ["declared degree too high", { transitionDegrees: [2, 1] }, /transitionDegrees\[0\]: constraint "s0' − s1 = 0" is declared of degree 2 but has degree 1/],
  ];
  it.each(cases)("names the fault: %s", (_label, patch, message) => {
    const err = defError({ ...fib, ...patch } as Air);
    expect(err.message).toMatch(message);
    expect(err.air).toBe(fib.name);
  });

  it("measures degrees on random lines: too low a declaration, and an identically zero constraint", () => {
    const cubic: Air = {
      ...fib,
      transitionDegrees: [1, 2],
      evaluateTransition<E>(E: Field<E>, f: EvaluationFrame<E>, _p: readonly E[], out: E[]) {
        out[0] = E.sub(f.next[0]!, f.current[1]!);
        out[1] = E.sub(f.next[1]!, E.mul(E.sqr(f.current[0]!), f.current[1]!)); // degree 3, declared 2
      },
    };
    expect(measureTransitionDegrees(cubic).main).toEqual([1, 3]);
    expect(defError(cubic).message).toMatch(/transitionDegrees\[1\]: constraint "s1' − \(s0 \+ s1\) = 0" is declared of degree 2 but has degree 3/);
    const zero: Air = { ...fib, evaluateTransition: <E>(E: Field<E>, _f: EvaluationFrame<E>, _p: readonly E[], out: E[]) => void out.fill(E.ZERO) };
    expect(defError(zero).message).toMatch(/is declared of degree 1 but is identically zero/);
    // periodic columns count as variables: c·x is degree 2
    const withPeriodic: Air = {
      ...fib,
      periodicColumns: [[1n, 2n]],
      transitionDegrees: [2, 1],
      evaluateTransition<E>(E: Field<E>, f: EvaluationFrame<E>, p: readonly E[], out: E[]) {
        out[0] = E.sub(f.next[0]!, E.mul(p[0]!, f.current[1]!));
        out[1] = E.sub(f.next[1]!, E.add(f.current[0]!, f.current[1]!));
      },
    };
    expect(measureTransitionDegrees(withPeriodic).main).toEqual([2, 1]);
    expect(() => checkAir(withPeriodic, { degrees: true })).not.toThrow();
  });

  it("skips the degree measurement with degrees: false", () => {
    expect(() => checkAir({ ...fib, transitionDegrees: [5, 5] }, { degrees: false })).not.toThrow();
  });
});

describe("validateTrace", () => {
  it("checks the shape first, naming the column", () => {
    const t = cloneTrace(fibonacciTrace(F, N));
    t[1]!.length = 15;
    expect(() => validateTrace(fib, t)).toThrow(TraceShapeError);
    expect(() => validateTrace(fib, t)).toThrow(/s1 has 15 rows, expected 16/);
    expect(() => validateTrace(fib, [t[0]!])).toThrow(/expected 2 columns \(main segment\), got 1/);
    const big = cloneTrace(fibonacciTrace(F, N));
    big[0]![4] = F.modulus;
    expect(() => validateTrace(fib, big)).toThrow(/s0 at step 4: \d+ is not a canonical element of Goldilocks/);
  });

  it("reports assertions before transitions, and traceFailures lists several", () => {
    const t = cloneTrace(fibonacciTrace(F, N));
    t[0]![0] = 5n; // breaks assertion 0 and s1' − (s0 + s1) at step 0 (s0' − s1 does not read s0)
    t[1]![9] = 0n; // breaks steps 8 and 9
    const all = traceFailures(fib, t, 10);
    expect(all.map((f) => [f.kind, f.index, f.step])).toEqual([
      ["assertion", 0, 0],
      ["transition", 1, 0],
      ["transition", 1, 8],
      ["transition", 0, 9],
      ["transition", 1, 9],
    ]);
    expect(all.every((f) => f instanceof TraceValidationError)).toBe(true);
    expect(traceFailures(fib, t, 2)).toHaveLength(2);
    expect(traceFailures(fib, fibonacciTrace(F, N))).toEqual([]);
  });

  it("reads periodic values at step mod cycle", () => {
    const air = mimcAir(F, 128, { seed: 3n, result: mimc(F, 128) });
    expect(periodicValuesAt(air, 65)).toEqual([air.periodicColumns[0]![1]]);
    expect(() => validateTrace(air, mimcTrace(F, 128))).not.toThrow();
  });
});

/**
 * A small AIR with an auxiliary segment: main column a (a' = a + 1, a_0 = 0), auxiliary running sum
 * z' = z + r·a (z_0 = 0) with one random element r. Degree 1 in the trace: r is a constant, not a variable.
 */
function auxAir(n: number, lastZ?: bigint): Air {
  const assertions: Air["assertions"] = [
    { column: 0, step: 0, value: 0n },
    { column: 0, step: 0, value: 0n, segment: "aux" },
    ...(lastZ === undefined ? [] : [{ column: 0, step: n - 1, value: lastZ, segment: "aux" as const }]),
  ];
  return {
    name: "counter-with-sum",
    field: F,
    traceWidth: 1,
    traceLength: n,
    transitionDegrees: [1],
    constraintNames: ["a' − (a + 1) = 0"],
    columnNames: ["a"],
    periodicColumns: [],
    evaluateTransition<E>(E: Field<E>, f: EvaluationFrame<E>, _p: readonly E[], out: E[]) {
      out[0] = E.sub(f.next[0]!, E.add(f.current[0]!, E.ONE));
    },
    assertions,
    publicInputBytes: () => encodePublicInputs(F, [BigInt(n)]),
    aux: {
      width: 1,
      randomElements: 1,
      transitionDegrees: [1],
      constraintNames: ["z' − (z + r·a) = 0"],
      columnNames: ["z"],
      build<E>(E: Field<E>, main: readonly (readonly bigint[])[], random: readonly E[]): E[][] {
        const z: E[] = [E.ZERO];
        for (let i = 0; i + 1 < n; i++) z.push(E.add(z[i]!, E.mul(random[0]!, E.fromBigint(main[0]![i]!))));
        return [z];
      },
      evaluateTransition<E>(E: Field<E>, main: EvaluationFrame<E>, aux: EvaluationFrame<E>, random: readonly E[], _p: readonly E[], out: E[]) {
        out[0] = E.sub(aux.next[0]!, E.add(aux.current[0]!, E.mul(random[0]!, main.current[0]!)));
      },
    },
  };
}

describe("auxiliary segment", () => {
  const n = 16;
  const counter = [Array.from({ length: n }, (_, i) => BigInt(i))];

  it("random elements are constants in the degree measurement", () => {
    expect(measureTransitionDegrees(auxAir(n))).toEqual({ main: [1], aux: [1] });
    expect(() => checkAir(auxAir(n))).not.toThrow();
  });

  it("builds the aux columns from given or derived randomness and checks aux assertions", () => {
    expect(() => validateTrace(auxAir(n), counter)).not.toThrow();
    // z_{n−1} = r·(0 + 1 + … + 14) = 105·r
    expect(() => validateTrace(auxAir(n, F.mul(105n, 7n)), counter, { auxRandom: [7n] })).not.toThrow();
    const r = defaultAuxRandom(auxAir(n));
    expect(r).toHaveLength(1);
    expect(() => validateTrace(auxAir(n, F.mul(105n, r[0]!)), counter)).not.toThrow();
    let err: TraceValidationError | undefined;
    try {
      validateTrace(auxAir(n, 1n), counter, { auxRandom: [7n] });
    } catch (e) {
      err = e as TraceValidationError;
    }
    expect(err?.kind).toBe("assertion");
    expect(err?.segment).toBe("aux");
    expect(err?.message).toContain("assertion 2: column z (aux) at step 15 = 1 fails: the trace has 735");
    expect(() => validateTrace(auxAir(n), counter, { auxRandom: [] })).toThrow(/0 auxiliary random elements given, the AIR needs 1/);
  });

  it("a broken aux builder is caught by the aux transition constraint", () => {
    const air = auxAir(n);
    const broken: Air = {
      ...air,
      aux: { ...air.aux!, build: <E>(E: Field<E>) => [Array.from({ length: n }, (_, i) => (i === 5 ? E.ONE : E.ZERO))] },
    };
    const f = traceFailures(broken, counter, 1, { auxRandom: [3n] })[0]!;
    expect([f.kind, f.segment, f.constraint]).toEqual(["transition", "aux", "z' − (z + r·a) = 0"]);
    expect(f.message).toContain(`auxiliary transition constraint 0 "z' − (z + r·a) = 0" fails at step 1`);
  });
});

describe("_deterministicElements", () => {
  it("is reproducible, canonical, and spreads over a small field", () => {
    const a = _deterministicElements(F, "x", 5);
    expect(_deterministicElements(F, "x", 5)).toEqual(a);
    expect(_deterministicElements(F, "y", 5)).not.toEqual(a);
    expect(a.every((v) => F.isValid(v))).toBe(true);
    const toy = primeField(97n);
    expect(new Set(_deterministicElements(toy, "t", 200)).size).toBeGreaterThan(60);
  });
});
