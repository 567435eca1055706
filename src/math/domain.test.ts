import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainSizeError, LengthError } from "./errors.js";
import { cosetDomain, domain, evaluateOnDomain, interpolateOnDomain, ldeDomain, lowDegreeExtend } from "./domain.js";
import { GL_P, glFromBigints, glToBigints } from "./goldilocks.js";
import { glCosetLde, glEvaluateOnCoset, glInterpolate, glLdeFromValues, glPolyMul } from "./goldilocks-fast.js";
import { GOLDILOCKS_CUBIC } from "./extension.js";
import { polyEval, polyMul } from "./poly.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const coeffs = (n: number, seed: bigint, p: bigint) => Array.from({ length: n }, (_, i) => (seed * BigInt(i + 7) ** 3n + BigInt(i)) % p);

describe("domains and the coset low-degree extension (generic)", () => {
  it.each([
    ["Goldilocks", GOLDILOCKS_FIELD],
    ["f128", F128_FIELD],
  ] as const)("LDE agrees with direct evaluation on g·⟨ω_N⟩ (%s)", (_, F) => {
    for (const [n, blowup] of [[1, 2], [4, 2], [8, 4], [16, 8]] as const) {
      const c = coeffs(n, 0xabcdef12345n, F.modulus);
      const lde = lowDegreeExtend(F, c, blowup);
      const D = ldeDomain(F, n, blowup);
      expect(D.offset).toBe(F.generator);
      expect(lde).toEqual(D.elements().map((x) => polyEval(F, c, x)));
    }
  });
  it("interpolation on subgroups and cosets round trips", () => {
    const F = GOLDILOCKS_FIELD;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.bigInt({ min: 1n, max: GL_P - 1n }), (logN, offset) => {
        const n = 2 ** logN;
        const c = coeffs(n, offset, GL_P);
        for (const D of [domain(F, n), cosetDomain(F, n, offset)]) {
          const values = evaluateOnDomain(F, D, c);
          expect(values).toEqual(D.elements().map((x) => polyEval(F, c, x)));
          expect(interpolateOnDomain(F, D, values)).toEqual(c);
        }
      }),
      { numRuns: 30 },
    );
  });
  it("domain elements, generator order, vanishing polynomial", () => {
    const F = GOLDILOCKS_FIELD;
    const D = cosetDomain(F, 8, 7n);
    expect(F.pow(D.generator, 8n)).toBe(1n);
    expect(F.pow(D.generator, 4n)).not.toBe(1n);
    expect(D.element(3)).toBe(F.mul(7n, F.pow(D.generator, 3n)));
    expect(D.element(-1)).toBe(D.element(7));
    for (const x of D.elements()) expect(D.vanishingAt(x)).toBe(0n);
    expect(D.vanishingAt(1n)).not.toBe(0n); // the trace domain and the LDE coset are disjoint
    expect(new Set(D.elements()).size).toBe(8);
  });
  it("works over an extension field (Goldilocks³)", () => {
    const E = GOLDILOCKS_CUBIC;
    const c = [0, 1, 2, 3].map((i) => E.fromCoefficients([BigInt(i), BigInt(i * i), 5n]));
    const lde = lowDegreeExtend(E, c, 2);
    expect(lde).toEqual(ldeDomain(E, 4, 2).elements().map((x) => polyEval(E, c, x)));
  });
  it("rejects bad sizes", () => {
    expect(() => domain(GOLDILOCKS_FIELD, 6)).toThrow(DomainSizeError);
    expect(() => lowDegreeExtend(GOLDILOCKS_FIELD, [1n, 2n], 3)).toThrow(/power of two, got 3/);
    expect(() => domain(F128_FIELD, 2 ** 41)).toThrow(/no domain of size 2\^41/);
    expect(() => interpolateOnDomain(GOLDILOCKS_FIELD, domain(GOLDILOCKS_FIELD, 4), [1n, 2n])).toThrow(LengthError);
    expect(() => evaluateOnDomain(GOLDILOCKS_FIELD, domain(GOLDILOCKS_FIELD, 2), [1n, 2n, 3n])).toThrow(LengthError);
  });
});

describe("fast Goldilocks LDE = generic LDE", () => {
  it.each([[1, 2], [2, 4], [8, 8], [64, 4], [256, 2]] as const)("n = %i, blowup %i", (n, blowup) => {
    const F = GOLDILOCKS_FIELD;
    const c = coeffs(n, 0x1234567n, GL_P);
    const fast = glToBigints(glCosetLde(glFromBigints(c), blowup));
    expect(fast).toEqual(lowDegreeExtend(F, c, blowup));
    // from trace values: interpolate on ⟨ω_n⟩, extend
    const values = evaluateOnDomain(F, domain(F, n), c);
    expect(glToBigints(glInterpolate(glFromBigints(values)))).toEqual(c);
    expect(glToBigints(glLdeFromValues(glFromBigints(values), blowup))).toEqual(fast);
    expect(glToBigints(glEvaluateOnCoset(glFromBigints(c), 7n))).toEqual(evaluateOnDomain(F, cosetDomain(F, n, 7n), c));
  });
  it("polynomial product by NTT = schoolbook", () => {
    const a = coeffs(37, 11n, GL_P);
    const b = coeffs(100, 13n, GL_P);
    expect(glToBigints(glPolyMul(glFromBigints(a), glFromBigints(b)))).toEqual(polyMul(GOLDILOCKS_FIELD, a, b));
  });
  it("rejects a non-power-of-two blowup", () => {
    expect(() => glCosetLde(glFromBigints([1n, 2n]), 3)).toThrow(DomainSizeError);
    expect(() => glCosetLde(glFromBigints([1n, 2n, 3n]), 2)).toThrow(/power of two, got 3/);
  });
});
