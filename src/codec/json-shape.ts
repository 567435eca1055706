/**
 * The shape of a JSON text — its nesting depth and its longest array — measured by one pass over the characters,
 * before `JSON.parse` builds anything (issue "Sound from model to payment", item 4). A parser for a format whose
 * shape is known refuses text that is deeper or has longer arrays than the format allows: 64 MiB of `[[[…]]]` or of
 * `["1","1",…]` would otherwise cost JSON.parse gigabytes of heap before any field could be checked.
 */

export interface JsonShape {
  /** Deepest nesting of objects and arrays (a flat object is 1, an object holding arrays 2). */
  readonly depth: number;
  /** Most elements in one array (counted as its commas + 1: an empty array counts 1). */
  readonly longestArray: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }
const OPEN_ARRAY = 0x5b;

/**
 * Measures `text` (which need not be valid JSON: JSON.parse judges that afterwards). The scan stops as soon as a
 * figure passes its limit, and keeps one counter per open container, so it costs nothing in proportion to the text
 * beyond the limits.
 */
export function jsonShape(text: string, limits: { readonly depth: number; readonly arrayLength: number }): JsonShape {
  const commas: number[] = []; // per open container; -1 for an object
  let depth = 0;
  let longest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // skip the string, escapes included
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (OPENERS.has(c)) {
      commas.push(c === OPEN_ARRAY ? 0 : -1);
      depth = Math.max(depth, commas.length);
      if (depth > limits.depth) break;
    } else if (CLOSERS.has(c)) {
      commas.pop();
    } else if (c === COMMA && commas.length > 0 && commas[commas.length - 1]! >= 0) {
      const n = ++commas[commas.length - 1]!;
      longest = Math.max(longest, n);
      if (longest + 1 > limits.arrayLength) break;
    }
  }
  return { depth, longestArray: longest + 1 };
}
