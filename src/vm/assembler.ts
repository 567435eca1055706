/**
 * Assembler and disassembler for the thesis's program format (j04n-f/Encrypt-zkVM vm/src/program/mod.rs,
 * parsers.rs): one operation per line, lowercase, `push.N`, `#` starts a comment. Layout rules, as the thesis
 * applies them while assembling:
 *
 *   - push is aligned to a multiple of 8 steps with noops;
 *   - no operation lands on steps 14 and 15 of a 16-step hash cycle (noops are inserted to the next cycle);
 *   - the program is padded with noops to a multiple of 16 steps (at least one noop is always appended, as
 *     the thesis's `compute_padding` does: a program of exactly 16 steps becomes 32).
 *
 * Immediates are u8 in the thesis; `immediates: "i16"` accepts signed 16-bit integers (negative values are
 * taken mod p: p − |v|), which the model compiler uses for private signed weights. Nothing wider: the AIR
 * range-checks every immediate to −2^15 … 2^15 − 1 (isa.ts), so a noise bound follows from the public shape.
 */
import { HASH_CYCLE, HASH_ROUNDS, MAX_IMMEDIATE_BITS, type Instruction, OP_NAMES, type OpName, PUSH_ALIGNMENT, immediateRange } from "./isa.js";
import { VmProgramError } from "./errors.js";

export interface Program {
  /** The padded instruction sequence the VM executes and the program hash absorbs. */
  readonly instructions: readonly Instruction[];
  /** Source line (1-based) of each instruction; undefined for inserted noops. */
  readonly lines: readonly (number | undefined)[];
}

export interface AssembleOptions {
  /** "u8" (the thesis: 0 … 255, default) or "i16": −32768 … 32767, negative values as p − |v|. */
  readonly immediates?: "u8" | "i16";
  /** The field modulus, required with immediates "i16". */
  readonly modulus?: bigint;
}

const NOOP: Instruction = Object.freeze({ op: "noop", value: 0n });

function parseImmediate(text: string, line: number, o: AssembleOptions): bigint {
  if (!/^-?[0-9]+$/.test(text)) throw new VmProgramError(`malformed instruction push, parameter '${text}' is not an integer`, line);
  const v = BigInt(text);
  if ((o.immediates ?? "u8") === "u8") {
    if (v < 0n || v > 255n) throw new VmProgramError(`push immediate ${text} is out of range: expected 0 … 255 (u8, as the thesis)`, line);
    return v;
  }
  const p = o.modulus;
  if (p === undefined) throw new VmProgramError("signed immediates need the field modulus", line);
  const { min, max } = immediateRange(MAX_IMMEDIATE_BITS);
  if (v < min || v > max)
    throw new VmProgramError(`push immediate ${text} is out of range: expected a signed 16-bit integer, ${min} … ${max} (the AIR range-checks immediates; build larger constants from several)`, line);
  return ((v % p) + p) % p;
}

function parseLine(token: string, line: number, o: AssembleOptions): Instruction {
  const parts = token.split(".");
  const name = parts[0]!;
  if (!(OP_NAMES as readonly string[]).includes(name) || name === "noop")
    throw new VmProgramError(`instruction ${token} is invalid (expected one of ${OP_NAMES.filter((n) => n !== "noop").join(", ")})`, line);
  if (name === "push") {
    if (parts.length === 1) throw new VmProgramError("malformed instruction push, parameter is missing", line);
    if (parts.length > 2) throw new VmProgramError("malformed instruction push, too many parameters provided", line);
    return { op: "push", value: parseImmediate(parts[1]!, line, o) };
  }
  if (parts.length > 1) throw new VmProgramError(`malformed instruction ${name}, too many parameters provided`, line);
  return { op: name as OpName, value: 0n };
}

/** Steps up to the next multiple of `m` (0 when already aligned). */
const padTo = (length: number, m: number) => (m - (length % m)) % m;

export function assemble(source: string, options: AssembleOptions = {}): Program {
  if (typeof source !== "string") throw new VmProgramError("the program source must be text", 0);
  const instructions: Instruction[] = [];
  const lines: (number | undefined)[] = [];
  const pad = (count: number) => {
    for (let i = 0; i < count; i++) {
      instructions.push(NOOP);
      lines.push(undefined);
    }
  };
  source.split(/\r?\n/).forEach((raw, i) => {
    const code = raw.split("#")[0]!.trim();
    if (code === "") return;
    const ins = parseLine(code, i + 1, options);
    if (ins.op === "push") pad(padTo(instructions.length, PUSH_ALIGNMENT));
    if (instructions.length % HASH_CYCLE >= HASH_ROUNDS) pad(HASH_CYCLE - (instructions.length % HASH_CYCLE));
    instructions.push(ins);
    lines.push(i + 1);
  });
  if (instructions.length === 0) throw new VmProgramError("a program must contain at least one instruction", 0);
  pad(HASH_CYCLE - (instructions.length % HASH_CYCLE)); // the thesis always appends (1 … 16 noops)
  return Object.freeze({ instructions: Object.freeze(instructions), lines: Object.freeze(lines) });
}

/** The thesis's Display format: "push(1) noop … add read mul noop". */
export function formatProgram(p: Program): string {
  return p.instructions.map((i) => (i.op === "push" ? `push(${i.value})` : i.op)).join(" ");
}

/**
 * Source text that assembles back to the same program: the operations without the inserted noops (they are
 * re-inserted by `assemble`), one per line, with the step of each as a comment.
 */
export function disassemble(p: Program, options: { readonly modulus?: bigint } = {}): string {
  const out: string[] = [];
  p.instructions.forEach((ins, step) => {
    if (ins.op === "noop") return;
    let text: string = ins.op;
    if (ins.op === "push") {
      const m = options.modulus;
      text = `push.${m !== undefined && ins.value > m / 2n ? `-${m - ins.value}` : ins.value}`;
    }
    out.push(`${text.padEnd(24)}# step ${step}`);
  });
  return `${out.join("\n")}\n`;
}

/** Validates a program object built elsewhere (e.g. parsed from JSON): the layout rules above. */
export function checkProgram(p: Program): void {
  const n = p.instructions.length;
  if (n === 0 || n % HASH_CYCLE !== 0) throw new VmProgramError(`a program has a positive multiple of ${HASH_CYCLE} steps, this one ${n}`, 0);
  p.instructions.forEach((ins, step) => {
    if (!(OP_NAMES as readonly string[]).includes(ins.op)) throw new VmProgramError(`step ${step}: unknown operation ${String(ins.op)}`, p.lines[step] ?? 0);
    if (step % HASH_CYCLE >= HASH_ROUNDS && ins.op !== "noop")
      throw new VmProgramError(`step ${step}: ${ins.op} on cycle step ${step % HASH_CYCLE} (steps 14 and 15 of each 16 must be noop)`, p.lines[step] ?? 0);
    if (ins.op === "push" && step % PUSH_ALIGNMENT !== 0) throw new VmProgramError(`step ${step}: push must be aligned to ${PUSH_ALIGNMENT} steps`, p.lines[step] ?? 0);
    if (ins.op !== "push" && ins.value !== 0n) throw new VmProgramError(`step ${step}: ${ins.op} carries an immediate`, p.lines[step] ?? 0);
  });
}
