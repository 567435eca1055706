import { bytesToHex } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BLAKE3_256, blake3Hasher } from "./blake3.js";
import { HashLengthError, MerkleError } from "./errors.js";
import type { Hasher } from "./hasher.js";
import { MerkleTree, batchProofLength, hashLeafRows, verifyBatch, verifyPath } from "./merkle.js";
import { SHA_256 } from "./sha256.js";
import { KECCAK_256 } from "./keccak256.js";

const hex = (b: Uint8Array) => bytesToHex(b);

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const leafAt = (leaves: Uint8Array, i: number) => leaves.subarray(32 * i, 32 * i + 32);
const gather = (leaves: Uint8Array, indices: readonly number[]) => {
  const out = new Uint8Array(32 * indices.length);
  indices.forEach((i, k) => out.set(leafAt(leaves, i), 32 * k));
  return out;
};

/** Root by plain recursion with `merge` (independent of the layer-wise build). */
function recursiveRoot(h: Hasher, leaves: Uint8Array, lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return leafAt(leaves, lo);
  const mid = (lo + hi) / 2;
  return h.merge(recursiveRoot(h, leaves, lo, mid), recursiveRoot(h, leaves, mid, hi));
}

/** Size of the minimal sibling set: siblings of every non-root node on the opened paths, minus those paths. */
function minimalSiblings(n: number, indices: readonly number[]): number {
  const onPaths = new Set<number>();
  for (const i of indices) for (let j = n + i; j > 1; j = Math.floor(j / 2)) onPaths.add(j);
  let count = 0;
  for (const j of onPaths) if (!onPaths.has(j ^ 1)) count++;
  return count;
}

/** A random tree of 2^logN leaves and the arbitrary for index sets in it. */
const treeAndIndices = fc
  .record({ logN: fc.integer({ min: 1, max: 9 }), seed: fc.integer() })
  .chain(({ logN, seed }) =>
    fc.record({
      logN: fc.constant(logN),
      seed: fc.constant(seed),
      indices: fc.uniqueArray(fc.integer({ min: 0, max: 2 ** logN - 1 }), { minLength: 1, maxLength: Math.min(40, 2 ** logN) }),
    }),
  );

describe("MerkleTree.build", () => {
  it.each([
    ["blake3-256", BLAKE3_256],
    ["sha256", SHA_256],
    ["keccak256", KECCAK_256],
  ] as const)("root = recursive merge of the leaves (%s), for n = 2 … 2^10", (_, h) => {
    for (let logN = 1; logN <= 10; logN++) {
      const n = 2 ** logN;
      const leaves = randomBytes(32 * n, logN);
      const tree = MerkleTree.build(h, leaves);
      expect(tree.leafCount).toBe(n);
      expect(tree.depth).toBe(logN);
      expect(hex(tree.root)).toBe(hex(recursiveRoot(h, leaves, 0, n)));
      expect(hex(tree.leaf(n - 1))).toBe(hex(leafAt(leaves, n - 1)));
      expect(hex(tree.node(1))).toBe(hex(tree.root));
    }
  });
  it("two leaves: root = merge(leaf 0, leaf 1)", () => {
    const leaves = randomBytes(64, 5);
    expect(hex(MerkleTree.build(BLAKE3_256, leaves).root)).toBe(hex(BLAKE3_256.merge(leaves.subarray(0, 32), leaves.subarray(32))));
  });
  it("WebAssembly and @noble backends build the same tree (2^12 leaves)", () => {
    const leaves = randomBytes(32 * 4096, 77);
    const a = MerkleTree.build(blake3Hasher({ backend: "wasm" }), leaves);
    const b = MerkleTree.build(blake3Hasher({ backend: "noble" }), leaves);
    expect(hex(a.root)).toBe(hex(b.root));
  });
  it("rejects leaf counts that are not a power of two ≥ 2, and bad node/leaf numbers", () => {
    for (const bytes of [0, 32, 96, 33, 32 * 6]) expect(() => MerkleTree.build(BLAKE3_256, new Uint8Array(bytes))).toThrow(MerkleError);
    const tree = MerkleTree.build(BLAKE3_256, randomBytes(32 * 4, 1));
    expect(() => tree.leaf(4)).toThrow(MerkleError);
    expect(() => tree.node(0)).toThrow(MerkleError);
    expect(() => tree.node(8)).toThrow(MerkleError);
  });
  it("copies its input: later changes to the leaf buffer do not change the tree", () => {
    const leaves = randomBytes(32 * 8, 3);
    const tree = MerkleTree.build(BLAKE3_256, leaves);
    const root = hex(tree.root);
    leaves[0]! ^= 1;
    expect(hex(tree.root)).toBe(root);
    tree.root[0]! ^= 1; // `root` returns a copy
    expect(hex(tree.root)).toBe(root);
  });
});

describe("single openings", () => {
  it("open(i) is the classic authentication path (siblings bottom-up) and verifies", () => {
    const n = 64;
    const leaves = randomBytes(32 * n, 11);
    const tree = MerkleTree.build(BLAKE3_256, leaves);
    for (const i of [0, 1, 17, 62, 63]) {
      const path = tree.open(i);
      expect(path.length).toBe(tree.depth);
      let j = n + i;
      path.forEach((d) => {
        expect(hex(d)).toBe(hex(tree.node(j ^ 1)));
        j >>= 1;
      });
      expect(verifyPath(BLAKE3_256, tree.root, n, i, leafAt(leaves, i), path)).toBe(true);
      expect(hex(Buffer.concat(path))).toBe(hex(Buffer.concat(tree.openBatch([i]))));
      expect(verifyPath(BLAKE3_256, tree.root, n, i ^ 1, leafAt(leaves, i), path)).toBe(false);
    }
  });
});

describe("batch openings", () => {
  it("verify for random index sets; the proof is the minimal sibling set, independent of index order (property)", () => {
    fc.assert(
      fc.property(treeAndIndices, ({ logN, seed, indices }) => {
        const n = 2 ** logN;
        const leaves = randomBytes(32 * n, seed);
        const tree = MerkleTree.build(BLAKE3_256, leaves);
        const proof = tree.openBatch(indices);
        expect(proof.length).toBe(minimalSiblings(n, indices));
        expect(proof.length).toBe(batchProofLength(n, indices));
        expect(proof.length).toBeLessThanOrEqual(indices.length * logN);
        expect(verifyBatch(BLAKE3_256, tree.root, n, indices, gather(leaves, indices), proof)).toBe(true);
        const sorted = [...indices].sort((a, b) => a - b);
        expect(hex(Buffer.concat(tree.openBatch(sorted)))).toBe(hex(Buffer.concat(proof)));
        expect(verifyBatch(BLAKE3_256, tree.root, n, sorted, gather(leaves, sorted), proof)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  it("all leaves opened: empty proof; sibling pairs opened: one digest less per pair", () => {
    const n = 16;
    const leaves = randomBytes(32 * n, 21);
    const tree = MerkleTree.build(SHA_256, leaves);
    const all = Array.from({ length: n }, (_, i) => i);
    expect(tree.openBatch(all)).toEqual([]);
    expect(verifyBatch(SHA_256, tree.root, n, all, leaves, [])).toBe(true);
    expect(tree.openBatch([4, 5]).length).toBe(3);
    expect(tree.openBatch([0, 15]).length).toBe(6);
  });

  it("every tampering is rejected (property)", () => {
    fc.assert(
      fc.property(treeAndIndices, fc.nat(), ({ logN, seed, indices }, pick) => {
        const n = 2 ** logN;
        const leaves = randomBytes(32 * n, seed);
        const tree = MerkleTree.build(BLAKE3_256, leaves);
        const root = tree.root;
        const digests = gather(leaves, indices);
        const proof = tree.openBatch(indices);
        const ok = (r: Uint8Array, ix: readonly number[], d: Uint8Array, p: readonly Uint8Array[], count = n) => verifyBatch(BLAKE3_256, r, count, ix, d, p);
        expect(ok(root, indices, digests, proof)).toBe(true);
        // flip one bit of one proof digest
        if (proof.length > 0) {
          const k = pick % proof.length;
          const p2 = proof.map((d) => d.slice());
          p2[k]![pick % 32]! ^= 1 << (pick % 8);
          expect(ok(root, indices, digests, p2)).toBe(false);
          expect(ok(root, indices, digests, proof.slice(0, -1))).toBe(false); // truncated
          expect(ok(root, indices, digests, [...proof.slice(0, k), proof[k]!.subarray(0, 31), ...proof.slice(k + 1)])).toBe(false); // short digest
        }
        expect(ok(root, indices, digests, [...proof, new Uint8Array(32)])).toBe(false); // extra digest
        // wrong leaf digest
        const d2 = digests.slice();
        d2[pick % d2.length]! ^= 0x80;
        expect(ok(root, indices, d2, proof)).toBe(false);
        // wrong root
        const r2 = root.slice();
        r2[pick % 32]! ^= 1;
        expect(ok(r2, indices, digests, proof)).toBe(false);
        // swapped indices (digests kept in place)
        if (indices.length >= 2) {
          const a = pick % indices.length;
          const b = (a + 1) % indices.length;
          const swapped = [...indices];
          [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
          expect(ok(root, swapped, digests, proof)).toBe(false);
        }
        // another index set (one index moved to a leaf not opened)
        const free = Array.from({ length: n }, (_, i) => i).filter((i) => !indices.includes(i));
        if (free.length > 0) {
          const moved = [...indices];
          moved[pick % moved.length] = free[pick % free.length]!;
          expect(ok(root, moved, digests, proof)).toBe(false);
        }
        // wrong tree size
        expect(ok(root, indices, digests, proof, 2 * n)).toBe(false);
        if (n >= 4) expect(ok(root, indices.map((i) => i % (n / 2)), digests, proof, n / 2)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("malformed input gives false, never an exception", () => {
    const n = 8;
    const leaves = randomBytes(32 * n, 4);
    const tree = MerkleTree.build(BLAKE3_256, leaves);
    const root = tree.root;
    const proof = tree.openBatch([1, 6]);
    const d = gather(leaves, [1, 6]);
    expect(verifyBatch(BLAKE3_256, root, n, [1, 6], d, proof)).toBe(true);
    const bad: [string, () => boolean][] = [
      ["duplicate index", () => verifyBatch(BLAKE3_256, root, n, [1, 1], gather(leaves, [1, 1]), tree.openBatch([1]))],
      ["index out of range", () => verifyBatch(BLAKE3_256, root, n, [1, 8], d, proof)],
      ["negative index", () => verifyBatch(BLAKE3_256, root, n, [-1, 6], d, proof)],
      ["fractional index", () => verifyBatch(BLAKE3_256, root, n, [1.5, 6], d, proof)],
      ["NaN index", () => verifyBatch(BLAKE3_256, root, n, [NaN, 6], d, proof)],
      ["string index", () => verifyBatch(BLAKE3_256, root, n, ["1" as any, 6], d, proof)],
      ["no indices", () => verifyBatch(BLAKE3_256, root, n, [], new Uint8Array(0), [])],
      ["leaf digests too short", () => verifyBatch(BLAKE3_256, root, n, [1, 6], d.subarray(0, 63), proof)],
      ["leaf digests too long", () => verifyBatch(BLAKE3_256, root, n, [1, 6], new Uint8Array(96), proof)],
      ["root of 31 bytes", () => verifyBatch(BLAKE3_256, root.subarray(0, 31), n, [1, 6], d, proof)],
      ["leaf count 6", () => verifyBatch(BLAKE3_256, root, 6, [1, 6], d, proof)],
      ["leaf count 1", () => verifyBatch(BLAKE3_256, root, 1, [0], d.subarray(0, 32), [])],
      ["leaf count 2^60", () => verifyBatch(BLAKE3_256, root, 2 ** 60, [1, 6], d, proof)],
      ["leaf count NaN", () => verifyBatch(BLAKE3_256, root, NaN, [1, 6], d, proof)],
      ["proof not an array", () => verifyBatch(BLAKE3_256, root, n, [1, 6], d, Buffer.concat(proof) as any)],
      ["proof with a non-byte entry", () => verifyBatch(BLAKE3_256, root, n, [1, 6], d, [proof[0]!, "x" as any, ...proof.slice(2)])],
      ["indices not an array", () => verifyBatch(BLAKE3_256, root, n, new Set([1, 6]) as any, d, proof)],
      ["null root", () => verifyBatch(BLAKE3_256, null as any, n, [1, 6], d, proof)],
    ];
    for (const [what, f] of bad) {
      let result: boolean | undefined;
      expect(() => (result = f()), what).not.toThrow();
      expect(result, what).toBe(false);
    }
  });

  it("random garbage proofs never throw and never verify (property)", () => {
    const n = 32;
    const leaves = randomBytes(32 * n, 9);
    const tree = MerkleTree.build(BLAKE3_256, leaves);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 6 }),
        fc.array(fc.uint8Array({ minLength: 30, maxLength: 33 }), { maxLength: 12 }),
        fc.uint8Array({ maxLength: 200 }),
        (indices, proof, digests) => {
          expect(verifyBatch(BLAKE3_256, tree.root, n, indices, digests, proof)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("openBatch and batchProofLength reject bad index sets with MerkleError (programmer errors)", () => {
    const tree = MerkleTree.build(BLAKE3_256, randomBytes(32 * 8, 2));
    expect(() => tree.openBatch([])).toThrow(MerkleError);
    expect(() => tree.openBatch([3, 3])).toThrow(/repeated/);
    expect(() => tree.openBatch([8])).toThrow(/\[0, 8\)/);
    expect(() => tree.openBatch([-1])).toThrow(MerkleError);
    expect(() => tree.open(2.5)).toThrow(MerkleError);
    expect(() => batchProofLength(12, [0])).toThrow(/power of two/);
  });
});

describe("hashLeafRows", () => {
  const rows = randomBytes(16 * 24, 5); // 16 rows of three 8-byte field elements
  it("leaf i = H(row i), one hashLeaves call", () => {
    for (const h of [BLAKE3_256, SHA_256]) {
      const d = hashLeafRows(h, rows, 24);
      expect(d.length).toBe(16 * 32);
      for (const i of [0, 7, 15]) expect(hex(leafAt(d, i))).toBe(hex(h.hash(rows.subarray(24 * i, 24 * i + 24))));
    }
  });
  it("with salts, leaf i = H(row i ‖ salt i); salts change every leaf", () => {
    const salts = randomBytes(16 * 32, 6);
    const d = hashLeafRows(BLAKE3_256, rows, 24, salts);
    const plain = hashLeafRows(BLAKE3_256, rows, 24);
    for (let i = 0; i < 16; i++) {
      expect(hex(leafAt(d, i))).toBe(hex(BLAKE3_256.hash(Uint8Array.from([...rows.subarray(24 * i, 24 * i + 24), ...salts.subarray(32 * i, 32 * i + 32)]))));
      expect(hex(leafAt(d, i))).not.toBe(hex(leafAt(plain, i)));
    }
    const tree = MerkleTree.build(BLAKE3_256, d);
    expect(verifyBatch(BLAKE3_256, tree.root, 16, [3, 9], gather(d, [3, 9]), tree.openBatch([3, 9]))).toBe(true);
  });
  it("rejects rows or salts that do not tile the buffers", () => {
    expect(() => hashLeafRows(BLAKE3_256, rows, 25)).toThrow(HashLengthError);
    expect(() => hashLeafRows(BLAKE3_256, rows, 0)).toThrow(HashLengthError);
    expect(() => hashLeafRows(BLAKE3_256, rows, 24, new Uint8Array(17))).toThrow(/16 equal salts/);
  });
});
