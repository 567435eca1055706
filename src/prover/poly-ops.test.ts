import { describe, expect, it } from "vitest";
import { exampleInstance } from "../air/examples/registry.js";
import { GOLDILOCKS_FIELD as F } from "../math/prime-fields.js";
import { seededRandom } from "../lwe/random.js";
import { challengeField } from "./fields.js";
import { DEFAULT_OPTIONS, FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, prove, verify } from "./index.js";
import { evaluateCosetChallenge, interpolateBase, interpolateCosetChallenge, ldeBase, ldeChallenge, setFastPolyOps } from "./poly-ops.js";
import { F128_FIELD, GENSTARK_FIELD } from "../math/prime-fields.js";

const rnd = (i: number) => F.fromBigint(BigInt(i) * 0x9e3779b97f4a7c15n + 0xabcdefn);

function both<T>(f: () => T): [T, T] {
  const fast = f();
  const before = setFastPolyOps(false);
  try {
    return [fast, f()];
  } finally {
    setFastPolyOps(before);
  }
}

describe("Goldilocks fast path of the prover's polynomial operations", () => {
  it.each([1, 2, 3])("agrees with the generic path (extension degree %i)", (d) => {
    const C = challengeField(F, d);
    const base = Array.from({ length: 32 }, (_, i) => rnd(i));
    const ext = base.map((_, i) => (d === 1 ? rnd(100 + i) : Array.from({ length: d }, (_, k) => rnd(200 + i * 3 + k))));
    const [a, b] = both(() => ldeBase(F, base, 8, F.generator));
    expect(a).toEqual(b);
    const [c, e] = both(() => ldeChallenge(F, C, ext, 4, F.generator));
    expect(c).toEqual(e);
    const [g, h] = both(() => interpolateCosetChallenge(F, C, c, F.generator));
    expect(g).toEqual(h);
    expect(g.slice(0, 32)).toEqual(ext); // interpolating the LDE gives back the coefficients
    const [u, v] = both(() => evaluateCosetChallenge(F, C, ext, 128, F.generator));
    expect(u).toEqual(v);
  });
  it.each([
    ["f128", F128_FIELD],
    ["genSTARK", GENSTARK_FIELD],
  ] as const)("the 128-bit kernels agree with the generic path over %s (interpolate, LDE, coset interpolation and evaluation)", (_, P) => {
    const C = challengeField(P, 1);
    const r = (i: number) => P.fromBigint(BigInt(i) * 0x9e3779b97f4a7c15f39cc0605cedc835n + 7n);
    const values = Array.from({ length: 32 }, (_, i) => r(i));
    const [a, b] = both(() => interpolateBase(P, values));
    expect(a).toEqual(b);
    const [c, d] = both(() => ldeBase(P, a, 8, P.generator));
    expect(c).toEqual(d);
    const [e, f] = both(() => interpolateCosetChallenge(P, C, c, P.generator));
    expect(e).toEqual(f);
    const odd = values.slice(0, 27); // not a power of two: zero knowledge's strides
    const [g, h] = both(() => evaluateCosetChallenge(P, C, odd, 128, P.generator));
    expect(g).toEqual(h);
  });
  it.each(["mimc", "rescue"])("%s over a 128-bit prime (genSTARK's, f128): constraints evaluated column-wise by the 128-bit WebAssembly kernels give byte-identical proofs", (name) => {
    const { trace, statement } = exampleInstance(name, 64);
    const o = { ...FAST_TEST_OPTIONS, fieldExtension: 1 as const };
    for (const opts of [o, { ...o, zeroKnowledge: true, blowup: 16 }]) {
      const [p, q] = both(() => prove(statement.air, trace, opts, { random: seededRandom(`f128-${name}`) }).bytes);
      expect(Buffer.from(p).equals(Buffer.from(q))).toBe(true);
      expect(verify(statement.air, p, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    }
  });
  it.each(["mimc-goldilocks", "wide32"])("%s proofs (with and without zero knowledge) are byte-identical with and without the fast path", (name) => {
    // wide32 has 32 assertions on one step: the fast path combines them from the coefficients
    const { trace, statement } = exampleInstance(name, 64);
    const zk = { ...FAST_TEST_OPTIONS, zeroKnowledge: true, blowup: 16 };
    for (const o of [FAST_TEST_OPTIONS, { ...DEFAULT_OPTIONS, grindingBits: 2 }, zk]) {
      const [p, q] = both(() => prove(statement.air, trace, o, { random: seededRandom(`identical-${name}`) }).bytes);
      expect(Buffer.from(p).equals(Buffer.from(q))).toBe(true);
      expect(verify(statement.air, p, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    }
  });
});
