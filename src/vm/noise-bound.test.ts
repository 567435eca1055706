// The noise bound of a proved output from its statement alone (issue "Sound from model to payment", item 6): the
// bound holds for every run of the shape (property test against the executor's own provenance), is exact for
// public weights, uses the declared immediate width for private ones, and is refused where a scalar could wrap.
// The width itself is enforced by the AIR: a private immediate outside it cannot be proved.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ciphertext, add, deserializeCiphertexts, encrypt, getParams, keygen, maxCircuitNorm, seededRandom, serializeCiphertexts } from "../lwe/index.js";
import { inspectTrace } from "../air/inspect.js";
import { digitColumn } from "./air/columns.js";
import { STACK } from "./air/columns.js";
import { vmAir } from "./air/vm-air.js";
import { assemble } from "./assembler.js";
import { compileModel, immediateSource } from "./compile.js";
import { cellAlgebra, execute, lweAlgebra } from "./executor.js";
import { hashSpecFor } from "./inference.js";
import { OPCODES, immediateBitsOf, immediateRange } from "./isa.js";
import { boundNorms, circuitBound, decryptVerifiedOutput, statementNoise } from "./noise-bound.js";
import { vmTrace } from "./trace.js";

const params = getParams("goldilocks-128");
const p = hashSpecFor(params).field.modulus;
const rnd = seededRandom("noise-bound");
const { publicKey, secretKey } = keygen(params, rnd);
const x = [1, 2, 3, 4].map((v) => encrypt(publicKey, v, rnd));
const opcodesOf = (prog: ReturnType<typeof assemble>) => prog.instructions.map((i) => OPCODES[i.op]);

describe("circuitBound", () => {
  it("public weights: the bound is the exact net coefficient of each input and the constant", () => {
    const c = compileModel({ circuitWeights: [3, -2, 40], circuitConstant: -7 }, "public", p);
    const b = circuitBound(params, opcodesOf(c.program), c.publicValues, 3, immediateBitsOf(c.program.instructions, p));
    expect(b).toEqual({ coefficients: [3n, 2n, 40n], plainWeight: 7n });
  });
  it("private weights: each coefficient bounded by 2^(b−1), b the declared width (8 here)", () => {
    const c = compileModel({ circuitWeights: [3, -2, 100], circuitConstant: -7 }, "private", p);
    const bits = immediateBitsOf(c.program.instructions, p);
    expect(bits).toBe(8);
    expect(circuitBound(params, opcodesOf(c.program), [], 3, bits)).toEqual({ coefficients: [128n, 128n, 128n], plainWeight: 128n });
  });
  it("a constant wider than the weights is built from pushes of the weights' width, and bounded through them", () => {
    expect(immediateSource(100_000n, 8)).toEqual(["push.24", "push.64", "mul", "push.26", "add", "push.64", "mul", "push.32", "add"]);
    const c = compileModel({ circuitWeights: [3, -2, 100], circuitConstant: -100_000 }, "private", p);
    expect(immediateBitsOf(c.program.instructions, p)).toBe(8);
    const { output } = execute(hashSpecFor(params).field, c.program, { publicValues: [], ciphertexts: x.slice(0, 3) }, lweAlgebra(params), { ciphertextCells: 3 });
    expect(output.plainWeight).toBe(100_000);
    const b = circuitBound(params, opcodesOf(c.program), [], 3, 8);
    expect(b.plainWeight).toBeGreaterThanOrEqual(100_000n);
  });
  it("holds for every run: |c_j| ≤ B_j and the plain weight ≤ P (property, against the executor's provenance)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30000, max: 30000 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: -1e9, max: 1e9 }), fc.boolean(), (weights, constant, priv) => {
        const c = compileModel({ circuitWeights: weights, circuitConstant: constant }, priv ? "private" : "public", p);
        const bits = immediateBitsOf(c.program.instructions, p);
        const b = circuitBound(params, opcodesOf(c.program), c.publicValues, weights.length, bits);
        const { output } = execute(hashSpecFor(params).field, c.program, { publicValues: c.publicValues, ciphertexts: x.slice(0, weights.length) }, lweAlgebra(params), { ciphertextCells: 3 });
        // each input is one fresh ciphertext: its net coefficient in the output (absent when 0)
        x.slice(0, weights.length).forEach((ct, j) => expect(BigInt(Math.abs(output.terms.get([...ct.terms.keys()][0]!)?.coefficient ?? 0))).toBeLessThanOrEqual(b.coefficients[j]!));
        expect(BigInt(output.plainWeight)).toBeLessThanOrEqual(b.plainWeight);
        if (!priv) expect(b.coefficients).toEqual(weights.map((w) => BigInt(Math.abs(w))));
      }),
      { numRuns: 60 },
    );
  });
  it("refuses a shape whose scalars could wrap mod p: no bound follows", () => {
    const pushes = Array.from({ length: 6 }, () => "push.-32768").join("\nmul\n").replace("mul\n", "");
    const prog = assemble(`read2\n${pushes}\n${Array.from({ length: 5 }, () => "mul").join("\n")}\nsmul`, { immediates: "i16", modulus: p });
    expect(() => circuitBound(params, opcodesOf(prog), [], 1, 16)).toThrow(/no noise bound: at step \d+ a scalar may reach \d+, beyond p\/2/);
  });
  it("the cars-sized private model at goldilocks-128 decrypts within the budget under its statement's bound", () => {
    const c = compileModel({ circuitWeights: [-90, 127, 12, -64, 33], circuitConstant: 5_000 }, "private", p);
    const bits = immediateBitsOf(c.program.instructions, p);
    const norms = boundNorms(circuitBound(params, opcodesOf(c.program), [], 5, bits));
    expect(Math.sqrt(norms.public)).toBeLessThan(maxCircuitNorm(params));
    const s = { params, opcodes: opcodesOf(c.program), publicValues: [], inputs: x.concat(x[0]!), immediateBits: bits };
    expect(statementNoise(s).log2FailureProbability).toBeLessThan(-40);
    // declared 16-bit immediates would not fit this preset's budget: the width must be the program's own
    expect(statementNoise({ ...s, immediateBits: 16 }).log2FailureProbability).toBeGreaterThan(-40);
  });
});

describe("the AIR's push range check", () => {
  const prog = assemble("read2\npush.5\nsmul\npush.-3\nsadd", { immediates: "i16", modulus: p });
  const bits = immediateBitsOf(prog.instructions, p);
  const spec = hashSpecFor(params);
  const lanes = [[11n, 12n, 13n]];
  const run = vmTrace({ program: prog, publicValues: [], inputs: lanes, delta: params.delta, body: [1n, 2n, 3n], hash: spec, immediateBits: bits });
  const air = vmAir(run.publicInputs);
  const pushRow = prog.instructions.findIndex((i) => i.op === "push");
  const { max } = immediateRange(bits);
  const outside = 1000n; // beyond the declared 4-bit range (−8 … 7)
  expect(outside).toBeGreaterThan(max);
  /** The honest trace with the pushed value replaced from the row after the push on (s0 only). */
  const forge = (digits: readonly bigint[]) => {
    const t = run.trace.map((c) => [...c]);
    t[STACK]![pushRow + 1] = outside;
    digits.forEach((d, j) => (t[digitColumn(j, spec)]![pushRow] = d));
    return inspectTrace(air, t, 1000).filter((v) => v.step === pushRow).map((v) => v.constraint);
  };

  it("an honest trace with 4-bit immediates satisfies every constraint", () => {
    expect(bits).toBe(4);
    expect(inspectTrace(air, run.trace)).toEqual([]);
  });
  it("private immediate outside the declared range: its digits cannot spell it", () => {
    // the honest digits of 5 + 8: the immediate no longer matches them
    expect(forge([])).toContain("a push immediate is its low digits − 2^(b−1)");
    // 1000 + 8 in base 4 over all eight digits: the high digits must be 0
    let u = outside + 8n;
    const all = Array.from({ length: 8 }, () => {
      const d = u % 4n;
      u /= 4n;
      return d;
    });
    expect(forge(all)).toContain("digits are 0 above the range and off a push");
    // one "digit" holding the whole value: not a base-4 digit
    expect(forge([outside + 8n, 0n])).toContain("d0 is a base-4 digit");
  });
  it("the trace builder and the executor refuse an immediate outside the range, naming it", () => {
    expect(() => vmTrace({ program: prog, publicValues: [], inputs: lanes, delta: params.delta, body: [1n, 2n, 3n], hash: spec, immediateBits: 2 })).toThrow(/push immediate 5 is outside the statement's 2-bit range -2 … 1/);
    const wide = { instructions: prog.instructions.map((i) => (i.op === "push" ? { ...i, value: 1n << 20n } : i)), lines: prog.lines };
    expect(() => execute(spec.field, wide, { publicValues: [], ciphertexts: lanes }, cellAlgebra(spec.field, params.delta, [1n, 2n, 3n]))).toThrow(/step 8 \(line 2\): push immediate 1048576 is not a signed 16-bit integer/);
    expect(() => assemble("push.40000", { immediates: "i16", modulus: p })).toThrow(/out of range: expected a signed 16-bit integer/);
  });
});

describe("decryptVerifiedOutput: the statement's bound holds for fresh inputs, which it checks first", () => {
  const lr = assemble("read2\nread\nsmul\nread2\nread\nsmul\nadd2");
  const statementOf = (inputs: readonly Ciphertext[]) => {
    const { output } = execute(hashSpecFor(params).field, lr, { publicValues: [3n, 5n], ciphertexts: inputs }, lweAlgebra(params), { ciphertextCells: 3 });
    return { params, opcodes: opcodesOf(lr), publicValues: [3n, 5n], inputs, outputs: [output], immediateBits: 2 };
  };
  it("fresh inputs made in this process, and the same read back from a file: 3·1 + 5·2", () => {
    expect(decryptVerifiedOutput(secretKey, statementOf(x.slice(0, 2)))).toBe(13n);
    expect(decryptVerifiedOutput(secretKey, statementOf(deserializeCiphertexts(serializeCiphertexts(x.slice(0, 2)))))).toBe(13n);
  });
  it("a computed input (in this process) is refused by its provenance, naming the input", () => {
    expect(() => decryptVerifiedOutput(secretKey, statementOf([x[0]!, add(x[1]!, x[2]!)]))).toThrow(/input ciphertext 1 is not a fresh encryption \(its provenance is not one fresh encryption\)/);
  });
});
