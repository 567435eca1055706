// The VM's AIR: honest traces validate and prove; each gap of the thesis's constraint set (thesis-air.ts) is
// shown with a forged trace that the thesis's constraints accept and ours reject, naming what catches it.
import { describe, expect, it } from "vitest";
import { encrypt } from "../../lwe/index.js";
import { F128_FIELD as F } from "../../math/prime-fields.js";
import { assemble } from "../assembler.js";
import { vmTrace } from "../trace.js";
import { thesisExample } from "../thesis-example.testkit.js";
import type { Trace } from "../../air/air.js";
import { checkAir, traceFailures } from "../../air/validate.js";
import { HASH_FLAG, HASH_STATE, OP_BITS, STACK } from "./columns.js";
import { thesisLayout, thesisVmAir } from "./thesis-air.js";
import { vmAir } from "./vm-air.js";

const { params, rnd, publicKey, alg, cells: x, body: RAW_BODY, program: lr, weights, trace: run } = thesisExample("vm-air");

const copy = (t: Trace): bigint[][] => t.map((c) => [...c]);
const firstFailure = (air: ReturnType<typeof vmAir>, t: Trace) => traceFailures(air, t, 1)[0];

/** The thesis's statement for a run: its program hash and the final stack (no public values, no inputs). */
function thesisAirFor(r: ReturnType<typeof vmTrace>, outputs: readonly bigint[]) {
  const n = r.trace[0]!.length;
  return thesisVmAir(n, { programHash: r.publicInputs.programHash, stackOutputs: outputs, lweSize: 5, delta: params.delta });
}
const finalStack = (t: Trace) => Array.from({ length: 16 }, (_, k) => t[STACK + k]![t[0]!.length - 2]!);

describe("VM AIR: honest runs", () => {
  it("the thesis example's trace satisfies our constraints and the thesis's, and the declared degrees are exact", () => {
    const r = run();
    expect(traceFailures(vmAir(r.publicInputs), r.trace)).toEqual([]);
    const thesis = thesisLayout(r.trace, lr.instructions.length);
    expect(traceFailures(thesisAirFor(r, finalStack(thesis)), thesis)).toEqual([]);
    expect(() => checkAir(vmAir(r.publicInputs))).not.toThrow();
  });
  it("validates the statement: counts against the shape, canonical cells, cycle steps 14–15", () => {
    const pub = run().publicInputs;
    expect(() => vmAir({ ...pub, publicValues: weights.slice(1) })).toThrow(/reads 5 public values, 4 given/);
    expect(() => vmAir({ ...pub, inputs: x.slice(1) })).toThrow(/reads 4 input ciphertexts, 3 given/);
    expect(() => vmAir({ ...pub, outputs: [[...pub.outputs[0]!.slice(1), F.modulus]] })).toThrow(/not a canonical element/);
    expect(() => vmAir({ ...pub, opcodes: pub.opcodes.map((c, i) => (i === 14 ? 0b10_001 : c)) })).toThrow(/cycle step 14/);
    expect(() => vmAir({ ...pub, traceLength: 48 })).toThrow(/power of two/);
  });
});

describe("the thesis's gaps: forged traces its constraints accept and ours reject", () => {
  const l = lr.instructions.length;
  const saddStep = lr.instructions.findIndex((i) => i.op === "sadd");
  /** Writes `cells` into s0 … s4 from row `from` to the end. */
  const forgeOutput = (t: bigint[][], from: number, cells: readonly bigint[]) => {
    for (let i = from; i < t[0]!.length; i++) cells.forEach((v, k) => (t[STACK + k]![i] = v));
  };
  const honest = run();
  const out = honest.publicInputs.outputs[0]!;
  const forgedCt = out.map((v, k) => (k === 4 ? F.add(v, F.mul(params.delta, 10n)) : v)); // decrypts to 39

  it("op bits are not binary: non-binary bits with sadd's opcode switch every selector off, the result is free", () => {
    const t = copy(honest.trace);
    [F.modulus - 4n, 1n, 1n, 1n, 0n].forEach((v, j) => (t[OP_BITS + j]![saddStep] = v)); // Σ 2^j·b_j = 10 = sadd
    forgeOutput(t, saddStep + 1, forgedCt);
    const thesis = thesisLayout(t, l);
    expect(traceFailures(thesisAirFor(honest, finalStack(thesis)), thesis)).toEqual([]);
    expect(firstFailure(vmAir({ ...honest.publicInputs, outputs: [forgedCt] }), t)?.constraint).toBe("b0 binary");
  });
  it("sadd checks the sum of its five cell errors: +d and −d cancel", () => {
    const t = copy(honest.trace);
    const d = 123456789n;
    forgeOutput(t, saddStep + 1, out.map((v, k) => (k === 0 ? F.add(v, d) : k === 4 ? F.sub(v, d) : v)));
    const thesis = thesisLayout(t, l);
    expect(traceFailures(thesisAirFor(honest, finalStack(thesis)), thesis)).toEqual([]);
    const forged = finalStack(t).slice(0, 5);
    expect(firstFailure(vmAir({ ...honest.publicInputs, outputs: [forged] }), t)?.constraint).toBe("s0' follows the operation");
  });
  it("cells below the top are unconstrained when the stack shifts or stays: the output is rewritten after the program", () => {
    const t = copy(honest.trace);
    forgeOutput(t, l + 1, [out[0]!, ...forgedCt.slice(1)]);
    const thesis = thesisLayout(t, l);
    expect(traceFailures(thesisAirFor(honest, finalStack(thesis)), thesis)).toEqual([]);
    const failures = traceFailures(vmAir({ ...honest.publicInputs, outputs: [forgedCt] }), t, 20);
    expect(failures.map((f) => f.constraint)).toContain("s4' follows the operation");
  });
  it("read and read2 are bound by no public input: other weights and another input ciphertext prove", () => {
    const other = run({ publicValues: [30n, 2n, 4n, 2n, 1n], inputs: [alg.cells(encrypt(publicKey, 7, rnd)), ...x.slice(1)] });
    const thesis = thesisLayout(other.trace, l);
    expect(traceFailures(thesisAirFor(honest, finalStack(thesis)), thesis)).toEqual([]);
    const ours = vmAir({ ...honest.publicInputs, outputs: [other.publicInputs.outputs[0]!] });
    const f = firstFailure(ours, other.trace)!;
    expect(f.kind).toBe("assertion");
    expect(f.step).toBe(1); // the first read2's cells at row 1
  });
  it("the hash flag is free: switched off, a program with other immediates passes as the committed one", () => {
    const committed = assemble("read2\npush.3\nsmul\nread2\npush.2\nsmul\nadd2\npush.1\nsadd");
    const swapped = assemble("read2\npush.9\nsmul\nread2\npush.2\nsmul\nadd2\npush.1\nsadd");
    const c = vmTrace({ program: committed, publicValues: [], inputs: x.slice(0, 2), delta: params.delta, body: RAW_BODY });
    const s = vmTrace({ program: swapped, publicValues: [], inputs: x.slice(0, 2), delta: params.delta, body: RAW_BODY });
    const len = committed.instructions.length;
    const forged = copy(s.trace);
    for (let j = 0; j < 4; j++) forged[HASH_STATE + j] = [...c.trace[HASH_STATE + j]!];
    forged[HASH_FLAG] = forged[HASH_FLAG]!.map(() => 0n);
    const thesis = thesisLayout(forged, len);
    expect(traceFailures(thesisAirFor(c, finalStack(thesis)), thesis)).toEqual([]);
    // ours: the flag is asserted, and with the flag restored the hash round of the first push fails
    const ours = vmAir({ ...c.publicInputs, outputs: [s.publicInputs.outputs[0]!] });
    expect(firstFailure(ours, forged)?.constraint).toMatch(/hash_flag/);
    forged[HASH_FLAG] = [...c.trace[HASH_FLAG]!];
    expect(firstFailure(ours, forged)?.constraint).toBe("h1' is the Rescue step");
  });
});
