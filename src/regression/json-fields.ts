/**
 * Field validators for the model files (model-file.ts, classifier-file.ts): each returns the checked value or throws
 * a ModelFileError naming the field's path, what was expected and what was found.
 */
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
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) fail(path, `an integer in [${min}, ${max}]`, v);
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

