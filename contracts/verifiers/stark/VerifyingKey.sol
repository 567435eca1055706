// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// The verifying key of an AIR family (src/prover/verifying-key.ts `verifyingKeyTuple` writes it in this field order).
//   options: blowup, queries, grinding bits, extension degree, FRI folding factor, FRI remainder max degree, hash id,
//            zero knowledge — the proof's must be exactly these.
//   shape:   trace length, trace width, composition columns, stride, mask column (0/1), degree bound, FRI layers,
//            remainder max coefficients, conjectured bits, proven bits.
//   tape:    the transition constraints as a straight-line program (src/air/tape.ts): registers are the current row,
//            the next row, the periodic values, the public slots (tapePublics: a public-input index each), the
//            constants, then one per operation; an operation is 5 bytes: op (0 add, 1 sub, 2 mul, 3 mulBase), a, b.
//   periodic columns: value fill except at entries; entry e of column c (entryEnds cumulative) is the point
//            entryPoint[e] (cycle pointCycles, index pointIndex) with value fill + entryValue[e].
//   assertions: column, step (assertionSteps[assertionStepIdx]), value (< 2^64 a constant; 2^255 | i public input i).
//   publicTemplate: the statement's public inputs, 2^255 where the statement fills them.
struct VerifyingKey {
    bytes airName;
    bytes head;
    uint8[8] options;
    uint32[10] shape;
    uint32[] tapePublics;
    uint64[] tapeConstants;
    bytes tapeOps;
    uint16[] tapeOutputs;
    uint32[] periodicCycles;
    uint64[] periodicFills;
    uint32[] entryEnds;
    uint32[] entryPoint;
    uint64[] entryValue;
    uint32[] pointCycles;
    uint32[] pointIndex;
    uint32[] assertionSteps;
    uint16[] assertionColumns;
    uint32[] assertionStepIdx;
    uint256[] assertionValues;
    uint256[] publicTemplate;
}
