// Challenge-field vectors on every backend agree with the challenge field's own arithmetic, element by element.
import { describe, expect, it } from "vitest";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { type Challenge, challengeField } from "../fields.js";
import { type BackendName, ExtVectors, backendFor } from "./index.js";

const CASES = [
  ["Goldilocks", 1, "goldilocks"],
  ["Goldilocks", 2, "goldilocks"],
  ["Goldilocks", 3, "goldilocks"],
  ["Goldilocks", 3, "bigint"],
  ["f128", 1, "f128"],
  ["f128", 2, "f128"],
  ["f128", 2, "bigint"],
  ["genSTARK", 1, "f128"],
] as const;
const FIELD_BY_NAME = { Goldilocks: GOLDILOCKS_FIELD, f128: F128_FIELD, genSTARK: GENSTARK_FIELD } as const;

describe.each(CASES)("coordinate vectors of the %s challenge field of degree %i on the %s backend", (fieldName, d, name) => {
  const F = FIELD_BY_NAME[fieldName];
  const rnd = (i: number) => F.fromBigint(BigInt(i) * 0x9e3779b97f4a7c15f39cc0605cedc835n + 0x1234567n);
  const C = challengeField(F, d);
  const E = C.E;
  const backend = backendFor(F, name as BackendName);
  const ops = new ExtVectors(backend, C);
  const glFromBigints = (xs: readonly bigint[]) => backend.from(xs);
  const n = 70;
  const elem = (i: number): Challenge => (d === 1 ? rnd(i) : Array.from({ length: d }, (_, k) => rnd(i * 7 + k)));
  const a = Array.from({ length: n }, (_, i) => elem(i + 1));
  const b = Array.from({ length: n }, (_, i) => elem(1000 + i));
  const base = Array.from({ length: n }, (_, i) => rnd(5000 + i));
  const c = elem(99);
  const A = ops.fromChallenges(a);
  const B = ops.fromChallenges(b);
  it("round-trips and agrees with the scalar field on every operation", () => {
    expect(ops.toChallenges(A)).toEqual(a);
    expect(ops.toChallenges(ops.add(A, B))).toEqual(a.map((x, i) => E.add(x, b[i]!)));
    expect(ops.toChallenges(ops.sub(A, B))).toEqual(a.map((x, i) => E.sub(x, b[i]!)));
    expect(ops.toChallenges(ops.mul(A, B))).toEqual(a.map((x, i) => E.mul(x, b[i]!)));
    // an odd length exercises the kernels' scalar tail
    const odd = ops.mul(ops.fromChallenges(a.slice(0, 69)), ops.fromChallenges(b.slice(0, 69)));
    expect(ops.toChallenges(odd)).toEqual(a.slice(0, 69).map((x, i) => E.mul(x, b[i]!)));
    expect(ops.toChallenges(ops.mulConst(A, c))).toEqual(a.map((x) => E.mul(x, c)));
    expect(ops.toChallenges(ops.mulBase(A, glFromBigints(base)))).toEqual(a.map((x, i) => C.mulBase(x, base[i]!)));
    expect(ops.toChallenges(ops.invert(A))).toEqual(a.map((x) => E.inv(x)));
    const acc = ops.add(A, ops.combineBase([glFromBigints(base)], [[c]])[0]!);
    expect(ops.toChallenges(acc)).toEqual(a.map((x, i) => E.add(x, C.mulBase(c, base[i]!))));
    const [lin1, lin2] = ops.combineBase([glFromBigints(base), glFromBigints(a.map((_, i) => rnd(9000 + i)))], [
      [c, b[0]!],
      [b[1]!, c],
    ]);
    const other = a.map((_, i) => rnd(9000 + i));
    expect(ops.toChallenges(lin1!)).toEqual(base.map((x, i) => E.add(C.mulBase(c, x), C.mulBase(b[0]!, other[i]!))));
    expect(ops.toChallenges(lin2!)).toEqual(base.map((x, i) => E.add(C.mulBase(b[1]!, x), C.mulBase(c, other[i]!))));
    expect(ops.toChallenges(ops.constant(c, 3))).toEqual([c, c, c]);
    expect(ops.get(A, 5)).toEqual(a[5]);
    const P = ops.powers(c, n);
    let pw = E.ONE;
    const expectPowers: Challenge[] = [];
    for (let i = 0; i < n; i++) {
      expectPowers.push(pw);
      pw = E.mul(pw, c);
    }
    expect(ops.toChallenges(P)).toEqual(expectPowers);
    let horner = E.ZERO;
    for (let i = n - 1; i >= 0; i--) horner = E.add(E.mul(horner, c), C.fromBase(base[i]!));
    const base2 = base.map((x) => F.add(x, 17n));
    let horner2 = E.ZERO;
    for (let i = n - 1; i >= 0; i--) horner2 = E.add(E.mul(horner2, c), C.fromBase(base2[i]!));
    const Q = ops.powers(a[3]!, n);
    const hornerQ = (v: readonly bigint[]) => v.reduceRight<Challenge>((h, x) => E.add(E.mul(h, a[3]!), C.fromBase(x)), E.ZERO);
    expect(ops.dotBaseMany([glFromBigints(base), glFromBigints(base2)], [P, Q])).toEqual([
      [horner, horner2],
      [hornerQ(base), hornerQ(base2)],
    ]);
    let hornerE = E.ZERO;
    for (let i = n - 1; i >= 0; i--) hornerE = E.add(E.mul(hornerE, c), a[i]!);
    expect(ops.dot(A, P)).toEqual(hornerE);
  });
  it("divides by (X − z) exactly: quotient·(X − z) + P(z) = P", () => {
    const q = ops.toChallenges(ops.divByLinear(A, c));
    let value = E.ZERO;
    for (let i = n - 1; i >= 0; i--) value = E.add(E.mul(value, c), a[i]!);
    // coefficient i of q·(X − z) is q_(i−1) − z·q_i
    const back = a.map((_, i) => E.sub(i > 0 ? q[i - 1]! : E.ZERO, E.mul(c, q[i]!)));
    back[0] = E.add(back[0]!, value);
    expect(q[n - 1]).toEqual(E.ZERO);
    expect(back).toEqual(a);
  });
});
