/**
 * The positional arguments of `encryptai market <action>` (issue 12, item 5: a CLI that cannot do the wrong thing
 * quietly). Each parser accepts one exact form and otherwise throws CliUsageError (exit 2) naming the argument and
 * the value: a verdict is `valid` or `invalid` (any case) — never "anything but valid is invalid"; a hash is 0x and
 * 64 hex digits — never silently replaced by the keccak-256 of the text; amounts, ids and addresses are checked
 * against what the contract can take before any transaction is built.
 */
import { MaxUint256, isAddress, parseEther } from "ethers";
import { AssetKind, type VerifierTier } from "../market/client.js";
import { CliUsageError } from "./errors.js";

const shown = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** A 32-byte hash: exactly "0x" followed by 64 hex digits. */
export function hashArg(s: string, what: string): string {
  if (/^0x[0-9a-fA-F]{64}$/.test(s)) return s.toLowerCase();
  const hint = /^[0-9a-fA-F]{64}$/.test(s)
    ? "64 hex digits without the 0x prefix: write 0x" + s.slice(0, 6) + "…"
    : /^0x[0-9a-fA-F]*$/.test(s)
      ? `${s.length - 2} hex digits, not 64`
      : "not hex: hash the content yourself (e.g. sha256sum) and pass the hash";
  throw new CliUsageError(`${what} ${shown(s)} is not a 32-byte hash (expected 0x followed by 64 hex digits; got ${hint})`);
}

/** An attestor's verdict: `valid` → true, `invalid` → false, in any case; nothing else. */
export function verdictArg(s: string | undefined, what = "verdict"): boolean {
  const v = (s ?? "").toLowerCase();
  if (v === "valid") return true;
  if (v === "invalid") return false;
  throw new CliUsageError(`${what} ${shown(s ?? "")}: expected valid or invalid`);
}

/** A non-negative integer that fits a uint256 (token and job ids). */
export function uintArg(s: string, what: string): bigint {
  if (!/^[0-9]+$/.test(s)) throw new CliUsageError(`${what} ${shown(s)} is not a non-negative integer`);
  const x = BigInt(s);
  if (x > MaxUint256) throw new CliUsageError(`${what} ${shown(s)} is above the largest uint256`);
  return x;
}

/** An EAI amount in decimal (18 decimals), not negative. */
export function eaiArg(s: string, what: string): bigint {
  let x: bigint;
  try {
    x = parseEther(s);
  } catch {
    throw new CliUsageError(`${what} ${shown(s)} is not an EAI amount (e.g. 12.5)`);
  }
  if (x < 0n) throw new CliUsageError(`${what} ${shown(s)} is negative`);
  if (x > MaxUint256) throw new CliUsageError(`${what} ${shown(s)} is above the largest amount a contract holds`);
  return x;
}

/** An Ethereum address (0x and 40 hex digits; a mixed-case one must carry a valid EIP-55 checksum). */
export function addressArg(s: string, what: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(s) || !isAddress(s)) throw new CliUsageError(`${what} ${shown(s)} is not an address (0x and 40 hex digits, with a valid checksum if mixed-case)`);
  return s;
}

export function kindArg(s: string): AssetKind {
  if (s === "data") return AssetKind.Data;
  if (s === "model") return AssetKind.Model;
  throw new CliUsageError(`kind ${shown(s)}: expected data or model`);
}

export function tierArg(s: string | undefined): VerifierTier {
  if (s === "validity" || s === "stark" || s === "onchain") return s;
  throw new CliUsageError(`verifier tier ${shown(s ?? "")}: expected validity, stark or onchain`);
}

/** Comma-separated DataNFT ids ("" for none). */
export function idListArg(s: string, what: string): bigint[] {
  return s === "" ? [] : s.split(",").map((x) => uintArg(x, what));
}
