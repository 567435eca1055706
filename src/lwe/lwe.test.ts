import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type KeyPair,
  NoiseBudgetError,
  PRESETS,
  ParameterMismatchError,
  PlaintextRangeError,
  PublicKey,
  SecretKey,
  SecretKeyExposureError,
  WrongKeyError,
  add,
  addPlain,
  decrypt,
  encrypt,
  encryptMany,
  encryptWithSecretKey,
  getParams,
  keygen,
  linearCombination,
  mulScalar,
  plaintextRange,
  seededRandom,
  sub,
} from "./index.js";

const keys = new Map<string, KeyPair>();
function keysFor(id: string): KeyPair {
  if (!keys.has(id)) keys.set(id, keygen(getParams(id), seededRandom(`keys-${id}`)));
  return keys.get(id)!;
}
const runs = (id: string) => (getParams(id).n >= 4096 ? 4 : getParams(id).n >= 1024 ? 12 : 100);
const message = (id: string) => {
  const { min, max } = plaintextRange(getParams(id));
  return fc.bigInt({ min, max });
};

describe.each(Object.keys(PRESETS))("preset %s", (id) => {
  it("public-key encryption round-trips (property)", () => {
    const { publicKey, secretKey } = keysFor(id);
    fc.assert(
      fc.property(fc.array(message(id), { minLength: 1, maxLength: 3 }), fc.integer(), (ms, seed) => {
        const cts = encryptMany(publicKey, ms, seededRandom(seed));
        expect(cts.map((ct) => decrypt(secretKey, ct))).toEqual(ms);
      }),
      { numRuns: runs(id) },
    );
  });
  it("secret-key encryption round-trips (property)", () => {
    const { secretKey } = keysFor(id);
    fc.assert(
      fc.property(message(id), fc.integer(), (m, seed) => {
        expect(decrypt(secretKey, encryptWithSecretKey(secretKey, m, seededRandom(seed)))).toBe(m);
      }),
      { numRuns: runs(id) },
    );
  });
  it("homomorphic ops act on plaintexts mod t (property)", () => {
    const p = getParams(id);
    const { publicKey, secretKey } = keysFor(id);
    const t = BigInt(p.plaintextModulus);
    const { min, max } = plaintextRange(p);
    const wrap = (x: bigint) => {
      let r = ((x % t) + t) % t;
      if (p.encoding === "signed" && r > max) r -= t;
      return r;
    };
    fc.assert(
      fc.property(message(id), message(id), fc.integer({ min: -50, max: 50 }), fc.bigInt({ min, max }), fc.integer(), (a, b, c, k, seed) => {
        const [ca, cb] = encryptMany(publicKey, [a, b], seededRandom(seed));
        expect(decrypt(secretKey, add(ca!, cb!))).toBe(wrap(a + b));
        expect(decrypt(secretKey, sub(ca!, cb!))).toBe(wrap(a - b));
        expect(decrypt(secretKey, addPlain(ca!, k))).toBe(wrap(a + k));
        expect(decrypt(secretKey, mulScalar(ca!, c))).toBe(wrap(a * BigInt(c)));
        expect(decrypt(secretKey, linearCombination([ca!, cb!], [c, 3], k))).toBe(wrap(a * BigInt(c) + 3n * b + k));
      }),
      { numRuns: Math.max(2, runs(id) / 4) },
    );
  });
  it("refuses plaintexts outside the range, naming it", () => {
    const { publicKey } = keysFor(id);
    const { min, max } = plaintextRange(getParams(id));
    expect(() => encrypt(publicKey, max + 1n)).toThrow(PlaintextRangeError);
    expect(() => encrypt(publicKey, min - 1n)).toThrow(new RegExp(`outside \\[${min}, ${max}\\]`));
    expect(() => encrypt(publicKey, 1.5)).toThrow(/not an integer/);
  });
});

describe("thesis reproduction", () => {
  it("the thesis code's own tests pass at thesis-u8 (5+10, 3+33, 3·33) and wrap mod 8 at thesis", () => {
    const { secretKey } = keysFor("thesis-u8");
    const enc = (m: number) => encryptWithSecretKey(secretKey, m, seededRandom(m));
    expect(decrypt(secretKey, add(enc(5), enc(10)))).toBe(15n);
    expect(decrypt(secretKey, addPlain(enc(33), 3))).toBe(36n);
    expect(decrypt(secretKey, mulScalar(enc(33), 3))).toBe(99n);
    // examples/linear_regression: b = (3, 2, 4, 2), b0 = 1, x = (2, 3, 3, 2) → 29
    const xs = [2, 3, 3, 2].map(enc);
    expect(decrypt(secretKey, linearCombination(xs, [3, 2, 4, 2], 1))).toBe(29n);
    const k8 = keysFor("thesis").secretKey;
    const x8 = [2, 3, 3, 2].map((m) => encryptWithSecretKey(k8, m, seededRandom(m)));
    expect(decrypt(k8, linearCombination(x8, [3, 2, 4, 2], 1))).toBe(29n % 8n);
  });
  it("the thesis noise is exactly zero: the phase is Δ·m", async () => {
    const { phase } = await import("./encrypt.js");
    const { secretKey, publicKey } = keysFor("thesis");
    expect(phase(secretKey, encrypt(publicKey, 5, seededRandom(1)))).toBe(80n);
  });
});

describe("keys and misuse", () => {
  it("decryption with another key pair's secret key is refused, not garbage", () => {
    const a = keysFor("goldilocks-128");
    const b = keygen(getParams("goldilocks-128"), seededRandom("other"));
    const ct = encrypt(a.publicKey, 42, seededRandom(1));
    expect(() => decrypt(b.secretKey, ct)).toThrow(WrongKeyError);
    expect(() => add(ct, encrypt(b.publicKey, 1, seededRandom(2)))).toThrow(/belongs to key/);
  });
  it("ciphertexts of different parameter sets do not mix", () => {
    const ct = encrypt(keysFor("thesis").publicKey, 1, seededRandom(1));
    expect(() => decrypt(keysFor("thesis-u8").secretKey, ct)).toThrow(ParameterMismatchError);
  });
  it("a circuit beyond the noise budget is refused with the predicted failure probability", () => {
    const { publicKey, secretKey } = keysFor("goldilocks-128");
    const ct = encrypt(publicKey, 1, seededRandom(1));
    expect(decrypt(secretKey, mulScalar(ct, 1000))).toBe(1000n);
    expect(() => decrypt(secretKey, mulScalar(ct, 2n ** 40n))).toThrow(NoiseBudgetError);
    expect(() => decrypt(secretKey, mulScalar(ct, 2n ** 40n))).toThrow(/predicted decryption-failure probability 2\^/);
  });
  it("the secret key cannot be JSON-serialised or printed", async () => {
    const { secretKey, publicKey } = keysFor("thesis");
    expect(() => JSON.stringify({ job: "x", key: secretKey })).toThrow(SecretKeyExposureError);
    const { inspect } = await import("node:util");
    expect(inspect(secretKey)).toBe("SecretKey <thesis, redacted>");
    expect(String(secretKey)).not.toMatch(/[0-9],/);
    expect(publicKey).toBeInstanceOf(PublicKey);
    expect(secretKey).toBeInstanceOf(SecretKey);
  });
  it("the type system keeps a secret key out of public-key slots", () => {
    const { secretKey } = keysFor("thesis");
    // @ts-expect-error — a SecretKey is not a PublicKey (checked by `npm run typecheck`).
    expect(() => encrypt(secretKey, 1)).toThrow();
  });
  it("seeded key generation is reproducible and the CSPRNG default is not", () => {
    const p = getParams("thesis");
    const a = keygen(p, seededRandom(5)).publicKey;
    const b = keygen(p, seededRandom(5)).publicKey;
    expect(Array.from(a.t)).toEqual(Array.from(b.t));
    expect(Buffer.from(keygen(p).publicKey.seed).equals(Buffer.from(keygen(p).publicKey.seed))).toBe(false);
  });
});
