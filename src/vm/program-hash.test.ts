// The program hash: 16 noops from the zero state are one Winterfell Rescue permutation (whose constants and
// test vector rescue-hash.test.ts checks) followed by two capacity resets; immediates, opcodes and the salt
// all change it.
import { describe, expect, it } from "vitest";
import { rescuePermutation } from "../air/examples/rescue-hash.js";
import { assemble } from "./assembler.js";
import type { Instruction } from "./isa.js";
import { hashStates, programHash } from "./program-hash.js";

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
