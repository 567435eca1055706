/**
 * FRI: proves that evaluations over a coset domain come from a polynomial of degree < d (Ben-Sasson, Bentov,
 * Horesh, Riabzev, "Fast Reed–Solomon Interactive Oracle Proofs of Proximity", ICALP 2018), with folding
 * factor f ∈ {2, 4, 8} and a remainder polynomial sent in the clear, as Winterfell's `fri` crate does.
 *
 * Layer r lives on D_r = g^(f^r)·⟨ω_{N_r}⟩, N_r = N / f^r. Leaf j of layer r holds the f values at positions
 * j + k·N_{r+1} (k < f): the points x_j·ζ^k, ζ a primitive f-th root of unity, which x ↦ x^f maps to one point
 * of D_{r+1}. Folding with the verifier's α_r: writing p(X) = Σ_m X^m p_m(X^f),
 *
 *   p_{r+1}(x^f) = Σ_m α_r^m p_m(x^f),   p_m(x^f) = (1/f) Σ_k p(xζ^k)·(xζ^k)^(−m).
 */
import type { Field } from "../math/field.js";
import { type MerkleTree, MerkleTree as Tree, hashLeafRows, verifyBatch } from "../hash/merkle.js";
import type { Hasher } from "../hash/hasher.js";
import type { Transcript } from "../hash/transcript.js";
import { intt } from "../math/ntt.js";
import { VerificationError } from "./errors.js";
import type { Challenge } from "./fields.js";
import { SALT_BYTES, saltedLeafDigests, saltsAt } from "./zk.js";

export interface FriParameters {
  readonly foldingFactor: number;
  readonly remainderMaxDegree: number;
  /**
   * Zero knowledge: never fold below this many coefficients (default 1). With a random mask in the DEEP
   * polynomial, each layer then opens fewer points than its randomness can hide (docs/prover.md).
   */
  readonly minRemainderSize?: number;
}

/** Sizes of the FRI layers for a domain of size N and a degree bound d (< d). */
export function friLayerCount(domainSize: number, degreeBound: number, p: FriParameters): number {
  let layers = 0;
  let d = degreeBound;
  let n = domainSize;
  const floor = p.minRemainderSize ?? 1;
  while (d > p.remainderMaxDegree + 1 && n / p.foldingFactor >= p.foldingFactor && Math.ceil(d / p.foldingFactor) >= floor) {
    d = Math.ceil(d / p.foldingFactor);
    n /= p.foldingFactor;
    layers++;
  }
  return layers;
}

export interface FriLayerOpening {
  /** Values of each opened leaf (f challenge-field elements), in the order of `leafIndices`. */
  readonly leaves: readonly (readonly Challenge[])[];
  /** Batch Merkle proof for the leaves. */
  readonly proof: readonly Uint8Array[];
  /** Zero knowledge: the opened leaves' salts (SALT_BYTES each, leaf digest = H(values ‖ salt)); else empty. */
  readonly salts: readonly Uint8Array[];
}

export interface FriProof {
  readonly layerRoots: readonly Uint8Array[];
  /** Coefficients of the remainder polynomial (degree < the final bound). */
  readonly remainder: readonly Challenge[];
  readonly openings: readonly FriLayerOpening[];
}

function encode(E: Field<Challenge>, values: readonly Challenge[]): Uint8Array {
  const out = new Uint8Array(values.length * E.byteLength);
  values.forEach((v, i) => out.set(E.toBytes(v), i * E.byteLength));
  return out;
}

/** ζ^(−k·m) table and 1/f for a folding factor. */
export interface FoldingConstants {
  readonly f: number;
  readonly zetaInv: readonly Challenge[];
  readonly fInv: Challenge;
}

export function foldingConstants(E: Field<Challenge>, f: number): FoldingConstants {
  const zeta = E.rootOfUnity(Math.log2(f));
  const zinv = E.inv(zeta);
  const zetaInv: Challenge[] = [E.ONE];
  for (let i = 1; i < f; i++) zetaInv.push(E.mul(zetaInv[i - 1]!, zinv));
  return { f, zetaInv, fInv: E.inv(E.fromBigint(BigInt(f))) };
}

/** The folded value at x^f from the f values at x·ζ^k, given 1/x. */
export function foldWith(E: Field<Challenge>, k: FoldingConstants, values: readonly Challenge[], xInv: Challenge, alpha: Challenge): Challenge {
  const ratio = E.mul(alpha, xInv); // α / x
  let acc = E.ZERO;
  let pow = E.ONE; // (α/x)^m
  for (let m = 0; m < k.f; m++) {
    let s = E.ZERO;
    for (let j = 0; j < k.f; j++) s = E.add(s, E.mul(values[j]!, k.zetaInv[(j * m) % k.f]!));
    acc = E.add(acc, E.mul(pow, s));
    pow = E.mul(pow, ratio);
  }
  return E.mul(acc, k.fInv);
}

/** The folded value at x^f from the f values at x·ζ^k (k < f). */
export function foldLeaf(E: Field<Challenge>, f: number, values: readonly Challenge[], x: Challenge, alpha: Challenge): Challenge {
  return foldWith(E, foldingConstants(E, f), values, E.inv(x), alpha);
}

/** A FRI layer's evaluations as the commit phase needs them (steps/fri-layer.ts holds them on a backend). */
export interface LayerValues {
  readonly length: number;
  get(i: number): Challenge;
  /** The n/f leaves packed back to back: leaf j holds the values at j, j + n/f, …, j + (f − 1)·n/f. */
  packLeaves(f: number): Uint8Array;
  /** The next layer: fold by f with α, the layer living on g·⟨ω_n⟩. */
  fold(g: bigint, alpha: Challenge, f: number): LayerValues;
  all(): Challenge[];
}

interface ProverLayer {
  readonly values: LayerValues;
  readonly tree: MerkleTree;
  /** Leaf salts back to back (zero knowledge), else undefined. */
  readonly salts: Uint8Array | undefined;
}

/** Commit phase: folds `values` (over g·⟨ω_N⟩) layer by layer; absorbs roots and the remainder into the transcript. */
export function friCommit(
  E: Field<Challenge>,
  hasher: Hasher,
  transcript: Transcript,
  values: LayerValues,
  offset: bigint,
  degreeBound: number,
  p: FriParameters,
  /** Zero knowledge: returns `count` leaf salts (SALT_BYTES each) for a layer. */
  salts?: (count: number) => Uint8Array,
): { layers: ProverLayer[]; remainder: Challenge[] } {
  const f = p.foldingFactor;
  const layers: ProverLayer[] = [];
  let current = values;
  let g = offset;
  let d = degreeBound;
  const count = friLayerCount(values.length, degreeBound, p);
  const F = E.characteristic;
  for (let r = 0; r < count; r++) {
    const next = current.length / f;
    const layerSalts = salts?.(next);
    const tree = Tree.build(hasher, hashLeafRows(hasher, current.packLeaves(f), f * E.byteLength, layerSalts));
    layers.push({ values: current, tree, salts: layerSalts });
    transcript.absorb(`fri-layer-${r}`, tree.root);
    const alpha = transcript.drawField(E, `fri-alpha-${r}`);
    current = current.fold(g, alpha, f);
    g = modPowBig(g, BigInt(f), F);
    d = Math.ceil(d / f);
  }
  // remainder: interpolate the last layer over its coset and keep the coefficients below the bound
  const coeffs = interpolateCoset(E, current.all(), E.fromBigint(g));
  const remainder = coeffs.slice(0, d);
  transcript.absorb("fri-remainder", encode(E, remainder));
  return { layers, remainder };
}

function modPowBig(x: bigint, e: bigint, p: bigint): bigint {
  let r = 1n;
  let b = x % p;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % p;
    b = (b * b) % p;
    e >>= 1n;
  }
  return r;
}

/** Coefficients of the polynomial with the given values on g·⟨ω_n⟩. */
function interpolateCoset(E: Field<Challenge>, values: readonly Challenge[], g: Challenge): Challenge[] {
  const c = intt(E, values);
  const gInv = E.inv(g);
  let s = E.ONE;
  return c.map((v) => {
    const out = E.mul(v, s);
    s = E.mul(s, gInv);
    return out;
  });
}

/** Query phase: opens every layer at the positions derived from the layer-0 query positions. */
export function friOpen(layers: readonly ProverLayer[], positions: readonly number[], f: number): FriLayerOpening[] {
  let pos = [...positions];
  return layers.map((layer) => {
    const next = layer.values.length / f;
    const leafIdx = [...new Set(pos.map((p) => p % next))];
    const leaves = leafIdx.map((j) => Array.from({ length: f }, (_, k) => layer.values.get(j + k * next)));
    pos = leafIdx;
    return { leaves, proof: layer.tree.openBatch(leafIdx), salts: layer.salts ? saltsAt(layer.salts, leafIdx) : [] };
  });
}

export interface FriVerifierInput {
  readonly E: Field<Challenge>;
  readonly hasher: Hasher;
  readonly domainSize: number;
  readonly offset: bigint;
  readonly degreeBound: number;
  readonly params: FriParameters;
  readonly layerRoots: readonly Uint8Array[];
  readonly alphas: readonly Challenge[];
  readonly remainder: readonly Challenge[];
  readonly openings: readonly FriLayerOpening[];
  /** Query positions in layer 0 and the values the verifier computed there (DEEP composition). */
  readonly positions: readonly number[];
  readonly values: readonly Challenge[];
  /** Zero knowledge: leaves carry salts. */
  readonly salted: boolean;
  /**
   * The base field and the challenge field's product by a base element: with them the domain points and their
   * inverses are computed in the base field and folding multiplies by base constants (`foldLeafBase`, the same
   * values as foldLeaf); without them the generic challenge-field arithmetic, as before.
   */
  readonly base?: { readonly F: Field<bigint>; readonly mulBase: (c: Challenge, b: bigint) => Challenge };
}

/** ζ^(−k) (k < f) and 1/f in the base field, for foldLeafBase. */
export interface BaseFoldingConstants {
  readonly f: number;
  readonly zetaInv: readonly bigint[];
  readonly fInv: bigint;
}

export function baseFoldingConstants(F: Field<bigint>, f: number): BaseFoldingConstants {
  const zinv = F.inv(F.rootOfUnity(Math.log2(f)));
  const zetaInv: bigint[] = [F.ONE];
  for (let i = 1; i < f; i++) zetaInv.push(F.mul(zetaInv[i - 1]!, zinv));
  return { f, zetaInv, fInv: F.inv(F.fromBigint(BigInt(f))) };
}

/**
 * foldWith for a base-field 1/x and base constants: the same value, with products by base elements (`mulBase`)
 * where foldWith multiplies challenge elements.
 */
export function foldLeafBase(E: Field<Challenge>, mulBase: (c: Challenge, b: bigint) => Challenge, k: BaseFoldingConstants, values: readonly Challenge[], xInv: bigint, alpha: Challenge): Challenge {
  const ratio = mulBase(alpha, xInv); // α / x
  let acc = E.ZERO;
  let pow = E.ONE; // (α/x)^m
  for (let m = 0; m < k.f; m++) {
    let s = E.ZERO;
    for (let j = 0; j < k.f; j++) s = E.add(s, mulBase(values[j]!, k.zetaInv[(j * m) % k.f]!));
    acc = E.add(acc, m === 0 ? s : E.mul(pow, s));
    if (m + 1 < k.f) pow = m === 0 ? ratio : E.mul(pow, ratio);
  }
  return mulBase(acc, k.fInv);
}

/** Checks openings, folding consistency and the remainder. Throws VerificationError naming the failure. */
export function friVerify(v: FriVerifierInput): void {
  const { E, params } = v;
  const f = params.foldingFactor;
  const count = friLayerCount(v.domainSize, v.degreeBound, params);
  if (v.layerRoots.length !== count || v.openings.length !== count || v.alphas.length !== count)
    throw new VerificationError("format", `expected ${count} FRI layers, got ${v.layerRoots.length}`);
  let d = v.degreeBound;
  for (let r = 0; r < count; r++) d = Math.ceil(d / f);
  if (v.remainder.length > d) throw new VerificationError("fri-remainder", `remainder has ${v.remainder.length} coefficients, the bound is ${d}`);
  let n = v.domainSize;
  let g: Challenge = E.fromBigint(v.offset);
  const base = v.base;
  let gB = base ? base.F.fromBigint(v.offset) : 0n;
  const baseConstants = base ? baseFoldingConstants(base.F, f) : undefined;
  let pos = [...v.positions];
  let vals = [...v.values];
  for (let r = 0; r < count; r++) {
    const next = n / f;
    const leafIdx = [...new Set(pos.map((p) => p % next))];
    const opening = v.openings[r]!;
    if (opening.leaves.length !== leafIdx.length || opening.leaves.some((l) => l.length !== f))
      throw new VerificationError("format", `FRI layer ${r}: expected ${leafIdx.length} leaves of ${f} values`);
    if (opening.salts.length !== (v.salted ? leafIdx.length : 0) || opening.salts.some((s) => s.length !== SALT_BYTES))
      throw new VerificationError("format", `FRI layer ${r}: ${opening.salts.length} leaf salts, expected ${v.salted ? leafIdx.length : 0}`);
    const leafDigests = saltedLeafDigests(v.hasher, opening.leaves.map((l) => encode(E, l)), opening.salts);
    if (!verifyBatch(v.hasher, v.layerRoots[r]!, next, leafIdx, leafDigests, opening.proof))
      throw new VerificationError("fri-opening", `FRI layer ${r}: Merkle opening does not match the committed root`);
    // the value at each queried position must be the one computed from the previous layer
    pos.forEach((p, i) => {
      const leaf = opening.leaves[leafIdx.indexOf(p % next)]!;
      if (!E.eq(leaf[Math.floor(p / next)]!, vals[i]!))
        throw new VerificationError("fri-folding", `FRI layer ${r}, position ${p}: value does not match the ${r === 0 ? "DEEP composition" : "folded previous layer"}`);
    });
    if (base) {
      // x_j = g·ω^j in the base field, all inverted at once
      const B = base.F;
      const omegaB = B.rootOfUnity(Math.log2(n));
      const xInv = B.invertBatch(leafIdx.map((j) => B.mul(gB, B.pow(omegaB, BigInt(j)))));
      vals = leafIdx.map((_, i) => foldLeafBase(E, base.mulBase, baseConstants!, opening.leaves[i]!, xInv[i]!, v.alphas[r]!));
      gB = B.pow(gB, BigInt(f));
    } else {
      const omega = E.rootOfUnity(Math.log2(n));
      vals = leafIdx.map((j, i) => foldLeaf(E, f, opening.leaves[i]!, E.mul(g, E.pow(omega, BigInt(j))), v.alphas[r]!));
    }
    pos = leafIdx;
    g = E.pow(g, BigInt(f));
    n = next;
  }
  // last layer values must be the remainder polynomial's evaluations
  if (base) {
    const B = base.F;
    const omegaB = B.rootOfUnity(Math.log2(n));
    pos.forEach((p, i) => {
      const x = B.mul(gB, B.pow(omegaB, BigInt(p)));
      let acc = E.ZERO;
      for (let k = v.remainder.length - 1; k >= 0; k--) acc = E.add(base.mulBase(acc, x), v.remainder[k]!);
      if (!E.eq(acc, vals[i]!)) throw new VerificationError("fri-remainder", `position ${p} of the last layer is not on the remainder polynomial`);
    });
    return;
  }
  const omega = E.rootOfUnity(Math.log2(n));
  pos.forEach((p, i) => {
    const x = E.mul(g, E.pow(omega, BigInt(p)));
    let acc = E.ZERO;
    for (let k = v.remainder.length - 1; k >= 0; k--) acc = E.add(E.mul(acc, x), v.remainder[k]!);
    if (!E.eq(acc, vals[i]!)) throw new VerificationError("fri-remainder", `position ${p} of the last layer is not on the remainder polynomial`);
  });
}
