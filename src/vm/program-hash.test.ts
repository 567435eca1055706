// The program hash: 16 noops from the zero state are one Winterfell Rescue permutation (whose constants and
// test vector rescue-hash.test.ts checks) followed by two capacity resets; immediates, opcodes and the salt
// all change it.
import { describe, expect, it } from "vitest";
import { rescuePermutation } from "../air/examples/rescue-hash.js";
import { assemble } from "./assembler.js";
import type { Instruction } from "./isa.js";
import { RP64_GOLDILOCKS } from "./hash-spec.js";
import { extendProgramHash, hashStates, programHash } from "./program-hash.js";

const noops = (n: number) => ({ instructions: Array.from({ length: n }, (): Instruction => ({ op: "noop", value: 0n })), lines: new Array(n).fill(undefined) });

describe("program hash (thesis Rescue sponge)", () => {
  it("16 noops = the Rescue permutation of zero, then the capacity reset", () => {
    const perm = rescuePermutation([0n, 0n, 0n, 0n]);
    expect(programHash(noops(16))).toEqual([perm[0], perm[1]]);
    const states = hashStates(noops(16));
    expect(states[14]).toEqual(perm);
    expect(states[16]).toEqual([perm[0], perm[1], 0n, 0n]);
  });
  it("depends on every opcode, every immediate and the salt", () => {
    const base = programHash(assemble("push.1\nread\nadd"));
    expect(programHash(assemble("push.2\nread\nadd"))).not.toEqual(base);
    expect(programHash(assemble("push.1\nread\nmul"))).not.toEqual(base);
    expect(programHash(assemble("push.1\nread\nadd"), [5n, 0n])).not.toEqual(base);
    expect(programHash(assemble("push.1\nread\nadd"))).toEqual(base);
  });
  it("refuses a salt outside the field", () => {
    expect(() => programHash(noops(16), [-1n, 0n])).toThrow(RangeError);
  });
});

describe("extendProgramHash: the thesis hash's length extension", () => {
  const P = assemble("push.3\nread\nadd");
  const Q = assemble("push.9\nmul");
  const PQ = { instructions: [...P.instructions, ...Q.instructions], lines: [...P.lines, ...Q.lines] };
  it("hash(P ‖ Q) from hash(P) and Q alone, whatever the salt", () => {
    for (const salt of [undefined, [123456789n, 987654321n]]) {
      expect(extendProgramHash(programHash(P, salt), P.instructions.length, Q.instructions)).toEqual(programHash(PQ, salt));
    }
  });
  it("refuses a prefix off a cycle boundary, a digest that is not the whole rate, a wrong digest length", () => {
    expect(() => extendProgramHash(programHash(P), 15, Q.instructions)).toThrow(/cycle boundary/);
    expect(() => extendProgramHash([1n, 2n, 3n, 4n], 16, Q.instructions, RP64_GOLDILOCKS)).toThrow(/not the whole rate/);
    expect(() => extendProgramHash([1n], 16, Q.instructions)).toThrow(/2 elements/);
  });
});
