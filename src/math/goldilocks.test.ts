import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, InvalidElementError, LengthError } from "./errors.js";
import {
  GL_P,
  glAddVecTs,
  glBatchInverseTs,
  glEvaluate,
  glFromBigints,
  glGet,
  glInnerProduct,
  glIsCanonical,
  glLength,
  glMul,
  glMulAddVec,
  glMulVecTs,
  glPow,
  glPowers,
  glScaleVecTs,
  glSet,
  glSubVecTs,
  glConstant,
  glTile,
  glToBigints,
  glVec,
} from "./goldilocks.js";
import { modPow } from "./number-theory.js";
import { polyEval } from "./poly.js";
import { GOLDILOCKS_FIELD as F } from "./prime-fields.js";

const p = GL_P;
// Values that stress every carry and fix-up path of the limb arithmetic.
const EDGES = [0n, 1n, 2n, p - 1n, p - 2n, 1n << 32n, (1n << 32n) - 1n, (1n << 32n) + 1n, 1n << 63n, (1n << 63n) - 1n,
  p - (1n << 32n), 0xffffffffn << 32n, (0xffffffffn << 32n) - 1n, 0xfffffffen << 32n, 0xffffn, 0xffff0000ffff0000n];
const el = fc.oneof(fc.bigInt({ min: 0n, max: p - 1n }), fc.constantFrom(...EDGES));

describe("Goldilocks limb arithmetic = the bigint field (generic vs fast)", () => {
  it("on all pairs of edge values", () => {
    const xs: bigint[] = [];
    const ys: bigint[] = [];
    for (const a of EDGES) for (const b of EDGES) {
      xs.push(a);
      ys.push(b);
    }
    const A = glFromBigints(xs);
    const B = glFromBigints(ys);
    expect(glToBigints(glMulVecTs(A, B))).toEqual(xs.map((a, i) => F.mul(a, ys[i]!)));
    expect(glToBigints(glAddVecTs(A, B))).toEqual(xs.map((a, i) => F.add(a, ys[i]!)));
    expect(glToBigints(glSubVecTs(A, B))).toEqual(xs.map((a, i) => F.sub(a, ys[i]!)));
  });
  it("mul, add, sub, scale, fused multiply-add on random vectors", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(el, el, el), { minLength: 1, maxLength: 40 }), el, (rows, c) => {
        const xs = rows.map((r) => r[0]);
        const ys = rows.map((r) => r[1]);
        const zs = rows.map((r) => r[2]);
        const [A, B, C] = [glFromBigints(xs), glFromBigints(ys), glFromBigints(zs)];
        expect(glToBigints(glMulVecTs(A, B))).toEqual(xs.map((a, i) => F.mul(a, ys[i]!)));
        expect(glToBigints(glAddVecTs(A, B))).toEqual(xs.map((a, i) => F.add(a, ys[i]!)));
        expect(glToBigints(glSubVecTs(A, B))).toEqual(xs.map((a, i) => F.sub(a, ys[i]!)));
        expect(glToBigints(glScaleVecTs(A, c))).toEqual(xs.map((a) => F.mul(a, c)));
        expect(glToBigints(glMulAddVec(A, B, C))).toEqual(xs.map((a, i) => F.add(F.mul(a, ys[i]!), zs[i]!)));
        expect(glInnerProduct(A, B)).toBe(xs.reduce((s, a, i) => F.add(s, F.mul(a, ys[i]!)), 0n));
        expect(glIsCanonical(glMulVecTs(A, B))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it("scalar mul and the field laws hold on limbs", () => {
    fc.assert(
      fc.property(el, el, el, (a, b, c) => {
        expect(glMul(a, b)).toBe(F.mul(a, b));
        expect(glMul(a, glMul(b, c))).toBe(glMul(glMul(a, b), c));
        expect(glMul(a, 1n)).toBe(a);
      }),
      { numRuns: 300 },
    );
  });
  it("outputs may alias inputs", () => {
    const xs = [3n, p - 1n, 1n << 40n];
    const A = glFromBigints(xs);
    glMulVecTs(A, A, A);
    expect(glToBigints(A)).toEqual(xs.map((x) => F.sqr(x)));
    const C = glFromBigints([1n, 2n, 3n]);
    glMulAddVec(glFromBigints(xs), glFromBigints(xs), C, C);
    expect(glToBigints(C)).toEqual(xs.map((x, i) => F.add(F.sqr(x), BigInt(i + 1))));
  });
});

describe("glPow (GOLDILOCKS_FIELD.pow) = modPow", () => {
  it("on edge values and random exponents, including 0, 1, p − 2 and the Rescue inverse S-box exponent", () => {
    const exps = [0n, 1n, 2n, 7n, 10540996611094048183n, p - 2n, p - 1n, 1n << 70n];
    for (const a of EDGES) for (const e of exps) expect(glPow(a, e)).toBe(modPow(a, e, p));
    fc.assert(fc.property(el, fc.bigInt({ min: 0n, max: 1n << 64n }), (a, e) => glPow(a, e) === modPow(a, e, p) && F.pow(a, e) === modPow(a, e, p)));
    expect(F.pow(3n, -1n)).toBe(F.inv(3n));
    expect(() => glPow(3n, -1n)).toThrow(/exponent must be ≥ 0/);
    expect(() => glPow(p, 2n)).toThrow(InvalidElementError);
  });
});

describe("Goldilocks batch inversion, powers, evaluation", () => {
  it("batch inversion = the bigint field's inverses", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.bigInt({ min: 1n, max: p - 1n }), fc.constantFrom(1n, p - 1n, 1n << 32n)), { maxLength: 50 }), (xs) => {
        expect(glToBigints(glBatchInverseTs(glFromBigints(xs)))).toEqual(xs.map((x) => F.inv(x)));
      }),
      { numRuns: 50 },
    );
  });
  it("batch inversion of a vector with a zero names the index", () => {
    expect(() => glBatchInverseTs(glFromBigints([1n, 2n, 3n, 0n, 5n]))).toThrow(DivisionByZeroError);
    expect(() => glBatchInverseTs(glFromBigints([1n, 0n]))).toThrow(/element 1 of the batch is 0/);
  });
  it("powers and Horner evaluation", () => {
    const x = 123456789123456789n;
    expect(glToBigints(glPowers(x, 5))).toEqual([0n, 1n, 2n, 3n, 4n].map((k) => F.pow(x, k)));
    expect(glToBigints(glPowers(x, 3, 7n))).toEqual([7n, F.mul(7n, x), F.mul(7n, F.sqr(x))]);
    fc.assert(
      fc.property(fc.array(el, { maxLength: 30 }), el, (cs, z) => {
        expect(glEvaluate(glFromBigints(cs), z)).toBe(polyEval(F, cs, z));
      }),
      { numRuns: 100 },
    );
  });
});

describe("Goldilocks vectors reject bad input", () => {
  it("wrong lengths", () => {
    expect(() => glMulVecTs(glVec(3), glVec(4))).toThrow(LengthError);
    expect(() => glAddVecTs(glVec(3), glVec(3), glVec(2))).toThrow(/output has 2 elements, expected 3/);
    expect(() => glLength(new Uint32Array(3))).toThrow(/even number of 32-bit words, got 3/);
  });
  it("non-canonical values", () => {
    expect(() => glFromBigints([p])).toThrow(InvalidElementError);
    expect(() => glSet(glVec(1), 0, -1n)).toThrow(/not a Goldilocks element/);
    expect(() => glScaleVecTs(glVec(1), p + 5n)).toThrow(InvalidElementError);
    const v = glVec(1);
    v[0] = 1;
    v[1] = 0xffffffff; // p itself
    expect(glIsCanonical(v)).toBe(false);
    expect(glGet(glFromBigints([p - 1n]), 0)).toBe(p - 1n);
  });
});

describe("glTile", () => {
  it("repeats a vector to a multiple of its length and rejects other lengths", () => {
    const v = glFromBigints([1n, GL_P - 1n, 5n]);
    expect(glToBigints(glTile(v, 9))).toEqual([1n, GL_P - 1n, 5n, 1n, GL_P - 1n, 5n, 1n, GL_P - 1n, 5n]);
    expect(() => glTile(v, 10)).toThrow(LengthError);
    expect(() => glTile(v, 10)).toThrow(/10 is not a multiple of 3/);
  });
});

describe("glConstant", () => {
  it("repeats one element and rejects a non-canonical one", () => {
    expect(glToBigints(glConstant(GL_P - 2n, 3))).toEqual([GL_P - 2n, GL_P - 2n, GL_P - 2n]);
    expect(() => glConstant(GL_P, 3)).toThrow(InvalidElementError);
  });
});
