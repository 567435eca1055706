/**
 * The reference backend (backend.ts): vectors are arrays of bigint and every operation is the field's own generic
 * code (math/field.ts, math/ntt.ts, math/domain.ts), one element at a time. Works over any prime field; slow, and
 * meant to be read — the typed backends are checked against it byte for byte.
 */
import type { Field } from "../../math/field.js";
import { lowDegreeExtend } from "../../math/domain.js";
import { intt, ntt } from "../../math/ntt.js";
import type { Backend } from "./backend.js";

type V = bigint[];

export function bigintBackend(F: Field<bigint>): Backend<V> {
  const same = (a: V, b: V, op: string): number => {
    if (a.length !== b.length) throw new RangeError(`${F.name} ${op}: vectors of ${a.length} and ${b.length} elements`);
    return a.length;
  };
  const powers = (x: bigint, n: number, start = F.ONE): V => {
    const out = new Array<bigint>(n);
    for (let i = 0, s = start; i < n; i++, s = F.mul(s, x)) out[i] = s;
    return out;
  };
  return Object.freeze({
    name: "bigint" as const,
    F,
    length: (v: V) => v.length,
    from: (xs: readonly bigint[]) => [...xs],
    to: (v: V) => [...v],
    get: (v: V, i: number) => v[i]!,
    zeros: (n: number) => new Array<bigint>(n).fill(F.ZERO),
    constant: (c: bigint, n: number) => new Array<bigint>(n).fill(c),
    slice: (v: V, start: number, end: number) => v.slice(start, end),
    window: (v: V, start: number, count: number) => Array.from({ length: count }, (_, k) => v[(start + k) % v.length]!),
    concat: (parts: readonly V[]) => parts.flat(),
    stride: (v: V, step: number) => v.filter((_, i) => i % step === 0),
    tile: (v: V, n: number) => Array.from({ length: n }, (_, i) => v[i % v.length]!),
    zeroFrom: (v: V, from: number) => v.every((x, i) => i < from || x === F.ZERO),
    add: (a: V, b: V) => Array.from({ length: same(a, b, "add") }, (_, i) => F.add(a[i]!, b[i]!)),
    sub: (a: V, b: V) => Array.from({ length: same(a, b, "sub") }, (_, i) => F.sub(a[i]!, b[i]!)),
    mul: (a: V, b: V) => Array.from({ length: same(a, b, "mul") }, (_, i) => F.mul(a[i]!, b[i]!)),
    scale: (a: V, c: bigint) => a.map((x) => F.mul(x, c)),
    axpy: (acc: V, y: V, c: bigint) => Array.from({ length: same(acc, y, "axpy") }, (_, i) => F.add(acc[i]!, F.mul(c, y[i]!))),
    batchInverse: (a: V) => F.invertBatch(a),
    powers,
    linearCombinations: (vectors: readonly V[], rows: readonly (readonly bigint[])[]) =>
      rows.map((row) => {
        const out = new Array<bigint>(vectors[0]?.length ?? 0).fill(F.ZERO);
        vectors.forEach((v, j) => {
          const c = row[j]!;
          if (c !== F.ZERO) for (let i = 0; i < out.length; i++) out[i] = F.add(out[i]!, F.mul(c, v[i]!));
        });
        return out;
      }),
    innerProducts: (vectors: readonly V[], weights: readonly V[]) =>
      vectors.map((v) =>
        weights.map((w) => {
          let acc = F.ZERO;
          for (let i = 0; i < same(v, w, "inner product"); i++) acc = F.add(acc, F.mul(v[i]!, w[i]!));
          return acc;
        }),
      ),
    interpolateMany: (values: readonly V[]) => values.map((v) => intt(F, v)),
    evaluate: (coeffs: V) => ntt(F, coeffs),
    cosetLdeMany: (coeffs: readonly V[], blowup: number, offset: bigint) => coeffs.map((c) => lowDegreeExtend(F, c, blowup, offset)),
    packRows: (columns: readonly V[]) => {
      const n = columns[0]?.length ?? 0;
      const width = columns.length * F.byteLength;
      const out = new Uint8Array(n * width);
      for (let i = 0; i < n; i++) columns.forEach((c, j) => out.set(F.toBytes(c[i]!), i * width + j * F.byteLength));
      return out;
    },
  });
}
