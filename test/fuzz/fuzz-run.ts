/**
 * The tally of a fuzz run over one format (issue "Sound from model to payment", item 7): each input is parsed;
 * it is accepted, or refused with a clear error — one of the format's typed error classes with a non-empty
 * message — or it is a crash: any other exception (a TypeError, a RangeError from an allocation, "Invalid array
 * length", …). `report` prints the table of counts.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => Error;

export interface Tally {
  readonly format: string;
  tried: number;
  accepted: number;
  clearErrors: number;
  crashes: number;
  /** The first few crashes: the mutation and what was thrown. */
  readonly examples: string[];
}

export function tally(format: string): Tally {
  return { format, tried: 0, accepted: 0, clearErrors: 0, crashes: 0, examples: [] };
}

/** Parses one input into `t`; returns the parsed value when accepted. */
export async function attempt<T>(t: Tally, how: string, clear: readonly ErrorClass[], parse: () => T | Promise<T>): Promise<T | undefined> {
  t.tried++;
  try {
    const value = await parse();
    t.accepted++;
    return value;
  } catch (e) {
    if (clear.some((C) => e instanceof C) && (e as Error).message.trim() !== "") t.clearErrors++;
    else crash(t, how, e);
    return undefined;
  }
}

/** Records a crash (with an example for the first five). */
export function crash(t: Tally, how: string, e: unknown): void {
  t.crashes++;
  if (t.examples.length < 5) t.examples.push(`${how}: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)}`);
}

/** The table: format, inputs tried, accepted, clear errors, crashes. */
export function report(tallies: readonly Tally[], title: string): string {
  const rows = [["format", "inputs tried", "accepted", "clear errors", "crashes"], ...tallies.map((t) => [t.format, t.tried, t.accepted, t.clearErrors, t.crashes].map(String))];
  const total = tallies.reduce((s, t) => [s[0]! + t.tried, s[1]! + t.accepted, s[2]! + t.clearErrors, s[3]! + t.crashes], [0, 0, 0, 0]);
  rows.push(["total", ...total.map(String)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [title, ...rows.map(line)].join("\n");
}
