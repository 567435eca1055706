// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;


// The Fiat–Shamir transcript of src/hash/transcript.ts with keccak256 as its hash, byte for byte (issue 16, item 2).
// With lp(x) = u64le(|x|) ‖ x:
//   start:   state = H("encryptai/transcript/v1" ‖ lp("keccak256") ‖ lp(label) ‖ lp(seed))
//   absorb:  state = H(state ‖ 0x01 ‖ u64le(squeezes) ‖ lp(label) ‖ lp(data)), squeezes = 0
//   squeeze: H(state ‖ 0x02 ‖ u64le(squeezes) ‖ lp(label)), squeezes += 1
//   pow:     H(state ‖ "pow" ‖ u64le(nonce)) has ≥ bits leading zero bits, then absorb("pow", u64le(nonce))
// A challenge-field element is 72 squeezed bytes (3 squeezes), three little-endian 24-byte integers reduced mod p.
//
// Labels are short (≤ 32 bytes): a word holding the text left-aligned, and its length. The messages are laid out in
// the scratch memory above the free-memory pointer and hashed there: the ~1,500 hashes of a verification allocate
// nothing (inline assembly for that only — Solidity would grow memory with every message, and memory costs grow
// quadratically).

// solhint-disable no-inline-assembly
library KeccakTranscript {
    struct State {
        bytes32 state;
        uint256 squeezes;
    }

    /// The 8 low bytes of x in reverse order (u64 little-endian, read as a big-endian word).
    function rev64(uint256 x) internal pure returns (uint256 v) {
        v = x & 0xFFFFFFFFFFFFFFFF;
        v = ((v & 0x00FF00FF00FF00FF) << 8) | ((v >> 8) & 0x00FF00FF00FF00FF);
        v = ((v & 0x0000FFFF0000FFFF) << 16) | ((v >> 16) & 0x0000FFFF0000FFFF);
        v = ((v & 0x00000000FFFFFFFF) << 32) | (v >> 32);
    }

    function le64(uint256 x) internal pure returns (bytes8) {
        return bytes8(uint64(rev64(x)));
    }

    function le32(uint256 x) internal pure returns (bytes4) {
        return bytes4(uint32(rev64(x) >> 32));
    }

    /// The 32 bytes of w in reverse order: the little-endian integer of w's bytes.
    function reverseBytes(uint256 v) internal pure returns (uint256) {
        v = ((v >> 8) & 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF) | ((v & 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF) << 8);
        v = ((v >> 16) & 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF) | ((v & 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF) << 16);
        v = ((v >> 32) & 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF) | ((v & 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF) << 32);
        v = ((v >> 64) & 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF) | ((v & 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF) << 64);
        return (v >> 128) | (v << 128);
    }

    /// The label `text` (len bytes) followed by the decimal digits of n ("composition-" and 12 → "composition-12").
    function numbered(bytes32 text, uint256 len, uint256 n) internal pure returns (bytes32 label, uint256 total) {
        assembly ("memory-safe") {
            let digits := 1
            for { let m := n } gt(m, 9) { m := div(m, 10) } {
                digits := add(digits, 1)
            }
            total := add(len, digits)
            let word := text
            // the last digit goes to byte total − 1, the one before it to total − 2, …
            for { let pos := sub(total, 1) } 1 { pos := sub(pos, 1) } {
                word := or(word, shl(mul(8, sub(31, pos)), add(48, mod(n, 10))))
                n := div(n, 10)
                if eq(pos, len) {
                    break
                }
            }
            label := word
        }
    }

    function start(bytes memory label, bytes memory seed) internal pure returns (State memory t) {
        t.state = keccak256(abi.encodePacked("encryptai/transcript/v1", le64(9), "keccak256", le64(label.length), label, le64(seed.length), seed));
    }

    /// absorb(label, data) for `len` bytes of calldata at `data`.
    function absorbCalldata(State memory t, bytes32 text, uint256 textLen, uint256 data, uint256 len) internal pure {
        bytes32 s = t.state;
        uint256 header = (0x01 << 248) | (rev64(t.squeezes) << 184) | (rev64(textLen) << 120);
        uint256 lenLe = rev64(len) << 192;
        bytes32 h;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, s)
            mstore(add(p, 32), header)
            mstore(add(p, 49), text)
            mstore(add(add(p, 49), textLen), lenLe)
            calldatacopy(add(add(p, 57), textLen), data, len)
            h := keccak256(p, add(add(57, textLen), len))
        }
        t.state = h;
        t.squeezes = 0;
    }

    /// absorb(label, data) for data of ≤ 32 bytes, left-aligned in a word.
    function absorbWord(State memory t, bytes32 text, uint256 textLen, bytes32 data, uint256 len) internal pure {
        bytes32 s = t.state;
        uint256 header = (0x01 << 248) | (rev64(t.squeezes) << 184) | (rev64(textLen) << 120);
        uint256 lenLe = rev64(len) << 192;
        bytes32 h;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, s)
            mstore(add(p, 32), header)
            mstore(add(p, 49), text)
            mstore(add(add(p, 49), textLen), lenLe)
            mstore(add(add(p, 57), textLen), data)
            h := keccak256(p, add(add(57, textLen), len))
        }
        t.state = h;
        t.squeezes = 0;
    }

    function squeeze(State memory t, bytes32 text, uint256 textLen) internal pure returns (uint256 out) {
        bytes32 s = t.state;
        uint256 header = (0x02 << 248) | (rev64(t.squeezes) << 184) | (rev64(textLen) << 120);
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, s)
            mstore(add(p, 32), header)
            mstore(add(p, 49), text)
            out := keccak256(p, add(49, textLen))
        }
        t.squeezes += 1;
    }

    /// A uniform element of the cubic extension (packed), from 72 squeezed bytes: three squeezes hashed in one go.
    function drawExt(State memory t, bytes32 text, uint256 textLen) internal pure returns (uint256 e) {
        bytes32 s = t.state;
        uint256 sq = t.squeezes;
        uint256 lenLe = rev64(textLen) << 120;
        assembly ("memory-safe") {
            function rev64(x) -> v {
                v := or(shl(8, and(x, 0x00FF00FF00FF00FF)), and(shr(8, x), 0x00FF00FF00FF00FF))
                v := or(shl(16, and(v, 0x0000FFFF0000FFFF)), and(shr(16, v), 0x0000FFFF0000FFFF))
                v := or(shl(32, and(v, 0x00000000FFFFFFFF)), shr(32, v))
            }
            function rev256(x) -> v {
                v := or(and(shr(8, x), 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF), shl(8, and(x, 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF)))
                v := or(and(shr(16, v), 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF), shl(16, and(v, 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF)))
                v := or(and(shr(32, v), 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF), shl(32, and(v, 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF)))
                v := or(and(shr(64, v), 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF), shl(64, and(v, 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF)))
                v := or(shr(128, v), shl(128, v))
            }
            let ptr := mload(0x40)
            mstore(ptr, s)
            let size := add(49, textLen)
            mstore(add(ptr, 32), or(or(shl(248, 2), shl(184, rev64(sq))), lenLe))
            mstore(add(ptr, 49), text)
            let r0 := rev256(keccak256(ptr, size))
            mstore(add(ptr, 32), or(or(shl(248, 2), shl(184, rev64(add(sq, 1)))), lenLe))
            mstore(add(ptr, 49), text)
            let r1 := rev256(keccak256(ptr, size))
            mstore(add(ptr, 32), or(or(shl(248, 2), shl(184, rev64(add(sq, 2)))), lenLe))
            mstore(add(ptr, 49), text)
            let r2 := rev256(keccak256(ptr, size))
            let p := 0xFFFFFFFF00000001
            let c0 := mod(and(r0, sub(shl(192, 1), 1)), p)
            let c1 := mod(or(shr(192, r0), shl(64, and(r1, sub(shl(128, 1), 1)))), p)
            let c2 := mod(or(shr(128, r1), shl(128, and(r2, 0xFFFFFFFFFFFFFFFF))), p)
            e := or(or(c0, shl(64, c1)), shl(128, c2))
        }
        t.squeezes = sq + 3;
    }

    /// drawExt under the label `text` followed by the decimal digits of n.
    function drawExtNumbered(State memory t, bytes32 text, uint256 textLen, uint256 n) internal pure returns (uint256) {
        (bytes32 label, uint256 len) = numbered(text, textLen, n);
        return drawExt(t, label, len);
    }

    /// The proof of work: true (and the nonce absorbed) when the digest has ≥ bits leading zero bits.
    function checkGrinding(State memory t, uint256 nonce, uint256 bits) internal pure returns (bool) {
        bytes32 s = t.state;
        uint256 tail = (uint256(0x706f77) << 232) | (rev64(nonce) << 168);
        uint256 digest;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, s)
            mstore(add(p, 32), tail)
            digest := keccak256(p, 43)
        }
        if (bits > 0 && digest >> (256 - bits) != 0) return false;
        absorbWord(t, "pow", 3, bytes32(rev64(nonce) << 192), 8);
        return true;
    }
}
