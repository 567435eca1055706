// Fibonacci AIR: valid trace over several prime fields, wrong public result, tampered trace.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { primeField } from "../../math/field.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { TraceValidationError } from "../errors.js";
import { cloneTrace } from "../trace.js";
import { checkAir, validateTrace } from "../validate.js";
import { FIBONACCI_CONSTRAINTS, fibonacciAir, fibonacciResult, fibonacciTrace } from "./fibonacci.js";

const TOY = primeField(97n, { name: "F97" });
const F257 = primeField(257n, { name: "F257" }); // 2-adicity 8: traces up to 256 rows

function catchError(f: () => void): TraceValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceValidationError);
    return e as TraceValidationError;
  }
  throw new Error("expected a TraceValidationError");
}

describe("Fibonacci AIR", () => {
  it("row i holds (F_{i+1}, F_{i+2}); the result of an 8-row trace is F_9 = 34", () => {
    const t = fibonacciTrace(GOLDILOCKS_FIELD, 8);
    expect(t[0]).toEqual([1n, 1n, 2n, 3n, 5n, 8n, 13n, 21n]);
    expect(t[1]).toEqual([1n, 2n, 3n, 5n, 8n, 13n, 21n, 34n]);
    expect(fibonacciResult(GOLDILOCKS_FIELD, 8)).toBe(34n);
    // F_65 = 17167680177565 fits Goldilocks unreduced; F_1025 mod p differs from the integer
    expect(fibonacciResult(GOLDILOCKS_FIELD, 64)).toBe(17167680177565n);
  });

  for (const F of [F257, GOLDILOCKS_FIELD, F128_FIELD, GENSTARK_FIELD]) {
    it(`a valid trace passes over ${F.name}; declarations and degrees check out`, () => {
      const n = 64;
      const air = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
      expect(() => checkAir(air)).not.toThrow();
      expect(() => validateTrace(air, fibonacciTrace(F, n))).not.toThrow();
    });
  }

  it("the trace's last s1 equals the directly computed result (any length, F97)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 10 }), (k) => {
        const n = 2 ** k;
        expect(fibonacciTrace(TOY, n)[1]![n - 1]).toBe(fibonacciResult(TOY, n));
      }),
    );
  });

  it("a wrong public result fails the last-step assertion, which the error names", () => {
    const F = GOLDILOCKS_FIELD;
    const n = 32;
    const air = fibonacciAir(F, n, { result: F.add(fibonacciResult(F, n), 1n) });
    const err = catchError(() => validateTrace(air, fibonacciTrace(F, n)));
    expect(err.kind).toBe("assertion");
    expect(err.index).toBe(2);
    expect(err.step).toBe(n - 1);
    expect(err.columnName).toBe("s1");
    expect(err.actual).toBe(fibonacciResult(F, n));
    expect(err.message).toMatch(/assertion 2: column s1 \(main\) at step 31 = \d+ fails: the trace has 3524578/);
  });

  it("a tampered cell makes validateTrace name the constraint and the step", () => {
    const F = GOLDILOCKS_FIELD;
    const n = 32;
    const air = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
    const t1 = cloneTrace(fibonacciTrace(F, n));
    t1[1]![10] = F.add(t1[1]![10]!, 1n); // s1 at step 10: rows 9 → 10 break s1' − (s0 + s1)
    const e1 = catchError(() => validateTrace(air, t1));
    expect(e1.kind).toBe("transition");
    expect(e1.constraint).toBe(FIBONACCI_CONSTRAINTS[1]);
    expect(e1.step).toBe(9);
    expect(e1.actual).toBe(1n);
    expect(e1.message).toContain(`transition constraint 1 "s1' − (s0 + s1) = 0" fails at step 9 (rows 9 → 10)`);

    const t0 = cloneTrace(fibonacciTrace(F, n));
    t0[0]![20] = 0n; // s0 at step 20: rows 19 → 20 break s0' − s1
    const e0 = catchError(() => validateTrace(air, t0));
    expect(e0.constraint).toBe("s0' − s1 = 0");
    expect(e0.step).toBe(19);
  });

  it("checkAir refuses a trace longer than the field's 2-adicity allows (F97: 2^5)", () => {
    expect(() => checkAir(fibonacciAir(TOY, 64, { result: 0n }))).toThrow(/64 = 2\^6 exceeds the 2-adicity 5 of F97/);
  });

  it("rejects bad lengths and non-canonical results", () => {
    expect(() => fibonacciTrace(TOY, 6)).toThrow(/power of two ≥ 8, got 6/);
    expect(() => fibonacciAir(TOY, 8, { result: 97n })).toThrow(/result: 97 is not a canonical element of F97/);
  });
});
