/**
 * The model commitment (issue 14, item 4): one RPO-256 digest (src/hash/rpo/, the sponge as specified in eprint
 * 2022/1577) of everything that makes a compiled model — the VM field, the opcode sequence, every push immediate,
 * the public values `read` takes (public weights) — and a 4-element salt. Unlike the program hash (program-hash.ts,
 * the thesis's per-round-injection sponge, no security level claimed) it is a standard sponge over a published
 * permutation, so the generic bound applies: with a 256-bit capacity, 128-bit collision resistance if the
 * permutation behaves ideally (docs/model-commitment.md).
 *
 * The hashed sequence, all Goldilocks elements, is seven sections, each its element count followed by its elements:
 *
 *   1 tag          "EncryptAI/model-commitment" in ASCII, 7 bytes per element, little-endian
 *   2 version      [1]
 *   3 field        the VM field's modulus q as little-endian 32-bit limbs (2 for Goldilocks, 4 for f128)
 *   4 opcodes      one element per instruction of the padded program, its 5-bit opcode (isa.ts), noops included
 *   5 immediates   each push's immediate, in program order, as enc_q(v)
 *   6 public       each public value, in order, as enc_q(v)
 *   7 salt         the 4 salt elements
 *
 * enc_q(v) for v in [0, q) is one element when q ≤ p (Goldilocks: v itself) and otherwise the little-endian
 * 32-bit limbs of v, as many as q has (f128: 4).
 *
 * Injectivity (no two different models encode alike). Let E(m) be the sequence of model m = (q, instructions,
 * public values, salt). `decodeModelEncoding` reads a sequence left to right: a length, that many elements, seven
 * times, then requires the end; so the seven section bodies are determined by the sequence (a concatenation of
 * length-prefixed blocks splits in exactly one way: the first element says where the first block ends, and so on).
 * Section 3 gives q; with q fixed, enc_q is injective (a limb decomposition of v < 2^(32·limbs) is unique), so
 * sections 5 and 6 give the immediates and the public values; section 4 gives the operations (opcodes are
 * distinct) and the k-th push takes the k-th immediate — every other instruction has immediate 0, which
 * `modelCommitment` requires. So decode(E(m)) = m for every valid m: E has a left inverse and is injective
 * (tested: the round trip, and shifting an element between sections). The RPO specification's padding is injective
 * too (the domain element tells whether 1 0* was appended), so two different models reach the permutation as two
 * different absorbed sequences, and equal commitments mean an RPO-256 collision.
 *
 * Hiding: with a uniformly random secret salt (4 elements, ~256 bits; `randomModelSalt`) the digest reveals nothing
 * useful about private immediates, modelling RPO-256 as a random oracle; without one, few candidate weights can be
 * tried against it. A public model may use any salt (zero included): binding does not depend on it.
 */
import { randomBytes } from "node:crypto";
import { RPO_P, hashElements, rpoDigestHex } from "../hash/rpo/index.js";
import { type ModulusId, MODULI, type PrimeModulus } from "../math/moduli.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import type { Program } from "./assembler.js";
import { type Instruction, OPCODES, OP_NAMES, type OpName, opByCode } from "./isa.js";

/** The domain-separation tag (section 1). */
export const MODEL_COMMITMENT_TAG = "EncryptAI/model-commitment";
/** The format version (section 2); a change of encoding is a new version. */
export const MODEL_COMMITMENT_VERSION = 1;
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

/** Elements per encoded value of F_q: 1 if q ≤ p (the value is an element), else q's 32-bit limb count. */
function limbsPerValue(m: PrimeModulus): number {
  return m.q <= RPO_P ? 1 : m.limbs;
}

function encodeValue(m: PrimeModulus, v: bigint): bigint[] {
  const L = limbsPerValue(m);
  if (L === 1) return [v];
  return Array.from({ length: L }, (_, k) => (v >> BigInt(32 * k)) & 0xffffffffn);
}

/** Inverse of encodeValue (one element, or little-endian 32-bit limbs). */
function decodeValue(limbs: readonly bigint[]): bigint {
  if (limbs.length === 1) return limbs[0]!;
  return limbs.reduceRight((acc, x) => (acc << 32n) | x, 0n);
}

function modulusOf(field: ModulusId): PrimeModulus {
  const m = (MODULI as Readonly<Record<string, PrimeModulus>>)[field];
  if (!m) throw new ModelCommitmentError("field", `"${String(field)}" is not a VM field: expected one of ${Object.keys(MODULI).join(", ")}`);
  return m;
}

function checkValue(m: PrimeModulus, what: string, v: unknown): asserts v is bigint {
  if (typeof v !== "bigint" || v < 0n || v >= m.q)
    throw new ModelCommitmentError(what, `${String(v)} is not a canonical element of ${m.id} (expected an integer in [0, ${m.q}))`);
}

function checkSalt(salt: readonly bigint[]): void {
  if (!Array.isArray(salt) || salt.length !== MODEL_SALT_LENGTH)
    throw new ModelCommitmentError("salt", `expected ${MODEL_SALT_LENGTH} Goldilocks elements, got ${Array.isArray(salt) ? `${salt.length}` : typeof salt}`);
  salt.forEach((s, i) => {
    if (typeof s !== "bigint" || s < 0n || s >= RPO_P)
      throw new ModelCommitmentError(`salt[${i}]`, `${String(s)} is not a canonical Goldilocks element (expected an integer in [0, ${RPO_P}))`);
  });
}

const section = (body: readonly bigint[]): bigint[] => [BigInt(body.length), ...body];

/**
 * The element sequence the commitment hashes (the seven length-prefixed sections of the header). Throws
 * ModelCommitmentError for a value outside F_q, a non-push instruction with an immediate, an unknown operation or
 * a salt that is not 4 canonical Goldilocks elements.
 */
export function modelEncoding(program: Program, publicValues: readonly bigint[], salt: readonly bigint[], field: ModulusId): bigint[] {
  const m = modulusOf(field);
  const instructions = program?.instructions;
  if (!Array.isArray(instructions) || instructions.length === 0) throw new ModelCommitmentError("program", "expected at least one instruction");
  if (!Array.isArray(publicValues)) throw new ModelCommitmentError("public values", "expected an array");
  checkSalt(salt);
  const opcodes: bigint[] = [];
  const immediates: bigint[] = [];
  instructions.forEach((ins: Instruction, i) => {
    if (!(OP_NAMES as readonly string[]).includes(ins?.op)) throw new ModelCommitmentError(`instruction ${i}`, `unknown operation ${String(ins?.op)}`);
    opcodes.push(BigInt(OPCODES[ins.op]));
    if (ins.op === "push") {
      checkValue(m, `instruction ${i} (push immediate)`, ins.value);
      immediates.push(...encodeValue(m, ins.value));
    } else if (ins.value !== 0n) {
      throw new ModelCommitmentError(`instruction ${i}`, `${ins.op} carries immediate ${String(ins.value)}; only push has one (0 otherwise)`);
    }
  });
  const publics = publicValues.flatMap((v, i) => {
    checkValue(m, `public value ${i}`, v);
    return encodeValue(m, v);
  });
  return [
    ...section(tagElements(MODEL_COMMITMENT_TAG)),
    ...section([BigInt(MODEL_COMMITMENT_VERSION)]),
    ...section(Array.from(m.qLimbs, (x) => BigInt(x))),
    ...section(opcodes),
    ...section(immediates),
    ...section(publics),
    ...section(salt),
  ];
}

/** What `decodeModelEncoding` recovers: the model exactly as committed. */
export interface DecodedModel {
  readonly version: number;
  readonly field: ModulusId;
  readonly instructions: readonly Instruction[];
  readonly publicValues: readonly bigint[];
  readonly salt: readonly bigint[];
}

/**
 * The left inverse of `modelEncoding` (the injectivity argument of the header, as code): splits the sequence into
 * its seven length-prefixed sections and rebuilds the model; ModelCommitmentError for anything `modelEncoding`
 * cannot have produced.
 */
export function decodeModelEncoding(elements: readonly bigint[]): DecodedModel {
  let at = 0;
  const sections: bigint[][] = [];
  for (let s = 0; s < 7; s++) {
    const len = elements[at];
    if (len === undefined || len > BigInt(elements.length - at - 1)) throw new ModelCommitmentError("encoding", `section ${s + 1} runs past the end`);
    sections.push(elements.slice(at + 1, at + 1 + Number(len)));
    at += 1 + Number(len);
  }
  if (at !== elements.length) throw new ModelCommitmentError("encoding", `${elements.length - at} elements after the seventh section`);
  const [tag, version, qLimbs, opcodes, immediates, publics, salt] = sections as [bigint[], bigint[], bigint[], bigint[], bigint[], bigint[], bigint[]];
  if (tag.join() !== tagElements(MODEL_COMMITMENT_TAG).join()) throw new ModelCommitmentError("encoding", "not a model commitment (wrong tag)");
  if (version.length !== 1 || version[0] !== BigInt(MODEL_COMMITMENT_VERSION))
    throw new ModelCommitmentError("encoding", `unknown version ${version.join(",")}`);
  const q = qLimbs.reduceRight((acc, x) => (acc << 32n) | x, 0n);
  const m = Object.values(MODULI).find((x) => x.q === q && x.limbs === qLimbs.length);
  if (!m) throw new ModelCommitmentError("encoding", `field modulus ${q} is not a VM field`);
  const L = limbsPerValue(m);
  const values = (xs: bigint[], what: string): bigint[] => {
    if (xs.length % L !== 0) throw new ModelCommitmentError("encoding", `${what}: ${xs.length} elements is not a multiple of ${L}`);
    return Array.from({ length: xs.length / L }, (_, i) => {
      const limbs = xs.slice(L * i, L * i + L);
      const v = decodeValue(limbs);
      if ((L > 1 && limbs.some((x) => x >= 1n << 32n)) || v >= m.q) throw new ModelCommitmentError("encoding", `${what} ${i} is not an element of ${m.id}`);
      return v;
    });
  };
  const pushes = values(immediates, "immediates");
  let next = 0;
  const instructions = opcodes.map((c, i): Instruction => {
    const op: OpName | undefined = opByCode(Number(c));
    if (op === undefined) throw new ModelCommitmentError("encoding", `opcode ${c} at instruction ${i} is not an operation`);
    if (op !== "push") return { op, value: 0n };
    if (next >= pushes.length) throw new ModelCommitmentError("encoding", "more pushes than immediates");
    return { op, value: pushes[next++]! };
  });
  if (next !== pushes.length) throw new ModelCommitmentError("encoding", `${pushes.length - next} immediates without a push`);
  if (salt.length !== MODEL_SALT_LENGTH) throw new ModelCommitmentError("encoding", `salt of ${salt.length} elements, expected ${MODEL_SALT_LENGTH}`);
  return { version: Number(version[0]), field: m.id, instructions, publicValues: values(publics, "public values"), salt };
}

/** The commitment: RPO-256 (the specification's sponge) of `modelEncoding`, 4 Goldilocks elements. */
export function modelCommitment(program: Program, publicValues: readonly bigint[], salt: readonly bigint[], field: ModulusId): bigint[] {
  return hashElements(modelEncoding(program, publicValues, salt, field));
}

/** The commitment as 64 hex digits (each element 8 bytes little-endian; `rpoDigestFromHex` reads it back). */
export function modelCommitmentHex(program: Program, publicValues: readonly bigint[], salt: readonly bigint[], field: ModulusId): string {
  return rpoDigestHex(modelCommitment(program, publicValues, salt, field));
}

/** A fresh salt from the OS CSPRNG: 4 uniform Goldilocks elements (each reduced from 24 bytes, bias < 2^-128). */
export function randomModelSalt(): bigint[] {
  const F = GOLDILOCKS_FIELD;
  return Array.from({ length: MODEL_SALT_LENGTH }, () => F.fromRandomBytes(randomBytes(F.randomBytesLength)));
}
