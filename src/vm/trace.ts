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
import { type VmLayout, type VmPublicInputs, hasPush, vmLayout, vmTraceLength } from "./air/vm-air.js";
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
  /** Rows of a batch (default 1): `inputs` holds each row's input ciphertexts in turn (vm-air.ts `vmLayout`). */
  readonly rows?: number;
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
 * The sponge preset's cells for an n-row trace (`layout`: vm-air.ts). One row: the program's values (v_i: a push's
 * immediate, a read's public value, else 0; a program has a multiple of 16 steps, so whole blocks), then the
 * trailing block [salt ‖ shape digest] at rows ℓ … ℓ + 7, then zero blocks to the end (model-commitment.ts). A
 * batch: the commitment's rows again for every hashed segment (a fresh sponge each), and after the last one the
 * sponge continues over the later rows' values (`rowValues`: the public segments' reads, then zeros).
 */
function spongeRows(run: VmRun, n: number, layout: VmLayout, rowValues: readonly bigint[]): RpoSpongeRows {
  const l = run.program.instructions.length;
  if (n < l + 8) throw new RangeError(`the sponge's trailing block needs ${l + 8} rows, the trace has ${n}`);
  const salt = run.salt ?? new Array<bigint>(MODEL_SALT_LENGTH).fill(0n);
  // the commitment's own rows (shared with programHash: computed once), then blocks continuing from its state
  const committed = commitmentRows(run.program, run.publicValues, salt);
  const k = committed.h.length;
  const runs: RpoSpongeRows[] = [];
  let row = 0;
  layout.hashed.forEach((hashed, b) => {
    if (!hashed) return;
    if (layout.starts[b] !== row) throw new RangeError(`segment ${b} starts at row ${layout.starts[b]}, the sponge's runs reach row ${row}`);
    runs.push(committed);
    row += k;
  });
  const blocks = Array.from({ length: (n - row) / SPONGE_RATE }, (_, c) => rowValues.slice(row + SPONGE_RATE * c, row + SPONGE_RATE * (c + 1)));
  runs.push(rpoSpongeRows(RPO_256, blocks, 0n, committed.h[k - 1]));
  const rows: RpoSpongeRows = { h: runs.flatMap((r) => r.h), m: runs.flatMap((r) => r.m), x: runs.flatMap((r) => r.x), y: runs.flatMap((r) => r.y) };
  // a run's last y is the cube of the next run's first state (fresh arrays: the committed rows are shared)
  const cube = (v: bigint) => GOLDILOCKS_FIELD.mul(GOLDILOCKS_FIELD.sqr(v), v);
  for (let r = k - 1; r < n - 1; r += k) if (rows.h[r + 1] !== undefined && r < row) rows.y[r] = rows.h[r + 1]!.map(cube);
  // the trace's last row: its helpers are zero (no transition constrains them; the AIR asserts it)
  rows.x[n - 1] = new Array<bigint>(12).fill(0n);
  rows.y[n - 1] = new Array<bigint>(12).fill(0n);
  return rows;
}

export function vmTrace(run: VmRun): VmTraceResult {
  const { program } = run;
  const spec = run.hash ?? RESCUE_F128;
  const F = spec.field;
  const alg = cellAlgebra(F, run.delta, run.body);
  const l = program.instructions.length;
  const opcodes = program.instructions.map((ins) => OPCODES[ins.op]);
  const rowsInBatch = run.rows ?? 1;
  if (rowsInBatch > 1 && spec.kind !== "sponge") throw new RangeError(`a batch needs the sponge preset (rpo-goldilocks), not ${spec.id}`);
  const layout = vmLayout(l, rowsInBatch, hasPush(opcodes));
  const n = run.traceLength ?? vmTraceLength(layout.used);
  if (!(Number.isSafeInteger(n) && n >= vmTraceLength(layout.used) && (n & (n - 1)) === 0)) throw new RangeError(`traceLength must be a power of two ≥ ${vmTraceLength(layout.used)}, got ${n}`);
  const bits = run.immediateBits ?? MAX_IMMEDIATE_BITS;
  if (!isImmediateBits(bits)) throw new RangeError(`immediateBits must be an even width in [2, ${MAX_IMMEDIATE_BITS}], got ${bits}`);
  if (run.inputs.length % rowsInBatch !== 0) throw new RangeError(`${run.inputs.length} input ciphertexts do not divide into ${rowsInBatch} rows`);
  const perRow = run.inputs.length / rowsInBatch;
  // every row's instruction, stack before it and sponge value (a push's immediate, a read's public value); each
  // segment runs the program on its own inputs, the stack empty at its start
  const rowIns = new Array<Instruction>(n).fill(NOOP);
  const rowCells = new Array<bigint[]>(n);
  const rowValues = new Array<bigint>(n).fill(0n);
  const outputs: bigint[][] = [];
  let after: bigint[] = [];
  layout.starts.forEach((start, b) => {
    const inputs = run.inputs.slice(b * perRow, (b + 1) * perRow);
    const r = execute(F, program, { publicValues: run.publicValues, ciphertexts: inputs }, alg, { record: true });
    let nextValue = 0;
    program.instructions.forEach((ins, i) => {
      rowIns[start + i] = ins;
      rowCells[start + i] = i === 0 ? [] : stackCells(alg, r.stacks[i - 1]!);
      rowValues[start + i] = ins.op === "push" ? ins.value : ins.op === "read" ? run.publicValues[nextValue++]! : 0n;
    });
    after = stackCells(alg, r.stacks[l - 1]!);
    for (let i = start + l; i < (layout.starts[b + 1] ?? n); i++) rowCells[i] = after;
    outputs.push(...r.outputs.map((it) => (it.kind === "scalar" ? [it.value] : [...it.value])));
  });
  const trace: bigint[][] = Array.from({ length: vmTraceWidth(spec) }, () => new Array<bigint>(n).fill(0n));
  // the thesis's hash runs step by step below; the sponge's rows are computed up front from the whole encoding
  let h: RescueState = spec.kind === "per-round" ? initialState(spec, run.salt) : [];
  const sponge = spec.kind === "sponge" ? spongeRows(run, n, layout, rowValues) : undefined;
  for (let i = 0; i < n; i++) {
    const ins = rowIns[i]!;
    const cells = rowCells[i]!;
    trace[CLK]![i] = BigInt(i);
    const code = OPCODES[ins.op];
    for (let j = 0; j < 5; j++) trace[OP_BITS + j]![i] = BigInt((code >> j) & 1);
    trace[HASH_FLAG]![i] = i < layout.programEnd ? 1n : 0n;
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
  }
  const hashRow = sponge ? l + 7 : l; // the sponge's trailing block's output; the thesis's state after the last step
  const publicInputs: VmPublicInputs = {
    hash: spec.id,
    opcodes,
    programHash: spec.digest.map((j) => trace[hashColumn(j)]![hashRow]!),
    publicValues: [...run.publicValues],
    inputs: run.inputs.map((c) => [...c]),
    outputs,
    ...(rowsInBatch > 1 ? { rows: rowsInBatch } : {}),
    delta: run.delta,
    body: [...run.body],
    traceLength: n,
    immediateBits: bits,
  };
  return { trace, publicInputs };
}
