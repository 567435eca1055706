import { describe, expect, it } from "vitest";
import { LweParameterError, PRESETS, getParams } from "./index.js";
import { paramsSecurity } from "./security.js";

describe("preset security claims are what the estimator computes", () => {
  it.each(Object.keys(PRESETS))("%s", (id) => {
    const preset = PRESETS[id]!;
    const sec = paramsSecurity(preset.params);
    const core = sec.byModel.find((m) => m.model === "core-svp")!;
    const matzov = sec.byModel.find((m) => m.model === "matzov")!;
    expect(core.bits).toBeCloseTo(preset.security.bits, 1);
    expect(matzov.bits).toBeCloseTo(preset.security.matzovBits, 1);
    expect(core.limitedBy.replace("primal-usvp", "primal uSVP")).toContain(preset.security.limitedBy.split(" (")[0]!);
  });
  it("secure presets reach 128 bits in every classical model; the thesis preset does not", () => {
    for (const id of ["goldilocks-128", "f128-128"]) {
      for (const m of paramsSecurity(PRESETS[id]!.params).byModel)
        if (m.model !== "core-svp-quantum") expect(m.bits, `${id} ${m.model}`).toBeGreaterThanOrEqual(128);
    }
    expect(paramsSecurity(PRESETS.thesis!.params).byModel.every((m) => m.bits <= 8)).toBe(true);
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
