/**
 * The constraint inspector (issue "Encrypt zkVM", item 5), for any AIR:
 *  - `inspectTrace`: every violated transition constraint and assertion, by step, constraint name and degree;
 *  - `traceRows`: a window of the trace as table rows (column names as header);
 *  - `mutationTest`: changes every cell of a valid trace, one at a time, and reports which constraint or
 *    assertion catches each change. A cell only enters the transitions of its own row and the row before and
 *    its column's assertions at that step, so each mutation is checked exactly by evaluating those two frames
 *    and those assertions (periodic values at step i are column[i mod cycle]).
 */
import type { Air, Trace } from "./air.js";
import { traceFailures } from "./validate.js";

export interface Violation {
  readonly kind: "transition" | "assertion" | "shape";
  readonly step: number | undefined;
  readonly constraint: string;
  /** Declared degree (transition constraints). */
  readonly degree: number | undefined;
  readonly column: string | undefined;
}

/** Up to `limit` violations (default 100), in trace order. */
export function inspectTrace(air: Air, trace: Trace, limit = 100): Violation[] {
  return traceFailures(air, trace, limit).map((f) => ({
    kind: f.kind === "transition" ? "transition" : f.kind === "assertion" ? "assertion" : "shape",
    step: f.step,
    // assertions get the short label mutationTest uses ("assertion s4@32"); the value is in the trace
    constraint: f.kind === "assertion" && f.columnName !== undefined && f.step !== undefined ? `assertion ${f.columnName}@${f.step}` : (f.constraint ?? f.message),
    degree: f.kind === "transition" && f.index !== undefined ? air.transitionDegrees[f.index] : undefined,
    column: f.columnName,
  }));
}

/**
 * Rows `from` … `from + count − 1` as strings (header first): step, then each column — decimal below 2^32, as
 * −k just below p, else hex with the first and last four digits (so a small change stays visible).
 */
export function traceRows(air: Air, trace: Trace, from = 0, count = 16, columns?: readonly number[]): string[][] {
  const cols = columns ?? Array.from({ length: trace.length }, (_, c) => c);
  const fmt = (v: bigint) => (v < 1n << 32n ? v.toString() : v > air.field.characteristic - (1n << 32n) ? `-${air.field.characteristic - v}` : `0x${v.toString(16).slice(0, 4)}…${v.toString(16).slice(-4)}`);
  const header = ["step", ...cols.map((c) => air.columnNames[c] ?? `c${c}`)];
  const rows: string[][] = [header];
  for (let i = from; i < Math.min(from + count, trace[0]!.length); i++) rows.push([String(i), ...cols.map((c) => fmt(trace[c]![i]!))]);
  return rows;
}

export interface Cell {
  readonly column: number;
  readonly step: number;
}

export interface MutationReport {
  /** Cells mutated (all cells but the declared free ones). */
  readonly mutated: number;
  readonly caught: number;
  /** Cells whose change no constraint or assertion noticed. */
  readonly uncaught: readonly (Cell & { readonly columnName: string })[];
  /** Declared free cells (not counted), with the reason. */
  readonly free: readonly (Cell & { readonly reason: string })[];
  /** How many mutations each constraint or assertion caught first. */
  readonly caughtBy: ReadonlyMap<string, number>;
  /** caught / mutated. */
  readonly score: number;
}

/**
 * Mutates every cell (v → v + 1) of a trace that satisfies `air` and checks that something rejects it.
 * `free` lists cells that are free by design (they are skipped and reported with their reason).
 */
export function mutationTest(air: Air, trace: Trace, free: readonly (Cell & { readonly reason: string })[] = []): MutationReport {
  const F = air.field;
  const n = air.traceLength;
  const w = air.traceWidth;
  const problems = traceFailures(air, trace, 1);
  if (problems.length > 0) throw new RangeError(`mutationTest needs a valid trace; it fails: ${problems[0]!.message}`);
  const isFree = new Set(free.map((c) => `${c.column}:${c.step}`));
  const rows: bigint[][] = Array.from({ length: n }, (_, i) => Array.from({ length: w }, (_, c) => trace[c]![i]!));
  const periodic = (i: number) => air.periodicColumns.map((col) => col[i % col.length]!);
  const out = new Array<bigint>(air.transitionDegrees.length);
  /** The first transition constraint violated on rows r → r + 1, or undefined. */
  const transition = (r: number, current: readonly bigint[], next: readonly bigint[]): string | undefined => {
    out.fill(0n);
    air.evaluateTransition(F, { current, next }, periodic(r), out);
    const k = out.findIndex((v) => v !== 0n);
    return k < 0 ? undefined : air.constraintNames[k];
  };
  const caughtBy = new Map<string, number>();
  const uncaught: (Cell & { columnName: string })[] = [];
  let mutated = 0;
  for (let c = 0; c < w; c++) {
    const assertions = air.assertions.filter((a) => (a.segment ?? "main") === "main" && a.column === c);
    for (let i = 0; i < n; i++) {
      if (isFree.has(`${c}:${i}`)) continue;
      mutated++;
      const row = [...rows[i]!];
      row[c] = F.add(row[c]!, 1n);
      const a = assertions.find((x) => x.step === i);
      const by =
        (a ? `assertion ${air.columnNames[c]}@${a.step}` : undefined) ??
        (i > 0 ? transition(i - 1, rows[i - 1]!, row) : undefined) ??
        (i < n - 1 ? transition(i, row, rows[i + 1]!) : undefined);
      if (by) caughtBy.set(by, (caughtBy.get(by) ?? 0) + 1);
      else uncaught.push({ column: c, step: i, columnName: air.columnNames[c] ?? `c${c}` });
    }
  }
  return { mutated, caught: mutated - uncaught.length, uncaught, free, caughtBy, score: mutated === 0 ? 1 : (mutated - uncaught.length) / mutated };
}
