/**
 * Helpers for the storage tests only (not exported from index.ts): deterministic test bytes and a byte
 * comparison that stays fast on multi-MiB buffers (vitest's deep `toEqual` walks them element by element).
 */
import { expect } from "vitest";

/** Deterministic test bytes: byte i = (i * 31 + seed) mod 251. */
export function pattern(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) % 251;
  return out;
}

/** Asserts that two byte strings are equal: a plain Uint8Array of the same length and content. */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(actual, expected)).toBe(0);
}
