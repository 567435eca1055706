import { describe, expect, it } from "vitest";
import { LweParameterError, type LweParams, PRESETS, getParams, paramsFingerprintHex, parseParams, canonicalParams, validateParams } from "./index.js";

const base = getParams("goldilocks-128");
const bad = (patch: Partial<Record<keyof LweParams, unknown>>) => () => validateParams({ ...base, ...patch } as LweParams);

describe("parameter validation names the bad value and what was expected", () => {
  it.each([
    [{ n: 0 }, /n \(secret dimension\) = 0: expected an integer in \[1, 65536\]/],
    [{ n: 2.5 }, /n \(secret dimension\) = 2.5/],
    [{ m: -1 }, /m \(public-key samples\) = -1/],
    [{ delta: 0n }, /delta \(Δ\) = 0: expected ≥ 1/],
    [{ delta: 2n ** 64n }, /delta · t = .*: expected ≤ q/],
    [{ keyError: { kind: "gaussian", stddev: -1 } }, /keyError.stddev \(σ\) = -1: expected a finite number ≥ 0/],
    [{ encError: { kind: "gaussian", stddev: Number.NaN } }, /encError.stddev \(σ\) = NaN/],
    [{ secret: { kind: "cbd", eta: 0 } }, /secret.eta \(η\) = 0/],
    [{ secret: { kind: "uniform", a: 2, b: 1 } }, /uniform range \[a, b\] = \[2, 1\]/],
    [{ keyError: { kind: "uniform", a: 0, b: 1 } }, /zero-mean range/],
    [{ secret: { kind: "laplace" } }, /secret.kind = "laplace"/],
    [{ modulus: "babybear" }, /modulus = "babybear": expected one of goldilocks, f128/],
    [{ plaintextModulus: 1 }, /plaintextModulus \(t\) = 1: expected an integer in \[2, 2\^48\]/],
    [{ encoding: "twos" }, /encoding = "twos"/],
    [{ id: "Bad Id!" }, /id = "Bad Id!"/],
  ])("rejects %s", (patch, msg) => {
    expect(bad(patch)).toThrow(LweParameterError);
    expect(bad(patch)).toThrow(msg);
  });
  it("unknown preset names list the known ones", () => {
    expect(() => getParams("secure")).toThrow(/unknown parameter set "secure": expected one of thesis, thesis-u8/);
  });
  it("every preset is frozen, valid and round-trips through its canonical text", () => {
    for (const [id, p] of Object.entries(PRESETS)) {
      expect(p.params.id).toBe(id);
      expect(Object.isFrozen(p.params)).toBe(true);
      expect(canonicalParams(parseParams(canonicalParams(p.params)))).toBe(canonicalParams(p.params));
    }
    expect(paramsFingerprintHex(getParams("thesis"))).not.toBe(paramsFingerprintHex(getParams("thesis-u8")));
  });
  it("the thesis preset is exactly the thesis code's LweParameters", () => {
    const t = getParams("thesis");
    expect([t.modulus, t.n, t.plaintextModulus, t.delta]).toEqual(["f128", 4, 8, 16n]);
    expect(t.keyError).toEqual({ kind: "gaussian", stddev: 2.412390240121573e-5 });
    expect(t.secret).toEqual({ kind: "uniform", a: 0, b: 1 });
  });
});
