// The RPO sponge against every published multi-block vector (the specification's 128- and 160-bit instances and
// miden-crypto's two later parameter sets; sources in vectors.testkit.ts), merge, padding and domain separation,
// tampering, hex round trips, and refusal of non-canonical input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashInputError } from "../errors.js";
import { RPO_P } from "./constants.js";
import { deriveRoundConstants } from "./derive.js";
import { RPO_256_PERMUTATION, type RescueXlixParams } from "./permutation.js";
import {
  MIDEN_RPO_256,
  MIDEN_RPO_256_V0_11,
  RPO_256,
  RPO_SPONGES,
  type RpoSpongeSpec,
  hashElements,
  hashElementsWith,
  merge,
  mergeWith,
  rpoDigestFromHex,
  rpoDigestHex,
  spongePadding,
} from "./sponge.js";
import { MIDEN_HEAD_VECTORS, MIDEN_V0_20_VECTORS, SPEC_128_VECTORS, SPEC_160_MDS_ROW, SPEC_160_VECTORS } from "./vectors.testkit.js";

const p = RPO_P;
const element = fc.bigInt({ min: 0n, max: p - 1n });
const digest = fc.array(element, { minLength: 4, maxLength: 4 });
const upTo = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i));
const PRESETS = Object.values(RPO_SPONGES);

describe("published vectors: the digest of [0, 1, …, i] for 1 … 19 elements", () => {
  it.each([
    ["the specification (eprint 2022/1577 §3, 128-bit)", RPO_256, SPEC_128_VECTORS],
    ["miden-crypto v0.20.0", MIDEN_RPO_256_V0_11, MIDEN_V0_20_VECTORS],
    ["miden-crypto 475092a (≥ v0.21)", MIDEN_RPO_256, MIDEN_HEAD_VECTORS],
  ] as const)("%s", (_, spec, vectors) => {
    expect(vectors).toHaveLength(19);
    vectors.forEach((expected, i) => expect(hashElementsWith(spec, upTo(i + 1)), `${i + 1} elements`).toEqual(expected));
  });
  it("the default hashElements is the specification's sponge", () => {
    expect(hashElements(upTo(19))).toEqual(SPEC_128_VECTORS[18]);
    expect(hashElements(upTo(1))).toEqual(SPEC_128_VECTORS[0]);
  });
  it("the specification's 160-bit instance (width 16, capacity 6) runs on the same generic code", () => {
    const { ark1, ark2 } = deriveRoundConstants({ p, width: 16, capacity: 6, securityLevel: 160, rounds: 7 });
    const permutation: RescueXlixParams = { ...RPO_256_PERMUTATION, name: "RPO-160", width: 16, mdsRow: SPEC_160_MDS_ROW, ark1, ark2 };
    const spec160: RpoSpongeSpec = {
      id: "rpo-160",
      title: "the specification's 160-bit instance",
      permutation,
      capacity: upTo(6).map(Number),
      rate: upTo(16).slice(6).map(Number),
      digest: [6, 7, 8, 9, 10],
      padding: "rpo-spec",
    };
    SPEC_160_VECTORS.forEach((expected, i) => expect(hashElementsWith(spec160, upTo(i + 1)), `${i + 1} elements`).toEqual(expected));
  });
});

describe("merge (2-to-1)", () => {
  it("merge([0,1,2,3], [4,5,6,7]) is each table's 8-element vector", () => {
    const [a, b] = [upTo(4), upTo(8).slice(4)];
    expect(merge(a, b)).toEqual(SPEC_128_VECTORS[7]);
    expect(mergeWith(MIDEN_RPO_256_V0_11, a, b)).toEqual(MIDEN_V0_20_VECTORS[7]);
    expect(mergeWith(MIDEN_RPO_256, a, b)).toEqual(MIDEN_HEAD_VECTORS[7]);
  });
  it.each(PRESETS.map((s) => [s.id, s] as const))("%s: merge(a, b) = hashElements(a ‖ b) (miden-crypto's hash_elements_vs_merge)", (_, spec) => {
    fc.assert(
      fc.property(digest, digest, (a, b) => {
        expect(mergeWith(spec, a, b)).toEqual(hashElementsWith(spec, [...a, ...b]));
      }),
      { numRuns: 4 },
    );
  });
  it("is not symmetric and refuses digests that are not 4 canonical elements", () => {
    expect(merge(upTo(4), upTo(8).slice(4))).not.toEqual(merge(upTo(8).slice(4), upTo(4)));
    expect(() => merge(upTo(3), upTo(4))).toThrow("rpo-256 merge: left digest: length = 3: expected 4 elements");
    expect(() => merge(upTo(4), [0n, 0n, 0n, p])).toThrow(`rpo-256 merge: right digest: element 3 = ${p}`);
  });
});

describe("padding and domain separation", () => {
  it("the specification: capacity[0] = 1 and 1 0* appended only when the length is not a multiple of 8", () => {
    expect(spongePadding(RPO_256, 8)).toEqual({ domain: 0n, tail: [] });
    expect(spongePadding(RPO_256, 5)).toEqual({ domain: 1n, tail: [1n, 0n, 0n] });
    expect(spongePadding(RPO_256, 15)).toEqual({ domain: 1n, tail: [1n] });
    expect(spongePadding(MIDEN_RPO_256, 13)).toEqual({ domain: 5n, tail: [0n, 0n, 0n] });
    expect(spongePadding(MIDEN_RPO_256_V0_11, 0)).toEqual({ domain: 0n, tail: [] });
  });
  it("x ‖ 1 (8 elements, unpadded) and x (7 elements, padded to x ‖ 1) differ only by the domain bit, and hash apart", () => {
    const x = upTo(7).map((v) => v + 100n);
    expect(hashElements([...x, 1n])).not.toEqual(hashElements(x));
    expect(hashElements([5n])).not.toEqual(hashElements([5n, 1n]));
  });
  it.each(PRESETS.map((s) => [s.id, s] as const))("%s: trailing zeros change the digest (miden-crypto's hash_elements_padding)", (_, spec) => {
    const seen = new Set<string>();
    for (let n = 1; n <= 17; n++) seen.add(hashElementsWith(spec, [7n, ...new Array<bigint>(n - 1).fill(0n)]).join(","));
    expect(seen.size).toBe(17);
  });
  it("the empty input: refused by the specification; miden-crypto's presets give the zero digest (its hash_empty)", () => {
    expect(() => hashElements([])).toThrow(HashInputError);
    expect(() => hashElements([])).toThrow(/input length = 0: expected at least one element/);
    expect(hashElementsWith(MIDEN_RPO_256, [])).toEqual([0n, 0n, 0n, 0n]);
    expect(hashElementsWith(MIDEN_RPO_256_V0_11, [])).toEqual([0n, 0n, 0n, 0n]);
  });
});

describe("tampering, determinism, round trips", () => {
  it("changing any one element of a multi-block input changes the digest", () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 20 }), fc.nat(), element, (xs, at, v) => {
        const i = at % xs.length;
        fc.pre(xs[i] !== v);
        const ys = xs.slice();
        ys[i] = v;
        expect(hashElements(ys)).not.toEqual(hashElements(xs));
      }),
      { numRuns: 10 },
    );
  });
  it("is deterministic and leaves its input alone", () => {
    const xs = upTo(11);
    expect(hashElements(xs)).toEqual(hashElements(upTo(11)));
    expect(xs).toEqual(upTo(11));
  });
  it("digest hex round trips; malformed hex and non-canonical elements are refused", () => {
    fc.assert(
      fc.property(digest, (d) => {
        expect(rpoDigestFromHex(rpoDigestHex(d))).toEqual(d);
      }),
      { numRuns: 30 },
    );
    // p − 1 = 0xffffffff00000000: little-endian bytes 00 00 00 00 ff ff ff ff
    expect(rpoDigestHex([1n, 0n, 0n, p - 1n])).toBe(`0100000000000000${"0".repeat(32)}00000000ffffffff`);
    expect(() => rpoDigestFromHex("ab")).toThrow(/expected 64 hex digits/);
    expect(() => rpoDigestFromHex(`${"0".repeat(48)}ffffffffffffffff`)).toThrow(`RPO-256 digestFromHex: digest: element 3 = ${2n ** 64n - 1n}`);
  });
});

describe("non-canonical input", () => {
  it("is refused with the element's index and value, never reduced", () => {
    expect(() => hashElements([1n, 2n, p])).toThrow(HashInputError);
    expect(() => hashElements([1n, 2n, p])).toThrow(
      `rpo-256 hashElements: input: element 2 = ${p}: expected a canonical field element, an integer in [0, ${p})`,
    );
    expect(() => hashElements([-1n])).toThrow(/element 0 = -1/);
    expect(() => hashElements([1] as unknown as bigint[])).toThrow(/element 0 = 1: expected a canonical field element/);
    expect(() => hashElements("abc" as unknown as bigint[])).toThrow(/expected an array of field elements/);
  });
});
