import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, InvalidElementError, LengthError } from "./errors.js";
import { primeField } from "./field.js";
import {
  lagrangeInterpolate,
  polyAdd,
  polyDegree,
  polyDivLinear,
  polyDivRem,
  polyDivVanishing,
  polyDivXnMinusC,
  polyEq,
  polyEval,
  polyFromRoots,
  polyGcd,
  polyMul,
  polySub,
} from "./poly.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const TOY = primeField(97n, { name: "F97" });

describe.each([
  ["Goldilocks", GOLDILOCKS_FIELD],
  ["f128", F128_FIELD],
  ["F97", TOY],
] as const)("polynomials over %s", (_, F) => {
  const el = fc.bigInt({ min: 0n, max: F.modulus - 1n });
  const poly = fc.array(el, { maxLength: 12 });
  it("evaluation is a ring homomorphism: (a + b)(x), (a·b)(x), (a − b)(x)", () => {
    fc.assert(
      fc.property(poly, poly, el, (a, b, x) => {
        expect(polyEval(F, polyAdd(F, a, b), x)).toBe(F.add(polyEval(F, a, x), polyEval(F, b, x)));
        expect(polyEval(F, polySub(F, a, b), x)).toBe(F.sub(polyEval(F, a, x), polyEval(F, b, x)));
        expect(polyEval(F, polyMul(F, a, b), x)).toBe(F.mul(polyEval(F, a, x), polyEval(F, b, x)));
      }),
      { numRuns: 50 },
    );
  });
  it("division with remainder: a = q·b + r, deg r < deg b", () => {
    fc.assert(
      fc.property(poly, poly, (a, b) => {
        fc.pre(polyDegree(F, b) >= 0);
        const { quotient, remainder } = polyDivRem(F, a, b);
        expect(polyEq(F, polyAdd(F, polyMul(F, quotient, b), remainder), a)).toBe(true);
        expect(polyDegree(F, remainder)).toBeLessThan(polyDegree(F, b));
      }),
      { numRuns: 50 },
    );
  });
  it("division by (x − z): the remainder is a(z)", () => {
    fc.assert(
      fc.property(poly, el, (a, z) => {
        const { quotient, remainder } = polyDivLinear(F, a, z);
        expect(remainder).toBe(polyEval(F, a, z));
        expect(polyEq(F, polyAdd(F, polyMul(F, quotient, [F.neg(z), 1n]), [remainder]), a)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
  it("division by x^n − c and by the vanishing polynomial x^n − 1", () => {
    fc.assert(
      fc.property(fc.array(el, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), el, (a, n, c) => {
        const xn = [F.neg(c), ...new Array<bigint>(n - 1).fill(0n), 1n];
        const { quotient, remainder } = polyDivXnMinusC(F, a, n, c);
        expect(remainder.length).toBe(n);
        expect(polyEq(F, polyAdd(F, polyMul(F, quotient, xn), remainder), a)).toBe(true);
        const v = polyDivVanishing(F, a, n);
        expect(polyEq(F, v.quotient, polyDivRem(F, a, [F.neg(1n), ...new Array<bigint>(n - 1).fill(0n), 1n]).quotient)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
  it("Lagrange interpolation round trips and reproduces the values", () => {
    fc.assert(
      fc.property(fc.uniqueArray(el, { minLength: 1, maxLength: 10 }), fc.array(el, { minLength: 10, maxLength: 10 }), (xs, ysAll) => {
        const ys = ysAll.slice(0, xs.length);
        const P = lagrangeInterpolate(F, xs, ys);
        expect(P.length).toBe(xs.length);
        xs.forEach((x, i) => expect(polyEval(F, P, x)).toBe(ys[i]));
        // interpolating a polynomial's own values gives it back
        const Q = ys; // degree < n
        expect(polyEq(F, lagrangeInterpolate(F, xs, xs.map((x) => polyEval(F, Q, x))), Q)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe("polynomial helpers and bad input", () => {
  const F = GOLDILOCKS_FIELD;
  it("roots, gcd, degree", () => {
    const a = polyFromRoots(F, [1n, 2n, 3n]);
    const b = polyFromRoots(F, [2n, 3n, 4n]);
    expect(polyGcd(F, a, b)).toEqual(polyFromRoots(F, [2n, 3n]));
    expect(polyDegree(F, [0n, 0n])).toBe(-1);
    expect(polyEval(F, a, 2n)).toBe(0n);
  });
  it("division by the zero polynomial, duplicate points, mismatched lengths", () => {
    expect(() => polyDivRem(F, [1n, 2n], [0n])).toThrow(DivisionByZeroError);
    expect(() => lagrangeInterpolate(F, [1n, 2n, 1n], [5n, 6n, 7n])).toThrow(InvalidElementError);
    expect(() => lagrangeInterpolate(F, [1n, 2n, 1n], [5n, 6n, 7n])).toThrow(/point 0 \(1\) occurs twice/);
    expect(() => lagrangeInterpolate(F, [1n, 2n], [5n])).toThrow(LengthError);
    expect(() => polyDivXnMinusC(F, [1n], 0, 1n)).toThrow(LengthError);
  });
});
