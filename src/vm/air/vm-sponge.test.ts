// The VM's Goldilocks preset, rpo-goldilocks: the model commitment (model-commitment.ts, RPO-256 as specified)
// proved in the trace one permutation per 8 rows. Honest traces satisfy every constraint at degree ≤ 4 (blowup 8),
// the digest row is the commitment, every single cell is pinned, and the attacks on the commitment — another
// weight, another public value, another shape, a forged trailing block, a length extension — are caught.
import { describe, expect, it } from "vitest";
import { mutationTest } from "../../air/inspect.js";
import { checkAir, traceFailures } from "../../air/validate.js";
import { GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, prove, verify } from "../../prover/index.js";
import { assemble } from "../assembler.js";
import { compileModel } from "../compile.js";
import { RPO_GOLDILOCKS } from "../hash-spec.js";
import { modelCommitment } from "../model-commitment.js";
import { programHash } from "../program-hash.js";
import { vmTrace } from "../trace.js";
import { SPONGE_RATE, hashColumn, spongeColumn } from "./columns.js";
import { vmAir } from "./vm-air.js";

const q = GOLDILOCKS_FIELD.modulus;
const SALT = [1n, 2n, 3n, 4n];
const lanes = [[11n, 12n, 13n], [21n, 22n, 23n], [31n, 32n, 33n]];

function run(weights: readonly number[], visibility: "public" | "private", salt = SALT) {
  const c = compileModel({ circuitWeights: [...weights], circuitConstant: -4 }, visibility, q);
  return { c, ...vmTrace({ program: c.program, publicValues: c.publicValues, inputs: lanes.slice(0, weights.length), delta: 1n << 40n, body: [5n, 6n, 7n], salt, hash: RPO_GOLDILOCKS }) };
}

describe("rpo-goldilocks: the model commitment in the VM's trace", () => {
  it.each(["public", "private"] as const)("%s weights: every constraint holds, degree ≤ 4, and the digest row is the model commitment", (visibility) => {
    const r = run([5, -3], visibility);
    const air = vmAir(r.publicInputs);
    expect(air.traceWidth).toBe(85);
    expect(traceFailures(air, r.trace)).toEqual([]);
    expect(() => checkAir(air)).not.toThrow(); // declared degrees are exact
    expect(Math.max(...air.transitionDegrees)).toBe(4);
    expect(r.publicInputs.programHash).toEqual(modelCommitment(r.c.program, r.c.publicValues, SALT));
    expect(r.publicInputs.programHash).toEqual(programHash(r.c.program, SALT, RPO_GOLDILOCKS, r.c.publicValues));
    const l = r.c.program.instructions.length;
    expect(RPO_GOLDILOCKS.digest.map((i) => r.trace[hashColumn(i)]![l + 7])).toEqual(r.publicInputs.programHash);
  });
  it("every single cell is pinned: the mutation tester catches 100% (the salt is free only as a whole block)", () => {
    const r = run([5, -3], "private");
    const air = vmAir(r.publicInputs);
    const m = mutationTest(air, r.trace, []);
    expect(m.uncaught).toEqual([]);
    expect(m.mutated).toBe(85 * air.traceLength);
  });
  it("proves and verifies at blowup 8 with a cubic extension; a tampered proof is rejected", () => {
    const r = run([5, -3, 2], "private");
    const air = vmAir(r.publicInputs);
    const { bytes } = prove(air, r.trace, { ...FAST_TEST_OPTIONS, blowup: 8, fieldExtension: 3 });
    expect(verify(air, bytes, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    const bad = bytes.slice();
    bad[bad.length - 40]! ^= 1;
    expect(verify(air, bad, { policy: INSECURE_TEST_POLICY }).ok).toBe(false);
  });
  it("attack: a node runs another private weight under the published commitment — the digest assertion fails", () => {
    const honest = run([5, -3], "private");
    const swapped = run([6, -3], "private");
    const air = vmAir({ ...swapped.publicInputs, programHash: honest.publicInputs.programHash });
    expect(traceFailures(air, swapped.trace, 1)[0]?.message).toMatch(/column h4 \(main\) at step \d+ = \d+ fails/);
  });
  it("attack: another public weight in the statement — the read's assertion and the absorbed value disagree", () => {
    const r = run([5, -3], "public");
    const pub = { ...r.publicInputs, publicValues: r.publicInputs.publicValues.map((v, i) => (i === 0 ? (v + 1n) % q : v)) };
    expect(traceFailures(vmAir(pub), r.trace).length).toBeGreaterThan(0);
    // and a trace that loads the changed value instead cannot reach the published digest
    const c = compileModel({ circuitWeights: [5, -3], circuitConstant: -4 }, "public", q);
    const other = vmTrace({ program: c.program, publicValues: pub.publicValues, inputs: lanes.slice(0, 2), delta: 1n << 40n, body: [5n, 6n, 7n], salt: SALT, hash: RPO_GOLDILOCKS });
    expect(traceFailures(vmAir({ ...other.publicInputs, programHash: r.publicInputs.programHash }), other.trace, 1)[0]?.message).toMatch(/column h4 \(main\) at step/);
  });
  it("attack: a forged trailing block (another shape digest) — the shape assertion at row ℓ fails", () => {
    const r = run([5, -3], "private");
    const air = vmAir(r.publicInputs);
    const l = r.c.program.instructions.length;
    const t = r.trace.map((col) => [...col]);
    for (let row = l; row < l + SPONGE_RATE; row++) t[spongeColumn("m", 5)]![row] = (t[spongeColumn("m", 5)]![row]! + 1n) % q;
    expect(traceFailures(air, t, 1)[0]?.message).toMatch(/column m5 \(main\) at step/);
  });
  it("attack: length extension — the thesis's trick (continue from the digest) does not give hash(P ‖ Q)", () => {
    const P = assemble("push.3\nread\nadd", { immediates: "i16", modulus: q });
    const Q = assemble("push.9\nmul", { immediates: "i16", modulus: q });
    const PQ = { instructions: [...P.instructions, ...Q.instructions], lines: [...P.lines, ...Q.lines] };
    const hP = modelCommitment(P, [7n], SALT);
    // the shape digest sits in the last block: the digest of P is not a state from which PQ's sponge continues
    expect(modelCommitment(PQ, [7n], SALT)).not.toEqual(hP);
    const c = compileModel({ circuitWeights: [5, -3], circuitConstant: -4 }, "private", q);
    const other = vmTrace({ program: c.program, publicValues: [], inputs: lanes.slice(0, 2), delta: 1n << 40n, body: [5n, 6n, 7n], salt: SALT, hash: RPO_GOLDILOCKS });
    expect(other.publicInputs.programHash).not.toEqual(hP);
  });
});
