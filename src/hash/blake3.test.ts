import { blake3 } from "@noble/hashes/blake3.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BLAKE3_256, blake3Hasher, blake3WasmEnabled, setBlake3Wasm } from "./blake3.js";
import { BLAKE3_WASM_BATCH_BYTES, blake3HashLeavesWasm, blake3MergeLayerWasm, blake3WasmAvailable } from "./blake3-wasm.js";
import { HashLengthError } from "./errors.js";

const wasm = blake3Hasher({ backend: "wasm" });
const noble = blake3Hasher({ backend: "noble" });

/**
 * Official BLAKE3 test vectors: github.com/BLAKE3-team/BLAKE3, test_vectors/test_vectors.json (release 1.8.6),
 * "hash" mode, first 32 bytes of the extended output; input byte i = i mod 251.
 */
const VECTORS: readonly [number, string][] = [
  [0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"],
  [1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"],
  [2, "7b7015bb92cf0b318037702a6cdd81dee41224f734684c2c122cd6359cb1ee63"],
  [3, "e1be4d7a8ab5560aa4199eea339849ba8e293d55ca0a81006726d184519e647f"],
  [8, "2351207d04fc16ade43ccab08600939c7c1fa70a5c0aaca76063d04c3228eaeb"],
  [63, "e9bc37a594daad83be9470df7f7b3798297c3d834ce80ba85d6e207627b7db7b"],
  [64, "4eed7141ea4a5cd4b788606bd23f46e212af9cacebacdc7d1f4c6dc7f2511b98"],
  [65, "de1e5fa0be70df6d2be8fffd0e99ceaa8eb6e8c93a63f2d8d1c30ecb6b263dee"],
  [127, "d81293fda863f008c09e92fc382a81f5a0b4a1251cba1634016a0f86a6bd640d"],
  [128, "f17e570564b26578c33bb7f44643f539624b05df1a76c81f30acd548c44b45ef"],
  [129, "683aaae9f3c5ba37eaaf072aed0f9e30bac0865137bae68b1fde4ca2aebdcb12"],
  [1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"],
  [1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"],
  // Longer than one chunk: tree mode (parent nodes), which the WebAssembly kernel implements too.
  [1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"],
  [2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"],
  [2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"],
  [3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"],
  [3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"],
  [4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"],
  [4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"],
  [5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"],
  [7169, "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817"],
  [8192, "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63"],
  [8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"],
  [16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"],
  [31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"],
  [102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"],
];

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const hex = (b: Uint8Array) => bytesToHex(b);
const digestAt = (d: Uint8Array, i: number) => d.subarray(32 * i, 32 * i + 32);

describe("BLAKE3-256 hasher", () => {
  it("has the Hasher constants and WebAssembly on Node 20 (SIMD)", () => {
    expect(blake3WasmAvailable()).toBe(true);
    expect(blake3WasmEnabled()).toBe(true);
    expect(BLAKE3_256.name).toBe("blake3-256");
    expect(BLAKE3_256.digestBytes).toBe(32);
    expect(BLAKE3_256.collisionBits).toBe(128);
  });

  it.each(VECTORS)("official test vector, input length %i: hash and hashLeaves, in WebAssembly and @noble", (len, expected) => {
    const input = pattern(len);
    expect(hex(BLAKE3_256.hash(input))).toBe(expected);
    expect(hex(wasm.hash(input))).toBe(expected);
    expect(hex(noble.hash(input))).toBe(expected);
    expect(hex(wasm.hashLeaves(input, len, 1))).toBe(expected);
    if (len <= 4096) expect(hex(noble.hashLeaves(input, len, 1))).toBe(expected);
    // Five copies: one full group of four lanes plus a one-leaf tail (the last leaf repeated in idle lanes).
    const five = new Uint8Array(5 * len);
    for (let k = 0; k < 5; k++) five.set(input, k * len);
    const out = wasm.hashLeaves(five, len, 5);
    for (let k = 0; k < 5; k++) expect(hex(digestAt(out, k))).toBe(expected);
  });

  it("merge = BLAKE3(left ‖ right), WebAssembly = @noble, on random digests", () => {
    for (let t = 0; t < 50; t++) {
      const l = randomBytes(32, 2 * t + 1);
      const r = randomBytes(32, 2 * t + 2);
      const want = blake3(Uint8Array.from([...l, ...r]));
      expect(hex(wasm.merge(l, r))).toBe(hex(want));
      expect(hex(noble.merge(l, r))).toBe(hex(want));
    }
  });

  it.each([0, 1, 2, 3, 4, 5, 7, 8, 9, 100, 1023])("mergeLayer of %i pairs: WebAssembly = @noble, bit for bit", (k) => {
    const nodes = randomBytes(64 * k, 1000 + k);
    const a = wasm.mergeLayer(nodes);
    const b = noble.mergeLayer(nodes);
    expect(a.length).toBe(32 * k);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("hashLeaves: WebAssembly = @noble for leaf lengths around every block and chunk boundary", () => {
    const lengths = [0, 1, 31, 32, 33, 48, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 960, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 3000, 4096, 5000];
    for (const len of lengths) {
      for (const count of [1, 2, 3, 4, 5, 9]) {
        const data = randomBytes(len * count, 31 * len + count);
        const a = wasm.hashLeaves(data, len, count);
        const b = noble.hashLeaves(data, len, count);
        expect(Buffer.from(a).equals(Buffer.from(b)), `leafBytes ${len}, count ${count}`).toBe(true);
      }
    }
  });

  it("hashLeaves and mergeLayer: WebAssembly = @noble on random inputs (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 11 }), fc.integer(), (len, count, seed) => {
        const data = randomBytes(len * count, seed);
        expect(hex(wasm.hashLeaves(data, len, count))).toBe(hex(noble.hashLeaves(data, len, count)));
        const pairs = randomBytes(64 * count, seed ^ 0x5bd1e995);
        expect(hex(wasm.mergeLayer(pairs))).toBe(hex(noble.mergeLayer(pairs)));
      }),
      { numRuns: 60 },
    );
  });

  it("inputs larger than one WebAssembly batch are split correctly (checked at the batch boundaries)", () => {
    const k = BLAKE3_WASM_BATCH_BYTES / 64 + 3;
    const nodes = randomBytes(64 * k, 7);
    const layer = blake3MergeLayerWasm(nodes);
    for (const i of [0, k - 4, k - 3, k - 2, k - 1]) expect(hex(digestAt(layer, i))).toBe(hex(blake3(nodes.subarray(64 * i, 64 * i + 64))));
    const leafBytes = 100;
    const batch = Math.floor(BLAKE3_WASM_BATCH_BYTES / (leafBytes + 32));
    const count = batch + 5;
    const data = randomBytes(leafBytes * count, 8);
    const leaves = blake3HashLeavesWasm(data, leafBytes, count);
    for (const i of [0, batch - 1, batch, batch + 4]) expect(hex(digestAt(leaves, i))).toBe(hex(blake3(data.subarray(leafBytes * i, leafBytes * (i + 1)))));
  });

  it("rejects wrong lengths with HashLengthError naming the sizes", () => {
    for (const h of [wasm, noble]) {
      expect(() => h.merge(new Uint8Array(31), new Uint8Array(32))).toThrow(HashLengthError);
      expect(() => h.merge(new Uint8Array(32), new Uint8Array(33))).toThrow(/31|33/);
      expect(() => h.mergeLayer(new Uint8Array(96))).toThrow(/multiple of 64/);
      expect(() => h.hashLeaves(new Uint8Array(10), 3, 3)).toThrow(/need 9 bytes, got 10/);
      expect(() => h.hashLeaves(new Uint8Array(0), -1, 0)).toThrow(HashLengthError);
      expect(() => h.hashLeaves(new Uint8Array(0), 0, 1.5)).toThrow(HashLengthError);
    }
  });

  it("setBlake3Wasm switches the automatic backend; results are identical either way", () => {
    const data = randomBytes(64 * 9, 99);
    const withWasm = BLAKE3_256.mergeLayer(data);
    const before = setBlake3Wasm(false);
    try {
      expect(blake3WasmEnabled()).toBe(false);
      expect(hex(BLAKE3_256.mergeLayer(data))).toBe(hex(withWasm));
    } finally {
      setBlake3Wasm(before);
    }
    expect(blake3WasmEnabled()).toBe(true);
  });
});
