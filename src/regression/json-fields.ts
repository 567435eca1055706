/**
 * Field validators for the model files (model-file.ts, classifier-file.ts): each returns the checked value or throws
 * a ModelFileError naming the field's path, what was expected and what was found.
 */
import { jsonShape } from "../codec/json-shape.js";
import { ModelFileError } from "./errors.js";

/** Characters of one name (feature, target, data set, class) or seed: 256. */
export const MAX_TEXT_CHARS = 256;

export type Json = unknown;
export const fail = (path: string, expected: string, got: Json): never => {
  throw new ModelFileError(`model file: field "${path}" is ${JSON.stringify(got)?.slice(0, 60) ?? "missing"}, expected ${expected}`);
};
export function obj(v: Json, path: string): Record<string, Json> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(path, "an object", v);
  return v as Record<string, Json>;
}
export function num(v: Json, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "a finite number", v);
  return v as number;
}
export function int(v: Json, path: string, min = -Infinity, max = Infinity): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max)
    fail(path, min === -Infinity && max === Infinity ? "a safe integer (|x| < 2^53)" : `an integer in [${min}, ${max}]`, v);
  return v as number;
}
export function str(v: Json, path: string): string {
  if (typeof v !== "string" || v === "" || v.length > MAX_TEXT_CHARS) fail(path, `a non-empty string of at most ${MAX_TEXT_CHARS} characters`, v);
  return v as string;
}
export function arr<T>(v: Json, path: string, len: number | undefined, item: (x: Json, p: string) => T): T[] {
  if (!Array.isArray(v) || (len !== undefined && v.length !== len)) fail(path, len === undefined ? "an array" : `an array of ${len}`, v);
  return (v as Json[]).map((x, i) => item(x, `${path}[${i}]`));
}
export function oneOf<T extends string>(v: Json, path: string, options: readonly T[]): T {
  if (!options.includes(v as T)) fail(path, options.map((o) => JSON.stringify(o)).join(" or "), v);
  return v as T;
}


/** Most nesting a model or classifier file has (a confusion matrix's rows sit at depth 7). */
export const MAX_MODEL_DEPTH = 8;

/**
 * Refuses text nested deeper than a model file, or with a longer list than `longest`, before JSON.parse (a deeply
 * nested file would otherwise exhaust the stack while it is hashed).
 */
export function checkModelShape(text: string, source: string, longest: number): void {
  const shape = jsonShape(text, { depth: MAX_MODEL_DEPTH, arrayLength: longest });
  if (shape.depth > MAX_MODEL_DEPTH) throw new ModelFileError(`${source} nests arrays or objects deeper than a model file does (at most ${MAX_MODEL_DEPTH} levels)`);
  if (shape.longestArray > longest) throw new ModelFileError(`${source} holds a list of more than ${longest} entries, over the cap of any field`);
}

/** A held-out fraction in (0, 1), and training and test rows that add up to the data set's rows. */
export function checkSplit(t: Record<string, Json>, rows: number, path: string): void {
  const f = num(t.testFraction, `${path}.testFraction`);
  if (!(f > 0 && f < 1)) fail(`${path}.testFraction`, "a number in (0, 1)", f);
  if (t.trainRows !== undefined && t.testRows !== undefined && (t.trainRows as number) + (t.testRows as number) !== rows)
    fail(`${path}.trainRows + testRows`, `the data set's ${rows} usable rows`, [t.trainRows, t.testRows]);
}
