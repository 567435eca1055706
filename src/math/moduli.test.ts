import { describe, expect, it } from "vitest";
import { F128, GOLDILOCKS, UnsupportedModulusError, getModulus } from "./moduli.js";

describe("prime moduli", () => {
  it("are the published primes", () => {
    expect(GOLDILOCKS.q).toBe(18446744069414584321n); // 2^64 − 2^32 + 1
    expect(F128.q).toBe(340282366920938463463374557953744961537n); // Winterfell f128 MODULUS
    expect(GOLDILOCKS.limbs).toBe(2);
    expect(F128.limbs).toBe(4);
    expect(GOLDILOCKS.log2q).toBeCloseTo(64, 6);
    expect(F128.log2q).toBeCloseTo(128, 6);
  });
  it("look up by id and value, and name what is supported otherwise", () => {
    expect(getModulus("f128")).toBe(F128);
    expect(getModulus(GOLDILOCKS.q)).toBe(GOLDILOCKS);
    expect(() => getModulus(97n)).toThrow(UnsupportedModulusError);
    expect(() => getModulus("babybear")).toThrow(/unsupported ciphertext modulus "babybear": expected one of goldilocks, f128/);
  });
});
