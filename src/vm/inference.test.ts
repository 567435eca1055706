// Proved encrypted inference end to end: the thesis example proves, verifies and decrypts to 29 at the thesis
// preset (raw ciphertext cells) and at the secure f128-128 preset (n = 3072, compressed lanes); a proof for
// other inputs, another program hash, other public values or an output wrong in any single coordinate is
// rejected; private weights with a salted hash and zero knowledge. Then the attacks of issue "Sound from model to
// payment" on the statement's form: a lane count, a trace length or security options of the prover's choosing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Ciphertext, decrypt, encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, ZK_OPTIONS, challengeField, deserializeProof, prove, proofOptions } from "../prover/index.js";
import { vmAir } from "./air/vm-air.js";
import { assemble } from "./assembler.js";
import { lweAlgebra } from "./executor.js";
import { type InferenceStatement, hashSpecFor, inferenceAir, proveInference, requiredMode, requiredTraceLength, verifyInference, vmProofOptions, vmPublicInputs } from "./inference.js";
import { OPCODES } from "./isa.js";
import { programHash } from "./program-hash.js";
import { vmTrace } from "./trace.js";
import { Ciphertext as Ct } from "../lwe/ciphertext.js";
import { modulusOf } from "../lwe/params.js";
import { setElement } from "../lwe/zq.js";
import { WeightsExposureError } from "./errors.js";
import { recordingSource } from "../lwe/random.testkit.js";

const lr = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
const weights = [3n, 2n, 4n, 2n, 1n];
/** 44 queries at blowup 8, 8 grinding bits, over f128: 127 bits conjectured, ≈ 69 proven (DEFAULT_POLICY passes). */
const OPTIONS = proofOptions({ fieldExtension: 1, grindingBits: 8 });

/** The ciphertext with component j changed by +1. */
function bump(ct: Ciphertext, j: number): Ciphertext {
  const mod = modulusOf(ct.params);
  const data = Uint32Array.from(ct.data);
  const cells = lweAlgebra(ct.params).cells(ct);
  setElement(mod, data, j, cells[j]! + 1n);
  return new Ct(ct.params, ct.keyId, data, ct.terms, ct.plainWeight);
}

describe.each([
  ["thesis-u8", "raw", OPTIONS],
  ["f128-128", 2, OPTIONS],
  // Goldilocks: the Rp64 hash rounds have degree 8 (blowup 16); a cubic extension for the challenges
  ["goldilocks-128", 3, proofOptions({ blowup: 16, grindingBits: 8 })],
] as const)("encrypted inference at %s (%s cells)", (id, mode, options) => {
  const params = getParams(id);
  const rnd = seededRandom(`inference-${id}`);
  const { publicKey, secretKey } = keygen(params, rnd);
  const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  const { statement, proof } = proveInference(lr, params, weights, x, { proofOptions: options });
  const reject = (s: InferenceStatement) => verifyInference(s, proof);

  it("proves and verifies without the secret key under the default policy, and the output decrypts to 29", () => {
    expect(statement.mode).toBe(mode);
    expect(verifyInference(statement, proof)).toMatchObject({ ok: true, policy: "default" });
    expect(decrypt(secretKey, statement.outputs[0]!)).toBe(29n);
  });
  it("rejects other inputs, other public values and another program hash", () => {
    expect(reject({ ...statement, inputs: [encrypt(publicKey, 2, rnd), ...x.slice(1)] })).toMatchObject({ ok: false });
    expect(reject({ ...statement, publicValues: [3n, 2n, 4n, 2n, 2n] })).toMatchObject({ ok: false });
    expect(reject({ ...statement, programHash: statement.programHash.map((h, i) => (i === 1 ? h + 1n : h)) })).toMatchObject({ ok: false });
  });
  it("rejects an output wrong in any single coordinate (first mask element, a middle one, the body)", () => {
    const n = params.n;
    for (const j of [0, n >> 1, n]) expect(reject({ ...statement, outputs: [bump(statement.outputs[0]!, j)] })).toMatchObject({ ok: false });
  });
});

describe("bad input", () => {
  it("refuses a ciphertext for another parameter set", () => {
    const a = getParams("thesis-u8");
    const b = getParams("thesis");
    const rnd = seededRandom("bad-input");
    const ka = keygen(a, rnd);
    const kb = keygen(b, rnd);
    const mixed = [encrypt(ka.publicKey, 1, rnd), encrypt(kb.publicKey, 1, rnd), encrypt(ka.publicKey, 1, rnd), encrypt(ka.publicKey, 1, rnd)];
    expect(() => proveInference(lr, a, weights, mixed, { proofOptions: FAST_TEST_OPTIONS })).toThrow(/input ciphertext 1: ciphertext is for parameter set "thesis", expected "thesis-u8"/);
  });
});

describe("private weights: push immediates, a salted program hash and zero knowledge", () => {
  const params = getParams("f128-128");
  const rnd = seededRandom("private-weights");
  const { publicKey, secretKey } = keygen(params, rnd);
  const x = [5, 7].map((v) => encrypt(publicKey, v, rnd));
  const program = assemble("read2\npush.6\nsmul\nread2\npush.-2\nsmul\nadd2\npush.3\nsadd", { immediates: "i16", modulus: modulusOf(params).q });
  const o = { ...ZK_OPTIONS, fieldExtension: 1 as const, grindingBits: 8 };
  it("proves 6·5 − 2·7 + 3 = 19 in zero knowledge; the statement holds no immediate", () => {
    const { statement, proof } = proveInference(program, params, [], x, { proofOptions: o, salt: [11n, 22n], random: seededRandom(9) });
    expect(decrypt(secretKey, statement.outputs[0]!)).toBe(19n);
    expect(statement.traceLength).toBe(requiredTraceLength(program.instructions.length, o));
    expect(statement.traceLength).toBeGreaterThanOrEqual(2 * o.queries + 2);
    expect(verifyInference(statement, proof)).toMatchObject({ ok: true });
    // the salt changes the hash: another salt's hash is another statement
    const other = programHash(program, [11n, 23n], hashSpecFor(params));
    expect(other).not.toEqual(statement.programHash);
    expect(verifyInference({ ...statement, programHash: other }, proof)).toMatchObject({ ok: false });
  });
  it("seed reused across statements: the model on two inputs with one seed shares no zero-knowledge randomness; one statement and seed reproduce the proof", () => {
    // the attack: seeded proofs of one private model on different inputs shared their masks and salts
    const x2 = [5, 8].map((v) => encrypt(publicKey, v, rnd));
    const runs = [x, x2].map((inputs) => {
      const r = recordingSource(seededRandom("reused"));
      const proved = proveInference(program, params, [], inputs, { proofOptions: o, salt: [11n, 22n], random: r.source });
      expect(proved.seeded).toBe(true);
      expect(verifyInference(proved.statement, proved.proof)).toMatchObject({ ok: true });
      return { ...proved, drawn: r.drawn };
    });
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(a.drawn.length).toBe(b.drawn.length);
    expect(a.drawn.length).toBeGreaterThan(2);
    a.drawn.forEach((d, i) => expect(d).not.toBe(b.drawn[i]));
    const again = proveInference(program, params, [], x, { proofOptions: o, salt: [11n, 22n], random: seededRandom("reused") });
    expect(Buffer.from(again.proof).equals(Buffer.from(a.proof))).toBe(true);
  });
  it("private weights without zero knowledge are refused unless the leak is acknowledged by name", () => {
    expect(() => proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n] })).toThrow(WeightsExposureError);
    expect(() => proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n] })).toThrow(/not zero-knowledge: its openings of s0 give the weights away/);
    const r = proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n], insecure: { revealWeightsWithoutZeroKnowledge: true } });
    expect(decrypt(secretKey, r.statement.outputs[0]!)).toBe(19n);
  });
  it("the declared immediate width: the program's own by default (6, −2, 3 need 4 bits), a wider one on request, never a narrower one", () => {
    const insecure = { revealWeightsWithoutZeroKnowledge: true };
    expect(proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n], insecure }).statement.immediateBits).toBe(4);
    const wide = proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n], insecure, immediateBits: 16 });
    expect(wide.statement.immediateBits).toBe(16);
    expect(verifyInference(wide.statement, wide.proof, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: true });
    expect(() => proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS, salt: [1n, 2n], insecure, immediateBits: 2 })).toThrow(/the declared immediate width 2 is not an even width from the program's own 4 to 16/);
  });
  it("private weights without a salt are refused (the weights would be brute-forced from the hash)", () => {
    expect(() => proveInference(program, params, [], x, { proofOptions: o })).toThrow(/no program-hash salt/);
    expect(() => proveInference(program, params, [], x, { proofOptions: o, salt: [0n, 0n] })).toThrow(WeightsExposureError);
  });
});

/** A proof of the thesis example with the statement's form (mode, trace length) chosen by a dishonest prover. */
function forgedForm(id: string, mode: "raw" | number, traceLength: number) {
  const params = getParams(id);
  const rnd = seededRandom(`forged-form-${id}`);
  const { publicKey } = keygen(params, rnd);
  const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  const honest = proveInference(lr, params, weights, x, { proofOptions: OPTIONS });
  const spec = hashSpecFor(params);
  const statement: InferenceStatement = { ...honest.statement, mode, traceLength };
  const pub = vmPublicInputs(statement);
  const { trace } = vmTrace({ program: lr, publicValues: weights, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength, hash: spec });
  const { bytes } = prove(vmAir(pub), trace, OPTIONS);
  return { statement, proof: bytes, honest };
}

describe("the statement's form is not the prover's to choose", () => {
  it("one compression lane at goldilocks-128: a 1-lane proof (compression error 2^-53 per try) is refused by rule", () => {
    expect(requiredMode(getParams("goldilocks-128"))).toBe(3);
    const options = proofOptions({ blowup: 16, grindingBits: 8 });
    const params = getParams("goldilocks-128");
    const rnd = seededRandom("one-lane");
    const { publicKey } = keygen(params, rnd);
    const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
    const honest = proveInference(lr, params, weights, x, { proofOptions: options });
    const statement: InferenceStatement = { ...honest.statement, mode: 1 };
    const pub = vmPublicInputs(statement);
    const { trace } = vmTrace({ program: lr, publicValues: weights, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength: statement.traceLength, hash: hashSpecFor(params) });
    const { bytes } = prove(vmAir(pub), trace, options);
    // the STARK itself is fine: only the rule stops it
    expect(verifyInference({ ...statement }, bytes)).toMatchObject({ ok: false, check: "statement" });
    expect(verifyInference({ ...statement }, bytes)).toMatchObject({ message: expect.stringMatching(/ciphertext mode 1: parameter set "goldilocks-128" requires 3 compression lanes/) });
  });
  it("raw cells at f128-128 are refused too: the mode is the parameter set's, not a menu", () => {
    expect(requiredMode(getParams("f128-128"))).toBe(2);
    expect(requiredMode(getParams("thesis-u8"))).toBe("raw");
  });
  it("a trace longer than the shape requires is refused before the AIR is built", () => {
    const { statement, proof, honest } = forgedForm("thesis-u8", "raw", 128);
    expect(honest.statement.traceLength).toBe(64);
    expect(verifyInference(statement, proof)).toMatchObject({ ok: false, check: "statement", message: expect.stringMatching(/trace length 128: a 32-step program .* has exactly 64 rows/) });
  });
  it("blowup 4, 51 queries, no grinding: 101 bits conjectured but 48 proven — refused by the default policy", () => {
    const params = getParams("thesis-u8");
    const rnd = seededRandom("weak-options");
    const { publicKey } = keygen(params, rnd);
    const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
    const weak = proofOptions({ blowup: 4, queries: 51, grindingBits: 0, fieldExtension: 1 });
    const { statement, proof } = proveInference(lr, params, weights, x, { proofOptions: weak });
    const r = verifyInference(statement, proof);
    expect(r).toMatchObject({ ok: false, check: "security" });
    expect(r.ok === false && r.message).toMatch(/bits proven \(list decoding\); policy "default" requires ≥ 64/);
    // the same proof under a policy that asks for nothing passes: the STARK is sound, the level is the verifier's call
    expect(verifyInference(statement, proof, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: true });
  });
  it("duplicate query positions are not counted twice: every query opens a distinct row", () => {
    // a 64-row trace at blowup 8: 512 positions, 44 queries — drawn with replacement, ≈ 2 duplicates expected
    const params = getParams("thesis-u8");
    const rnd = seededRandom("distinct");
    const { publicKey } = keygen(params, rnd);
    const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
    for (let k = 0; k < 4; k++) {
      const { proof } = proveInference(lr, params, [3n, 2n, 4n, 2n, BigInt(k)], x, { proofOptions: OPTIONS });
      const F = hashSpecFor(params).field;
      const parsed = deserializeProof(proof, F, (d) => challengeField(F, d).E);
      expect(parsed.queries.traceRows.length).toBe(OPTIONS.queries);
    }
  });
});

describe("the statement over Goldilocks from the ciphertexts' limb vectors", () => {
  it("equals the bigint reference: binding bytes, challenges and lanes (compress.ts's bigint sums)", async () => {
    const { challengePowers, compressCiphertext, compressionChallenges } = await import("./compress.js");
    const params = getParams("goldilocks-128");
    const rnd = seededRandom("limb-statement");
    const { publicKey } = keygen(params, rnd);
    const inputs = [1, 2, 3].map((v) => encrypt(publicKey, v, rnd));
    const program = assemble("read2\nread2\nadd2\nread2\nadd2", { immediates: "i16", modulus: modulusOf(params).q });
    const spec = hashSpecFor(params);
    const F = spec.field;
    const output = inputs[0]!; // (any ciphertext: the statement is only encoded here)
    const s: InferenceStatement = { params, opcodes: program.instructions.map((i) => OPCODES[i.op]), programHash: programHash(program, undefined, spec), publicValues: [], rows: 1, inputs, outputs: [output], scalarOutputs: [], mode: 3, traceLength: 32, immediateBits: 2 };
    const pub = vmPublicInputs(s);
    const cells = (ct: Ciphertext) => lweAlgebra(params).cells(ct);
    const rs = compressionChallenges(F, 3, { paramsId: params.id, n: params.n, delta: params.delta, opcodes: s.opcodes, programHash: s.programHash, publicValues: [], rows: 1, inputs: inputs.map(cells), outputs: [cells(output)], scalarOutputs: [] });
    const pw = challengePowers(F, rs, params.n);
    expect(pub.inputs).toEqual(inputs.map((ct) => compressCiphertext(F, pw, cells(ct))));
    expect(pub.outputs[0]!).toEqual(compressCiphertext(F, pw, cells(output)));
  });
});

describe("zero knowledge at blowup 8 over Goldilocks (vmProofOptions with the program's steps)", () => {
  it("when the masked composition fits: 52 queries, the default policy holds, the proof verifies and decrypts", async () => {
    const { compileModel } = await import("./compile.js");
    const { DEFAULT_POLICY, securityReportForAir } = await import("../prover/index.js");
    const params = getParams("goldilocks-128");
    const rnd = seededRandom("zk-blowup-8");
    const { publicKey, secretKey } = keygen(params, rnd);
    const c = compileModel({ circuitWeights: [4, -3, 2], circuitConstant: 5 }, "private", modulusOf(params).q);
    const o = vmProofOptions(params, { zeroKnowledge: true, steps: c.program.instructions.length });
    expect(o).toMatchObject({ zeroKnowledge: true, blowup: 8, queries: 52 });
    expect(vmProofOptions(params, { zeroKnowledge: true })).toMatchObject({ blowup: 16, queries: 44 }); // without the size: the safe layout
    const inputs = [1, 2, 3].map((v) => encrypt(publicKey, v, rnd));
    const r = proveInference(c.program, params, [], inputs, { proofOptions: o, salt: [9n, 8n, 7n, 6n], random: seededRandom("zk8") });
    const sec = securityReportForAir(inferenceAir(r.statement), o);
    expect(sec.conjectured).toBeGreaterThanOrEqual(DEFAULT_POLICY.minConjecturedBits);
    expect(sec.provenListDecoding).toBeGreaterThanOrEqual(DEFAULT_POLICY.minProvenBits);
    expect(verifyInference(r.statement, r.proof, { policy: DEFAULT_POLICY }).ok).toBe(true);
    expect(decrypt(secretKey, r.statement.outputs[0]!)).toBe(4n - 6n + 6n + 5n);
  });
});
