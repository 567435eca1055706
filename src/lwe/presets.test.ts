import { describe, expect, it } from "vitest";
import { ATTACK_NAMES } from "./estimator/index.js";
import { LweParameterError, PRESETS, getParams } from "./index.js";
import { SECURITY_MARGIN_BITS } from "./presets.js";
import { paramsSecurity } from "./security.js";

describe("preset security claims are what the estimator computes", () => {
  it.each(Object.keys(PRESETS))("%s", (id) => {
    const preset = PRESETS[id]!;
    const sec = paramsSecurity(preset.params);
    const core = sec.byModel.find((m) => m.model === "core-svp")!;
    const matzov = sec.byModel.find((m) => m.model === "matzov")!;
    expect(core.bits).toBeCloseTo(preset.security.bits, 1);
    expect(matzov.bits).toBeCloseTo(preset.security.matzovBits, 1);
    expect(core.limitedBy).toContain(preset.security.limitedBy.split(" (")[0]!);
  });
  it("secure presets reach 128 bits in every classical model; the thesis preset does not", () => {
    for (const id of ["goldilocks-128", "f128-128"]) {
      for (const m of paramsSecurity(PRESETS[id]!.params).byModel)
        if (m.model !== "core-svp-quantum") expect(m.bits, `${id} ${m.model}`).toBeGreaterThanOrEqual(128);
    }
    expect(paramsSecurity(PRESETS.thesis!.params).byModel.every((m) => m.bits <= 8)).toBe(true);
  });
});

describe("issue 'LWE lab 2': the secure presets hold under every attack of the full set, with margin", () => {
  it.each(["goldilocks-128", "f128-128"])("%s: ≥ 128 + 1.5 bits core-SVP under each attack, on both instances", (id) => {
    const sec = paramsSecurity(PRESETS[id]!.params, ["core-svp"], "full");
    for (const inst of sec.instances)
      for (const attack of ATTACK_NAMES) {
        const bits = inst.attacks.find((a) => a.attack === attack)!.bits;
        expect(bits, `${id}: ${attack} on the ${inst.name} instance`).toBeGreaterThanOrEqual(128 + SECURITY_MARGIN_BITS);
      }
  });
  it("goldilocks-128 at n = 2048 (before the re-tuning) falls below 128 under MATZOV's dual hybrid: the attack that moved it", () => {
    const old = { ...PRESETS["goldilocks-128"]!.params, n: 2048, m: 2048 };
    const sec = paramsSecurity(old, ["core-svp"]);
    expect(sec.byModel[0]!.bits).toBeLessThan(128);
    expect(sec.byModel[0]!.limitedBy).toMatch(/^dual-hybrid/);
  });
});

describe("getParams", () => {
  it("a parameter-set id naming an inherited property (from a hostile file) is unknown, not a crash", () => {
    for (const id of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(() => getParams(id)).toThrow(LweParameterError);
      expect(() => getParams(id)).toThrow(`unknown parameter set "${id}": expected one of`);
    }
    expect(getParams("thesis-u8").id).toBe("thesis-u8");
  });
});
