// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MerklePath} from "../verifiers/MerklePath.sol";

/// @title The MerklePath library behind external functions: for the cross-check with the TypeScript trees and the
/// gas bench (bench/gas.ts), not deployed by the marketplace.
contract MerklePathHarness {
    function rootKeccak(bytes32 leaf, uint256 index, bytes32[] calldata path) external pure returns (bytes32) {
        return MerklePath.rootKeccak(leaf, index, path);
    }

    function rootSha256(bytes32 leaf, uint256 index, bytes32[] calldata path) external pure returns (bytes32) {
        return MerklePath.rootSha256(leaf, index, path);
    }

    /// @notice Checks `count` paths of one tree (a proof opens one per query): the gas of a proof's openings.
    function checkKeccak(bytes32 root, bytes32[] calldata leaves, uint256[] calldata indices, bytes32[][] calldata paths) external pure returns (bool) {
        for (uint256 q = 0; q < leaves.length; ++q) if (MerklePath.rootKeccak(leaves[q], indices[q], paths[q]) != root) return false;
        return true;
    }

    function checkSha256(bytes32 root, bytes32[] calldata leaves, uint256[] calldata indices, bytes32[][] calldata paths) external pure returns (bool) {
        for (uint256 q = 0; q < leaves.length; ++q) if (MerklePath.rootSha256(leaves[q], indices[q], paths[q]) != root) return false;
        return true;
    }
}
