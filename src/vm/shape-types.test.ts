// The VM's type rules, written once (shape-types.ts), applied by the executor, the AIR builder and the verifier
// (issue "Sound from model to payment", item 3): an ill-typed public shape — `read read` in compressed mode, a
// scalar taken from a ciphertext's cells, no ciphertext at the end, an overflow — is refused with its step and
// reason before any STARK work.
import { describe, expect, it } from "vitest";
import { encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY } from "../prover/index.js";
import { vmAir } from "./air/vm-air.js";
import { assemble } from "./assembler.js";
import { type InferenceStatement, proveInference, requiredTraceLength, verifyInference, vmPublicInputs } from "./inference.js";
import { OPCODES, type OpName } from "./isa.js";
import { shapeTypeError, typeStep } from "./shape-types.js";

/** Opcodes of a program, padded with noops to a multiple of 16 (cycle steps 14 and 15 noop), as the assembler does. */
const shape = (ops: readonly (OpName | `push.${number}`)[]) => assemble(ops.join("\n")).instructions.map((i) => OPCODES[i.op]);

describe("the type rules", () => {
  it.each([
    [["read2", "read", "smul"], 5, undefined],
    [["read2", "push.3", "sadd"], 5, undefined],
    [["read2", "read2", "add2"], 3, undefined],
    [["read", "read"], 2, /at least one ciphertext; it leaves scalar, scalar/],
    [["read", "read", "read"], 3, /at least one ciphertext/],
    [["read2", "read", "read", "add"], 3, undefined],
    [["read2", "read2", "smul"], 5, /smul needs a scalar on top of a ciphertext, found a ciphertext/],
    [["read", "read2", "add"], 5, /add needs two scalars, found a ciphertext/],
    [["read", "read", "add2"], 1, /add2 needs two ciphertexts, found a scalar/],
    [["add"], 5, /stack underflow: add needs two scalars, the stack is empty/],
    [["read2", "read2", "read2", "read2"], 5, /stack overflow: read2 needs 20 cells, the VM has 16/],
  ] as const)("%j with ciphertexts of %i cells", (ops, w, error) => {
    const e = shapeTypeError(shape(ops), w);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e?.reason).toMatch(error);
  });
  it("names the first step that breaks a rule", () => {
    expect(shapeTypeError(shape(["read2", "read", "smul", "add2"]), 3)).toEqual({ step: 3, reason: "stack underflow: add2 needs two ciphertexts, the stack holds only 1 item" });
    expect(shapeTypeError([OPCODES.read2, 31], 3)).toEqual({ step: 1, reason: "31 is not an opcode" });
  });
  it("a step's result is the next stack, top first", () => {
    expect(typeStep("sadd", ["scalar", "ciphertext", "scalar"], 3)).toEqual({ kinds: ["ciphertext", "scalar"] });
  });
});

describe("ill-typed shapes at the AIR builder and the verifier", () => {
  const params = getParams("f128-128"); // compressed mode: ciphertexts are 2 lanes
  const rnd = seededRandom("shape-types");
  const { publicKey } = keygen(params, rnd);
  const x = [encrypt(publicKey, 2, rnd)];
  const lr = assemble("read2\nread\nsmul\nread\nsadd");
  const { statement, proof } = proveInference(lr, params, [3n, 1n], x, { proofOptions: FAST_TEST_OPTIONS });
  // `read read` leaves two scalars: two cells, the depth of one 2-lane ciphertext — the cells alone cannot tell
  const readRead = shape(["read", "read"]);
  const illTyped: InferenceStatement = { ...statement, opcodes: readRead, inputs: [], publicValues: [5n, 7n], traceLength: requiredTraceLength(readRead.length, FAST_TEST_OPTIONS) };

  it("ill-typed shape read read in compressed mode: the AIR builder refuses it with the step and the reason", () => {
    const pub = { ...vmPublicInputs(statement), opcodes: readRead, inputs: [], publicValues: [5n, 7n] };
    expect(() => vmAir(pub)).toThrow(/the shape is ill-typed at step 16: the program must leave its outputs on the stack, at least one ciphertext; it leaves scalar, scalar/);
  });
  it("ill-typed shape read read in compressed mode: the verifier refuses it before any STARK work", () => {
    expect(verifyInference(illTyped, proof)).toEqual({ ok: false, check: "statement", message: expect.stringMatching(/the program shape is ill-typed at step 16: .*at least one ciphertext/) });
    // not even a parseable proof is needed: the shape is judged first
    expect(verifyInference(illTyped, new Uint8Array(3))).toMatchObject({ ok: false, check: "statement", message: expect.stringMatching(/ill-typed/) });
  });
  it("a scalar taken from a ciphertext's cells (add on a ciphertext) is refused by the verifier", () => {
    const addOnCt = shape(["read2", "read", "add"]);
    expect(verifyInference({ ...statement, opcodes: addOnCt }, proof)).toMatchObject({ ok: false, check: "statement", message: expect.stringMatching(/step 2: add needs two scalars, found a ciphertext/) });
  });
  it("the honest statement still verifies", () => {
    expect(verifyInference(statement, proof, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: true });
  });
});
