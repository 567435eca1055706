import { describe, expect, it } from "vitest";
import { GL_P } from "../math/goldilocks.js";
import { GOLDILOCKS_FIELD as F } from "../math/prime-fields.js";
import { type Challenge, challengeField } from "./fields.js";
import { baseFoldingConstants, foldLeaf, foldLeafBase } from "./fri.js";
import { GOLDILOCKS_CUBIC_CHALLENGE } from "./goldilocks-cubic.js";

let seed = 5n;
const rnd = (): bigint => {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 128n);
  return (seed ^ (seed >> 67n)) % GL_P;
};

describe("foldLeafBase (base-field point and constants) against foldLeaf", () => {
  const fields = [
    ["degree 1", challengeField(F, 1)],
    ["degree 2", challengeField(F, 2)],
    ["degree 3", challengeField(F, 3)],
    ["degree 3 (inlined)", GOLDILOCKS_CUBIC_CHALLENGE],
  ] as const;
  it.each(fields)("%s, folding factors 2, 4, 8", (_, C) => {
    const E = C.E;
    const el = (): Challenge => (C.degree === 1 ? rnd() : Array.from({ length: C.degree }, rnd));
    for (const f of [2, 4, 8]) {
      const k = baseFoldingConstants(F, f);
      for (let t = 0; t < 10; t++) {
        const values = Array.from({ length: f }, el);
        const x = t === 0 ? 1n : rnd() || 1n;
        const alpha = el();
        expect(foldLeafBase(E, C.mulBase, k, values, F.inv(x), alpha)).toEqual(foldLeaf(challengeField(F, C.degree).E, f, values, C.fromBase(x), alpha));
      }
    }
  });
});
