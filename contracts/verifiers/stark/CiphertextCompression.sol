// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Ciphertext compression on chain (src/vm/compress.ts; issue 16, item 2), for the three lanes every Goldilocks
// parameter set with n ≤ 2^21 uses (inference.ts requiredMode): the lanes a statement's public inputs hold
// are ρ_r(ct) = Σ_j r^j·ct_j for the challenges r_l = SHA-256(seed ‖ u32le(l) ‖ u32le(attempt)), the first 24 bytes
// as a little-endian integer mod p (redrawn while 0), where seed = SHA-256 of the binding: the model's fixed prefix
// (parameters, shape, program hash, public values, rows, counts: registered with the model) followed by every input
// and output ciphertext's elements as 8-byte little-endian words — the bytes the ciphertext files hold.

// solhint-disable no-inline-assembly
library CiphertextCompression {
    uint256 internal constant P = 0xFFFFFFFF00000001;

    /**
     * The binding bytes: `prefix`, then the `elements` 8-byte elements at each calldata offset of `a` (the input
     * tape), then at each of `b` (the outputs).
     */
    function binding(bytes calldata prefix, bytes calldata a, uint256[] memory offsetsA, bytes calldata b, uint256[] memory offsetsB, uint256 elements)
        internal
        pure
        returns (bytes memory out)
    {
        uint256 each = 8 * elements;
        out = new bytes(prefix.length + (offsetsA.length + offsetsB.length) * each);
        assembly ("memory-safe") {
            let dst := add(out, 32)
            calldatacopy(dst, prefix.offset, prefix.length)
            dst := add(dst, prefix.length)
            for { let i := 0 } lt(i, mload(offsetsA)) { i := add(i, 1) } {
                calldatacopy(dst, add(a.offset, mload(add(offsetsA, mul(32, add(i, 1))))), each)
                dst := add(dst, each)
            }
            for { let i := 0 } lt(i, mload(offsetsB)) { i := add(i, 1) } {
                calldatacopy(dst, add(b.offset, mload(add(offsetsB, mul(32, add(i, 1))))), each)
                dst := add(dst, each)
            }
        }
    }

    /// compress.ts compressionChallenges over Goldilocks.
    function challenges(bytes memory bindingBytes, uint256 lanes) internal pure returns (uint256[] memory rs) {
        bytes32 seed = sha256(bindingBytes);
        rs = new uint256[](lanes);
        for (uint256 lane = 0; lane < lanes; lane++) {
            for (uint256 attempt = 0; rs[lane] == 0; attempt++) {
                bytes32 h = sha256(abi.encodePacked(seed, le32(lane), le32(attempt)));
                uint256 x = 0;
                for (uint256 i = 0; i < 24; i++) x |= uint256(uint8(h[i])) << (8 * i);
                rs[lane] = x % P;
            }
        }
    }

    function le32(uint256 x) private pure returns (bytes4) {
        return bytes4(uint32(((x & 0xFF) << 24) | ((x & 0xFF00) << 8) | ((x >> 8) & 0xFF00) | ((x >> 24) & 0xFF)));
    }

    /**
     * The three lanes Σ_j r_l^j·ct_j (l = 0, 1, 2) of the `elements` little-endian elements at absolute calldata
     * offset `base`, by Horner from the last element — the top (elements mod 4) one by one, then four per word, each word's
     * 8-byte groups byte-swapped in place — and whether every element is canonical (< p). Each element is read and
     * swapped once for all three lanes. `bad` is nonzero when an element is not below p. (Few variables: the loop's
     * all stay on the stack.)
     */
    function lanes3(uint256 base, uint256 elements, uint256 r0, uint256 r1, uint256 r2) internal pure returns (uint256 a0, uint256 a1, uint256 a2, uint256 bad) {
        assembly ("memory-safe") {
            let j := elements
            for {} mod(j, 4) {} {
                j := sub(j, 1)
                let v := shr(192, calldataload(add(base, mul(8, j))))
                v := or(shr(8, and(v, 0xFF00FF00FF00FF00)), shl(8, and(v, 0x00FF00FF00FF00FF)))
                v := or(shr(16, and(v, 0xFFFF0000FFFF0000)), shl(16, and(v, 0x0000FFFF0000FFFF)))
                v := or(shr(32, v), and(shl(32, v), 0xFFFFFFFF00000000))
                bad := or(bad, gt(v, 0xFFFFFFFF00000000))
                a0 := addmod(mulmod(a0, r0, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
                a1 := addmod(mulmod(a1, r1, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
                a2 := addmod(mulmod(a2, r2, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
            }
            for {} j {} {
                j := sub(j, 4)
                // elements j … j + 3, element j in the word's top 8 bytes
                let w := calldataload(add(base, mul(8, j)))
                w := or(shr(8, and(w, 0xFF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00)), and(shl(8, w), 0xFF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00))
                w := or(shr(16, and(w, 0xFFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000)), and(shl(16, w), 0xFFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000))
                w := or(shr(32, and(w, 0xFFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000)), and(shl(32, w), 0xFFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000))
                for { let k := 0 } lt(k, 256) { k := add(k, 64) } {
                    let v := and(shr(k, w), 0xFFFFFFFFFFFFFFFF)
                    bad := or(bad, gt(v, 0xFFFFFFFF00000000))
                    a0 := addmod(mulmod(a0, r0, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
                    a1 := addmod(mulmod(a1, r1, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
                    a2 := addmod(mulmod(a2, r2, 0xFFFFFFFF00000001), v, 0xFFFFFFFF00000001)
                }
            }
        }
    }
}
