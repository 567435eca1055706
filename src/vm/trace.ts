/**
 * The VM's execution trace (thesis §4.5; j04n-f/Encrypt-zkVM vm/src/processor: system.rs, decoder.rs,
 * chiplets.rs, stack.rs) in the layout of src/vm/air/columns.ts: the thesis's four state machines — system
 * (clk), decoder (op bits), chiplet (hash flag and Rescue state), stack (depth and 16 registers) — plus the
 * one-hot flags, then the push range check's digits. Ciphertexts are stack cells (raw components or compressed
 * lanes, `cellAlgebra`).
 *
 * Rows: n = vmTraceLength(ℓ). Row 0 is the initial state (empty stack, hash state (0, 0, salt)); row i + 1 is
 * the state after step i. After the program (rows ≥ ℓ) the VM executes noops: the stack and depth stay, the
 * Rescue sponge keeps running its rounds on opcode 0 (the hash is read at row ℓ).
 */
import type { Trace } from "../air/air.js";
import { CLK, DEPTH, FLAGS, HASH_FLAG, OP_BITS, SPONGE_RATE, STACK, digitColumn, hashColumn, spongeColumn, vmTraceWidth } from "./air/columns.js";
import { type RpoSpongeRows, rpoSpongeRows } from "../air/examples/rpo-sponge-air.js";
import { RPO_256 } from "../hash/rpo/sponge.js";
import { MODEL_SALT_LENGTH, commitmentRows } from "./model-commitment.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { type VmPublicInputs, vmTraceLength } from "./air/vm-air.js";
import { RESCUE_F128, type VmHashSpec } from "./hash-spec.js";
import type { Program } from "./assembler.js";
import { cellAlgebra, execute, stackCells } from "./executor.js";
import { IMMEDIATE_DIGITS, MAX_IMMEDIATE_BITS, type Instruction, OPCODES, OP_NAMES, STACK_DEPTH, immediateInteger, immediateRange, isImmediateBits } from "./isa.js";
import { VmExecutionError } from "./errors.js";
import { type ProgramHash, type RescueState, hashStep, initialState } from "./program-hash.js";

const NOOP: Instruction = { op: "noop", value: 0n };

export interface VmRun {
  /** The program (with its immediates: the prover's private knowledge). */
  readonly program: Program;
  readonly publicValues: readonly bigint[];
  /** Input ciphertexts as w cells each. */
  readonly inputs: readonly (readonly bigint[])[];
  readonly delta: bigint;
  /** Body direction e (w cells). */
  readonly body: readonly bigint[];
  /** Program-hash salt: one element per capacity cell (default zero: with rescue-f128 the thesis's hash). */
  readonly salt?: ProgramHash;
  /** The program-hash preset (default rescue-f128); it fixes the field. */
  readonly hash?: VmHashSpec;
  /** Trace rows (default vmTraceLength(ℓ)). */
  readonly traceLength?: number;
  /** The statement's immediate width (default 16; see isa.ts). */
  readonly immediateBits?: number;
}

export interface VmTraceResult {
  readonly trace: Trace;
  /** The statement this trace proves (the output cells and the program hash computed by the run). */
  readonly publicInputs: VmPublicInputs;
}

/** The base-4 digits of a push immediate + 2^(b−1) (the AIR's range check), least significant first. */
function rangeDigits(p: bigint, value: bigint, bits: number, step: number): bigint[] {
  const v = immediateInteger(value, p, bits);
  const { min, max } = immediateRange(bits);
  if (v === undefined) throw new VmExecutionError(`push immediate ${value} is outside the statement's ${bits}-bit range ${min} … ${max} (negative as p − |v|)`, step, undefined);
  let u = v - min;
  return Array.from({ length: IMMEDIATE_DIGITS }, () => {
    const d = u % 4n;
    u /= 4n;
    return d;
  });
}

/**
 * The sponge preset's cells for an n-row trace: one 8-row cycle per block — the program's values (v_i: a push's
 * immediate, a read's public value, else 0; a program has a multiple of 16 steps, so whole blocks), then the
 * trailing block [salt ‖ shape digest] at rows ℓ … ℓ + 7, then zero blocks to the end (model-commitment.ts).
 */
function spongeRows(run: VmRun, n: number): RpoSpongeRows {
  const l = run.program.instructions.length;
  if (n < l + 8) throw new RangeError(`the sponge's trailing block needs ${l + 8} rows, the trace has ${n}`);
  const salt = run.salt ?? new Array<bigint>(MODEL_SALT_LENGTH).fill(0n);
  // the commitment's own rows (shared with programHash: computed once), then zero blocks continuing from its state
  const committed = commitmentRows(run.program, run.publicValues, salt);
  const k = committed.h.length;
  const zero = new Array<bigint>(SPONGE_RATE).fill(0n);
  const filler = rpoSpongeRows(RPO_256, Array.from({ length: (n - k) / SPONGE_RATE }, () => zero), 0n, committed.h[k - 1]);
  const rows: RpoSpongeRows = {
    h: [...committed.h, ...filler.h],
    m: [...committed.m, ...filler.m],
    x: [...committed.x, ...filler.x],
    // the committed run's last y is the cube of the filler's first state (a fresh array: the committed rows are shared)
    y: [...committed.y.slice(0, k - 1), n > k ? filler.h[0]!.map((v) => GOLDILOCKS_FIELD.mul(GOLDILOCKS_FIELD.sqr(v), v)) : committed.y[k - 1]!, ...filler.y],
  };
  // the trace's last row: its helpers are zero (no transition constrains them; the AIR asserts it)
  rows.x[n - 1] = new Array<bigint>(12).fill(0n);
  return rows;
}

export function vmTrace(run: VmRun): VmTraceResult {
  const { program } = run;
  const spec = run.hash ?? RESCUE_F128;
  const F = spec.field;
  const alg = cellAlgebra(F, run.delta, run.body);
  const { output, stacks } = execute(F, program, { publicValues: run.publicValues, ciphertexts: run.inputs }, alg, { record: true });
  const l = program.instructions.length;
  const n = run.traceLength ?? vmTraceLength(l);
  if (!(Number.isSafeInteger(n) && n >= vmTraceLength(l) && (n & (n - 1)) === 0)) throw new RangeError(`traceLength must be a power of two ≥ ${vmTraceLength(l)}, got ${n}`);
  const bits = run.immediateBits ?? MAX_IMMEDIATE_BITS;
  if (!isImmediateBits(bits)) throw new RangeError(`immediateBits must be an even width in [2, ${MAX_IMMEDIATE_BITS}], got ${bits}`);
  const trace: bigint[][] = Array.from({ length: vmTraceWidth(spec) }, () => new Array<bigint>(n).fill(0n));
  // the thesis's hash runs step by step below; the sponge's rows are computed up front from the whole encoding
  let h: RescueState = spec.kind === "per-round" ? initialState(spec, run.salt) : [];
  const sponge = spec.kind === "sponge" ? spongeRows(run, n) : undefined;
  let cells: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const ins = program.instructions[i] ?? NOOP;
    trace[CLK]![i] = BigInt(i);
    const code = OPCODES[ins.op];
    for (let j = 0; j < 5; j++) trace[OP_BITS + j]![i] = BigInt((code >> j) & 1);
    trace[HASH_FLAG]![i] = i < l ? 1n : 0n;
    if (sponge) {
      for (let j = 0; j < spec.width; j++) {
        trace[hashColumn(j)]![i] = sponge.h[i]![j]!;
        trace[spongeColumn("x", j)]![i] = sponge.x[i]![j]!;
        trace[spongeColumn("y", j)]![i] = sponge.y[i]![j]!;
      }
      for (let j = 0; j < SPONGE_RATE; j++) trace[spongeColumn("m", j)]![i] = sponge.m[i]![j]!;
    } else for (let j = 0; j < spec.width; j++) trace[hashColumn(j)]![i] = h[j]!;
    trace[DEPTH]![i] = BigInt(cells.length);
    for (let k = 0; k < STACK_DEPTH; k++) trace[STACK + k]![i] = cells[k] ?? 0n;
    trace[FLAGS + OP_NAMES.indexOf(ins.op)]![i] = 1n;
    if (ins.op === "push") rangeDigits(F.modulus, ins.value, bits, i).forEach((d, j) => (trace[digitColumn(j, spec)]![i] = d));
    if (spec.kind === "per-round") h = hashStep(h, i, ins, spec);
    if (i < l) cells = stackCells(alg, stacks[i]!);
  }
  const hashRow = sponge ? l + 7 : l; // the sponge's trailing block's output; the thesis's state after the last step
  const publicInputs: VmPublicInputs = {
    hash: spec.id,
    opcodes: program.instructions.map((ins) => OPCODES[ins.op]),
    programHash: spec.digest.map((j) => trace[hashColumn(j)]![hashRow]!),
    publicValues: [...run.publicValues],
    inputs: run.inputs.map((c) => [...c]),
    output: [...output],
    delta: run.delta,
    body: [...run.body],
    traceLength: n,
    immediateBits: bits,
  };
  return { trace, publicInputs };
}
