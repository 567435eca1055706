/**
 * Building execution traces (issue "STARK prover and verifier", item 3), after Winterfell's `TraceTable`
 * (prover/src/trace/trace_table.rs): a column-major table of base-field elements filled by `init` (the first row)
 * and `update(step, current, next)` (row step + 1 from row step), plus shape checks that name the column and
 * step at fault. The trace type itself (`Trace = bigint[][]`, columns of `traceLength` elements) is in air.ts.
 */
import type { Field } from "../math/field.js";
import type { Trace } from "./air.js";
import { TraceShapeError } from "./errors.js";

/** Shortest trace Winterfell (and this project) accepts. */
export const MIN_TRACE_LENGTH = 8;

export function isPowerOfTwo(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** Default column names: c0, c1, ... */
export function defaultColumnNames(width: number, prefix = "c"): string[] {
  return Array.from({ length: width }, (_, i) => `${prefix}${i}`);
}

export interface TraceShapeOptions {
  /** Checks every cell is a canonical element of this field. */
  readonly field?: Field<bigint>;
  readonly columnNames?: readonly string[];
  readonly segment?: "main" | "aux";
  /** Name used in error messages (default "trace"). */
  readonly name?: string;
}

/**
 * Checks `trace` is `width` columns of `length` cells each (and, with `field`, that every cell is a canonical
 * element). Throws TraceShapeError naming the column (by name) and step.
 */
export function checkTraceShape(trace: unknown, width: number, length: number, options: TraceShapeOptions = {}): asserts trace is Trace {
  const name = options.name ?? "trace";
  const segment = options.segment ?? "main";
  const names = options.columnNames;
  const colName = (c: number) => names?.[c] ?? `column ${c}`;
  if (!Array.isArray(trace)) throw new TraceShapeError(name, `expected an array of ${width} columns, got ${typeof trace}`, { segment });
  if (trace.length !== width) {
    throw new TraceShapeError(name, `expected ${width} columns (${segment} segment), got ${trace.length}`, { segment });
  }
  for (let c = 0; c < width; c++) {
    const col: unknown = trace[c];
    if (!Array.isArray(col)) throw new TraceShapeError(name, `${colName(c)} is not an array`, { segment, column: c, columnName: colName(c) });
    if (col.length !== length) {
      throw new TraceShapeError(name, `${colName(c)} has ${col.length} rows, expected ${length}`, { segment, column: c, columnName: colName(c) });
    }
    const F = options.field;
    for (let s = 0; s < length; s++) {
      const v: unknown = col[s];
      if (typeof v !== "bigint" || (F !== undefined && !F.isValid(v))) {
        const what = typeof v === "bigint" ? `${v} is not a canonical element of ${F!.name}` : `${String(v)} (a ${typeof v}) is not a bigint`;
        throw new TraceShapeError(name, `${colName(c)} at step ${s}: ${what}`, { segment, column: c, columnName: colName(c), step: s });
      }
    }
  }
}

/** Row `step` of a column-major trace. */
export function traceRow(trace: readonly (readonly bigint[])[], step: number): bigint[] {
  return trace.map((col) => col[step]!);
}

/** A deep copy (tests tamper with copies). */
export function cloneTrace(trace: readonly (readonly bigint[])[]): Trace {
  return trace.map((col) => col.slice());
}

/** Sets every cell of row `step` from `values` (column c ← values[c]). */
function writeRow(columns: bigint[][], step: number, values: readonly bigint[]): void {
  for (let c = 0; c < columns.length; c++) columns[c]![step] = values[c]!;
}

/**
 * A column-major execution trace under construction (Winterfell `TraceTable`). Length: a power of two ≥ 8.
 *
 *     const t = new TraceTable(F, 2, 8, ["s0", "s1"]);
 *     t.fill((first) => { first[0] = 1n; first[1] = 1n; },
 *            (_, cur, next) => { next[0] = cur[1]!; next[1] = F.add(cur[0]!, cur[1]!); });
 */
export class TraceTable {
  readonly columns: bigint[][];
  readonly columnNames: readonly string[];

  constructor(
    readonly field: Field<bigint>,
    readonly width: number,
    readonly length: number,
    columnNames?: readonly string[],
    /** Name for error messages. */
    readonly name = "trace table",
  ) {
    if (!Number.isSafeInteger(width) || width < 1) throw new TraceShapeError(name, `width must be a positive integer, got ${width}`);
    if (!isPowerOfTwo(length) || length < MIN_TRACE_LENGTH) {
      throw new TraceShapeError(name, `length must be a power of two ≥ ${MIN_TRACE_LENGTH}, got ${length}`);
    }
    if (columnNames !== undefined && columnNames.length !== width) {
      throw new TraceShapeError(name, `${columnNames.length} column names given for ${width} columns`);
    }
    this.columnNames = Object.freeze([...(columnNames ?? defaultColumnNames(width))]);
    this.columns = Array.from({ length: width }, () => new Array<bigint>(length).fill(field.ZERO));
  }

  /**
   * Fills the whole table: `init(first)` writes row 0 into a zeroed row; then for step = 0 … length − 2,
   * `update(step, current, next)` writes row step + 1 into `next`, which starts as a copy of `current` (columns
   * it does not write carry over). Every written value is checked to be a canonical field element.
   */
  fill(init: (first: bigint[]) => void, update: (step: number, current: readonly bigint[], next: bigint[]) => void): this {
    const F = this.field;
    const first = new Array<bigint>(this.width).fill(F.ZERO);
    init(first);
    this.checkRow(first, 0);
    writeRow(this.columns, 0, first);
    let current = first;
    let next = new Array<bigint>(this.width);
    for (let step = 0; step < this.length - 1; step++) {
      for (let c = 0; c < this.width; c++) next[c] = current[c]!;
      update(step, current, next);
      this.checkRow(next, step + 1);
      writeRow(this.columns, step + 1, next);
      [current, next] = [next, current];
    }
    return this;
  }

  get(column: number, step: number): bigint {
    this.checkPosition(column, step);
    return this.columns[column]![step]!;
  }

  set(column: number, step: number, value: bigint): void {
    this.checkPosition(column, step);
    this.checkValue(value, column, step);
    this.columns[column]![step] = value;
  }

  row(step: number): bigint[] {
    this.checkPosition(0, step);
    return traceRow(this.columns, step);
  }

  /** The columns (not a copy): hand them to `validateTrace` or the prover. */
  toTrace(): Trace {
    return this.columns;
  }

  private checkPosition(column: number, step: number): void {
    if (!Number.isInteger(column) || column < 0 || column >= this.width) {
      throw new TraceShapeError(this.name, `column ${column} is out of range [0, ${this.width})`);
    }
    if (!Number.isInteger(step) || step < 0 || step >= this.length) {
      throw new TraceShapeError(this.name, `step ${step} is out of range [0, ${this.length})`, { column, columnName: this.columnNames[column]! });
    }
  }

  private checkRow(row: readonly bigint[], step: number): void {
    if (row.length !== this.width) throw new TraceShapeError(this.name, `row ${step} has ${row.length} values, expected ${this.width}`, { step });
    for (let c = 0; c < this.width; c++) this.checkValue(row[c]!, c, step);
  }

  private checkValue(v: unknown, column: number, step: number): void {
    if (typeof v !== "bigint" || !this.field.isValid(v)) {
      const columnName = this.columnNames[column]!;
      throw new TraceShapeError(
        this.name,
        `${columnName} at step ${step}: ${String(v)} is not a canonical element of ${this.field.name} (reduce with F.fromBigint)`,
        { column, columnName, step },
      );
    }
  }
}

/** Builds a trace in one call: `new TraceTable(F, width, length, names).fill(init, update).toTrace()`. */
export function buildTrace(
  F: Field<bigint>,
  width: number,
  length: number,
  init: (first: bigint[]) => void,
  update: (step: number, current: readonly bigint[], next: bigint[]) => void,
  columnNames?: readonly string[],
): Trace {
  return new TraceTable(F, width, length, columnNames).fill(init, update).toTrace();
}
