/**
 * The VM trace's columns (thesis §4.5, j04n-f/Encrypt-zkVM vm/src/processor/mod.rs `trace`): the thesis's 28
 * columns in its order — system (clk), decoder (5 op bits), chiplet (hash flag, 4 Rescue state cells), stack
 * (depth, 16 registers) — followed by the 9 one-hot operation flags this project adds so that every operation
 * selector has degree 1 (the thesis multiplied five bit literals: degree 5 selectors, constraints of degree 7),
 * then the hash state's extra cells (a wider preset) and the 8 base-4 digits of the push range check.
 *
 * Row i holds the state before step i and the operation executed at step i (noop after the program).
 */
import type { VmHashSpec } from "../hash-spec.js";
import { IMMEDIATE_DIGITS, OP_NAMES, STACK_DEPTH } from "../isa.js";

export const CLK = 0;
/** Op bits b0 … b4 (least significant first): columns 1 … 5. */
export const OP_BITS = 1;
/** 1 on program steps, 0 after (the thesis's hash-op flag). */
export const HASH_FLAG = 6;
/** Rescue state h0 … h3: columns 7 … 10 (rate h0, h1; capacity h2, h3). */
export const HASH_STATE = 7;
export const DEPTH = 11;
/** Stack registers s0 … s15: columns 12 … 27 (s0 is the top). */
export const STACK = 12;
/** One-hot flags, in OP_NAMES order: columns 28 … 36. */
export const FLAGS = STACK + STACK_DEPTH;
/** The thesis's 28 columns and the 9 flags: the columns every preset has before its own extra ones. */
export const CORE_TRACE_WIDTH = FLAGS + OP_NAMES.length;
/** Width of the thesis's layout (the first 28 columns). */
export const THESIS_TRACE_WIDTH = 28;

export const VM_COLUMN_NAMES: readonly string[] = Object.freeze([
  "clk",
  ...Array.from({ length: 5 }, (_, i) => `b${i}`),
  "hash_flag",
  ...Array.from({ length: 4 }, (_, i) => `h${i}`),
  "depth",
  ...Array.from({ length: STACK_DEPTH }, (_, i) => `s${i}`),
  ...OP_NAMES.map((n) => `f_${n}`),
]);

/**
 * Column of Rescue state cell i: h0 … h3 in the thesis's columns 7 … 10; a wider state (the Goldilocks
 * preset's 12 cells) continues after the flags, from column 37.
 */
export function hashColumn(i: number): number {
  return i < 4 ? HASH_STATE + i : CORE_TRACE_WIDTH + (i - 4);
}

/**
 * The sponge preset's own columns, after the state's extra cells (from column 45): the block m0 … m7 its cycle
 * absorbs, then the S-box helpers x0 … x11 (x = (M·h + k₁)³) and y0 … y11 (y = h'³) that keep every constraint
 * at degree ≤ 4 (src/air/examples/rpo-sponge-air.ts has the same layout on its own).
 */
export const SPONGE_RATE = 8;
export function spongeColumn(kind: "m" | "x" | "y", i: number): number {
  const start = CORE_TRACE_WIDTH + 8;
  return kind === "m" ? start + i : kind === "x" ? start + SPONGE_RATE + i : start + SPONGE_RATE + 12 + i;
}

/** Columns a preset adds after the core 37: the state's cells beyond 4, and the sponge's block and helpers. */
export function hashExtraColumns(spec: Pick<VmHashSpec, "kind" | "width">): number {
  return Math.max(0, spec.width - 4) + (spec.kind === "sponge" ? SPONGE_RATE + 2 * spec.width : 0);
}

/**
 * Column of the push range check's digit i (d0 … d7, least significant first): after the preset's extra columns.
 * On a push's row the digits spell immediate + 2^15 in base 4; on every other row they are 0.
 */
export function digitColumn(i: number, spec: Pick<VmHashSpec, "kind" | "width">): number {
  return CORE_TRACE_WIDTH + hashExtraColumns(spec) + i;
}

/** Trace width: 45 for rescue-f128, 53 for rp64-goldilocks, 85 for rpo-goldilocks. */
export function vmTraceWidth(spec: Pick<VmHashSpec, "kind" | "width">): number {
  return digitColumn(IMMEDIATE_DIGITS, spec);
}

/** Column names for a preset. */
export function vmColumnNames(spec: Pick<VmHashSpec, "kind" | "width">): readonly string[] {
  const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return Object.freeze([
    ...VM_COLUMN_NAMES,
    ...Array.from({ length: Math.max(0, spec.width - 4) }, (_, i) => `h${4 + i}`),
    ...(spec.kind === "sponge" ? [...names(SPONGE_RATE, "m"), ...names(spec.width, "x"), ...names(spec.width, "y")] : []),
    ...names(IMMEDIATE_DIGITS, "d"),
  ]);
}

/** Column of the one-hot flag of an operation. */
export function flagColumn(op: (typeof OP_NAMES)[number]): number {
  return FLAGS + OP_NAMES.indexOf(op);
}
