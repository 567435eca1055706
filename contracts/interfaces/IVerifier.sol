// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Pluggable result verification for compute jobs (thesis §3.2 validity proofs, §4 STARK proofs). A verifier gives
// a verdict on a submitted claim: Valid (the job may be paid), Invalid (the node is slashed), or None — no verdict
// (yet). A job is never paid on None: silence is not a verdict (issue "A marketplace no party can game"). A future
// on-chain STARK verifier implements this interface and drops in without changing the job manager.

interface IVerifier {
    struct Claim {
        uint256 jobId;
        bytes32 modelHash;
        bytes32 programHash;
        bytes32 inputCommitment;
        bytes32 outputHash;
        bytes32 proofHash;
    }

    enum Verdict {
        None,
        Valid,
        Invalid
    }

    function verdict(Claim calldata claim, bytes calldata evidence) external view returns (Verdict);

    /// True when an Invalid verdict was established by parties the verifier pays (attestors): the job manager then
    /// sends the slashed stake's reward share here through `distributeReward`; otherwise it goes to the treasury.
    function rewardsUpholders() external view returns (bool);

    /// Splits `amount` (already transferred to the verifier) among the parties whose verdict on the claim stood.
    function distributeReward(uint256 jobId, bytes32 proofHash, uint256 amount) external;

    /// A short honest label of what the tier proves.
    function tier() external pure returns (string memory);
}
