// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Goldilocks as G} from "./Goldilocks.sol";
import {StarkProofParser as PP} from "./StarkProofParser.sol";
import {VerifyingKey} from "./VerifyingKey.sol";

// H(z) from the out-of-domain frame (src/prover/constraints.ts `compositionAtReference`): the periodic columns at z
// (Lagrange form over each cycle), the transition constraints by running the key's tape, divided by
// Z(z) = (z^n − 1)/(z − ω^(n−1)), plus each assertion's (T_col(z) − v)/(z − ω^step), all weighted by the
// composition coefficients. Every denominator is inverted in one batch. The tape runs in one inline-assembly loop
// (an operation is a few dozen gas there, several hundred through the compiler's calls).

// solhint-disable no-inline-assembly
library CompositionAtZ {
    error BadTape();

    struct Work {
        uint256 n;
        uint256 zn;
        uint256 omega;
        uint256 w;
        uint256 periodicStart;
        uint256 points;
        uint256 steps;
        uint256 z;
        uint256[] dens;
        uint256[] pointRoots;
        uint256[] periodic;
    }

    function evaluate(VerifyingKey calldata vk, uint64[] calldata pub, bytes calldata proof, uint256 oodCur, uint256 oodNext, uint256 z, uint256[] memory coefficients) internal pure returns (uint256) {
        Work memory k = setup(vk, z);
        denominators(vk, k);
        periodicValues(vk, k);
        return combine(vk, pub, coefficients, registers(vk, pub, proof, oodCur, oodNext, k.periodic), k);
    }

    function setup(VerifyingKey calldata vk, uint256 z) private pure returns (Work memory k) {
        k.n = vk.shape[0];
        k.w = vk.shape[1];
        k.omega = G.rootOfUnity(G.log2(k.n));
        k.zn = G.pow(z, k.n);
        k.points = vk.pointCycles.length;
        k.steps = vk.assertionSteps.length;
        k.z = z;
    }

    /// Σ α_i·C_i(z)/Z(z) + Σ β_a·(T_col(z) − v_a)/(z − ω^step_a).
    function combine(VerifyingKey calldata vk, uint64[] calldata pub, uint256[] memory coefficients, uint256[] memory regs, Work memory k) private pure returns (uint256 acc) {
        uint256[] memory dens = k.dens;
        // a calldata member taken once: each `vk.member[i]` in a loop would re-validate the struct's offsets
        uint16[] calldata outputs = vk.tapeOutputs;
        for (uint256 i = 0; i < outputs.length; i++) acc = G.add(acc, G.mul(coefficients[i], regs[outputs[i]]));
        // ÷ Z(z) = × (z − ω^(n−1)) / (z^n − 1)
        acc = G.mul(G.mul(acc, G.sub(k.z, G.basePow(k.omega, k.n - 1))), dens[0]);
        acc = G.add(acc, assertionSum(vk, pub, coefficients, regs, k));
    }

    function assertionSum(VerifyingKey calldata vk, uint64[] calldata pub, uint256[] memory coefficients, uint256[] memory regs, Work memory k) private pure returns (uint256 acc) {
        uint256 t = vk.tapeOutputs.length;
        // copied to memory once (one stack slot each, where a calldata array takes two)
        uint16[] memory columns = vk.assertionColumns;
        uint256[] memory values = vk.assertionValues;
        uint32[] memory stepIdx = vk.assertionStepIdx;
        for (uint256 a = 0; a < columns.length; a++) {
            uint256 v = values[a];
            uint256 num = G.sub(regs[columns[a]], v >> 255 == 1 ? pub[v & 0xFFFFFFFF] : v);
            num = G.mul(num, k.dens[1 + k.points + stepIdx[a]]);
            acc = G.add(acc, G.mul(coefficients[t + a], num));
        }
    }

    /// Inverses of z^n − 1, of y_c − ω_c^i per periodic point and of z − ω^step per assertion step, in one batch.
    function denominators(VerifyingKey calldata vk, Work memory k) private pure {
        uint256 z = k.z;
        uint256[] memory dens = new uint256[](1 + k.points + k.steps);
        uint256[] memory pointRoots = new uint256[](k.points);
        dens[0] = G.sub(k.zn, 1);
        uint256 cycle = 0;
        uint256 root = 0;
        uint256 y = 0;
        uint32[] calldata cycles = vk.pointCycles;
        uint32[] calldata indices = vk.pointIndex;
        for (uint256 i = 0; i < k.points; i++) {
            uint256 c = cycles[i];
            if (c != cycle) {
                // points come grouped by cycle: its root of unity and y = z^(n/c) once per group
                (cycle, root, y) = (c, G.rootOfUnity(G.log2(c)), G.pow(z, k.n / c));
            }
            pointRoots[i] = G.basePow(root, indices[i]);
            dens[1 + i] = G.sub(y, pointRoots[i]);
        }
        uint32[] calldata steps = vk.assertionSteps;
        for (uint256 s = 0; s < k.steps; s++) dens[1 + k.points + s] = G.sub(z, G.basePow(k.omega, steps[s]));
        G.invertBatch(dens);
        k.dens = dens;
        k.pointRoots = pointRoots;
    }

    /// Each periodic column at z: fill + Σ (v_i − fill)·L_i(y), L_i(y) = ω^i·(y^c − 1)/(c·(y − ω^i)), y^c = z^n.
    function periodicValues(VerifyingKey calldata vk, Work memory k) private pure {
        uint256[] memory dens = k.dens;
        uint256[] memory pointRoots = k.pointRoots;
        uint256 zn1 = G.sub(k.zn, 1);
        uint256[] memory lagrange = new uint256[](k.points);
        uint256 cycle = 0;
        uint256 scaled = 0;
        uint32[] calldata cycles = vk.pointCycles;
        for (uint256 i = 0; i < k.points; i++) {
            uint256 c = cycles[i];
            if (c != cycle) (cycle, scaled) = (c, G.mulBase(zn1, G.baseInv(c)));
            lagrange[i] = G.mul(G.mulBase(scaled, pointRoots[i]), dens[1 + i]);
        }
        k.periodic = columnValues(vk, lagrange);
    }

    /// Each column's fill plus its entries' values times their points' Lagrange values.
    function columnValues(VerifyingKey calldata vk, uint256[] memory lagrange) private pure returns (uint256[] memory values) {
        uint64[] calldata fills = vk.periodicFills;
        uint32[] calldata ends = vk.entryEnds;
        uint32[] calldata points = vk.entryPoint;
        uint64[] calldata entryValues = vk.entryValue;
        values = new uint256[](vk.periodicCycles.length);
        uint256 e = 0;
        for (uint256 c = 0; c < values.length; c++) {
            uint256 v = fills[c];
            for (uint256 end = ends[c]; e < end; e++) v = G.add(v, G.mulBase(lagrange[points[e]], entryValues[e]));
            values[c] = v;
        }
    }

    /// The tape's registers after running it: frame, periodic values, public slots, constants, then each operation.
    function registers(VerifyingKey calldata vk, uint64[] calldata pub, bytes calldata proof, uint256 oodCur, uint256 oodNext, uint256[] memory periodic) private pure returns (uint256[] memory regs) {
        uint256 w = vk.shape[1];
        uint256 ops = vk.tapeOps.length / 5;
        uint256 fixedRegs = 2 * w + periodic.length + vk.tapePublics.length + vk.tapeConstants.length;
        regs = new uint256[](fixedRegs + ops);
        for (uint256 i = 0; i < w; i++) {
            regs[i] = PP.ext(proof, oodCur + 24 * i);
            regs[w + i] = PP.ext(proof, oodNext + 24 * i);
        }
        uint256 at = 2 * w;
        for (uint256 i = 0; i < periodic.length; i++) regs[at++] = periodic[i];
        uint32[] calldata publics = vk.tapePublics;
        uint64[] calldata constants = vk.tapeConstants;
        for (uint256 i = 0; i < publics.length; i++) regs[at++] = pub[publics[i]];
        for (uint256 i = 0; i < constants.length; i++) regs[at++] = constants[i];
        if (!runTape(regs, vk.tapeOps, at, ops)) revert BadTape();
    }

    /// Runs the tape's operations into regs[at …]; false when an operation reads a register not yet written.
    function runTape(uint256[] memory regs, bytes calldata tape, uint256 at, uint256 ops) private pure returns (bool ok) {
        ok = true;
        assembly ("memory-safe") {
            let fp := 0xFFFFFFFF00000001
            let m := 0xFFFFFFFFFFFFFFFF
            let base := add(regs, 32)
            let src := tape.offset
            for { let i := 0 } lt(i, ops) { i := add(i, 1) } {
                let word := shr(216, calldataload(add(src, mul(5, i))))
                let ia := and(shr(16, word), 0xFFFF)
                let ib := and(word, 0xFFFF)
                if iszero(and(lt(ia, at), lt(ib, at))) {
                    ok := 0
                    break
                }
                let x := mload(add(base, shl(5, ia)))
                let y := mload(add(base, shl(5, ib)))
                let r
                switch shr(32, word)
                case 0 {
                    r := or(or(mod(add(and(x, m), and(y, m)), fp), shl(64, mod(add(and(shr(64, x), m), and(shr(64, y), m)), fp))), shl(128, mod(add(shr(128, x), shr(128, y)), fp)))
                }
                case 1 {
                    r := or(or(mod(sub(add(and(x, m), fp), and(y, m)), fp), shl(64, mod(sub(add(and(shr(64, x), m), fp), and(shr(64, y), m)), fp))), shl(128, mod(sub(add(shr(128, x), fp), shr(128, y)), fp)))
                }
                case 2 {
                    let a0 := and(x, m)
                    let a1 := and(shr(64, x), m)
                    let a2 := shr(128, x)
                    let b0 := and(y, m)
                    let b1 := and(shr(64, y), m)
                    let b2 := shr(128, y)
                    let c3 := add(mul(a1, b2), mul(a2, b1))
                    let c4 := mul(a2, b2)
                    r := or(or(mod(add(mul(a0, b0), c3), fp), shl(64, mod(add(add(mul(a0, b1), mul(a1, b0)), add(c3, c4)), fp))), shl(128, mod(add(add(mul(a0, b2), mul(a1, b1)), add(mul(a2, b0), c4)), fp)))
                }
                default {
                    r := or(or(mod(mul(and(x, m), y), fp), shl(64, mod(mul(and(shr(64, x), m), y), fp))), shl(128, mod(mul(shr(128, x), y), fp)))
                }
                mstore(add(base, shl(5, at)), r)
                at := add(at, 1)
            }
        }
    }
}

