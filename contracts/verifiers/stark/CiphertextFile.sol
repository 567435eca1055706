// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// An LWE ciphertexts file (src/lwe/serialize.ts, format version 2) read in place from calldata, for the on-chain
// verifier's job binding (issue 16, item 2):
//
//   "EAIL" | 2 | kind 3 | flags | u16 len | parameter JSON | key id (16) | count u32 |
//   per ciphertext: (n + 1) elements of 8 bytes (two little-endian 32-bit limbs: the u64 little-endian) |
//                   plain weight f64 | term count u32 | per term: id (12) | kind u8 | coefficient f64 |
//   SHA-256(all before)
//
// Every check deserializeCiphertexts makes is made here, so a file this library accepts is one the TypeScript
// loader reads (elements below p are checked where they are compressed: CiphertextCompression.lanes3, which reads each
// once): the header, the parameter JSON (by its keccak256, which the model's registration fixes), every
// length against the bytes present, the checksum, the plain weight not NaN nor negative, each term's kind
// and finite coefficient. A file that fails reverts with `BadCiphertextFile(file, offset)` (file 0: a job's input, 1: its
// output).

library CiphertextFile {
    uint256 internal constant P = 0xFFFFFFFF00000001;
    /// Provenance kinds a term may have (serialize.ts FRESH_KINDS: public, secret, trivial).
    uint256 private constant TERM_KINDS = 3;
    uint256 private constant TERM_BYTES = 21;

    error BadCiphertextFile(uint8 file, uint256 offset);

    struct File {
        /// Calldata offset of each ciphertext's first element.
        uint256[] components;
        bytes16 keyId;
        uint256 keyIdOffset;
    }

    function u8(bytes calldata b, uint8 which, uint256 off) private pure returns (uint256) {
        if (off >= b.length) revert BadCiphertextFile(which, off);
        return uint8(b[off]);
    }

    /// Little-endian unsigned integer of `len` ≤ 8 bytes at `off`.
    function le(bytes calldata b, uint8 which, uint256 off, uint256 len) private pure returns (uint256 x) {
        if (off + len > b.length) revert BadCiphertextFile(which, off);
        for (uint256 i = 0; i < len; i++) x |= uint256(uint8(b[off + i])) << (8 * i);
    }

    /// A plain weight as deserializeCiphertexts takes it: `!(w >= 0)` refused, so NaN and negatives (not −0, not +∞).
    function checkWeight(bytes calldata b, uint8 which, uint256 off) private pure {
        uint256 bits = le(b, which, off, 8);
        bool nan = (bits >> 52) & 0x7FF == 0x7FF && bits & ((1 << 52) - 1) != 0;
        bool negative = bits >> 63 == 1 && bits != 1 << 63;
        if (nan || negative) revert BadCiphertextFile(which, off);
    }

    /// A term coefficient as deserializeCiphertexts takes it: finite.
    function checkFinite(bytes calldata b, uint8 which, uint256 off) private pure {
        if ((le(b, which, off, 8) >> 52) & 0x7FF == 0x7FF) revert BadCiphertextFile(which, off);
    }

    /**
     * Reads a ciphertexts file of `count` ciphertexts of `elements` elements each, under the parameter set whose
     * JSON hashes to `paramsHash`.
     */
    function read(bytes calldata b, uint8 which, bytes32 paramsHash, uint256 count, uint256 elements) internal pure returns (File memory f) {
        if (b.length < 4 + 3 + 2 + 16 + 4 + 32) revert BadCiphertextFile(which, 0);
        if (bytes4(b[0:4]) != "EAIL" || u8(b, which, 4) != 2 || u8(b, which, 5) != 3 || u8(b, which, 6) & 0xFE != 0) revert BadCiphertextFile(which, 4);
        uint256 off = 9 + le(b, which, 7, 2);
        if (off + 16 + 4 + 32 > b.length || keccak256(b[9:off]) != paramsHash) revert BadCiphertextFile(which, 9);
        uint256 end = b.length - 32;
        if (sha256(b[0:end]) != bytes32(b[end:])) revert BadCiphertextFile(which, end);
        f.keyId = bytes16(b[off:off + 16]);
        f.keyIdOffset = off;
        if (le(b, which, off + 16, 4) != count) revert BadCiphertextFile(which, off + 16);
        off += 20;
        f.components = new uint256[](count);
        for (uint256 c = 0; c < count; c++) {
            if (off + 8 * elements + 12 > end) revert BadCiphertextFile(which, off);
            f.components[c] = off;
            off += 8 * elements;
            checkWeight(b, which, off);
            uint256 terms = le(b, which, off + 8, 4);
            off += 12;
            if (terms > (end - off) / TERM_BYTES) revert BadCiphertextFile(which, off - 4);
            for (uint256 t = 0; t < terms; t++) {
                if (u8(b, which, off + 12) >= TERM_KINDS) revert BadCiphertextFile(which, off + 12);
                checkFinite(b, which, off + 13);
                off += TERM_BYTES;
            }
        }
        if (off != end) revert BadCiphertextFile(which, off);
    }
}
