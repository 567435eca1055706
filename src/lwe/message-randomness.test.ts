// Seeded encryption re-keyed per message (issue "Sound from model to payment", item 5): the attack that read the
// plaintext difference off two ciphertexts made with one seed, shown working with the old (context-blind) stream
// and failing now, for public- and secret-key encryption; what equal inputs still give; the context's encoding.
import { describe, expect, it } from "vitest";
import { type Ciphertext, decrypt, encrypt, encryptMany, encryptManyWithSecretKey, encryptWithSecretKey, getParams, keygen, seededRandom } from "./index.js";
import { messageContext } from "./message-randomness.js";
import { modulusOf } from "./params.js";
import type { RandomSource } from "./random.js";
import { contextBlindSource } from "./random.testkit.js";
import { getElement } from "./zq.js";

const params = getParams("goldilocks-128");
const { publicKey, secretKey } = keygen(params, seededRandom("seed-reuse-keys"));
const q = modulusOf(params).q;
const mod = (x: bigint) => ((x % q) + q) % q;
const body = (ct: Ciphertext) => getElement(modulusOf(params), ct.data, params.n);
const sameMask = (a: Ciphertext, b: Ciphertext) => Buffer.from(a.mask().slice().buffer).equals(Buffer.from(b.mask().slice().buffer));
/** The attack: (u1 − u2)/Δ rounded and centred — the plaintext difference when the masks and noise are shared. */
function recoveredDifference(a: Ciphertext, b: Ciphertext): bigint {
  let d = mod(body(a) - body(b));
  if (d > q / 2n) d -= q;
  const delta = params.delta;
  return d >= 0n ? (d + delta / 2n) / delta : -((-d + delta / 2n) / delta);
}

describe("lwe encrypt seed reused", () => {
  const [m1, m2] = [5n, 1234n]; // non-negative: Δ·m mod q is then exactly linear in m (no wrap drift)
  const encryptors: [string, (m: bigint, r: RandomSource) => Ciphertext][] = [
    ["public key", (m, r) => encrypt(publicKey, m, r)],
    ["secret key", (m, r) => encryptWithSecretKey(secretKey, m, r)],
  ];
  it.each(encryptors)("%s: two messages under one seed and key get different masks; the body difference is not Δ·(m1 − m2)", (_, enc) => {
    const c1 = enc(m1, seededRandom("reused"));
    const c2 = enc(m2, seededRandom("reused"));
    expect([decrypt(secretKey, c1), decrypt(secretKey, c2)]).toEqual([m1, m2]);
    expect(sameMask(c1, c2)).toBe(false);
    expect(mod(body(c1) - body(c2))).not.toBe(mod(params.delta * (m1 - m2)));
    expect(recoveredDifference(c1, c2)).not.toBe(m1 - m2);
  });
  it.each(encryptors)("%s, the control: the seed's one stream for every message (the old encryption) gives the plaintext difference without the key", (_, enc) => {
    const c1 = enc(m1, contextBlindSource("reused"));
    const c2 = enc(m2, contextBlindSource("reused"));
    expect(sameMask(c1, c2)).toBe(true);
    expect(mod(body(c1) - body(c2))).toBe(mod(params.delta * (m1 - m2)));
    expect(recoveredDifference(c1, c2)).toBe(m1 - m2);
  });
});

describe("what a seed still reproduces", () => {
  const data = (cts: readonly Ciphertext[]) => cts.map((c) => Buffer.from(c.data.buffer).toString("hex"));
  it("the same messages, indices, seed and key give the same ciphertexts (seeded mode is for experiments)", () => {
    expect(data(encryptMany(publicKey, [1, 2, 3], seededRandom("r")))).toEqual(data(encryptMany(publicKey, [1, 2, 3], seededRandom("r"))));
    expect(data(encryptManyWithSecretKey(secretKey, [1, 2], seededRandom("r")))).toEqual(data(encryptManyWithSecretKey(secretKey, [1, 2], seededRandom("r"))));
  });
  it("one message at two indices, under two keys, or twice from one source gives different ciphertexts", () => {
    const [a, b] = encryptMany(publicKey, [7, 7], seededRandom("r"));
    expect(sameMask(a!, b!)).toBe(false);
    const other = keygen(params, seededRandom("another key")).publicKey;
    expect(sameMask(encrypt(publicKey, 7, seededRandom("r")), encrypt(other, 7, seededRandom("r")))).toBe(false);
    const r = seededRandom("r");
    expect(sameMask(encrypt(publicKey, 7, r), encrypt(publicKey, 7, r))).toBe(false);
    // an index's stream does not depend on the batch it is in
    const batch = encryptMany(publicKey, [3, 7], seededRandom("r"));
    expect(data([batch[0]!])).toEqual(data(encryptMany(publicKey, [3], seededRandom("r"))));
  });
  it("a message is its value mod t: −1 and t − 1 are one plaintext, so one ciphertext", () => {
    const p = getParams("thesis-u8");
    const k = keygen(p, seededRandom("u8"));
    expect(data([encrypt(k.publicKey, 255, seededRandom("r"))])).toEqual(data([encrypt(k.publicKey, 255, seededRandom("r"))]));
    expect(data([encrypt(k.publicKey, 255, seededRandom("r"))])).not.toEqual(data([encrypt(k.publicKey, 254, seededRandom("r"))]));
  });
});

describe("message context", () => {
  it("is key id ‖ u64le(index) ‖ the encoded message in decimal", () => {
    const id = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(Buffer.from(messageContext(id, 258, 42n)).toString("hex")).toBe(`000102030405060708090a0b0c0d0e0f0201000000000000${Buffer.from("42").toString("hex")}`);
  });
  it("names a bad key id or index", () => {
    expect(() => messageContext(new Uint8Array(15), 0, 1n)).toThrow(/a key id has 16 bytes, got 15/);
    expect(() => messageContext(new Uint8Array(16), -1, 1n)).toThrow(/message index -1 is not a non-negative integer/);
  });
});
