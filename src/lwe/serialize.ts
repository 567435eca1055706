/**
 * Versioned binary files for LWE keys and ciphertexts.
 *
 *   version 2: "EAIL" | 2 | kind u8 | flags u8 | u16 len | canonical parameter JSON | payload | SHA-256(all before)
 *   version 1: "EAIL" | 1 | kind u8 |            u16 len | canonical parameter JSON | payload | SHA-256(all before)
 *
 *   flags bit 0 "seeded": the file's randomness came from a seed (`--seed`), for experiments only (issue "Sound
 *   from model to payment", item 5). Other bits must be zero. Version 1 files (before the flag) are still read;
 *   they did not record the mode and read as not seeded.
 *
 *   kind 1 public key : seed (32) | t (m elements)
 *   kind 2 secret key : key id (16) | s (n × int32)
 *   kind 3 ciphertexts: key id (16) | count u32 | per ciphertext: (n+1) elements | plain weight f64 |
 *                       term count u32 | per term: id (12) | kind u8 | coefficient f64
 * Elements are little-endian 32-bit limbs. Every load re-validates the parameters (and compares them with the
 * built-in preset of the same id), checks lengths, the checksum and that every element is < q, and names
 * what is wrong. The ciphertext and term counts are checked against LWE_FILE_LIMITS and against the bytes
 * present (ByteReader.count) before anything is allocated for them (issue "Sound from model to payment", item 4).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { Ciphertext, type FreshKind, type ProvenanceTerm } from "./ciphertext.js";
import { LweError, LweFormatError, ParameterMismatchError, SecretKeyExposureError } from "./errors.js";
import { PublicKey, SecretKey, computeKeyId, keyErrorLowerBound } from "./keys.js";
import { type LweParams, canonicalParams, modulusOf, parseParams } from "./params.js";
import { allCanonical } from "./zq.js";
import { ByteReader, ByteWriter } from "../codec/binary.js";

const MAGIC = [0x45, 0x41, 0x49, 0x4c]; // "EAIL"
/** The version written; `open` also reads version 1. */
export const FORMAT_VERSION = 2;
const FLAG_SEEDED = 0x01;
/** A secret key file that records its key error's ‖e‖² and Σe (two f64 after s): the owner's noise bound uses them. */
const FLAG_KEY_STATS = 0x02;
const KIND = { publicKey: 1, secretKey: 2, ciphertexts: 3 } as const;
const KIND_NAME: Record<number, LweFileKind> = { 1: "public key", 2: "secret key", 3: "ciphertexts" };

export type LweFileKind = "public key" | "secret key" | "ciphertexts";

/** How a file was produced, recorded in its header. */
export interface LweFileOptions {
  /** The randomness came from a seed (reproducible, for experiments only). Default false. */
  readonly seeded?: boolean;
}

/** What a file's header says (`lweFileInfo`). */
export interface LweFileInfo {
  readonly version: number;
  readonly kind: LweFileKind;
  /** Produced in seeded mode (always false for version 1 files, which did not record it). */
  readonly seeded: boolean;
  /** The parameter set's id. */
  readonly params: string;
}
const FRESH_KINDS: FreshKind[] = ["public", "secret", "trivial"];

/** Caps on a ciphertexts file's counts, checked (with the bytes present) before allocating. */
export const LWE_FILE_LIMITS = Object.freeze({
  /** Ciphertexts in one file: 2^20 (an encrypted data set of 4096 rows × 256 features). */
  ciphertexts: 1 << 20,
  /** Provenance terms of one ciphertext (the fresh ciphertexts it combines): 2^20. */
  terms: 1 << 20,
});
/** Bytes of one provenance term: id (12) | kind u8 | coefficient f64. */
const TERM_BYTES = 12 + 1 + 8;

/** Resolves a parameter id to the built-in preset, if any (set by presets.ts to avoid an import cycle). */
let presetLookup: (id: string) => LweParams | undefined = () => undefined;
export function _setPresetLookup(f: (id: string) => LweParams | undefined): void {
  presetLookup = f;
}

/** Writes the body and appends SHA-256(body). */
function sealed(w: ByteWriter): Uint8Array {
  const out = w.finish(32);
  out.set(sha256(out.subarray(0, out.length - 32)), out.length - 32);
  return out;
}

function header(kind: number, params: LweParams, o: LweFileOptions, extraFlags = 0): ByteWriter {
  const text = new TextEncoder().encode(canonicalParams(params));
  const flags = (o.seeded ? FLAG_SEEDED : 0) | extraFlags;
  return new ByteWriter().bytes(Uint8Array.from(MAGIC)).u8(FORMAT_VERSION).u8(kind).u8(flags).u16(text.length).bytes(text);
}

interface Opened {
  /** A reader over everything before the checksum, positioned at the payload. */
  readonly r: ByteReader;
  readonly params: LweParams;
  readonly version: number;
  readonly seeded: boolean;
  readonly flags: number;
}

/**
 * Checks magic, version, kind (the expected one, or any with `undefined`), checksum and flags; returns a reader
 * over everything before the checksum, positioned at the payload, the params and what the header says.
 */
function open(bytes: Uint8Array, expected: number | undefined): Opened & { kind: number } {
  const what = expected === undefined ? "LWE file" : `LWE ${KIND_NAME[expected]} file`;
  if (!(bytes instanceof Uint8Array)) throw new LweFormatError(`${what}: expected bytes, got ${typeof bytes}`);
  if (bytes.length < 8 + 32) throw new LweFormatError(`${what} is truncated: ${bytes.length} bytes is shorter than any valid file`);
  const end = bytes.length - 32;
  const r = new ByteReader(bytes.subarray(0, end), (m) => {
    throw new LweFormatError(m);
  }, what);
  const magic = r.bytes(4, "magic");
  if (!MAGIC.every((b, i) => magic[i] === b))
    throw new LweFormatError(`${what}: bad magic ${bytesToHex(magic)}, expected 4541494c ("EAIL") — not an EncryptAI LWE file`);
  const version = r.u8("version");
  if (version !== 1 && version !== FORMAT_VERSION) throw new LweFormatError(`${what}: format version ${version} is not supported (expected 1 or ${FORMAT_VERSION})`);
  const k = r.u8("kind");
  if (expected !== undefined && k !== expected)
    throw new LweFormatError(`${what}: file holds a ${KIND_NAME[k] ?? `kind ${k}`}, expected a ${KIND_NAME[expected]}`);
  if (expected === undefined && KIND_NAME[k] === undefined) throw new LweFormatError(`${what}: unknown kind ${k} (expected 1 public key, 2 secret key or 3 ciphertexts)`);
  const sum = sha256(bytes.subarray(0, end));
  if (!sum.every((b, i) => bytes[end + i] === b))
    throw new LweFormatError(`${what}: checksum mismatch — the file is corrupted or truncated`);
  const flags = version === 1 ? 0 : r.u8("flags");
  const known = k === KIND.secretKey ? FLAG_SEEDED | FLAG_KEY_STATS : FLAG_SEEDED;
  if ((flags & ~known) !== 0)
    throw new LweFormatError(
      `${what}: unknown flags 0x${flags.toString(16).padStart(2, "0")} (defined: bit 0 "seeded"${k === KIND.secretKey ? ', bit 1 "key error statistics"' : ""})`,
    );
  const len = r.u16("parameter length");
  const text = new TextDecoder().decode(r.bytes(len, "parameters"));
  let params: LweParams;
  try {
    params = parseParams(text);
  } catch (e) {
    throw new LweFormatError(`${what}: invalid parameter set: ${(e as Error).message}`);
  }
  const preset = presetLookup(params.id);
  if (preset && canonicalParams(preset) !== canonicalParams(params))
    throw new ParameterMismatchError(`${what}: parameter set "${params.id}" differs from the built-in preset of that name`);
  return { r, params: preset ?? params, version, seeded: (flags & FLAG_SEEDED) !== 0, flags, kind: k };
}

/** The header of an LWE file (checked like a full load's: magic, version, checksum, flags, parameters). */
export function lweFileInfo(bytes: Uint8Array): LweFileInfo {
  const { version, kind, seeded, params } = open(bytes, undefined);
  return { version, kind: KIND_NAME[kind]!, seeded, params: params.id };
}

function close(r: ByteReader, what: string): void {
  if (!r.done) throw new LweFormatError(`${what}: ${r.left} unexpected bytes after the payload`);
}

export function serializePublicKey(pk: PublicKey, o: LweFileOptions = {}): Uint8Array {
  if (!(pk instanceof PublicKey)) throw new SecretKeyExposureError("serializePublicKey: argument is not a PublicKey");
  return sealed(header(KIND.publicKey, pk.params, o).bytes(pk.seed).limbs(pk.t));
}

export function deserializePublicKey(bytes: Uint8Array): PublicKey {
  const { r, params } = open(bytes, KIND.publicKey);
  const mod = modulusOf(params);
  const seed = r.bytes(32, "seed");
  const t = r.limbs(params.m * mod.limbs, "t");
  close(r, "LWE public key file");
  if (!allCanonical(mod, t)) throw new LweFormatError("LWE public key file: an element of t is ≥ q");
  return new PublicKey(params, seed, t, computeKeyId(params, seed, t));
}

/** Writes a secret key for its owner's own storage. Never send this to a compute node. */
export function serializeSecretKey(sk: SecretKey, o: LweFileOptions = {}): Uint8Array {
  if (!(sk instanceof SecretKey)) throw new LweError("serializeSecretKey: argument is not a SecretKey");
  const s = SecretKey._coefficients(sk);
  const stats = SecretKey._errorStats(sk);
  const w = header(KIND.secretKey, sk.params, o, stats ? FLAG_KEY_STATS : 0).bytes(sk.keyId);
  const b = new Uint8Array(s.length * 4);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < s.length; i++) dv.setInt32(4 * i, s[i]!, true);
  w.bytes(b);
  if (stats) w.f64(stats.eNormSq).f64(stats.eSum);
  return sealed(w);
}

export function deserializeSecretKey(bytes: Uint8Array): SecretKey {
  const { r, params, flags } = open(bytes, KIND.secretKey);
  const keyId = r.bytes(16, "key id");
  const s = new Float64Array(params.n);
  const bound = secretBound(params);
  for (let i = 0; i < params.n; i++) {
    const x = r.i32("secret coefficient");
    if (Math.abs(x) > bound) throw new LweFormatError(`LWE secret key file: coefficient ${x} at index ${i} is outside the secret distribution (|s| ≤ ${bound})`);
    s[i] = x;
  }
  let stats: { eNormSq: number; eSum: number } | undefined;
  if (flags & FLAG_KEY_STATS) {
    const eNormSq = r.f64("key error ‖e‖²");
    const eSum = r.f64("key error Σe");
    // |Σe| ≤ √(m·‖e‖²) (Cauchy–Schwarz); a wrong record would loosen the owner's own noise bound
    if (!Number.isFinite(eNormSq) || eNormSq < 0 || !Number.isFinite(eSum) || eSum * eSum > params.m * eNormSq * (1 + 1e-9))
      throw new LweFormatError(`LWE secret key file: key error statistics (‖e‖² = ${eNormSq}, Σe = ${eSum}) are not those of any error vector of ${params.m} entries`);
    // a key whose recorded ‖e‖² is below what a genuine key shows (except with probability 2^-40) would loosen the
    // owner's bound: refuse it (the file is the owner's own, but a checksum is no signature)
    const low = keyErrorLowerBound(params);
    if (eNormSq < low)
      throw new LweFormatError(`LWE secret key file: key error ‖e‖² = ${eNormSq.toPrecision(6)} is implausibly small for "${params.id}" (a key's is ≥ ${low.toPrecision(6)} except with probability 2^-40)`);
    stats = { eNormSq, eSum };
  }
  close(r, "LWE secret key file");
  return new SecretKey(params, s, keyId, stats);
}

function secretBound(p: LweParams): number {
  const d = p.secret;
  return d.kind === "uniform" ? Math.max(Math.abs(d.a), Math.abs(d.b)) : d.kind === "cbd" ? d.eta : Math.ceil(40 * d.stddev);
}

/** Writes one or more ciphertexts (same parameter set and key). Secret keys are refused. */
export function serializeCiphertexts(cts: readonly Ciphertext[], o: LweFileOptions = {}): Uint8Array {
  if (cts.length === 0) throw new LweError("serializeCiphertexts: no ciphertexts given");
  for (const ct of cts)
    if (!(ct instanceof Ciphertext))
      throw new SecretKeyExposureError(`serializeCiphertexts: ${String(ct)} is not a Ciphertext`);
  const first = cts[0]!;
  const w = header(KIND.ciphertexts, first.params, o).bytes(first.keyId).u32(cts.length);
  for (const ct of cts) {
    if (ct.params.id !== first.params.id) throw new ParameterMismatchError(`serializeCiphertexts: mixed parameter sets "${first.params.id}" and "${ct.params.id}"`);
    if (ct.keyIdHex() !== first.keyIdHex()) throw new ParameterMismatchError("serializeCiphertexts: ciphertexts under different keys");
    w.limbs(ct.data).f64(ct.plainWeight).u32(ct.terms.size);
    for (const [id, t] of ct.terms) w.bytes(hexToBytes(id)).u8(FRESH_KINDS.indexOf(t.kind)).f64(t.coefficient);
  }
  return sealed(w);
}

export function deserializeCiphertexts(bytes: Uint8Array): Ciphertext[] {
  const { r, params } = open(bytes, KIND.ciphertexts);
  const mod = modulusOf(params);
  const keyId = r.bytes(16, "key id");
  // a ciphertext is at least its elements, its plain weight and its term count
  const count = r.count("ciphertext count", LWE_FILE_LIMITS.ciphertexts, (params.n + 1) * mod.limbs * 4 + 8 + 4);
  if (count === 0) throw new LweFormatError("LWE ciphertexts file: ciphertext count is 0, expected at least 1");
  const out: Ciphertext[] = [];
  for (let c = 0; c < count; c++) {
    const data = r.limbs((params.n + 1) * mod.limbs, `ciphertext ${c}`);
    if (!allCanonical(mod, data)) throw new LweFormatError(`LWE ciphertexts file: ciphertext ${c} has an element ≥ q`);
    const plainWeight = r.f64("plain weight");
    const termCount = r.count(`ciphertext ${c} term count`, LWE_FILE_LIMITS.terms, TERM_BYTES);
    const terms = new Map<string, ProvenanceTerm>();
    for (let i = 0; i < termCount; i++) {
      const id = bytesToHex(r.bytes(12, "term id"));
      const kind = FRESH_KINDS[r.u8("term kind")];
      if (!kind) throw new LweFormatError(`LWE ciphertexts file: unknown term kind in ciphertext ${c}`);
      const coefficient = r.f64("term coefficient");
      if (!Number.isFinite(coefficient)) throw new LweFormatError(`LWE ciphertexts file: non-finite coefficient in ciphertext ${c}`);
      terms.set(id, { kind, coefficient });
    }
    if (!(plainWeight >= 0)) throw new LweFormatError(`LWE ciphertexts file: plain weight ${plainWeight} of ciphertext ${c} is negative`);
    out.push(new Ciphertext(params, keyId, data, terms, plainWeight, "file"));
  }
  close(r, "LWE ciphertexts file");
  return out;
}
