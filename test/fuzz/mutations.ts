/**
 * Seeded mutations for the hostile-file fuzz run (issue "Sound from model to payment", item 7): byte flips,
 * truncation, extension, splicing, inserted and deleted runs, and u32 counts patched to 2^24, 2^31, 2^32 − 1
 * for binary files; for JSON documents, a field (at any depth) replaced by a hostile value — huge, negative,
 * fractional, NaN or infinite (null once serialised), an inherited property's name, a wrong type, an oversized
 * list — deleted, or an unknown field added. Every choice comes from one seeded stream (src/lwe/random.ts), so
 * a run is reproducible.
 */
import { ByteStream, seededRandom } from "../../src/lwe/random.js";

/** Counts a hostile file declares: the caps' neighbourhoods and the u32 extremes. */
export const HOSTILE_COUNTS = [0, 1, 0xff, 0xffff, 1 << 16, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, 1 << 30, 2 ** 31, 2 ** 32 - 1] as const;

/** Values a hostile JSON field may hold instead of its own. */
export const HOSTILE_VALUES: readonly unknown[] = [
  1e308, -1e308, NaN, Infinity, -Infinity, -0, -1, 0, 1.5, 2 ** 24, 2 ** 28, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 31), Number.MAX_VALUE, Number.MIN_VALUE,
  null, true, false, "", "NaN", "Infinity", "-1", "1e308", "9".repeat(60), "x".repeat(5000), "__proto__", "constructor", "toString", "hasOwnProperty",
  [], {}, [null], [-1], ["1", "2"], { length: 2 ** 31 }, JSON.parse('{"__proto__": {"length": 1e9}}'), new Array<number>(70_000).fill(0), [[[[[[[[[[[]]]]]]]]]]],
];

export class Mutations {
  private readonly rnd: ByteStream;
  constructor(seed: string) {
    this.rnd = new ByteStream(seededRandom(seed));
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.rnd.unit() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.rnd.unit() < p;
  }
  private junk(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.rnd.byte());
  }

  /** One random mutation of `b` (a new array) and its description; `offsets` are known count fields to favour. */
  bytes(b: Uint8Array, offsets: readonly number[] = []): { how: string; out: Uint8Array } {
    const at = this.int(b.length + 1);
    switch (this.int(7)) {
      case 0: {
        const out = Uint8Array.from(b);
        const flips = 1 + this.int(8);
        for (let i = 0; i < flips && out.length > 0; i++) out[this.int(out.length)]! ^= 1 << this.int(8);
        return { how: `flip ${flips} bits`, out };
      }
      case 1:
        return { how: `truncate to ${at}`, out: b.slice(0, at) };
      case 2: {
        const n = 1 + this.int(64);
        return { how: `extend by ${n}`, out: Uint8Array.from([...b, ...this.junk(n)]) };
      }
      case 3: {
        // overwrite a run with another run of the same file
        const out = Uint8Array.from(b);
        const from = this.int(b.length);
        const len = Math.min(1 + this.int(256), b.length - from, b.length - Math.min(at, b.length));
        out.set(b.subarray(from, from + len), Math.min(at, b.length));
        return { how: `splice ${len} bytes from ${from} to ${at}`, out };
      }
      case 4: {
        const n = 1 + this.int(16);
        return { how: `insert ${n} bytes at ${at}`, out: Uint8Array.from([...b.subarray(0, at), ...this.junk(n), ...b.subarray(at)]) };
      }
      case 5: {
        const n = 1 + this.int(64);
        return { how: `delete ${n} bytes at ${at}`, out: Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + n)]) };
      }
      default: {
        const out = Uint8Array.from(b);
        const where = offsets.length > 0 && this.chance(0.7) ? this.pick(offsets) : this.int(Math.max(1, b.length - 3));
        const count = this.pick(HOSTILE_COUNTS);
        if (where + 4 <= out.length) new DataView(out.buffer).setUint32(where, count, true);
        return { how: `u32 at ${where} := ${count}`, out };
      }
    }
  }

  /**
   * One random mutation of a JSON document (a deep copy is changed) and its description. The field is found by
   * a random descent from the top, stopping at each level with probability 1/2, so top-level fields are hit often.
   */
  json(doc: unknown): { how: string; out: unknown } {
    const copy = JSON.parse(JSON.stringify(doc)) as unknown;
    if (typeof copy !== "object" || copy === null || this.chance(0.05)) {
      const v = this.pick(HOSTILE_VALUES);
      return { how: `whole document := ${describe(v)}`, out: v };
    }
    let parent = copy as Record<string, unknown>;
    let path = "$";
    for (;;) {
      const keys = Object.keys(parent);
      if (keys.length === 0) break;
      const key = this.pick(keys);
      const child = parent[key];
      if (typeof child === "object" && child !== null && Object.keys(child).length > 0 && this.chance(0.5)) {
        parent = child as Record<string, unknown>;
        path += `.${key}`;
        continue;
      }
      path += `.${key}`;
      const kind = this.int(10);
      if (kind === 0 && !Array.isArray(parent)) {
        delete parent[key];
        return { how: `delete ${path}`, out: copy };
      }
      if (kind === 1 && !Array.isArray(parent)) {
        const v = this.pick(HOSTILE_VALUES);
        parent[`extra${this.int(10)}`] = v;
        return { how: `add a field beside ${path} := ${describe(v)}`, out: copy };
      }
      const v = this.pick(HOSTILE_VALUES);
      parent[key] = v;
      return { how: `${path} := ${describe(v)}`, out: copy };
    }
    const v = this.pick(HOSTILE_VALUES);
    parent["extra"] = v;
    return { how: `${path}.extra := ${describe(v)}`, out: copy };
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 20)}… (${text.length} chars)` : text;
}
