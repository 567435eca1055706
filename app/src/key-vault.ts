/**
 * The user's LWE key, kept in the browser and nowhere else: the secret and public key files (src/lwe/serialize.ts
 * format) sealed with AES-256-GCM under a key derived from the user's passphrase (PBKDF2-HMAC-SHA-256, 600,000
 * iterations: OWASP's 2023 figure), both from Web Crypto, in localStorage — one vault per LWE parameter set.
 * Export gives the sealed vault as a file; import takes such a file back (or a CLI secret-key file with its public
 * key) and checks it opens. The parameter set and key id are bound as GCM associated data, so a vault whose label
 * was edited does not open. A wrong passphrase is named as such.
 */
const FORMAT = "encryptai-lwe-key-vault";
const VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
const STORAGE_PREFIX = "encryptai.lwe-key.";
/** A vault larger than this is refused before decoding (a goldilocks-128 key pair is about 26 KB). */
const MAX_VAULT_CHARS = 4 << 20;

export interface KeyFiles {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export interface Vault {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly params: string;
  readonly keyId: string;
  readonly iterations: number;
  readonly salt: string;
  readonly nonce: string;
  readonly sealed: string;
}

export class VaultError extends Error {}

const b64 = (b: Uint8Array): string => {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};
const unb64 = (s: string, what: string): Uint8Array => {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    throw new VaultError(`the key vault's ${what} is not base64`);
  }
};

async function wrappingKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  if (passphrase.length < 8) throw new VaultError("the passphrase must have at least 8 characters");
  const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

const associated = (params: string, keyId: string): Uint8Array => new TextEncoder().encode(`${FORMAT}/${VERSION}/${params}/${keyId}`);

/** Seals a key pair under a passphrase. */
export async function seal(files: KeyFiles, meta: { params: string; keyId: string }, passphrase: string): Promise<Vault> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const key = await wrappingKey(passphrase, salt, PBKDF2_ITERATIONS);
  const plain = new Uint8Array(4 + files.secretKey.length + files.publicKey.length);
  new DataView(plain.buffer).setUint32(0, files.secretKey.length, true);
  plain.set(files.secretKey, 4);
  plain.set(files.publicKey, 4 + files.secretKey.length);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: associated(meta.params, meta.keyId) as BufferSource }, key, plain));
  plain.fill(0);
  return { format: FORMAT, version: VERSION, params: meta.params, keyId: meta.keyId, iterations: PBKDF2_ITERATIONS, salt: b64(salt), nonce: b64(nonce), sealed: b64(sealed) };
}

/** Opens a vault; VaultError "wrong passphrase" when it does not authenticate. */
export async function open(v: Vault, passphrase: string): Promise<KeyFiles> {
  const key = await wrappingKey(passphrase, unb64(v.salt, "salt"), v.iterations);
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(v.nonce, "nonce") as BufferSource, additionalData: associated(v.params, v.keyId) as BufferSource }, key, unb64(v.sealed, "sealed key") as BufferSource));
  } catch {
    throw new VaultError(`wrong passphrase for the ${v.params} key ${v.keyId.slice(0, 8)}… (or the vault was altered)`);
  }
  const n = new DataView(plain.buffer).getUint32(0, true);
  if (n > plain.length - 4) throw new VaultError("the key vault's contents are malformed");
  return { secretKey: plain.slice(4, 4 + n), publicKey: plain.slice(4 + n) };
}

/** Parses a vault file's text, checking its shape before anything is decoded. */
export function parseVault(text: string): Vault {
  if (text.length > MAX_VAULT_CHARS) throw new VaultError(`the key vault file has ${text.length} characters, over the cap of ${MAX_VAULT_CHARS}`);
  let v: Partial<Vault>;
  try {
    v = JSON.parse(text) as Partial<Vault>;
  } catch {
    throw new VaultError("the file is not a key vault (not JSON)");
  }
  if (v?.format !== FORMAT) throw new VaultError(`the file is not a key vault (format ${JSON.stringify(v?.format)}, expected "${FORMAT}")`);
  if (v.version !== VERSION) throw new VaultError(`key vault version ${JSON.stringify(v.version)} is not supported (expected ${VERSION})`);
  for (const f of ["params", "keyId", "salt", "nonce", "sealed"] as const) if (typeof v[f] !== "string") throw new VaultError(`the key vault has no ${f}`);
  if (!Number.isInteger(v.iterations) || v.iterations! < 100_000 || v.iterations! > 10_000_000) throw new VaultError(`the key vault's iteration count ${v.iterations} is outside 100,000 … 10,000,000`);
  return v as Vault;
}

export function storedVault(params: string): Vault | undefined {
  const text = localStorage.getItem(STORAGE_PREFIX + params);
  return text === null ? undefined : parseVault(text);
}

export function storeVault(v: Vault): void {
  localStorage.setItem(STORAGE_PREFIX + v.params, JSON.stringify(v));
}

export function forgetVault(params: string): void {
  localStorage.removeItem(STORAGE_PREFIX + params);
}
