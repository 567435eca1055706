/**
 * Parsers for CLI arguments: distributions ("ternary", "gaussian:3.19", …), integer lists, numbers.
 * Each throws CliUsageError naming the value and the accepted forms.
 */
import type { Distribution } from "../lwe/estimator/index.js";
import { CliUsageError } from "./errors.js";

export const DISTRIBUTION_FORMS =
  'ternary | binary | uniform:A,B | cbd:ETA | gaussian:SIGMA (standard deviation) | gaussian-width:S (S = σ·√(2π)) | uniform-mod';

export function parseDistribution(text: string, what: string): Distribution {
  const [kind, arg] = text.split(":", 2) as [string, string | undefined];
  const num = (s: string | undefined): number => {
    const x = Number(s);
    if (s === undefined || s.trim() === "" || !Number.isFinite(x)) throw new CliUsageError(`${what} "${text}": "${s ?? ""}" is not a number (forms: ${DISTRIBUTION_FORMS})`);
    return x;
  };
  switch (kind) {
    case "ternary":
      return { kind: "uniform", a: -1, b: 1 };
    case "binary":
      return { kind: "uniform", a: 0, b: 1 };
    case "uniform": {
      const parts = (arg ?? "").split(",");
      if (parts.length !== 2) throw new CliUsageError(`${what} "${text}": expected uniform:A,B`);
      return { kind: "uniform", a: num(parts[0]), b: num(parts[1]) };
    }
    case "cbd":
      return { kind: "cbd", eta: num(arg) };
    case "gaussian":
      return { kind: "gaussian", stddev: num(arg) };
    case "gaussian-width":
      return { kind: "gaussian", stddev: num(arg) / Math.sqrt(2 * Math.PI) };
    case "uniform-mod":
      return { kind: "uniformMod" };
    default:
      throw new CliUsageError(`${what} "${text}" is not a distribution (forms: ${DISTRIBUTION_FORMS})`);
  }
}

export function parseIntStrict(text: string, what: string, min = -Infinity): number {
  if (!/^[-+]?[0-9]+$/.test(text.trim())) throw new CliUsageError(`${what} "${text}" is not an integer`);
  const x = Number(text);
  if (!Number.isSafeInteger(x) || x < min) throw new CliUsageError(`${what} ${text} is out of range (expected an integer ≥ ${min})`);
  return x;
}

export function parseNumber(text: string, what: string): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x)) throw new CliUsageError(`${what} "${text}" is not a number`);
  return x;
}

/** Integers separated by commas, whitespace or newlines (for plaintext lists). */
export function parseIntegerList(text: string, what: string): bigint[] {
  const parts = text.split(/[\s,]+/).filter((s) => s !== "");
  if (parts.length === 0) throw new CliUsageError(`${what}: no values given`);
  return parts.map((s, i) => {
    if (!/^[-+]?[0-9]+$/.test(s)) throw new CliUsageError(`${what}: item ${i + 1} "${s}" is not an integer`);
    return BigInt(s);
  });
}
