// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// STARK tier with off-chain verification: attestors (role-gated verifier services) check the STARK proof behind
// `proofHash` off chain and record a verdict; a challenge succeeds when an attestor recorded the proof as invalid.
// Trust: the attestors. An on-chain verifier can replace this contract through the IVerifier interface.

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IVerifier} from "../interfaces/IVerifier.sol";

contract AttestedStarkVerifier is IVerifier, AccessControl {
    bytes32 public constant ATTESTOR_ROLE = keccak256("ATTESTOR_ROLE");

    enum Verdict {
        None,
        Valid,
        Invalid
    }

    mapping(uint256 jobId => mapping(bytes32 proofHash => Verdict)) public verdicts;

    event Attested(uint256 indexed jobId, bytes32 indexed proofHash, Verdict verdict, address indexed attestor);

    error AlreadyAttested(uint256 jobId, bytes32 proofHash);

    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    function attest(uint256 jobId, bytes32 proofHash, bool valid) external onlyRole(ATTESTOR_ROLE) {
        if (verdicts[jobId][proofHash] != Verdict.None) revert AlreadyAttested(jobId, proofHash);
        Verdict v = valid ? Verdict.Valid : Verdict.Invalid;
        verdicts[jobId][proofHash] = v;
        emit Attested(jobId, proofHash, v, msg.sender);
    }

    function isValid(Claim calldata claim, bytes calldata) external view returns (bool) {
        return verdicts[claim.jobId][claim.proofHash] != Verdict.Invalid;
    }

    function tier() external pure returns (string memory) {
        return "stark-attested: a STARK proof verified off chain by attestors";
    }
}
