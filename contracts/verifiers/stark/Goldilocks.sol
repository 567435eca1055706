// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Goldilocks (p = 2^64 − 2^32 + 1) and its cubic extension F_p[X]/(X³ − X − 1), the fields of the STARK proofs the
// on-chain verifier checks (src/prover/goldilocks-cubic.ts is the TypeScript twin; issue 16, item 2). An extension
// element is packed in one word: c0 | c1 << 64 | c2 << 128, every coordinate canonical (< p). Products of two
// coordinates are below 2^128, so a few of them add up in a word before one reduction. The four operations the
// verifier runs thousands of times are inline assembly (the compiler's checked code cost 3–4× as much gas).

// solhint-disable no-inline-assembly
library Goldilocks {
    uint256 internal constant P = 0xFFFFFFFF00000001;
    /// A primitive 2^32-th root of unity (src/math/prime-fields.ts) and the multiplicative generator (coset offset).
    uint256 internal constant ROOT_2_32 = 7277203076849721926;
    uint256 internal constant GENERATOR = 7;
    uint256 private constant MASK = 0xFFFFFFFFFFFFFFFF;
    // Frobenius a ↦ a^p on the basis X and X² (from the generic extension field; the image of 1 is 1)
    uint256 private constant FX0 = 10615703402128488253;
    uint256 private constant FX1 = 10050274602728160328;
    uint256 private constant FX2 = 11746561000929144102;
    uint256 private constant FY0 = 6700183068485440220;
    uint256 private constant FY1 = 14531223735771536287;
    uint256 private constant FY2 = 8396469466686423992;

    function pack(uint256 c0, uint256 c1, uint256 c2) internal pure returns (uint256) {
        return c0 | (c1 << 64) | (c2 << 128);
    }

    function add(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let p := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            r := or(or(mod(add(and(a, m), and(b, m)), p), shl(64, mod(add(and(shr(64, a), m), and(shr(64, b), m)), p))), shl(128, mod(add(shr(128, a), shr(128, b)), p)))
        }
    }

    function sub(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let p := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            let r0 := mod(sub(add(and(a, m), p), and(b, m)), p)
            let r1 := mod(sub(add(and(shr(64, a), m), p), and(shr(64, b), m)), p)
            let r2 := mod(sub(add(shr(128, a), p), shr(128, b)), p)
            r := or(or(r0, shl(64, r1)), shl(128, r2))
        }
    }

    function mul(uint256 a, uint256 b) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let p := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            let a0 := and(a, m)
            let a1 := and(shr(64, a), m)
            let a2 := shr(128, a)
            let b0 := and(b, m)
            let b1 := and(shr(64, b), m)
            let b2 := shr(128, b)
            let c3 := add(mul(a1, b2), mul(a2, b1))
            let c4 := mul(a2, b2)
            let r0 := mod(add(mul(a0, b0), c3), p)
            let r1 := mod(add(add(mul(a0, b1), mul(a1, b0)), add(c3, c4)), p)
            let r2 := mod(add(add(mul(a0, b2), mul(a1, b1)), add(mul(a2, b0), c4)), p)
            r := or(or(r0, shl(64, r1)), shl(128, r2))
        }
    }

    /// a·s for a base element s < p.
    function mulBase(uint256 a, uint256 s) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            let p := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            r := or(or(mod(mul(and(a, m), s), p), shl(64, mod(mul(and(shr(64, a), m), s), p))), shl(128, mod(mul(shr(128, a), s), p)))
        }
    }

    /// a + s for a base element s < p.
    function addBase(uint256 a, uint256 s) internal pure returns (uint256) {
        unchecked {
            return (a & ~MASK) | (((a & MASK) + s) % P);
        }
    }

    function baseMul(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulmod(a, b, P);
    }

    function basePow(uint256 a, uint256 e) internal pure returns (uint256 r) {
        r = 1;
        while (e > 0) {
            if (e & 1 == 1) r = mulmod(r, a, P);
            a = mulmod(a, a, P);
            e >>= 1;
        }
    }

    /// a^-1 in F_p (0 for 0: callers never invert 0, which the protocol's draws exclude).
    function baseInv(uint256 a) internal pure returns (uint256) {
        return basePow(a, P - 2);
    }

    function pow(uint256 a, uint256 e) internal pure returns (uint256 r) {
        r = 1;
        while (e > 0) {
            if (e & 1 == 1) r = mul(r, a);
            a = mul(a, a);
            e >>= 1;
        }
    }

    function frobenius(uint256 a) private pure returns (uint256) {
        unchecked {
            uint256 a0 = a & MASK;
            uint256 a1 = (a >> 64) & MASK;
            uint256 a2 = a >> 128;
            return pack((a0 + a1 * FX0 + a2 * FY0) % P, (a1 * FX1 + a2 * FY1) % P, (a1 * FX2 + a2 * FY2) % P);
        }
    }

    /// a^-1 = a^p·a^(p²) / N(a), N(a) = a·a^p·a^(p²) ∈ F_p.
    function inv(uint256 a) internal pure returns (uint256) {
        uint256 t1 = frobenius(a);
        uint256 u = mul(t1, frobenius(t1));
        uint256 norm = mul(a, u) & MASK;
        return mulBase(u, baseInv(norm));
    }

    /// xs[i] = a^i for every i (transcript.ts drawPowers: the coefficients of a random linear combination).
    function powers(uint256[] memory xs, uint256 a) internal pure {
        uint256 x = 1;
        for (uint256 i = 0; i < xs.length; i++) {
            xs[i] = x;
            x = mul(x, a);
        }
    }

    /// Element-wise inverses with one inversion (Montgomery's trick), in place. No entry may be 0.
    function invertBatch(uint256[] memory xs) internal pure {
        uint256 n = xs.length;
        if (n == 0) return;
        uint256[] memory prefix = new uint256[](n);
        uint256 acc = 1;
        for (uint256 i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = mul(acc, xs[i]);
        }
        acc = inv(acc);
        for (uint256 i = n; i > 0; i--) {
            uint256 x = xs[i - 1];
            xs[i - 1] = mul(acc, prefix[i - 1]);
            acc = mul(acc, x);
        }
    }

    /// Base-field batch inversion, in place.
    function invertBatchBase(uint256[] memory xs) internal pure {
        uint256 n = xs.length;
        if (n == 0) return;
        uint256[] memory prefix = new uint256[](n);
        uint256 acc = 1;
        for (uint256 i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = mulmod(acc, xs[i], P);
        }
        acc = baseInv(acc);
        for (uint256 i = n; i > 0; i--) {
            uint256 x = xs[i - 1];
            xs[i - 1] = mulmod(acc, prefix[i - 1], P);
            acc = mulmod(acc, x, P);
        }
    }

    /// ⌊log2 x⌋ (the domain sizes here are powers of two).
    function log2(uint256 x) internal pure returns (uint256 r) {
        while (x > 1) {
            x >>= 1;
            r++;
        }
    }

    /// A primitive 2^logN-th root of unity (logN ≤ 32).
    function rootOfUnity(uint256 logN) internal pure returns (uint256 r) {
        r = ROOT_2_32;
        for (uint256 i = logN; i < 32; i++) r = mulmod(r, r, P);
    }
}
