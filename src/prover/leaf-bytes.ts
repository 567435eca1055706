/**
 * The verifier's leaf bytes and leaf digests for opened rows, written for speed: a row of canonical elements
 * encoded 64-bit word by word (the same bytes as F.toBytes per element: fixed-length little-endian, extension
 * coordinates in order), and equal-length leaves hashed with one `hashLeaves` call (the same digests as one
 * `hash` per leaf, as saltedLeafDigests in zk.ts computes them). Only for rows of canonical elements.
 */
import type { Hasher } from "../hash/hasher.js";
import type { Field } from "../math/field.js";
import { saltedLeafDigests } from "./zk.js";

const MASK64 = (1n << 64n) - 1n;

/** Each row's bytes: element j at j·F.byteLength (F.toBytes of every element, concatenated). */
export function encodeRows<T>(F: Field<T>, rows: readonly (readonly T[])[]): Uint8Array[] {
  const L = F.byteLength;
  const sample = rows.find((r) => r.length > 0)?.[0];
  const k = Array.isArray(sample) ? sample.length : 1;
  const coordBytes = L / k;
  const words = Number.isInteger(coordBytes) && coordBytes % 8 === 0 ? coordBytes / 8 : 0;
  return rows.map((row) => {
    const out = new Uint8Array(row.length * L);
    if (words === 0) {
      row.forEach((v, j) => out.set(F.toBytes(v), j * L));
      return out;
    }
    const view = new DataView(out.buffer);
    for (let j = 0; j < row.length; j++) {
      const v = row[j]!;
      const coords = (Array.isArray(v) ? v : [v]) as readonly bigint[];
      if (coords.length !== k || typeof coords[0] !== "bigint") {
        out.set(F.toBytes(v), j * L);
        continue;
      }
      for (let c = 0; c < k; c++) {
        let x = coords[c]!;
        for (let m = 0; m < words; m++, x >>= 64n) view.setBigUint64(j * L + c * coordBytes + 8 * m, x & MASK64, true);
      }
    }
    return out;
  });
}

/** H(leaf ‖ salt) per leaf (no salt: H(leaf)), in one hashLeaves call when all are the same non-zero length. */
export function hashEqualLeaves(hasher: Hasher, leaves: readonly Uint8Array[], salts: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(0);
  const len = leaves[0]!.length + (salts[0]?.length ?? 0);
  const equal = len > 0 && leaves.every((l, i) => l.length + (salts[i]?.length ?? 0) === len);
  if (!equal) return saltedLeafDigests(hasher, leaves, salts);
  const data = new Uint8Array(len * leaves.length);
  leaves.forEach((l, i) => {
    data.set(l, i * len);
    const s = salts[i];
    if (s) data.set(s, i * len + l.length);
  });
  return hasher.hashLeaves(data, len, leaves.length);
}
