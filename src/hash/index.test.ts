import { describe, expect, it } from "vitest";
import { BLAKE3_256, HASH_NAMES, SHA_256, UnknownHashError, getHasher, type HashName } from "./index.js";

describe("getHasher", () => {
  it("returns the hasher of each known name", () => {
    expect(HASH_NAMES).toEqual(["blake3-256", "sha256", "keccak256"]);
    expect(getHasher("blake3-256")).toBe(BLAKE3_256);
    expect(getHasher("sha256")).toBe(SHA_256);
    for (const name of HASH_NAMES) expect(getHasher(name).name).toBe(name);
  });
  it("throws UnknownHashError listing the known names for anything else", () => {
    for (const bad of ["blake3", "SHA256", "", "toString", "__proto__"]) {
      expect(() => getHasher(bad as HashName)).toThrow(UnknownHashError);
    }
    expect(() => getHasher("keccak" as HashName)).toThrow('unknown hash "keccak": expected one of "blake3-256", "sha256", "keccak256"');
    expect(() => getHasher(undefined as unknown as HashName)).toThrow(UnknownHashError);
  });
});
