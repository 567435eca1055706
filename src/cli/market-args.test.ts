// The strict positional arguments of `encryptai market` (issue 12, item 5). Each attack below used to pass silently:
// `attest … Valid` (or VALID, true, yes, ok) recorded INVALID, and a hash that was not 0x + 64 hex digits was replaced
// by the keccak-256 of its text. End to end against anvil: test/redteam/cli-market-argument-footguns.test.ts.
import { id } from "ethers";
import { describe, expect, it } from "vitest";
import { AssetKind } from "../market/client.js";
import { CliUsageError } from "./errors.js";
import { addressArg, eaiArg, hashArg, idListArg, kindArg, tierArg, uintArg, verdictArg } from "./market-args.js";

const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof CliUsageError) return e.message;
    throw e;
  }
  throw new Error("no usage error");
};

describe("market attest's verdict", () => {
  it("attest … Valid / VALID recorded INVALID: any case of valid is valid", () => {
    for (const v of ["valid", "Valid", "VALID", "vAlId"]) expect(verdictArg(v), v).toBe(true);
    for (const v of ["invalid", "Invalid", "INVALID"]) expect(verdictArg(v), v).toBe(false);
  });
  it("attest … true / yes / ok recorded INVALID: anything but valid|invalid is a usage error naming the value", () => {
    for (const v of ["true", "yes", "ok", "1", "false", "no", "", " valid", "valid.", "invalid!"]) expect(usage(() => verdictArg(v))).toBe(`verdict ${JSON.stringify(v)}: expected valid or invalid`);
    expect(usage(() => verdictArg(undefined))).toBe('verdict "": expected valid or invalid');
  });
});

describe("hash arguments", () => {
  const h = `0x${"ab".repeat(32)}`;
  it("a 0x + 64 hex digit hash is taken as given (lower-cased)", () => {
    expect(hashArg(h, "proofHash")).toBe(h);
    expect(hashArg(h.toUpperCase().replace("0X", "0x"), "proofHash")).toBe(h);
  });
  it("a hash without its 0x prefix was replaced by its keccak hash: refused, naming the argument", () => {
    const bare = "cd".repeat(32);
    const m = usage(() => hashArg(bare, "proofHash"));
    expect(m).toMatch(/^proofHash "cdcd.*" is not a 32-byte hash \(expected 0x followed by 64 hex digits; got 64 hex digits without the 0x prefix/);
    expect(m).not.toContain(id(bare));
  });
  it("a text label as a content hash was replaced by its keccak hash: refused", () => {
    expect(usage(() => hashArg("cars.csv plaintext", "contentHash"))).toMatch(/^contentHash "cars.csv plaintext" is not a 32-byte hash .*not hex/);
  });
  it("a hash with a typo (63 or 65 digits, a non-hex digit) was replaced by its keccak hash: refused", () => {
    expect(usage(() => hashArg(`0x${"a".repeat(63)}`, "outputHash"))).toMatch(/^outputHash .* got 63 hex digits, not 64\)$/);
    expect(usage(() => hashArg(`0x${"a".repeat(65)}`, "outputHash"))).toMatch(/got 65 hex digits, not 64\)$/);
    expect(usage(() => hashArg(`0x${"a".repeat(63)}g`, "inputCommitment"))).toMatch(/^inputCommitment .* not hex/);
  });
});

describe("numbers, addresses, kinds and tiers", () => {
  it("ids are non-negative integers that fit a uint256", () => {
    expect(uintArg("42", "jobId")).toBe(42n);
    expect(usage(() => uintArg("-1", "jobId"))).toBe('jobId "-1" is not a non-negative integer');
    expect(usage(() => uintArg("1e3", "jobId"))).toBe('jobId "1e3" is not a non-negative integer');
    expect(usage(() => uintArg((2n ** 256n).toString(), "tokenId"))).toMatch(/^tokenId ".*" is above the largest uint256$/);
    expect(idListArg("", "parent")).toEqual([]);
    expect(idListArg("1,2", "parent")).toEqual([1n, 2n]);
    expect(usage(() => idListArg("1,,2", "parent"))).toBe('parent "" is not a non-negative integer');
  });
  it("EAI amounts: decimals, never negative", () => {
    expect(eaiArg("12.5", "price")).toBe(12_500_000_000_000_000_000n);
    expect(usage(() => eaiArg("-5", "price"))).toBe('price "-5" is negative');
    expect(usage(() => eaiArg("ten", "price"))).toBe('price "ten" is not an EAI amount (e.g. 12.5)');
  });
  it("addresses: 0x + 40 hex digits with a valid checksum when mixed-case", () => {
    const a = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    expect(addressArg(a, "address")).toBe(a);
    expect(addressArg(a.toLowerCase(), "address")).toBe(a.toLowerCase());
    expect(usage(() => addressArg(a.replace("f39F", "f39f"), "address"))).toMatch(/is not an address/);
    expect(usage(() => addressArg("vitalik.eth", "address"))).toBe('address "vitalik.eth" is not an address (0x and 40 hex digits, with a valid checksum if mixed-case)');
  });
  it("kinds and tiers are exact words", () => {
    expect(kindArg("data")).toBe(AssetKind.Data);
    expect(kindArg("model")).toBe(AssetKind.Model);
    expect(usage(() => kindArg("Data"))).toBe('kind "Data": expected data or model');
    expect(tierArg("stark")).toBe("stark");
    expect(usage(() => tierArg("STARK"))).toBe('verifier tier "STARK": expected validity, stark or onchain');
  });
});
