// Zero-knowledge proofs (issue "STARK prover", item 6): positive, wrong-statement and tampering tests through
// every path (main trace, auxiliary segment, f128 with a quadratic extension), seeded reproducibility, the
// refusals, and the statistical test that two witnesses of one statement give indistinguishable openings.
import { describe, expect, it } from "vitest";
import type { Air, Trace } from "../air/air.js";
import { fibonacciAir, fibonacciResult, fibonacciTrace, mimcAir, mimcTrace, mimc } from "../air/examples/index.js";
import { permutationAir, permutationTrace, permutationTraceLength } from "../air/examples/permutation.js";
import { encodePublicInputs } from "../air/public-inputs.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { type RandomSource, seededRandom } from "../lwe/random.js";
import { contextBlindSource, recordingSource } from "../lwe/random.testkit.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/index.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, ProofOptionsError, ProverError, type StarkProof, ZK_OPTIONS, asGoldilocksTrace, deserializeProof, proofOptions, prove, securityReportForAir, verify } from "./index.js";
import { challengeField } from "./fields.js";

const F = GOLDILOCKS_FIELD;
const loose = { policy: INSECURE_TEST_POLICY };
const ZK_TEST = proofOptions({ zeroKnowledge: true }, FAST_TEST_OPTIONS);

/**
 * A statement with many witnesses: columns a, b (constant secrets) and s = a·b, with s = c asserted at step 0.
 * Constraints a' = a, b' = b, s − a·b = 0 (degree 2), s' = s.
 */
function productAir(c: bigint, n: number): Air {
  return {
    name: `secret-product-${n}`,
    field: F,
    traceWidth: 3,
    traceLength: n,
    transitionDegrees: [1, 1, 2, 1],
    constraintNames: ["a' = a", "b' = b", "s = a·b", "s' = s"],
    columnNames: ["a", "b", "s"],
    periodicColumns: [],
    evaluateTransition<E>(E: import("../math/field.js").Field<E>, frame: { current: readonly E[]; next: readonly E[] }, _p: readonly E[], out: E[]) {
      const [a, b, s] = frame.current as [E, E, E];
      const [a1, b1, s1] = frame.next as [E, E, E];
      out[0] = E.sub(a1, a);
      out[1] = E.sub(b1, b);
      out[2] = E.sub(s, E.mul(a, b));
      out[3] = E.sub(s1, s);
    },
    assertions: [{ column: 2, step: 0, value: c }],
    publicInputBytes: () => encodePublicInputs(F, [c]),
  };
}
const productTrace = (a: bigint, b: bigint, n: number): Trace => [new Array(n).fill(a), new Array(n).fill(b), new Array(n).fill(F.mul(a, b))];

describe("zero-knowledge proofs verify, and are rejected for other statements or when tampered", () => {
  const n = 64;
  const fib = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
  it("Fibonacci over Goldilocks, with every FRI folding factor and both hashes", () => {
    for (const o of [ZK_TEST, { ...ZK_TEST, friFoldingFactor: 2 as const, hash: "sha256" as const }, { ...ZK_TEST, friFoldingFactor: 8 as const, fieldExtension: 3 as const }]) {
      const { bytes, proof } = prove(fib, fibonacciTrace(F, n), o, { random: seededRandom(1) });
      expect(verify(fib, bytes, loose)).toMatchObject({ ok: true });
      // one mask column more than the composition needs, and one salt per opened leaf everywhere
      expect(proof.queries.compositionRows[0]!.length).toBe(proof.ood.composition.length + 1);
      expect(proof.queries.traceSalts.length).toBe(proof.queries.traceRows.length);
      for (const layer of proof.fri.openings) expect(layer.salts.length).toBe(layer.leaves.length);
      // FRI stops at ≥ queries coefficients, so the remainder is not smaller than the query count
      expect(proof.fri.remainder.length).toBeGreaterThanOrEqual(o.queries);
    }
  });
  it("MiMC over f128 through a quadratic extension", () => {
    const steps = 64;
    const air = mimcAir(F128_FIELD, steps, { seed: 3n, result: mimc(F128_FIELD, steps, 3n) });
    const o = { ...ZK_TEST, fieldExtension: 2 as const };
    const { bytes } = prove(air, mimcTrace(F128_FIELD, steps, 3n), o, { random: seededRandom(2) });
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
    const wrong = mimcAir(F128_FIELD, steps, { seed: 3n, result: F128_FIELD.add(mimc(F128_FIELD, steps, 3n), 1n) });
    expect(verify(wrong, bytes, loose)).toMatchObject({ ok: false, check: "ood-consistency" });
  });
  it("an AIR with an auxiliary (permutation) segment", () => {
    const a = Array.from({ length: 40 }, (_, i) => BigInt(i * i + 3));
    const b = [...a].reverse();
    const len = permutationTraceLength(a.length);
    const air = permutationAir(F, len, { padding: 0n });
    const { bytes, proof } = prove(air, permutationTrace(F, a, b), { ...ZK_TEST, fieldExtension: 2 }, { random: seededRandom(3) });
    expect(proof.queries.auxSalts.length).toBe(proof.queries.auxRows.length);
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
  });
  it("rejects a proof for other public inputs", () => {
    const { bytes } = prove(fib, fibonacciTrace(F, n), ZK_TEST);
    expect(verify(fibonacciAir(F, n, { result: fibonacciResult(F, n) + 1n }), bytes, loose)).toMatchObject({ ok: false });
  });
  it("refuses a tampered trace", () => {
    const bad = fibonacciTrace(F, n).map((c) => [...c]);
    bad[0]![9] = F.add(bad[0]![9]!, 1n);
    expect(() => prove(fib, bad, ZK_TEST, { validate: false })).toThrow(ProverError);
  });
  it("rejects every single-byte corruption, salts included (≥ 1,000 positions over every section)", () => {
    const { bytes } = prove(fib, fibonacciTrace(F, n), ZK_TEST, { random: seededRandom(4) });
    const step = Math.max(1, Math.floor(bytes.length / 1100));
    const accepted: number[] = [];
    let tried = 0;
    for (let p = 0; p < bytes.length; p += step, tried++) {
      const t = Uint8Array.from(bytes);
      t[p] = t[p]! ^ (1 << (p % 8));
      if (verify(fib, t, loose).ok) accepted.push(p);
    }
    expect(tried).toBeGreaterThanOrEqual(1000);
    expect(accepted).toEqual([]);
  });
  it("names a changed salt as a failed opening, and refuses salts in a proof without zero knowledge", () => {
    const { proof } = prove(fib, fibonacciTrace(F, n), ZK_TEST, { random: seededRandom(5) });
    const salts = proof.queries.traceSalts.map((s, i) => (i === 0 ? s.map((x) => x ^ 1) : s));
    expect(verify(fib, { ...proof, queries: { ...proof.queries, traceSalts: salts } }, loose)).toMatchObject({ ok: false, check: "trace-opening" });
    const plain = prove(fib, fibonacciTrace(F, n), FAST_TEST_OPTIONS).proof;
    expect(verify(fib, { ...plain, queries: { ...plain.queries, traceSalts: proof.queries.traceSalts } }, loose)).toMatchObject({ ok: false, check: "format" });
  });
});

describe("zero-knowledge randomness", () => {
  const n = 64;
  const fib = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
  it("is reproducible with a seed and fresh from the CSPRNG by default", () => {
    const p = (random?: ReturnType<typeof seededRandom>) => prove(fib, fibonacciTrace(F, n), ZK_TEST, random ? { random } : {}).bytes;
    expect(p(seededRandom("x"))).toEqual(p(seededRandom("x")));
    expect(p(seededRandom("x"))).not.toEqual(p(seededRandom("y")));
    expect(p()).not.toEqual(p());
  });
});

/** Every salt a proof opens (trace, composition, every FRI layer), hex. */
const openedSalts = (p: StarkProof): Set<string> => new Set([...p.queries.traceSalts, ...p.queries.compositionSalts, ...p.fri.openings.flatMap((l) => l.salts)].map((x) => bytesToHex(x)));
const common = (a: Set<string>, b: Set<string>): string[] => [...a].filter((x) => b.has(x));

describe("seed reused across statements (issue 11, item 5)", () => {
  const n = 64;
  const statements = [
    { air: productAir(15n, n), trace: productTrace(3n, 5n, n) },
    { air: productAir(77n, n), trace: productTrace(7n, 11n, n) },
  ];
  // 30 queries on 512 LDE points: two proofs open common positions (so the control below can see a shared salt)
  const o = proofOptions({ queries: 30 }, ZK_TEST);
  const proveWith = (i: number, random: RandomSource) => prove(statements[i]!.air, statements[i]!.trace, o, { random });
  it("two statements proved with one seed draw different randomness and open no salt in common", () => {
    const [a, b] = [0, 1].map((i) => {
      const r = recordingSource(seededRandom("reused"));
      const { bytes, proof } = proveWith(i, r.source);
      expect(verify(statements[i]!.air, bytes, loose)).toMatchObject({ ok: true });
      return { proof, drawn: r.drawn };
    });
    // the same draws in number and size (one shape), none of them equal
    expect(a!.drawn.map((d) => d.length)).toEqual(b!.drawn.map((d) => d.length));
    expect(a!.drawn.length).toBeGreaterThan(2);
    a!.drawn.forEach((d, i) => expect(d).not.toBe(b!.drawn[i]));
    expect(common(openedSalts(a!.proof), openedSalts(b!.proof))).toEqual([]);
  });
  it("the control: handing both statements the seed's one stream (the old prover) repeats the draws and the salts", () => {
    const [a, b] = [0, 1].map((i) => {
      const r = recordingSource(contextBlindSource("reused"));
      return { proof: proveWith(i, r.source).proof, drawn: r.drawn };
    });
    expect(a!.drawn).toEqual(b!.drawn);
    // positions opened by both proofs show the same salt: the leak the re-keying removes
    expect(common(openedSalts(a!.proof), openedSalts(b!.proof)).length).toBeGreaterThan(0);
  });
  it("the same statement and seed give byte-identical proofs, from bigint or typed trace columns", () => {
    const once = proveWith(0, seededRandom("reused")).bytes;
    expect(proveWith(0, seededRandom("reused")).bytes).toEqual(once);
    const typed = asGoldilocksTrace(statements[0]!.air, statements[0]!.trace);
    expect(prove(statements[0]!.air, typed, o, { random: seededRandom("reused") }).bytes).toEqual(once);
  });
  it("two witnesses of one statement with one seed are masked independently (the trace is in the context)", () => {
    const air = productAir(15n, n);
    const [a, b] = [productTrace(3n, 5n, n), productTrace(5n, 3n, n)].map((t) => {
      const r = recordingSource(seededRandom("reused"));
      prove(air, t, o, { random: r.source });
      return r.drawn;
    });
    a!.forEach((d, i) => expect(d).not.toBe(b![i]));
  });
});

describe("zero-knowledge options", () => {
  const n = 64;
  const fib = fibonacciAir(F, n, { result: fibonacciResult(F, n) });
  it("need blowup ≥ 4, a trace long enough to hide the queries, and a blowup that fits the doubled degree", () => {
    expect(() => proofOptions({ zeroKnowledge: true, blowup: 2 }, FAST_TEST_OPTIONS)).toThrow(ProofOptionsError);
    expect(() => prove(fib, fibonacciTrace(F, n), { ...ZK_TEST, queries: 40 })).toThrow(/needs ≥ 82 rows/);
    const m = mimcAir(F, 64, { seed: 3n, result: mimc(F, 64, 3n) });
    expect(() => prove(m, mimcTrace(F, 64, 3n), { ...ZK_TEST, blowup: 4 })).toThrow(/use blowup ≥ 8/);
  });
  it("ZK_OPTIONS reach ≥ 100 conjectured bits, counted at blowup/2", () => {
    const air = fibonacciAir(F, 1024, { result: fibonacciResult(F, 1024) });
    const r = securityReportForAir(air, ZK_OPTIONS);
    expect(r.conjectured).toBeGreaterThanOrEqual(100);
    // the same options without zero knowledge gain one bit per query (log2 16 vs log2 8)
    const plain = securityReportForAir(air, { ...ZK_OPTIONS, zeroKnowledge: false });
    expect(plain.details.conjectured.queryBits - r.details.conjectured.queryBits).toBe(ZK_OPTIONS.queries);
    const { bytes } = prove(air, fibonacciTrace(F, 1024), ZK_OPTIONS, { random: seededRandom(6) });
    const v = verify(air, bytes);
    expect(v.ok && v.securityBits).toBe(r.conjectured);
  });
});

/** Pearson χ² of counts against equal expected counts. */
function chiSquareUniform(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const e = total / counts.length;
  return counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
}
/** Pearson χ² of homogeneity between two histograms with the same bins. */
function chiSquareTwoSample(x: readonly number[], y: readonly number[]): number {
  const nx = x.reduce((a, b) => a + b, 0);
  const ny = y.reduce((a, b) => a + b, 0);
  let chi = 0;
  x.forEach((cx, i) => {
    const cy = y[i]!;
    const col = cx + cy;
    if (col === 0) return;
    const ex = (col * nx) / (nx + ny);
    const ey = (col * ny) / (nx + ny);
    chi += (cx - ex) ** 2 / ex + (cy - ey) ** 2 / ey;
  });
  return chi;
}
const BINS = 16;
/** χ²(15 degrees of freedom) exceeds this with probability 0.001. */
const CHI2_15_999 = 37.7;
const histogram = (values: readonly bigint[]): number[] => {
  const h = new Array<number>(BINS).fill(0);
  for (const v of values) h[Number((v * BigInt(BINS)) / F.characteristic)]!++;
  return h;
};

describe("zero knowledge: two witnesses of one statement give statistically indistinguishable openings", () => {
  const n = 64;
  const c = 1_000_003n * 999_983n;
  const air = productAir(c, n);
  const witnesses = [
    [1_000_003n, 999_983n],
    [7n, F.div(c, 7n)],
  ] as const;
  const proofs = 30;
  /** Every base-field value the verifier sees for the secret columns a, b and in the composition/FRI openings. */
  function openedValues(options: typeof ZK_TEST, [a, b]: readonly [bigint, bigint]): { secret: bigint[]; other: bigint[] } {
    const secret: bigint[] = [];
    const other: bigint[] = [];
    for (let seed = 0; seed < proofs; seed++) {
      const { bytes } = prove(air, productTrace(a, b, n), options, { random: seededRandom(`zk-stat-${seed}`) });
      expect(verify(air, bytes, loose).ok).toBe(true);
      const proof = deserializeProof(bytes, F, (d) => challengeField(F, d).E);
      for (const row of proof.queries.traceRows) secret.push(row[0]!, row[1]!);
      for (const v of [...proof.ood.current.slice(0, 2), ...proof.ood.next.slice(0, 2)]) secret.push(v as bigint);
      for (const row of proof.queries.compositionRows) other.push(...(row as bigint[]));
      for (const layer of proof.fri.openings) for (const leaf of layer.leaves) other.push(...(leaf as bigint[]));
    }
    return { secret, other };
  }
  it("the secret columns and every other opened value are uniform for both witnesses, and the two samples agree", () => {
    const [x, y] = witnesses.map((w) => openedValues(ZK_TEST, w));
    for (const s of [x!, y!]) {
      expect(s.secret.length).toBeGreaterThanOrEqual(300);
      expect(chiSquareUniform(histogram(s.secret))).toBeLessThan(CHI2_15_999);
      expect(chiSquareUniform(histogram(s.other))).toBeLessThan(CHI2_15_999);
      for (const [a, b] of witnesses) expect(s.secret.includes(a) || s.secret.includes(b)).toBe(false);
    }
    expect(chiSquareTwoSample(histogram(x!.secret), histogram(y!.secret))).toBeLessThan(CHI2_15_999);
    expect(chiSquareTwoSample(histogram(x!.other), histogram(y!.other))).toBeLessThan(CHI2_15_999);
  });
  it("the same test tells the witnesses apart without zero knowledge (the control: the test can fail)", () => {
    const plain = { ...FAST_TEST_OPTIONS };
    const [x, y] = witnesses.map((w) => openedValues(plain, w));
    // a constant column's polynomial is the constant: every opened value is the secret itself
    expect(x!.secret.filter((v) => v === witnesses[0][0]).length).toBeGreaterThan(0);
    expect(chiSquareTwoSample(histogram(x!.secret), histogram(y!.secret))).toBeGreaterThan(CHI2_15_999);
  });
});
