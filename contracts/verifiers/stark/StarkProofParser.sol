// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VerifyingKey} from "./VerifyingKey.sol";

// Reads a STARK proof in its binary format (src/prover/proof.ts, version 1) from calldata without copying it: the
// parse checks every count against the key and every element for canonicity, and records where each section starts.
// Every read is bounds-checked and every count capped before any loop over it, so malformed calldata costs bounded
// gas and reverts MalformedProof at the offset where it went wrong. Elements and rows are read in place with
// calldataload (inline assembly for those reads only; every offset they take was checked by the parse).

// solhint-disable no-inline-assembly
library StarkProofParser {
    error MalformedProof(uint256 offset);
    error UnsupportedProofVersion(uint256 version);
    error OptionsMismatch(uint256 index);
    error ContextMismatch();

    struct Proof {
        bytes32 traceRoot;
        bytes32 compRoot;
        uint256 oodCur;
        uint256 oodNext;
        uint256 oodComp;
        uint256 compCount;
        uint256 friRoots;
        uint256 friLayers;
        uint256 rem;
        uint256 remCount;
        uint256 nonce;
        uint256 traceRows;
        uint256 traceRowCount;
        uint256 traceProof;
        uint256 traceProofCount;
        uint256 traceSalts;
        uint256 traceSaltCount;
        uint256 compRows;
        uint256 compRowCount;
        uint256 compRowWidth;
        uint256 compProof;
        uint256 compProofCount;
        uint256 compSalts;
        uint256 compSaltCount;
        uint256[] friLeaves;
        uint256[] friLeafCount;
        uint256[] friProof;
        uint256[] friProofCount;
        uint256[] friSalts;
        uint256[] friSaltCount;
        uint256 width;
        uint256 aux;
        uint256 fold;
        bool zk;
        bool contextMatches;
        bool compWidthsEqual;
        /// Auxiliary rows, digests and salts: none without an auxiliary segment.
        uint256 auxOpenings;
    }

    uint256 private constant MAX_ROWS = 1024;
    uint256 private constant MAX_DIGESTS = 1 << 16;

    function need(bytes calldata b, uint256 off, uint256 len) private pure {
        if (off + len > b.length) revert MalformedProof(off);
    }

    function u8(bytes calldata b, uint256 off) private pure returns (uint256) {
        need(b, off, 1);
        return uint8(b[off]);
    }

    function u32(bytes calldata b, uint256 off) internal pure returns (uint256 x) {
        need(b, off, 4);
        uint256 v = uint32(bytes4(b[off:off + 4]));
        x = ((v & 0xFF) << 24) | ((v & 0xFF00) << 8) | ((v >> 8) & 0xFF00) | (v >> 24);
    }

    /// The absolute calldata position of byte `off` of b.
    function at(bytes calldata b, uint256 off) internal pure returns (uint256 abs) {
        assembly ("memory-safe") {
            abs := add(b.offset, off)
        }
    }

    /// The little-endian u64 at `off` (no bounds check: callers check or the parse did).
    function u64(bytes calldata b, uint256 off) internal pure returns (uint256 v) {
        assembly ("memory-safe") {
            v := shr(192, calldataload(add(b.offset, off)))
            v := or(shl(8, and(v, 0x00FF00FF00FF00FF)), and(shr(8, v), 0x00FF00FF00FF00FF))
            v := or(shl(16, and(v, 0x0000FFFF0000FFFF)), and(shr(16, v), 0x0000FFFF0000FFFF))
            v := or(shl(32, and(v, 0x00000000FFFFFFFF)), shr(32, v))
        }
    }

    /// A base element at `off` (already bounds- and canonicity-checked by the parse).
    function base(bytes calldata b, uint256 off) internal pure returns (uint256) {
        return u64(b, off);
    }

    /// A cubic-extension element (three little-endian words) at `off`, packed c0 | c1 << 64 | c2 << 128.
    function ext(bytes calldata b, uint256 off) internal pure returns (uint256 e) {
        assembly ("memory-safe") {
            // the 24 bytes as a big-endian number, each 64-bit lane byte-reversed in place: lanes c0, c1, c2 from the top
            let v := shr(64, calldataload(add(b.offset, off)))
            v := or(shl(8, and(v, 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF)), and(shr(8, v), 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF))
            v := or(shl(16, and(v, 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF)), and(shr(16, v), 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF))
            v := or(shl(32, and(v, 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF)), and(shr(32, v), 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF))
            e := or(or(shr(128, v), and(v, shl(64, 0xFFFFFFFFFFFFFFFF))), shl(128, and(v, 0xFFFFFFFFFFFFFFFF)))
        }
    }

    /// Writes 8 bytes into `out` at `off` (off + 8 ≤ out.length).
    function storeWord(bytes memory out, uint256 off, bytes8 word) internal pure {
        uint256 keep = uint256(type(uint192).max);
        assembly ("memory-safe") {
            let p := add(add(out, 32), off)
            mstore(p, or(word, and(mload(p), keep)))
        }
    }

    /// Σ_c γ_2c·T_c(x) and Σ_c γ_2c+1·T_c(x) for the opened row at `row` (w base elements): each coordinate's
    /// products (< 2^128) summed unreduced (w < 2^120 terms fit a word), one reduction each.
    function mainSums(bytes calldata b, uint256 row, uint256 w, uint256[] memory gamma) internal pure returns (uint256 a, uint256 bb) {
        assembly ("memory-safe") {
            let mask := 0xFFFFFFFFFFFFFFFF
            let src := add(b.offset, row)
            let end := add(src, mul(8, w))
            let g := add(gamma, 32)
            let s0 := 0
            let s1 := 0
            let s2 := 0
            let s3 := 0
            let s4 := 0
            let s5 := 0
            for {} lt(src, end) { src := add(src, 8) } {
                let v := shr(192, calldataload(src))
                v := or(shl(8, and(v, 0x00FF00FF00FF00FF)), and(shr(8, v), 0x00FF00FF00FF00FF))
                v := or(shl(16, and(v, 0x0000FFFF0000FFFF)), and(shr(16, v), 0x0000FFFF0000FFFF))
                v := or(shl(32, and(v, 0x00000000FFFFFFFF)), shr(32, v))
                let ga := mload(g)
                let gb := mload(add(g, 32))
                g := add(g, 64)
                s0 := add(s0, mul(v, and(ga, mask)))
                s1 := add(s1, mul(v, and(shr(64, ga), mask)))
                s2 := add(s2, mul(v, shr(128, ga)))
                s3 := add(s3, mul(v, and(gb, mask)))
                s4 := add(s4, mul(v, and(shr(64, gb), mask)))
                s5 := add(s5, mul(v, shr(128, gb)))
            }
            let p := 0xFFFFFFFF00000001
            a := or(or(mod(s0, p), shl(64, mod(s1, p))), shl(128, mod(s2, p)))
            bb := or(or(mod(s3, p), shl(64, mod(s4, p))), shl(128, mod(s5, p)))
        }
    }

    /// `count` canonical 8-byte words from `off`; returns the offset after them.
    function words(bytes calldata b, uint256 off, uint256 count) private pure returns (uint256) {
        need(b, off, 8 * count);
        // a little-endian word is ≥ p = 2^64 − 2^32 + 1 exactly when its high half (bytes 4–7) is all ones and its
        // low half (bytes 0–3) is not zero
        uint256 bad = type(uint256).max;
        assembly ("memory-safe") {
            let src := add(b.offset, off)
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let w := shr(192, calldataload(add(src, mul(8, i))))
                if and(eq(and(w, 0xFFFFFFFF), 0xFFFFFFFF), gt(shr(32, w), 0)) {
                    bad := i
                    break
                }
            }
        }
        if (bad != type(uint256).max) revert MalformedProof(off + 8 * bad);
        return off + 8 * count;
    }

    /// A u32 count (≤ max) of `each`-byte items that fit in what is left.
    function count(bytes calldata b, uint256 off, uint256 max, uint256 each) private pure returns (uint256 n) {
        n = u32(b, off);
        if (n > max || (each > 0 && n * each > b.length - off - 4)) revert MalformedProof(off);
    }

    function digests(bytes calldata b, uint256 off, uint256 max) private pure returns (uint256 start, uint256 n, uint256 next) {
        n = count(b, off, max, 32);
        start = off + 4;
        next = start + 32 * n;
    }

    function salts(bytes calldata b, uint256 off, bool zk) private pure returns (uint256 start, uint256 n, uint256 next) {
        if (!zk) return (off, 0, off);
        n = count(b, off, MAX_ROWS, 32);
        start = off + 4;
        next = start + 32 * n;
    }

    /// An element list whose count must be `expected` (or anything when expected is type(uint256).max).
    function elements(bytes calldata b, uint256 off, uint256 wordsEach, uint256 expected) private pure returns (uint256 start, uint256 n, uint256 next) {
        n = count(b, off, 1 << 24, 8 * wordsEach);
        if (expected != type(uint256).max && n != expected) revert MalformedProof(off);
        start = off + 4;
        next = words(b, start, n * wordsEach);
    }

    /// Parses the proof as src/prover/proof.ts does — with the options and shape the proof declares — and only then
    /// compares it with the key (the TypeScript verifier's order: format, then context, then options).
    function parse(VerifyingKey calldata vk, bytes calldata b) internal pure returns (Proof memory p) {
        need(b, 0, 5);
        if (bytes4(b[0:4]) != 0x45414953) revert MalformedProof(0);
        if (uint8(b[4]) != 1) revert UnsupportedProofVersion(uint8(b[4]));
        need(b, 5, 8);
        if (uint8(b[11]) > 2) revert MalformedProof(11);
        if (uint8(b[12]) > 1) revert MalformedProof(12);
        p.zk = uint8(b[12]) == 1;
        p.fold = uint8(b[9]);
        uint256 off = parseContext(vk, b, p);
        need(b, off, 65);
        p.traceRoot = bytes32(b[off:off + 32]);
        uint256 auxFlag = uint8(b[off + 32]);
        if (auxFlag > 1) revert MalformedProof(off + 32);
        off += 33 + 32 * auxFlag;
        need(b, off, 32);
        p.compRoot = bytes32(b[off:off + 32]);
        off += 32;
        uint256 cols = p.width + p.aux;
        (p.oodCur, , off) = elements(b, off, 3, cols);
        (p.oodNext, , off) = elements(b, off, 3, cols);
        (p.oodComp, p.compCount, off) = elements(b, off, 3, type(uint256).max);
        (p.friRoots, p.friLayers, off) = digests(b, off, 64);
        (p.rem, p.remCount, off) = elements(b, off, 3, type(uint256).max);
        need(b, off, 8);
        p.nonce = u64(b, off);
        off += 8;
        off = parseTrace(b, off, p);
        off = parseComposition(b, off, p);
        off = parseFri(b, off, p);
        if (off != b.length) revert MalformedProof(off);
        // the proof against the key, in the TypeScript verifier's order
        if (!p.contextMatches) revert ContextMismatch();
        for (uint256 i = 0; i < 8; i++) if (uint8(b[5 + i]) != vk.options[i]) revert OptionsMismatch(i);
        if (auxFlag != 0) revert MalformedProof(off);
        if (p.compCount != vk.shape[2]) revert MalformedProof(p.oodComp);
        if (p.friLayers != vk.shape[6] || p.friLeaves.length != vk.shape[6]) revert MalformedProof(p.friRoots);
    }

    /// The AIR name and shape the proof declares (within the format's caps); whether they are the key's.
    function parseContext(VerifyingKey calldata vk, bytes calldata b, Proof memory p) private pure returns (uint256 off) {
        off = 13;
        uint256 nameLength = u32(b, off);
        if (nameLength > 256) revert MalformedProof(off);
        need(b, off + 4, nameLength + 12);
        bool nameMatches = keccak256(b[off + 4:off + 4 + nameLength]) == keccak256(vk.airName);
        off += 4 + nameLength;
        uint256 length = u32(b, off);
        p.width = u32(b, off + 4);
        p.aux = u32(b, off + 8);
        if (length > 1 << 30) revert MalformedProof(off);
        if (p.width > 4096) revert MalformedProof(off + 4);
        if (p.aux > 4096) revert MalformedProof(off + 8);
        p.contextMatches = nameMatches && length == vk.shape[0] && p.width == vk.shape[1] && p.aux == 0;
        off += 12;
    }

    /// The trace rows (each a u32 count, the declared width, and that many words), their proof and salts, then the
    /// auxiliary rows (each the declared auxiliary width of extension elements), their proof and salts.
    function parseTrace(bytes calldata b, uint256 off, Proof memory p) private pure returns (uint256) {
        p.traceRowCount = count(b, off, MAX_ROWS, 4 + 8 * p.width);
        p.traceRows = off + 4;
        off += 4;
        for (uint256 i = 0; i < p.traceRowCount; i++) (, , off) = elements(b, off, 1, p.width);
        (p.traceProof, p.traceProofCount, off) = digests(b, off, MAX_DIGESTS);
        (p.traceSalts, p.traceSaltCount, off) = salts(b, off, p.zk);
        uint256 auxRows = count(b, off, MAX_ROWS, 4 + 24 * p.aux);
        off += 4;
        for (uint256 i = 0; i < auxRows; i++) (, , off) = elements(b, off, 3, p.aux);
        uint256 auxDigests;
        (, auxDigests, off) = digests(b, off, MAX_DIGESTS);
        uint256 auxSalts;
        (, auxSalts, off) = salts(b, off, p.zk);
        p.auxOpenings = auxRows + auxDigests + auxSalts;
        return off;
    }

    /// The composition rows (all of one width), their proof and salts.
    function parseComposition(bytes calldata b, uint256 off, Proof memory p) private pure returns (uint256) {
        p.compRowCount = count(b, off, MAX_ROWS, 4);
        p.compRows = off + 4;
        off += 4;
        p.compWidthsEqual = true;
        for (uint256 i = 0; i < p.compRowCount; i++) {
            uint256 n;
            (, n, off) = elements(b, off, 3, type(uint256).max);
            if (i == 0) p.compRowWidth = n;
            else if (n != p.compRowWidth) p.compWidthsEqual = false;
        }
        (p.compProof, p.compProofCount, off) = digests(b, off, MAX_DIGESTS);
        (p.compSalts, p.compSaltCount, off) = salts(b, off, p.zk);
        return off;
    }

    function parseFri(bytes calldata b, uint256 off, Proof memory p) private pure returns (uint256) {
        uint256 layers = count(b, off, 64, 8);
        off += 4;
        p.friLeaves = new uint256[](layers);
        p.friLeafCount = new uint256[](layers);
        p.friProof = new uint256[](layers);
        p.friProofCount = new uint256[](layers);
        p.friSalts = new uint256[](layers);
        p.friSaltCount = new uint256[](layers);
        uint256 f = p.fold;
        for (uint256 r = 0; r < layers; r++) {
            p.friLeafCount[r] = count(b, off, MAX_ROWS, 4 + 24 * f);
            p.friLeaves[r] = off + 4;
            off += 4;
            for (uint256 i = 0; i < p.friLeafCount[r]; i++) (, , off) = elements(b, off, 3, f);
            (p.friProof[r], p.friProofCount[r], off) = digests(b, off, MAX_DIGESTS);
            (p.friSalts[r], p.friSaltCount[r], off) = salts(b, off, p.zk);
        }
        return off;
    }

    /// keccak256 of `len` bytes at `off`, followed by the 32-byte salt at `salt` when zero knowledge.
    function leafDigest(bytes calldata b, uint256 off, uint256 len, bool zk, uint256 salt) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            calldatacopy(p, add(b.offset, off), len)
            if zk {
                calldatacopy(add(p, len), add(b.offset, salt), 32)
            }
            h := keccak256(p, add(len, mul(zk, 32)))
        }
    }
}
