import { describe, expect, it } from "vitest";
import { decrypt, encryptMany, getParams, keygen, seededRandom } from "../index.js";
import { setWasmKernels, wasmKernelsEnabled } from "./wasm-batch.js";

describe("WebAssembly encryption kernel", () => {
  it("is available on Node 20 (SIMD)", () => {
    expect(wasmKernelsEnabled()).toBe(true);
  });
  it.each(["goldilocks-128", "thesis", "f128-128"])("gives bit-identical ciphertexts to the JS reference path (%s)", (id) => {
    const p = getParams(id);
    const count = id === "f128-128" ? 3 : 21; // 21 > one batch of 16
    const messages = Array.from({ length: count }, (_, i) => (i * 7) % p.plaintextModulus);
    const wasmKeys = keygen(p, seededRandom(`k-${id}`));
    const wasm = encryptMany(wasmKeys.publicKey, messages, seededRandom(`e-${id}`));
    const before = setWasmKernels(false);
    try {
      const jsKeys = keygen(p, seededRandom(`k-${id}`));
      const js = encryptMany(jsKeys.publicKey, messages, seededRandom(`e-${id}`));
      for (let i = 0; i < count; i++) expect(Buffer.from(wasm[i]!.data.buffer).equals(Buffer.from(js[i]!.data.buffer))).toBe(true);
    } finally {
      setWasmKernels(before);
    }
    expect(wasm.map((ct) => decrypt(wasmKeys.secretKey, ct))).toEqual(messages.map(BigInt));
  });
});
