// `encryptai verify` against the attacks of issue "Sound from model to payment": every forged proof file is made
// with the library (each STARK honest for the statement it claims), written to disk, and must be refused by the
// command line BY NAME — the statement field that differs, the check that fails, or the file field at fault.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { vmAir } from "../src/vm/air/vm-air.js";
import { encrypt, getParams, keygen, seededRandom, serializeCiphertexts, serializeSecretKey } from "../src/lwe/index.js";
import { prove, proofOptions } from "../src/prover/index.js";
import { assemble } from "../src/vm/assembler.js";
import { type InferenceStatement, hashSpecFor, proveInference, vmPublicInputs } from "../src/vm/inference.js";
import { encodeProofFile } from "../src/vm/proof-file.js";
import { vmTrace } from "../src/vm/trace.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

const dir = tempFolder("encryptai-verify-attacks-");
const f = (name: string) => join(dir, name);
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const lr = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
const weights = [3n, 2n, 4n, 2n, 1n];
const OPTIONS = proofOptions({ fieldExtension: 1, grindingBits: 8 });

/** The user's own inputs at a preset, written to <name>.ct; the trusted-source flags for `verify --program`. */
function userInputs(id: string, name: string) {
  const params = getParams(id);
  const rnd = seededRandom(`verify-attacks-${id}`);
  const { publicKey } = keygen(params, rnd);
  const x = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  writeFileSync(f(`${name}.ct`), serializeCiphertexts(x));
  return { params, x, trusted: ["--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f(`${name}.ct`)] };
}

/** Proves `statement` honestly (a trace for its own form) and writes the proof file. */
function writeForged(name: string, statement: InferenceStatement, program = lr, publicValues = weights, options = OPTIONS): string {
  const params = statement.params;
  const pub = vmPublicInputs(statement);
  const { trace } = vmTrace({ program, publicValues, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength: statement.traceLength, hash: hashSpecFor(params), immediateBits: statement.immediateBits });
  const { bytes } = prove(vmAir(pub), trace, options);
  writeFileSync(f(name), encodeProofFile(statement, bytes));
  return f(name);
}

describe("encryptai verify refuses each attack by name", () => {
  const thesis = userInputs("thesis-u8", "x");
  const honest = proveInference(lr, thesis.params, weights, thesis.x, { proofOptions: OPTIONS });
  writeFileSync(f("honest.json"), encodeProofFile(honest.statement, honest.proof));

  it("the honest proof is valid from the user's own trusted sources", () => {
    expect(cli("verify", f("honest.json"), ...thesis.trusted).stdout).toMatch(/^valid: encrypted inference verified/m);
  });
  it("node substitutes public weights: an honest proof of the model's shape with weights (0, 0, 0, 0) and constant 4242", () => {
    const forged = proveInference(lr, thesis.params, [0n, 0n, 0n, 0n, 4242n], thesis.x, { proofOptions: OPTIONS });
    writeFileSync(f("weights.json"), encodeProofFile(forged.statement, forged.proof));
    expect(cli("verify", f("weights.json"), "--statement-from-file").stdout).toMatch(/^valid/m); // true of its own claim
    const r = cli("verify", f("weights.json"), ...thesis.trusted);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^INVALID \(statement: publicValues\): the proof's public values \(weights\) are not the model's/m);
  });
  it("the node's own program read2 read smul read sadd (0·x + 7777)", () => {
    const own = assemble("read2\nread\nsmul\nread\nsadd");
    const forged = proveInference(own, thesis.params, [0n, 7777n], thesis.x.slice(0, 1), { proofOptions: OPTIONS });
    writeFileSync(f("own.json"), encodeProofFile(forged.statement, forged.proof));
    expect(cli("verify", f("own.json"), ...thesis.trusted).stdout).toMatch(/^INVALID \(statement: opcodes\): the proof's program shape \(16 steps\) is not the model's \(32 steps\)/m);
  });
  it("a proof about other input ciphertexts than the user's", () => {
    const rnd = seededRandom("other-inputs");
    const { publicKey } = keygen(thesis.params, rnd);
    const other = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
    const forged = proveInference(lr, thesis.params, weights, other, { proofOptions: OPTIONS });
    writeFileSync(f("inputs.json"), encodeProofFile(forged.statement, forged.proof));
    expect(cli("verify", f("inputs.json"), ...thesis.trusted).stdout).toMatch(/^INVALID \(statement: inputs\): input ciphertext 0 of the proof is not the verifier's/m);
  });
  it("a trace length of the prover's choosing (twice the shape's)", () => {
    const path = writeForged("long.json", { ...honest.statement, traceLength: 128 });
    expect(cli("verify", path, ...thesis.trusted).stdout).toMatch(/^INVALID \(statement: traceLength\): trace length 128, the shape and options require 64/m);
  });
  it("proof file with 2^28 rows: refused from the file's fields before any allocation", () => {
    const file = JSON.parse(readFileSync(f("honest.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(f("huge.json"), JSON.stringify({ ...file, traceLength: 2 ** 28 }));
    const r = cli("verify", f("huge.json"), ...thesis.trusted);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/traceLength must be an integer in \[1, 262144\], got 268435456/);
  });
  it("blowup 4, 51 queries, no grinding: 101 bits conjectured, refused for its proven bits", () => {
    const weak = proveInference(lr, thesis.params, weights, thesis.x, { proofOptions: proofOptions({ blowup: 4, queries: 51, grindingBits: 0, fieldExtension: 1 }) });
    writeFileSync(f("weak.json"), encodeProofFile(weak.statement, weak.proof));
    const r = cli("verify", f("weak.json"), ...thesis.trusted);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^INVALID \(security\): the proof's options give \d+ bits proven \(list decoding\); policy "default" requires ≥ 64/m);
  });
  it("blowup 256 wrapped to 0 in the proof's option byte: refused as options", () => {
    const file = JSON.parse(readFileSync(f("honest.json"), "utf8")) as { proof: string };
    const bytes = Buffer.from(file.proof, "base64");
    bytes[5] = 0; // "EAIS" | version | blowup …
    writeFileSync(f("zero-blowup.json"), JSON.stringify({ ...file, proof: bytes.toString("base64") }));
    expect(cli("verify", f("zero-blowup.json"), ...thesis.trusted).stdout).toMatch(/^INVALID \(options\): proof option blowup = 0 is invalid/m);
  });
  it("ill-typed shape read read, claimed by the file: refused before any STARK work, naming the step", () => {
    const readRead = assemble("read\nread").instructions.map((i) => (i.op === "read" ? 0b10_001 : 0));
    writeFileSync(f("read-read.json"), encodeProofFile({ ...honest.statement, opcodes: readRead, inputs: thesis.x, publicValues: [5n, 7n] }, honest.proof));
    // even a verifier that takes the file's own claim refuses its shape
    expect(cli("verify", f("read-read.json"), "--statement-from-file").stdout).toMatch(/^INVALID \(statement: opcodes\): the program shape is ill-typed at step 16: the program must leave its outputs on the stack, at least one ciphertext; it leaves scalar, scalar/m);
    expect(cli("verify", f("read-read.json"), ...thesis.trusted).stdout).toMatch(/^INVALID \(statement: opcodes\)/m);
  });
  it("a wider immediate range than the model's (a weaker noise bound for the user): refused at immediateBits", () => {
    const path = writeForged("wide.json", { ...honest.statement, immediateBits: 16 });
    expect(cli("verify", path, ...thesis.trusted).stdout).toMatch(/^INVALID \(statement: immediateBits\): the proof declares 16-bit immediates, the model 2-bit/m);
  });
  it("verify --decrypt: the output decrypted under the verified statement's bound; refused on an invalid proof", () => {
    const { secretKey } = keygen(thesis.params, seededRandom("verify-attacks-thesis-u8"));
    writeFileSync(f("t.sk"), serializeSecretKey(secretKey));
    expect(cli("verify", f("honest.json"), ...thesis.trusted, "--decrypt", f("t.sk")).stdout).toMatch(/^decrypted output: 29 \(noise bounded by the verified statement/m);
    const bad = cli("verify", f("weights.json"), ...thesis.trusted, "--decrypt", f("t.sk"));
    expect(bad.code).toBe(1);
    expect(bad.stdout).not.toMatch(/decrypted output/);
  });
  it("one compression lane at goldilocks-128 (2^-53 per try instead of 2^-159): refused by rule", () => {
    const g = userInputs("goldilocks-128", "gx");
    const options = proofOptions({ blowup: 16, grindingBits: 8 });
    const gh = proveInference(lr, g.params, weights, g.x, { proofOptions: options });
    const path = writeForged("one-lane.json", { ...gh.statement, mode: 1 }, lr, weights, options);
    expect(cli("verify", path, ...g.trusted).stdout).toMatch(/^INVALID \(statement: mode\): ciphertext mode 1, parameter set "goldilocks-128" requires 3/m);
  });
});
