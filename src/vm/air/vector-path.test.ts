// The VM's AIR on the prover's vector path (issue 14, item 2): its constraints evaluated column-wise over the LDE
// (goldilocks-columns.ts), its periodic columns — the public opcode schedule, as long as the trace — extended by
// NTT, its assertions divided on the coefficients. The proofs must be byte-identical to the generic path's, and
// a trace that breaks an assertion must be refused by name.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../lwe/random.js";
import { GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { periodicAt, periodicLdePeriods, periodicPolynomials } from "../../prover/constraints.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, ProverError, prove, verify } from "../../prover/index.js";
import { setFastPolyOps } from "../../prover/poly-ops.js";
import { setAssertionSumThreshold } from "../../prover/steps/composition.js";
import { compileModel } from "../compile.js";
import { RP64_GOLDILOCKS } from "../hash-spec.js";
import { vmTrace } from "../trace.js";
import { STACK } from "./columns.js";
import { vmAir } from "./vm-air.js";

function goldilocksRun(features: number) {
  const weights = Array.from({ length: features }, (_, i) => ((i * 5) % 9) - 4);
  const c = compileModel({ circuitWeights: weights, circuitConstant: -4 }, "private", GOLDILOCKS_FIELD.modulus);
  const lanes = Array.from({ length: features }, (_, i) => [11n + BigInt(i), 12n * BigInt(i), 13n]);
  const run = vmTrace({ program: c.program, publicValues: [], inputs: lanes, delta: 1n << 40n, body: [5n, 6n, 7n], salt: [1n, 2n, 3n, 4n], hash: RP64_GOLDILOCKS });
  return { air: vmAir(run.publicInputs), trace: run.trace };
}

function generic<T>(f: () => T): T {
  const before = setFastPolyOps(false);
  try {
    return f();
  } finally {
    setFastPolyOps(before);
  }
}

const OPTIONS = { ...FAST_TEST_OPTIONS, blowup: 16 };

describe("the VM's AIR on the vector path", () => {
  it("periodic columns extended by NTT equal their polynomials evaluated point by point", () => {
    const { air } = goldilocksRun(3);
    const F = air.field;
    const b = 4;
    const n = air.traceLength;
    const omegaN = F.rootOfUnity(Math.log2(n * b));
    const periods = periodicLdePeriods(air, b, F.generator);
    periodicPolynomials(air).forEach((p, c) => {
      expect(periods[c]).toHaveLength(b * p.length);
      for (const i of [0, 1, 5, b * p.length - 1]) expect(periods[c]![i]).toBe(periodicAt(F, p, n, F.mul(F.generator, F.pow(omegaN, BigInt(i)))));
    });
  });
  it("proofs are byte-identical with and without the vector path (Rp64 rounds, 53 columns, many asserted steps)", () => {
    const { air, trace } = goldilocksRun(6);
    const fast = prove(air, trace, OPTIONS).bytes;
    const slow = generic(() => prove(air, trace, OPTIONS).bytes);
    expect(Buffer.from(fast).equals(Buffer.from(slow))).toBe(true);
    expect(verify(air, fast, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
  });
  it("zero-knowledge proofs (private weights) are byte-identical with and without the vector path, for the same seed", () => {
    const { air, trace } = goldilocksRun(3);
    const zk = { ...OPTIONS, zeroKnowledge: true, blowup: 32, queries: 8 };
    const fast = prove(air, trace, zk, { random: seededRandom("vector-path-zk") }).bytes;
    const slow = generic(() => prove(air, trace, zk, { random: seededRandom("vector-path-zk") }).bytes);
    expect(Buffer.from(fast).equals(Buffer.from(slow))).toBe(true);
    expect(verify(air, fast, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    // and the randomness matters: another seed, another proof
    expect(Buffer.from(prove(air, trace, zk, { random: seededRandom("other") }).bytes).equals(Buffer.from(fast))).toBe(false);
  });
  it("assertions summed per column through one NTT (a program's many reads) give the same bytes as dividing each", () => {
    const { air, trace } = goldilocksRun(5);
    const zk = { ...OPTIONS, zeroKnowledge: true, blowup: 32, queries: 8 };
    for (const o of [OPTIONS, zk]) {
      const slow = generic(() => prove(air, trace, o, { random: seededRandom("ntt-sums") }).bytes);
      const before = setAssertionSumThreshold(1); // every column through the NTT identity
      try {
        const fast = prove(air, trace, o, { random: seededRandom("ntt-sums") }).bytes;
        expect(Buffer.from(fast).equals(Buffer.from(slow))).toBe(true);
      } finally {
        setAssertionSumThreshold(before);
      }
    }
  });
  it("attack: a trace that breaks an assertion (a different input ciphertext cell) is refused by name, not proved", () => {
    const { air, trace } = goldilocksRun(2);
    const read = air.assertions.findIndex((a) => a.column === STACK && a.step > 0 && a.value !== 0n);
    const a = air.assertions[read]!;
    const bad = trace.map((col) => [...col]);
    bad[a.column]![a.step] = (a.value + 1n) % GOLDILOCKS_FIELD.modulus;
    expect(() => prove(air, bad, OPTIONS, { validate: false })).toThrow(ProverError);
    expect(() => prove(air, bad, OPTIONS, { validate: false })).toThrow(new RegExp(`assertion ${read} of .* fails: column s0 at step ${a.step}`));
  });
});
