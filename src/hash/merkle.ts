/**
 * Merkle commitments for the STARK (issue "STARK prover and verifier", item 2): a binary tree over 2^k leaf
 * digests with node = H(left ‖ right) (`Hasher.merge`), leaf digests of rows of field elements with
 * optional zero-knowledge salts, and batch openings that send each needed sibling once — Winterfell's
 * `BatchMerkleProof` idea (winterfell/crypto/src/merkle/proofs.rs), with the canonical encoding below.
 *
 * Node numbering (heap order, as Winterfell's `MerkleTree`): node 1 is the root, node n + i is leaf i,
 * node j has children 2j and 2j + 1; the depth is log2 n.
 *
 * Batch proof: the list of 32-byte sibling digests in the order the verifier needs them (as bytes: their
 * concatenation, 32 · `batchProofLength(leafCount, indices)` bytes — the count is implied). Start with the
 * set S of requested leaf nodes {n + i}. For each level from the leaves up to depth 1, walk S in increasing
 * node number: for a node whose sibling is also in S, take the pair as known; otherwise append
 * the sibling's digest to the proof. Replace S by the set of parents and continue until S = {1}. The proof
 * therefore depends only on the *set* of indices (any order, no duplicates), holds exactly the siblings that
 * cannot be computed from the opened leaves, and a single-index proof is the ordinary authentication path
 * (depth digests, bottom-up). Its length follows from (leafCount, indices) alone: `batchProofLength`.
 */
import { HashLengthError, MerkleError } from "./errors.js";
import type { Hasher } from "./hasher.js";

/** Largest supported leaf count (node numbers stay exact integers far beyond any tree that fits in memory). */
export const MERKLE_MAX_LEAVES = 2 ** 40;

const isPowerOfTwo = (n: number) => Number.isSafeInteger(n) && n >= 2 && n <= MERKLE_MAX_LEAVES && 2 ** Math.round(Math.log2(n)) === n;

/**
 * The walk shared by prover and verifier. `sorted` holds distinct leaf indices in increasing order; for every
 * level it calls `level(known, missing)` where `known` are the node numbers known at that level (increasing)
 * and `missing` the sibling node numbers the proof supplies, in proof order.
 */
function walk(leafCount: number, sorted: readonly number[], level: (known: readonly number[], missing: readonly number[]) => void): void {
  let known = sorted.map((i) => leafCount + i);
  while (known[0]! > 1) {
    const missing: number[] = [];
    const parents: number[] = [];
    for (let j = 0; j < known.length; j++) {
      const node = known[j]!;
      if (node % 2 === 0 && known[j + 1] === node + 1) j++; // both children known
      else missing.push(node % 2 === 0 ? node + 1 : node - 1);
      parents.push(Math.floor(node / 2));
    }
    level(known, missing);
    known = parents;
  }
}

/** Number of 32-byte digests in the batch proof of `indices` (distinct, in [0, leafCount)) for a tree of leafCount leaves. */
export function batchProofLength(leafCount: number, indices: readonly number[]): number {
  const sorted = checkedIndices(leafCount, indices);
  let count = 0;
  walk(leafCount, sorted, (_, missing) => (count += missing.length));
  return count;
}

function checkedIndices(leafCount: number, indices: readonly number[]): number[] {
  if (!isPowerOfTwo(leafCount)) throw new MerkleError(`leaf count must be a power of two in [2, 2^40], got ${leafCount}`);
  if (indices.length === 0) throw new MerkleError("a batch opening needs at least one index, got none");
  const sorted = [...indices].sort((a, b) => a - b);
  for (let j = 0; j < sorted.length; j++) {
    const i = sorted[j]!;
    if (!Number.isSafeInteger(i) || i < 0 || i >= leafCount) throw new MerkleError(`leaf index ${i} is not an integer in [0, ${leafCount})`);
    if (j > 0 && sorted[j - 1] === i) throw new MerkleError(`leaf index ${i} is repeated: indices must be distinct`);
  }
  return sorted;
}

/** A Merkle tree over n = 2^k ≥ 2 leaf digests, all 2n nodes kept (heap order). */
export class MerkleTree {
  private constructor(
    readonly hasher: Hasher,
    readonly leafCount: number,
    /** 2n × 32 bytes: node j at 32j; node 0 is unused (zero). */
    private readonly nodes: Uint8Array,
  ) {}

  /**
   * Builds the tree over `leafDigests` (n × 32 bytes, n a power of two ≥ 2), one `mergeLayer` call per level
   * (a single WebAssembly call per level for BLAKE3). The leaf bytes are copied.
   */
  static build(hasher: Hasher, leafDigests: Uint8Array): MerkleTree {
    const n = leafDigests.length / 32;
    if (!isPowerOfTwo(n)) {
      throw new MerkleError(`MerkleTree.build: expected n × 32 bytes of leaf digests with n a power of two ≥ 2, got ${leafDigests.length} bytes`);
    }
    const nodes = new Uint8Array(64 * n);
    nodes.set(leafDigests, 32 * n);
    for (let k = n / 2; k >= 1; k /= 2) nodes.set(hasher.mergeLayer(nodes.subarray(64 * k, 128 * k)), 32 * k);
    return new MerkleTree(hasher, n, nodes);
  }

  /** log2 of the leaf count (= the length of an authentication path). */
  get depth(): number {
    return Math.round(Math.log2(this.leafCount));
  }

  /** The root digest (a copy). */
  get root(): Uint8Array {
    return this.nodes.slice(32, 64);
  }

  /** Digest of leaf i (a copy). */
  leaf(i: number): Uint8Array {
    checkedIndices(this.leafCount, [i]);
    return this.node(this.leafCount + i);
  }

  /** Digest of node j in heap order (1 = root, n + i = leaf i); a copy. */
  node(j: number): Uint8Array {
    if (!Number.isSafeInteger(j) || j < 1 || j >= 2 * this.leafCount) throw new MerkleError(`node ${j} is not in [1, ${2 * this.leafCount})`);
    return this.nodes.slice(32 * j, 32 * j + 32);
  }

  /** Authentication path of leaf i: depth sibling digests, bottom-up (= `openBatch([i])`). */
  open(index: number): Uint8Array[] {
    return this.openBatch([index]);
  }

  /**
   * Batch opening of distinct leaf indices (any order): the sibling digests the verifier cannot compute, in
   * the canonical order of the module header. MerkleError for an empty, out-of-range or repeated index.
   */
  openBatch(indices: readonly number[]): Uint8Array[] {
    const sorted = checkedIndices(this.leafCount, indices);
    const proof: Uint8Array[] = [];
    walk(this.leafCount, sorted, (_, missing) => {
      for (const j of missing) proof.push(this.nodes.slice(32 * j, 32 * j + 32));
    });
    return proof;
  }
}

const isBytes = (x: unknown): x is Uint8Array => x instanceof Uint8Array;

/**
 * Verifies a batch opening: the leaves `indices[k]` (any order, distinct) have digests
 * `leafDigests[32k … 32k + 32)` in the tree of `leafCount` leaves with root `root`. Never throws on malformed
 * input: a leaf count that is not a power of two, an empty, out-of-range, non-integer or repeated index, a
 * digest buffer of the wrong length, a proof with missing, extra or non-32-byte digests — all give false. Hashes one
 * level per `mergeLayer` call.
 */
export function verifyBatch(
  hasher: Hasher,
  root: Uint8Array,
  leafCount: number,
  indices: readonly number[],
  leafDigests: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isBytes(root) || root.length !== 32 || !isBytes(leafDigests) || !Array.isArray(proof) || !Array.isArray(indices)) return false;
  if (!isPowerOfTwo(leafCount) || indices.length === 0 || leafDigests.length !== 32 * indices.length) return false;
  if (!proof.every((d) => isBytes(d) && d.length === 32)) return false;
  // Node number → digest of every node known so far at the current level.
  let values = new Map<number, Uint8Array>();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (typeof i !== "number" || !Number.isSafeInteger(i) || i < 0 || i >= leafCount) return false;
    if (values.has(leafCount + i)) return false;
    values.set(leafCount + i, leafDigests.subarray(32 * k, 32 * k + 32));
  }
  const sorted = [...values.keys()].map((j) => j - leafCount).sort((a, b) => a - b);
  let used = 0;
  let ok = true;
  walk(leafCount, sorted, (known, missing) => {
    if (!ok) return;
    if (proof.length < used + missing.length) {
      ok = false;
      return;
    }
    for (const j of missing) values.set(j, proof[used++]!);
    // Pairs (left ‖ right) of every parent of this level, in increasing parent order, hashed in one call.
    const parents: number[] = [];
    for (const j of known) {
      const p = Math.floor(j / 2);
      if (parents[parents.length - 1] !== p) parents.push(p);
    }
    const pairs = new Uint8Array(64 * parents.length);
    parents.forEach((p, k) => {
      pairs.set(values.get(2 * p)!, 64 * k);
      pairs.set(values.get(2 * p + 1)!, 64 * k + 32);
    });
    const digests = hasher.mergeLayer(pairs);
    const next = new Map<number, Uint8Array>();
    parents.forEach((p, k) => next.set(p, digests.subarray(32 * k, 32 * k + 32)));
    values = next;
  });
  if (!ok || used !== proof.length) return false;
  const computed = values.get(1);
  return computed !== undefined && equalBytes(computed, root);
}

/** Verifies a single authentication path (bottom-up siblings) of leaf `index`; false on malformed input. */
export function verifyPath(hasher: Hasher, root: Uint8Array, leafCount: number, index: number, leafDigest: Uint8Array, path: readonly Uint8Array[]): boolean {
  return verifyBatch(hasher, root, leafCount, [index], leafDigest, path);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Leaf digests of `rows` (row-major: count rows of `rowBytes` bytes, e.g. the little-endian field elements of
 * one trace row): leaf i = H(row i) or, with salts, H(row i ‖ salt i) where `salts` holds count equal-length
 * salts back to back (the zero-knowledge variant: a fresh random salt per leaf hides the row when its digest
 * is opened or sent as a sibling). One `hashLeaves` call (a WebAssembly batch for BLAKE3).
 */
export function hashLeafRows(hasher: Hasher, rows: Uint8Array, rowBytes: number, salts?: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(rowBytes) || rowBytes < 1) throw new HashLengthError(`hashLeafRows: rowBytes must be an integer ≥ 1, got ${rowBytes}`);
  if (rows.length % rowBytes !== 0) throw new HashLengthError(`hashLeafRows: ${rows.length} bytes is not a whole number of ${rowBytes}-byte rows`);
  const count = rows.length / rowBytes;
  if (salts === undefined) return hasher.hashLeaves(rows, rowBytes, count);
  if (count === 0 ? salts.length !== 0 : salts.length % count !== 0) {
    throw new HashLengthError(`hashLeafRows: ${salts.length} bytes of salts do not split into ${count} equal salts`);
  }
  const saltBytes = count === 0 ? 0 : salts.length / count;
  const leafBytes = rowBytes + saltBytes;
  const leaves = new Uint8Array(leafBytes * count);
  for (let i = 0; i < count; i++) {
    leaves.set(rows.subarray(rowBytes * i, rowBytes * (i + 1)), leafBytes * i);
    leaves.set(salts.subarray(saltBytes * i, saltBytes * (i + 1)), leafBytes * i + rowBytes);
  }
  return hasher.hashLeaves(leaves, leafBytes, count);
}
