import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, DomainSizeError, LengthError } from "./errors.js";
import { GL_P, glBatchInverseTs, glFromBigints, glMulVecTs, glAddVecTs, glSubVecTs, glScaleVecTs, glToBigints, glVec, type GlVec } from "./goldilocks.js";
import { glInttTs, glNttTs } from "./goldilocks-ntt.js";
import {
  glAddVecWasm,
  glBatchInverseWasm,
  glInttWasm,
  glMulVecWasm,
  glNttWasm,
  glScaleVecWasm,
  glSubVecWasm,
  glWasmAvailable,
} from "./goldilocks-wasm.js";
import { glBatchInverse, glMulVec, glNtt, goldilocksWasmEnabled, setGoldilocksWasm } from "./goldilocks-fast.js";

const p = GL_P;

/** Deterministic pseudo-random canonical vector with edge values sprinkled in. */
function randomVec(n: number, seed: number): GlVec {
  const v = glVec(n);
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < n; i++) {
    let lo = next();
    let hi = next();
    if (hi === 0xffffffff) lo = 0; // keep < p
    const r = next() % 16;
    if (r === 0) [lo, hi] = [0, 0xffffffff]; // p − 1
    else if (r === 1) [lo, hi] = [0xffffffff, 0xfffffffe];
    else if (r === 2) [lo, hi] = [1, 0];
    v[2 * i] = lo;
    v[2 * i + 1] = hi;
  }
  return v;
}

const same = (a: Uint32Array, b: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("Goldilocks WebAssembly kernels = TypeScript kernels, bit for bit", () => {
  it("are available on Node 20 (SIMD)", () => {
    expect(glWasmAvailable()).toBe(true);
    expect(goldilocksWasmEnabled()).toBe(true);
  });
  it.each([0, 1, 2, 3, 7, 64, 1001, 4096])("element-wise kernels, n = %i", (n) => {
    const a = randomVec(n, n + 1);
    const b = randomVec(n, n + 99);
    expect(same(glMulVecWasm(a, b), glMulVecTs(a, b))).toBe(true);
    expect(same(glAddVecWasm(a, b), glAddVecTs(a, b))).toBe(true);
    expect(same(glSubVecWasm(a, b), glSubVecTs(a, b))).toBe(true);
    expect(same(glScaleVecWasm(a, p - 2n), glScaleVecTs(a, p - 2n))).toBe(true);
  });
  it("element-wise kernels on random vectors (property)", () => {
    const el = fc.oneof(fc.bigInt({ min: 0n, max: p - 1n }), fc.constantFrom(0n, 1n, p - 1n, 1n << 32n, (1n << 32n) - 1n, 1n << 63n));
    fc.assert(
      fc.property(fc.array(fc.tuple(el, el), { maxLength: 33 }), (pairs) => {
        const a = glFromBigints(pairs.map((x) => x[0]));
        const b = glFromBigints(pairs.map((x) => x[1]));
        expect(same(glMulVecWasm(a, b), glMulVecTs(a, b))).toBe(true);
        expect(same(glAddVecWasm(a, b), glAddVecTs(a, b))).toBe(true);
        expect(same(glSubVecWasm(a, b), glSubVecTs(a, b))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
  // 2^12 is one cache block; 2^13 adds one outer stage, 2^14 a fused pair, 2^15 both.
  it.each([0, 1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 15])("NTT and inverse NTT, n = 2^%i", (logN) => {
    const n = 2 ** logN;
    const a = randomVec(n, 7 * logN + 3);
    const ts = glNttTs(a.slice());
    const wasm = glNttWasm(a.slice());
    expect(same(wasm, ts)).toBe(true);
    expect(same(glInttWasm(wasm.slice()), glInttTs(ts.slice()))).toBe(true);
    expect(same(glInttWasm(wasm), a)).toBe(true);
  });
  it.each([1, 2, 3, 4, 5, 100, 1023])("batch inversion, n = %i", (n) => {
    const a = randomVec(n, n);
    for (let i = 0; i < 2 * n; i += 2) if (a[i] === 0 && a[i + 1] === 0) a[i] = 5;
    const w = glBatchInverseWasm(a);
    expect(same(w, glBatchInverseTs(a))).toBe(true);
    expect(glToBigints(glMulVecTs(w, a)).every((x) => x === 1n)).toBe(true);
  });
  it("batch inversion with a zero names the first zero index", () => {
    const a = glFromBigints([3n, 4n, 5n, 0n, 7n, 0n]);
    expect(() => glBatchInverseWasm(a)).toThrow(DivisionByZeroError);
    expect(() => glBatchInverseWasm(a)).toThrow(/element 3 of the batch is 0/);
  });
  it("reject wrong lengths and non-power-of-two NTT sizes", () => {
    expect(() => glMulVecWasm(glVec(4), glVec(5))).toThrow(LengthError);
    expect(() => glNttWasm(glVec(12))).toThrow(DomainSizeError);
    expect(() => glNttWasm(glVec(12))).toThrow(/power of two, got 12/);
    expect(() => glInttTs(glVec(3))).toThrow(DomainSizeError);
  });
  it("the dispatching API gives the same answers with WebAssembly on and off", () => {
    const a = randomVec(1 << 10, 5);
    const b = randomVec(1 << 10, 6);
    const nz = glAddVecTs(glMulVecTs(a, a), glFromBigints(new Array<bigint>(1 << 10).fill(1n))); // a² + 1: never 0 here
    const on = [glMulVec(a, b), glNtt(a.slice()), glBatchInverse(nz)];
    const before = setGoldilocksWasm(false);
    try {
      expect(goldilocksWasmEnabled()).toBe(false);
      const off = [glMulVec(a, b), glNtt(a.slice()), glBatchInverse(nz)];
      for (let i = 0; i < on.length; i++) expect(same(on[i]!, off[i]!)).toBe(true);
    } finally {
      setGoldilocksWasm(before);
    }
  });
});

describe("fused axpy kernel", () => {
  it("WebAssembly and TypeScript agree with bigint arithmetic", async () => {
    const { glAxpyVecTs, glFromBigints: from, glToBigints: to } = await import("./goldilocks.js");
    const { glAxpyVecWasm } = await import("./goldilocks-wasm.js");
    const P = (1n << 64n) - (1n << 32n) + 1n;
    const n = 101;
    const acc = Array.from({ length: n }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n + 7n) % P);
    const a = Array.from({ length: n }, (_, i) => (BigInt(i + 3) * 0xbf58476d1ce4e5b9n) % P);
    const c = P - 12345n;
    const expected = acc.map((x, i) => (x + c * a[i]!) % P);
    expect(to(glAxpyVecTs(from(acc), from(a), c))).toEqual(expected);
    expect(to(glAxpyVecWasm(from(acc), from(a), c))).toEqual(expected);
  });
});

describe("batched inner products and linear combinations", () => {
  const P = (1n << 64n) - (1n << 32n) + 1n;
  const vec = (seed: number, n: number) => Array.from({ length: n }, (_, i) => (BigInt(i + seed) * 0x9e3779b97f4a7c15n + BigInt(seed)) % P);
  const n = 201; // long enough for WebAssembly, odd for the scalar tail
  const vs = [vec(1, n), vec(2, n), vec(3, n)];
  const ws = [vec(10, n), vec(11, n)].map((w) => w.map((x) => P - 1n - x)); // large values near p
  const dot = (a: bigint[], b: bigint[]) => a.reduce((s, x, i) => (s + x * b[i]!) % P, 0n);
  it("inner products agree with bigint arithmetic on both paths (results above 2^63 included)", async () => {
    const { glFromBigints: from } = await import("./goldilocks.js");
    const { glInnerProducts } = await import("./goldilocks-fast.js");
    const expected = vs.map((v) => ws.map((w) => dot(v, w)));
    expect(expected.flat().some((x) => x >= 1n << 63n)).toBe(true);
    expect(glInnerProducts(vs.map(from), ws.map(from))).toEqual(expected);
    const before = setGoldilocksWasm(false);
    try {
      expect(glInnerProducts(vs.map(from), ws.map(from))).toEqual(expected);
    } finally {
      setGoldilocksWasm(before);
    }
  });
  it("linear combinations agree with bigint arithmetic on both paths and reject bad shapes", async () => {
    const { glFromBigints: from, glToBigints: to } = await import("./goldilocks.js");
    const { glLinearCombinations } = await import("./goldilocks-fast.js");
    const coeffs = [[3n, P - 1n, 0n], [0n, 5n, P - 7n]];
    const expected = coeffs.map((cs) => Array.from({ length: n }, (_, i) => cs.reduce((s, c, j) => (s + c * vs[j]![i]!) % P, 0n)));
    expect(glLinearCombinations(vs.map(from), coeffs).map(to)).toEqual(expected);
    const before = setGoldilocksWasm(false);
    try {
      expect(glLinearCombinations(vs.map(from), coeffs).map(to)).toEqual(expected);
    } finally {
      setGoldilocksWasm(before);
    }
    expect(() => glLinearCombinations(vs.map(from), [[1n, 2n]])).toThrow(/2 coefficients for 3 vectors/);
    expect(() => glLinearCombinations([from(vs[0]!), from(vec(4, n - 1))], [[1n, 1n]])).toThrow(/vectors of 201 and 200 elements/);
  });
});

describe("powers kernel", () => {
  it("glPowersFast equals glPowers (the TypeScript recurrence), and refuses values outside the field", async () => {
    const { glPowers } = await import("./goldilocks.js");
    const { glPowersFast } = await import("./goldilocks-fast.js");
    for (const [x, n, start] of [
      [7n, 1000, 1n],
      [GL_P - 1n, 4096, 5n],
      [0x1234567890abcdefn % GL_P, 65536, GL_P - 2n],
      [0n, 100, 3n],
    ] as const)
      expect(glPowersFast(x, n, start)).toEqual(glPowers(x, n, start));
    expect(glPowersFast(3n, 0)).toEqual(glPowers(3n, 0));
    expect(() => glPowersFast(GL_P, 1000)).toThrow(/not a Goldilocks element/);
  });
});
