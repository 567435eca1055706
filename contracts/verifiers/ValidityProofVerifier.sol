// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The thesis's "validity proof" tier (§3.2): proofHash = SHA-256(jobId ‖ inputCommitment ‖ modelHash). It shows
// which model and input the node *named*, not that the model was computed correctly — cheaper, and labelled so.

import {IVerifier} from "../interfaces/IVerifier.sol";

contract ValidityProofVerifier is IVerifier {
    function expectedProofHash(uint256 jobId, bytes32 inputCommitment, bytes32 modelHash) public pure returns (bytes32) {
        return sha256(abi.encodePacked(jobId, inputCommitment, modelHash));
    }

    function isValid(Claim calldata claim, bytes calldata) external pure returns (bool) {
        return claim.proofHash == expectedProofHash(claim.jobId, claim.inputCommitment, claim.modelHash);
    }

    function tier() external pure returns (string memory) {
        return "validity: names the model and input; does not prove the computation";
    }
}
