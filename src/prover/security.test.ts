// Security report: Winterfell security.rs unit-test numbers, 80 option sets checked against Winterfell's compiled
// code, hand-computed conjectured bits (ethSTARK eprint 2021/582), presets, monotonicity properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fibonacciAir, fibonacciResult } from "../air/examples/fibonacci.js";
import { MIMC_SEED, mimc, mimcAir } from "../air/examples/mimc.js";
import { rescueChainAir, rescueHashChain } from "../air/examples/index.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { DEFAULT_OPTIONS, FAST_TEST_OPTIONS, GENSTARK_COMPARABLE, type ProofOptions, STRICT_OPTIONS, STRICT_ZK_OPTIONS } from "./options.js";
import { DEFAULT_POLICY, STRICT_POLICY } from "./policy.js";
import {
  type BatchingMethod,
  conjecturedSecurity,
  friLayerCount,
  modulusBits,
  type ProvenSecurityInput,
  provenSecurityListDecoding,
  provenSecurityUniqueDecoding,
  securityReport,
  securityReportForAir,
  upperProximityParameter,
} from "./security.js";

/** Options from Winterfell's `ProofOptions::new(queries, blowup, grinding, extension, folding, remainder, …)` argument order. */
function wf(queries: number, blowup: number, grindingBits: number, fieldExtension: 1 | 2 | 3, friFoldingFactor: 2 | 4 | 8, friRemainderMaxDegree: number): ProofOptions {
  return { queries, blowup, grindingBits, fieldExtension, friFoldingFactor, friRemainderMaxDegree, hash: "blake3-256", zeroKnowledge: false };
}

function input(options: ProofOptions, traceLength: number, extra: Partial<ProvenSecurityInput> = {}): ProvenSecurityInput {
  // Winterfell's tests: f64 (MODULUS_BITS = 64), collision resistance 128, 2 committed polys, 100 constraints
  return { options, baseFieldBits: 64, traceLength, collisionBits: 128, numConstraints: 100, numCommittedPolys: 2, ...extra };
}
const udr = (i: ProvenSecurityInput) => provenSecurityUniqueDecoding(i).bits;
const ldr = (i: ProvenSecurityInput) => provenSecurityListDecoding(i).bits;

describe("proven security: Winterfell air/src/proof/security.rs unit tests (v0.13), reproduced", () => {
  it("get_100_bits_security", () => {
    expect(udr(input(wf(119, 4, 20, 2, 2, 127), 2 ** 20))).toBe(100);
    expect(ldr(input(wf(119, 4, 20, 2, 2, 127), 2 ** 20))).toBe(69);
    expect(ldr(input(wf(150, 4, 20, 2, 2, 127), 2 ** 20))).toBe(69); // more queries do not help the LDR case
    expect(ldr(input(wf(81, 4, 20, 3, 2, 127), 2 ** 20))).toBe(100);
  });
  it("unique_decoding_folding_factor_effect", () => {
    expect(udr(input(wf(123, 8, 16, 2, 2, 7), 2 ** 8))).toBe(116);
    expect(udr(input(wf(123, 8, 16, 2, 4, 7), 2 ** 8))).toBe(115);
  });
  it("unique_versus_list_decoding_rate_effect", () => {
    expect(udr(input(wf(195, 2, 20, 2, 2, 7), 2 ** 8))).toBe(100);
    expect(ldr(input(wf(163, 2, 20, 3, 2, 7), 2 ** 8))).toBe(100);
    expect(udr(input(wf(119, 4, 20, 2, 2, 7), 2 ** 8))).toBe(100);
    expect(ldr(input(wf(81, 4, 20, 3, 2, 7), 2 ** 8))).toBe(100);
  });
  it("get_96_bits_security and get_128_bits_security", () => {
    expect(ldr(input(wf(80, 4, 20, 3, 8, 127), 2 ** 18))).toBe(99);
    expect(ldr(input(wf(53, 8, 20, 3, 8, 127), 2 ** 18))).toBe(99);
    expect(ldr(input(wf(85, 8, 20, 3, 8, 127), 2 ** 18))).toBe(128);
    expect(ldr(input(wf(65, 16, 20, 3, 8, 127), 2 ** 18))).toBe(128);
  });
  it("extension_degree", () => {
    expect(ldr(input(wf(85, 8, 20, 2, 8, 127), 2 ** 18))).toBe(70);
    expect(ldr(input(wf(85, 8, 20, 3, 8, 127), 2 ** 18))).toBe(128);
  });
  it("trace_length, num_fri_queries, blowup_factor (orderings)", () => {
    expect(ldr(input(wf(80, 8, 20, 3, 8, 127), 2 ** 20))).toBeLessThan(ldr(input(wf(80, 8, 20, 3, 8, 127), 2 ** 16)));
    expect(ldr(input(wf(60, 8, 20, 3, 8, 127), 2 ** 20))).toBeLessThan(ldr(input(wf(80, 8, 20, 3, 8, 127), 2 ** 20)));
    expect(ldr(input(wf(30, 8, 20, 3, 8, 127), 2 ** 20))).toBeLessThan(ldr(input(wf(30, 16, 20, 3, 8, 127), 2 ** 20)));
  });
  it("deep_batching_method_udr / _ldr", () => {
    const deep = (N: number, n: number, ext: 2 | 3) => input(wf(120, 8, 20, ext, 8, 255), n, { numCommittedPolys: N, deepBatching: "algebraic" });
    expect([2, 4, 32, 256].map((N) => udr(deep(N, 2 ** 16, 2)))).toEqual([106, 106, 104, 101]);
    expect([2, 256].map((N) => ldr(deep(N, 2 ** 22, 3)))).toEqual([126, 118]);
  });
  it("constraints_batching_method_udr / _ldr", () => {
    const cons = (C: number, n: number, ext: 2 | 3, fold: 2 | 8, method: BatchingMethod) =>
      input(wf(120, 8, 20, ext, fold, 255), n, { numConstraints: C, constraintBatching: method });
    expect(udr(cons(100, 2 ** 16, 2, 2, "linear"))).toBe(108);
    expect([2 ** 19, 2 ** 21, 2 ** 23].map((C) => udr(cons(C, 2 ** 16, 2, 2, "algebraic")))).toEqual([108, 107, 105]);
    expect(ldr(cons(100, 2 ** 22, 3, 8, "linear"))).toBe(126);
    expect([2 ** 50, 2 ** 62].map((C) => ldr(cons(C, 2 ** 22, 3, 8, "algebraic")))).toEqual([126, 125]);
  });
});

/**
 * 80 random option sets, with the bits printed by Winterfell's security.rs compiled verbatim (a Rust harness
 * around `ConjecturedSecurity::compute` / `ProvenSecurity::compute` with stand-in ProofOptions; see docs/air.md):
 * queries blowup grinding ext folding remainder constraintBatching deepBatching baseBits n collision C N → conj udr ldr.
 */
const HARNESS_TABLE = `
122 16 2 3 8 1 a a 64 4096 128 853 210 128 113 128
89 4 8 3 8 63 a a 128 512 128 4042 40 128 68 96
147 64 15 3 2 31 a a 128 2048 128 299 215 128 128 128
76 2 11 2 4 3 l l 64 4194304 128 2801 239 75 42 47
159 128 21 2 8 127 a l 128 524288 128 5 255 128 128 128
35 32 2 3 2 255 l a 128 2097152 128 4092 61 128 35 89
122 64 27 3 4 63 l a 128 2048 128 1446 172 128 128 128
202 64 16 3 8 3 l a 64 1048576 128 4261 111 128 128 113
99 8 1 2 2 127 a a 128 2048 128 834 6 128 83 128
102 128 2 3 8 31 l a 64 131072 128 1810 48 128 102 116
249 2 8 2 8 0 l l 128 8 128 4604 33 128 82 77
34 128 16 1 8 255 l l 64 262144 128 3613 136 63 36 0
82 8 3 1 4 255 a l 128 16384 128 2323 39 127 71 78
206 128 16 1 4 63 a l 64 8192 128 660 249 63 42 2
158 32 12 3 8 0 l a 64 131072 128 1322 285 128 128 121
227 128 26 3 2 7 a l 128 4096 128 4520 127 128 128 128
143 64 8 2 4 127 a l 128 4194304 128 1351 126 128 128 128
226 8 18 1 2 255 a a 128 128 128 2578 297 127 109 84
242 4 26 1 2 0 a a 128 8192 128 1376 205 127 105 76
42 2 5 3 4 0 l a 64 2097152 128 945 235 41 22 25
17 8 29 2 4 3 l l 64 128 128 4535 235 50 43 54
175 128 12 1 8 127 l a 128 4194304 128 4950 84 127 92 42
209 64 25 2 8 255 a a 128 262144 128 337 61 128 128 128
177 128 12 1 4 127 l l 64 16 128 2431 8 63 52 20
119 64 20 1 2 255 a a 128 65536 128 1602 151 127 98 56
9 8 25 3 2 31 l l 128 1048576 128 4213 252 26 32 38
123 128 23 3 2 63 l l 64 524288 128 1710 100 128 128 118
218 128 17 2 2 1 l l 64 262144 128 4252 278 127 102 56
132 64 3 3 8 31 a a 128 262144 128 1281 254 128 128 128
235 32 21 2 2 127 l l 128 64 128 4213 30 128 128 128
163 64 2 3 8 255 a l 64 16384 128 4423 171 128 128 128
179 16 22 3 8 127 a a 128 4096 128 819 43 128 128 128
178 32 6 3 4 255 a a 64 1024 128 341 138 128 128 128
180 128 31 1 4 127 a l 128 512 128 31 17 127 110 74
72 16 5 2 4 255 l a 64 128 128 2506 103 127 70 82
118 128 27 3 4 0 a a 128 131072 128 798 80 128 128 128
101 8 9 1 4 3 l a 64 4096 128 4283 112 63 42 11
34 16 23 3 8 1 a l 128 64 128 17 280 128 53 90
159 16 25 3 8 255 l l 64 1024 128 2081 133 128 128 128
10 128 19 2 4 127 l a 64 1024 128 4740 224 69 28 53
175 8 4 3 2 3 a l 128 16 128 3974 138 128 128 128
97 64 5 1 8 15 a a 128 64 128 280 67 127 99 77
225 4 0 1 2 7 l a 64 4194304 128 2118 286 63 31 0
1 8 15 3 8 3 a a 128 4096 128 1643 276 2 15 16
42 2 31 2 8 15 a l 128 16384 128 3918 99 41 48 51
150 128 13 3 8 31 a a 128 16 128 1885 199 128 128 128
248 2 18 2 8 7 l a 64 4194304 128 4729 122 127 98 62
168 4 18 1 8 15 l l 64 1024 128 69 35 63 49 25
134 2 28 3 8 63 l a 128 524288 128 1820 221 128 83 94
29 8 23 3 4 7 a a 64 32768 128 3764 290 109 47 66
91 8 30 3 8 15 a a 64 1048576 128 4523 82 128 105 124
135 8 29 1 2 0 a l 128 8 128 2424 152 127 116 100
44 64 13 2 2 255 l l 128 2097152 128 2180 28 128 56 128
65 64 4 3 4 255 l a 128 1024 128 2510 10 128 67 128
141 2 20 1 8 15 l a 64 32 128 52 13 63 54 35
244 64 22 3 4 15 a a 128 2048 128 4425 196 128 128 128
131 4 12 1 8 127 a a 128 16384 128 408 267 127 100 73
178 128 11 1 2 1 l l 64 64 128 4540 250 63 50 16
162 128 24 1 2 0 l l 64 1048576 128 1744 46 63 36 0
194 4 12 1 8 1 l a 128 64 128 1743 104 127 113 91
70 32 11 3 8 3 a l 128 65536 128 2985 128 128 77 128
40 2 4 1 2 255 a l 128 524288 128 2371 223 39 20 23
175 4 25 1 8 7 a l 128 2097152 128 16 280 127 102 67
190 128 18 1 4 15 a a 64 16384 128 4172 76 63 36 0
225 128 30 1 4 63 a a 64 4194304 128 3693 33 63 30 0
19 128 12 2 4 63 l l 64 8 128 1823 4 127 30 74
162 64 7 1 2 3 a l 128 16 128 537 52 127 117 87
182 32 22 1 4 1 l a 128 16384 128 3020 139 127 101 64
61 4 20 3 2 1 l a 64 32 128 3804 248 128 60 78
236 64 29 3 8 63 l l 128 4194304 128 2910 92 128 128 128
66 64 22 3 4 127 a a 128 4194304 128 1283 171 128 86 128
248 2 15 2 8 255 a a 64 4096 128 168 189 127 107 81
54 16 12 1 2 7 l l 64 131072 128 188 145 63 42 4
119 8 1 3 2 1 a l 64 256 128 3079 98 128 99 128
184 32 24 1 2 1 l l 64 1024 128 4049 102 63 48 15
9 128 5 2 2 3 a l 128 16 128 3705 145 62 13 35
104 32 22 1 8 1 l a 128 128 128 4354 130 127 108 78
171 2 11 3 4 0 a l 64 1048576 128 1639 93 128 81 95
117 4 28 2 2 255 l a 128 65536 128 4124 108 128 107 128
132 2 29 1 8 31 l a 128 16 128 2446 194 127 76 81
`;

describe("conjectured and proven bits equal Winterfell's compiled code on 80 random option sets", () => {
  const rows = HARNESS_TABLE.trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/));
  it.each(rows.map((r, i) => [i, r] as const))("row %i", (_i, r) => {
    const num = (k: number) => Number(r[k]);
    const o = wf(num(0), num(1), num(2), num(3) as 1 | 2 | 3, num(4) as 2 | 4 | 8, num(5));
    const method = (s: string): BatchingMethod => (s === "a" ? "algebraic" : "linear");
    const inp: ProvenSecurityInput = {
      options: o,
      baseFieldBits: num(8),
      traceLength: num(9),
      collisionBits: num(10),
      numConstraints: num(11),
      numCommittedPolys: num(12),
      constraintBatching: method(r[6]!),
      deepBatching: method(r[7]!),
    };
    expect([conjecturedSecurity(o, num(8), num(10)).bits, udr(inp), ldr(inp)]).toEqual([num(13), num(14), num(15)]);
  });
});

describe("conjectured security (ethSTARK / Winterfell ConjecturedSecurity), hand-computed", () => {
  it("Winterfell README example (32 queries, blowup 8, no grinding, f128): 3·32 − 1 = 95, its MinConjecturedSecurity(95)", () => {
    const c = conjecturedSecurity(wf(32, 8, 0, 1, 8, 127), 128, 128);
    expect(c).toMatchObject({ bits: 95, fieldBits: 128, queryBits: 96, cappedBy: "queries" });
  });
  it("the thesis code's options (32 queries, blowup 8, no grinding, f128) are the same 95 bits", () => {
    expect(conjecturedSecurity(wf(32, 8, 0, 1, 8, 31), modulusBits(F128_FIELD), 128).bits).toBe(95);
  });
  it("Winterfell Rescue example defaults (42 queries, blowup 4, grinding 16, f128): 2·42 + 16 − 1 = 99", () => {
    expect(conjecturedSecurity(wf(42, 4, 16, 1, 8, 31), 128, 128)).toMatchObject({ bits: 99, grindingCounted: true });
  });
  it("grinding is ignored below the 80-bit floor: 8 queries, blowup 8, grinding 16 → 3·8 − 1 = 23", () => {
    expect(conjecturedSecurity(wf(8, 8, 16, 1, 4, 7), 128, 128)).toMatchObject({ bits: 23, grindingCounted: false });
  });
  it("Goldilocks without extension is capped by the field: 64 − 1 = 63", () => {
    expect(conjecturedSecurity(wf(80, 8, 20, 1, 8, 31), 64, 128)).toMatchObject({ bits: 63, cappedBy: "field" });
  });
  it("the hash caps at 128: f128², 60 queries, blowup 16, grinding 20 → min(min(256, 260) − 1, 128)", () => {
    expect(conjecturedSecurity(wf(60, 16, 20, 2, 8, 31), 128, 128)).toMatchObject({ bits: 128, cappedBy: "hash" });
  });
});

describe("presets", () => {
  it("the former default (36 queries): 123 bits conjectured over Goldilocks³ (min(192, 3·36 + 16) − 1)", () => {
    const r = securityReport({ options: { ...DEFAULT_OPTIONS, queries: 36 }, field: GOLDILOCKS_FIELD, traceLength: 2 ** 16, traceWidth: 4, maxConstraintDegree: 3, numConstraints: 10 });
    expect(r.conjectured).toBe(123);
    expect(r.cappedBy).toBe("queries");
    // proven bits are far lower (2024/1553 via Winterfell's formulas); values from the Rust harness
    expect([r.provenUniqueDecoding, r.provenListDecoding]).toEqual([45, 69]);
    expect(r.details.uniqueDecoding.boundBy).toBe("friQuery");
  });
  it("DEFAULT_OPTIONS (44 queries): 128 bits conjectured (hash-capped), 81 proven — 17 above DEFAULT_POLICY's floor", () => {
    const r = securityReport({ options: DEFAULT_OPTIONS, field: GOLDILOCKS_FIELD, traceLength: 2 ** 16, traceWidth: 4, maxConstraintDegree: 3, numConstraints: 10 });
    expect(r.conjectured).toBe(128);
    expect(r.cappedBy).toBe("hash");
    expect(r.provenListDecoding).toBe(81);
    expect(r.provenListDecoding - DEFAULT_POLICY.minProvenBits).toBeGreaterThanOrEqual(16);
  });
  it("STRICT_OPTIONS meet STRICT_POLICY (≥ 100 proven), with and without zero knowledge", () => {
    for (const o of [STRICT_OPTIONS, STRICT_ZK_OPTIONS]) {
      const r = securityReport({ options: o, field: GOLDILOCKS_FIELD, traceLength: 2 ** 10, traceWidth: 61, maxConstraintDegree: 8, numConstraints: 120 });
      expect(r.provenListDecoding).toBeGreaterThanOrEqual(STRICT_POLICY.minProvenBits);
      expect(r.conjectured).toBeGreaterThanOrEqual(STRICT_POLICY.minConjecturedBits);
    }
  });
  it("FAST_TEST_OPTIONS: 23 bits (not secure, by design)", () => {
    expect(securityReport({ options: FAST_TEST_OPTIONS, field: GOLDILOCKS_FIELD, traceLength: 1024, traceWidth: 1, maxConstraintDegree: 3 }).conjectured).toBe(23);
  });
  it("GENSTARK_COMPARABLE: 127 bits over genSTARK's 128-bit field, 63 over Goldilocks", () => {
    const air = mimcAir(GENSTARK_FIELD, 1024, { seed: MIMC_SEED, result: mimc(GENSTARK_FIELD, 1024) });
    const r = securityReportForAir(air, GENSTARK_COMPARABLE);
    expect(r.conjectured).toBe(127);
    expect(r.cappedBy).toBe("field");
    expect(r.details.blowupSufficient).toBe(true);
    expect(r.details.numConstraints).toBe(3); // 1 transition + 2 assertions
    expect(securityReport({ options: GENSTARK_COMPARABLE, field: 64, traceLength: 1024, traceWidth: 1, maxConstraintDegree: 3 }).conjectured).toBe(63);
  });
});

describe("securityReport / securityReportForAir", () => {
  it("reads shape, constraint count and degree from the AIR", () => {
    const fib = fibonacciAir(GOLDILOCKS_FIELD, 1024, { result: fibonacciResult(GOLDILOCKS_FIELD, 1024) });
    const r = securityReportForAir(fib, DEFAULT_OPTIONS);
    expect(r.details).toMatchObject({ traceLength: 1024, ldeDomainSize: 8192, numConstraints: 5, numCommittedPolys: 2 + 8, maxConstraintDegree: 1, minBlowup: 2 });
    expect(r.details.friLayers).toBe(friLayerCount(DEFAULT_OPTIONS, 8192));
    const rescue = rescueChainAir(8, { seed: [42n, 43n], result: rescueHashChain([42n, 43n], 8) });
    const rr = securityReportForAir(rescue, { ...DEFAULT_OPTIONS, fieldExtension: 2 });
    expect(rr.details).toMatchObject({ baseFieldBits: 128, challengeFieldBits: 256, maxConstraintDegree: 4, minBlowup: 8, blowupSufficient: true });
    expect(securityReportForAir(rescue, { ...DEFAULT_OPTIONS, blowup: 4 }).details.blowupSufficient).toBe(false);
  });
  it("list-decoding details: proximity just inside the Johnson bound, m in [3, m_max)", () => {
    const d = securityReport({ options: DEFAULT_OPTIONS, field: 64, traceLength: 2 ** 16, traceWidth: 4, maxConstraintDegree: 3 }).details.listDecoding;
    expect(d.proximity).toBeLessThan(d.johnsonRadius);
    expect(d.proximity).toBeCloseTo(1 - (1 + 1 / (2 * d.m)) * Math.sqrt(1 / 8), 12);
    expect(d.m).toBeGreaterThanOrEqual(3);
    expect(d.m).toBeLessThan(d.mMax);
    expect(d.mMax).toBe(1000);
    expect(upperProximityParameter(8)).toBe(5);
  });
  it("FRI layer count follows Winterfell's num_fri_layers", () => {
    expect(friLayerCount({ blowup: 8, friFoldingFactor: 8, friRemainderMaxDegree: 31 }, 2 ** 19)).toBe(4); // 2^19 → 2^16 → 2^13 → 2^10 → 2^7 ≤ 256
    expect(friLayerCount({ blowup: 8, friFoldingFactor: 2, friRemainderMaxDegree: 255 }, 2048)).toBe(0);
  });
  it("validates its inputs", () => {
    expect(() => securityReport({ options: DEFAULT_OPTIONS, field: 64, traceLength: 12, traceWidth: 1, maxConstraintDegree: 2 })).toThrow(/power of two ≥ 8/);
    expect(() => securityReport({ options: { ...DEFAULT_OPTIONS, queries: 0 }, field: 64, traceLength: 16, traceWidth: 1, maxConstraintDegree: 2 })).toThrow(/queries = 0/);
  });
});

describe("monotonicity (properties)", () => {
  const opts = fc.record({
    blowup: fc.constantFrom(2, 4, 8, 16, 32, 64),
    queries: fc.integer({ min: 1, max: 200 }),
    grindingBits: fc.integer({ min: 0, max: 30 }),
    fieldExtension: fc.constantFrom(1 as const, 2 as const, 3 as const),
    friFoldingFactor: fc.constantFrom(2 as const, 4 as const, 8 as const),
    friRemainderMaxDegree: fc.constantFrom(0, 7, 31, 255),
    hash: fc.constant("blake3-256" as const),
    zeroKnowledge: fc.constant(false),
  });
  const setting = fc.record({ o: opts, bits: fc.constantFrom(64, 128), logN: fc.integer({ min: 3, max: 22 }), C: fc.integer({ min: 1, max: 1000 }) });
  const inp = (s: { o: ProofOptions; bits: number; logN: number; C: number }, o: ProofOptions): ProvenSecurityInput => ({
    options: o,
    baseFieldBits: s.bits,
    traceLength: 2 ** s.logN,
    collisionBits: 128,
    numConstraints: s.C,
    numCommittedPolys: 4 + o.blowup,
  });
  const all = (s: { o: ProofOptions; bits: number; logN: number; C: number }, o: ProofOptions) => [
    conjecturedSecurity(o, s.bits, 128).bits,
    udr(inp(s, o)),
    ldr(inp(s, o)),
  ];

  it("more queries or more grinding never lower any of the three figures", () => {
    fc.assert(
      fc.property(setting, fc.integer({ min: 1, max: 55 }), fc.integer({ min: 0, max: 2 }), (s, dq, dg) => {
        const base = all(s, s.o);
        const more = all(s, { ...s.o, queries: s.o.queries + dq, grindingBits: s.o.grindingBits + dg });
        more.forEach((b, i) => expect(b).toBeGreaterThanOrEqual(base[i]!));
      }),
      { numRuns: 60 },
    );
  });

  it("a larger blowup never lowers the conjectured bits, nor the proven query-phase term", () => {
    fc.assert(
      fc.property(setting, (s) => {
        const bigger = { ...s.o, blowup: s.o.blowup * 2 };
        expect(conjecturedSecurity(bigger, s.bits, 128).bits).toBeGreaterThanOrEqual(conjecturedSecurity(s.o, s.bits, 128).bits);
        expect(provenSecurityUniqueDecoding(inp(s, bigger)).terms.friQuery).toBeGreaterThan(provenSecurityUniqueDecoding(inp(s, s.o)).terms.friQuery);
      }),
      { numRuns: 60 },
    );
  });

  it("…but the proven totals can drop with a larger blowup when a field-size term binds (Winterfell bounds the degree by β + 1)", () => {
    // Goldilocks, no extension: the FRI-folding term 64 − log2((f − 1)(βn + 1)) and the DEEP term
    // 64 − log2((β + 1)(n + 1) + n − 1) shrink as β grows
    const s = { o: wf(200, 8, 20, 1, 8, 31), bits: 64, logN: 20, C: 10 };
    const at8 = provenSecurityUniqueDecoding(inp(s, s.o));
    const at64 = provenSecurityUniqueDecoding(inp(s, { ...s.o, blowup: 64 }));
    expect(at8.boundBy).toBe("friFolding");
    expect([at8.bits, at64.bits]).toEqual([38, 35]); // 64 − log2(7·(2^23 + 1)) ≈ 38.2; 64 − log2(7·(2^26 + 1)) ≈ 35.2 (= the Rust harness)
    expect(at64.terms.deep).toBeLessThan(at8.terms.deep);
  });

  it("a larger extension never lowers the conjectured bits", () => {
    fc.assert(
      fc.property(setting, (s) => {
        if (s.o.fieldExtension === 3) return;
        const bigger = { ...s.o, fieldExtension: (s.o.fieldExtension + 1) as 2 | 3 };
        expect(conjecturedSecurity(bigger, s.bits, 128).bits).toBeGreaterThanOrEqual(conjecturedSecurity(s.o, s.bits, 128).bits);
      }),
      { numRuns: 40 },
    );
  });
});
