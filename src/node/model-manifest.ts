/**
 * The model manifest (public; the ModelNFT's `cid`, its SHA-256 the ModelNFT's `contentHash`): the parameter
 * set, the program's shape and hash, public weights if any, the immediate width (`immediateBits`), the input quantisers a user
 * needs to encode a row, and for private weights one sealed model package per licensed node.
 *
 * A manifest comes from whoever published the model, through storage anyone can write to, so decoding checks
 * every field and every size against a documented cap before building anything, and `committedModel` turns a
 * manifest into what a verifier trusts only after it is bound to the chain (`checkManifestBinding`: the bytes'
 * SHA-256 is the ModelNFT's contentHash, the program hash is the ModelNFT's programHash).
 */
import { createHash } from "node:crypto";
import { getParams } from "../lwe/presets.js";
import type { Quantizer } from "../regression/quantize.js";
import { hashSpecFor, MAX_VM_STEPS } from "../vm/inference.js";
import { MAX_IMMEDIATE_BITS, isImmediateBits } from "../vm/isa.js";
import { programHashBytes } from "../vm/program-hash.js";
import type { CommittedModel } from "../vm/statement.js";
import { NodeError } from "./errors.js";

export const MANIFEST_FORMAT = "encryptai-model-manifest";
/** Version 3: the declared immediate width (`immediateBits`), which bounds the output's noise. */
export const MANIFEST_VERSION = 3;

/** Caps on a manifest (bytes and counts), checked before parsing or allocating. */
export const MANIFEST_LIMITS = Object.freeze({
  bytes: 1 << 20,
  features: 1024,
  publicValues: MAX_VM_STEPS,
  nodePackages: 1024,
  /** Decimal digits of one field element (f128 < 2^128 has 39). */
  elementDigits: 40,
  cidChars: 128,
  textChars: 256,
});

export interface ModelManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: typeof MANIFEST_VERSION;
  /** LWE parameter set the model runs on (its modulus is the VM's field). */
  readonly params: string;
  readonly features: readonly string[];
  /** Input quantisers (the user quantises a row before encrypting it) and the output scale (dequantisation). */
  readonly inputQuantizers: readonly Quantizer[];
  readonly outputScale: number;
  readonly opcodes: readonly number[];
  /** Program-hash digest cells (decimal strings). */
  readonly programHash: readonly string[];
  readonly weights: "public" | "private";
  /** The width of the program's push immediates (src/vm/isa.ts): the AIR enforces it; the noise bound uses it. */
  readonly immediateBits: number;
  /** Public weights: the values the program reads (decimal strings). */
  readonly publicValues: readonly string[];
  /** Private weights: node address (lowercase) → CID of the package encrypted to that node. */
  readonly nodePackages: Readonly<Record<string, string>>;
  /**
   * A classifier's classes (absent for a regression): its program leaves one score per class (one for a binary
   * classifier) and reads each row once per score.
   */
  readonly classes?: readonly string[];
}

/** SHA-256 of bytes as a 0x-prefixed bytes32 (the JobManager's and the NFTs' commitments). */
export function commitment(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

export function encodeManifest(m: ModelManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(m)}\n`);
}

/** A malformed manifest: names the CID and the field. */
export class ManifestError extends NodeError {
  constructor(
    readonly cid: string,
    readonly field: string,
    detail: string,
  ) {
    super(`model manifest ${cid}: ${field} ${detail}`);
    this.name = "ManifestError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const decimal = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= MANIFEST_LIMITS.elementDigits && /^[0-9]+$/.test(v);
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function checkQuantizer(q: unknown): q is Quantizer {
  if (!isObject(q)) return false;
  return Number.isInteger(q.nBits) && (q.nBits as number) >= 1 && (q.nBits as number) <= 32 && typeof q.signed === "boolean" && finite(q.scale) && (q.scale as number) > 0 && finite(q.zeroPoint) && Number.isSafeInteger(q.qmin) && Number.isSafeInteger(q.qmax) && (q.qmin as number) <= (q.qmax as number);
}

/** Parses and checks a manifest's bytes (from anyone): every field, every size, before building anything. */
export function decodeManifest(bytes: Uint8Array, cid: string): ModelManifest {
  const fail = (field: string, detail: string): never => {
    throw new ManifestError(cid, field, detail);
  };
  if (!(bytes instanceof Uint8Array)) fail("bytes", "are not bytes");
  if (bytes.length > MANIFEST_LIMITS.bytes) fail("size", `is ${bytes.length} bytes, over the cap of ${MANIFEST_LIMITS.bytes}`);
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    fail("text", `is not UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isObject(m)) return fail("text", "is not a JSON object");
  if (m.format !== MANIFEST_FORMAT) fail("format", `is ${JSON.stringify(m.format)}, expected "${MANIFEST_FORMAT}"`);
  if (m.version !== MANIFEST_VERSION) fail("version", `${JSON.stringify(m.version)} is not supported (expected ${MANIFEST_VERSION})`);
  if (typeof m.params !== "string" || m.params.length > MANIFEST_LIMITS.textChars) fail("params", "must be a parameter-set id");
  let q: bigint;
  let digest: number;
  try {
    const params = getParams(m.params as string);
    const spec = hashSpecFor(params);
    q = spec.field.modulus;
    digest = spec.digest.length;
  } catch (e) {
    return fail("params", `"${String(m.params)}" is not usable: ${(e as Error).message}`);
  }
  const list = (field: string, max: number): unknown[] => {
    const v = m[field];
    if (!Array.isArray(v)) fail(field, "must be an array");
    if ((v as unknown[]).length > max) fail(field, `has ${(v as unknown[]).length} entries, over the cap of ${max}`);
    return v as unknown[];
  };
  const features = list("features", MANIFEST_LIMITS.features);
  if (!features.every((f) => typeof f === "string" && f.length <= MANIFEST_LIMITS.textChars)) fail("features", "must be names (strings)");
  const quantizers = list("inputQuantizers", MANIFEST_LIMITS.features);
  if (quantizers.length !== features.length) fail("inputQuantizers", `has ${quantizers.length} entries for ${features.length} features`);
  quantizers.forEach((qz, i) => checkQuantizer(qz) || fail("inputQuantizers", `entry ${i} is not a quantiser {nBits, signed, scale > 0, zeroPoint, qmin ≤ qmax}`));
  if (!finite(m.outputScale)) fail("outputScale", "must be a finite number");
  const opcodes = list("opcodes", MAX_VM_STEPS);
  if (opcodes.length === 0 || !opcodes.every((c) => Number.isInteger(c) && (c as number) >= 0 && (c as number) < 32)) fail("opcodes", "must be a non-empty list of 5-bit opcodes");
  const programHash = list("programHash", digest);
  if (programHash.length !== digest || !programHash.every((v) => decimal(v) && BigInt(v as string) < q)) fail("programHash", `must be ${digest} field elements (decimal strings < p)`);
  if (m.weights !== "public" && m.weights !== "private") fail("weights", `is ${JSON.stringify(m.weights)}, expected "public" or "private"`);
  if (!isImmediateBits(m.immediateBits)) fail("immediateBits", `is ${JSON.stringify(m.immediateBits)}, expected an even width in [2, ${MAX_IMMEDIATE_BITS}]`);
  const publicValues = list("publicValues", MANIFEST_LIMITS.publicValues);
  if (!publicValues.every((v) => decimal(v) && BigInt(v as string) < q)) fail("publicValues", "must be field elements (decimal strings < p)");
  if (m.classes !== undefined) {
    const classes = list("classes", MANIFEST_LIMITS.features);
    if (classes.length < 2 || !classes.every((c) => typeof c === "string" && c.length <= MANIFEST_LIMITS.textChars)) fail("classes", "must be at least two class names (strings)");
  }
  const reads = opcodes.filter((c) => c === 0b10_010).length;
  if (features.length === 0 || reads % features.length !== 0) fail("opcodes", `read ${reads} input ciphertexts per run, not whole rows of the ${features.length} features`);
  if (!isObject(m.nodePackages)) fail("nodePackages", "must be an object {node address: package CID}");
  const packages = Object.entries(m.nodePackages as Record<string, unknown>);
  if (packages.length > MANIFEST_LIMITS.nodePackages) fail("nodePackages", `has ${packages.length} entries, over the cap of ${MANIFEST_LIMITS.nodePackages}`);
  for (const [node, pkg] of packages)
    if (!/^0x[0-9a-f]{40}$/.test(node) || typeof pkg !== "string" || pkg.length === 0 || pkg.length > MANIFEST_LIMITS.cidChars) fail("nodePackages", `entry ${JSON.stringify(node).slice(0, 60)} must map a lowercase 0x address to a CID`);
  return m as unknown as ModelManifest;
}

/** What a verifier takes from a manifest it has bound to the chain. */
export function committedModel(m: ModelManifest): CommittedModel {
  return {
    params: getParams(m.params),
    opcodes: m.opcodes,
    programHash: m.programHash.map((v) => BigInt(v)),
    publicValues: m.publicValues.map((v) => BigInt(v)),
    immediateBits: m.immediateBits,
    rowInputs: m.features.length,
  };
}

/**
 * Binds a manifest to its ModelNFT: its bytes must hash to the NFT's contentHash, and its program hash must be
 * the NFT's programHash. Throws ManifestError naming which.
 */
export function checkManifestBinding(bytes: Uint8Array, cid: string, onChain: { readonly contentHash: string; readonly programHash: string }): ModelManifest {
  if (commitment(bytes) !== onChain.contentHash.toLowerCase()) throw new ManifestError(cid, "binding", `is not the manifest the ModelNFT commits to (its SHA-256 is not the NFT's content hash ${onChain.contentHash})`);
  const m = decodeManifest(bytes, cid);
  const spec = hashSpecFor(getParams(m.params));
  const hex = `0x${Buffer.from(programHashBytes(m.programHash.map((v) => BigInt(v)), spec)).toString("hex")}`;
  if (hex !== onChain.programHash.toLowerCase()) throw new ManifestError(cid, "programHash", "is not the ModelNFT's program hash");
  return m;
}
