import { describe, expect, it } from "vitest";
import { fibonacciAir, fibonacciResult, fibonacciTrace, mimc, mimcAir, mimcTrace, rescueChainAir, rescueChainTrace, rescueHashChain } from "../air/examples/index.js";
import { TraceValidationError } from "../air/errors.js";
import { exampleInstance } from "../air/examples/registry.js";
import { glFromBigints, glVec } from "../math/goldilocks.js";
import { setFastPolyOps } from "./poly-ops.js";
import type { Air } from "../air/air.js";
import { proofMemoryEstimate } from "./memory.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../math/index.js";
import { asGoldilocksTrace, DEFAULT_OPTIONS, FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, type ProofOptions, ProverError, prove, verify } from "./index.js";

const F = GOLDILOCKS_FIELD;
const loose = { policy: INSECURE_TEST_POLICY };

describe("STARK prove → verify (Fibonacci over Goldilocks)", () => {
  const n = 64;
  const air = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
  const trace = fibonacciTrace(F, n);
  const variants: [string, ProofOptions][] = [
    ["fast test options", FAST_TEST_OPTIONS],
    ["folding 2, quadratic extension, SHA-256", { ...FAST_TEST_OPTIONS, friFoldingFactor: 2, fieldExtension: 2, hash: "sha256" }],
    ["Keccak-256 commitments and transcript (the EVM's opcode)", { ...FAST_TEST_OPTIONS, hash: "keccak256" }],
    ["folding 8, cubic extension, remainder 0", { ...FAST_TEST_OPTIONS, friFoldingFactor: 8, fieldExtension: 3, friRemainderMaxDegree: 0 }],
    ["default options (≥ 100 bits)", { ...DEFAULT_OPTIONS, grindingBits: 4 }],
  ];
  it.each(variants)("%s", (_, options) => {
    const { bytes } = prove(air, trace, options);
    const r = verify(air, bytes, loose);
    expect(r).toMatchObject({ ok: true });
  });
  it("a Keccak-256 proof with a byte flipped anywhere in its second half is rejected", () => {
    const { bytes } = prove(air, trace, { ...FAST_TEST_OPTIONS, hash: "keccak256" });
    for (const at of [bytes.length >> 1, (3 * bytes.length) >> 2, bytes.length - 1]) {
      const bad = Uint8Array.from(bytes);
      bad[at]! ^= 0x40;
      expect(verify(air, bad, loose).ok, `byte ${at}`).toBe(false);
    }
  });
  it("the default options verify at ≥ 100 bits of conjectured security, and weak options are refused", () => {
    const { bytes } = prove(air, trace, DEFAULT_OPTIONS);
    const r = verify(air, bytes);
    expect(r.ok && r.securityBits).toBeGreaterThanOrEqual(100);
    const weak = prove(air, trace, FAST_TEST_OPTIONS).bytes;
    expect(verify(air, weak)).toMatchObject({ ok: false, check: "security" });
  });
  it("rejects a proof for other public inputs", () => {
    const { bytes } = prove(air, trace, FAST_TEST_OPTIONS);
    const other = fibonacciAir(F, n, { result: fibonacciResult(F, n) + 1n });
    expect(verify(other, bytes, loose)).toMatchObject({ ok: false });
    expect(verify(fibonacciAir(F, 128, { result: fibonacciResult(F, 128) }), bytes, loose)).toMatchObject({ ok: false, check: "public-inputs" });
  });
  it("refuses to prove a tampered trace, naming the constraint and step", () => {
    const bad = trace.map((c) => [...c]);
    bad[1]![17] = F.add(bad[1]![17]!, 1n);
    expect(() => prove(air, bad, FAST_TEST_OPTIONS)).toThrow(TraceValidationError);
    expect(() => prove(air, bad, FAST_TEST_OPTIONS)).toThrow(/step 1[67]/);
    // without the debug check the composition polynomial's degree gives it away
    expect(() => prove(air, bad, FAST_TEST_OPTIONS, { validate: false })).toThrow(ProverError);
  });
  it("rejects every single-byte corruption of a serialized proof (≥ 1,000 positions over every section)", () => {
    const { bytes } = prove(air, trace, FAST_TEST_OPTIONS);
    const positions = new Set<number>();
    const step = Math.max(1, Math.floor(bytes.length / 1200));
    for (let p = 0; p < bytes.length; p += step) positions.add(p);
    for (let p = 0; p < 80; p++) positions.add(p); // header and options, byte by byte
    expect(positions.size).toBeGreaterThanOrEqual(1000);
    const accepted: number[] = [];
    for (const p of positions) {
      const t = Uint8Array.from(bytes);
      t[p] = t[p]! ^ (1 << (p % 8));
      if (verify(air, t, loose).ok) accepted.push(p);
    }
    expect(accepted).toEqual([]);
    // truncations and garbage never throw
    for (const len of [0, 3, 10, 100, bytes.length - 1]) expect(verify(air, bytes.subarray(0, len), loose)).toMatchObject({ ok: false, check: "format" });
    expect(verify(air, new Uint8Array([1, 2, 3]), loose).ok).toBe(false);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(verify(air, longer, loose)).toMatchObject({ ok: false, check: "format" });
  });
  it("rejects an unknown version and out-of-range options by name", () => {
    const { bytes } = prove(air, trace, FAST_TEST_OPTIONS);
    const v = Uint8Array.from(bytes);
    v[4] = 9;
    expect(verify(air, v, loose)).toMatchObject({ ok: false, check: "version" });
    const o = Uint8Array.from(bytes);
    o[5] = 3; // blowup 3 is not a power of two
    expect(verify(air, o, loose)).toMatchObject({ ok: false, check: "options" });
  });
});

describe("MiMC over genSTARK's field (the generic 128-bit path)", () => {
  it("proves 2^10 steps whose result is genSTARK's 83467339840976801932585435255116119081", () => {
    const steps = 1024;
    const result = mimc(GENSTARK_FIELD, steps);
    expect(result).toBe(83467339840976801932585435255116119081n);
    const air = mimcAir(GENSTARK_FIELD, steps, { seed: 3n, result });
    const { bytes } = prove(air, mimcTrace(GENSTARK_FIELD, steps), { ...FAST_TEST_OPTIONS, queries: 4 });
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
    expect(verify(mimcAir(GENSTARK_FIELD, steps, { seed: 3n, result: result + 1n }), bytes, loose).ok).toBe(false);
  });
});

describe("Rescue hash chain over f128 (periodic columns, degree-4 constraints)", () => {
  it("proves a chain of 4 hashes and rejects a wrong digest", () => {
    const seed: [bigint, bigint] = [42n, 43n];
    const result = rescueHashChain(seed, 4);
    const air = rescueChainAir(4, { seed, result });
    const { bytes } = prove(air, rescueChainTrace(seed, 4), { ...FAST_TEST_OPTIONS, queries: 4 });
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
    expect(verify(rescueChainAir(4, { seed, result: [result[0], result[1] + 1n] }), bytes, loose).ok).toBe(false);
    expect(F128_FIELD.characteristic).toBe(air.field.characteristic);
  });
});

describe("typed Goldilocks trace columns", () => {
  const { trace, statement } = exampleInstance("wide32", 64);
  const typed = trace.map(glFromBigints);
  it("prove the same bytes as bigint columns, on the fast and on the generic path", () => {
    const expected = prove(statement.air, trace, FAST_TEST_OPTIONS).bytes;
    expect(Buffer.from(prove(statement.air, typed, FAST_TEST_OPTIONS).bytes).equals(Buffer.from(expected))).toBe(true);
    const before = setFastPolyOps(false);
    try {
      expect(Buffer.from(prove(statement.air, typed, FAST_TEST_OPTIONS).bytes).equals(Buffer.from(expected))).toBe(true);
    } finally {
      setFastPolyOps(before);
    }
  });
  it.each([2, 3] as const)("the vector path's proof equals the generic path's with a degree-%i extension (DEEP by synthetic division)", (k) => {
    const o = { ...FAST_TEST_OPTIONS, fieldExtension: k };
    const fast = prove(statement.air, typed, o).bytes;
    const before = setFastPolyOps(false);
    try {
      expect(Buffer.from(prove(statement.air, trace, o).bytes).equals(Buffer.from(fast))).toBe(true);
    } finally {
      setFastPolyOps(before);
    }
  });
  it("asGoldilocksTrace converts Goldilocks traces only", () => {
    const converted = asGoldilocksTrace(statement.air, trace);
    expect(converted.every((c) => c instanceof Uint32Array)).toBe(true);
    expect(converted).toEqual(typed);
    const fib = fibonacciAir(GENSTARK_FIELD, 8, { result: fibonacciResult(GENSTARK_FIELD, 8) });
    const fibTrace = fibonacciTrace(GENSTARK_FIELD, 8);
    expect(asGoldilocksTrace(fib, fibTrace)).toBe(fibTrace);
  });
  it("are validated like bigint columns: a wrong value names the failing constraint", () => {
    const bad = typed.map((c) => c.slice());
    bad[3]![2 * 10] ^= 1;
    expect(() => prove(statement.air, bad, FAST_TEST_OPTIONS)).toThrow(TraceValidationError);
  });
  it("reject non-canonical values, wrong lengths and non-Goldilocks AIRs with a clear error", () => {
    const big = typed.map((c) => c.slice());
    big[0]![1] = 0xffffffff; // high word of the first element: ≥ p
    expect(() => prove(statement.air, big, FAST_TEST_OPTIONS, { validate: false })).toThrow(/typed trace column 0 holds a value ≥ the Goldilocks modulus/);
    const short = typed.map((c, i) => (i === 5 ? c.subarray(2) : c));
    expect(() => prove(statement.air, short, FAST_TEST_OPTIONS)).toThrow(/typed trace column 5 must be a Uint32Array of 128 words/);
    const fib = fibonacciAir(GENSTARK_FIELD, 8, { result: fibonacciResult(GENSTARK_FIELD, 8) });
    expect(() => prove(fib, [glVec(8), glVec(8)], FAST_TEST_OPTIONS)).toThrow(/hold Goldilocks elements, but .* pass bigint columns/);
  });
});

describe("the memory budget", () => {
  // a declared statement of 2^28 rows: its trace is never looked at — the refusal comes first
  const huge: Air = {
    name: "huge",
    field: GOLDILOCKS_FIELD,
    traceWidth: 8,
    traceLength: 2 ** 28,
    transitionDegrees: [2],
    constraintNames: ["c"],
    columnNames: Array.from({ length: 8 }, (_, i) => `c${i}`),
    periodicColumns: [],
    evaluateTransition: () => {
      throw new Error("never evaluated");
    },
    assertions: [],
    publicInputBytes: () => new Uint8Array(0),
  };
  it("attack: a statement too large for memory is refused before any work, naming the size it would need", () => {
    expect(() => prove(huge, [], FAST_TEST_OPTIONS, { memoryBudgetMiB: 4096 })).toThrow(/huge: a proof of 268435456 rows × 8 columns at blowup 8 needs about \d+\.\d GiB of memory, over the budget of 4\.0 GiB/);
    expect(proofMemoryEstimate(huge, FAST_TEST_OPTIONS)).toBeGreaterThan(2 ** 40);
  });
  it("a budget below a small proof's need refuses it; the default budget proves it", () => {
    const air = fibonacciAir(GOLDILOCKS_FIELD, 64, { result: fibonacciResult(GOLDILOCKS_FIELD, 64) });
    const trace = fibonacciTrace(GOLDILOCKS_FIELD, 64);
    expect(proofMemoryEstimate(air, FAST_TEST_OPTIONS)).toBeLessThan(2 ** 20);
    expect(() => prove(air, trace, FAST_TEST_OPTIONS, { memoryBudgetMiB: 0 })).toThrow(/over the budget of 0 MiB/);
    expect(prove(air, trace, FAST_TEST_OPTIONS).bytes.length).toBeGreaterThan(0);
  });
});
