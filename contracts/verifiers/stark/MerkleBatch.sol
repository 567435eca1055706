// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Batch Merkle openings with keccak256 (src/hash/merkle.ts `verifyBatch`): heap-ordered nodes, node = H(left ‖ right),
// the proof's siblings consumed level by level in increasing node order — each sibling the opened leaves cannot
// give, once. False for a proof with missing or extra siblings. Pairs are hashed in the scratch space (inline
// assembly for that only: no memory grows per hash).

// solhint-disable no-inline-assembly
library MerkleBatch {
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0, left)
            mstore(32, right)
            h := keccak256(0, 64)
        }
    }

    /// `indices` (distinct, < leafCount) with digests `leaves` (same order) under `root`; the siblings are `n` 32-byte
    /// digests at `off` in `b`. Sorts copies of the inputs.
    function verify(bytes32 root, uint256 leafCount, uint256[] memory indices, bytes32[] memory leaves, bytes calldata b, uint256 off, uint256 n) internal pure returns (bool) {
        uint256 m = indices.length;
        uint256[] memory nodes = new uint256[](m);
        bytes32[] memory values = new bytes32[](m);
        for (uint256 i = 0; i < m; i++) {
            // insertion sort by index
            uint256 node = leafCount + indices[i];
            bytes32 v = leaves[i];
            uint256 j = i;
            while (j > 0 && nodes[j - 1] > node) {
                nodes[j] = nodes[j - 1];
                values[j] = values[j - 1];
                j--;
            }
            nodes[j] = node;
            values[j] = v;
        }
        uint256 used = 0;
        while (nodes[0] > 1) {
            uint256 k = 0;
            for (uint256 j = 0; j < m; j++) {
                uint256 node = nodes[j];
                bytes32 h;
                if (node % 2 == 0 && j + 1 < m && nodes[j + 1] == node + 1) {
                    h = hashPair(values[j], values[j + 1]);
                    j++;
                } else {
                    if (used >= n) return false;
                    bytes32 sibling = bytes32(b[off + 32 * used:off + 32 * used + 32]);
                    used++;
                    h = node % 2 == 0 ? hashPair(values[j], sibling) : hashPair(sibling, values[j]);
                }
                nodes[k] = node / 2;
                values[k] = h;
                k++;
            }
            m = k;
        }
        return used == n && values[0] == root;
    }
}
