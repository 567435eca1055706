// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Goldilocks as G} from "./Goldilocks.sol";
import {StarkProofParser as PP} from "./StarkProofParser.sol";
import {VerifyingKey} from "./VerifyingKey.sol";
import {MerkleBatch} from "./MerkleBatch.sol";

// FRI's query phase (src/prover/fri.ts `friVerify`): per layer, the opened leaves against the layer's root, the value
// at each queried position against the one folded from the previous layer (the DEEP values for layer 0), then the
// fold by the layer's α; at the end, the remainder polynomial's value at each position.

// solhint-disable no-inline-assembly
library FriVerifier {
    error FriOpeningInvalid(uint256 layer);
    error FriFoldingMismatch(uint256 layer);
    error FriRemainderMismatch();

    struct Layer {
        uint256 n;
        uint256 next;
        uint256 f;
        uint256 g;
        uint256 fInv;
        uint256 zetaInv;
        bool zk;
        uint256[] pos;
        uint256[] vals;
        uint256 ratio;
        uint256[] zetas;
    }

    function verify(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, uint256[] memory positions, uint256[] memory values, uint256[] memory alphas, uint256 domain) internal pure {
        if (p.remCount > vk.shape[7]) revert FriRemainderMismatch();
        uint256 f = vk.options[4];
        Layer memory layer = Layer(domain, 0, f, G.GENERATOR, G.baseInv(f), G.baseInv(G.rootOfUnity(G.log2(f))), vk.options[7] == 1, positions, values, 0, new uint256[](f));
        for (uint256 r = 0; r < p.friLayers; r++) {
            layer.next = layer.n / layer.f;
            uint256[] memory leafIdx = checkLayer(proof, p, r, layer);
            layer.vals = foldLayer(proof, p.friLeaves[r], leafIdx, layer, alphas[r]);
            layer.pos = leafIdx;
            layer.g = G.basePow(layer.g, layer.f);
            layer.n = layer.next;
        }
        checkRemainder(proof, p, layer);
    }

    /// The last layer's values are the remainder polynomial's at g·ω^pos.
    function checkRemainder(bytes calldata proof, PP.Proof memory p, Layer memory layer) private pure {
        uint256 omega = G.rootOfUnity(G.log2(layer.n));
        uint256[] memory coefficients = new uint256[](p.remCount);
        for (uint256 c = 0; c < p.remCount; c++) coefficients[c] = PP.ext(proof, p.rem + 24 * c);
        for (uint256 i = 0; i < layer.pos.length; i++) {
            if (horner(coefficients, mulmod(layer.g, G.basePow(omega, layer.pos[i]), G.P)) != layer.vals[i]) revert FriRemainderMismatch();
        }
    }

    /// Σ_k c_k·x^k for extension coefficients and a base point: three base-field Horner evaluations side by side.
    function horner(uint256[] memory coefficients, uint256 x) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let fp := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            let a0 := 0
            let a1 := 0
            let a2 := 0
            for { let at := add(coefficients, shl(5, mload(coefficients))) } gt(at, coefficients) { at := sub(at, 32) } {
                let c := mload(at)
                a0 := add(mulmod(a0, x, fp), and(c, m))
                a1 := add(mulmod(a1, x, fp), and(shr(64, c), m))
                a2 := add(mulmod(a2, x, fp), shr(128, c))
            }
            r := or(or(mod(a0, fp), shl(64, mod(a1, fp))), shl(128, mod(a2, fp)))
        }
    }

    /// Layer r's openings against its root, and the values at the queried positions against the previous layer's.
    function checkLayer(bytes calldata proof, PP.Proof memory p, uint256 r, Layer memory layer) private pure returns (uint256[] memory leafIdx) {
        leafIdx = uniqueMod(layer.pos, layer.next);
        uint256 m = leafIdx.length;
        if (p.friLeafCount[r] != m) revert PP.MalformedProof(p.friLeaves[r]);
        if (p.friSaltCount[r] != (layer.zk ? m : 0)) revert PP.MalformedProof(p.friSalts[r]);
        uint256 leafBytes = 24 * layer.f;
        bytes32[] memory digests = new bytes32[](m);
        for (uint256 i = 0; i < m; i++) digests[i] = PP.leafDigest(proof, p.friLeaves[r] + i * (4 + leafBytes) + 4, leafBytes, layer.zk, p.friSalts[r] + 32 * i);
        bytes32 root = bytes32(proof[p.friRoots + 32 * r:p.friRoots + 32 * r + 32]);
        if (!MerkleBatch.verify(root, layer.next, leafIdx, digests, proof, p.friProof[r], p.friProofCount[r])) revert FriOpeningInvalid(r);
        for (uint256 i = 0; i < layer.pos.length; i++) {
            uint256 j = indexOf(leafIdx, layer.pos[i] % layer.next);
            uint256 at = p.friLeaves[r] + j * (4 + leafBytes) + 4 + 24 * (layer.pos[i] / layer.next);
            if (PP.ext(proof, at) != layer.vals[i]) revert FriFoldingMismatch(r);
        }
    }

    /// fri.ts foldLeafBase for every opened leaf: (1/f)·Σ_m (α/x)^m·Σ_j v_j·ζ^(−j·m), x = g·ω_n^j.
    function foldLayer(bytes calldata proof, uint256 leaves, uint256[] memory leafIdx, Layer memory layer, uint256 alpha) private pure returns (uint256[] memory out) {
        uint256 m = leafIdx.length;
        uint256 omega = G.rootOfUnity(G.log2(layer.n));
        uint256[] memory xInv = new uint256[](m);
        for (uint256 i = 0; i < m; i++) xInv[i] = mulmod(layer.g, G.basePow(omega, leafIdx[i]), G.P);
        G.invertBatchBase(xInv);
        uint256[] memory zetas = layer.zetas;
        zetas[0] = 1;
        for (uint256 i = 1; i < layer.f; i++) zetas[i] = mulmod(zetas[i - 1], layer.zetaInv, G.P);
        out = new uint256[](m);
        uint256 leafBytes = 24 * layer.f;
        for (uint256 i = 0; i < m; i++) {
            layer.ratio = G.mulBase(alpha, xInv[i]);
            out[i] = foldLeaf(proof, leaves + i * (4 + leafBytes) + 4, layer);
        }
    }

    /// One leaf's folded value, ratio = α/x.
    function foldLeaf(bytes calldata proof, uint256 leaf, Layer memory layer) private pure returns (uint256) {
        uint256 ratio = layer.ratio;
        uint256[] memory zetas = layer.zetas;
        uint256 f = layer.f;
        uint256[] memory v = new uint256[](f);
        for (uint256 j = 0; j < f; j++) v[j] = PP.ext(proof, leaf + 24 * j);
        uint256 acc = 0;
        uint256 pw = 1;
        for (uint256 k = 0; k < f; k++) {
            uint256 s = 0;
            for (uint256 j = 0; j < f; j++) s = G.add(s, G.mulBase(v[j], zetas[(j * k) % f]));
            acc = G.add(acc, G.mul(pw, s));
            pw = G.mul(pw, ratio);
        }
        return G.mulBase(acc, layer.fInv);
    }

    /// The distinct values p mod next, in order of first occurrence.
    function uniqueMod(uint256[] memory pos, uint256 next) private pure returns (uint256[] memory out) {
        uint256[] memory tmp = new uint256[](pos.length);
        uint256 m = 0;
        for (uint256 i = 0; i < pos.length; i++) {
            uint256 v = pos[i] % next;
            bool seen = false;
            for (uint256 j = 0; j < m; j++) {
                if (tmp[j] == v) {
                    seen = true;
                    break;
                }
            }
            if (!seen) tmp[m++] = v;
        }
        out = new uint256[](m);
        for (uint256 i = 0; i < m; i++) out[i] = tmp[i];
    }

    function indexOf(uint256[] memory xs, uint256 v) private pure returns (uint256) {
        for (uint256 i = 0; i < xs.length; i++) if (xs[i] == v) return i;
        return type(uint256).max;
    }
}
