/**
 * The program hash (thesis §4.2; j04n-f/Encrypt-zkVM crypto/src/rescue.rs `Rescue128`): a Rescue sponge over
 * f128 with the constants of Winterfell's example Rescue (src/air/examples/rescue-hash.ts), one step per
 * instruction. On cycle steps 0 … 13 a step is one Rescue round with the instruction injected between its
 * halves:
 *
 *   s ← M·s³ + k₁;   s0 += opcode;  s1 += immediate;   s ← M·s^(1/3) + k₂     (k = ARK row step mod 16)
 *
 * and on steps 14, 15 the capacity (s2, s3) is reset to zero. The hash is (s0, s1) after the last step.
 *
 * Starting state: (0, 0, salt0, salt1). With the salt (0, 0) — the default — this is the thesis's hash. A
 * random salt hides private immediates (weights) that are otherwise recoverable from the hash by trying all
 * values (u8 weights: 256^k tries); the salt is mixed into (s0, s1) by the first cycle and then reset.
 */
import { RESCUE_PARAMS } from "../air/examples/rescue-hash.js";
import { F128_FIELD } from "../math/prime-fields.js";
import type { Program } from "./assembler.js";
import { HASH_CYCLE, HASH_ROUNDS, type Instruction, OPCODES } from "./isa.js";

const F = F128_FIELD;
export type RescueState = readonly [bigint, bigint, bigint, bigint];
export type ProgramHash = readonly [bigint, bigint];

function mds(s: readonly bigint[]): bigint[] {
  const M = RESCUE_PARAMS.mds;
  return [0, 1, 2, 3].map((i) => {
    let acc = 0n;
    for (let j = 0; j < 4; j++) acc += M[4 * i + j]! * s[j]!;
    return acc % F.modulus;
  });
}

/** The state after executing `ins` on cycle step `step mod 16` from `s`. */
export function hashStep(s: RescueState, step: number, ins: Instruction): RescueState {
  const c = step % HASH_CYCLE;
  if (c >= HASH_ROUNDS) return [s[0], s[1], 0n, 0n];
  const k = RESCUE_PARAMS.ark[c]!;
  const t = mds(s.map((v) => F.pow(v, 3n))).map((v, i) => F.add(v, k[i]!));
  t[0] = F.add(t[0]!, BigInt(OPCODES[ins.op]));
  t[1] = F.add(t[1]!, ins.value);
  const u = mds(t.map((v) => F.pow(v, RESCUE_PARAMS.invAlpha))).map((v, i) => F.add(v, k[4 + i]!));
  return [u[0]!, u[1]!, u[2]!, u[3]!];
}

/** Every state: element i is the state before step i; the last is the state after the program. */
export function hashStates(program: Program, salt: ProgramHash = [0n, 0n]): RescueState[] {
  if (!salt.every((v) => F.isValid(v))) throw new RangeError("program hash salt: two canonical f128 elements expected");
  const states: RescueState[] = [[0n, 0n, salt[0], salt[1]]];
  program.instructions.forEach((ins, step) => states.push(hashStep(states[step]!, step, ins)));
  return states;
}

export function programHash(program: Program, salt: ProgramHash = [0n, 0n]): ProgramHash {
  const last = hashStates(program, salt).at(-1)!;
  return [last[0], last[1]];
}

/** 32 bytes: s0 then s1, 16 little-endian bytes each (the thesis's `Hash::to_bytes`). */
export function programHashBytes(h: ProgramHash): Uint8Array {
  const out = new Uint8Array(32);
  out.set(F.toBytes(h[0]), 0);
  out.set(F.toBytes(h[1]), 16);
  return out;
}

export function programHashHex(h: ProgramHash): string {
  return Buffer.from(programHashBytes(h)).toString("hex");
}
