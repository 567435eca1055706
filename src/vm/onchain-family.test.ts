// The on-chain registration computed from a committed model (issue 16): it equals what a real statement of the
// model gives (the key from the AIR, the binding prefix from compress.ts), and onchainInputError names every input
// file the TypeScript loader takes but the contract would refuse (hostile review: such a job could never be settled).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deserializeCiphertexts, getParams, serializeCiphertexts } from "../lwe/index.js";
import { ONCHAIN_OPTIONS } from "../prover/options.js";
import { bindingBytes } from "./compress.js";
import { compressionBinding, hashSpecFor } from "./inference.js";
import { onchainInputError, onchainRegistration } from "./onchain-family.js";
import { inferenceVerifyingKey } from "./onchain-key.js";
import { carsInferenceProof } from "./onchain-models.js";

const { statement } = carsInferenceProof(ONCHAIN_OPTIONS, "onchain-family-test");
const model = { params: statement.params, opcodes: statement.opcodes, programHash: statement.programHash, publicValues: statement.publicValues, immediateBits: statement.immediateBits };
const reg = onchainRegistration(model, { zeroKnowledge: false });
const input = serializeCiphertexts(statement.inputs);

/** `file` with its parameter JSON replaced by `json`, the length and the checksum rewritten. */
function withJson(file: Uint8Array, json: string): Uint8Array {
  const len = file[7]! | (file[8]! << 8);
  const text = new TextEncoder().encode(json);
  const out = new Uint8Array(file.length - len + text.length);
  out.set(file.subarray(0, 7));
  out[7] = text.length & 0xff;
  out[8] = text.length >> 8;
  out.set(text, 9);
  out.set(file.subarray(9 + len), 9 + text.length);
  out.set(createHash("sha256").update(out.subarray(0, out.length - 32)).digest(), out.length - 32);
  return out;
}

describe("onchainRegistration", () => {
  it("has the key and the binding prefix of a real statement of the model (not of its throwaway encryptions)", () => {
    expect(reg.key).toEqual(inferenceVerifyingKey(statement, ONCHAIN_OPTIONS));
    const cells = statement.inputs.map((ct) => ct.data.subarray(0, 2 * (statement.params.n + 1)));
    const outs = statement.outputs.map((ct) => ct.data.subarray(0, 2 * (statement.params.n + 1)));
    const binding = bindingBytes(hashSpecFor(statement.params).field, compressionBinding(statement, cells, outs));
    expect(Buffer.from(binding.subarray(0, reg.family.prefix.length)).equals(Buffer.from(reg.family.prefix))).toBe(true);
    expect(binding.length - reg.family.prefix.length).toBe(8 * (statement.params.n + 1) * (statement.inputs.length + statement.outputs.length));
    expect(reg.family).toMatchObject({ elements: statement.params.n + 1, lanes: 3, rows: 1, rowInputs: 5, repeats: 1, rowOutputs: 1 });
  });

  it("refuses a parameter set the on-chain verifier cannot judge, naming it", () => {
    expect(() => onchainRegistration({ ...model, params: getParams("f128-128") }, { zeroKnowledge: false })).toThrow(/"f128-128" is not over Goldilocks/);
    expect(() => onchainRegistration({ ...model, params: getParams("thesis") }, { zeroKnowledge: false })).toThrow(/"thesis" keeps ciphertexts uncompressed/);
  });
});

describe("onchainInputError: what the loader takes and the contract would refuse", () => {
  it("takes the user's own file", () => {
    expect(onchainInputError(input, reg.family)).toBeUndefined();
  });

  it("another spelling of the parameter JSON (the loader compares parsed sets, the contract bytes)", () => {
    const len = input[7]! | (input[8]! << 8);
    const spaced = withJson(input, `${new TextDecoder().decode(input.subarray(9, 9 + len))} `);
    expect(deserializeCiphertexts(spaced)).toHaveLength(5);
    expect(onchainInputError(spaced, reg.family)).toMatch(/not written as the registration's canonical JSON/);
  });

  it("two rows for a one-row registration, and a version-1 header", () => {
    const twoRows = serializeCiphertexts([...statement.inputs, ...statement.inputs]);
    expect(onchainInputError(twoRows, reg.family)).toBe("the file holds 10 ciphertexts; the model's on-chain registration takes 1 row of 5 (5)");
    const v1 = input.slice();
    v1[4] = 1;
    expect(onchainInputError(v1, reg.family)).toMatch(/format version 2 only/);
  });
});
