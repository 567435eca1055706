/**
 * The part of node:util the workbench's src/ modules use, for the browser bundle: `inspect.custom` (the symbol a
 * secret key uses to hide itself from console output) and `isDeepStrictEqual` (the proof parser's canonical-form
 * check), with node's semantics for the values a parsed proof holds: primitives, bigints, arrays, typed arrays and
 * plain objects (app/shims/shims.test.ts checks it against node's).
 */
const custom = Symbol.for("nodejs.util.inspect.custom");

export function inspect(value: unknown): string {
  const own = (value as { [custom]?: () => string } | null)?.[custom];
  return typeof own === "function" ? own.call(value) : String(value);
}
inspect.custom = custom;

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!isDeepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export default { inspect, isDeepStrictEqual };
