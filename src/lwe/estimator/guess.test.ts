// guess_composition (guess.ts) against lattice-estimator estimator/lwe_guess.py and prob.py doctests
// (malb/lattice-estimator commit 27a581bb8e9d).
import { describe, expect, it } from "vitest";
import { cbd, gaussian, sparseTernary, ternary } from "./distributions.js";
import { log2AmplifyTrials, log2DropProbability, guessComposition, withFewerCoordinates } from "./guess.js";
import { type ResolvedInstance, normalizeInstance, resolveInstance } from "./instance.js";
import { primalUsvpResolved } from "./primal.js";

const kyberSparse = normalizeInstance(
  resolveInstance({ n: 512, logQ: Math.log2(3329), secret: sparseTernary(16, 16, 512), error: cbd(3), m: 512 }),
);

describe("guess_composition", () => {
  it(
    "lwe_guess.py guess_composition.__call__: >>> guess_composition(LWE.primal_usvp)(schemes.Kyber512.updated(Xs=ND.SparseTernary(16))) " +
      "→ rop: ≈2^102.4, red: ≈2^102.4, δ: 1.007632, β: 144, d: 483, tag: usvp, ↻: ≈2^31.8, ζ: 235, |S|: 1",
    () => {
      const g = guessComposition(kyberSparse, (sub) => primalUsvpResolved(normalizeInstance(sub), "matzov"));
      expect(Math.abs(g.rop - 102.4)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(g.inner!.red + g.repetitions - 102.4)).toBeLessThanOrEqual(0.05); // red is repeated too
      expect(g.inner!.beta).toBe(144);
      expect(g.inner!.d).toBe(483);
      expect(g.inner!.delta.toFixed(6)).toBe("1.007632");
      expect(Math.abs(g.repetitions - 31.8)).toBeLessThanOrEqual(0.05);
      expect(g.zeta).toBe(235);
      expect(g.searchSpace).toBe(0); // |S| = 1
    },
  );

  it("passes the attack the instance with n − ζ coordinates and the same sparse weight", () => {
    const sub = withFewerCoordinates(kyberSparse, 235);
    expect(sub.n).toBe(277);
    expect(sub.secret).toEqual({ kind: "sparseTernary", plus: 16, minus: 16, n: 277 });
    expect(sub.log2StddevSecret).toBeCloseTo(0.5 * Math.log2(32 / 277), 12);
  });

  it("dense Gaussian secret: base ∞, the estimator's ζ range is empty → +∞", () => {
    const inst = normalizeInstance(resolveInstance({ n: 256, logQ: 12, secret: gaussian(3), error: gaussian(3) }));
    const g = guessComposition(inst, (sub: ResolvedInstance) => primalUsvpResolved(sub, "matzov"));
    expect(g.rop).toBe(Infinity);
  });

  it("dense ternary secret: ↻ = 3^ζ", () => {
    const inst = normalizeInstance(resolveInstance({ n: 256, logQ: 12, secret: ternary(), error: gaussian(3), m: 512 }));
    const g = guessComposition(inst, (sub: ResolvedInstance) => primalUsvpResolved(sub, "core-svp"));
    expect(Number.isFinite(g.rop)).toBe(true);
    expect(g.repetitions).toBeCloseTo(g.zeta * Math.log2(3), 12);
    expect(g.rop).toBeCloseTo(g.inner!.rop + g.repetitions, 12);
  });

  it("sparse secrets with n ≤ 40: the estimator's ζ range [0, n − 40) is empty → +∞", () => {
    const inst = normalizeInstance(resolveInstance({ n: 40, logQ: 12, secret: sparseTernary(2, 2, 40), error: gaussian(3) }));
    expect(guessComposition(inst, (sub: ResolvedInstance) => primalUsvpResolved(sub, "matzov")).rop).toBe(Infinity);
  });
});

describe("prob.py helpers", () => {
  it("prob.py module doctest: guessing 16 coordinates of SparseTernary(16, 16, 512) all zero → 0.350436753852275", () => {
    expect(2 ** log2DropProbability(512, 32, 16, 0)).toBeCloseTo(0.350436753852275, 12);
  });

  it("prob.py module doctest: … with Hamming weight at most 1 → 0.736293996803598", () => {
    const p = 2 ** log2DropProbability(512, 32, 16, 0) + 2 ** log2DropProbability(512, 32, 16, 1);
    expect(p).toBeCloseTo(0.736293996803598, 12);
  });

  it("amplify: ⌈ln(0.01)/ln(1 − p)⌉ trials, 1 above the target, ∞ for p = 0", () => {
    expect(2 ** log2AmplifyTrials(Math.log2(0.5))).toBe(7); // ⌈4.605/0.693⌉ = 7
    expect(log2AmplifyTrials(Math.log2(0.995))).toBe(0);
    expect(log2AmplifyTrials(-Infinity)).toBe(Infinity);
    expect(log2AmplifyTrials(-1000)).toBeCloseTo(1000 + Math.log2(Math.log(100)), 9);
  });
});
