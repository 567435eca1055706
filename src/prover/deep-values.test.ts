import { describe, expect, it } from "vitest";
import { BLAKE3_256 } from "../hash/blake3.js";
import { SHA_256 } from "../hash/sha256.js";
import { GOLDILOCKS_CUBIC } from "../math/extension.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { saltedLeafDigests } from "./zk.js";
import { type DeepInput, deepValues, deepValuesReference } from "./deep-values.js";
import { type Challenge, challengeField } from "./fields.js";
import { GOLDILOCKS_CUBIC_CHALLENGE } from "./goldilocks-cubic.js";
import { encodeRows, hashEqualLeaves } from "./leaf-bytes.js";

let seed = 12345n;
const next = (p: bigint) => {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 128n);
  return (seed ^ (seed >> 61n)) % p;
};

function input(F: typeof GOLDILOCKS_FIELD, degree: number, fastCubic: boolean, o: { w: number; aux: number; k: number; mask: boolean; queries: number }): DeepInput {
  const C = fastCubic ? GOLDILOCKS_CUBIC_CHALLENGE : challengeField(F, degree);
  const p = F.modulus;
  const el = (): Challenge => (degree === 1 ? next(p) : Array.from({ length: degree }, () => next(p)));
  const cols = o.w + o.aux;
  return {
    F,
    C,
    xs: Array.from({ length: o.queries }, () => next(p)),
    z: el(),
    zw: el(),
    w: o.w,
    traceRows: Array.from({ length: o.queries }, () => Array.from({ length: o.w }, () => next(p))),
    auxRows: o.aux ? Array.from({ length: o.queries }, () => Array.from({ length: o.aux }, el)) : [],
    compositionRows: Array.from({ length: o.queries }, () => Array.from({ length: o.k + (o.mask ? 1 : 0) }, el)),
    ood: { current: Array.from({ length: cols }, el), next: Array.from({ length: cols }, el), composition: Array.from({ length: o.k }, el) },
    gamma: Array.from({ length: 2 * cols + o.k + (o.mask ? 1 : 0) }, el),
    k: o.k,
    maskColumn: o.mask,
  };
}

describe("deepValues (batched) against the plain DEEP formula", () => {
  const shapes = [
    { w: 85, aux: 0, k: 3, mask: false, queries: 52 },
    { w: 7, aux: 3, k: 2, mask: true, queries: 9 },
    { w: 1, aux: 0, k: 1, mask: false, queries: 1 },
  ];
  it.each(shapes)("Goldilocks, every extension degree, fast and generic cubic field: %o", (shape) => {
    for (const [degree, fast] of [
      [1, false],
      [2, false],
      [3, false],
      [3, true],
    ] as const) {
      const d = input(GOLDILOCKS_FIELD, degree, fast, shape);
      const ref = deepValuesReference({ ...d, C: challengeField(GOLDILOCKS_FIELD, degree) });
      expect(deepValues(d)).toEqual(ref);
    }
  });
  it("f128 (no vector kernels)", () => {
    const d = input(F128_FIELD, 2, false, shapes[1]!);
    expect(deepValues(d)).toEqual(deepValuesReference(d));
  });
});

describe("leaf bytes and batched leaf digests", () => {
  it("encode rows exactly as F.toBytes per element and hash as one hash per leaf", () => {
    const E = GOLDILOCKS_CUBIC;
    const base = [Array.from({ length: 13 }, () => next(GOLDILOCKS_FIELD.modulus)), [GOLDILOCKS_FIELD.modulus - 1n, 0n, 1n, ...Array(10).fill(7n)]];
    const ext = [Array.from({ length: 4 }, () => [next(GOLDILOCKS_FIELD.modulus), 0n, GOLDILOCKS_FIELD.modulus - 1n])];
    const f128 = [Array.from({ length: 3 }, () => next(F128_FIELD.modulus))];
    const plain = <T>(F: { byteLength: number; toBytes(v: T): Uint8Array }, rows: T[][]) =>
      rows.map((r) => {
        const b = new Uint8Array(r.length * F.byteLength);
        r.forEach((v, j) => b.set(F.toBytes(v), j * F.byteLength));
        return b;
      });
    expect(encodeRows(GOLDILOCKS_FIELD, base)).toEqual(plain(GOLDILOCKS_FIELD, base));
    expect(encodeRows(E, ext)).toEqual(plain(E, ext));
    expect(encodeRows(F128_FIELD, f128)).toEqual(plain(F128_FIELD, f128));
    for (const hasher of [BLAKE3_256, SHA_256]) {
      const leaves = encodeRows(GOLDILOCKS_FIELD, base);
      const salts = leaves.map((_, i) => new Uint8Array(32).fill(i + 1));
      expect(hashEqualLeaves(hasher, leaves, [])).toEqual(saltedLeafDigests(hasher, leaves, []));
      expect(hashEqualLeaves(hasher, leaves, salts)).toEqual(saltedLeafDigests(hasher, leaves, salts));
      const uneven = [leaves[0]!, leaves[1]!.subarray(8)];
      expect(hashEqualLeaves(hasher, uneven, [])).toEqual(saltedLeafDigests(hasher, uneven, []));
      expect(hashEqualLeaves(hasher, [], [])).toEqual(new Uint8Array(0));
    }
  });
});
