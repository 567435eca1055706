// The thesis preset's key falls to exhaustive search from the public key alone (thesis §4.2, notebook 00); the
// attack refuses parameters out of its reach and keys whose error is not zero.
import { describe, expect, it } from "vitest";
import { recoverSecretByExhaustiveSearch } from "./attacks.js";
import { decrypt, encrypt, getParams, keygen, seededRandom, validateParams } from "./index.js";

describe("recoverSecretByExhaustiveSearch", () => {
  it("recovers the thesis preset's 4-bit secret from the public key; the recovered key decrypts", () => {
    for (const seed of ["a", "b", "c"]) {
      const { publicKey } = keygen(getParams("thesis"), seededRandom(`attack-${seed}`));
      const { secretKey, candidatesTried } = recoverSecretByExhaustiveSearch(publicKey);
      expect(candidatesTried).toBeLessThanOrEqual(16);
      expect(decrypt(secretKey, encrypt(publicKey, 5, seededRandom(seed)))).toBe(5n);
    }
  });
  it("refuses a secure preset (3^2096 secrets) and a key whose error is not zero", () => {
    const secure = keygen(getParams("goldilocks-128"), seededRandom("attack-secure"));
    expect(() => recoverSecretByExhaustiveSearch(secure.publicKey)).toThrow(/out of reach/);
    const noisy = validateParams({ ...getParams("thesis"), id: "thesis-noisy", keyError: { kind: "gaussian", stddev: 3 } });
    expect(() => recoverSecretByExhaustiveSearch(keygen(noisy, seededRandom("attack-noisy")).publicKey)).toThrow(/error is not zero/);
  });
});
