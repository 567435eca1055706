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

    /// The leaves' node numbers (leafCount + index) and digests, sorted by node (insertion sort: a proof opens ≤ 255).
    function sortedNodes(uint256 leafCount, uint256[] memory indices, bytes32[] memory leaves) private pure returns (uint256[] memory nodes, bytes32[] memory values) {
        uint256 m = indices.length;
        nodes = new uint256[](m);
        values = new bytes32[](m);
        for (uint256 i = 0; i < m; i++) {
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
    }

    /// `indices` (distinct, < leafCount) with digests `leaves` (same order) under `root`; the siblings are `n` 32-byte
    /// digests at `off` in `b`. Sorts copies of the inputs.
    function verify(bytes32 root, uint256 leafCount, uint256[] memory indices, bytes32[] memory leaves, bytes calldata b, uint256 off, uint256 n) internal pure returns (bool ok) {
        (uint256[] memory nodes, bytes32[] memory values) = sortedNodes(leafCount, indices, leaves);
        uint256 m = nodes.length;
        // level by level: pairs of known siblings hash together, any other node with the next sibling of the proof
        assembly ("memory-safe") {
            let np := add(nodes, 32)
            let vp := add(values, 32)
            let src := add(b.offset, off)
            let used := 0
            ok := 1
            for {} and(ok, gt(mload(np), 1)) {} {
                let k := 0
                for { let j := 0 } lt(j, m) { j := add(j, 1) } {
                    let node := mload(add(np, shl(5, j)))
                    let left := mload(add(vp, shl(5, j)))
                    let right := 0
                    switch and(iszero(and(node, 1)), and(lt(add(j, 1), m), eq(mload(add(np, shl(5, add(j, 1)))), add(node, 1))))
                    case 1 {
                        right := mload(add(vp, shl(5, add(j, 1))))
                        j := add(j, 1)
                    }
                    default {
                        if iszero(lt(used, n)) {
                            ok := 0
                            break
                        }
                        let sibling := calldataload(add(src, shl(5, used)))
                        used := add(used, 1)
                        switch and(node, 1)
                        case 0 {
                            right := sibling
                        }
                        default {
                            right := left
                            left := sibling
                        }
                    }
                    mstore(0, left)
                    mstore(32, right)
                    mstore(add(vp, shl(5, k)), keccak256(0, 64))
                    mstore(add(np, shl(5, k)), shr(1, node))
                    k := add(k, 1)
                }
                m := k
            }
            if iszero(and(eq(used, n), eq(mload(vp), root))) {
                ok := 0
            }
        }
    }
}
