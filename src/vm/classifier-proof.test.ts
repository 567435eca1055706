// A proved classifier (issue 15, items 1–3): the 3-class penguins classifier compiled into one program that leaves
// its three class scores; a batch of test rows proved at once verifies, and the decrypted scores give exactly the
// quantised model's classes. A classifier with more classes than the stack holds is refused, naming the limit.
import { describe, expect, it } from "vitest";
import { encryptMany, getParams, keygen, seededRandom } from "../lwe/index.js";
import { INSECURE_TEST_POLICY, FAST_TEST_OPTIONS } from "../prover/index.js";
import { DATASETS, classFromScores, loadDataset, quantizeRow, quantizedScores, scoresFromAccumulators, trainLinearClassifier } from "../regression/index.js";
import { classifierTape, compileClassifier, maxProvedClasses } from "./compile.js";
import { VmProgramError } from "./errors.js";
import { ciphertextCells, hashSpecFor, proveInference, requiredMode, verifyInference } from "./inference.js";
import { decryptVerifiedOutputs } from "./noise-bound.js";

const params = getParams("goldilocks-128");
const P = hashSpecFor(params).field.modulus;
const w = ciphertextCells(params, requiredMode(params));

describe("the penguins species classifier, proved on encrypted rows", () => {
  const d = DATASETS.penguins!.classification!;
  const { model, data, test } = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const keys = keygen(params, seededRandom("classifier-proof"));
  const rows = test.slice(0, 6).map((i) => data.x[i]!);
  const k = model.classes.length;

  it.each(["public", "private"] as const)("%s weights: a batch of 6 rows in one proof decrypts to the quantised classes", (weights) => {
    const compiled = compileClassifier(model.quantized, weights, P, w);
    const cts = rows.map((r) => encryptMany(keys.publicKey, quantizeRow(model.quantized[0]!, r), seededRandom(`row-${weights}-${r.join(",")}`)));
    const inputs = cts.flatMap((row) => classifierTape(row, k));
    const options = weights === "private" ? { proofOptions: { ...FAST_TEST_OPTIONS, zeroKnowledge: true }, salt: [1n, 2n, 3n, 4n] } : { proofOptions: FAST_TEST_OPTIONS };
    const { statement, proof } = proveInference(compiled.program, params, compiled.publicValues, inputs, { ...options, rows: rows.length });
    expect(statement.outputs).toHaveLength(rows.length * k);
    expect(verifyInference(statement, proof, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: true });
    const acc = decryptVerifiedOutputs(keys.secretKey, statement);
    const classes = rows.map((_, b) => classFromScores(scoresFromAccumulators(model.quantized, acc.slice(b * k, (b + 1) * k))));
    expect(classes).toEqual(rows.map((x) => classFromScores(quantizedScores(model.quantized, x))));
  }, 120_000);

  it("refuses more classes than the stack holds while the last score is computed, naming the limit", () => {
    expect(maxProvedClasses(3)).toBe(4);
    expect(maxProvedClasses(5)).toBe(2);
    const five = Array.from({ length: 5 }, () => model.quantized[0]!);
    expect(() => compileClassifier(five, "public", P, 3)).toThrow(VmProgramError);
    expect(() => compileClassifier(five, "public", P, 3)).toThrow(/a 5-class classifier leaves 5 ciphertexts of 3 cells; the VM's 16 cells hold at most 4 scores/);
  });
});
