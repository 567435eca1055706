/**
 * The STARK proof object and its versioned binary serialisation.
 *
 *   "EAIS" | version u8 | options | context (air name, trace length, width, aux width) | roots | OOD values |
 *   FRI roots, remainder | pow nonce u64 | query openings
 *
 * With the zero-knowledge flag set, each opening section (trace, aux, composition, every FRI layer) is followed
 * by its leaves' salts: a u32 count and SALT_BYTES bytes each. Without it there are no salt sections.
 *
 * Elements are fixed-length little-endian (base field F.byteLength, challenge field E.byteLength), lengths
 * are u32. Parsing checks every length against what the options and the context imply and never reads past
 * the end; every count is checked against its cap and against the bytes left (ByteReader.count) before a list
 * is allocated for it, so a short proof declaring 2^24 elements costs nothing. Any malformed input is a
 * VerificationError("format", …) naming the field.
 */
import type { Field } from "../math/field.js";
import { VerificationError } from "./errors.js";
import type { Challenge } from "./fields.js";
import type { FriProof } from "./fri.js";
import type { ProofOptions } from "./options.js";
import { ByteReader, ByteWriter } from "../codec/binary.js";
import { SALT_BYTES } from "./zk.js";
import { GL_P } from "../math/goldilocks.js";

export const PROOF_VERSION = 1;
const MAGIC = [0x45, 0x41, 0x49, 0x53]; // "EAIS"

export interface QueryOpenings {
  /** Main trace rows at the query positions (each traceWidth base elements). */
  readonly traceRows: readonly (readonly bigint[])[];
  readonly traceProof: readonly Uint8Array[];
  /** Auxiliary rows (challenge-field elements), empty without an auxiliary segment. */
  readonly auxRows: readonly (readonly Challenge[])[];
  readonly auxProof: readonly Uint8Array[];
  /** Composition rows (one challenge element per composition column). */
  readonly compositionRows: readonly (readonly Challenge[])[];
  readonly compositionProof: readonly Uint8Array[];
  /** Zero knowledge: each opened row's salt (SALT_BYTES), per commitment; empty otherwise. */
  readonly traceSalts: readonly Uint8Array[];
  readonly auxSalts: readonly Uint8Array[];
  readonly compositionSalts: readonly Uint8Array[];
}

export interface StarkProof {
  readonly version: number;
  readonly options: ProofOptions;
  readonly context: { readonly air: string; readonly traceLength: number; readonly traceWidth: number; readonly auxWidth: number };
  readonly traceRoot: Uint8Array;
  readonly auxRoot: Uint8Array | undefined;
  readonly compositionRoot: Uint8Array;
  readonly ood: { readonly current: readonly Challenge[]; readonly next: readonly Challenge[]; readonly composition: readonly Challenge[] };
  readonly fri: FriProof;
  readonly powNonce: bigint;
  readonly queries: QueryOpenings;
}

const HASHES = ["blake3-256", "sha256", "keccak256"] as const;
/** Cap on one element list (OOD values, FRI remainder, one opened row). */
const MAX_ELEMENTS = 1 << 24;

const digests = (w: ByteWriter, ds: readonly Uint8Array[]): ByteWriter => {
  w.u32(ds.length);
  for (const d of ds) w.bytes(d);
  return w;
};

function saltList(w: ByteWriter, ss: readonly Uint8Array[]): void {
  w.u32(ss.length);
  for (const salt of ss) {
    if (salt.length !== SALT_BYTES) throw new RangeError(`a salt has ${salt.length} bytes, expected ${SALT_BYTES}`);
    w.bytes(salt);
  }
}

const readDigests = (r: ByteReader, what: string, max: number): Uint8Array[] =>
  Array.from({ length: r.count(`${what} count`, max, 32) }, () => r.bytes(32, what));

const formatError = (message: string): never => {
  throw new VerificationError("format", message);
};

function writeElements<T>(w: ByteWriter, F: Field<T>, xs: readonly T[]): void {
  w.u32(xs.length);
  for (const x of xs) w.bytes(F.toBytes(x));
}

function readElements<T>(r: ByteReader, F: Field<T>, what: string, expected?: number): T[] {
  const n = r.count(`${what} count`, MAX_ELEMENTS, F.byteLength);
  if (expected !== undefined && n !== expected) throw new VerificationError("format", `${what}: ${n} elements, expected ${expected}`);
  if (isGoldilocksWords(F)) return readGoldilocks(r, F, what, n);
  return Array.from({ length: n }, (_, i) => {
    const b = r.bytes(F.byteLength, `${what}[${i}]`);
    try {
      return F.fromBytes(b);
    } catch (e) {
      throw new VerificationError("format", `${what}[${i}] is not a field element: ${(e as Error).message}`);
    }
  });
}

export function serializeProof(proof: StarkProof, F: Field<bigint>, E: Field<Challenge>): Uint8Array {
  const o = proof.options;
  const w = new ByteWriter().bytes(Uint8Array.from(MAGIC)).u8(proof.version);
  w.u8(o.blowup).u8(o.queries).u8(o.grindingBits).u8(o.fieldExtension).u8(o.friFoldingFactor).u8(o.friRemainderMaxDegree);
  w.u8(HASHES.indexOf(o.hash)).u8(o.zeroKnowledge ? 1 : 0);
  const c = proof.context;
  w.text(c.air).u32(c.traceLength).u32(c.traceWidth).u32(c.auxWidth);
  w.bytes(proof.traceRoot).u8(proof.auxRoot ? 1 : 0);
  if (proof.auxRoot) w.bytes(proof.auxRoot);
  w.bytes(proof.compositionRoot);
  writeElements(w, E, proof.ood.current);
  writeElements(w, E, proof.ood.next);
  writeElements(w, E, proof.ood.composition);
  digests(w, proof.fri.layerRoots);
  writeElements(w, E, proof.fri.remainder);
  w.u64(proof.powNonce);
  const q = proof.queries;
  const salts = (ss: readonly Uint8Array[]) => {
    if (o.zeroKnowledge) saltList(w, ss);
  };
  w.u32(q.traceRows.length);
  for (const row of q.traceRows) writeElements(w, F, row);
  digests(w, q.traceProof);
  salts(q.traceSalts);
  w.u32(q.auxRows.length);
  for (const row of q.auxRows) writeElements(w, E, row);
  digests(w, q.auxProof);
  salts(q.auxSalts);
  w.u32(q.compositionRows.length);
  for (const row of q.compositionRows) writeElements(w, E, row);
  digests(w, q.compositionProof);
  salts(q.compositionSalts);
  w.u32(proof.fri.openings.length);
  for (const layer of proof.fri.openings) {
    w.u32(layer.leaves.length);
    for (const leaf of layer.leaves) writeElements(w, E, leaf);
    digests(w, layer.proof);
    salts(layer.salts);
  }
  return w.finish();
}
/** Goldilocks or one of its extensions: every element is F.degree little-endian 64-bit words (coordinates in order). */
const isGoldilocksWords = <T>(F: Field<T>): boolean => F.characteristic === GL_P && F.byteLength === 8 * F.degree;

/**
 * readElements for Goldilocks and its extensions: the n elements' words read in one pass (count() has checked
 * that the bytes are there) — the same elements as F.fromBytes, whose error is reported for a non-canonical word.
 */
function readGoldilocks<T>(r: ByteReader, F: Field<T>, what: string, n: number): T[] {
  const L = F.byteLength;
  const k = F.degree;
  const block = r.bytes(n * L, what);
  const dv = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const coords = new Array<bigint>(k);
    let canonical = true;
    for (let c = 0; c < k; c++) {
      const x = dv.getBigUint64(i * L + 8 * c, true);
      coords[c] = x;
      if (x >= GL_P) canonical = false;
    }
    if (canonical) out[i] = (k === 1 ? coords[0]! : coords) as T;
    else {
      try {
        out[i] = F.fromBytes(block.subarray(i * L, (i + 1) * L));
      } catch (e) {
        throw new VerificationError("format", `${what}[${i}] is not a field element: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

/** Parses a proof; `fields` maps the options' extension degree to the challenge field. */
export function deserializeProof(bytes: Uint8Array, F: Field<bigint>, fields: (extension: number) => Field<Challenge>): StarkProof {
  if (!(bytes instanceof Uint8Array)) throw new VerificationError("format", "proof is not bytes");
  const r = new ByteReader(bytes, formatError, "proof");
  const magic = r.bytes(4, "magic");
  if (!MAGIC.every((b, i) => magic[i] === b)) throw new VerificationError("format", "not an EncryptAI STARK proof (bad magic)");
  const version = r.u8("version");
  if (version !== PROOF_VERSION) throw new VerificationError("version", `proof version ${version} is not supported (expected ${PROOF_VERSION})`);
  const [blowup, queries, grindingBits, fieldExtension, friFoldingFactor, friRemainderMaxDegree] = [0, 0, 0, 0, 0, 0].map((_, i) => r.u8(`option ${i}`));
  const hash = HASHES[r.u8("hash")];
  if (!hash) throw new VerificationError("format", "unknown hash function id");
  const zk = r.u8("zero-knowledge flag");
  if (zk > 1) throw new VerificationError("format", `zero-knowledge flag ${zk}`);
  const options: ProofOptions = { blowup: blowup!, queries: queries!, grindingBits: grindingBits!, fieldExtension: fieldExtension! as 1 | 2 | 3, friFoldingFactor: friFoldingFactor! as 2 | 4 | 8, friRemainderMaxDegree: friRemainderMaxDegree!, hash, zeroKnowledge: zk === 1 };
  let E: Field<Challenge>;
  try {
    E = fields(options.fieldExtension);
  } catch (e) {
    throw new VerificationError("options", (e as Error).message);
  }
  const context = { air: r.text("air name"), traceLength: r.u32("trace length", 1 << 30), traceWidth: r.u32("trace width", 4096), auxWidth: r.u32("aux width", 4096) };
  const traceRoot = r.bytes(32, "trace root");
  const hasAux = r.u8("aux flag");
  const auxRoot = hasAux === 1 ? r.bytes(32, "aux root") : undefined;
  if (hasAux > 1) throw new VerificationError("format", `aux flag ${hasAux}`);
  const compositionRoot = r.bytes(32, "composition root");
  const cols = context.traceWidth + context.auxWidth;
  const ood = { current: readElements(r, E, "ood current", cols), next: readElements(r, E, "ood next", cols), composition: readElements(r, E, "ood composition") };
  const layerRoots = readDigests(r, "FRI layer roots", 64);
  const remainder = readElements(r, E, "FRI remainder");
  const powNonce = r.u64("pow nonce");
  // a row is at least its u32 element count and, when its width is known, that many elements
  const rows = <T>(what: string, G: Field<T>, width?: number) =>
    Array.from({ length: r.count(`${what} rows`, 1024, 4 + (width ?? 0) * G.byteLength) }, () => readElements(r, G, what, width));
  const salts = (what: string): Uint8Array[] => (options.zeroKnowledge ? Array.from({ length: r.count(`${what} salts`, 1024, SALT_BYTES) }, () => r.bytes(SALT_BYTES, `${what} salt`)) : []);
  const traceRows = rows("trace", F, context.traceWidth);
  const traceProof = readDigests(r, "trace proof", 1 << 16);
  const traceSalts = salts("trace");
  const auxRows = rows("aux", E, context.auxWidth);
  const auxProof = readDigests(r, "aux proof", 1 << 16);
  const auxSalts = salts("aux");
  const compositionRows = rows("composition", E);
  const compositionProof = readDigests(r, "composition proof", 1 << 16);
  const compositionSalts = salts("composition");
  // a layer is at least its leaf and proof counts; a leaf is its count and friFoldingFactor elements
  const openings = Array.from({ length: r.count("FRI layers", 64, 8) }, (_, i) => ({
    leaves: Array.from({ length: r.count(`FRI layer ${i} leaves`, 1024, 4 + options.friFoldingFactor * E.byteLength) }, () => readElements(r, E, `FRI layer ${i} leaf`, options.friFoldingFactor)),
    proof: readDigests(r, `FRI layer ${i} proof`, 1 << 16),
    salts: salts(`FRI layer ${i}`),
  }));
  if (!r.done) throw new VerificationError("format", `${bytes.length - r.offset} unexpected bytes after the proof`);
  return {
    version,
    options,
    context,
    traceRoot,
    auxRoot,
    compositionRoot,
    ood,
    fri: { layerRoots, remainder, openings },
    powNonce,
    queries: { traceRows, traceProof, auxRows, auxProof, compositionRows, compositionProof, traceSalts, auxSalts, compositionSalts },
  };
}
