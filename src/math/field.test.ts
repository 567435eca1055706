import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, FieldParameterError, InvalidElementError, LengthError, NoRootOfUnityError } from "./errors.js";
import { batchInvert, primeField, type PrimeField } from "./field.js";
import { _leToBigint } from "./field.js";
import { isProbablePrime, modPow, primeFactors, smallestGenerator } from "./number-theory.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const TOY = primeField(97n, { name: "F97" }); // 96 = 2^5·3: a toy field that runs the same code

describe("prime field presets (known answers)", () => {
  it("Goldilocks: Winterfell f64 / Plonky2 constants", () => {
    const F = GOLDILOCKS_FIELD;
    expect(F.modulus).toBe(18446744069414584321n);
    expect(F.twoAdicity).toBe(32);
    expect(F.generator).toBe(7n); // Winterfell f64 GENERATOR
    const w = F.twoAdicRoot;
    expect(w).toBe(7277203076849721926n); // Winterfell f64 TWO_ADIC_ROOT_OF_UNITY
    expect(F.pow(w, 1n << 32n)).toBe(1n);
    expect(F.pow(w, 1n << 31n)).not.toBe(1n);
    expect(F.pow(w, 1n << 31n)).toBe(F.modulus - 1n);
    // Winterfell's comment: this root makes the root of order 64 equal to 8.
    expect(F.rootOfUnity(6)).toBe(8n);
    expect(F.factorsOfPMinus1).toEqual([2n, 3n, 5n, 17n, 257n, 65537n]);
  });
  it("Goldilocks: 7 is the smallest generator, and 7^((p−1)/2^32) is a different primitive root", () => {
    const p = GOLDILOCKS_FIELD.modulus;
    expect(smallestGenerator(p, primeFactors(p - 1n))).toBe(7n);
    const w7 = modPow(7n, (p - 1n) >> 32n, p);
    expect(w7).toBe(1753635133440165772n);
    expect(modPow(w7, 1n << 31n, p)).toBe(p - 1n);
  });
  it("Goldilocks: inverses of small numbers", () => {
    const F = GOLDILOCKS_FIELD;
    const p = F.modulus;
    expect(F.inv(1n)).toBe(1n);
    expect(F.inv(2n)).toBe((p + 1n) / 2n); // 9223372034707292161
    expect(F.inv(2n)).toBe(9223372034707292161n);
    expect(F.inv(3n)).toBe(12297829379609722881n); // (2p + 1)/3
    expect(F.inv(p - 1n)).toBe(p - 1n);
    for (let x = 1n; x < 200n; x++) expect(F.mul(x, F.inv(x))).toBe(1n);
  });
  it("f128: two-adicity 40, Winterfell f128 root 23953097886125630542083529559205016746 and generator 3", () => {
    const F = F128_FIELD;
    expect(F.modulus).toBe(340282366920938463463374557953744961537n);
    expect(F.twoAdicity).toBe(40);
    expect(F.generator).toBe(3n);
    const w = F.rootOfUnity(40);
    expect(w).toBe(23953097886125630542083529559205016746n);
    expect(w).toBe(modPow(3n, (F.modulus - 1n) >> 40n, F.modulus)); // Winterfell's sage derivation
    expect(F.pow(w, 1n << 40n)).toBe(1n);
    expect(F.pow(w, 1n << 39n)).toBe(F.modulus - 1n);
    expect(F.inv(2n)).toBe((F.modulus + 1n) / 2n);
  });
  it("genSTARK's p = 2^128 − 9·2^32 + 1: two-adicity 32, generator 3 found from the factorisation", () => {
    const F = GENSTARK_FIELD;
    expect(F.modulus).toBe(2n ** 128n - 9n * 2n ** 32n + 1n);
    expect(F.twoAdicity).toBe(32);
    expect(F.generator).toBe(3n);
    const w = F.twoAdicRoot;
    expect(F.pow(w, 1n << 32n)).toBe(1n);
    expect(F.pow(w, 1n << 31n)).not.toBe(1n);
    expect(smallestGenerator(F.modulus, primeFactors(F.modulus - 1n))).toBe(3n);
  });
  it("roots of unity of every order 2^k are primitive", () => {
    for (const F of [GOLDILOCKS_FIELD, F128_FIELD, TOY]) {
      for (let k = 1; k <= F.twoAdicity; k++) {
        const w = F.rootOfUnity(k);
        expect(F.pow(w, 1n << BigInt(k))).toBe(1n);
        expect(F.pow(w, 1n << BigInt(k - 1))).toBe(F.modulus - 1n);
      }
      expect(F.rootOfUnity(0)).toBe(1n);
    }
  });
  it("a field without factors given finds its generator by factoring p − 1 (toy field)", () => {
    expect(TOY.generator).toBe(5n); // smallest primitive root mod 97
    expect(TOY.twoAdicity).toBe(5);
    expect(TOY.factorsOfPMinus1).toEqual([2n, 3n]);
  });
});

function fieldLaws(F: PrimeField, runs = 60) {
  const el = fc.bigInt({ min: 0n, max: F.modulus - 1n });
  const edge = fc.constantFrom(0n, 1n, 2n, F.modulus - 1n, F.modulus - 2n, (F.modulus - 1n) / 2n);
  const x = fc.oneof(el, edge);
  it("add/mul are commutative and associative, mul distributes", () => {
    fc.assert(
      fc.property(x, x, x, (a, b, c) => {
        expect(F.add(a, b)).toBe(F.add(b, a));
        expect(F.mul(a, b)).toBe(F.mul(b, a));
        expect(F.add(F.add(a, b), c)).toBe(F.add(a, F.add(b, c)));
        expect(F.mul(F.mul(a, b), c)).toBe(F.mul(a, F.mul(b, c)));
        expect(F.mul(a, F.add(b, c))).toBe(F.add(F.mul(a, b), F.mul(a, c)));
      }),
      { numRuns: runs },
    );
  });
  it("identities, negation, subtraction, inverse, division, powers", () => {
    fc.assert(
      fc.property(x, x, (a, b) => {
        expect(F.add(a, F.ZERO)).toBe(a);
        expect(F.mul(a, F.ONE)).toBe(a);
        expect(F.add(a, F.neg(a))).toBe(0n);
        expect(F.sub(a, b)).toBe(F.add(a, F.neg(b)));
        expect(F.sqr(a)).toBe(F.mul(a, a));
        expect(F.isValid(F.add(a, b)) && F.isValid(F.mul(a, b)) && F.isValid(F.sub(a, b))).toBe(true);
        if (a !== 0n) {
          expect(F.mul(a, F.inv(a))).toBe(1n);
          expect(F.mul(F.div(b, a), a)).toBe(b);
          expect(F.pow(a, -3n)).toBe(F.inv(F.mul(a, F.mul(a, a))));
          expect(F.pow(a, F.modulus - 1n)).toBe(1n); // Fermat
        }
        expect(F.pow(a, 5n)).toBe(F.mul(F.sqr(F.sqr(a)), a));
      }),
      { numRuns: runs },
    );
  });
  it("bytes and bigint round trips; random elements from bytes", () => {
    fc.assert(
      fc.property(x, fc.uint8Array({ minLength: F.randomBytesLength, maxLength: F.randomBytesLength }), (a, rnd) => {
        const bytes = F.toBytes(a);
        expect(bytes.length).toBe(F.byteLength);
        expect(F.fromBytes(bytes)).toBe(a);
        expect(F.toBigint(F.fromBigint(a))).toBe(a);
        expect(F.isValid(F.fromRandomBytes(rnd))).toBe(true);
      }),
      { numRuns: runs },
    );
  });
  it("batch inversion equals element-wise inversion", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: F.modulus - 1n }), { maxLength: 20 }), (xs) => {
        expect(F.invertBatch(xs)).toEqual(xs.map((v) => F.inv(v)));
      }),
      { numRuns: 30 },
    );
  });
}

describe("field axioms: Goldilocks (bigint)", () => fieldLaws(GOLDILOCKS_FIELD));
describe("field axioms: f128", () => fieldLaws(F128_FIELD));
describe("field axioms: genSTARK-128", () => fieldLaws(GENSTARK_FIELD));
describe("field axioms: toy F_97", () => fieldLaws(TOY));

describe("prime fields reject bad input", () => {
  it("inverse of zero is a DivisionByZeroError that says so", () => {
    expect(() => GOLDILOCKS_FIELD.inv(0n)).toThrow(DivisionByZeroError);
    expect(() => GOLDILOCKS_FIELD.inv(0n)).toThrow(/division by zero in Goldilocks: the inverse of 0 does not exist/);
    expect(() => F128_FIELD.div(1n, 0n)).toThrow(DivisionByZeroError);
    expect(() => F128_FIELD.pow(0n, -1n)).toThrow(DivisionByZeroError);
  });
  it("batch inversion names the zero entry", () => {
    expect(() => batchInvert(GOLDILOCKS_FIELD, [1n, 2n, 0n, 4n])).toThrow(/element 2 of the batch is 0/);
    const err = (() => {
      try {
        GOLDILOCKS_FIELD.invertBatch([5n, 0n]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DivisionByZeroError);
    expect((err as DivisionByZeroError).index).toBe(1);
    expect(batchInvert(GOLDILOCKS_FIELD, [])).toEqual([]);
  });
  it("non-canonical and wrong-length bytes are refused", () => {
    const F = GOLDILOCKS_FIELD;
    expect(() => F.fromBytes(new Uint8Array(7))).toThrow(/expected 8 bytes, got 7/);
    expect(() => F.fromBytes(new Uint8Array(8).fill(0xff))).toThrow(InvalidElementError);
    expect(() => F.fromRandomBytes(new Uint8Array(8))).toThrow(LengthError);
    expect(() => F.toBigint(F.modulus)).toThrow(InvalidElementError);
  });
  it("roots beyond the two-adicity are a NoRootOfUnityError", () => {
    expect(() => GOLDILOCKS_FIELD.rootOfUnity(33)).toThrow(NoRootOfUnityError);
    expect(() => F128_FIELD.rootOfUnity(41)).toThrow(/f128 has no root of unity of order 2\^41: its two-adicity is 40/);
  });
  it("bad parameters are refused: composite modulus, wrong factors, non-generator, non-root", () => {
    expect(() => primeField(91n)).toThrow(FieldParameterError);
    expect(() => primeField(2n)).toThrow(/odd prime/);
    expect(() => primeField(97n, { factors: [2n] })).toThrow(/miss the part 3/);
    expect(() => primeField(97n, { factors: [2n, 3n, 4n] })).toThrow(/not prime/);
    expect(() => primeField(97n, { factors: [2n, 3n], generator: 2n })).toThrow(/not a multiplicative generator/);
    expect(() => primeField(97n, { twoAdicRoot: 96n })).toThrow(/not a primitive 2\^5-th root/);
  });
});

describe("number theory", () => {
  it("Miller–Rabin and factoring agree with known values", () => {
    expect(isProbablePrime(GOLDILOCKS_FIELD.modulus)).toBe(true);
    expect(isProbablePrime(F128_FIELD.modulus)).toBe(true);
    expect(isProbablePrime(F128_FIELD.modulus - 2n)).toBe(false);
    expect(isProbablePrime(3215031751n)).toBe(false); // strong pseudoprime to bases 2, 3, 5, 7
    expect(primeFactors(F128_FIELD.modulus - 1n)).toEqual([2n, 29n, 181n, 286619n, 11394379n, 18053749339n]);
    expect(primeFactors(1n)).toEqual([]);
  });
});

describe("_leToBigint (little-endian bytes to an integer, 64-bit words at a time)", () => {
  it("equals the byte-by-byte reading for every length 0–40 and offset 0–9", () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 41) & 0xff);
    for (let offset = 0; offset < 10; offset++)
      for (let len = 0; len <= 40; len++) {
        let naive = 0n;
        for (let i = offset + len - 1; i >= offset; i--) naive = (naive << 8n) | BigInt(bytes[i]!);
        expect(_leToBigint(bytes, offset, len)).toBe(naive);
        expect(_leToBigint(bytes.subarray(offset, offset + len))).toBe(naive);
      }
  });
});
