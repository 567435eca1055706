/**
 * Lists and ranges of numbers for parameter sweeps (issue "LWE lab 2", item 4):
 *
 *   1024,2048,4096        a list
 *   54..64                every integer from 54 to 64
 *   54..64:+2             54, 56, …, 64 (an arithmetic step)
 *   2^18..2^22:x2         2^18, 2^19, …, 2^22 (a geometric step)
 *   2^20, 1e5, 3.19       numbers may be powers of two or decimals
 *
 * and distributions whose parameter is such a list or range (`gaussian:2^18..2^22:x2`, `cbd:2,3`). Each form
 * is parsed and its points counted before any is produced: a range with no points, a zero or negative step, or
 * more than MAX_SWEEP_POINTS points is a CliUsageError naming the text and the rule.
 */
import type { Distribution } from "../lwe/estimator/index.js";
import { CliUsageError } from "./errors.js";
import { DISTRIBUTION_FORMS, parseDistribution } from "./parse.js";

/** Most points one list or range may produce (and a whole sweep: see estimate's check of the product). */
export const MAX_SWEEP_POINTS = 10_000;

/** A number: decimal (3.19, 1e5, -1) or a power of two (2^18, 2^-3.5). */
export function parseSweepNumber(text: string, what: string): number {
  const t = text.trim();
  const pow = /^2\^(-?[0-9]+(?:\.[0-9]+)?)$/.exec(t);
  const x = pow ? 2 ** Number(pow[1]) : t === "" ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new CliUsageError(`${what}: "${text}" is not a number (forms: 3.19, 1e5, 2^18)`);
  return x;
}

/** The points of one item: a number, or A..B with an optional step (:+S arithmetic, :xF geometric; default +1). */
function expandItem(item: string, what: string): number[] {
  const m = /^(.+?)\.\.(.+?)(?::([+x])(.+))?$/.exec(item.trim());
  if (!m) return [parseSweepNumber(item, what)];
  const from = parseSweepNumber(m[1]!, what);
  const to = parseSweepNumber(m[2]!, what);
  const kind = m[3] ?? "+";
  const step = m[4] === undefined ? 1 : parseSweepNumber(m[4], what);
  if (to < from) throw new CliUsageError(`${what}: range "${item}" has no points (${to} < ${from}; write the smaller end first)`);
  if (kind === "+" && !(step > 0)) throw new CliUsageError(`${what}: range "${item}" has step +${step}: expected a step > 0`);
  if (kind === "x" && !(step > 1)) throw new CliUsageError(`${what}: range "${item}" has factor x${step}: expected a factor > 1`);
  if (kind === "x" && !(from > 0)) throw new CliUsageError(`${what}: geometric range "${item}" must start above 0`);
  const count = kind === "+" ? Math.floor((to - from) / step + 1e-9) + 1 : Math.floor(Math.log(to / from) / Math.log(step) + 1e-9) + 1;
  if (count > MAX_SWEEP_POINTS) throw new CliUsageError(`${what}: range "${item}" has ${count} points, more than the ${MAX_SWEEP_POINTS} a sweep may have`);
  return Array.from({ length: count }, (_, i) => (kind === "+" ? from + i * step : from * step ** i));
}

/** A comma-separated list of numbers and ranges, in order, each point once. */
export function parseNumberSweep(text: string, what: string): number[] {
  const items = text.split(",").filter((s) => s.trim() !== "");
  if (items.length === 0) throw new CliUsageError(`${what}: no values given`);
  const points: number[] = [];
  for (const item of items) {
    for (const x of expandItem(item, what)) if (!points.includes(x)) points.push(x);
    if (points.length > MAX_SWEEP_POINTS) throw new CliUsageError(`${what}: "${text}" has more than ${MAX_SWEEP_POINTS} points`);
  }
  return points;
}

/** Integers only (n, m): every point must be an integer ≥ min. */
export function parseIntegerSweep(text: string, what: string, min: number): number[] {
  const points = parseNumberSweep(text, what);
  for (const x of points) if (!Number.isSafeInteger(x) || x < min) throw new CliUsageError(`${what}: ${x} is not an integer ≥ ${min}`);
  return points;
}

/** Distributions with one numeric parameter that may be swept. */
const SWEEPABLE = new Set(["gaussian", "gaussian-width", "cbd"]);

/** One distribution, or one per point of its parameter's list/range (gaussian:2^18..2^22:x2, cbd:2,3). */
export function parseDistributionSweep(text: string, what: string): Distribution[] {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  if (colon < 0 || !SWEEPABLE.has(kind)) return [parseDistribution(text, what)];
  const arg = text.slice(colon + 1);
  if (arg.trim() === "") throw new CliUsageError(`${what} "${text}": no parameter given (forms: ${DISTRIBUTION_FORMS})`);
  return parseNumberSweep(arg, `${what} ${kind}`).map((x) => parseDistribution(`${kind}:${x}`, what));
}
