// Tests of the Explore screen's computation (explore-model.ts): the figures are the project's own (security.ts,
// noise.ts, params.ts) presented faithfully, the limiting attack is the minimum, and the result is plain data.
import { describe, expect, it } from "vitest";
import { LweParameterError, type LweParams, PRESETS, ciphertextBytes, getParams, maxCircuitNorm, paramsSecurity, publicKeyBytes } from "../../src/lwe/index.js";
import { COST_MODEL_NAMES } from "../../src/lwe/estimator/index.js";
import { type ExploreResult, HEADLINE_MODEL, explore } from "./explore-model.js";

const goldilocks = getParams("goldilocks-128");
const custom = (patch: Partial<LweParams>): LweParams => ({ ...goldilocks, id: "custom", title: "custom", ...patch });
const result: ExploreResult = explore(goldilocks);

describe("explore: security", () => {
  it("names a limiting attack under the core-SVP model whose bits are the minimum over every attack", () => {
    const { limiting, perAttack } = result.security;
    expect(limiting.model).toBe(HEADLINE_MODEL);
    const bits = perAttack.filter((a) => a.model === limiting.model && a.bits !== null).map((a) => a.bits!);
    expect(bits.length).toBeGreaterThan(5);
    expect(limiting.bits).toBe(Math.min(...bits));
    const named = perAttack.find((a) => a.model === limiting.model && a.attack === limiting.attack)!;
    expect(named.bits).toBe(limiting.bits);
    expect(named.instance).toBe(limiting.instance);
  });

  it("agrees with paramsSecurity and the preset's claim, for every cost model", () => {
    const reference = paramsSecurity(goldilocks);
    expect(result.security.byModel.map((b) => b.model)).toEqual([...COST_MODEL_NAMES]);
    for (const ref of reference.byModel) {
      const mine = result.security.byModel.find((b) => b.model === ref.model)!;
      expect(mine.bits).toBe(ref.bits);
      expect(mine.limitedBy).toBe(ref.limitedBy);
      expect(ref.limitedBy.startsWith(`${mine.attack} on the ${mine.instance} instance`)).toBe(true);
    }
    const claim = PRESETS["goldilocks-128"]!.security;
    expect(result.security.limiting.bits!).toBeCloseTo(claim.bits, 1);
    expect(result.security.limiting.limitedBy).toBe(claim.limitedBy);
    expect(result.security.attackSet).toBe("full");
  });

  it("every attack × model is reported once", () => {
    const { perAttack, attacks, models } = result.security;
    expect(perAttack).toHaveLength(attacks.length * models.length);
    expect(new Set(perAttack.map((a) => `${a.attack}/${a.model}`)).size).toBe(perAttack.length);
  });

  it("a larger n (and m = n) raises the limiting security; the versus-n points agree", () => {
    const larger = explore(custom({ n: 2600, m: 2600 }));
    expect(larger.security.limiting.bits!).toBeGreaterThan(result.security.limiting.bits! + 10);
    const pts = result.versusN.points;
    expect(pts.map((p) => p.n)).toEqual([...pts.map((p) => p.n)].sort((a, b) => a - b));
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.bits!).toBeGreaterThan(pts[i - 1]!.bits!);
    const here = pts.find((p) => p.n === goldilocks.n)!;
    expect(here.bits).toBe(result.security.limiting.bits);
    const twice = pts.find((p) => p.n === 2 * goldilocks.n)!;
    expect(twice.m).toBe(2 * goldilocks.n);
    expect(twice.bits).toBe(paramsSecurity(custom({ n: twice.n, m: twice.n }), ["core-svp"]).byModel[0]!.bits);
  });
});

describe("explore: noise budget and sizes", () => {
  it("reports the project's sizes", () => {
    expect(result.sizes.ciphertextBytes).toBe(ciphertextBytes(goldilocks));
    expect(result.sizes.ciphertextBytes).toBe((2096 + 1) * 8);
    expect(result.sizes.publicKeyBytes).toBe(publicKeyBytes(goldilocks));
    expect(result.sizes.secretKeyBytes).toBe(2096 * 4);
  });

  it("reports the largest circuit norm at 2^-40 and what fits in it", () => {
    const norm = maxCircuitNorm(goldilocks);
    expect(result.noise.maxCircuitNorm).toBe(norm);
    expect(result.noise.maxScalar).toBe(Math.floor(norm));
    expect(result.noise.maxAdditions).toBe(Math.floor(norm * norm));
    expect(result.noise.budgetBits!).toBeGreaterThan(0);
    expect(result.noise.freshFailureLog2!).toBeLessThan(-40);
  });

  it("a wider error costs noise budget", () => {
    const wide = explore(custom({ keyError: { kind: "gaussian", stddev: 2 ** 23 }, encError: { kind: "gaussian", stddev: 2 ** 23 } }));
    expect(wide.noise.maxCircuitNorm!).toBeLessThan(result.noise.maxCircuitNorm!);
    expect(wide.noise.budgetBits!).toBeCloseTo(result.noise.budgetBits! - 2, 1);
  });
});

describe("explore: input and output", () => {
  it("invalid parameters throw an error naming the field", () => {
    expect(() => explore(custom({ n: 0 }))).toThrow(LweParameterError);
    expect(() => explore(custom({ n: 0 }))).toThrow(/n \(secret dimension\) = 0/);
    expect(() => explore(custom({ plaintextModulus: 1 }))).toThrow(/plaintextModulus \(t\) = 1/);
  });

  it("the result is plain data: it survives structuredClone and JSON unchanged", () => {
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    const thesis = explore(getParams("thesis")); // no noise at all: +∞ figures are null
    expect(thesis.noise.maxCircuitNorm).toBeNull();
    expect(JSON.parse(JSON.stringify(thesis))).toEqual(thesis);
  });
});
