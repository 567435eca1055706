/**
 * The VM trace's columns (thesis §4.5, j04n-f/Encrypt-zkVM vm/src/processor/mod.rs `trace`): the thesis's 28
 * columns in its order — system (clk), decoder (5 op bits), chiplet (hash flag, 4 Rescue state cells), stack
 * (depth, 16 registers) — followed by the 9 one-hot operation flags this project adds so that every operation
 * selector has degree 1 (the thesis multiplied five bit literals: degree 5 selectors, constraints of degree 7),
 * then the hash state's extra cells (a wider preset) and the 8 base-4 digits of the push range check.
 *
 * Row i holds the state before step i and the operation executed at step i (noop after the program).
 */
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
 * Column of the push range check's digit i (d0 … d7, least significant first): after the hash state's extra
 * cells. On a push's row the digits spell immediate + 2^15 in base 4; on every other row they are 0.
 */
export function digitColumn(i: number, hashWidth: number): number {
  return CORE_TRACE_WIDTH + Math.max(0, hashWidth - 4) + i;
}

/** Trace width for a hash state of `hashWidth` cells: 45 for rescue-f128, 53 for rp64-goldilocks. */
export function vmTraceWidth(hashWidth: number): number {
  return digitColumn(IMMEDIATE_DIGITS, hashWidth);
}

/** Column names for a hash state of `hashWidth` cells. */
export function vmColumnNames(hashWidth: number): readonly string[] {
  return Object.freeze([
    ...VM_COLUMN_NAMES,
    ...Array.from({ length: Math.max(0, hashWidth - 4) }, (_, i) => `h${4 + i}`),
    ...Array.from({ length: IMMEDIATE_DIGITS }, (_, i) => `d${i}`),
  ]);
}

/** Column of the one-hot flag of an operation. */
export function flagColumn(op: (typeof OP_NAMES)[number]): number {
  return FLAGS + OP_NAMES.indexOf(op);
}
