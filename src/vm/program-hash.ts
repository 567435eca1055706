/**
 * The program hash (thesis §4.2; j04n-f/Encrypt-zkVM crypto/src/rescue.rs `Rescue128`): a Rescue sponge, one
 * step per instruction (the presets are in hash-spec.ts: the thesis's f128 Rescue, and Rp64_256 rounds over
 * Goldilocks). On cycle steps 0 … 13 a step is one Rescue round with the instruction injected between its
 * halves:
 *
 *   s ← M·s^α + k₁;   s[inject0] += opcode;  s[inject1] += immediate;   s ← M·s^(1/α) + k₂
 *
 * and on steps 14, 15 the capacity is reset to zero. The hash is the digest cells after the last step.
 *
 * Starting state: rate zero, capacity = the salt (default zero — with rescue-f128 this is the thesis's hash). A
 * random salt hides private immediates (weights) that are otherwise recoverable from the hash by trying all
 * values (u8 weights: 256^k tries); the salt is mixed in by the first cycle and then reset.
 */
import { powEach } from "../math/vector-ops.js";
import type { Program } from "./assembler.js";
import { RESCUE_F128, type RoundHashSpec, type VmHashSpec } from "./hash-spec.js";
import { MODEL_SALT_LENGTH, modelCommitment } from "./model-commitment.js";
import { HASH_CYCLE, HASH_ROUNDS, type Instruction, OPCODES } from "./isa.js";

export type RescueState = readonly bigint[];
/** The digest: 2 f128 elements (rescue-f128) or 4 Goldilocks elements (rp64-goldilocks). */
export type ProgramHash = readonly bigint[];

function matVec(spec: RoundHashSpec, M: readonly bigint[], s: readonly bigint[]): bigint[] {
  const w = spec.width;
  const p = spec.field.modulus;
  return Array.from({ length: w }, (_, i) => {
    let acc = 0n;
    for (let j = 0; j < w; j++) acc += M[w * i + j]! * s[j]!;
    return acc % p;
  });
}

/** The state after executing `ins` on cycle step `step mod 16` from `s`. */
export function hashStep(s: RescueState, step: number, ins: Instruction, spec: RoundHashSpec = RESCUE_F128): RescueState {
  const F = spec.field;
  const c = step % HASH_CYCLE;
  if (c >= HASH_ROUNDS) return s.map((v, i) => (spec.capacity.includes(i) ? 0n : v));
  const { k1, k2 } = spec.roundConstants(c);
  const t = matVec(spec, spec.mds, powEach(F, s, spec.alpha)).map((v, i) => F.add(v, k1[i]!));
  t[spec.inject[0]] = F.add(t[spec.inject[0]]!, BigInt(OPCODES[ins.op]));
  t[spec.inject[1]] = F.add(t[spec.inject[1]]!, ins.value);
  return matVec(spec, spec.mds, powEach(F, t, spec.invAlpha)).map((v, i) => F.add(v, k2[i]!));
}

/** The starting state: rate zero, capacity = salt (zero by default). */
export function initialState(spec: RoundHashSpec, salt?: ProgramHash): RescueState {
  const sl = salt ?? new Array<bigint>(spec.capacity.length).fill(0n);
  if (sl.length !== spec.capacity.length || !sl.every((v) => spec.field.isValid(v)))
    throw new RangeError(`program hash salt: ${spec.capacity.length} canonical elements of ${spec.field.name} expected`);
  const s = new Array<bigint>(spec.width).fill(0n);
  spec.capacity.forEach((idx, j) => (s[idx] = sl[j]!));
  return s;
}

/** Every state: element i is the state before step i; the last is the state after the program. */
export function hashStates(program: Program, salt?: ProgramHash, spec: RoundHashSpec = RESCUE_F128): RescueState[] {
  const states: RescueState[] = [initialState(spec, salt)];
  program.instructions.forEach((ins, step) => states.push(hashStep(states[step]!, step, ins, spec)));
  return states;
}

/**
 * The digest a statement carries for `program`: the thesis's per-round hash (state after the last step), or —
 * for rpo-goldilocks — the model commitment, which also binds the public values `read` takes (pass them: a
 * program that reads refuses to commit without).
 */
export function programHash(program: Program, salt?: ProgramHash, spec: VmHashSpec = RESCUE_F128, publicValues?: readonly bigint[]): ProgramHash {
  if (spec.kind === "sponge") {
    const reads = program.instructions.filter((i) => i.op === "read").length;
    if (publicValues === undefined && reads > 0) throw new RangeError(`the model commitment binds the public values: the program reads ${reads}, pass them`);
    return modelCommitment(program, publicValues ?? [], salt ?? new Array<bigint>(MODEL_SALT_LENGTH).fill(0n));
  }
  const last = hashStates(program, salt, spec).at(-1)!;
  return spec.digest.map((i) => last[i]!);
}

/**
 * A length extension of the thesis's per-round hash (why it carries no security claim, docs/vm.md): when a program
 * of `prefixLength` steps ends on a cycle boundary the capacity has just been reset, so the state there is the
 * digest alone, and hash(P ‖ Q) follows from hash(P) and Q — without P and without the salt. Only for presets
 * whose digest is the whole rate (rescue-f128); throws otherwise, or off a cycle boundary.
 */
export function extendProgramHash(digest: ProgramHash, prefixLength: number, suffix: readonly Instruction[], spec: RoundHashSpec = RESCUE_F128): ProgramHash {
  if (!Number.isSafeInteger(prefixLength) || prefixLength <= 0 || prefixLength % HASH_CYCLE !== 0)
    throw new RangeError(`a length extension starts on a cycle boundary: ${prefixLength} is not a positive multiple of ${HASH_CYCLE}`);
  const rate = [...Array(spec.width).keys()].filter((i) => !spec.capacity.includes(i));
  if (rate.length !== spec.digest.length || !rate.every((i) => spec.digest.includes(i)))
    throw new RangeError(`${spec.id}: the digest is not the whole rate, the state at a cycle boundary does not follow from it`);
  if (digest.length !== spec.digest.length) throw new RangeError(`${spec.id}: a digest has ${spec.digest.length} elements, got ${digest.length}`);
  let s: RescueState = Array.from({ length: spec.width }, (_, i) => (spec.digest.includes(i) ? digest[spec.digest.indexOf(i)]! : 0n));
  suffix.forEach((ins, k) => (s = hashStep(s, prefixLength + k, ins, spec)));
  return spec.digest.map((i) => s[i]!);
}

/** The digest's bytes: each element little-endian, fixed width (rescue-f128: the thesis's `Hash::to_bytes`). */
export function programHashBytes(h: ProgramHash, spec: VmHashSpec = RESCUE_F128): Uint8Array {
  const L = spec.field.byteLength;
  const out = new Uint8Array(h.length * L);
  h.forEach((v, i) => out.set(spec.field.toBytes(v), i * L));
  return out;
}

export function programHashHex(h: ProgramHash, spec: VmHashSpec = RESCUE_F128): string {
  return Buffer.from(programHashBytes(h, spec)).toString("hex");
}
