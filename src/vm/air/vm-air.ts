/**
 * The Encrypt zkVM's AIR (thesis §4.5; the thesis's constraints: j04n-f/Encrypt-zkVM air/src/lib.rs,
 * constrains.rs), rebuilt so that every gap the issue lists is closed. Columns: columns.ts. Statement: the
 * program's operations (its shape, public), the program hash (which also binds the push immediates — the
 * private weights), the public values `read` takes, the input ciphertexts `read2` takes and the output
 * ciphertext, each as w stack cells (raw n + 1 components at the thesis preset, compressed lanes otherwise —
 * src/vm/compress.ts), Δ and the body direction e. The LWE secret key is not part of it.
 *
 * Transition constraints (row → next row, all rows but the last; f_op the one-hot flags, b the op bits,
 * opcode = Σ 2^j·b_j, P_op the public schedule of opcodes, rf the round flag and k₁, k₂ the round constants):
 *
 *   clk        clk' − clk − 1                                         | 1
 *   bit_j      b_j² − b_j                      (thesis: missing)       | 2
 *   hash_flag  hf² − hf,  (1 − hf)·hf'         (thesis: missing)       | 2
 *   flag_op    f_op² − f_op                                           | 2
 *   one-hot    Σ f_op − 1                                             | 1
 *   decode     opcode − Σ code_op·f_op                                | 1
 *   schedule   opcode − P_op                   (the shape; noop after the program and on cycle steps 14, 15)
 *                                                                      | 1
 *   depth      depth' − depth − Σ f_op·Δdepth_op                      | 1
 *   s_k        s_k' − Σ f_op·E_op,k   for every register k = 0 … 15 — one constraint per cell, so errors
 *              cannot cancel (thesis: one sum over five cells) and cells below the top are constrained on
 *              every shift (thesis: unconstrained)                   | ≤ 3
 *   h_i        rf·((M⁻¹·(h' − k₂))_i³ − (M·h³)_i − k₁_i − inj_i) + (1 − rf)·copy_i,
 *              inj = (opcode, f_push·s0', 0, 0), copy = (h0' − h0, h1' − h1, h2', h3')    | 4
 *   d_j        d_j·(d_j − 1)·(d_j − 2)·(d_j − 3)          (push range check, j = 0 … 7)    | 4
 *   immediate  f_push·(s0' − Σ_{j<b/2} 4^j·d_j + 2^(b−1))   (a push loads −2^(b−1) … 2^(b−1) − 1,
 *                                                         b the statement's immediate width) | 2
 *   no digits  (1 − f_push)·Σ_{j<b/2} 4^j·d_j + Σ_{j≥b/2} 4^j·d_j
 *              (both sums < 4^8 < p and ≥ 0: every high digit is 0, every low one off a push) | 2
 *
 * E_op,k is the register's next value under each operation (push/read/read2 leave the cells they load free
 * here: a push immediate is bound by the hash, read and read2 values by assertions).
 *
 * The hash rounds have degree α + 1: 4 for the thesis's rescue-f128 preset, 8 for rp64-goldilocks (hash-spec.ts,
 * whose 12-cell state adds columns after the flags).
 *
 * Assertions: clk = 0, depth = 0, s = 0, the hash rate = 0 and hf = 1 at row 0 (the capacity at row 0 holds the
 * hash salt: free by design); hf = 1 at the program's last step ℓ − 1 and 0 at ℓ; at row ℓ the program hash,
 * depth = w and the output cells s0 … s(w−1); after each read/read2 at step t the loaded cells at row t + 1
 * equal the next public value / input ciphertext (thesis: unbound); at the last row the op bits and flags of a
 * noop (no transition constrains them there), and the range digits 0 there.
 */
import type { Field } from "../../math/field.js";
import { RESCUE_F128, VM_HASHES, type VmHashId, type VmHashSpec } from "../hash-spec.js";
import { IMMEDIATE_DIGITS, MAX_IMMEDIATE_BITS, OPCODES, OP_NAMES, type OpName, STACK_DEPTH, HASH_CYCLE, HASH_ROUNDS, depthChange, immediateRange, isImmediateBits, opByCode } from "../isa.js";
import { type ItemKind, describeKinds, typeShape } from "../shape-types.js";
import type { Air, Assertion, EvaluationFrame } from "../../air/air.js";
import { AirDefinitionError } from "../../air/errors.js";
import { encodePublicInputs } from "../../air/public-inputs.js";
import { CLK, DEPTH, FLAGS, HASH_FLAG, OP_BITS, SPONGE_RATE, STACK, digitColumn, flagColumn, hashColumn, spongeColumn, vmColumnNames, vmTraceWidth } from "./columns.js";
import { RPO_SPONGE_CONSTRAINTS, RPO_SPONGE_DEGREES, evaluateRpoSponge, rpoSpongePeriodicColumns } from "../../air/examples/rpo-sponge-air.js";
import { shapeDigest } from "../model-commitment.js";

export interface VmPublicInputs {
  /** The program-hash preset (hash-spec.ts), which also fixes the field; default "rescue-f128" (the thesis's). */
  readonly hash?: VmHashId;
  /** The program's opcodes, step by step (a multiple of 16 steps): its shape, without the immediates. */
  readonly opcodes: readonly number[];
  /** The program hash's digest cells (2 for rescue-f128, 4 for rp64-goldilocks). */
  readonly programHash: readonly bigint[];
  /** Values `read` pushes, in order. */
  readonly publicValues: readonly bigint[];
  /** Ciphertexts `read2` pushes, in order, w cells each. */
  readonly inputs: readonly (readonly bigint[])[];
  /**
   * The outputs, in the order the shape's final stack gives them (bottom first: `outputKinds`), a ciphertext as w
   * cells and a scalar as one — for a batch, row after row.
   */
  readonly outputs: readonly (readonly bigint[])[];
  /**
   * Rows of a batch (default 1): the program runs once per row on that row's input ciphertexts, in segments of
   * one trace (`vmLayout`), and leaves its outputs each time. Batches need the sponge preset.
   */
  readonly rows?: number;
  /** Δ of the LWE parameters (sadd adds Δ·k·e). */
  readonly delta: bigint;
  /** The body direction e (w cells): (0, …, 0, 1) for raw ciphertexts, (r_l^n)_l for compressed ones. */
  readonly body: readonly bigint[];
  /** Trace rows (a power of two > ℓ); default vmTraceLength(ℓ). Longer traces leave room for zero knowledge. */
  readonly traceLength?: number;
  /** The declared immediate width b (even, 2 … 16; default 16): every push loads −2^(b−1) … 2^(b−1) − 1. */
  readonly immediateBits?: number;
}

const ONE_HOT_NAMES = OP_NAMES.map((n) => `flag ${n} binary`);

/** Constraint names for a preset (default the thesis's rescue-f128: 4 hash cells). */
export function vmConstraintNames(hash: Pick<VmHashSpec, "kind" | "width"> = RESCUE_F128): readonly string[] {
  const hashWidth = hash.width;
  return Object.freeze([
  "clk' = clk + 1",
  ...Array.from({ length: 5 }, (_, j) => `b${j} binary`),
  "hash_flag binary",
  "hash_flag never returns to 1",
  ...ONE_HOT_NAMES,
  "exactly one flag",
  "op bits encode the flagged opcode",
  "opcode follows the program's schedule",
  "depth' = depth + shift",
  ...Array.from({ length: STACK_DEPTH }, (_, k) => `s${k}' follows the operation`),
  ...(hash.kind === "sponge"
    ? [...RPO_SPONGE_CONSTRAINTS, "gate·(m_(row mod 8) − (f_push + f_read)·s0') = 0: the block holds each push's immediate and read's value"]
    : Array.from({ length: hashWidth }, (_, i) => `h${i}' is the Rescue step`)),
  ...Array.from({ length: IMMEDIATE_DIGITS }, (_, i) => `d${i} is a base-4 digit`),
  "a push immediate is its low digits − 2^(b−1)",
  "digits are 0 above the range and off a push",
  ]);
}
export const VM_CONSTRAINT_NAMES = vmConstraintNames();
/**
 * Declared degrees for ciphertext width w: registers below w carry smul's s0·s(k+1) (degree 3), the rest 2; the
 * thesis's hash rounds α + 1 (the S-box times the periodic round flag); the sponge's at most 4 (S-box split by
 * helper columns) and its link to the program 3.
 */
export function vmConstraintDegrees(w: number, hash: VmHashSpec = RESCUE_F128, batch: { readonly hashEach: boolean } | undefined = undefined): readonly number[] {
  // a batch multiplies the stack and depth transitions by the periodic 1 − reset (one degree more), and with a
  // commitment per segment the sponge's capacity carry too
  const extra = batch ? 1 : 0;
  const spongeDegrees = batch?.hashEach ? RPO_SPONGE_DEGREES.map((d, i) => (i >= 44 && i < 48 ? d + 1 : d)) : RPO_SPONGE_DEGREES;
  return Object.freeze([
    1,
    ...new Array(5).fill(2),
    2,
    2,
    ...new Array(OP_NAMES.length).fill(2),
    1,
    1,
    1,
    1 + extra,
    ...Array.from({ length: STACK_DEPTH }, (_, k) => (k < w ? 3 : 2) + extra),
    ...(hash.kind === "sponge" ? [...spongeDegrees, 3] : new Array(hash.width).fill(Number(hash.alpha) + 1)),
    ...new Array(IMMEDIATE_DIGITS).fill(4),
    2,
    2,
  ]);
}

/** Rows of the trace for a program of `steps` steps: the next power of two above it (≥ 32). */
export function vmTraceLength(steps: number): number {
  let n = 32;
  while (n < steps + 1) n *= 2;
  return n;
}

/** Most rows one batch statement may have. */
export const MAX_BATCH_ROWS = 1 << 16;

/**
 * Where a program's runs lie in the trace (issue 15, item 3). One row (the thesis's statement): the program at
 * steps 0 … ℓ − 1, its outputs on the stack at row ℓ; the sponge preset's trailing block (salt and shape digest,
 * the model commitment) at rows ℓ … ℓ + 7.
 *
 * A batch of B rows runs the same program B times, segment b from row start_b, each on its own f input
 * ciphertexts; its outputs are asserted on the stack at row start_b + ℓ − 1 (a batched program ends with a noop,
 * as every assembled one does), and the transition out of the segment's last row empties the stack (the `reset`
 * periodic column). The model commitment binds every segment: a program with private immediates (push) has each
 * segment followed by its own trailing block, the sponge restarted from a zero capacity at every segment, and the
 * digest asserted equal to the program hash after each — so every run used the committed immediates. A program
 * without push is public apart from its salt: segment 0 proves the commitment, and the later segments are fixed by
 * the public schedule and the asserted public values, so they follow one another without trailing blocks.
 */
export interface VmLayout {
  readonly rows: number;
  /** ℓ: the program's steps. */
  readonly steps: number;
  /** First row of each segment. */
  readonly starts: readonly number[];
  /** Whether segment b is followed by a trailing block (the commitment proved for it). */
  readonly hashed: readonly boolean[];
  /** Row of segment b's outputs on the stack. */
  readonly outputRows: readonly number[];
  /** Rows whose transition empties the stack (the last row of every segment but the last). */
  readonly resets: readonly number[];
  /** One past the last segment's program steps (the hash flag's end). */
  readonly programEnd: number;
  /** Rows the layout uses: the trace has a power of two above it. */
  readonly used: number;
}

export function vmLayout(steps: number, rows: number, hashEach: boolean): VmLayout {
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > MAX_BATCH_ROWS) throw new AirDefinitionError("EncryptVM", "rows", `a statement has 1 to ${MAX_BATCH_ROWS} rows, got ${String(rows)}`);
  if (rows === 1) return { rows, steps, starts: [0], hashed: [true], outputRows: [steps], resets: [], programEnd: steps, used: steps };
  const starts: number[] = [];
  const hashed: boolean[] = [];
  let at = 0;
  for (let b = 0; b < rows; b++) {
    starts.push(at);
    hashed.push(b === 0 || hashEach);
    at += steps + (hashed[b] ? 8 : 0);
  }
  const resets = starts.slice(1).map((s) => s - 1);
  return { rows, steps, starts, hashed, outputRows: starts.map((s) => s + steps - 1), resets, programEnd: starts[rows - 1]! + steps, used: at };
}

/** Whether a shape has private immediates (push): a batch then proves the commitment for every segment. */
export function hasPush(opcodes: readonly number[]): boolean {
  return opcodes.includes(OPCODES.push);
}

function check(cond: boolean, field: string, message: string): void {
  if (!cond) throw new AirDefinitionError("EncryptVM", field, message);
}

/** Validates the statement: shape, counts against the shape and rows, canonical cells. Returns the read schedule. */
function readSchedule(pub: VmPublicInputs, spec: VmHashSpec): { step: number; op: "read" | "read2" }[] {
  const F = spec.field;
  const w = pub.body.length;
  check(Number.isInteger(w) && w >= 1 && w <= STACK_DEPTH - 1, "body", `the ciphertext width w must be in [1, ${STACK_DEPTH - 1}], got ${w}`);
  const l = pub.opcodes.length;
  check(l > 0 && l % HASH_CYCLE === 0, "opcodes", `a program has a positive multiple of ${HASH_CYCLE} steps, got ${l}`);
  const rows = pub.rows ?? 1;
  check(Number.isSafeInteger(rows) && rows >= 1 && rows <= MAX_BATCH_ROWS, "rows", `a statement has 1 to ${MAX_BATCH_ROWS} rows, got ${String(rows)}`);
  check(rows === 1 || spec.kind === "sponge", "rows", `a batch needs the model commitment's sponge (rpo-goldilocks); the "${spec.id}" preset proves one row per statement`);
  const reads: { step: number; op: "read" | "read2" }[] = [];
  pub.opcodes.forEach((code, step) => {
    const op = opByCode(code);
    check(op !== undefined, "opcodes", `step ${step}: ${code} is not an opcode`);
    check(step % HASH_CYCLE < HASH_ROUNDS || op === "noop", "opcodes", `step ${step}: ${op} on cycle step ${step % HASH_CYCLE} (must be noop)`);
    if (op === "read" || op === "read2") reads.push({ step, op });
  });
  check(rows === 1 || opByCode(pub.opcodes[l - 1]!) === "noop", "opcodes", "a batched program ends with a noop (its outputs are read on the stack before it)");
  // the executor's type rules on the public shape: a shape it would refuse (`read read`, a scalar taken from a
  // ciphertext's cells) is refused here too, with the step and the reason
  const typed = typeShape(pub.opcodes, w);
  check("outputs" in typed, "opcodes", "outputs" in typed ? "" : `the shape is ill-typed at step ${typed.step}: ${typed.reason}`);
  const kinds = (typed as { outputs: readonly ItemKind[] }).outputs;
  const nValues = reads.filter((r) => r.op === "read").length;
  const nInputs = reads.length - nValues;
  check(pub.publicValues.length === nValues, "publicValues", `the program reads ${nValues} public values, ${pub.publicValues.length} given`);
  check(pub.inputs.length === nInputs * rows, "inputs", `the program reads ${nInputs} input ciphertexts${rows > 1 ? ` per row, ${nInputs * rows} for ${rows} rows` : ""}, ${pub.inputs.length} given`);
  check(pub.outputs.length === kinds.length * rows, "outputs", `the program leaves ${describeKinds(kinds)}${rows > 1 ? ` per row, ${kinds.length * rows} outputs for ${rows} rows` : ""}, ${pub.outputs.length} given`);
  const cells = (what: string, xs: readonly bigint[], len: number) => {
    check(xs.length === len, what, `${xs.length} cells, expected ${len}`);
    xs.forEach((x, i) => check(F.isValid(x), what, `cell ${i} (${String(x)}) is not a canonical element of ${F.name}`));
  };
  pub.inputs.forEach((ct, i) => cells(`inputs[${i}]`, ct, w));
  pub.outputs.forEach((o, i) => cells(`outputs[${i}]`, o, kinds[i % kinds.length] === "scalar" ? 1 : w));
  cells("publicValues", pub.publicValues, nValues);
  cells("programHash", pub.programHash, spec.digest.length);
  cells("body", pub.body, w);
  check(F.isValid(pub.delta), "delta", "Δ must be a canonical element");
  return reads;
}

/** Rows a statement's runs use (its trace has the next power of two above): ℓ for one row, more for a batch. */
export function vmStepsUsed(opcodes: readonly number[], rows = 1): number {
  return vmLayout(opcodes.length, rows, hasPush(opcodes)).used;
}

export function vmAir(pub: VmPublicInputs): Air {
  const spec = VM_HASHES[pub.hash ?? "rescue-f128"];
  check(spec !== undefined, "hash", `unknown program-hash preset "${String(pub.hash)}" (expected ${Object.keys(VM_HASHES).join(" or ")})`);
  const F = spec.field;
  const H = spec.width;
  const reads = readSchedule(pub, spec);
  const w = pub.body.length;
  const l = pub.opcodes.length;
  const rows = pub.rows ?? 1;
  const batch = rows > 1;
  const hashEach = hasPush(pub.opcodes);
  const layout = vmLayout(l, rows, hashEach);
  const minRows = vmTraceLength(layout.used);
  const n = pub.traceLength ?? minRows;
  check(Number.isSafeInteger(n) && n >= minRows && (n & (n - 1)) === 0, "traceLength", `must be a power of two ≥ ${minRows}, got ${n}`);
  check(pub.immediateBits === undefined || isImmediateBits(pub.immediateBits), "immediateBits", `must be an even width in [2, ${MAX_IMMEDIATE_BITS}], got ${String(pub.immediateBits)}`);
  const a = (column: number, step: number, value: bigint): Assertion => ({ column, step, value });
  const sponge = spec.kind === "sponge";
  // the thesis's hash: the rate starts at zero, the capacity holds the salt (free by design), the digest at row ℓ.
  // The sponge: the capacity starts at zero (ℓ + 8 elements, whole blocks: no padding domain), the trailing block
  // (rows ℓ … ℓ + 7) holds the salt (free) and the shape digest, the digest is the state at row ℓ + 7, and the
  // S-box helpers of the last row (constrained by no transition) are zero. A batch: the same per hashed segment.
  check(!sponge || n >= l + 8, "traceLength", `the sponge's trailing block needs ${l + 8} rows, got ${n}`);
  const assertions: Assertion[] = [a(CLK, 0, 0n), a(DEPTH, 0, 0n), ...(sponge ? spec.capacity : spec.rate).map((i) => a(hashColumn(i), 0, 0n)), a(HASH_FLAG, 0, 1n)];
  for (let k = 0; k < STACK_DEPTH; k++) assertions.push(a(STACK + k, 0, 0n));
  assertions.push(a(HASH_FLAG, layout.programEnd - 1, 1n), a(HASH_FLAG, layout.programEnd, 0n));
  const shape = sponge ? shapeDigest(pub.opcodes) : [];
  layout.starts.forEach((start, b) => {
    if (!layout.hashed[b]) return;
    const digestRow = start + (sponge ? l + 7 : l);
    assertions.push(...spec.digest.map((i, j) => a(hashColumn(i), digestRow, pub.programHash[j]!)));
    shape.forEach((v, j) => assertions.push(a(spongeColumn("m", 4 + j), start + l, v)));
  });
  if (sponge) for (let i = 0; i < H; i++) assertions.push(a(spongeColumn("x", i), n - 1, 0n), a(spongeColumn("y", i), n - 1, 0n));
  // the outputs: each row's final stack, top first (the outputs are listed bottom first), and its depth
  const perRow = pub.outputs.length / rows;
  layout.outputRows.forEach((at, b) => {
    const cells = pub.outputs.slice(b * perRow, (b + 1) * perRow).reverse().flat();
    assertions.push(a(DEPTH, at, BigInt(cells.length)));
    cells.forEach((v, k) => assertions.push(a(STACK + k, at, v)));
  });
  const inputsPerRow = pub.inputs.length / rows;
  layout.starts.forEach((start, b) => {
    let nextValue = 0;
    let nextInput = b * inputsPerRow;
    for (const r of reads) {
      if (r.op === "read") assertions.push(a(STACK, start + r.step + 1, pub.publicValues[nextValue++]!));
      else pub.inputs[nextInput++]!.forEach((v, k) => assertions.push(a(STACK + k, start + r.step + 1, v)));
    }
  });
  for (let j = 0; j < 5; j++) assertions.push(a(OP_BITS + j, n - 1, 0n));
  for (let j = 0; j < IMMEDIATE_DIGITS; j++) assertions.push(a(digitColumn(j, spec), n - 1, 0n));
  for (const op of OP_NAMES) assertions.push(a(flagColumn(op), n - 1, op === "noop" ? 1n : 0n));

  const schedule = new Array<bigint>(n).fill(0n);
  const gate = new Array<bigint>(n).fill(1n);
  const reset = new Array<bigint>(n).fill(0n);
  layout.starts.forEach((start, b) => {
    pub.opcodes.forEach((code, i) => (schedule[start + i] = BigInt(code)));
    if (layout.hashed[b]) for (let i = 0; i < 8; i++) gate[start + l + i] = 0n;
  });
  for (const r of layout.resets) reset[r] = 1n;
  // periodic columns. The thesis's hash: the round flag, k₁ and k₂ per state cell (cycle 16), then the opcode
  // schedule (cycle n). The sponge: the schedule and the link's gate (0 on the trailing block; cycle n), then the
  // sponge's round, start, k₁ and k₂ (cycle 8) and the slot selectors (row mod 8 = j; cycle 8)
  let periodic: bigint[][];
  let SCHEDULE: number;
  let RESET = -1; // the batch's reset column (sponge presets only)
  if (spec.kind === "sponge") {
    const slots = Array.from({ length: SPONGE_RATE }, (_, j) => Array.from({ length: 8 }, (_, r) => (r === j ? 1n : 0n)));
    periodic = [schedule, gate, ...rpoSpongePeriodicColumns(), ...slots, ...(batch ? [reset] : [])];
    SCHEDULE = 0;
    RESET = 4 + 2 * H + SPONGE_RATE;
  } else {
    const rounds = Array.from({ length: HASH_CYCLE }, (_, c) => spec.roundConstants(c));
    const roundFlag = Array.from({ length: HASH_CYCLE }, (_, c) => (c < HASH_ROUNDS ? 1n : 0n));
    const k1Cols = Array.from({ length: H }, (_, i) => rounds.map((r) => r.k1[i]!));
    const k2Cols = Array.from({ length: H }, (_, i) => rounds.map((r) => r.k2[i]!));
    periodic = [roundFlag, ...k1Cols, ...k2Cols, schedule];
    SCHEDULE = 1 + 2 * H;
  }
  periodic = periodic.map((c) => Object.freeze(c) as bigint[]);
  const delta = pub.delta;
  const body = pub.body;
  const codes = OP_NAMES.map((op) => BigInt(OPCODES[op]));
  const hashCols = Array.from({ length: H }, (_, i) => hashColumn(i));
  /** y = M·v for a row-major H × H matrix of base-field constants. */
  const matVec = <E>(E: Field<E>, M: readonly bigint[], v: readonly E[]): E[] =>
    Array.from({ length: H }, (_, i) => {
      let acc = E.ZERO;
      for (let j = 0; j < H; j++) acc = E.add(acc, E.mul(E.fromBigint(M[H * i + j]!), v[j]!));
      return acc;
    });
  const shifts = OP_NAMES.map((op) => depthChange(op, w));
  const digitCols = Array.from({ length: IMMEDIATE_DIGITS }, (_, j) => digitColumn(j, spec));
  const spongeCols = (kind: "m" | "x" | "y", count: number) => Array.from({ length: count }, (_, i) => spongeColumn(kind, i));
  const [mCols, xCols, yCols] = [spongeCols("m", SPONGE_RATE), spongeCols("x", H), spongeCols("y", H)];
  const immediateBits = pub.immediateBits ?? MAX_IMMEDIATE_BITS;
  const lowDigits = immediateBits / 2;
  const immediateMin = immediateRange(immediateBits).min;

  return Object.freeze({
    name: `EncryptVM-${spec.id}-w${w}-${l}${batch ? `x${rows}` : ""}`,
    field: F,
    traceWidth: vmTraceWidth(spec),
    traceLength: n,
    transitionDegrees: vmConstraintDegrees(w, spec, batch ? { hashEach } : undefined),
    constraintNames: vmConstraintNames(spec),
    columnNames: vmColumnNames(spec),
    periodicColumns: Object.freeze(periodic),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, p: readonly E[], out: E[]): void {
      const two = E.fromBigint(2n);
      const three = E.fromBigint(3n);
      const minImmediate = E.neg(E.fromBigint(-immediateMin));
      const c = frame.current;
      const x = frame.next;
      const k = (v: bigint) => E.fromBigint(v);
      const f = (op: OpName) => c[flagColumn(op)]!;
      const s = (i: number) => (i < STACK_DEPTH ? c[STACK + i]! : E.ZERO);
      const s1 = (i: number) => x[STACK + i]!;
      let r = 0;
      out[r++] = E.sub(E.sub(x[CLK]!, c[CLK]!), E.ONE);
      let opcode = E.ZERO;
      for (let j = 0; j < 5; j++) {
        const b = c[OP_BITS + j]!;
        out[r++] = E.sub(E.sqr(b), b);
        opcode = E.add(opcode, E.mul(k(1n << BigInt(j)), b));
      }
      const hf = c[HASH_FLAG]!;
      out[r++] = E.sub(E.sqr(hf), hf);
      out[r++] = E.mul(E.sub(E.ONE, hf), x[HASH_FLAG]!);
      let sum = E.ZERO;
      let coded = E.ZERO;
      let shift = E.ZERO;
      OP_NAMES.forEach((_, i) => {
        const fl = c[FLAGS + i]!;
        out[r++] = E.sub(E.sqr(fl), fl);
        sum = E.add(sum, fl);
        coded = E.add(coded, E.mul(k(codes[i]!), fl));
        shift = E.add(shift, E.mul(k(BigInt(shifts[i]! < 0 ? -shifts[i]! : shifts[i]!)), shifts[i]! < 0 ? E.neg(fl) : fl));
      });
      out[r++] = E.sub(sum, E.ONE);
      out[r++] = E.sub(opcode, coded);
      out[r++] = E.sub(opcode, p[SCHEDULE]!);
      // a batch: keep = 1 − reset, 0 on a segment's last row, where the stack (and depth) empties for the next row
      const keep = batch ? E.sub(E.ONE, p[RESET]!) : undefined;
      const kept = (v: E) => (keep === undefined ? v : E.mul(keep, v));
      out[r++] = E.sub(x[DEPTH]!, kept(E.add(c[DEPTH]!, shift)));
      // the stack: one constraint per register
      const sh = (i: number, by: number) => (i + by < STACK_DEPTH ? s(i + by) : E.ZERO);
      const dk = E.mul(k(delta), s(0));
      for (let i = 0; i < STACK_DEPTH; i++) {
        const load1 = i === 0 ? s1(0) : s(i - 1);
        const terms: E[] = [
          E.mul(f("noop"), s(i)),
          E.mul(E.add(f("push"), f("read")), load1),
          E.mul(f("read2"), i < w ? s1(i) : s(i - w)),
          E.mul(f("add"), i === 0 ? E.add(s(0), s(1)) : sh(i, 1)),
          E.mul(f("mul"), i === 0 ? E.mul(s(0), s(1)) : sh(i, 1)),
          E.mul(f("sadd"), i < w ? E.add(s(i + 1), E.mul(dk, k(body[i]!))) : sh(i, 1)),
          E.mul(f("smul"), i < w ? E.mul(s(0), s(i + 1)) : sh(i, 1)),
          E.mul(f("add2"), i < w ? E.add(s(i), s(i + w)) : sh(i, w)),
        ];
        out[r++] = E.sub(s1(i), kept(terms.reduce((acc, t) => E.add(acc, t), E.ZERO)));
      }
      const h = hashCols.map((col) => c[col]!);
      const h1 = hashCols.map((col) => x[col]!);
      if (spec.kind === "sponge") {
        // the model commitment: the RPO-256 sponge (one permutation per 8 rows, rpo-sponge-air.ts), and its link to
        // the program: off the trailing block, row r's instruction loads m_(r mod 8) — a push its immediate, a read
        // its public value (s0' either way, bound by the range check or an assertion), every other instruction 0
        const cells = (row: readonly E[], cols: readonly number[]) => cols.map((col) => row[col]!);
        evaluateRpoSponge(
          E,
          spec.sponge,
          { h, h1, m: cells(c, mCols), m1: cells(x, mCols), x: cells(c, xCols), y: cells(c, yCols), round: p[2]!, start: p[3]!, k1: p.slice(4, 4 + H), k2: p.slice(4 + H, 4 + 2 * H), ...(batch && hashEach ? { keepCapacity: keep! } : {}) },
          out,
          r,
        );
        r += RPO_SPONGE_CONSTRAINTS.length;
        let slotValue = E.ZERO;
        for (let j = 0; j < SPONGE_RATE; j++) slotValue = E.add(slotValue, E.mul(p[4 + 2 * H + j]!, c[mCols[j]!]!));
        out[r++] = E.mul(p[1]!, E.sub(slotValue, E.mul(E.add(f("push"), f("read")), s1(0))));
      } else {
        // the thesis's program hash: a Rescue round with the instruction injected mid-round, or a copy step
        const rf = p[0]!;
        const pow = (v: E) => E.pow(v, spec.alpha);
        const forward = matVec(E, spec.mds, h.map(pow)).map((v, i) => E.add(v, p[1 + i]!));
        const backward = matVec(E, spec.invMds, h1.map((v, i) => E.sub(v, p[1 + H + i]!))).map(pow);
        const notRf = E.sub(E.ONE, rf);
        for (let i = 0; i < H; i++) {
          const inj = i === spec.inject[0] ? opcode : i === spec.inject[1] ? E.mul(f("push"), s1(0)) : E.ZERO;
          // copy steps keep the rate and zero the capacity
          const copy = spec.capacity.includes(i) ? h1[i]! : E.sub(h1[i]!, h[i]!);
          out[r++] = E.add(E.mul(rf, E.sub(E.sub(backward[i]!, forward[i]!), inj)), E.mul(notRf, copy));
        }
      }
      // the push range check: base-4 digits; a push's immediate (s0') is its low b/2 digits − 2^(b−1); the
      // high digits are always 0, the low ones off a push
      let low = E.ZERO;
      let high = E.ZERO;
      for (let j = 0; j < IMMEDIATE_DIGITS; j++) {
        const d = c[digitCols[j]!]!;
        out[r++] = E.mul(E.mul(d, E.sub(d, E.ONE)), E.mul(E.sub(d, two), E.sub(d, three)));
        const term = E.mul(k(4n ** BigInt(j)), d);
        if (j < lowDigits) low = E.add(low, term);
        else high = E.add(high, term);
      }
      out[r++] = E.mul(f("push"), E.sub(s1(0), E.add(low, minImmediate)));
      out[r++] = E.add(E.mul(E.sub(E.ONE, f("push")), low), high);
    },
    assertions: Object.freeze(assertions),
    publicInputBytes: () =>
      encodePublicInputs(F, [
        BigInt(Object.keys(VM_HASHES).indexOf(spec.id)),
        BigInt(n),
        BigInt(w),
        BigInt(l),
        BigInt(immediateBits),
        ...pub.opcodes.map(BigInt),
        ...pub.programHash,
        BigInt(pub.publicValues.length),
        ...pub.publicValues,
        BigInt(pub.inputs.length),
        ...pub.inputs.flat(),
        BigInt(rows),
        BigInt(pub.outputs.length),
        ...pub.outputs.flat(),
        delta,
        ...body,
      ]),
  });
}
