// The backend interface (issue 14, item 1): every typed backend computes exactly what the bigint reference computes,
// operation by operation, and the one prover makes byte-identical proofs on every backend — with and without zero
// knowledge, with an auxiliary segment, over Goldilocks (with its extensions) and the 128-bit primes.
import { describe, expect, it } from "vitest";
import { exampleInstance } from "../../air/examples/registry.js";
import { permutationAir, permutationTrace, permutationTraceLength } from "../../air/examples/permutation.js";
import { seededRandom } from "../../lwe/random.js";
import { lowDegreeExtend } from "../../math/domain.js";
import type { Field } from "../../math/field.js";
import { intt, ntt } from "../../math/ntt.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { ProverError } from "../errors.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, type ProofOptions, prove, verify } from "../index.js";
import type { Trace, Air } from "../../air/air.js";
import { type Backend, type BackendName, backendFor, backendsFor } from "./index.js";

const FIELDS = [
  ["Goldilocks", "goldilocks"],
  ["f128", "f128"],
  ["genSTARK", "f128"],
] as const;
const FIELD_BY_NAME = { Goldilocks: GOLDILOCKS_FIELD, f128: F128_FIELD, genSTARK: GENSTARK_FIELD } as const;

function randomVector(F: Field<bigint>, n: number, seed: number): bigint[] {
  return Array.from({ length: n }, (_, i) => F.fromBigint(BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc835n + BigInt(seed) * 0x1234567n));
}

describe.each(FIELDS)("the %s field's %s backend agrees with the bigint reference on every operation", (fieldName, name) => {
  const F = FIELD_BY_NAME[fieldName];
  const B = backendFor(F, name) as Backend<unknown>;
  const R = backendFor(F, "bigint") as Backend<unknown>;
  const n = 64;
  const a = randomVector(F, n, 1);
  const b = randomVector(F, n, 2);
  const c = randomVector(F, 1, 3)[0]!;
  const both = <T>(f: (X: Backend<unknown>) => T): [T, T] => [f(B), f(R)];
  const vals = (X: Backend<unknown>, v: unknown) => X.to(v);
  it("vectors: conversion, slices, windows, tiles, zero tests", () => {
    for (const X of [B, R]) {
      const v = X.from(a);
      expect(X.to(v)).toEqual(a);
      expect(X.length(v)).toBe(n);
      expect(X.get(v, 7)).toBe(a[7]);
      expect(X.to(X.slice(v, 3, 9))).toEqual(a.slice(3, 9));
      expect(X.to(X.window(v, n - 2, 5))).toEqual([...a.slice(n - 2), ...a.slice(0, 3)]);
      expect(X.to(X.window(v, 5, 4))).toEqual(a.slice(5, 9));
      expect(X.to(X.concat([X.from(a.slice(0, 3)), X.from(b.slice(0, 2))]))).toEqual([...a.slice(0, 3), ...b.slice(0, 2)]);
      expect(X.to(X.tile(X.from(a.slice(0, 4)), 12))).toEqual([...a.slice(0, 4), ...a.slice(0, 4), ...a.slice(0, 4)]);
      expect(X.to(X.stride(v, 4))).toEqual(a.filter((_, i) => i % 4 === 0));
      expect(X.to(X.zeros(3))).toEqual([0n, 0n, 0n]);
      expect(X.to(X.constant(c, 3))).toEqual([c, c, c]);
      expect(X.zeroFrom(X.concat([X.from(a.slice(0, 4)), X.zeros(4)]), 4)).toBe(true);
      expect(X.zeroFrom(X.concat([X.from(a.slice(0, 4)), X.zeros(4)]), 3)).toBe(false);
    }
  });
  it("arithmetic, powers, linear combinations and inner products", () => {
    const pair = (op: (X: Backend<unknown>, x: unknown, y: unknown) => unknown) => both((X) => vals(X, op(X, X.from(a), X.from(b))));
    for (const op of [
      (X: Backend<unknown>, x: unknown, y: unknown) => X.add(x, y),
      (X: Backend<unknown>, x: unknown, y: unknown) => X.sub(x, y),
      (X: Backend<unknown>, x: unknown, y: unknown) => X.mul(x, y),
      (X: Backend<unknown>, x: unknown) => X.scale(x, c),
      (X: Backend<unknown>, x: unknown, y: unknown) => X.axpy(x, y, c),
      (X: Backend<unknown>, x: unknown) => X.batchInverse(x),
    ]) {
      const [fast, ref] = pair(op);
      expect(fast).toEqual(ref);
    }
    expect(R.to(R.mul(R.from(a), R.batchInverse(R.from(a))))).toEqual(new Array(n).fill(1n));
    const [p, q] = both((X) => X.to(X.powers(c, 37, b[0]!)));
    expect(p).toEqual(q);
    expect(q[2]).toBe(F.mul(b[0]!, F.mul(c, c)));
    const [l, m] = both((X) => X.linearCombinations([X.from(a), X.from(b)], [[c, 1n], [0n, b[5]!]]).map((v) => X.to(v)));
    expect(l).toEqual(m);
    expect(m[0]![4]).toBe(F.add(F.mul(c, a[4]!), b[4]!));
    const [ip, iq] = both((X) => X.innerProducts([X.from(a), X.from(b)], [X.from(b), X.from(a)]));
    expect(ip).toEqual(iq);
    expect(iq[0]![0]).toBe(a.reduce((s, x, i) => F.add(s, F.mul(x, b[i]!)), 0n));
  });
  it("polynomials: interpolation, evaluation and coset extension equal ntt.ts and domain.ts", () => {
    const [coeffs] = both((X) => X.interpolateMany([X.from(a)]).map((v) => X.to(v)));
    expect(coeffs).toEqual([intt(F, a)]);
    expect(B.to(B.evaluate(B.from(coeffs![0]!)))).toEqual(a);
    expect(ntt(F, coeffs![0]!)).toEqual(a);
    for (const blowup of [2, 8]) {
      const [lde, ref] = both((X) => X.cosetLdeMany([X.from(a), X.from(b)], blowup, F.generator).map((v) => X.to(v)));
      expect(lde).toEqual(ref);
      expect(ref[1]).toEqual(lowDegreeExtend(F, b, blowup, F.generator));
    }
  });
  it("rows: packed bytes are F.toBytes of each row's elements", () => {
    const [fast, ref] = both((X) => X.packRows([X.from(a), X.from(b)]));
    expect(Buffer.from(fast).equals(Buffer.from(ref))).toBe(true);
    expect([...ref.subarray(F.byteLength, 2 * F.byteLength)]).toEqual([...F.toBytes(b[0]!)]);
  });
});

describe("choosing a backend", () => {
  it("each field gets its fastest backend; naming one it cannot use is a clear error", () => {
    expect(backendFor(GOLDILOCKS_FIELD).name).toBe("goldilocks");
    expect(backendFor(F128_FIELD).name).toBe("f128");
    expect(backendFor(GENSTARK_FIELD).name).toBe("f128");
    expect(backendsFor(F128_FIELD)).toEqual(["bigint", "f128"]);
    expect(() => backendFor(F128_FIELD, "goldilocks")).toThrow(ProverError);
    expect(() => backendFor(F128_FIELD, "goldilocks")).toThrow(/goldilocks backend cannot compute over f128.*bigint, f128/);
    expect(() => backendFor(GOLDILOCKS_FIELD, "cuda" as BackendName)).toThrow(/backends: bigint, goldilocks, f128/);
  });
});

/** Proves on every backend the field has; returns the proofs' bytes after checking they verify. */
function proveOnEach(air: Air, trace: Trace, options: ProofOptions, seed: string): Buffer[] {
  return backendsFor(air.field).map((backend) => {
    const bytes = prove(air, trace, options, { random: seededRandom(seed), backend }).bytes;
    expect(verify(air, bytes, { policy: INSECURE_TEST_POLICY }), backend).toMatchObject({ ok: true });
    return Buffer.from(bytes);
  });
}

const ZK = { zeroKnowledge: true, blowup: 16 } as const;

describe("one prover, every backend: byte-identical proofs", () => {
  it.each([
    ["mimc-goldilocks", 1],
    ["wide32", 1],
    ["wide32", 3],
    ["mimc", 1],
    ["rescue", 1],
    ["rescue", 2],
  ] as const)("%s (extension degree %i), with and without zero knowledge", (name, fieldExtension) => {
    const { trace, statement } = exampleInstance(name, 64);
    const o = { ...FAST_TEST_OPTIONS, fieldExtension };
    for (const options of [o, { ...o, ...ZK }]) {
      const proofs = proveOnEach(statement.air, trace, options, `backends-${name}`);
      expect(proofs.length).toBe(2);
      expect(proofs[0]!.equals(proofs[1]!)).toBe(true);
    }
  });
  it.each([
    ["Goldilocks", 2],
    ["f128", 2],
    ["genSTARK", 1],
  ] as const)("an auxiliary segment (the permutation argument) over %s, extension degree %i, with and without zero knowledge", (fieldName, fieldExtension) => {
    const F = FIELD_BY_NAME[fieldName];
    const a = Array.from({ length: 40 }, (_, i) => BigInt(i * 7 + 1));
    const b = [...a].reverse();
    const air = permutationAir(F, permutationTraceLength(a.length), { padding: 0n });
    const trace = permutationTrace(F, a, b);
    const o = { ...FAST_TEST_OPTIONS, fieldExtension, queries: 8 };
    for (const options of [o, { ...o, ...ZK }]) {
      const proofs = proveOnEach(air, trace, options, "backends-aux");
      expect(proofs[0]!.equals(proofs[1]!)).toBe(true);
    }
  });
});

describe("the composition's evaluation domain", () => {
  it.each(["bigint", "goldilocks"] as const)(
    "attack: a trace breaking a transition, proved without validation where H just fills its evaluation domain (no zero coefficients to check), is refused on the %s backend",
    (backend) => {
      // MiMC has degree 3: H has 2n coefficients and is evaluated on 2n points (blowup 8 → a quarter of the LDE)
      const { trace, statement } = exampleInstance("mimc-goldilocks", 64);
      const bad = trace.map((c) => [...c]);
      bad[0]![20] = GOLDILOCKS_FIELD.add(bad[0]![20]!, 1n);
      const o = { ...FAST_TEST_OPTIONS, blowup: 8 };
      expect(() => prove(statement.air, bad, o, { validate: false, backend })).toThrow(/composition polynomial has degree ≥ 128: the trace does not satisfy/);
      expect(() => prove(statement.air, trace, o, { backend })).not.toThrow();
    },
  );
});
