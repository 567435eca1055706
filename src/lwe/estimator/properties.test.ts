// Property tests (fast-check) of the LWE estimator: monotonicity in n and in log q, and ordering of
// the cost models.
//
// Domain: n ∈ [256, 8192], log2 q ∈ [10, 250], σ_e = 3.19, secrets Gaussian / ternary / binary /
// CBD(3) / uniform mod q, m = n or ∞, restricted (fc.pre) to estimates in [50, 400] bits and to
// instances where the primal estimate is not "trapped" at d = β + 1 (see below). Outside this domain
// the properties do not hold for the lattice-estimator's model either, and we reproduce it:
//  - its local-minimum search over β (reproduced step by step) can stop in a local dip of the
//    MATZOV/BDGL16 cost where the lattice dimension d reaches β + 1 (the #SVP-call factor d − β
//    collapses there). This happens for small q relative to n, e.g. n = 400, q = 2^10, binary
//    secret, m = ∞: primal 2^151.5 at β = 467, d = 468 although β = 361 costs 2^130.3 — so
//    n = 401 (2^130.6, found correctly) looks "less secure" than n = 400. A trapped result is
//    recognisable by d ≤ β + 1 and only ever over-estimates, so it is excluded as the left-hand side;
//  - at the β = 40 floor (< 50 bits) d³ and #SVP-call factors make costs non-monotone;
//  - the dual's vector-length factor ρ depends on the model, so for absurd instances (n = 64,
//    log q = 6, ≈ 2^206 where the sample count dominates) the MATZOV dual undercuts core-SVP's.
// In this domain > 70 000 random and boundary samples showed no violation (see docs/lwe-estimator.md).
// These exact properties are stated for the primal uSVP and plain dual (PRIMAL_DUAL). The full set adds attacks whose
// optimisers are discrete searches over several parameters (ζ, h1, η, t, p): their minimum is monotone up to the
// searches' granularity, which the last property bounds (FULL_SET_SLACK).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CostModelName } from "./cost-models.js";
import { binary, cbd, type Distribution, gaussian, ternary, uniformMod } from "./distributions.js";
import { estimate, securityBits } from "./estimate.js";
import type { LweInstance } from "./instance.js";
import { primalUsvp } from "./primal.js";

const secrets: Distribution[] = [gaussian(3.19), ternary(), binary(), cbd(3), uniformMod()];
const arbSecret = fc.constantFrom(...secrets);
const arbModel = fc.constantFrom<CostModelName>("core-svp", "core-svp-quantum", "bdgl16", "matzov");
const arbMIsN = fc.boolean(); // true: m = n, false: m = ∞
const arbN = fc.integer({ min: 256, max: 8192 });
const arbLogQ = fc.double({ min: 10, max: 250, noNaN: true });
const error = gaussian(3.19);
const RUNS = 200;
const PRIMAL_DUAL = { attacks: ["primal-usvp", "dual"] } as const;
/** Bits the full set's minimum may move the wrong way through its searches' granularity (observed ≤ 0.1). */
const FULL_SET_SLACK = 0.5;
const inDomain = (bits: number): boolean => bits >= 50 && bits <= 400;
/** The β search stopped in the local dip at d = β + 1 (an over-estimate, see above). */
const trapped = (instance: LweInstance, model: CostModelName): boolean => {
  const p = primalUsvp(instance, model);
  return p.d <= p.beta + 1;
};

describe("properties", () => {
  it("security does not decrease with n (fixed q, σ)", () => {
    fc.assert(
      fc.property(arbN, fc.integer({ min: 1, max: 400 }), arbLogQ, arbSecret, arbMIsN, arbModel, (n, dn, logQ, secret, mIsN, model) => {
        const i1: LweInstance = { n, logQ, secret, error, m: mIsN ? n : Infinity };
        const s1 = securityBits(i1, model, PRIMAL_DUAL);
        fc.pre(inDomain(s1) && !trapped(i1, model));
        const s2 = securityBits({ n: n + dn, logQ, secret, error, m: mIsN ? n + dn : Infinity }, model, PRIMAL_DUAL);
        expect(s2).toBeGreaterThanOrEqual(s1);
      }),
      { numRuns: RUNS },
    );
  });

  it("security does not increase with log q (fixed n, σ)", () => {
    fc.assert(
      fc.property(arbN, fc.double({ min: 0.01, max: 10, noNaN: true }), arbLogQ, arbSecret, arbMIsN, arbModel, (n, dq, logQ, secret, mIsN, model) => {
        const m = mIsN ? n : Infinity;
        const s1 = securityBits({ n, logQ, secret, error, m }, model, PRIMAL_DUAL);
        const i2: LweInstance = { n, logQ: logQ + dq, secret, error, m };
        fc.pre(inDomain(s1) && !trapped(i2, model));
        const s2 = securityBits(i2, model, PRIMAL_DUAL);
        expect(s2).toBeLessThanOrEqual(s1);
      }),
      { numRuns: RUNS },
    );
  });

  it("core-SVP ≤ MATZOV and quantum core-SVP ≤ classical core-SVP (per attack and overall)", () => {
    fc.assert(
      fc.property(arbN, arbLogQ, arbSecret, arbMIsN, (n, logQ, secret, mIsN) => {
        const rep = estimate({ n, logQ, secret, error, m: mIsN ? n : Infinity }, PRIMAL_DUAL);
        const min = (model: CostModelName) => rep.minimum.find((x) => x.model === model)!.rop;
        const anyTrapped = rep.results.some((r) => r.attack === "primal-usvp" && r.d <= r.beta + 1);
        fc.pre(inDomain(min("matzov")) && !anyTrapped);
        for (const attack of ["primal-usvp", "dual"] as const) {
          const rop = (model: CostModelName) => rep.results.find((r) => r.attack === attack && r.model === model)!.rop;
          expect(rop("core-svp")).toBeLessThanOrEqual(rop("matzov"));
          expect(rop("core-svp-quantum")).toBeLessThanOrEqual(rop("core-svp"));
        }
        expect(min("core-svp")).toBeLessThanOrEqual(min("matzov"));
        expect(min("core-svp-quantum")).toBeLessThanOrEqual(min("core-svp"));
      }),
      { numRuns: RUNS },
    );
  });

  it("the full set: monotone in n and in log q up to its searches' granularity; core-SVP ≤ MATZOV overall", () => {
    fc.assert(
      fc.property(fc.integer({ min: 512, max: 4096 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 20, max: 120, noNaN: true }), fc.double({ min: 0.05, max: 5, noNaN: true }), fc.constantFrom(ternary(), cbd(3), gaussian(3.19)), (n, dn, logQ, dq, secret) => {
        const i: LweInstance = { n, logQ, secret, error, m: n };
        const s = estimate(i, { models: ["core-svp", "matzov"] }).minimum;
        fc.pre(inDomain(s[0]!.rop) && !trapped(i, "core-svp"));
        expect(securityBits({ ...i, n: n + dn, m: n + dn }, "core-svp")).toBeGreaterThanOrEqual(s[0]!.rop - FULL_SET_SLACK);
        expect(securityBits({ ...i, logQ: logQ + dq }, "core-svp")).toBeLessThanOrEqual(s[0]!.rop + FULL_SET_SLACK);
        expect(s[0]!.rop).toBeLessThanOrEqual(s[1]!.rop);
      }),
      { numRuns: 60 },
    );
  });
});
