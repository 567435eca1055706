// The verifying key of an inference statement's family (src/vm/onchain-key.ts, src/prover/verifying-key.ts): the
// statement's lanes become public-input references, the model's data constants; the tape reproduces the AIR's
// constraints at random points; two AIRs that are not one family are refused, naming why.
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_CUBIC } from "../math/extension.js";
import { ONCHAIN_OPTIONS, DEFAULT_OPTIONS, STRICT_POLICY } from "../prover/index.js";
import { runTape } from "../air/tape.js";
import { publicInputValues, verifyingKey } from "../prover/verifying-key.js";
import { inferenceAir, vmPublicInputs } from "./inference.js";
import { inferencePublicInputs, inferenceVerifyingKey } from "./onchain-key.js";
import { carsInferenceProof } from "./onchain-models.js";
import { vmAir } from "./air/vm-air.js";

const { statement } = carsInferenceProof(ONCHAIN_OPTIONS, "onchain-key-test");

describe("inferenceVerifyingKey", () => {
  const key = inferenceVerifyingKey(statement, ONCHAIN_OPTIONS);
  const pub = inferencePublicInputs(statement);
  const air = inferenceAir(statement);

  it("frees exactly the statement's input lanes, output lanes and body direction; fixes the model's data", () => {
    const p = vmPublicInputs(statement);
    const free = key.publicTemplate.filter((v) => v === undefined).length;
    expect(free).toBe(p.inputs.flat().length + p.outputs.flat().length + p.body.length);
    key.publicTemplate.forEach((v, i) => {
      if (v !== undefined) expect(v).toBe(pub[i]);
    });
    expect(key.tapePublics.length).toBe(free);
  });

  it("its assertions are the AIR's, each value a constant or the statement's public input", () => {
    expect(key.assertions.length).toBe(air.assertions.length);
    key.assertions.forEach((a, k) => {
      const want = air.assertions[k]!;
      expect([a.column, a.step]).toEqual([want.column, want.step]);
      expect("constant" in a.value ? a.value.constant : pub[a.value.publicIndex]).toBe(want.value);
    });
  });

  it("its tape gives the AIR's transition constraints at random frames, with this statement's public inputs", () => {
    const E = GOLDILOCKS_CUBIC;
    let x = 0x9e3779b97f4a7c15n;
    const rnd = () => [0, 1, 2].map(() => (x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 64n)) % 0xffffffff00000001n);
    for (let trial = 0; trial < 3; trial++) {
      const frame = { current: Array.from({ length: air.traceWidth }, rnd), next: Array.from({ length: air.traceWidth }, rnd) };
      const periodic = air.periodicColumns.map(rnd);
      const want = new Array(air.transitionDegrees.length).fill(E.ZERO);
      air.evaluateTransition(E, frame, periodic, want);
      expect(runTape(E, key.tape, frame, periodic, key.tapePublics.map((i) => pub[i]!))).toEqual(want);
    }
  });

  it("records the security of its options and refuses options below the policy", () => {
    expect([key.conjecturedBits, key.provenBits]).toEqual([128, 81]);
    expect(() => inferenceVerifyingKey(statement, ONCHAIN_OPTIONS, STRICT_POLICY)).toThrow(/verifying key for .*proven.*requires/);
  });

  it("refuses what the on-chain verifier cannot check: another hash, two AIRs of different families", () => {
    expect(() => inferenceVerifyingKey(statement, { ...ONCHAIN_OPTIONS, hash: "blake3-256" })).toThrow(/keccak256/);
    const p = vmPublicInputs(statement);
    const other = vmAir({ ...p, traceLength: 2 * air.traceLength });
    expect(() => verifyingKey(air, other, DEFAULT_OPTIONS)).toThrow(/not one family/);
    expect(publicInputValues(air)).toEqual(pub);
  });
});
