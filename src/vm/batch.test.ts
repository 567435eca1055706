// Several outputs and batches of rows in one proof (issue 15, items 1 and 3): a program that leaves three class
// scores proves, verifies and decrypts to each score; scalars left on the stack are outputs too; one proof covers B
// rows of a model, public weights (the commitment proved once) and private ones (proved for every segment, zero
// knowledge). Then the attacks: outputs swapped between rows, a row's output replaced, fewer rows claimed, a batch
// under two keys, a ciphertext count that does not make whole rows, a batch on the thesis's per-round hash, and a
// prover that runs another weight in one segment of a private batch.
import { describe, expect, it } from "vitest";
import { type Ciphertext, decrypt, encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, ZK_OPTIONS, prove, proofOptions } from "../prover/index.js";
import { vmAir } from "./air/vm-air.js";
import { assemble } from "./assembler.js";
import { VmExecutionError, VmStatementError } from "./errors.js";
import { type InferenceStatement, proveInference, verifyInference, vmPublicInputs } from "./inference.js";
import { decryptVerifiedOutputs } from "./noise-bound.js";
import { rowsOf, verifyAgainstTrusted } from "./statement.js";
import { vmTrace } from "./trace.js";
import { OPCODES } from "./isa.js";
import { programHash } from "./program-hash.js";
import { hashSpecFor } from "./inference.js";

const params = getParams("goldilocks-128");
const rnd = seededRandom("batch-test");
const keys = keygen(params, rnd);
const other = keygen(params, seededRandom("batch-test-other-key"));
/** Blowup 8 is enough for the sponge preset (degree ≤ 4); few queries: these tests check soundness, not security. */
const OPTIONS = FAST_TEST_OPTIONS;
const P = hashSpecFor(params).field.modulus;
/** Verification under the tests' policy; a rejection must come from the statement or the STARK, never the policy. */
const V = { policy: INSECURE_TEST_POLICY };
const rejected = (r: { ok: boolean; check?: string }) => {
  expect(r.ok).toBe(false);
  expect(r.check).not.toBe("security");
};
const enc = (vs: readonly number[]) => vs.map((v) => encrypt(keys.publicKey, v, rnd));

// three class scores over two features: s_c = w_c0·x0 + w_c1·x1 + c_c (weights public), each score reading the row
const scores = [
  [2, 3, 1],
  [-1, 4, 0],
  [5, -2, 7],
];
const classifier = assemble(scores.map(() => "read2\nread\nsmul\nread2\nread\nsmul\nadd2\nread\nsadd").join("\n"));
const classifierValues = scores.flatMap((s) => s).map((v) => (v < 0 ? P - BigInt(-v) : BigInt(v)));
const clearScores = (x0: number, x1: number) => scores.map(([a, b, c]) => a! * x0 + b! * x1 + c!);
const tape = (row: readonly Ciphertext[]) => scores.flatMap(() => row); // every score reads the row again

describe("several outputs: a three-class program leaves its three scores on the stack", () => {
  const row = enc([4, 9]);
  const { statement, proof } = proveInference(classifier, params, classifierValues, tape(row), { proofOptions: OPTIONS });
  it("proves, verifies, and every output decrypts to its clear score, in class order", () => {
    expect(statement.outputs).toHaveLength(3);
    expect(verifyInference(statement, proof, V)).toMatchObject({ ok: true });
    expect(statement.outputs.map((ct) => decrypt(keys.secretKey, ct))).toEqual(clearScores(4, 9).map(BigInt));
    expect(decryptVerifiedOutputs(keys.secretKey, statement)).toEqual(clearScores(4, 9).map(BigInt));
  });
  it("outputs swapped between classes are rejected", () => {
    const [a, b, c] = statement.outputs;
    rejected(verifyInference({ ...statement, outputs: [b!, a!, c!] }, proof, V));
  });
  it("a statement with one output fewer is refused, naming the count", () => {
    expect(verifyInference({ ...statement, outputs: statement.outputs.slice(1) }, proof, V)).toMatchObject({ ok: false, message: expect.stringMatching(/leaves 3 ciphertexts per row, 3 for 1 row; the statement has 2/) });
  });
});

describe("the row width of a classifier's tape comes from the verifier (manifest features, verify --features)", () => {
  it("two rows proved as one row's tape are refused once the verifier says rows have 2 ciphertexts", () => {
    const prog = assemble(["read2\nread\nsmul\nread2\nread\nsmul\nadd2", "read2\nread\nsmul\nread2\nread\nsmul\nadd2"].join("\n"));
    const inputs = enc([10, 1, 20, 2]); // the user's two rows
    const proved = proveInference(prog, params, [1n, 0n, 1n, 1n], inputs, { proofOptions: OPTIONS });
    const model = { params, opcodes: proved.statement.opcodes, programHash: proved.statement.programHash, publicValues: [1n, 0n, 1n, 1n], immediateBits: proved.statement.immediateBits };
    // without the width the four ciphertexts are one row's tape: score 0 on row 0, score 1 on row 1
    expect(verifyAgainstTrusted({ model, inputs }, proved, V)).toMatchObject({ ok: true, statement: { rows: 1 } });
    expect(verifyAgainstTrusted({ model: { ...model, rowInputs: 2 }, inputs }, proved, V)).toMatchObject({ ok: false, field: "rows", message: expect.stringMatching(/the proof is about 1 row, the verifier's input makes 2/) });
  });
});

describe("scalar outputs: a program that leaves a public scalar under its ciphertext", () => {
  const p = assemble("read\nread\nmul\nread2\nread\nsmul");
  const { statement, proof } = proveInference(p, params, [6n, 7n, 3n], enc([5]), { proofOptions: OPTIONS });
  it("binds the scalar (6·7 = 42) with the ciphertext (3·5)", () => {
    expect(statement.scalarOutputs).toEqual([42n]);
    expect(decrypt(keys.secretKey, statement.outputs[0]!)).toBe(15n);
    expect(verifyInference(statement, proof, V)).toMatchObject({ ok: true });
    rejected(verifyInference({ ...statement, scalarOutputs: [43n] }, proof, V));
  });
});

// a two-feature regression, 1·x0 − 2·x1 + 5, public weights (read) and private ones (push)
const publicModel = assemble("read2\nread\nsmul\nread2\nread\nsmul\nadd2\nread\nsadd");
const publicValues = [1n, P - 2n, 5n];
const privateModel = (w0: number) => assemble(`read2\npush.${w0}\nsmul\nread2\npush.-2\nsmul\nadd2\npush.5\nsadd`, { immediates: "i16", modulus: P });
const rowsClear = [
  [3, 1],
  [0, 4],
  [7, 7],
];
const expected = rowsClear.map(([a, b]) => BigInt(a! - 2 * b! + 5));
const batchInputs = rowsClear.flatMap((r) => enc(r));

describe("a batch of three rows in one proof, public weights", () => {
  const { statement, proof } = proveInference(publicModel, params, publicValues, batchInputs, { proofOptions: OPTIONS, rows: 3 });
  it("proves all rows at once; each output decrypts to its row's result", () => {
    expect(statement.rows).toBe(3);
    expect(statement.outputs.map((ct) => decrypt(keys.secretKey, ct))).toEqual(expected);
    expect(verifyInference(statement, proof, V)).toMatchObject({ ok: true });
    expect(decryptVerifiedOutputs(keys.secretKey, statement)).toEqual(expected);
  });
  it("counts that do not match the shape and rows are named as a statement error, before any ciphertext is compressed", () => {
    expect(verifyInference({ ...statement, inputs: statement.inputs.slice(1) }, proof, V)).toEqual({ ok: false, check: "statement", message: expect.stringMatching(/reads 2 input ciphertexts per row, 6 for 3 rows; the statement has 5/) });
    expect(verifyInference({ ...statement, rows: 2 }, proof, V)).toMatchObject({ ok: false, check: "statement" });
  });
  it("outputs swapped between rows are rejected", () => {
    const [a, b, c] = statement.outputs;
    rejected(verifyInference({ ...statement, outputs: [b!, a!, c!] }, proof, V));
  });
  it("a row's output replaced by a fresh encryption of its right value is rejected", () => {
    rejected(verifyInference({ ...statement, outputs: [statement.outputs[0]!, enc([Number(expected[1]!)])[0]!, statement.outputs[2]!] }, proof, V));
  });
  it("a row's inputs swapped with another row's are rejected", () => {
    const i = statement.inputs;
    rejected(verifyInference({ ...statement, inputs: [i[2]!, i[3]!, i[0]!, i[1]!, i[4]!, i[5]!] }, proof, V));
  });
  it("fewer rows claimed: the verifier's two rows are not the proof's three", () => {
    const model = { params, opcodes: statement.opcodes, programHash: statement.programHash, publicValues, immediateBits: statement.immediateBits };
    const file = { statement, proof };
    expect(verifyAgainstTrusted({ model, inputs: batchInputs }, file, V)).toMatchObject({ ok: true });
    expect(verifyAgainstTrusted({ model, inputs: batchInputs.slice(0, 4) }, file, V)).toMatchObject({ ok: false, field: "rows", message: expect.stringMatching(/3 rows, the verifier's input makes 2/) });
    const shorter: InferenceStatement = { ...statement, rows: 2, inputs: batchInputs.slice(0, 4), outputs: statement.outputs.slice(0, 2), traceLength: statement.traceLength };
    rejected(verifyInference(shorter, proof, V));
  });
});

describe("a batch with private weights: the commitment proved for every segment, zero knowledge", () => {
  const salt = [11n, 22n, 33n, 44n];
  const zk = proofOptions({ ...ZK_OPTIONS, queries: 20, grindingBits: 0 });
  const inputs = batchInputs.slice(0, 4);
  const { statement, proof } = proveInference(privateModel(1), params, [], inputs, { proofOptions: zk, rows: 2, salt });
  it("proves and verifies; the outputs decrypt to each row's result", () => {
    expect(verifyInference(statement, proof, V)).toMatchObject({ ok: true });
    expect(statement.outputs.map((ct) => decrypt(keys.secretKey, ct))).toEqual(expected.slice(0, 2));
  });
  it("a prover that runs another weight in the second segment fails the commitment there (mixed-weights batch)", () => {
    const spec = hashSpecFor(params);
    const pub = vmPublicInputs(statement);
    const run = (p: ReturnType<typeof privateModel>) => vmTrace({ program: p, publicValues: [], inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength: statement.traceLength, hash: spec, immediateBits: statement.immediateBits, rows: 2, salt });
    const honest = run(privateModel(1));
    const cheat = run(privateModel(3));
    const rows = honest.trace[0]!.length;
    const start = statement.opcodes.length + 8; // the second segment: its program and its trailing block
    const spliced = honest.trace.map((col, c) => col.map((v, r) => (r >= start && r < rows ? cheat.trace[c]![r]! : v)));
    // the cheat's outputs for row 1, claimed with the committed program hash
    const claim = { ...pub, outputs: [pub.outputs[0]!, cheat.publicInputs.outputs[1]!] };
    expect(claim.outputs[1]).not.toEqual(pub.outputs[1]);
    // the second segment's digest (row 40 + 32 + 7): the sponge over its immediates is not the program hash
    expect(() => prove(vmAir(claim), spliced, zk, { validate: true })).toThrow(new RegExp(`column h4 \\(main\\) at step ${start + statement.opcodes.length + 7} = ${statement.programHash[0]} fails`));
  });
});

describe("bad batches are named before anything is proved", () => {
  it("a batch under two keys, or two parameter sets, names the row and the feature", () => {
    const mixed = [...batchInputs.slice(0, 3), encrypt(other.publicKey, 1, rnd)];
    expect(() => proveInference(publicModel, params, publicValues, mixed, { proofOptions: OPTIONS, rows: 2 })).toThrow(/input ciphertext 3 \(row 1, feature 1\)/);
    const f128 = keygen(getParams("f128-128"), rnd);
    const otherParams = [...batchInputs.slice(0, 2), encrypt(f128.publicKey, 1, rnd), batchInputs[3]!];
    expect(() => proveInference(publicModel, params, publicValues, otherParams, { proofOptions: OPTIONS, rows: 2 })).toThrow(/input ciphertext 2 \(row 1, feature 0\).*f128-128|f128-128.*input ciphertext 2 \(row 1, feature 0\)/);
  });
  it("a ciphertext count that does not make whole rows", () => {
    expect(() => proveInference(publicModel, params, publicValues, batchInputs.slice(0, 5), { proofOptions: OPTIONS, rows: 3 })).toThrow(VmExecutionError);
    expect(() => proveInference(publicModel, params, publicValues, batchInputs.slice(0, 5), { proofOptions: OPTIONS, rows: 3 })).toThrow(/5 input ciphertexts do not make 3 rows of 2/);
    expect(() => rowsOf(publicModel.instructions.map((i) => OPCODES[i.op]), 5)).toThrow(/5 input ciphertexts do not make whole rows: 2 per row/);
  });
  it("a batch on the thesis's per-round hash (f128) is refused, naming the preset", () => {
    const f128 = getParams("thesis-u8");
    const k = keygen(f128, rnd);
    const x = [1, 2, 3, 4].map((v) => encrypt(k.publicKey, v, rnd));
    expect(() => proveInference(publicModel, f128, publicValues, x, { proofOptions: proofOptions({ fieldExtension: 1 }), rows: 2 })).toThrow(VmStatementError);
  });
  it("the AIR refuses a batch statement whose outputs do not match its rows", () => {
    const { statement } = proveInference(publicModel, params, publicValues, batchInputs, { proofOptions: OPTIONS, rows: 3 });
    const pub = vmPublicInputs(statement);
    expect(() => vmAir({ ...pub, outputs: pub.outputs.slice(1) })).toThrow(/leaves 1 ciphertext per row, 3 outputs for 3 rows, 2 given/);
    expect(programHash(publicModel, undefined, hashSpecFor(params), publicValues)).toEqual(statement.programHash);
  });
});
