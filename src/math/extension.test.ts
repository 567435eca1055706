import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, FieldParameterError, InvalidElementError } from "./errors.js";
import { extensionField, F128_QUADRATIC, GOLDILOCKS_CUBIC, GOLDILOCKS_QUADRATIC, isIrreducible, type ExtensionField } from "./extension.js";
import { primeField } from "./field.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const p = GOLDILOCKS_FIELD.modulus;
const TOY = primeField(97n, { name: "F97" });
const TOY_QUAD = extensionField(TOY, [5n, 0n], { name: "F97²" }); // X² + 5: −5 is a non-residue mod 97

describe("irreducibility of the Winterfell moduli (Rabin's test)", () => {
  it("x² − x + 2 and x³ − x − 1 over Goldilocks, x² − x − 1 over f128 are irreducible", () => {
    expect(isIrreducible(GOLDILOCKS_FIELD, [2n, p - 1n])).toBe(true);
    expect(isIrreducible(GOLDILOCKS_FIELD, [p - 1n, p - 1n, 0n])).toBe(true);
    expect(isIrreducible(F128_FIELD, [F128_FIELD.modulus - 1n, F128_FIELD.modulus - 1n])).toBe(true);
  });
  it("and the test does reject reducible polynomials", () => {
    expect(isIrreducible(GOLDILOCKS_FIELD, [p - 1n, 0n])).toBe(false); // x² − 1
    expect(isIrreducible(GOLDILOCKS_FIELD, [p - 2n, 0n, 0n, 0n])).toBe(false); // x⁴ − 2 = (x² − √2)(x² + √2)? 2 is a square mod p
    expect(isIrreducible(GOLDILOCKS_FIELD, [0n, 0n, 1n])).toBe(false); // x³ + x² = x²(x + 1)
    expect(isIrreducible(GOLDILOCKS_FIELD, [p - 1n, p - 1n])).toBe(false); // x² − x − 1: 5 is a square mod p
    expect(() => extensionField(GOLDILOCKS_FIELD, [p - 1n, 0n])).toThrow(FieldParameterError);
    expect(() => extensionField(GOLDILOCKS_FIELD, [p - 1n, 0n])).toThrow(/reducible over Goldilocks/);
  });
});

function extensionLaws<B>(E: ExtensionField<B>, el: fc.Arbitrary<B>, runs = 40) {
  const x = fc.array(el, { minLength: E.extensionDegree, maxLength: E.extensionDegree }).map((cs) => E.fromCoefficients(cs));
  it("field axioms", () => {
    fc.assert(
      fc.property(x, x, x, (a, b, c) => {
        expect(E.eq(E.mul(a, b), E.mul(b, a))).toBe(true);
        expect(E.eq(E.mul(E.mul(a, b), c), E.mul(a, E.mul(b, c)))).toBe(true);
        expect(E.eq(E.mul(a, E.add(b, c)), E.add(E.mul(a, b), E.mul(a, c)))).toBe(true);
        expect(E.eq(E.sub(E.add(a, b), b), a)).toBe(true);
        expect(E.eq(E.mul(a, E.ONE), a)).toBe(true);
        expect(E.isZero(E.add(a, E.neg(a)))).toBe(true);
        if (!E.isZero(a)) {
          expect(E.eq(E.mul(a, E.inv(a)), E.ONE)).toBe(true);
          expect(E.eq(E.mul(E.div(b, a), a), b)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });
  it("Frobenius is a^q, a field automorphism of order k fixing the base; the norm lies in the base", () => {
    fc.assert(
      fc.property(x, x, (a, b) => {
        expect(E.eq(E.frobenius(a), E.pow(a, E.base.order))).toBe(true);
        expect(E.eq(E.frobenius(E.mul(a, b)), E.mul(E.frobenius(a), E.frobenius(b)))).toBe(true);
        let r = a;
        for (let i = 0; i < E.extensionDegree; i++) r = E.frobenius(r);
        expect(E.eq(r, a)).toBe(true);
        expect(E.eq(E.frobenius(E.fromBase(a[0]!)), E.fromBase(a[0]!))).toBe(true);
        expect(E.eq(E.fromBase(E.norm(a)), E.pow(a, (E.order - 1n) / (E.base.order - 1n)))).toBe(true);
      }),
      { numRuns: Math.min(runs, 15) },
    );
  });
  it("bytes round trip; batch inversion", () => {
    fc.assert(
      fc.property(fc.array(x, { maxLength: 6 }), (xs) => {
        for (const a of xs) expect(E.eq(E.fromBytes(E.toBytes(a)), a)).toBe(true);
        const nz = xs.filter((a) => !E.isZero(a));
        const inv = E.invertBatch(nz);
        nz.forEach((a, i) => expect(E.eq(E.mul(a, inv[i]!), E.ONE)).toBe(true));
      }),
      { numRuns: 20 },
    );
  });
}

const gl = fc.oneof(fc.bigInt({ min: 0n, max: p - 1n }), fc.constantFrom(0n, 1n, p - 1n));
describe("Goldilocks² = F_p[X]/(X² − X + 2)", () => extensionLaws(GOLDILOCKS_QUADRATIC, gl));
describe("Goldilocks³ = F_p[X]/(X³ − X − 1)", () => extensionLaws(GOLDILOCKS_CUBIC, gl));
describe("f128² = F_p[X]/(X² − X − 1)", () => extensionLaws(F128_QUADRATIC, fc.bigInt({ min: 0n, max: F128_FIELD.modulus - 1n }), 20));
describe("toy F_97² (generic code on a small field)", () => extensionLaws(TOY_QUAD, fc.bigInt({ min: 0n, max: 96n })));
describe("tower F_97⁴ = F_97²[Y]/(Y² − X) (an extension over an extension)", () => {
  const tower = extensionField(TOY_QUAD, [TOY_QUAD.neg(TOY_QUAD.fromCoefficients([0n, 1n])), TOY_QUAD.ZERO], { name: "F97⁴" });
  it("has 97⁴ elements and passes the field laws", () => expect(tower.order).toBe(97n ** 4n));
  extensionLaws(tower, fc.tuple(fc.bigInt({ min: 0n, max: 96n }), fc.bigInt({ min: 0n, max: 96n })).map(([a, b]) => TOY_QUAD.fromCoefficients([a, b])), 15);
});

describe("extension known answers (Winterfell f64 formulas and constants)", () => {
  it("quadratic product matches Winterfell's [a0b0 − 2a1b1, (a0 + a1)(b0 + b1) − a0b0]", () => {
    const F = GOLDILOCKS_FIELD;
    fc.assert(
      fc.property(gl, gl, gl, gl, (a0, a1, b0, b1) => {
        const a0b0 = F.mul(a0, b0);
        const expected = [F.sub(a0b0, F.mul(2n, F.mul(a1, b1))), F.sub(F.mul(F.add(a0, a1), F.add(b0, b1)), a0b0)];
        expect(GOLDILOCKS_QUADRATIC.mul([a0, a1], [b0, b1])).toEqual(expected);
        expect(GOLDILOCKS_QUADRATIC.frobenius([a0, a1])).toEqual([F.add(a0, a1), F.neg(a1)]); // Winterfell frobenius
      }),
      { numRuns: 50 },
    );
  });
  it("cubic Frobenius matches Winterfell's SageMath coefficients", () => {
    const F = GOLDILOCKS_FIELD;
    const x = [123456789n, 987654321987654321n, p - 5n];
    const expected = [
      F.add(F.add(x[0]!, F.mul(10615703402128488253n, x[1]!)), F.mul(6700183068485440220n, x[2]!)),
      F.add(F.mul(10050274602728160328n, x[1]!), F.mul(14531223735771536287n, x[2]!)),
      F.add(F.mul(11746561000929144102n, x[1]!), F.mul(8396469466686423992n, x[2]!)),
    ];
    expect(GOLDILOCKS_CUBIC.frobenius(x)).toEqual(expected);
  });
  it("integers embed in the base field; generator and roots come from it", () => {
    const E = GOLDILOCKS_CUBIC;
    expect(E.fromBigint(-1n)).toEqual([p - 1n, 0n, 0n]);
    expect(E.toBigint(E.fromBigint(12345n))).toBe(12345n);
    expect(E.generator).toEqual([7n, 0n, 0n]);
    expect(E.rootOfUnity(32)).toEqual([7277203076849721926n, 0n, 0n]);
    expect(E.order).toBe(p ** 3n);
    expect(E.byteLength).toBe(24);
  });
  it("bad input: zero inverse, elements outside the base, wrong coefficient counts", () => {
    const E = GOLDILOCKS_QUADRATIC;
    expect(() => E.inv(E.ZERO)).toThrow(DivisionByZeroError);
    expect(() => E.inv(E.ZERO)).toThrow(/division by zero in Goldilocks²/);
    expect(() => E.invertBatch([E.ONE, E.ZERO])).toThrow(/element 1 of the batch is 0/);
    expect(() => E.toBigint([1n, 1n])).toThrow(InvalidElementError);
    expect(() => E.fromCoefficients([1n, 2n, 3n])).toThrow(/expected 2 base-field coefficients, got 3/);
    expect(() => E.fromBytes(new Uint8Array(15))).toThrow(InvalidElementError);
    expect(() => extensionField(GOLDILOCKS_FIELD, [5n])).toThrow(/degree ≥ 2/);
  });
});
