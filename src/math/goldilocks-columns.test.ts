// Goldilocks columns (goldilocks-columns.ts): every operation agrees point by point with the scalar Goldilocks
// field on random vectors, scalars broadcast, nothing writes into its arguments, and what has no point-wise
// meaning is refused with a named error.
import { describe, expect, it } from "vitest";
import { ColumnFieldError, columnToVector, goldilocksColumns } from "./goldilocks-columns.js";
import { glFromBigints, glToBigints } from "./goldilocks.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD as G } from "./prime-fields.js";
import { columnField } from "./column-field.js";
import { primeField } from "./field.js";
import { GOLDILOCKS_QUADRATIC } from "./extension.js";
import { vectorOpsFor } from "./vector-ops.js";

const L = 37; // not a power of two: nothing relies on one
const rand = (seed: number): bigint[] =>
  Array.from({ length: L }, (_, i) => (BigInt(i + 1) * 0x9e3779b97f4a7c15n * BigInt(seed) + (i === 3 ? G.modulus - 1n : 0n)) % G.modulus);
const C = goldilocksColumns(L);
const values = (c: bigint | Uint32Array): bigint[] => glToBigints(columnToVector(c, L));

describe("Goldilocks columns", () => {
  const a = rand(3);
  const b = rand(7);
  const A = glFromBigints(a);
  const B = glFromBigints(b);
  it("add, sub, mul, sqr, neg, pow, inv, div agree point by point with the scalar field", () => {
    expect(values(C.add(A, B))).toEqual(a.map((x, i) => G.add(x, b[i]!)));
    expect(values(C.sub(A, B))).toEqual(a.map((x, i) => G.sub(x, b[i]!)));
    expect(values(C.mul(A, B))).toEqual(a.map((x, i) => G.mul(x, b[i]!)));
    expect(values(C.sqr(A))).toEqual(a.map((x) => G.sqr(x)));
    expect(values(C.neg(A))).toEqual(a.map((x) => G.neg(x)));
    for (const e of [0n, 1n, 2n, 7n, 13n]) expect(values(C.pow(A, e))).toEqual(a.map((x) => G.pow(x, e)));
    const nonZero = b.map((x) => (x === 0n ? 1n : x));
    const NZ = glFromBigints(nonZero);
    expect(values(C.inv(NZ))).toEqual(nonZero.map((x) => G.inv(x)));
    expect(values(C.div(A, NZ))).toEqual(a.map((x, i) => G.div(x, nonZero[i]!)));
    expect(values(C.pow(NZ, -3n))).toEqual(nonZero.map((x) => G.pow(x, -3n)));
  });
  it("scalars broadcast on either side and stay scalars among themselves", () => {
    const k = G.fromBigint(-5n);
    expect(values(C.mul(k, A))).toEqual(a.map((x) => G.mul(k, x)));
    expect(values(C.mul(A, k))).toEqual(a.map((x) => G.mul(k, x)));
    expect(values(C.add(k, A))).toEqual(a.map((x) => G.add(k, x)));
    expect(values(C.sub(k, A))).toEqual(a.map((x) => G.sub(k, x)));
    expect(values(C.sub(A, k))).toEqual(a.map((x) => G.sub(x, k)));
    expect(C.mul(3n, 5n)).toBe(15n);
    expect(C.add(G.modulus - 1n, 2n)).toBe(1n);
    expect(C.mul(A, 0n)).toBe(0n);
    expect(C.mul(1n, A)).toBe(A);
    expect(C.add(C.ZERO, A)).toBe(A);
  });
  it("writes into no argument", () => {
    const before = A.slice();
    C.add(A, B);
    C.mul(A, 9n);
    C.pow(A, 7n);
    C.neg(A);
    expect(A).toEqual(before);
  });
  it("eq and isZero compare every point; isValid needs the block length and canonical values", () => {
    expect(C.eq(A, glFromBigints(a))).toBe(true);
    expect(C.eq(A, B)).toBe(false);
    expect(C.isZero(C.sub(A, A))).toBe(true);
    expect(C.isZero(A)).toBe(false);
    expect(C.isValid(A)).toBe(true);
    expect(C.isValid(glFromBigints([1n]))).toBe(false);
    const big = A.slice();
    big[0] = 0xffffffff;
    big[1] = 0xffffffff;
    expect(C.isValid(big)).toBe(false);
  });
  it("refuses what has no point-wise meaning, and a column of another length", () => {
    expect(() => C.toBytes(A)).toThrow(ColumnFieldError);
    expect(() => C.fromBytes(new Uint8Array(8))).toThrow(/fromBytes has no point-wise meaning/);
    expect(() => C.rootOfUnity(3)).toThrow(ColumnFieldError);
    expect(() => C.toBigint(A)).toThrow(/toBigint of a vector/);
    expect(() => C.mul(A, glFromBigints([1n, 2n]))).toThrow(/a column of 2 points in a field of 37-point blocks/);
    expect(() => goldilocksColumns(0)).toThrow(/≥ 1 point/);
  });
});

describe("columns over the 128-bit primes (vector-ops.ts: f128-wasm kernels)", () => {
  it.each([
    ["f128", F128_FIELD],
    ["genSTARK", GENSTARK_FIELD],
  ] as const)("%s: add, sub, mul, pow, inv and broadcast scalars agree with the bigint field", (_, P) => {
    const ops = vectorOpsFor(P)!;
    expect(ops).toBeDefined();
    const xs = Array.from({ length: 13 }, (_, i) => (BigInt(i + 3) * 0x9e3779b97f4a7c15f39cc0605cedc835n + (i === 2 ? P.modulus - 1n : 0n)) % P.modulus);
    const ys = xs.map((x, i) => (x * 7n + BigInt(i) + 1n) % P.modulus || 1n);
    const C = columnField(ops, 13);
    const [A, B] = [ops.fromBigints(xs), ops.fromBigints(ys)];
    const vals = (c: bigint | Uint32Array) => (typeof c === "bigint" ? new Array<bigint>(13).fill(c) : ops.toBigints(c));
    expect(vals(C.add(A, B))).toEqual(xs.map((x, i) => P.add(x, ys[i]!)));
    expect(vals(C.sub(A, B))).toEqual(xs.map((x, i) => P.sub(x, ys[i]!)));
    expect(vals(C.mul(A, B))).toEqual(xs.map((x, i) => P.mul(x, ys[i]!)));
    expect(vals(C.pow(A, 5n))).toEqual(xs.map((x) => P.pow(x, 5n)));
    expect(vals(C.inv(B))).toEqual(ys.map((y) => P.inv(y)));
    expect(vals(C.sub(P.modulus - 2n, A))).toEqual(xs.map((x) => P.sub(P.modulus - 2n, x)));
    expect(C.isValid(A)).toBe(true);
  });
  it("fields without kernels have none: the caller falls back to bigints", () => {
    expect(vectorOpsFor(primeField(97n))).toBeUndefined();
    expect(vectorOpsFor(GOLDILOCKS_QUADRATIC as never)).toBeUndefined();
  });
});
