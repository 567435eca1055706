// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The thesis's "validity proof" tier (§3.2): proofHash = SHA-256(jobId ‖ inputCommitment ‖ modelHash). It shows
// which model and input the node *named*, not that the model was computed correctly — cheaper, and labelled so.
// Its verdict is immediate and needs nobody: Valid for the expected hash, Invalid for any other.

import {IVerifier} from "../interfaces/IVerifier.sol";

contract ValidityProofVerifier is IVerifier {
    error NoRewards();

    function expectedProofHash(uint256 jobId, bytes32 inputCommitment, bytes32 modelHash) public pure returns (bytes32) {
        return sha256(abi.encodePacked(jobId, inputCommitment, modelHash));
    }

    function verdict(Claim calldata claim, bytes calldata) external pure returns (Verdict) {
        return claim.proofHash == expectedProofHash(claim.jobId, claim.inputCommitment, claim.modelHash) ? Verdict.Valid : Verdict.Invalid;
    }

    function rewardsUpholders() external pure returns (bool) {
        return false;
    }

    /// Nobody to reward: an invalid validity hash is shown by arithmetic, not by attestors.
    function distributeReward(uint256, bytes32, uint256) external pure {
        revert NoRewards();
    }

    function tier() external pure returns (string memory) {
        return "validity: names the model and input; does not prove the computation";
    }
}
