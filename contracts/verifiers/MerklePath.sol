// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Merkle authentication paths of the STARK's commitments, on chain (issue 16, item 1)
/// @notice The trees of src/hash/merkle.ts: a parent is H(left ‖ right) over two 32-byte digests, leaf i sits at
/// node leafCount + i, and bit k of the index says whether the node is a right child at level k (bottom-up). Two
/// hashes: keccak256 (the EVM opcode: 30 gas + 6 per word) and SHA-256 (the precompile at 0x02: 60 gas + 12 per
/// word, plus the call). The prover's proof option `hash` chooses which one a proof's commitments use; the
/// TypeScript tests check these roots equal `MerkleTree`'s for both.
library MerklePath {
    /// @notice A path longer than any commitment the prover makes (2^32 leaves).
    error PathTooLong(uint256 length);
    /// @notice The leaf index does not fit the tree the path describes.
    error IndexOutOfRange(uint256 index, uint256 depth);
    uint256 internal constant MAX_DEPTH = 32;

    function _check(uint256 index, uint256 depth) private pure {
        if (depth > MAX_DEPTH) revert PathTooLong(depth);
        if (index >> depth != 0) revert IndexOutOfRange(index, depth);
    }

    /// @notice The root a keccak256 tree has if `leaf` is leaf `index` with siblings `path` (bottom-up).
    function rootKeccak(bytes32 leaf, uint256 index, bytes32[] calldata path) internal pure returns (bytes32 node) {
        _check(index, path.length);
        node = leaf;
        for (uint256 k = 0; k < path.length; ++k) {
            node = (index >> k) & 1 == 0 ? keccak256(abi.encodePacked(node, path[k])) : keccak256(abi.encodePacked(path[k], node));
        }
    }

    /// @notice The root a SHA-256 tree has if `leaf` is leaf `index` with siblings `path` (bottom-up).
    function rootSha256(bytes32 leaf, uint256 index, bytes32[] calldata path) internal pure returns (bytes32 node) {
        _check(index, path.length);
        node = leaf;
        for (uint256 k = 0; k < path.length; ++k) {
            node = (index >> k) & 1 == 0 ? sha256(abi.encodePacked(node, path[k])) : sha256(abi.encodePacked(path[k], node));
        }
    }
}
