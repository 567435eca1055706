import { bytesToHex } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { HashLengthError } from "./errors.js";
import { getHasher } from "./index.js";
import { KECCAK_256 } from "./keccak256.js";

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => bytesToHex(b);

/**
 * Known answers of Keccak-256 with the original padding (the EVM's KECCAK256): the empty message (the Keccak team's
 * ShortMsgKAT_256, Len = 0; Ethereum's empty-code hash), "abc", and the pangram — the values published for
 * Ethereum's keccak256 (web3/ethers documentation). SHA3-256 of the same messages differs (padding 0x06).
 */
const VECTORS: readonly [string, Uint8Array, string][] = [
  ["empty message", new Uint8Array(0), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"],
  ['"abc"', ascii("abc"), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"],
  ["the pangram", ascii("The quick brown fox jumps over the lazy dog"), "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"],
];

describe("Keccak-256 hasher", () => {
  it("has the Hasher constants and is found by name", () => {
    expect(KECCAK_256).toMatchObject({ name: "keccak256", digestBytes: 32, collisionBits: 128 });
    expect(getHasher("keccak256")).toBe(KECCAK_256);
  });
  it.each(VECTORS)("known answer: %s", (_, msg, expected) => {
    expect(hex(KECCAK_256.hash(msg))).toBe(expected);
    expect(hex(KECCAK_256.hashLeaves(msg, msg.length, 1))).toBe(expected);
  });
  it("is not SHA3-256 (whose padding differs): the empty message", async () => {
    const { sha3_256 } = await import("@noble/hashes/sha3.js");
    expect(hex(sha3_256(new Uint8Array(0)))).toBe("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    expect(hex(KECCAK_256.hash(new Uint8Array(0)))).not.toBe(hex(sha3_256(new Uint8Array(0))));
  });
  it("merge, mergeLayer and hashLeaves agree with hash on the concatenations, across a rate boundary (136 bytes)", () => {
    const data = Uint8Array.from({ length: 3 * 137 }, (_, i) => (i * 31 + 7) & 0xff);
    const leaves = KECCAK_256.hashLeaves(data, 137, 3);
    for (let i = 0; i < 3; i++) expect(leaves.subarray(32 * i, 32 * i + 32)).toEqual(KECCAK_256.hash(data.subarray(137 * i, 137 * i + 137)));
    const a = KECCAK_256.hash(ascii("left"));
    const b = KECCAK_256.hash(ascii("right"));
    const both = new Uint8Array(64);
    both.set(a);
    both.set(b, 32);
    expect(KECCAK_256.merge(a, b)).toEqual(KECCAK_256.hash(both));
    expect(KECCAK_256.mergeLayer(both)).toEqual(KECCAK_256.hash(both));
  });
  it("refuses wrong lengths, naming them", () => {
    expect(() => KECCAK_256.merge(new Uint8Array(31), new Uint8Array(32))).toThrow(HashLengthError);
    expect(() => KECCAK_256.mergeLayer(new Uint8Array(63))).toThrow(/not a whole number of pairs/);
    expect(() => KECCAK_256.hashLeaves(new Uint8Array(10), 3, 3)).toThrow(/3 leaves of 3 bytes need 9 bytes, got 10/);
  });
  it("the WebAssembly kernels equal @noble/hashes' keccak_256 bit for bit: leaves of 0 … 300 bytes (every rate boundary) and Merkle layers", async () => {
    const { keccak_256 } = await import("@noble/hashes/sha3.js");
    const { keccakHashLeavesWasm, keccakMergeLayerWasm, keccakWasmAvailable } = await import("./keccak-wasm.js");
    expect(keccakWasmAvailable()).toBe(true);
    for (let leafBytes = 0; leafBytes <= 300; leafBytes += leafBytes < 140 ? 1 : 37) {
      const count = 3;
      const data = Uint8Array.from({ length: leafBytes * count }, (_, i) => (i * 167 + leafBytes * 13 + 1) & 0xff);
      const got = keccakHashLeavesWasm(data, leafBytes, count);
      for (let i = 0; i < count; i++) expect(hex(got.subarray(32 * i, 32 * i + 32)), `${leafBytes}-byte leaf ${i}`).toBe(hex(keccak_256(data.subarray(leafBytes * i, leafBytes * (i + 1)))));
    }
    const nodes = Uint8Array.from({ length: 64 * 257 }, (_, i) => (i * 29 + 3) & 0xff);
    const layer = keccakMergeLayerWasm(nodes);
    for (const i of [0, 1, 128, 256]) expect(hex(layer.subarray(32 * i, 32 * i + 32))).toBe(hex(keccak_256(nodes.subarray(64 * i, 64 * i + 64))));
    // the published vectors through the kernel too
    for (const [, msg, expected] of VECTORS) expect(hex(keccakHashLeavesWasm(Uint8Array.from([...msg, ...msg]), msg.length, 2).subarray(0, 32))).toBe(expected);
  });
});
