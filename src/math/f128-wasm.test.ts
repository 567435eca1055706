import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lowDegreeExtend } from "./domain.js";
import { DivisionByZeroError, DomainSizeError, FieldParameterError, InvalidElementError, LengthError } from "./errors.js";
import { f128FromBigints, f128KernelParameter, f128Length, f128ToBigints, f128Vec } from "./f128-vec.js";
import { f128Vectors } from "./f128-wasm.js";
import { batchInvert, primeField } from "./field.js";
import { intt, ntt } from "./ntt.js";
import { polyEval } from "./poly.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "./prime-fields.js";

const TWO127 = 1n << 127n;
const TWO128 = 1n << 128n;

/** A vector holding arbitrary 128-bit words (no canonical check: for the negative tests). */
function raw(xs: readonly bigint[]): Uint32Array {
  const v = new Uint32Array(4 * xs.length);
  xs.forEach((x, i) => {
    for (let k = 0; k < 4; k++) v[4 * i + k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
  });
  return v;
}

/** Values where carries and the reduction's folds have their edge cases. */
function edgeValues(p: bigint): bigint[] {
  return [0n, 1n, 2n, 3n, p - 1n, p - 2n, p - 3n, (p - 1n) / 2n, (p + 1n) / 2n, TWO127 - 1n, TWO127, TWO127 + 1n, (1n << 32n) - 1n, 1n << 32n, (1n << 64n) - 1n, 1n << 64n, 1n << 96n, TWO128 - (1n << 64n), p - (1n << 64n)];
}

/** Deterministic pseudo-random canonical elements (a 128-bit LCG, reduced), edge values sprinkled in. */
function randomElements(p: bigint, n: number, seed: number): bigint[] {
  let s = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
  const edges = edgeValues(p);
  return Array.from({ length: n }, (_, i) => {
    s = (s * 0x2360ed051fc65da44385df649fccf645n + 0x5851f42d4c957f2d14057b7ef767814fn) % TWO128;
    return i % 5 === 3 ? edges[Number(s % BigInt(edges.length))]! : s % p;
  });
}

// (a loop, not describe.each: vitest would format the field objects into the titles)
for (const [name, F, d] of [
  ["f128", F128_FIELD, 45 * 2 ** 8],
  ["genSTARK", GENSTARK_FIELD, 9],
] as const) describe(`${name} WebAssembly kernels = the bigint field, element by element`, () => {
  const V = f128Vectors(F);
  const p = F.modulus;

  it(`p = 2^128 − ${d}·2^32 + 1 (the kernel parameter)`, () => {
    expect(V.d).toBe(d);
    expect(f128KernelParameter(F)).toBe(d);
    expect(TWO128 - BigInt(d) * (1n << 32n) + 1n).toBe(p);
  });

  it("layout: 4 little-endian words per element, round trip through bigints", () => {
    const xs = edgeValues(p);
    const v = V.fromBigints(xs);
    expect(v.length).toBe(4 * xs.length);
    expect(V.length(v)).toBe(xs.length);
    expect(Array.from(V.fromBigints([(1n << 96n) + (2n << 64n) + (3n << 32n) + 4n]))).toEqual([4, 3, 2, 1]);
    expect(V.toBigints(v)).toEqual(xs);
  });

  it.each([0, 1, 2, 3, 7, 64, 1001])("mul, add, sub, scale on n = %i random and edge elements", (n) => {
    const xs = randomElements(p, n, n + 1);
    const ys = randomElements(p, n, n + 1000);
    const a = V.fromBigints(xs);
    const b = V.fromBigints(ys);
    expect(V.toBigints(V.mul(a, b))).toEqual(xs.map((x, i) => F.mul(x, ys[i]!)));
    expect(V.toBigints(V.add(a, b))).toEqual(xs.map((x, i) => F.add(x, ys[i]!)));
    expect(V.toBigints(V.sub(a, b))).toEqual(xs.map((x, i) => F.sub(x, ys[i]!)));
    for (const c of [0n, 1n, p - 1n, p - 2n, TWO127, ys[0] ?? 5n]) expect(V.toBigints(V.scale(a, c))).toEqual(xs.map((x) => F.mul(x, c)));
  });

  it("mul, add, sub on every pair of edge values (both SIMD lanes and the scalar tail)", () => {
    const e = edgeValues(p);
    const xs = e.flatMap((x) => e.map(() => x));
    const ys = e.flatMap(() => e);
    const a = V.fromBigints(xs);
    const b = V.fromBigints(ys);
    expect(V.toBigints(V.mul(a, b))).toEqual(xs.map((x, i) => F.mul(x, ys[i]!)));
    expect(V.toBigints(V.add(a, b))).toEqual(xs.map((x, i) => F.add(x, ys[i]!)));
    expect(V.toBigints(V.sub(a, b))).toEqual(xs.map((x, i) => F.sub(x, ys[i]!)));
    const odd = V.fromBigints(xs.slice(1)); // shifts every pair across the lanes
    expect(V.toBigints(V.mul(odd, V.fromBigints(ys.slice(1))))).toEqual(xs.slice(1).map((x, i) => F.mul(x, ys[i + 1]!)));
  });

  it("element-wise kernels on random vectors (property)", () => {
    const el = fc.oneof(fc.bigInt({ min: 0n, max: p - 1n }), fc.constantFrom(...edgeValues(p)));
    fc.assert(
      fc.property(fc.array(fc.tuple(el, el), { maxLength: 17 }), (pairs) => {
        const xs = pairs.map((t) => t[0]);
        const ys = pairs.map((t) => t[1]);
        const a = V.fromBigints(xs);
        const b = V.fromBigints(ys);
        expect(V.toBigints(V.mul(a, b))).toEqual(xs.map((x, i) => F.mul(x, ys[i]!)));
        expect(V.toBigints(V.add(a, b))).toEqual(xs.map((x, i) => F.add(x, ys[i]!)));
        expect(V.toBigints(V.sub(a, b))).toEqual(xs.map((x, i) => F.sub(x, ys[i]!)));
      }),
      { numRuns: 150 },
    );
  });

  it("out may be an input, and an output vector is filled in place", () => {
    const xs = randomElements(p, 9, 7);
    const ys = randomElements(p, 9, 8);
    const a = V.fromBigints(xs);
    const out = V.vec(9);
    expect(V.mul(a, V.fromBigints(ys), out)).toBe(out);
    expect(V.toBigints(out)).toEqual(xs.map((x, i) => F.mul(x, ys[i]!)));
    expect(V.toBigints(V.add(a, a, a))).toEqual(xs.map((x) => F.add(x, x)));
  });

  it.each([0, 1, 2, 3, 4, 5, 8, 12])("NTT and inverse NTT = ntt.ts, n = 2^%i, and the round trip", (logN) => {
    const xs = randomElements(p, 2 ** logN, 31 * logN + 5);
    const a = V.fromBigints(xs);
    expect(V.ntt(a)).toBe(a); // in place
    expect(V.toBigints(a)).toEqual(ntt(F, xs));
    expect(V.toBigints(V.intt(V.fromBigints(xs)))).toEqual(intt(F, xs));
    expect(V.toBigints(V.intt(a))).toEqual(xs);
  });

  it("NTT = naive evaluation A_k = Σ_j a_j·ω_n^(jk) (Horner) for n ≤ 16", () => {
    for (const logN of [1, 2, 3, 4]) {
      const n = 2 ** logN;
      const xs = randomElements(p, n, 77 + logN);
      const w = F.rootOfUnity(logN);
      const naive = Array.from({ length: n }, (_, k) => polyEval(F, xs, F.pow(w, BigInt(k))));
      expect(V.toBigints(V.ntt(V.fromBigints(xs)))).toEqual(naive);
    }
  });

  it.each([
    [1, 1],
    [1, 8],
    [2, 2],
    [8, 4],
    [16, 2],
    [64, 8],
  ])("coset LDE of %i values with blowup %i = domain.ts lowDegreeExtend of the interpolant", (n, blowup) => {
    const xs = randomElements(p, n, n * blowup);
    for (const offset of [F.generator, 1n, p - 1n, xs[0] || 7n]) {
      const expected = lowDegreeExtend(F, intt(F, xs), blowup, offset);
      expect(V.toBigints(V.lde(V.fromBigints(xs), blowup, offset))).toEqual(expected);
    }
    expect(V.toBigints(V.lde(V.fromBigints(xs), blowup))).toEqual(lowDegreeExtend(F, intt(F, xs), blowup));
  });

  it("coset LDE agrees with Horner evaluation at offset·ω_N^i and keeps the original values on ⟨ω_n⟩ (offset 1)", () => {
    const n = 4;
    const blowup = 4;
    const xs = randomElements(p, n, 99);
    const coeffs = intt(F, xs);
    const g = F.generator;
    const wN = F.rootOfUnity(4);
    const lde = V.toBigints(V.lde(V.fromBigints(xs), blowup));
    expect(lde).toEqual(Array.from({ length: n * blowup }, (_, i) => polyEval(F, coeffs, F.mul(g, F.pow(wN, BigInt(i))))));
    const plain = V.toBigints(V.lde(V.fromBigints(xs), blowup, 1n));
    expect(plain.filter((_, i) => i % blowup === 0)).toEqual(xs);
  });

  it.each([1, 2, 3, 17, 64])("coset evaluation from coefficients, powers, synthetic division and inner products agree with the bigint field, n = %i", (n) => {
    const a = randomElements(p, n, 7 * n);
    const b = randomElements(p, n, 11 * n);
    const z = randomElements(p, 1, 5 + n)[0]!;
    // powers: start·z^i
    const pw = V.toBigints(V.powers(z, n, b[0]!));
    expect(pw).toEqual(Array.from({ length: n }, (_, i) => F.mul(b[0]!, F.pow(z, BigInt(i)))));
    // dot: Σ a_i·b_i (including the edge values' products)
    expect(V.dot(V.fromBigints(a), V.fromBigints(b))).toBe(a.reduce((s, x, i) => F.add(s, F.mul(x, b[i]!)), 0n));
    // divLinear: q·(X − z) + a(z) = a
    const q = V.toBigints(V.divLinear(V.fromBigints(a), z));
    expect(q[n - 1]).toBe(0n);
    const back = a.map((_, i) => F.sub(i > 0 ? q[i - 1]! : 0n, F.mul(z, q[i]!)));
    back[0] = F.add(back[0]!, polyEval(F, a, z));
    expect(back).toEqual(a);
    for (const e of [0n, 1n, 3n, 5n, p - 2n, (1n << 128n) - 1n]) expect(V.toBigints(V.pow(V.fromBigints(a), e))).toEqual(a.map((x) => F.pow(x, e)));
    if ((n & (n - 1)) === 0) for (const blowup of [1, 4]) expect(V.toBigints(V.cosetEvaluate(V.fromBigints(a), blowup, F.generator))).toEqual(lowDegreeExtend(F, a, blowup, F.generator));
  });

  it.each([1, 2, 3, 4, 5, 7, 64, 101])("batch inversion = field.ts batchInvert, n = %i", (n) => {
    const xs = randomElements(p, n, 3 * n).map((x) => (x === 0n ? p - 5n : x));
    const inv = V.batchInverse(V.fromBigints(xs));
    expect(V.toBigints(inv)).toEqual(batchInvert(F, xs));
    expect(V.toBigints(V.mul(inv, V.fromBigints(xs))).every((x) => x === 1n)).toBe(true);
    expect(V.toBigints(V.batchInverse(V.fromBigints([])))).toEqual([]);
  });
});

describe("known answers (computed independently with python3 `pow`/`%`)", () => {
  // python3 -c "p = 2**128 - 45*2**40 + 1; a = 0x0123456789abcdef0123456789abcdef; b = 0xfedcba9876543210fedcba9876543210;
  //             print(a*b % p, (2**127 + 12345)*(p - 3) % p, (2**128 - 2**64)*(2**127 - 1) % p, pow(2**127, p - 2, p))"
  // and the same with p = 2**128 - 9*2**32 + 1
  const a = 0x0123456789abcdef0123456789abcdefn;
  const b = 0xfedcba9876543210fedcba9876543210n;
  for (const [F, products, inv127] of [
    [F128_FIELD, [113339109587478978860990004611910611710n, 170141183460469231731687204759837568855n, 170140727107477186989132569357626376194n], 29243015902371999634444403960543445702n],
    [GENSTARK_FIELD, [124471088048974165861295745899247339382n, 170141183460469231731687303638574657367n, 170141183103942501192261035544100732930n], 340282251406277514677597855987777155905n],
  ] as const) it(`${F.name}: three products and the inverse of 2^127`, () => {
    const p = F.modulus;
    const V = f128Vectors(F);
    const xs = [a, TWO127 + 12345n, TWO128 - (1n << 64n)];
    const ys = [b, p - 3n, TWO127 - 1n];
    expect(V.toBigints(V.mul(V.fromBigints(xs), V.fromBigints(ys)))).toEqual(products);
    expect(V.toBigints(V.mul(V.fromBigints(xs.slice(0, 2)), V.fromBigints(ys.slice(0, 2))))).toEqual(products.slice(0, 2)); // SIMD pair
    expect(V.toBigints(V.batchInverse(V.fromBigints([TWO127])))).toEqual([inv127]);
  });
});

describe("errors", () => {
  const V = f128Vectors(F128_FIELD);
  const W = f128Vectors(GENSTARK_FIELD);
  const p = F128_FIELD.modulus;

  it("unsupported primes: FieldParameterError naming the shape", () => {
    expect(() => f128Vectors(GOLDILOCKS_FIELD)).toThrow(FieldParameterError);
    expect(() => f128Vectors(GOLDILOCKS_FIELD)).toThrow(/p = 2\^128 − d·2\^32 \+ 1 with 1 ≤ d < 2\^30/);
    expect(() => f128Vectors(primeField(2n ** 127n - 1n))).toThrow(FieldParameterError); // p ≢ 1 mod 2^32
  });

  it("lengths: vectors of different lengths, outputs of the wrong length, word counts not a multiple of 4", () => {
    const a = V.fromBigints([1n, 2n, 3n]);
    const b = V.fromBigints([1n, 2n]);
    for (const op of [V.mul, V.add, V.sub]) {
      expect(() => op(a, b)).toThrow(LengthError);
      expect(() => op(a, b)).toThrow(/vectors of 3 and 2 elements/);
      expect(() => op(a, a, f128Vec(2))).toThrow(/output of 2 elements for 3/);
    }
    expect(() => V.scale(a, 2n, f128Vec(4))).toThrow(LengthError);
    expect(() => V.batchInverse(a, f128Vec(1))).toThrow(LengthError);
    expect(() => f128Length(new Uint32Array(6))).toThrow(/4 words per element, got 6 words/);
    expect(() => V.ntt(new Uint32Array(5))).toThrow(LengthError);
    expect(() => f128Vec(-1)).toThrow(LengthError);
  });

  it("non-canonical input: p, p + 1 and 2^128 − 1 are refused by every operation, naming the element", () => {
    for (const bad of [p, p + 1n, TWO128 - 1n]) {
      const v = raw([1n, 2n, bad, 4n]);
      const ok = V.fromBigints([1n, 2n, 3n, 4n]);
      expect(() => V.mul(v, ok)).toThrow(InvalidElementError);
      expect(() => V.mul(ok, v)).toThrow(new RegExp(`element 2 of b is ${bad} ≥ p`));
      expect(() => V.add(v, ok)).toThrow(/element 2 of a/);
      expect(() => V.sub(ok, v)).toThrow(InvalidElementError);
      expect(() => V.scale(v, 3n)).toThrow(InvalidElementError);
      expect(() => V.ntt(v)).toThrow(InvalidElementError);
      expect(() => V.intt(v)).toThrow(InvalidElementError);
      expect(() => V.lde(v, 2)).toThrow(InvalidElementError);
      expect(() => V.batchInverse(v)).toThrow(InvalidElementError);
      expect(() => V.fromBigints([0n, bad])).toThrow(/at index 1 is not a canonical element/);
    }
    expect(() => f128FromBigints(F128_FIELD, [-1n])).toThrow(InvalidElementError);
    expect(() => V.scale(V.fromBigints([1n]), p)).toThrow(/is not a canonical element/);
    expect(() => V.scale(V.fromBigints([1n]), -1n)).toThrow(InvalidElementError);
    expect(() => V.lde(V.fromBigints([1n, 2n]), 2, p)).toThrow(InvalidElementError);
    expect(() => V.lde(V.fromBigints([1n, 2n]), 2, 0n)).toThrow(/coset offset must be non-zero/);
    expect(f128ToBigints(raw([TWO128 - 1n]))).toEqual([TWO128 - 1n]); // reading is unchecked; every operation checks
  });

  it("NTT sizes: not a power of two, or beyond the two-adicity (40 for f128, 32 for genSTARK)", () => {
    for (const n of [3, 12, 0]) {
      expect(() => V.ntt(V.vec(n))).toThrow(DomainSizeError);
      expect(() => V.intt(V.vec(n))).toThrow(DomainSizeError);
    }
    expect(() => V.ntt(V.vec(12))).toThrow(/power of two, got 12/);
    expect(() => V.lde(V.vec(3), 2)).toThrow(DomainSizeError);
    expect(() => V.lde(V.vec(4), 3)).toThrow(/power of two, got 3/);
    expect(V.logSize(2 ** 40)).toBe(40);
    expect(() => V.logSize(2 ** 41)).toThrow(/f128 has no NTT domain of size 2\^41 \(two-adicity 40\)/);
    expect(W.logSize(2 ** 32)).toBe(32);
    expect(() => W.logSize(2 ** 33)).toThrow(DomainSizeError);
    expect(() => W.lde(W.vec(16), 2 ** 29)).toThrow(/no NTT domain of size 2\^33 \(two-adicity 32\)/);
    expect(() => V.lde(V.vec(16), 2 ** 37)).toThrow(/2\^41/);
  });

  it("a zero in a batch inversion: DivisionByZeroError naming the first zero", () => {
    const a = V.fromBigints([3n, 4n, 5n, 0n, 7n, 0n]);
    expect(() => V.batchInverse(a)).toThrow(DivisionByZeroError);
    expect(() => V.batchInverse(a)).toThrow(/element 3 of the batch is 0/);
    expect(() => W.batchInverse(W.fromBigints([0n]))).toThrow(/genSTARK-128: element 0 of the batch/);
  });
});
