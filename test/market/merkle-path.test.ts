// The on-chain Merkle paths (contracts/verifiers/MerklePath.sol; issue 16, item 1) against the prover's trees
// (src/hash/merkle.ts): for keccak256 and SHA-256, every opened leaf's path recomputes the TypeScript root on the
// EVM; a wrong sibling, leaf or index gives another root; an index beyond the tree and a path longer than 32 levels
// revert with their named errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "ethers";
import { type Chain, startInProcessChain } from "../../src/chain/in-process.js";
import { KECCAK_256, MerkleTree, SHA_256 } from "../../src/hash/index.js";
import { deployContract } from "../../src/market/contracts.js";

let chain: Chain;
let harness: Contract;
beforeAll(async () => {
  chain = await startInProcessChain();
  harness = await deployContract("MerklePathHarness", await chain.signer(0));
}, 60_000);
afterAll(async () => chain?.close());

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const leaves = (n: number, seed: number) => Uint8Array.from({ length: 32 * n }, (_, i) => (i * 131 + seed * 17 + (i >> 5)) & 0xff);

describe.each([
  ["keccak256", KECCAK_256, "rootKeccak"],
  ["sha256", SHA_256, "rootSha256"],
] as const)("MerklePath.%s", (_, hasher, fn) => {
  it("recomputes the prover's root from any leaf's path, trees of 2 to 2^12 leaves", async () => {
    for (const logN of [1, 5, 12]) {
      const n = 2 ** logN;
      const digests = leaves(n, logN);
      const tree = MerkleTree.build(hasher, digests);
      for (const i of [0, 1, n >> 1, n - 1]) {
        const path = tree.open(i).map(hex);
        const leaf = hex(digests.subarray(32 * i, 32 * i + 32));
        expect(await harness.getFunction(fn)(leaf, i, path)).toBe(hex(tree.root));
      }
    }
  });
  it("a wrong sibling, leaf or index gives another root; an index beyond the tree or a path of 33 levels reverts, named", async () => {
    const digests = leaves(64, 3);
    const tree = MerkleTree.build(hasher, digests);
    const path = tree.open(9).map(hex);
    const leaf = hex(digests.subarray(32 * 9, 32 * 10));
    const root = hex(tree.root);
    const badPath = [...path];
    badPath[3] = `0x${"ab".repeat(32)}`;
    expect(await harness.getFunction(fn)(leaf, 9, badPath)).not.toBe(root);
    expect(await harness.getFunction(fn)(`0x${"00".repeat(32)}`, 9, path)).not.toBe(root);
    expect(await harness.getFunction(fn)(leaf, 8, path)).not.toBe(root);
    await expect(harness.getFunction(fn)(leaf, 64, path)).rejects.toThrow(/IndexOutOfRange/);
    await expect(harness.getFunction(fn)(leaf, 0, new Array(33).fill(path[0]))).rejects.toThrow(/PathTooLong/);
  });
});
