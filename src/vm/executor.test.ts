// The executor: the thesis's example decrypts to 29 (weights 3, 2, 4, 2, bias 1, inputs 2, 3, 3, 2), the
// cell algebra agrees with full ciphertexts, and every misuse is an error naming the step and line.
import { describe, expect, it } from "vitest";
import { decrypt } from "../lwe/index.js";
import { F128_FIELD as F } from "../math/prime-fields.js";
import { assemble } from "./assembler.js";
import { VmExecutionError } from "./errors.js";
import { cellAlgebra, execute } from "./executor.js";
import { thesisExample } from "./thesis-example.testkit.js";

const { params, secretKey, ciphertexts: x, weights, program: lr, alg } = thesisExample("executor");

function errorOf(f: () => unknown): VmExecutionError {
  try {
    f();
  } catch (e) {
    if (e instanceof VmExecutionError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("execute", () => {
  it("runs the thesis's linear regression on ciphertexts: 1 + 3·2 + 2·3 + 4·3 + 2·2 = 29", () => {
    const { output } = execute(F, lr, { publicValues: weights, ciphertexts: x }, alg);
    expect(decrypt(secretKey, output)).toBe(29n);
  });
  it("the cell algebra computes the same cells as full ciphertexts", () => {
    const cells = cellAlgebra(F, params.delta, [0n, 0n, 0n, 0n, 1n]);
    const full = execute(F, lr, { publicValues: weights, ciphertexts: x }, alg).output;
    const raw = execute(F, lr, { publicValues: weights, ciphertexts: x.map((c) => alg.cells(c)) }, cells).output;
    expect(raw).toEqual(alg.cells(full));
  });
  it("a negative weight (p − 2) subtracts", () => {
    const p = assemble("read2\nread\nsmul\nread\nsadd");
    const { output } = execute(F, p, { publicValues: [F.modulus - 2n, 20n], ciphertexts: [x[1]!] }, alg);
    expect(decrypt(secretKey, output)).toBe(14n); // −2·3 + 20
  });
  it.each([
    ["add", [1n], [], /stack underflow: add needs two scalars/, 0],
    ["read\nread2\nadd", [1n], [0], /add needs two scalars, found a ciphertext/, 2],
    ["read2\nread2\nsmul", [], [0, 1], /smul needs a scalar on top of a ciphertext, found a ciphertext/, 2],
    ["read\nread", [1n], [], /all 1 public values were already read/, 1],
    ["read2\nread2", [], [0], /all 1 input ciphertexts were already read/, 1],
    ["read2\nread2\nread2\nread2", [], [0, 1, 2, 3], /stack overflow: read2 needs 20 cells/, 3],
  ])("%j fails at step %#", (src, values, cts, msg, step) => {
    const e = errorOf(() => execute(F, assemble(src), { publicValues: values, ciphertexts: cts.map((i) => x[i]!) }, alg));
    expect(e.message).toMatch(msg);
    expect(e.step).toBe(step);
    expect(e.line).toBe(step + 1);
  });
  it("refuses unread inputs, a result without a ciphertext, and a stack that does not end as declared (naming the step)", () => {
    expect(errorOf(() => execute(F, assemble("read2"), { publicValues: [5n], ciphertexts: [x[0]!] }, alg)).message).toMatch(/too many inputs: the program read 0 of 1 public values/);
    expect(errorOf(() => execute(F, assemble("read\nread"), { publicValues: [5n, 6n], ciphertexts: [] }, alg)).message).toMatch(/at least one ciphertext; it leaves scalar, scalar/);
    const declared = errorOf(() => execute(F, assemble("read2\nread"), { publicValues: [5n], ciphertexts: [x[0]!] }, alg, { declaredOutputs: ["ciphertext"] }));
    expect(declared.message).toMatch(/execution error at step 16: the stack does not end as declared: the program leaves ciphertext, scalar \(1 ciphertext, 1 scalar\), the statement declares 1 ciphertext/);
    expect(errorOf(() => execute(F, assemble("read"), { publicValues: [F.modulus], ciphertexts: [] }, alg)).message).toMatch(/not a canonical element/);
  });
});
