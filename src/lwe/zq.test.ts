import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { F128, GOLDILOCKS, type PrimeModulus } from "../math/moduli.js";
import { addVectors, allCanonical, combineRows, getElement, normalize, scaleVector, setElement } from "./zq.js";

const mods: PrimeModulus[] = [GOLDILOCKS, F128];
const element = (mod: PrimeModulus) => fc.bigInt({ min: 0n, max: mod.q - 1n });

function vec(mod: PrimeModulus, xs: bigint[]): Uint32Array {
  const v = new Uint32Array(xs.length * mod.limbs);
  xs.forEach((x, i) => setElement(mod, v, i, x));
  return v;
}
const modq = (x: bigint, q: bigint) => ((x % q) + q) % q;

describe.each(mods)("Z_q kernels over $id", (mod) => {
  it("normalize turns signed limb sums into the canonical residue", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), { minLength: mod.limbs, maxLength: mod.limbs }), (limbSums) => {
        const acc = Float64Array.from(limbSums);
        const out = new Uint32Array(mod.limbs);
        normalize(mod, acc, 0, out, 0, 1);
        const expected = modq(limbSums.reduce((s, x, k) => s + BigInt(x) * (1n << BigInt(32 * k)), 0n), mod.q);
        expect(getElement(mod, out, 0)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
  it("normalize maps q and 2^(32L) − 1 correctly (edge cases)", () => {
    for (const x of [mod.q, mod.q - 1n, mod.q + 1n, (1n << BigInt(32 * mod.limbs)) - 1n, 0n]) {
      const acc = new Float64Array(mod.limbs);
      for (let k = 0; k < mod.limbs; k++) acc[k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
      const out = new Uint32Array(mod.limbs);
      normalize(mod, acc, 0, out, 0, 1);
      expect(getElement(mod, out, 0)).toBe(modq(x, mod.q));
    }
  });
  it("combineRows equals the bigint reference for small coefficients", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(element(mod), element(mod), fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const flat = vec(mod, rows.flatMap(([a, b]) => [a, b]));
          const out = new Uint32Array(2 * mod.limbs);
          combineRows(mod, flat, 2, rows.map((r) => r[2]), out);
          const e0 = modq(rows.reduce((s, [a, , c]) => s + a * BigInt(c), 0n), mod.q);
          const e1 = modq(rows.reduce((s, [, b, c]) => s + b * BigInt(c), 0n), mod.q);
          expect([getElement(mod, out, 0), getElement(mod, out, 1)]).toEqual([e0, e1]);
        },
      ),
    );
  });
  it("combineRows stays exact past the float64 budget (chunked)", () => {
    const rows = Array.from({ length: 40 }, (_, i) => mod.q - 1n - BigInt(i));
    const coeffs = rows.map((_, i) => (i % 2 ? -1 : 1) * (2 ** 20 - i));
    const out = new Uint32Array(mod.limbs);
    combineRows(mod, vec(mod, rows), 1, coeffs, out);
    expect(getElement(mod, out, 0)).toBe(modq(rows.reduce((s, r, i) => s + r * BigInt(coeffs[i]!), 0n), mod.q));
  });
  it("add and scale agree with bigint arithmetic, for small and huge scalars", () => {
    fc.assert(
      fc.property(element(mod), element(mod), fc.bigInt({ min: -(mod.q * 2n), max: mod.q * 2n }), (a, b, c) => {
        const out = new Uint32Array(mod.limbs);
        addVectors(mod, vec(mod, [a]), vec(mod, [b]), out);
        expect(getElement(mod, out, 0)).toBe(modq(a + b, mod.q));
        scaleVector(mod, vec(mod, [a]), c, out);
        expect(getElement(mod, out, 0)).toBe(modq(a * c, mod.q));
        scaleVector(mod, vec(mod, [a]), c % 1000n, out);
        expect(getElement(mod, out, 0)).toBe(modq(a * (c % 1000n), mod.q));
      }),
    );
  });
  it("allCanonical rejects an element equal to or above q", () => {
    expect(allCanonical(mod, vec(mod, [0n, mod.q - 1n]))).toBe(true);
    const bad = new Uint32Array(mod.limbs).fill(0xffffffff);
    expect(allCanonical(mod, bad)).toBe(false);
    expect(allCanonical(mod, Uint32Array.from(mod.qLimbs))).toBe(false);
  });
});
