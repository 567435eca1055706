import { createHash } from "node:crypto";
import { base58btc } from "multiformats/bases/base58";
import { CID } from "multiformats/cid";
import * as json from "multiformats/codecs/json";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { describe, expect, it } from "vitest";
import { JSON_CODEC, RAW_CODEC, SHA2_256, cidOf, parseCid, verifyBlock } from "./cid.js";
import { CorruptBlockError, InvalidCidError } from "./store.js";

/** RFC 4648 base32, lower case, no padding, with the multibase prefix "b": an encoder independent of multiformats. */
function base32Multibase(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let out = "b";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** CIDv1 binary form by hand: varint(1) varint(codec) varint(0x12) varint(32) sha256(bytes). */
function cidByHand(bytes: Uint8Array, codecVarint: number[]): string {
  const digest = createHash("sha256").update(bytes).digest();
  return base32Multibase(Uint8Array.from([0x01, ...codecVarint, 0x12, 0x20, ...digest]));
}

describe("cidOf", () => {
  it("gives the well-known CID of the empty raw block", () => {
    // sha2-256("") = e3b0c442…b855; CIDv1 raw of it, as `ipfs block put --cid-codec=raw /dev/null` prints.
    expect(cidOf(new Uint8Array(0)).toString()).toBe("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
  });

  it("matches a CID assembled by hand for raw and json blocks", () => {
    const data = new TextEncoder().encode("hello world\n");
    expect(cidOf(data).toString()).toBe(cidByHand(data, [0x55]));
    expect(cidOf(data).toString()).toMatch(/^bafk/);
    // json is 0x0200, varint 0x80 0x04.
    expect(cidOf(data, JSON_CODEC).toString()).toBe(cidByHand(data, [0x80, 0x04]));
  });

  it("agrees with multiformats' own sha256 hasher and round-trips through CID.parse", async () => {
    const data = new TextEncoder().encode("encrypted model weights");
    const reference = CID.createV1(raw.code, await sha256.digest(data));
    const cid = cidOf(data);
    expect(cid.toString()).toBe(reference.toString());
    const parsed = CID.parse(cid.toString());
    expect(parsed.equals(cid)).toBe(true);
    expect([parsed.version, parsed.code, parsed.multihash.code]).toEqual([1, RAW_CODEC, SHA2_256]);
    expect(RAW_CODEC).toBe(0x55);
    expect(JSON_CODEC).toBe(json.code);
  });
});

describe("parseCid", () => {
  it("accepts raw and json CIDv1, also in base58btc", () => {
    const cid = cidOf(Uint8Array.of(1, 2, 3));
    expect(parseCid(cid.toString()).equals(cid)).toBe(true);
    expect(parseCid(cid.toString(base58btc)).equals(cid)).toBe(true);
    expect(parseCid(cidOf(Uint8Array.of(1), JSON_CODEC).toString()).code).toBe(JSON_CODEC);
  });

  it("rejects malformed and unsupported CIDs with InvalidCidError naming them", () => {
    for (const bad of ["", "not-a-cid", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk!", "../../etc/passwd"]) {
      expect(() => parseCid(bad)).toThrow(InvalidCidError);
    }
    expect(() => parseCid("not-a-cid")).toThrow(/invalid CID "not-a-cid"/);
    // CIDv0 (dag-pb) and CIDv1 dag-pb: real CIDs, but not blocks this layer writes or can verify.
    expect(() => parseCid("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR")).toThrow(/CIDv0 is not supported/);
    expect(() => parseCid("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")).toThrow(/codec 0x70 is not supported/);
  });
});

describe("verifyBlock", () => {
  it("passes intact bytes and names both CIDs for altered ones", () => {
    const data = Uint8Array.of(10, 20, 30);
    const cid = cidOf(data);
    expect(() => verifyBlock(cid, data)).not.toThrow();
    const altered = Uint8Array.of(10, 20, 31);
    expect(() => verifyBlock(cid, altered)).toThrow(CorruptBlockError);
    expect(() => verifyBlock(cid, altered)).toThrow(`block ${cid} is corrupted: its bytes hash to ${cidOf(altered)}`);
  });
});
