// The browser shims against node's own built-ins (the reference implementation): SHA-256 with the FIPS 180-4
// example vector, SHAKE with an output length, AES-256-GCM in both directions (sealed by one, opened by the other,
// a tampered tag refused), randomness over Web Crypto's 65,536-byte limit, and isDeepStrictEqual on the values a
// parsed proof holds — the STARK verifier's canonical-form check must reject exactly what node's rejects.
import * as nodeCrypto from "node:crypto";
import { isDeepStrictEqual as nodeDeepEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as shim from "./node-crypto.js";
import { isDeepStrictEqual } from "./node-util.js";
import { cpus, totalmem } from "./node-os.js";
import { readFileSync } from "./node-unavailable.js";

describe("node:crypto shim", () => {
  it("SHA-256 matches FIPS 180-4's example (\"abc\") and node's on random inputs", () => {
    expect(shim.createHash("sha256").update("abc").digest("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => {
        expect(shim.hash("sha256", b, "hex")).toBe(nodeCrypto.createHash("sha256").update(b).digest("hex"));
        expect(Buffer.from(shim.createHash("sha256").update(b.subarray(0, 7)).update(b.subarray(7)).digest() as Uint8Array).equals(nodeCrypto.createHash("sha256").update(b).digest())).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("SHAKE128 and SHAKE256 with an output length match node's", () => {
    for (const alg of ["shake128", "shake256"]) {
      for (const outputLength of [16, 32, 100, 1000]) {
        const data = new TextEncoder().encode(`EncryptAI ${alg} ${outputLength}`);
        expect(shim.createHash(alg, { outputLength }).update(data).digest("hex")).toBe(nodeCrypto.createHash(alg, { outputLength }).update(data).digest("hex"));
      }
    }
  });

  it("AES-256-GCM: sealed by the shim, opened by node, and the reverse; a flipped tag bit is refused", () => {
    const key = nodeCrypto.randomBytes(32);
    const iv = nodeCrypto.randomBytes(12);
    const plain = nodeCrypto.randomBytes(5000);
    const c = shim.createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([c.update(plain), c.final()]);
    const tag = c.getAuthTag();
    const d = nodeCrypto.createDecipheriv("aes-256-gcm", key, iv);
    d.setAuthTag(tag);
    expect(Buffer.concat([d.update(body), d.final()]).equals(plain)).toBe(true);
    const n = nodeCrypto.createCipheriv("aes-256-gcm", key, iv);
    const nodeBody = Buffer.concat([n.update(plain), n.final()]);
    expect(nodeBody.equals(body)).toBe(true);
    const s = shim.createDecipheriv("aes-256-gcm", key, iv);
    s.setAuthTag(n.getAuthTag());
    expect(Buffer.concat([s.update(nodeBody), s.final()]).equals(plain)).toBe(true);
    const bad = shim.createDecipheriv("aes-256-gcm", key, iv);
    const flipped = Buffer.from(tag);
    flipped[0]! ^= 1;
    bad.setAuthTag(flipped);
    bad.update(body);
    expect(() => bad.final()).toThrow(/unable to authenticate/);
    expect(() => shim.createCipheriv("aes-128-cbc", key, iv)).toThrow(/not available/);
    expect(() => shim.createCipheriv("aes-256-gcm", key.subarray(0, 16), iv)).toThrow(/32-byte key/);
  });

  it("randomness: fills beyond Web Crypto's 65,536-byte limit, and two draws differ", () => {
    const big = shim.randomFillSync(new Uint8Array(200_000));
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true);
    expect(Buffer.from(shim.randomBytes(32)).equals(Buffer.from(shim.randomBytes(32)))).toBe(false);
    expect(() => shim.createHash("md5")).toThrow(/not available/);
  });
});

describe("node:util shim: isDeepStrictEqual as node's", () => {
  const cases: [unknown, unknown][] = [
    [{ a: [1n, 2n], b: "x" }, { a: [1n, 2n], b: "x" }],
    [{ a: [1n, 2n] }, { a: [1n, 3n] }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [[1, 2], [1, 2, 3]],
    [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
    [new Uint8Array([1, 2]), new Uint16Array([1, 2])],
    [new Uint8Array([1, 2]), [1, 2]],
    [{ x: [[1n], [2n, 3n]] }, { x: [[1n], [2n, 3n]] }],
    [{ x: [[1n], [2n, 3n]] }, { x: [[1n], [2n, 3n, 0n]] }],
    [0, -0],
    [NaN, NaN],
    ["1", 1],
    [1n, 1],
    [null, undefined],
    [{}, []],
  ];
  it("agrees with node:util on the values a parsed proof holds", () => {
    for (const [a, b] of cases) expect(isDeepStrictEqual(a, b), JSON.stringify([a, b], (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(nodeDeepEqual(a, b));
  });
  it("agrees with node:util on random JSON-like values", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.integer(), fc.bigInt(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
      node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 2 }), tie("node"), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(isDeepStrictEqual(a, b)).toBe(nodeDeepEqual(a, b));
        expect(isDeepStrictEqual(a, structuredClone(a))).toBe(nodeDeepEqual(a, structuredClone(a)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("node:os and the unavailable built-ins", () => {
  it("totalmem is a positive number of bytes; cpus keeps the Node-only helper threads off", () => {
    expect(totalmem()).toBeGreaterThan(2 ** 30);
    expect(cpus()).toHaveLength(1);
  });
  it("a Node-only call names itself", () => {
    expect(() => readFileSync("x")).toThrow(/fs.readFileSync is not available in the browser/);
  });
});
