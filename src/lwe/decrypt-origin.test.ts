// Decryption does not trust metadata the other side wrote (issue "Sound from model to payment", item 6): a
// ciphertext read from a file carries a CLAIMED provenance (its `terms`, `plainWeight`; the checksum is unkeyed),
// so its noise is held to a fresh encryption's unless the caller passes a bound it trusts (a verified statement's)
// or explicitly takes the file's claim. The attacks: an over-budget circuit with its provenance stripped (before:
// most values decrypted wrong with exit 0) and random data tagged with a key id (before: decrypted to a number).
import { describe, expect, it } from "vitest";
import { Ciphertext } from "./ciphertext.js";
import { decrypt, encrypt, encryptWithSecretKey, noiseRuleOf } from "./encrypt.js";
import { NoiseBudgetError, UnverifiedNoiseError } from "./errors.js";
import { add, mulScalar } from "./homomorphic.js";
import { keygen } from "./keys.js";
import { freshNoiseVariance, freshResidualBound, maxCircuitNorm, predictCircuitNoise } from "./noise.js";
import { getParams } from "./presets.js";
import { deserializeCiphertexts, serializeCiphertexts } from "./serialize.js";
import { modulusOf } from "./params.js";
import { sampleUniformMod } from "./sampling.js";
import { ByteStream, seededRandom } from "./random.js";

const params = getParams("goldilocks-128");
const rnd = seededRandom("decrypt-origin");
const { publicKey, secretKey } = keygen(params, rnd);
/** What a file holds after the writer dropped the provenance: the same components, no terms, plain weight 0. */
const stripped = (ct: Ciphertext) => deserializeCiphertexts(serializeCiphertexts([new Ciphertext(ct.params, ct.keyId, ct.data, new Map(), 0)]))[0]!;

describe("the noise bound of a ciphertext read from a file", () => {
  // 40 fresh inputs, times 30,000: ‖c‖₂ ≈ 42,000, far beyond the 2,808 the preset carries at 2^-40
  const xs = Array.from({ length: 20 }, (_, i) => encrypt(publicKey, i, rnd));
  const overBudget = xs.map((x, i) => add(mulScalar(x, 30000), mulScalar(encrypt(publicKey, 1, rnd), 30000 + i)));
  const expected = xs.map((_, i) => BigInt(30000 * i + 30000 + i));

  it("over-budget circuit with its provenance stripped: refused, never decrypted wrong", () => {
    expect(Math.hypot(30000, 30000)).toBeGreaterThan(maxCircuitNorm(params));
    // in this process the provenance is ours: the prediction refuses before decrypting
    expect(() => decrypt(secretKey, overBudget[0]!)).toThrow(NoiseBudgetError);
    const files = overBudget.map(stripped);
    expect(files.every((ct) => ct.origin === "file" && ct.terms.size === 0)).toBe(true);
    // the old behaviour — the file's claim as the bound — decrypts most of them to wrong values without a word
    const trusting = files.map((ct) => decrypt(secretKey, ct, { trustFileProvenance: true }));
    expect(trusting.filter((v, i) => v !== expected[i]).length).toBeGreaterThanOrEqual(10);
    // now: each is refused, or (if its noise happens to be small) correct; none is wrong
    let refused = 0;
    files.forEach((ct, i) => {
      try {
        expect(decrypt(secretKey, ct)).toBe(expected[i]);
      } catch (e) {
        expect(e).toBeInstanceOf(UnverifiedNoiseError);
        expect((e as Error).message).toMatch(/origin is unverified .*--decrypt <sk>.*--trust-file-provenance/);
        refused++;
      }
    });
    expect(refused).toBeGreaterThanOrEqual(18);
  });

  it("random data tagged with a key id: refused, not decrypted to a number", () => {
    const mod = modulusOf(params);
    const stream = new ByteStream(seededRandom("random-data"));
    const tagged = Array.from({ length: 16 }, (_, i) => {
      const data = sampleUniformMod(mod, params.n + 1, stream);
      return new Ciphertext(params, publicKey.keyId, data, new Map([[`0000000000000000000000${i.toString(16).padStart(2, "0")}`, { kind: "public", coefficient: 1 }]]), 0);
    });
    const files = deserializeCiphertexts(serializeCiphertexts(tagged));
    for (const ct of files) expect(() => decrypt(secretKey, ct)).toThrow(UnverifiedNoiseError);
    // the claimed provenance ("one fresh ciphertext") is exactly what used to let it through
    expect(decrypt(secretKey, files[0]!, { trustFileProvenance: true })).toBeTypeOf("bigint");
  });

  it("the user's own fresh ciphertexts read back from a file decrypt (public- and secret-key encryption)", () => {
    const cts = [...[3, -7, 12].map((v) => encrypt(publicKey, v, rnd)), encryptWithSecretKey(secretKey, 5, rnd)];
    const files = deserializeCiphertexts(serializeCiphertexts(cts));
    expect(files.map((ct) => decrypt(secretKey, ct))).toEqual([3n, -7n, 12n, 5n]);
    expect(noiseRuleOf(files[0]!)).toBe("fresh-ciphertext residual (origin unverified)");
    expect(noiseRuleOf(cts[0]!)).toBe("in-process provenance");
  });

  it("a bound the caller trusts replaces the file's claim, and still refuses what it predicts too noisy", () => {
    const small = add(mulScalar(xs[1]!, 40), mulScalar(xs[2]!, -30));
    const file = stripped(small);
    const bound = predictCircuitNoise(params, { public: 40 * 40 + 30 * 30, secret: 0, l1: 70, plainWeight: 0 });
    expect(decrypt(secretKey, file, { noise: bound })).toBe(40n * 1n - 30n * 2n);
    expect(noiseRuleOf(file, { noise: bound })).toBe("statement");
    const tooBig = predictCircuitNoise(params, { public: 3000 * 3000 * 2, secret: 0, l1: 6000, plainWeight: 0 });
    expect(() => decrypt(secretKey, file, { noise: tooBig })).toThrow(/noise budget exceeded.*bound from the statement/);
  });

  it("the fresh residual bound is z(2^-40)·σ_fresh: random data passes with probability 2·bound/Δ ≈ 2^-11.5 here", () => {
    const bound = freshResidualBound(params);
    const sigma = Math.sqrt(freshNoiseVariance(params, "public"));
    expect(bound / sigma).toBeGreaterThan(7);
    expect(bound / sigma).toBeLessThan(7.3);
    expect(Math.log2((2 * bound) / Number(params.delta))).toBeCloseTo(-11.5, 0);
  });
});
