/**
 * The model commitment (issue 14, item 4): one RPO-256 digest (src/hash/rpo/, the sponge as specified in eprint
 * 2022/1577) of everything that makes a compiled model over Goldilocks — the opcode sequence, every push immediate,
 * the public values `read` takes (public weights) — and a 4-element salt. It is what the VM's Goldilocks preset
 * ("rpo-goldilocks", hash-spec.ts) proves in its trace, one permutation per 8 rows (src/vm/air/vm-air.ts), and what
 * a ModelNFT records. Unlike the thesis's program hash (program-hash.ts: per-round injection, no security level
 * claimed, a length extension) it is a standard sponge over a published permutation, so the generic bound
 * applies: with a 256-bit capacity, 128-bit collision resistance if the permutation behaves ideally
 * (docs/model-commitment.md).
 *
 * The hashed sequence is laid out so that the trace absorbs it row by row — instruction i's element is block
 * ⌊i/8⌋'s element i mod 8, and a program has a multiple of 16 steps (isa.ts), so its elements fill whole blocks:
 *
 *   v_0 … v_{ℓ−1}   v_i = the immediate of a push, the next public value of a read, 0 for every other instruction
 *   salt_0 … salt_3
 *   S_0 … S_3       the shape digest: RPO-256 of five length-prefixed sections — the tag "EncryptAI/model-commitment"
 *                   (ASCII, 7 bytes per element, little-endian), the version [2], the field modulus as 32-bit
 *                   limbs, [ℓ], and the ℓ opcodes (noops included), 12 five-bit opcodes per element, the first in
 *                   the low bits
 *
 * ℓ + 8 elements, a multiple of 8: the specification's padding adds nothing (capacity[0] = 0).
 *
 * Binding. Equal commitments for models m ≠ m' mean an RPO-256 collision, or equal sequences. Equal sequences have
 * equal last four elements, so equal shape digests: an RPO-256 collision, or equal shape sequences — and a
 * concatenation of length-prefixed sections splits in exactly one way, so equal ℓ and equal packed opcodes — and
 * with ℓ known the packing (5 bits each, 12 per element, < 2^60) reads back uniquely: equal opcodes. With ℓ
 * fixed the sequences align position by position: each push's immediate, each read's public value (in order)
 * and the salt are equal, and every other instruction has immediate 0 (`modelEncoding` requires it): m = m'.
 * `decodeModelEncoding` is this argument as code (given the opcodes, it rebuilds the model from the sequence).
 *
 * Hiding: with a uniformly random secret salt (4 elements, ~256 bits; `randomModelSalt`) the digest reveals nothing
 * useful about private immediates, modelling RPO-256 as a random oracle; without one, few candidate weights can be
 * tried against it. A public model may use any salt (zero included): binding does not depend on it.
 */
import { randomBytes } from "node:crypto";
import { RPO_256, RPO_P, hashElements, rpoDigestHex } from "../hash/rpo/index.js";
import { type RpoSpongeRows, rpoSpongeRows } from "../air/examples/rpo-sponge-air.js";
import { MODULI } from "../math/moduli.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import type { Program } from "./assembler.js";
import { type Instruction, OPCODES, OP_NAMES, type OpName, opByCode } from "./isa.js";

/** The domain-separation tag (section 1). */
export const MODEL_COMMITMENT_TAG = "EncryptAI/model-commitment";
/** The format version (section 2); a change of encoding is a new version. */
export const MODEL_COMMITMENT_VERSION = 2;
/** Salt elements (the sponge's capacity width: 4 Goldilocks elements). */
export const MODEL_SALT_LENGTH = 4;

/** A model the commitment cannot encode (an element outside its field, a malformed salt or instruction, …). */
export class ModelCommitmentError extends Error {
  constructor(
    /** What is at fault, e.g. "salt[2]", "instruction 7", "public value 0". */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`model commitment: ${field}: ${detail}`);
    this.name = "ModelCommitmentError";
  }
}

/** The tag as elements: ASCII bytes, 7 per element, little-endian (each < 2^56, canonical). */
function tagElements(tag: string): bigint[] {
  const bytes = new TextEncoder().encode(tag);
  const out: bigint[] = [];
  for (let i = 0; i < bytes.length; i += 7) {
    let x = 0n;
    for (let k = Math.min(i + 7, bytes.length) - 1; k >= i; k--) x = (x << 8n) | BigInt(bytes[k]!);
    out.push(x);
  }
  return out;
}

function checkSalt(salt: readonly bigint[]): void {
  if (!Array.isArray(salt) || salt.length !== MODEL_SALT_LENGTH)
    throw new ModelCommitmentError("salt", `expected ${MODEL_SALT_LENGTH} Goldilocks elements, got ${Array.isArray(salt) ? `${salt.length}` : typeof salt}`);
  salt.forEach((s, i) => {
    if (typeof s !== "bigint" || s < 0n || s >= RPO_P)
      throw new ModelCommitmentError(`salt[${i}]`, `${String(s)} is not a canonical Goldilocks element (expected an integer in [0, ${RPO_P}))`);
  });
}

function checkValue(what: string, v: unknown): asserts v is bigint {
  if (typeof v !== "bigint" || v < 0n || v >= RPO_P) throw new ModelCommitmentError(what, `${String(v)} is not a canonical Goldilocks element (expected an integer in [0, ${RPO_P}))`);
}

const section = (body: readonly bigint[]): bigint[] => [BigInt(body.length), ...body];

/** The shape sequence: tag, version, field modulus limbs, opcodes — each section its length, then its elements. */
export function shapeEncoding(opcodes: readonly number[]): bigint[] {
  if (!Array.isArray(opcodes) || opcodes.length === 0) throw new ModelCommitmentError("opcodes", "expected at least one instruction");
  opcodes.forEach((c, i) => {
    if (opByCode(c) === undefined) throw new ModelCommitmentError(`opcode ${i}`, `${String(c)} is not an operation`);
  });
  return [
    ...section(tagElements(MODEL_COMMITMENT_TAG)),
    ...section([BigInt(MODEL_COMMITMENT_VERSION)]),
    ...section(Array.from(MODULI.goldilocks.qLimbs, (x) => BigInt(x))),
    ...section([BigInt(opcodes.length)]),
    ...section(packOpcodes(opcodes)),
  ];
}

/** Opcodes per element of the shape: 12 five-bit opcodes (60 bits < 64, canonical), the first in the low bits. */
export const OPCODES_PER_ELEMENT = 12;

/** The opcodes, 12 per element (the last element holds the rest); the section's own length prefix and ℓ fix the count. */
function packOpcodes(opcodes: readonly number[]): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < opcodes.length; i += OPCODES_PER_ELEMENT) {
    let x = 0n;
    for (let k = Math.min(i + OPCODES_PER_ELEMENT, opcodes.length) - 1; k >= i; k--) x = (x << 5n) | BigInt(opcodes[k]!);
    out.push(x);
  }
  return out;
}

/** The shape digest S: RPO-256 of `shapeEncoding` (the public part; a verifier computes it from the opcodes). */
export function shapeDigest(opcodes: readonly number[]): bigint[] {
  return hashElements(shapeEncoding(opcodes));
}

/**
 * The element each instruction contributes: a push's immediate, a read's next public value, 0 otherwise.
 * ModelCommitmentError for a value outside Goldilocks, an immediate on another instruction, an unknown operation,
 * or a public-value count other than the reads'.
 */
export function instructionValues(program: Program, publicValues: readonly bigint[]): bigint[] {
  const instructions = program?.instructions;
  if (!Array.isArray(instructions) || instructions.length === 0) throw new ModelCommitmentError("program", "expected at least one instruction");
  if (!Array.isArray(publicValues)) throw new ModelCommitmentError("public values", "expected an array");
  let next = 0;
  const values = instructions.map((ins: Instruction, i) => {
    if (!(OP_NAMES as readonly string[]).includes(ins?.op)) throw new ModelCommitmentError(`instruction ${i}`, `unknown operation ${String(ins?.op)}`);
    if (ins.op !== "push" && ins.value !== 0n) throw new ModelCommitmentError(`instruction ${i}`, `${ins.op} carries immediate ${String(ins.value)}; only push has one (0 otherwise)`);
    if (ins.op === "push") {
      checkValue(`instruction ${i} (push immediate)`, ins.value);
      return ins.value;
    }
    if (ins.op !== "read") return 0n;
    if (next >= publicValues.length) throw new ModelCommitmentError("public values", `the program reads more than the ${publicValues.length} given`);
    const v = publicValues[next];
    checkValue(`public value ${next++}`, v);
    return v;
  });
  if (next !== publicValues.length) throw new ModelCommitmentError("public values", `${publicValues.length} given, the program reads ${next}`);
  return values;
}

/** The element sequence the commitment hashes: the instructions' values, the salt, the shape digest. */
export function modelEncoding(program: Program, publicValues: readonly bigint[], salt: readonly bigint[]): bigint[] {
  const values = instructionValues(program, publicValues);
  checkSalt(salt);
  return [...values, ...salt, ...shapeDigest(program.instructions.map((i) => OPCODES[i.op]))];
}

/** What `decodeModelEncoding` recovers: the model exactly as committed. */
export interface DecodedModel {
  readonly instructions: readonly Instruction[];
  readonly publicValues: readonly bigint[];
  readonly salt: readonly bigint[];
}

/**
 * The left inverse of `modelEncoding` given the public opcodes (the binding argument of the header, as code):
 * checks the shape digest and the length, then reads each instruction's value and the salt back.
 */
export function decodeModelEncoding(opcodes: readonly number[], elements: readonly bigint[]): DecodedModel {
  const l = opcodes.length;
  if (elements.length !== l + 8) throw new ModelCommitmentError("encoding", `${elements.length} elements; ${l} opcodes need ${l + 8}`);
  if (elements.slice(l + 4).join() !== shapeDigest(opcodes).join()) throw new ModelCommitmentError("encoding", "the shape digest does not match these opcodes");
  const publicValues: bigint[] = [];
  const instructions = opcodes.map((c, i): Instruction => {
    const op = opByCode(c) as OpName;
    const v = elements[i]!;
    if (op === "read") publicValues.push(v);
    else if (op !== "push" && v !== 0n) throw new ModelCommitmentError("encoding", `instruction ${i} (${op}) has value ${v}; only push and read have one`);
    return { op, value: op === "push" ? v : 0n };
  });
  return { instructions, publicValues, salt: elements.slice(l, l + 4) };
}

let lastRun: { readonly key: string; readonly rows: RpoSpongeRows } | undefined;

/**
 * The sponge's rows over `modelEncoding` — one 8-row cycle per block, as the VM's trace holds them — kept for the
 * last encoding asked for: a prover computes the commitment for its statement and then the same rows for its
 * trace. The rows are shared: read them, never write.
 */
export function commitmentRows(program: Program, publicValues: readonly bigint[], salt: readonly bigint[]): RpoSpongeRows {
  const encoding = modelEncoding(program, publicValues, salt);
  if (encoding.length % RPO_256.rate.length !== 0)
    throw new ModelCommitmentError("program", `${program.instructions.length} instructions: the trace absorbs whole blocks, a VM program has a multiple of 16 steps`);
  const key = encoding.join(",");
  if (lastRun?.key !== key) {
    const blocks = Array.from({ length: encoding.length / RPO_256.rate.length }, (_, c) => encoding.slice(8 * c, 8 * c + 8));
    lastRun = { key, rows: rpoSpongeRows(RPO_256, blocks, 0n) };
  }
  return lastRun.rows;
}

/**
 * The commitment: RPO-256 (the specification's sponge) of `modelEncoding`, 4 Goldilocks elements. For a VM
 * program (whole blocks: the padding adds nothing) it is the digest cells of the sponge's last row — the rows the
 * trace holds, computed once; tested equal to hashElements of the encoding.
 */
export function modelCommitment(program: Program, publicValues: readonly bigint[], salt: readonly bigint[]): bigint[] {
  // (a sequence of instructions that is not a VM program — not whole blocks — is hashed with the padding rule)
  if (program?.instructions?.length % 8 !== 0) return hashElements(modelEncoding(program, publicValues, salt));
  const rows = commitmentRows(program, publicValues, salt);
  const last = rows.h[rows.h.length - 1]!;
  return RPO_256.digest.map((i) => last[i]!);
}

/** The commitment as 64 hex digits (each element 8 bytes little-endian; `rpoDigestFromHex` reads it back). */
export function modelCommitmentHex(program: Program, publicValues: readonly bigint[], salt: readonly bigint[]): string {
  return rpoDigestHex(modelCommitment(program, publicValues, salt));
}

/** A fresh salt from the OS CSPRNG: 4 uniform Goldilocks elements (each reduced from 24 bytes, bias < 2^-128). */
export function randomModelSalt(): bigint[] {
  const F = GOLDILOCKS_FIELD;
  return Array.from({ length: MODEL_SALT_LENGTH }, () => F.fromRandomBytes(randomBytes(F.randomBytesLength)));
}
