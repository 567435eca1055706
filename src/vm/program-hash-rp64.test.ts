// The Goldilocks program-hash preset: Winterfell's Rp64_256 constants (MDS·MDS⁻¹ = I) and its permutation test
// vector (7 rounds of [0, 1, …, 11], crypto/src/hash/rescue/rp64_256/tests.rs), reproduced by 7 noop steps.
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_FIELD as F } from "../math/prime-fields.js";
import { RP64_GOLDILOCKS } from "./hash-spec.js";
import { hashStep, programHash } from "./program-hash.js";
import { RP64_INV_MDS, RP64_MDS } from "./rp64-constants.js";
import { assemble } from "./assembler.js";

describe("rp64-goldilocks preset", () => {
  it("MDS · MDS⁻¹ = I", () => {
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) {
        let acc = 0n;
        for (let k = 0; k < 12; k++) acc += RP64_MDS[i]![k]! * RP64_INV_MDS[k]![j]!;
        expect(acc % F.modulus).toBe(i === j ? 1n : 0n);
      }
  });
  it("α·α⁻¹ ≡ 1 mod p − 1", () => {
    expect((RP64_GOLDILOCKS.alpha * RP64_GOLDILOCKS.invAlpha) % (F.modulus - 1n)).toBe(1n);
  });
  it("7 noop steps from [0 … 11] are Winterfell's Rp64_256 permutation (its test vector)", () => {
    let s: readonly bigint[] = Array.from({ length: 12 }, (_, i) => BigInt(i));
    for (let step = 0; step < 7; step++) s = hashStep(s, step, { op: "noop", value: 0n }, RP64_GOLDILOCKS);
    expect(s).toEqual([
      11084501481526603421n, 6291559951628160880n, 13626645864671311919n, 18397438323058963117n, 7443014167353970324n, 17930833023906771425n,
      4275355080008025761n, 7676681476902901785n, 3460534574143792217n, 11912731278641497187n, 8104899243369883110n, 674509706691634438n,
    ]);
  });
  it("a 4-element digest that depends on every immediate and on the 4-element salt", () => {
    const o = { immediates: "i16" as const, modulus: F.modulus };
    const h = programHash(assemble("read2\npush.3\nsmul", o), undefined, RP64_GOLDILOCKS);
    expect(h).toHaveLength(4);
    expect(programHash(assemble("read2\npush.4\nsmul", o), undefined, RP64_GOLDILOCKS)).not.toEqual(h);
    expect(programHash(assemble("read2\npush.3\nsmul", o), [1n, 0n, 0n, 0n], RP64_GOLDILOCKS)).not.toEqual(h);
    expect(() => programHash(assemble("read2\npush.3\nsmul", o), [1n, 2n], RP64_GOLDILOCKS)).toThrow(/4 canonical elements/);
  });
});
