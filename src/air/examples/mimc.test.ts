// MiMC AIR as genSTARK's example: round constants against AirAssembly's sha256prng, the 2^10-step known answer,
// wrong public input, tampered trace; the Goldilocks variant.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { TraceValidationError } from "../errors.js";
import { cloneTrace } from "../trace.js";
import { checkAir, measureTransitionDegrees, validateTrace } from "../validate.js";
import { MIMC_CONSTRAINTS, MIMC_SEED, mimc, mimcAir, mimcRoundConstants, mimcTrace, sha256Prng } from "./mimc.js";

/**
 * Known answer: MiMC over p = 2^128 − 9·2^32 + 1, x_0 = 3, 2^10 steps (1024 rows, 1023 rounds), as genSTARK's
 * examples/mimc/mimc128.ts with `steps = 2**10` (value given in the issue; reproduced here).
 */
const GENSTARK_MIMC_2_10 = 83467339840976801932585435255116119081n;

/** AirAssembly lib/utils.ts `sha256prng`, transcribed with Node's crypto and Buffer exactly as the source does it. */
function airAssemblySha256Prng(seed: Buffer, count: number, modulus: bigint): bigint[] {
  const values: bigint[] = [];
  const vSeed = Buffer.concat([Buffer.from([0, 0]), seed]);
  for (let i = 0; i < count; i++) {
    vSeed.writeUInt16BE(i + 1, 0);
    const value = createHash("sha256").update(vSeed).digest();
    values[i] = BigInt(`0x${value.toString("hex")}`) % modulus; // galois PrimeField.add(x, 0n) = mod(x + 0)
  }
  return values;
}

function catchError(f: () => void): TraceValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceValidationError);
    return e as TraceValidationError;
  }
  throw new Error("expected a TraceValidationError");
}

describe("MiMC round constants (genSTARK prng(sha256, 0x4d694d43, 64))", () => {
  it("match a transcription of AirAssembly's sha256prng, over both fields", () => {
    for (const F of [GENSTARK_FIELD, GOLDILOCKS_FIELD]) {
      expect(mimcRoundConstants(F)).toEqual(airAssemblySha256Prng(Buffer.from("4d694d43", "hex"), 64, F.modulus));
    }
  });
  it("are SHA-256(uint16_be(i + 1) ‖ 'MiMC') big-endian mod p", () => {
    const c = mimcRoundConstants(GENSTARK_FIELD);
    expect(c).toHaveLength(64);
    expect(c[0]).toBe(119610462973358718713365856263491066139n);
    expect(c[63]).toBe(321225046434211535129373458313358251744n);
    expect(new TextDecoder().decode(Uint8Array.of(0x4d, 0x69, 0x4d, 0x43))).toBe("MiMC");
    expect(sha256Prng(GENSTARK_FIELD, new Uint8Array(), 0)).toEqual([]);
    expect(() => sha256Prng(GENSTARK_FIELD, new Uint8Array(), 65536)).toThrow(RangeError);
  });
});

describe("MiMC AIR over genSTARK's field", () => {
  const F = GENSTARK_FIELD;
  const steps = 1024;

  it(`2^10 steps end at genSTARK's ${GENSTARK_MIMC_2_10}: 1024 trace rows, 1023 rounds`, () => {
    const trace = mimcTrace(F, steps);
    expect(trace[0]![0]).toBe(MIMC_SEED);
    expect(trace[0]![steps - 1]).toBe(GENSTARK_MIMC_2_10);
    expect(mimc(F, steps)).toBe(GENSTARK_MIMC_2_10);
    // the other reading ("1024 applications", a 1025th row) gives a different number
    const c = mimcRoundConstants(F);
    expect(F.add(F.pow(GENSTARK_MIMC_2_10, 3n), c[1023 % 64]!)).not.toBe(GENSTARK_MIMC_2_10);
  });

  it("the trace follows x' = x³ + c[step mod 64] and validates", () => {
    const trace = mimcTrace(F, 128);
    const c = mimcRoundConstants(F);
    for (let i = 0; i < 127; i++) expect(trace[0]![i + 1]).toBe(F.add(F.pow(trace[0]![i]!, 3n), c[i % 64]!));
    const air = mimcAir(F, steps, { seed: MIMC_SEED, result: GENSTARK_MIMC_2_10 });
    expect(() => checkAir(air)).not.toThrow();
    expect(measureTransitionDegrees(air).main).toEqual([3]);
    expect(() => validateTrace(air, mimcTrace(F, steps))).not.toThrow();
  });

  it("x ↦ x³ is a permutation here: 3 does not divide p − 1", () => {
    expect((F.modulus - 1n) % 3n).not.toBe(0n);
  });

  it("a wrong public result fails the last-step assertion", () => {
    const air = mimcAir(F, steps, { seed: MIMC_SEED, result: F.add(GENSTARK_MIMC_2_10, 1n) });
    const err = catchError(() => validateTrace(air, mimcTrace(F, steps)));
    expect(err.kind).toBe("assertion");
    expect(err.index).toBe(1);
    expect(err.step).toBe(1023);
    expect(err.message).toContain("assertion 1: column x (main) at step 1023 = 83467339840976801932585435255116119082 fails");
    // and a wrong seed fails the first assertion
    const seedAir = mimcAir(F, steps, { seed: 4n, result: GENSTARK_MIMC_2_10 });
    expect(catchError(() => validateTrace(seedAir, mimcTrace(F, steps))).index).toBe(0);
  });

  it("a tampered cell fails the transition constraint at the step before it", () => {
    const air = mimcAir(F, steps, { seed: MIMC_SEED, result: GENSTARK_MIMC_2_10 });
    const t = cloneTrace(mimcTrace(F, steps));
    t[0]![500] = F.add(t[0]![500]!, 1n);
    const err = catchError(() => validateTrace(air, t));
    expect(err.kind).toBe("transition");
    expect(err.constraint).toBe(MIMC_CONSTRAINTS[0]);
    expect(err.step).toBe(499);
    expect(err.actual).toBe(1n);
    expect(err.message).toContain(`transition constraint 0 "x' − (x³ + c) = 0" fails at step 499 (rows 499 → 500)`);
  });

  it("needs at least one full round-constant cycle (64 steps)", () => {
    expect(() => mimcTrace(F, 32)).toThrow(/power of two ≥ 64/);
    expect(() => mimcAir(F, 32, { seed: 3n, result: 0n })).toThrow(/power of two ≥ 64/);
  });
});

describe("MiMC recurrence over Goldilocks (speed comparisons)", () => {
  const F = GOLDILOCKS_FIELD;
  it("uses the same SHA-256 constants reduced mod the Goldilocks prime and validates", () => {
    const big = airAssemblySha256Prng(Buffer.from("4d694d43", "hex"), 64, 1n << 256n);
    expect(mimcRoundConstants(F)).toEqual(big.map((x) => x % F.modulus));
    const result = mimc(F, 256);
    const air = mimcAir(F, 256, { seed: MIMC_SEED, result });
    expect(() => checkAir(air)).not.toThrow();
    expect(() => validateTrace(air, mimcTrace(F, 256))).not.toThrow();
  });
  it("is not a MiMC permutation there: 3 | p − 1, so x and ωx (ω³ = 1) have the same cube", () => {
    expect((F.modulus - 1n) % 3n).toBe(0n);
    const omega = F.pow(F.generator, (F.modulus - 1n) / 3n);
    expect(omega).not.toBe(1n);
    const x = 123456789n;
    expect(F.pow(F.mul(omega, x), 3n)).toBe(F.pow(x, 3n));
  });
});
