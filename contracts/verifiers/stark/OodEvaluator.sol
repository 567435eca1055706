// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CompositionAtZ} from "./CompositionAtZ.sol";
import {VerifyingKey} from "./VerifyingKey.sol";

/// The AIR-specific part of the verifier as its own contract: StarkVerifier calls it, so that each stays within the
/// EVM's 24 KiB code size limit (EIP-170).
contract OodEvaluator {
    /// H(z) for the key's AIR from the out-of-domain frame at `oodCur` / `oodNext` in `proof` (CompositionAtZ).
    function evaluate(VerifyingKey calldata vk, uint64[] calldata pub, bytes calldata proof, uint256 oodCur, uint256 oodNext, uint256 z, uint256[] calldata coefficients) external pure returns (uint256) {
        return CompositionAtZ.evaluate(vk, pub, proof, oodCur, oodNext, z, coefficients);
    }
}
