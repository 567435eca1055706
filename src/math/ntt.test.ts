import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainSizeError, NoRootOfUnityError } from "./errors.js";
import { primeField, type Field } from "./field.js";
import { GL_P, glFromBigints, glToBigints } from "./goldilocks.js";
import { glIntt, glNtt } from "./goldilocks-fast.js";
import { glRootOfUnity } from "./goldilocks-ntt.js";
import { GOLDILOCKS_QUADRATIC } from "./extension.js";
import { bitReversePermute, intt, ntt } from "./ntt.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const TOY = primeField(97n, { name: "F97" });

function naiveDft<T>(F: Field<T>, a: readonly T[]): T[] {
  const n = a.length;
  const w = F.rootOfUnity(Math.log2(n));
  return a.map((_, k) => a.reduce((s, x, j) => F.add(s, F.mul(x, F.pow(w, BigInt(j * k)))), F.ZERO));
}

describe("NTT over any field", () => {
  it.each([
    ["Goldilocks", GOLDILOCKS_FIELD],
    ["f128", F128_FIELD],
    ["F97", TOY],
  ] as const)("equals the naive DFT for n = 1..32 (%s)", (_, F) => {
    for (let logN = 0; logN <= 5; logN++) {
      const n = 2 ** logN;
      const a = Array.from({ length: n }, (_, i) => F.fromBigint(BigInt(i * i + 3) * 0x9e3779b97f4a7c15n));
      expect(ntt(F, a)).toEqual(naiveDft(F, a));
      expect(intt(F, ntt(F, a))).toEqual(a);
    }
  });
  it("NTT∘INTT = id over an extension field (Goldilocks²)", () => {
    const E = GOLDILOCKS_QUADRATIC;
    const a = Array.from({ length: 16 }, (_, i) => E.fromCoefficients([BigInt(i), BigInt(3 * i + 1)]));
    expect(intt(E, ntt(E, a))).toEqual(a);
    expect(ntt(E, a)).toEqual(naiveDft(E, a));
  });
  it("round trips on random inputs (property, f128)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(fc.bigInt({ min: 0n, max: F128_FIELD.modulus - 1n }), { minLength: 64, maxLength: 64 }), (logN, xs) => {
        const a = xs.slice(0, 2 ** logN);
        expect(intt(F128_FIELD, ntt(F128_FIELD, a))).toEqual(a);
      }),
      { numRuns: 20 },
    );
  });
  it("rejects non-power-of-two sizes and sizes beyond the two-adicity", () => {
    expect(() => ntt(GOLDILOCKS_FIELD, [1n, 2n, 3n])).toThrow(DomainSizeError);
    expect(() => intt(GOLDILOCKS_FIELD, [])).toThrow(/power of two, got 0/);
    expect(() => ntt(TOY, new Array<bigint>(64).fill(0n))).toThrow(NoRootOfUnityError); // 2^6 ∤ 96
    expect(() => bitReversePermute([1, 2, 3])).toThrow(DomainSizeError);
  });
});

describe("fast Goldilocks NTT = generic NTT over the bigint Goldilocks field", () => {
  it.each([0, 1, 2, 3, 6, 7, 10])("n = 2^%i", (logN) => {
    const n = 2 ** logN;
    const xs = Array.from({ length: n }, (_, i) => (BigInt(i + 1) * 0x123456789abcdefn + BigInt(i) ** 5n) % GL_P);
    const fast = glToBigints(glNtt(glFromBigints(xs)));
    expect(fast).toEqual(ntt(GOLDILOCKS_FIELD, xs));
    expect(glToBigints(glIntt(glFromBigints(fast)))).toEqual(xs);
  });
  it("uses the same roots of unity as the field preset", () => {
    for (let k = 0; k <= 32; k++) expect(glRootOfUnity(k)).toBe(GOLDILOCKS_FIELD.rootOfUnity(k));
    expect(() => glRootOfUnity(33)).toThrow(DomainSizeError);
  });
});
