// Red team (issue 11, item 6 — "a noise bound the decryptor can trust"): at the thesis presets Δ = 16 is not
// ⌊q/t⌋, so src/lwe/noise.ts `wrapDrift` returns 0 ("no wrap happens below q") and the statement bound
// (src/vm/noise-bound.ts) and the in-process provenance predict ZERO failure probability for every circuit. But
// nothing keeps Δ·M below q: a coefficient of 2^120 (eight range-checked 16-bit pushes multiplied, which
// circuitBound accepts because 2^120 < p/2) wraps Δ·M around q about 16 times, and each wrap shifts the phase by
// −(q mod Δ) = −1. Sixteen such shifts move the phase past Δ/2 = 8: decryption returns a wrong value with no
// error. A dishonest publisher can hide this in private weights; the user's `verify --decrypt` / collectResult
// prints the wrong value with exit 0.
//
// Secure behaviour asserted: under the bound the decryptor trusts, decrypt either refuses or returns M mod t
// (fixed: src/lwe/noise.ts predictCircuitNoise refuses a circuit whose Δ·M could reach q/2 when Δ ≠ ⌊q/t⌋).
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, getParams, keygen, mulScalar, seededRandom } from "../../src/lwe/index.js";
import { assemble } from "../../src/vm/assembler.js";
import { execute, lweAlgebra } from "../../src/vm/executor.js";
import { hashSpecFor } from "../../src/vm/inference.js";
import { OPCODES, immediateBitsOf } from "../../src/vm/isa.js";
import { circuitBound, statementNoise } from "../../src/vm/noise-bound.js";

/** decrypt's answer, or the name of the error it refused with. */
const attempt = (f: () => bigint): bigint | string => {
  try {
    return f();
  } catch (e) {
    return (e as Error).name;
  }
};

describe("thesis-u8: a q-wrap the noise bound does not see", () => {
  const params = getParams("thesis-u8");
  const spec = hashSpecFor(params);
  const p = spec.field.modulus;
  const rnd = seededRandom("redteam-thesis-wrap");
  const { publicKey, secretKey } = keygen(params, rnd);
  const t = BigInt(params.plaintextModulus);
  const m = 255n;
  const x = encrypt(publicKey, m, rnd);

  it("private weight (−2^15)^8 = 2^120 built from range-checked pushes: statement bound says 'never fails', decryption is wrong", () => {
    const src = ["read2", ...Array.from({ length: 8 }, () => "push.-32768"), ...Array.from({ length: 7 }, () => "mul"), "smul"].join("\n");
    const prog = assemble(src, { immediates: "i16", modulus: p });
    const opcodes = prog.instructions.map((i) => OPCODES[i.op]);
    const bits = immediateBitsOf(prog.instructions, p);
    expect(bits).toBe(16);
    // the verifier's view: a coefficient bound follows (no scalar reaches p/2); the prediction must see that Δ·M
    // can wrap around q (it used to predict no failure at all)
    expect(circuitBound(params, opcodes, [], 1, bits).coefficients).toEqual([1n << 120n]);
    const noise = statementNoise({ params, opcodes, publicValues: [], inputs: [x], immediateBits: bits });
    expect(noise.log2FailureProbability).toBeGreaterThan(-40);
    // what the node honestly computes (the executor the prover traces)
    const { output } = execute(spec.field, prog, { publicValues: [], ciphertexts: [x] }, lweAlgebra(params));
    const expected = (m * (1n << 120n)) % t; // = 0
    const got = attempt(() => decrypt(secretKey, output, { noise }));
    // secure: refused, or the right value. Now: 255, silently.
    expect([expected, "NoiseBudgetError"]).toContain(got);
  });

  it("in-process provenance: mulScalar(enc(255), 2^125) decrypts to a wrong value without NoiseBudgetError", () => {
    const y = mulScalar(x, 1n << 125n);
    const expected = (m << 125n) % t; // = 0
    const got = attempt(() => decrypt(secretKey, y));
    expect([expected, "NoiseBudgetError"]).toContain(got);
  });
});
