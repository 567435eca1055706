// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Goldilocks as G} from "./Goldilocks.sol";
import {KeccakTranscript as T} from "./KeccakTranscript.sol";
import {StarkProofParser as PP} from "./StarkProofParser.sol";
import {VerifyingKey} from "./VerifyingKey.sol";
import {OodEvaluator} from "./OodEvaluator.sol";
import {MerkleBatch} from "./MerkleBatch.sol";
import {FriVerifier} from "./FriVerifier.sol";

// The STARK verifier on the EVM (issue 16, item 2): the steps of src/prover/verifier.ts, in its order, for proofs over
// Goldilocks with the cubic extension and keccak256 commitments, against a verifying key generated from the
// TypeScript AIR (src/prover/verifying-key.ts). The statement is the caller's public inputs, checked against the
// key's template; the security level is the verifier's: the key's options must meet this verifier's policy, and the
// proof's options must be the key's. A bad proof reverts with the custom error of the check that failed.

// solhint-disable no-inline-assembly
contract StarkVerifier {
    using T for T.State;

    error BelowPolicy(uint256 conjecturedBits, uint256 provenBits);
    /// Raised by the OodEvaluator for a key whose tape reads a register before writing it; declared here too so that
    /// this contract's ABI names every error a verification can end with.
    error BadTape();
    error WrongStatement(uint256 index);
    error OodMismatch();
    error InsufficientProofOfWork();
    error TraceOpeningInvalid();
    error CompositionOpeningInvalid();
    /// The call's arguments point into its own head (a non-standard encoding the OOD evaluator would read otherwise).
    error BadCalldata();

    uint256 public immutable minConjecturedBits;
    uint256 public immutable minProvenBits;
    /// The AIR-specific part (a contract of its own: each stays under the 24 KiB code size limit).
    OodEvaluator public immutable evaluator;

    constructor(uint256 minConjectured, uint256 minProven, OodEvaluator ood) {
        minConjecturedBits = minConjectured;
        minProvenBits = minProven;
        evaluator = ood;
    }

    /// The identity of a verifying key: keccak256 of its ABI encoding (src/market/verifying-key-abi.ts computes the same).
    function keyHash(VerifyingKey calldata vk) external pure returns (bytes32) {
        return keccak256(abi.encode(vk));
    }

    /// Reverts naming the failed check unless `proof` proves the statement `publicInputs` of the key's family.
    function verify(VerifyingKey calldata vk, uint64[] calldata publicInputs, bytes calldata proof) external view returns (bool) {
        if (vk.shape[8] < minConjecturedBits || vk.shape[9] < minProvenBits) revert BelowPolicy(vk.shape[8], vk.shape[9]);
        checkStatement(vk, publicInputs);
        PP.Proof memory p = PP.parse(vk, proof);
        T.State memory t = T.start(bytes("EncryptAI-STARK-v2"), seed(vk, publicInputs));
        // 1–3: trace commitment, composition coefficients, composition commitment
        t.absorbWord("trace-root", 10, p.traceRoot, 32);
        uint256[] memory coefficients = new uint256[](vk.tapeOutputs.length + vk.assertionColumns.length);
        G.powers(coefficients, t.drawExt("composition", 11));
        t.absorbWord("composition-root", 16, p.compRoot, 32);
        // 4: out-of-domain consistency
        uint256 z = drawOodPoint(t, vk);
        checkOod(vk, proof, p, z, coefficients);
        absorbOod(t, vk, proof, p);
        queryPhase(vk, proof, p, t, z);
        return true;
    }

    function checkOod(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, uint256 z, uint256[] memory coefficients) private view {
        uint256 expected = evaluateOod(p, z, coefficients);
        uint256 zs = G.pow(z, vk.shape[3]);
        uint256 got = 0;
        uint256 pw = 1;
        for (uint256 j = 0; j < p.compCount; j++) {
            got = G.add(got, G.mul(pw, PP.ext(proof, p.oodComp + 24 * j)));
            pw = G.mul(pw, zs);
        }
        if (got != expected) revert OodMismatch();
    }

    /**
     * evaluator.evaluate(vk, publicInputs, proof, oodCur, oodNext, z, coefficients), with this call's own calldata as
     * the first three arguments: their tails are copied as they are — the key is not ABI-encoded again, which cost
     * about 0.5 M gas — and the head's three offsets move past the four words the call adds. An offset into this
     * call's head is refused, so that both contracts read the same bytes.
     */
    function evaluateOod(PP.Proof memory p, uint256 z, uint256[] memory coefficients) private view returns (uint256 r) {
        address target = address(evaluator);
        bytes4 selector = OodEvaluator.evaluate.selector;
        uint256 oodCur = p.oodCur;
        uint256 oodNext = p.oodNext;
        bool headOffset;
        assembly ("memory-safe") {
            let o0 := calldataload(4)
            let o1 := calldataload(36)
            let o2 := calldataload(68)
            headOffset := or(or(lt(o0, 96), lt(o1, 96)), lt(o2, 96))
            if iszero(headOffset) {
                let tail := sub(calldatasize(), 100)
                let n := mload(coefficients)
                let ptr := mload(0x40)
                mstore(ptr, selector)
                mstore(add(ptr, 4), add(o0, 128))
                mstore(add(ptr, 36), add(o1, 128))
                mstore(add(ptr, 68), add(o2, 128))
                mstore(add(ptr, 100), oodCur)
                mstore(add(ptr, 132), oodNext)
                mstore(add(ptr, 164), z)
                mstore(add(ptr, 196), add(224, tail))
                calldatacopy(add(ptr, 228), 100, tail)
                let c := add(ptr, add(228, tail))
                mstore(c, n)
                mcopy(add(c, 32), add(coefficients, 32), mul(32, n))
                if iszero(staticcall(gas(), target, ptr, add(add(228, tail), mul(32, add(n, 1))), 0, 32)) {
                    returndatacopy(0, 0, returndatasize())
                    revert(0, returndatasize())
                }
                if lt(returndatasize(), 32) { revert(0, 0) }
                r := mload(0)
            }
        }
        if (headOffset) revert BadCalldata();
    }

    /// Steps 5–8: DEEP coefficients, FRI commitments, proof of work, queries.
    function queryPhase(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, T.State memory t, uint256 z) private pure {
        // 5: DEEP coefficients
        uint256 w = vk.shape[1];
        uint256[] memory gamma = new uint256[](2 * w + p.compCount + (vk.shape[4] == 1 ? 1 : 0));
        G.powers(gamma, t.drawExt("deep", 4));
        // 6: FRI commitments
        uint256[] memory alphas = new uint256[](p.friLayers);
        for (uint256 r = 0; r < p.friLayers; r++) {
            (bytes32 label, uint256 len) = T.numbered("fri-layer-", 10, r);
            t.absorbCalldata(label, len, PP.at(proof, p.friRoots + 32 * r), 32);
            alphas[r] = t.drawExtNumbered("fri-alpha-", 10, r);
        }
        t.absorbCalldata("fri-remainder", 13, PP.at(proof, p.rem), 24 * p.remCount);
        // 7: proof of work
        if (!t.checkGrinding(p.nonce, vk.options[2])) revert InsufficientProofOfWork();
        // 8: queries
        uint256 domain = vk.shape[0] * vk.options[0];
        uint256[] memory positions = drawPositions(t, vk.options[1], domain);
        checkOpenings(vk, proof, p, positions, domain);
        uint256[] memory deep = deepValues(vk, proof, p, positions, domain, z, gamma);
        FriVerifier.verify(vk, proof, p, positions, deep, alphas, domain);
    }

    /// The statement's fixed public inputs are the key's; the free ones canonical.
    function checkStatement(VerifyingKey calldata vk, uint64[] calldata pub) private pure {
        uint256[] calldata template = vk.publicTemplate;
        if (pub.length != template.length) revert WrongStatement(pub.length);
        for (uint256 i = 0; i < pub.length; i++) {
            uint256 want = template[i];
            if (want >> 255 == 1 ? pub[i] >= G.P : pub[i] != want) revert WrongStatement(i);
        }
    }

    /// transcript-seed.ts: u32le(head length) ‖ head ‖ u32le(count) ‖ u64le of each public input.
    function seed(VerifyingKey calldata vk, uint64[] calldata pub) private pure returns (bytes memory out) {
        bytes memory words = new bytes(8 * pub.length);
        for (uint256 i = 0; i < pub.length; i++) PP.storeWord(words, 8 * i, bytes8(T.le64(pub[i])));
        out = abi.encodePacked(T.le32(vk.head.length), vk.head, T.le32(pub.length), words);
    }

    /// prover.ts drawOodPoint: redrawn while z lies in the trace domain or the LDE coset.
    function drawOodPoint(T.State memory t, VerifyingKey calldata vk) private pure returns (uint256 z) {
        uint256 n = vk.shape[0];
        uint256 lde = n * vk.options[0];
        uint256 offsetN = G.basePow(G.GENERATOR, lde);
        for (uint256 attempt = 0; ; attempt++) {
            z = t.drawExtNumbered("ood-point-", 10, attempt);
            if (G.pow(z, n) != 1 && G.pow(z, lde) != offsetN) return z;
        }
    }

    function absorbOod(T.State memory t, VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p) private pure {
        uint256 w = vk.shape[1];
        for (uint256 i = 0; i < w; i++) t.absorbCalldata("ood", 3, PP.at(proof, p.oodCur + 24 * i), 24);
        for (uint256 i = 0; i < w; i++) t.absorbCalldata("ood", 3, PP.at(proof, p.oodNext + 24 * i), 24);
        for (uint256 i = 0; i < p.compCount; i++) t.absorbCalldata("ood", 3, PP.at(proof, p.oodComp + 24 * i), 24);
    }

    /// Transcript.drawDistinctIndices: round r squeezes 4·count bytes under "query-positions/r".
    function drawPositions(T.State memory t, uint256 count, uint256 domain) private pure returns (uint256[] memory out) {
        out = new uint256[](count);
        uint256 found = 0;
        for (uint256 round = 0; found < count; round++) {
            (bytes32 label, uint256 len) = T.numbered("query-positions/", 16, round);
            uint256 word = 0;
            uint256 squeezed = 0;
            for (uint256 k = 0; k < count && found < count; k++) {
                if (k % 8 == 0) {
                    word = T.reverseBytes(t.squeeze(label, len));
                    squeezed++;
                }
                uint256 i = ((word >> (32 * (k % 8))) & 0xFFFFFFFF) % domain;
                bool seen = false;
                for (uint256 j = 0; j < found; j++) {
                    if (out[j] == i) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) out[found++] = i;
            }
            // the round's unused squeezes still count (squeezeBytes draws ⌈4·count/32⌉ of them)
            for (; squeezed < (count + 7) / 8; squeezed++) t.squeeze(label, len);
        }
    }

    /// verifier.ts step 8, in its order: counts, trace salts, the trace opening, auxiliary salts, the composition rows'
    /// width, their salts and their opening.
    function checkOpenings(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, uint256[] memory positions, uint256 domain) private pure {
        uint256 q = positions.length;
        if (p.traceRowCount != q || p.compRowCount != q) revert PP.MalformedProof(p.traceRows);
        uint256 salts = vk.options[7] == 1 ? q : 0;
        if (p.traceSaltCount != salts) revert PP.MalformedProof(p.traceSalts);
        bytes32[] memory leaves = rowDigests(proof, p.traceRows, 8 * vk.shape[1], q, salts > 0, p.traceSalts);
        if (!MerkleBatch.verify(p.traceRoot, domain, positions, leaves, proof, p.traceProof, p.traceProofCount)) revert TraceOpeningInvalid();
        if (p.auxOpenings != 0) revert PP.MalformedProof(p.traceSalts);
        uint256 width = vk.shape[2] + (vk.shape[4] == 1 ? 1 : 0);
        if (!p.compWidthsEqual || p.compRowWidth != width) revert CompositionOpeningInvalid();
        if (p.compSaltCount != salts) revert PP.MalformedProof(p.compSalts);
        leaves = rowDigests(proof, p.compRows, 24 * width, q, salts > 0, p.compSalts);
        if (!MerkleBatch.verify(p.compRoot, domain, positions, leaves, proof, p.compProof, p.compProofCount)) revert CompositionOpeningInvalid();
    }

    /// Leaf digests of q opened rows of `rowBytes` bytes each (after its u32 count), salted under zero knowledge.
    function rowDigests(bytes calldata proof, uint256 rows, uint256 rowBytes, uint256 q, bool zk, uint256 salts) private pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](q);
        for (uint256 i = 0; i < q; i++) leaves[i] = PP.leafDigest(proof, rows + i * (4 + rowBytes) + 4, rowBytes, zk, salts + 32 * i);
    }

    struct Deep {
        uint256 w;
        uint256 k;
        bool mask;
        uint256 a0;
        uint256 b0;
        uint256 rowBytes;
        uint256 compBytes;
        uint256[] gamma;
        uint256[] dens;
    }

    /// deep-values.ts: D(x) = Σ γ_2c·(T_c(x) − T_c(z))/(x − z) + Σ γ_2c+1·(T_c(x) − T_c(zω))/(x − zω) + composition terms.
    function deepValues(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, uint256[] memory positions, uint256 domain, uint256 z, uint256[] memory gamma) private pure returns (uint256[] memory deep) {
        Deep memory d = oodSums(vk, proof, p, gamma);
        d.gamma = gamma;
        d.dens = queryDenominators(vk, positions, domain, z);
        deep = new uint256[](positions.length);
        for (uint256 i = 0; i < positions.length; i++) deep[i] = deepAt(proof, p, d, i);
    }

    /// The constants Σ γ_2c·T_c(z) + Σ γ_j·H_j(z) and Σ γ_2c+1·T_c(zω).
    function oodSums(VerifyingKey calldata vk, bytes calldata proof, PP.Proof memory p, uint256[] memory gamma) private pure returns (Deep memory d) {
        d.w = vk.shape[1];
        d.k = vk.shape[2];
        d.mask = vk.shape[4] == 1;
        d.rowBytes = 8 * d.w;
        d.compBytes = 24 * (d.k + (d.mask ? 1 : 0));
        for (uint256 c = 0; c < d.w; c++) {
            d.a0 = G.add(d.a0, G.mul(gamma[2 * c], PP.ext(proof, p.oodCur + 24 * c)));
            d.b0 = G.add(d.b0, G.mul(gamma[2 * c + 1], PP.ext(proof, p.oodNext + 24 * c)));
        }
        for (uint256 j = 0; j < d.k; j++) d.a0 = G.add(d.a0, G.mul(gamma[2 * d.w + j], PP.ext(proof, p.oodComp + 24 * j)));
    }

    /// 1/(x_i − z) and 1/(x_i − zω) for every query point x_i = g·ω_N^pos, in one batch.
    function queryDenominators(VerifyingKey calldata vk, uint256[] memory positions, uint256 domain, uint256 z) private pure returns (uint256[] memory dens) {
        uint256 zw = G.mulBase(z, G.rootOfUnity(G.log2(vk.shape[0])));
        uint256 omegaN = G.rootOfUnity(G.log2(domain));
        dens = new uint256[](2 * positions.length);
        for (uint256 i = 0; i < positions.length; i++) {
            uint256 x = mulmod(G.GENERATOR, G.basePow(omegaN, positions[i]), G.P);
            dens[2 * i] = G.sub(x, z);
            dens[2 * i + 1] = G.sub(x, zw);
        }
        G.invertBatch(dens);
    }

    function deepAt(bytes calldata proof, PP.Proof memory p, Deep memory d, uint256 i) private pure returns (uint256 out) {
        uint256[] memory gamma = d.gamma;
        (uint256 a, uint256 b) = PP.mainSums(proof, p.traceRows + i * (4 + d.rowBytes) + 4, d.w, gamma);
        uint256 row = p.compRows + i * (4 + d.compBytes) + 4;
        for (uint256 j = 0; j < d.k; j++) a = G.add(a, G.mul(gamma[2 * d.w + j], PP.ext(proof, row + 24 * j)));
        out = G.add(G.mul(G.sub(a, d.a0), d.dens[2 * i]), G.mul(G.sub(b, d.b0), d.dens[2 * i + 1]));
        if (d.mask) out = G.add(out, G.mul(gamma[2 * d.w + d.k], PP.ext(proof, row + 24 * d.k)));
    }
}
