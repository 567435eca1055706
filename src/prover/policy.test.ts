// The verifier's security policy: both floors are enforced, the figures come from the verifier's own computation
// on the proof's options (never a number the prover wrote), and the named policies are what the docs say.
import { describe, expect, it } from "vitest";
import { mimc, mimcAir, mimcTrace } from "../air/examples/mimc.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { DEFAULT_OPTIONS, GOLDILOCKS_96, STRICT_OPTIONS, ZK_OPTIONS, proofOptions } from "./options.js";
import { BENCHMARK_96_POLICY, DEFAULT_POLICY, INSECURE_TEST_POLICY, POLICIES, STRICT_POLICY, UnknownPolicyError, getPolicy, judgeSecurity } from "./policy.js";
import { prove } from "./prover.js";
import { verify } from "./verifier.js";

const F = GOLDILOCKS_FIELD;
const air = mimcAir(F, 1024, { seed: 3n, result: mimc(F, 1024, 3n) });

describe("named policies", () => {
  it("are the documented floors, looked up by name", () => {
    expect(DEFAULT_POLICY).toMatchObject({ minConjecturedBits: 100, minProvenBits: 64 });
    expect(STRICT_POLICY).toMatchObject({ minProvenBits: 100 });
    expect(Object.keys(POLICIES)).toEqual(["default", "strict", "benchmark-96", "insecure-test"]);
    expect(getPolicy("strict")).toBe(STRICT_POLICY);
    expect(() => getPolicy("lax")).toThrow(UnknownPolicyError);
    expect(() => getPolicy("lax")).toThrow(/unknown security policy "lax": expected one of default, strict/);
  });
});

describe("judgeSecurity", () => {
  it("the default options pass the default policy with margin on both figures; the strict options pass strict", () => {
    const d = judgeSecurity(DEFAULT_POLICY, air, DEFAULT_OPTIONS);
    expect(d).toMatchObject({ ok: true, conjecturedBits: 128 });
    expect(d.provenBits - DEFAULT_POLICY.minProvenBits).toBeGreaterThanOrEqual(15);
    expect(judgeSecurity(DEFAULT_POLICY, air, ZK_OPTIONS)).toMatchObject({ ok: true });
    expect(judgeSecurity(STRICT_POLICY, air, STRICT_OPTIONS).ok).toBe(true);
    expect(judgeSecurity(STRICT_POLICY, air, DEFAULT_OPTIONS)).toMatchObject({ ok: false, reason: expect.stringMatching(/bits proven \(list decoding\); policy "strict" requires ≥ 100/) });
  });
  it("blowup 4, 51 queries, no grinding: ≥ 100 conjectured bits but under 64 proven — the proven floor refuses it", () => {
    const weak = proofOptions({ blowup: 4, queries: 51, grindingBits: 0, fieldExtension: 3 });
    const v = judgeSecurity(DEFAULT_POLICY, air, weak);
    expect(v.conjecturedBits).toBeGreaterThanOrEqual(100);
    expect(v.provenBits).toBeLessThan(64);
    expect(v.provenUniqueDecodingBits).toBeLessThan(40);
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/give \d+ bits proven \(list decoding\); policy "default" requires ≥ 64/) });
  });
  it("GOLDILOCKS_96 passes only the benchmark policy; the insecure test policy accepts anything", () => {
    expect(judgeSecurity(DEFAULT_POLICY, air, GOLDILOCKS_96)).toMatchObject({ ok: false, reason: expect.stringMatching(/97 bits conjectured; policy "default" requires ≥ 100/) });
    expect(judgeSecurity(BENCHMARK_96_POLICY, air, GOLDILOCKS_96).ok).toBe(true);
    expect(judgeSecurity(INSECURE_TEST_POLICY, air, proofOptions({ blowup: 8, queries: 1, grindingBits: 0, fieldExtension: 1 })).ok).toBe(true);
  });
});

describe("the verifier applies the policy it is given, not one the proof chooses", () => {
  const weak = proofOptions({ blowup: 4, queries: 51, grindingBits: 0, fieldExtension: 3 });
  const { bytes } = prove(air, mimcTrace(F, 1024, 3n), weak);
  it("a proof with weak options is refused by default and by name, accepted only under a policy that asks less", () => {
    expect(verify(air, bytes)).toMatchObject({ ok: false, check: "security" });
    expect(verify(air, bytes, { policy: STRICT_POLICY })).toMatchObject({ ok: false, check: "security" });
    expect(verify(air, bytes, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: true, policy: "insecure-test" });
  });
  it("a valid proof reports both figures and the policy applied", () => {
    const good = prove(air, mimcTrace(F, 1024, 3n), DEFAULT_OPTIONS).bytes;
    expect(verify(air, good)).toMatchObject({ ok: true, securityBits: 128, policy: "default", provenBits: expect.any(Number) });
  });
});
