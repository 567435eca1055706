import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_CUBIC as G } from "../math/extension.js";
import { GL_P } from "../math/goldilocks.js";
import { GOLDILOCKS_CUBIC_CHALLENGE, GOLDILOCKS_CUBIC_FAST as E, isGoldilocksCubic } from "./goldilocks-cubic.js";
import { challengeField } from "./fields.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";

// coordinates near 0, near p and uniform, so the reductions' edge cases are hit
const coord = fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: GL_P - 5n, max: GL_P - 1n }), fc.bigInt({ min: 0n, max: GL_P - 1n }));
const el = fc.tuple(coord, coord, coord).map((t) => [...t] as readonly bigint[]);

describe("GOLDILOCKS_CUBIC_FAST against the generic cubic extension", () => {
  it("agrees on every operation", () => {
    fc.assert(
      fc.property(el, el, fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), (a, b, e) => {
        expect(E.add(a, b)).toEqual(G.add(a, b));
        expect(E.sub(a, b)).toEqual(G.sub(a, b));
        expect(E.neg(a)).toEqual(G.neg(a));
        expect(E.mul(a, b)).toEqual(G.mul(a, b));
        expect(E.sqr(a)).toEqual(G.sqr(a));
        expect(E.eq(a, b)).toBe(G.eq(a, b));
        expect(E.isZero(a)).toBe(G.isZero(a));
        expect(E.toBytes(a)).toEqual(G.toBytes(a));
        expect(E.fromBytes(E.toBytes(a))).toEqual(a);
        expect(E.fromBigint(e)).toEqual(G.fromBigint(e));
        expect(GOLDILOCKS_CUBIC_CHALLENGE.mulBase(a, b[0]!)).toEqual(G.mulBase(a, b[0]!));
        if (!G.isZero(b)) {
          expect(E.inv(b)).toEqual(G.inv(b));
          expect(E.div(a, b)).toEqual(G.div(a, b));
          expect(E.pow(b, e)).toEqual(G.pow(b, e));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("draws the same element from random bytes, and the same batch inverses", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 72, maxLength: 80 }), (bytes) => {
        expect(E.fromRandomBytes(bytes)).toEqual(G.fromRandomBytes(bytes));
      }),
    );
    const xs = Array.from({ length: 9 }, (_, i) => [BigInt(i + 1), BigInt(3 * i), GL_P - BigInt(i + 1)]);
    expect(E.invertBatch(xs)).toEqual(G.invertBatch(xs));
    expect(() => E.invertBatch([[1n, 0n, 0n], [0n, 0n, 0n]])).toThrow(/Goldilocks³/);
    expect(() => E.inv([0n, 0n, 0n])).toThrow();
    expect(() => E.fromRandomBytes(new Uint8Array(71))).toThrow();
  });

  it("has the generic field's constants and is recognised as the cubic challenge field", () => {
    expect([E.name, E.order, E.byteLength, E.randomBytesLength, E.twoAdicity]).toEqual([G.name, G.order, G.byteLength, G.randomBytesLength, G.twoAdicity]);
    expect([E.ZERO, E.ONE, E.generator, E.rootOfUnity(5)]).toEqual([G.ZERO, G.ONE, G.generator, G.rootOfUnity(5)]);
    expect(E.pow([5n, 6n, 7n], 0n)).toEqual(G.ONE);
    expect(isGoldilocksCubic(challengeField(GOLDILOCKS_FIELD, 3))).toBe(true);
    expect(isGoldilocksCubic(challengeField(GOLDILOCKS_FIELD, 2))).toBe(false);
  });
});
