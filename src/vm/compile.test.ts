// Model → VM program: the compiled program, run on encrypted quantised rows, decrypts to exactly what the
// clear quantised model computes (public and private weights), and proves.
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { F128_FIELD as F } from "../math/prime-fields.js";
import { DATASETS, clearAccumulator, loadDataset, quantizeRow, trainLinearRegression, wrapToPlaintext } from "../regression/index.js";
import { proofOptions } from "../prover/index.js";
import { formatProgram } from "./assembler.js";
import { compileModel, toField } from "./compile.js";
import { execute, lweAlgebra } from "./executor.js";
import { proveInference, verifyInference } from "./inference.js";

const d = DATASETS.cars!;
const { model, data, test } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
const q = model.quantized;
const params = getParams("f128-128");
const rnd = seededRandom("compile");
const { publicKey, secretKey } = keygen(params, rnd);

describe("compileModel", () => {
  it("emits the thesis's shape: read2 W smul (read2 W smul add2)* C sadd", () => {
    const pub = compileModel({ circuitWeights: [3, -2], circuitConstant: 7 }, "public", F.modulus);
    expect(formatProgram(pub.program)).toBe("read2 read smul read2 read smul add2 read sadd noop noop noop noop noop noop noop");
    expect(pub.publicValues).toEqual([3n, F.modulus - 2n, 7n]);
    const priv = compileModel({ circuitWeights: [3, -2], circuitConstant: 7 }, "private", F.modulus);
    expect(priv.publicValues).toEqual([]);
    expect(priv.program.instructions.filter((i) => i.op === "push").map((i) => i.value)).toEqual([3n, F.modulus - 2n, 7n]);
  });
  it.each(["public", "private"] as const)("%s weights: encrypted runs equal the clear quantised model on test rows", (vis) => {
    const c = compileModel(q, vis, F.modulus);
    expect(c.features).toBe(d.features.length);
    for (const i of test.slice(0, 3)) {
      const qx = quantizeRow(q, data.x[i]!);
      const cts = qx.map((v) => encrypt(publicKey, v, rnd));
      const { output } = execute(F, c.program, { publicValues: c.publicValues, ciphertexts: cts }, lweAlgebra(params), { ciphertextCells: 2 });
      expect(decrypt(secretKey, output)).toBe(wrapToPlaintext(params, clearAccumulator(q, qx)));
    }
  });
  it("the compiled cars model proves and verifies at f128-128 with private weights", () => {
    const c = compileModel(q, "private", F.modulus);
    const qx = quantizeRow(q, data.x[test[0]!]!);
    const cts = qx.map((v) => encrypt(publicKey, v, rnd));
    const { statement, proof } = proveInference(c.program, params, c.publicValues, cts, { proofOptions: proofOptions({ fieldExtension: 1, zeroKnowledge: true, blowup: 16 }), salt: [5n, 6n] });
    expect(verifyInference(statement, proof)).toMatchObject({ ok: true });
    expect(decrypt(secretKey, statement.outputs[0]!)).toBe(wrapToPlaintext(params, clearAccumulator(q, qx)));
  });
  it("refuses non-integer weights and values outside the field", () => {
    expect(() => compileModel({ circuitWeights: [1.5], circuitConstant: 0 }, "public", F.modulus)).toThrow(/not an integer/);
    expect(() => compileModel({ circuitWeights: [], circuitConstant: 0 }, "public", F.modulus)).toThrow(/no features/);
    expect(() => toField(F.modulus, F.modulus)).toThrow(/does not fit/);
  });
});
