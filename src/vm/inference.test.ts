// Proved encrypted inference end to end: the thesis example proves, verifies and decrypts to 29 at the thesis
// preset (raw ciphertext cells) and at the secure f128-128 preset (n = 3072, compressed lanes); a proof for
// other inputs, another program hash, other public values or an output wrong in any single coordinate is
// rejected; private weights with a salted hash and zero knowledge.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Ciphertext, decrypt, encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { FAST_TEST_OPTIONS, ZK_OPTIONS, proofOptions } from "../prover/index.js";
import { assemble } from "./assembler.js";
import { lweAlgebra } from "./executor.js";
import { type InferenceStatement, proveInference, verifyInference } from "./inference.js";
import { Ciphertext as Ct } from "../lwe/ciphertext.js";
import { modulusOf } from "../lwe/params.js";
import { setElement } from "../lwe/zq.js";

const lr = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
const weights = [3n, 2n, 4n, 2n, 1n];
const OPTIONS = proofOptions({ fieldExtension: 1, grindingBits: 0 }); // 36 queries at blowup 8: 107 bits over f128
const loose = { minSecurityBits: 100 };

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
  ["goldilocks-128", 3, proofOptions({ blowup: 16, grindingBits: 0 })],
] as const)("encrypted inference at %s (%s cells)", (id, mode, options) => {
  const params = getParams(id);
  const rnd = seededRandom(`inference-${id}`);
  const { publicKey, secretKey } = keygen(params, rnd);
  const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  const { statement, proof } = proveInference(lr, params, weights, x, { proofOptions: options });
  const reject = (s: InferenceStatement) => verifyInference(s, proof, loose);

  it("proves and verifies without the secret key, and the output decrypts to 29", () => {
    expect(statement.mode).toBe(mode);
    expect(verifyInference(statement, proof, loose)).toMatchObject({ ok: true });
    expect(decrypt(secretKey, statement.output)).toBe(29n);
  });
  it("rejects other inputs, other public values and another program hash", () => {
    expect(reject({ ...statement, inputs: [encrypt(publicKey, 2, rnd), ...x.slice(1)] })).toMatchObject({ ok: false });
    expect(reject({ ...statement, publicValues: [3n, 2n, 4n, 2n, 2n] })).toMatchObject({ ok: false });
    expect(reject({ ...statement, programHash: statement.programHash.map((h, i) => (i === 1 ? h + 1n : h)) })).toMatchObject({ ok: false });
  });
  it("rejects an output wrong in any single coordinate (first mask element, a middle one, the body)", () => {
    const n = params.n;
    for (const j of [0, n >> 1, n]) expect(reject({ ...statement, output: bump(statement.output, j) })).toMatchObject({ ok: false });
  });
});

describe("bad input", () => {
  it("refuses a ciphertext for another parameter set and a trace too short for the program", () => {
    const a = getParams("thesis-u8");
    const b = getParams("thesis");
    const rnd = seededRandom("bad-input");
    const ka = keygen(a, rnd);
    const kb = keygen(b, rnd);
    const mixed = [encrypt(ka.publicKey, 1, rnd), encrypt(kb.publicKey, 1, rnd), encrypt(ka.publicKey, 1, rnd), encrypt(ka.publicKey, 1, rnd)];
    expect(() => proveInference(lr, a, weights, mixed, { proofOptions: FAST_TEST_OPTIONS })).toThrow(/input ciphertext 1: ciphertext is for parameter set "thesis", expected "thesis-u8"/);
    const x = [1, 2, 3, 4].map((v) => encrypt(ka.publicKey, v, rnd));
    expect(() => proveInference(lr, a, weights, x, { proofOptions: FAST_TEST_OPTIONS, traceLength: 16 })).toThrow(/power of two ≥ 64/);
  });
});

describe("private weights: push immediates, a salted program hash and zero knowledge", () => {
  const params = getParams("f128-128");
  const rnd = seededRandom("private-weights");
  const { publicKey, secretKey } = keygen(params, rnd);
  const x = [5, 7].map((v) => encrypt(publicKey, v, rnd));
  const program = assemble("read2\npush.6\nsmul\nread2\npush.-2\nsmul\nadd2\npush.3\nsadd", { immediates: "field", modulus: modulusOf(params).q });
  it("proves 6·5 − 2·7 + 3 = 19 in zero knowledge; the statement holds no immediate", () => {
    const o = { ...ZK_OPTIONS, fieldExtension: 1 as const, grindingBits: 8 };
    const { statement, proof } = proveInference(program, params, [], x, { proofOptions: o, salt: [11n, 22n], random: seededRandom(9) });
    expect(decrypt(secretKey, statement.output)).toBe(19n);
    expect(statement.traceLength).toBeGreaterThanOrEqual(2 * o.queries + 2);
    expect(verifyInference(statement, proof, { minSecurityBits: 100 })).toMatchObject({ ok: true });
    // the salt changes the hash: the unsalted program's hash is another statement
    const unsalted = proveInference(program, params, [], x, { proofOptions: FAST_TEST_OPTIONS });
    expect(unsalted.statement.programHash).not.toEqual(statement.programHash);
    expect(verifyInference({ ...statement, programHash: unsalted.statement.programHash }, proof, { minSecurityBits: 100 })).toMatchObject({ ok: false });
  });
});
