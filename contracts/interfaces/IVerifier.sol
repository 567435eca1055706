// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Pluggable result verification for compute jobs (thesis §3.2 validity proofs, §4 STARK proofs). A challenge
// against a submitted result succeeds exactly when `isValid` returns false. A future on-chain STARK verifier
// implements this interface and drops in without changing the job manager.

interface IVerifier {
    struct Claim {
        uint256 jobId;
        bytes32 modelHash;
        bytes32 programHash;
        bytes32 inputCommitment;
        bytes32 outputHash;
        bytes32 proofHash;
    }

    function isValid(Claim calldata claim, bytes calldata evidence) external view returns (bool);

    /// A short honest label of what the tier proves.
    function tier() external pure returns (string memory);
}
