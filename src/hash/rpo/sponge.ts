/**
 * The RPO sponge over the Rescue-XLIX permutation (permutation.ts): width 12 = capacity 4 + rate 8, overwrite-mode
 * absorption (a block replaces the rate, it is not added), one squeeze of 4 elements. Three parameter sets, all
 * on the same permutation, differing only in state layout and padding — each reproduces its published vectors:
 *
 *   rpo-256              the specification (eprint 2022/1577 §2 "Padding Rule", "Overwrite Mode", "Indexation of
 *                        State Elements"; test vectors in its §3): capacity s0..s3, rate s4..s11, digest s4..s7.
 *                        An input whose length is a multiple of 8 is absorbed as is, capacity zero; any other gets a
 *                        1 and then zeros appended and capacity[0] = 1 (its domain separation). The empty input is
 *                        not allowed. miden-crypto v0.1–v0.10 `Rpo256::hash_elements` is exactly this.
 *   miden-rpo-256-v0.11  miden-crypto v0.11–v0.20: capacity[0] = length mod 8, zero padding (the padding of the
 *                        XHash paper, eprint 2023/1045; 0xMiden/crypto PR #318); same layout. Empty input → 0⁴.
 *   miden-rpo-256        miden-crypto ≥ v0.21 (PR #755): as v0.11 with the layout reversed — rate s0..s7,
 *                        capacity s8..s11, digest s0..s3.
 *
 * `merge(a, b)` is the 2-to-1 compression: rate = a ‖ b, capacity zero, one permutation, the digest — the same as
 * hashing the 8 elements under every preset. Inputs must be canonical (HashInputError names the bad element).
 * The specification defines no byte hashing; miden-crypto's `hash(bytes)` is not reproduced here.
 */
import { HashInputError } from "../errors.js";
import { RPO_256_PERMUTATION, type RescueXlixParams, _checkElements, rescueXlixPermute } from "./permutation.js";
import { rpoPermuteFast } from "./permutation-fast.js";

/** RPO-256's permutation on the WebAssembly kernels (permutation-fast.ts, the same values); others the reference. */
const permuteWith = (P: RescueXlixParams, state: readonly bigint[]): bigint[] => (P === RPO_256_PERMUTATION ? rpoPermuteFast(state) : rescueXlixPermute(P, state));

export type RpoPadding = "rpo-spec" | "length-mod-rate";

export interface RpoSpongeSpec {
  readonly id: string;
  readonly title: string;
  readonly permutation: RescueXlixParams;
  /** State indices of the capacity (capacity[0] carries the domain separation), the rate and the digest. */
  readonly capacity: readonly number[];
  readonly rate: readonly number[];
  readonly digest: readonly number[];
  readonly padding: RpoPadding;
}

/** An RPO digest: 4 Goldilocks elements. */
export type RpoDigest = readonly bigint[];

const range = (a: number, b: number): readonly number[] => Object.freeze(Array.from({ length: b - a }, (_, i) => a + i));

/** The specification's sponge (eprint 2022/1577 §2; ASDiscreteMathematics/rpo `rpo_hash`). The default. */
export const RPO_256: RpoSpongeSpec = Object.freeze({
  id: "rpo-256",
  title: "RPO-256 as specified (eprint 2022/1577): capacity first, 10* padding with capacity[0] = 1 when padded",
  permutation: RPO_256_PERMUTATION,
  capacity: range(0, 4),
  rate: range(4, 12),
  digest: range(4, 8),
  padding: "rpo-spec",
});

/** miden-crypto v0.11.0 … v0.20.x `Rpo256::hash_elements`: capacity[0] = length mod 8, zero padding. */
export const MIDEN_RPO_256_V0_11: RpoSpongeSpec = Object.freeze({
  id: "miden-rpo-256-v0.11",
  title: "miden-crypto v0.11–v0.20 Rpo256: capacity first, capacity[0] = length mod 8, zero padding",
  permutation: RPO_256_PERMUTATION,
  capacity: range(0, 4),
  rate: range(4, 12),
  digest: range(4, 8),
  padding: "length-mod-rate",
});

/** miden-crypto ≥ v0.21.0 `Rpo256::hash_elements`: rate first, capacity[0] = length mod 8, zero padding. */
export const MIDEN_RPO_256: RpoSpongeSpec = Object.freeze({
  id: "miden-rpo-256",
  title: "miden-crypto ≥ v0.21 Rpo256: rate first, capacity[0] = length mod 8, zero padding",
  permutation: RPO_256_PERMUTATION,
  capacity: range(8, 12),
  rate: range(0, 8),
  digest: range(0, 4),
  padding: "length-mod-rate",
});

/** The presets by id. */
export const RPO_SPONGES: Readonly<Record<"rpo-256" | "miden-rpo-256-v0.11" | "miden-rpo-256", RpoSpongeSpec>> = Object.freeze({
  "rpo-256": RPO_256,
  "miden-rpo-256-v0.11": MIDEN_RPO_256_V0_11,
  "miden-rpo-256": MIDEN_RPO_256,
});

/**
 * What the padding rule does to an input of n elements: `domain`, the initial value of capacity[0] (the other
 * capacity elements start at zero), and `tail`, the elements appended so the length is a multiple of the rate.
 * HashInputError for n = 0 under the specification ("the zero-length input is not allowed").
 */
export function spongePadding(spec: RpoSpongeSpec, n: number): { readonly domain: bigint; readonly tail: readonly bigint[] } {
  if (!Number.isSafeInteger(n) || n < 0) throw new HashInputError(`${spec.id}: input length`, n, "an integer ≥ 0");
  const r = spec.rate.length;
  const short = (r - (n % r)) % r;
  if (spec.padding === "length-mod-rate") return { domain: BigInt(n % r), tail: new Array<bigint>(short).fill(0n) };
  if (n === 0) throw new HashInputError(`${spec.id}: input length`, 0, "at least one element (the RPO specification does not allow the empty input)");
  if (short === 0) return { domain: 0n, tail: [] };
  return { domain: 1n, tail: [1n, ...new Array<bigint>(short - 1).fill(0n)] };
}

/** The digest of a sequence of canonical Goldilocks elements under `spec`. */
export function hashElementsWith(spec: RpoSpongeSpec, elements: readonly bigint[]): bigint[] {
  const P = spec.permutation;
  _checkElements({ name: spec.id, p: P.p }, "hashElements: input", elements);
  const { domain, tail } = spongePadding(spec, elements.length);
  const padded = [...elements, ...tail];
  let state = new Array<bigint>(P.width).fill(0n);
  state[spec.capacity[0]!] = domain;
  const r = spec.rate.length;
  for (let b = 0; b < padded.length; b += r) {
    spec.rate.forEach((idx, j) => (state[idx] = padded[b + j]!)); // overwrite mode
    state = permuteWith(P, state);
  }
  return spec.digest.map((i) => state[i]!);
}

/** 2-to-1 compression of two digests under `spec`: rate = a ‖ b, capacity zero, one permutation. */
export function mergeWith(spec: RpoSpongeSpec, a: RpoDigest, b: RpoDigest): bigint[] {
  const P = spec.permutation;
  const half = spec.rate.length / 2;
  _checkElements({ name: spec.id, p: P.p }, "merge: left digest", a, half);
  _checkElements({ name: spec.id, p: P.p }, "merge: right digest", b, half);
  const state = new Array<bigint>(P.width).fill(0n);
  [...a, ...b].forEach((x, j) => (state[spec.rate[j]!] = x));
  const out = permuteWith(P, state);
  return spec.digest.map((i) => out[i]!);
}

/** RPO-256 (the specification) of a sequence of canonical Goldilocks elements: 4 elements. */
export function hashElements(elements: readonly bigint[]): bigint[] {
  return hashElementsWith(RPO_256, elements);
}

/** RPO-256 2-to-1 compression of two 4-element digests. */
export function merge(a: RpoDigest, b: RpoDigest): bigint[] {
  return mergeWith(RPO_256, a, b);
}

/** 8 little-endian bytes of a 64-bit value as 16 hex digits (and back): byte order reversed from toString(16). */
const swapBytes = (hex16: string): string => hex16.match(/../g)!.reverse().join("");

/** A digest as hex: each element 8 bytes little-endian (as miden-crypto's `Word` bytes), 64 hex digits. */
export function rpoDigestHex(d: RpoDigest): string {
  _checkElements(RPO_256_PERMUTATION, "digestHex: digest", d, 4);
  return d.map((x) => swapBytes(x.toString(16).padStart(16, "0"))).join("");
}

/** Inverse of rpoDigestHex: 64 hex digits, each 16-digit group a canonical element (HashInputError otherwise). */
export function rpoDigestFromHex(hex: string): bigint[] {
  if (typeof hex !== "string" || !/^[0-9a-fA-F]{64}$/.test(hex))
    throw new HashInputError("RPO-256 digestFromHex: hex", hex, "64 hex digits (4 elements × 8 bytes little-endian)");
  const d = Array.from({ length: 4 }, (_, i) => BigInt(`0x${swapBytes(hex.slice(16 * i, 16 * i + 16))}`));
  _checkElements(RPO_256_PERMUTATION, "digestFromHex: digest", d, 4);
  return d;
}
