/**
 * The part of node:crypto the workbench's src/ modules use, for the browser bundle (app/vite.config.ts aliases
 * `node:crypto` here): SHA-256 and SHAKE from @noble/hashes, AES-256-GCM from @noble/ciphers, randomness from the
 * Web Crypto CSPRNG (`crypto.getRandomValues`). Outputs match node:crypto byte for byte (app/shims/shims.test.ts).
 * Anything else throws an error naming what is missing, never a silent stand-in.
 */
import { gcm } from "@noble/ciphers/aes.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { shake128, shake256 } from "@noble/hashes/sha3.js";
import { Buffer } from "buffer";

type Input = string | Uint8Array;
const bytesOf = (data: Input): Uint8Array => (typeof data === "string" ? new TextEncoder().encode(data) : data);

function hasherFor(algorithm: string, outputLength?: number) {
  switch (algorithm.toLowerCase()) {
    case "sha256":
      return sha256.create();
    case "sha512":
      return sha512.create();
    case "shake128":
      return shake128.create({ dkLen: outputLength ?? 16 });
    case "shake256":
      return shake256.create({ dkLen: outputLength ?? 32 });
    default:
      throw new Error(`node:crypto in the browser: hash "${algorithm}" is not available (sha256, sha512, shake128, shake256)`);
  }
}

function encode(digest: Uint8Array, encoding?: string): Buffer | string {
  const b = Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
  return encoding === undefined || encoding === "buffer" ? b : b.toString(encoding as BufferEncoding);
}

export function createHash(algorithm: string, options?: { outputLength?: number }) {
  const h = hasherFor(algorithm, options?.outputLength);
  const self = {
    update(data: Input) {
      h.update(bytesOf(data));
      return self;
    },
    digest(encoding?: string) {
      return encode(h.digest(), encoding);
    },
  };
  return self;
}

/** node:crypto's one-shot `hash(algorithm, data, outputEncoding)`. */
export function hash(algorithm: string, data: Input, encoding = "hex"): Buffer | string {
  return encode(hasherFor(algorithm).update(bytesOf(data)).digest(), encoding);
}

/** Fills `out` from the Web Crypto CSPRNG (at most 65,536 bytes per call, the API's limit). */
export function randomFillSync<T extends ArrayBufferView>(out: T): T {
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  for (let at = 0; at < bytes.length; at += 65536) globalThis.crypto.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65536)));
  return out;
}

export function randomBytes(n: number): Buffer {
  return randomFillSync(Buffer.alloc(n));
}

function gcmArgs(algorithm: string, key: Uint8Array, iv: Uint8Array): void {
  if (algorithm !== "aes-256-gcm") throw new Error(`node:crypto in the browser: cipher "${algorithm}" is not available (aes-256-gcm)`);
  if (key.length !== 32) throw new Error(`aes-256-gcm needs a 32-byte key, got ${key.length}`);
  if (iv.length !== 12) throw new Error(`aes-256-gcm needs a 12-byte nonce here, got ${iv.length}`);
}

/** AES-256-GCM with node's cipher interface; the whole message is sealed at `final` (GCM here is one-shot). */
export function createCipheriv(algorithm: string, key: Uint8Array, iv: Uint8Array) {
  gcmArgs(algorithm, key, iv);
  const parts: Uint8Array[] = [];
  let tag: Uint8Array | undefined;
  return {
    update(data: Uint8Array): Buffer {
      parts.push(Uint8Array.from(data));
      return Buffer.alloc(0);
    },
    final(): Buffer {
      const sealed = gcm(key, iv).encrypt(Buffer.concat(parts));
      tag = sealed.subarray(sealed.length - 16);
      return Buffer.from(sealed.subarray(0, sealed.length - 16));
    },
    getAuthTag(): Buffer {
      if (!tag) throw new Error("getAuthTag before final");
      return Buffer.from(tag);
    },
  };
}

export function createDecipheriv(algorithm: string, key: Uint8Array, iv: Uint8Array) {
  gcmArgs(algorithm, key, iv);
  const parts: Uint8Array[] = [];
  let tag: Uint8Array | undefined;
  return {
    setAuthTag(t: Uint8Array) {
      tag = Uint8Array.from(t);
    },
    update(data: Uint8Array): Buffer {
      parts.push(Uint8Array.from(data));
      return Buffer.alloc(0);
    },
    final(): Buffer {
      if (!tag) throw new Error("aes-256-gcm: no authentication tag set");
      try {
        return Buffer.from(gcm(key, iv).decrypt(Buffer.concat([...parts, tag])));
      } catch {
        throw new Error("Unsupported state or unable to authenticate data");
      }
    },
  };
}

export default { createHash, hash, randomFillSync, randomBytes, createCipheriv, createDecipheriv };
