// Assembler and disassembler: the thesis's own expected layouts (vm/src/program/tests/mod.rs), its example
// program, round trips and line-numbered errors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { F128_FIELD } from "../math/prime-fields.js";
import { assemble, checkProgram, disassemble, formatProgram } from "./assembler.js";
import { VmProgramError } from "./errors.js";

describe("assemble (thesis format)", () => {
  it("lays programs out as the thesis's tests expect (push aligned to 8, padded to 16)", () => {
    const expected = "push(1) noop noop noop noop noop noop noop push(2) add read mul noop noop noop noop";
    expect(formatProgram(assemble("push.1\npush.2\nadd\nread\nmul"))).toBe(expected);
    expect(formatProgram(assemble("# Comment 1\npush.1\npush.2 # Comment 2\nadd\nread\nmul\n"))).toBe(expected);
  });
  it("keeps steps 14 and 15 of every cycle free and always appends padding", () => {
    const p = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
    expect(p.instructions.length).toBe(32);
    expect(p.instructions[14]!.op).toBe("noop");
    expect(p.instructions[15]!.op).toBe("noop");
    expect(p.instructions[16]!.op).toBe("add2");
    expect(p.lines[16]).toBe(20); // the add2 after the fourth smul, in the file with its 2 header lines
    expect(assemble(Array(14).fill("read").join("\n")).instructions.length).toBe(16); // 14 ops fill a cycle
    expect(assemble(Array(15).fill("read").join("\n")).instructions.length).toBe(32); // the 15th moves to the next
    expect(() => checkProgram(p)).not.toThrow();
  });
  it("round-trips through the disassembler, including negative field immediates", () => {
    const o = { immediates: "i16" as const, modulus: F128_FIELD.modulus };
    const p = assemble("read2\npush.-3\nsmul\nread2\npush.200\nsmul\nadd2\npush.7\nsadd", o);
    expect(p.instructions.find((i) => i.op === "push")!.value).toBe(F128_FIELD.modulus - 3n);
    expect(assemble(disassemble(p, { modulus: F128_FIELD.modulus }), o)).toEqual(p);
    const lr = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
    expect(assemble(disassemble(lr)).instructions).toEqual(lr.instructions);
  });
  it.each([
    ["push.1\npush.2\nad", 3, /instruction ad is invalid/],
    ["read\npush", 2, /push, parameter is missing/],
    ["push.1.2", 1, /too many parameters/],
    ["read.5", 1, /read, too many parameters/],
    ["push.x", 1, /'x' is not an integer/],
    ["push.256", 1, /out of range: expected 0 … 255/],
    ["push.-1", 1, /out of range/],
    ["noop", 1, /instruction noop is invalid/],
  ])("rejects %j naming line %i", (src, line, msg) => {
    const e = (() => {
      try {
        assemble(src);
      } catch (err) {
        return err as VmProgramError;
      }
      throw new Error("no error");
    })();
    expect(e).toBeInstanceOf(VmProgramError);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(msg);
  });
  it("rejects an empty program and field immediates out of (−p, p)", () => {
    expect(() => assemble("# nothing\n\n")).toThrow(/at least one instruction/);
    expect(() => assemble(`push.${F128_FIELD.modulus}`, { immediates: "i16", modulus: F128_FIELD.modulus })).toThrow(/out of range/);
  });
  it("checkProgram refuses layouts the assembler never makes", () => {
    const p = assemble("read\nread\nadd");
    const bad = { ...p, instructions: p.instructions.map((ins, i) => (i === 14 ? { op: "read" as const, value: 0n } : ins)) };
    expect(() => checkProgram(bad)).toThrow(/cycle step 14/);
    expect(() => checkProgram({ ...p, instructions: p.instructions.slice(1) })).toThrow(/multiple of 16/);
  });
});
