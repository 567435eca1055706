// RPO-256 sponge AIR: declarations and measured degrees, honest traces against the reference sponge and the
// published vectors, every single-cell mutation caught, wrong digest / count / input / padding, refusals, and an
// end-to-end proof with a tampered-proof rejection.
import { describe, expect, it } from "vitest";
import { MIDEN_RPO_256, MIDEN_RPO_256_V0_11, RPO_256, RPO_SPONGES, hashElementsWith, permute } from "../../hash/rpo/index.js";
import { MIDEN_HEAD_VECTORS, SPEC_128_VECTORS } from "../../hash/rpo/vectors.testkit.js";
import { GOLDILOCKS_FIELD as F } from "../../math/prime-fields.js";
import { setGoldilocksWasm } from "../../math/goldilocks-fast.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, prove, verify } from "../../prover/index.js";
import { AirDefinitionError } from "../errors.js";
import { cloneTrace, traceRow } from "../trace.js";
import { checkAir, measureTransitionDegrees, traceFailures, validateTrace } from "../validate.js";
import {
  RPO_SPONGE_COLUMNS,
  RPO_SPONGE_CONSTRAINTS,
  RPO_SPONGE_PERIODIC_COLUMNS,
  RPO_SPONGE_WIDTH,
  rpoSpongeAir,
  rpoSpongeLayout,
  rpoSpongePeriodicColumns,
  rpoSpongeTrace,
} from "./rpo-sponge-air.js";

const upTo = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i));
const col = (name: string) => RPO_SPONGE_COLUMNS.indexOf(name);
const statement = (xs: readonly bigint[], spec = RPO_256) => ({
  air: rpoSpongeAir({ count: xs.length, digest: hashElementsWith(spec, xs) }, spec),
  trace: rpoSpongeTrace(xs, spec),
});

describe("declarations", () => {
  const { air } = statement(upTo(19));
  it("44 columns, 56 named constraints, 26 periodic columns of cycle 8; checkAir measures every declared degree", () => {
    expect(() => checkAir(air)).not.toThrow();
    expect(air.traceWidth).toBe(RPO_SPONGE_WIDTH);
    expect(RPO_SPONGE_COLUMNS).toHaveLength(44);
    expect(RPO_SPONGE_CONSTRAINTS).toHaveLength(56);
    expect(air.periodicColumns).toHaveLength(RPO_SPONGE_PERIODIC_COLUMNS.length);
    expect(air.periodicColumns.every((c) => c.length === 8)).toBe(true);
    expect(measureTransitionDegrees(air).main).toEqual([...new Array(24).fill(3), ...new Array(12).fill(4), ...new Array(20).fill(2)]);
    expect(Math.max(...air.transitionDegrees)).toBe(4);
    const periodic = rpoSpongePeriodicColumns();
    expect(periodic[0]).toEqual([1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]);
    expect(periodic[1]).toEqual([1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
    expect(periodic.slice(2).every((c) => c[7] === 0n)).toBe(true);
  });
  it("8 rows per permutation, the trace rounded up to a power of two of cycles", () => {
    const sizes = [1, 7, 8, 9, 16, 17, 19, 33].map((n) => [n, rpoSpongeLayout(RPO_256, n)] as const);
    expect(sizes.map(([n, l]) => [n, l.blocks, l.traceLength, l.digestStep])).toEqual([
      [1, 1, 8, 7],
      [7, 1, 8, 7],
      [8, 1, 8, 7],
      [9, 2, 16, 15],
      [16, 2, 16, 15],
      [17, 3, 32, 23],
      [19, 3, 32, 23],
      [33, 5, 64, 39],
    ]);
    expect(rpoSpongeLayout(MIDEN_RPO_256, 16).blocks).toBe(2);
  });
});

describe("honest traces", () => {
  it.each([1, 5, 8, 9, 16, 17, 19, 33])("%i elements: every constraint and assertion holds; the digest row is hashElements", (n) => {
    const xs = upTo(n).map((v) => v * 7919n + 3n);
    for (const spec of Object.values(RPO_SPONGES)) {
      const { air, trace } = statement(xs, spec);
      expect(traceFailures(air, trace)).toEqual([]);
      const row = traceRow(trace, rpoSpongeLayout(spec, n).digestStep);
      expect(spec.digest.map((i) => row[col(`h${i}`)])).toEqual(hashElementsWith(spec, xs));
    }
  });
  it("row 7 of each cycle is the reference permutation of row 0 (19 elements, 4 cycles)", () => {
    const trace = rpoSpongeTrace(upTo(19));
    for (let c = 0; c < 4; c++) {
      const state = (row: number) => traceRow(trace, row).slice(0, 12);
      expect(state(8 * c + 7)).toEqual(permute(state(8 * c)));
    }
  });
  it("proves the published vectors: the digest of [0, …, 18] from the specification and from miden-crypto", () => {
    const xs = upTo(19);
    expect(() => validateTrace(rpoSpongeAir({ count: 19, digest: SPEC_128_VECTORS[18]! }), rpoSpongeTrace(xs))).not.toThrow();
    expect(() => validateTrace(rpoSpongeAir({ count: 19, digest: MIDEN_HEAD_VECTORS[18]! }, MIDEN_RPO_256), rpoSpongeTrace(xs, MIDEN_RPO_256))).not.toThrow();
  });
});

describe("what the AIR catches", () => {
  it("every single-cell change of a 16-row trace (9 elements: 2 blocks) fails a constraint or an assertion", () => {
    const { air, trace } = statement(upTo(9).map((v) => v + 1000n));
    const missed: string[] = [];
    for (let c = 0; c < RPO_SPONGE_WIDTH; c++) {
      for (let s = 0; s < air.traceLength; s++) {
        const t = cloneTrace(trace);
        t[c]![s] = F.add(t[c]![s]!, 1n);
        if (traceFailures(air, t, 1).length === 0) missed.push(`${RPO_SPONGE_COLUMNS[c]}@${s}`);
      }
    }
    expect(missed).toEqual([]);
  });
  it("a wrong digest fails the digest assertion at the last permutation's output row", () => {
    const xs = upTo(19);
    const d = hashElementsWith(RPO_256, xs);
    const [f] = traceFailures(rpoSpongeAir({ count: 19, digest: [d[0]!, d[1]!, F.add(d[2]!, 1n), d[3]!] }), rpoSpongeTrace(xs));
    expect(f).toMatchObject({ kind: "assertion", step: 23, columnName: "h6" });
  });
  it("the trace of another input (same length) does not prove the first input's digest", () => {
    const xs = upTo(19);
    const ys = xs.map((v, i) => (i === 11 ? v + 1n : v));
    const { air } = statement(xs);
    const failures = traceFailures(air, rpoSpongeTrace(ys), 10);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.kind === "assertion" && f.step === 23)).toBe(true);
  });
  it("the count is bound: the padding cells and the domain element are asserted", () => {
    const xs = upTo(9);
    const d = hashElementsWith(RPO_256, xs);
    // 10 elements take the same 2 blocks, but their padding 1 0* starts one cell later: m2 = 1 where the trace has 0
    const [f] = traceFailures(rpoSpongeAir({ count: 10, digest: d }), rpoSpongeTrace(xs));
    expect(f).toMatchObject({ kind: "assertion", step: 8, columnName: "m2", expected: 1n, actual: 0n });
    // 7 elements padded to x ‖ 1 fill the same block as the 8 elements x ‖ 1, but carry domain 1 in the capacity
    const x7 = upTo(7);
    const forged = rpoSpongeTrace([...x7, 1n]);
    const [g] = traceFailures(rpoSpongeAir({ count: 7, digest: hashElementsWith(RPO_256, x7) }), forged);
    expect(g).toMatchObject({ kind: "assertion", step: 0, columnName: "h0", expected: 1n, actual: 0n });
  });
  it("presets are not interchangeable: a miden-crypto v0.11 trace fails the specification's AIR", () => {
    const xs = upTo(12);
    const failures = traceFailures(rpoSpongeAir({ count: 12, digest: hashElementsWith(MIDEN_RPO_256_V0_11, xs) }), rpoSpongeTrace(xs, MIDEN_RPO_256_V0_11));
    expect(failures.map((f) => f.columnName)).toContain("h0"); // domain 4 (12 mod 8) where the specification wants 1
  });
  it("refuses counts below 1, non-canonical digests and inputs, and sponges it does not prove", () => {
    expect(() => rpoSpongeAir({ count: 0, digest: [0n, 0n, 0n, 0n] })).toThrow(AirDefinitionError);
    expect(() => rpoSpongeAir({ count: 0, digest: [0n, 0n, 0n, 0n] })).toThrow(/count: expected an element count from 1 to 2\^20, got 0/);
    expect(() => rpoSpongeAir({ count: 3, digest: [0n, 0n, F.modulus, 0n] })).toThrow(/digest\[2\]: \d+ is not a canonical Goldilocks element/);
    expect(() => rpoSpongeAir({ count: 3, digest: [0n, 0n, 0n] })).toThrow(/digest: expected 4 Goldilocks elements/);
    expect(() => rpoSpongeTrace([1n, F.modulus])).toThrow(/elements\[1\]: \d+ is not a canonical Goldilocks element/);
    expect(() => rpoSpongeAir({ count: 3, digest: [0n, 0n, 0n, 0n] }, { ...RPO_256, rate: RPO_256.rate.slice(0, 6) })).toThrow(/width-12 RPO-256 sponges/);
  });
});

describe("proving", () => {
  it("19 elements (32 rows) prove and verify at blowup 8; a wrong digest or count and a tampered proof are rejected", () => {
    const xs = upTo(19).map((v) => v * v + 5n);
    const { air, trace } = statement(xs);
    const loose = { policy: INSECURE_TEST_POLICY };
    const { bytes } = prove(air, trace, FAST_TEST_OPTIONS);
    expect(FAST_TEST_OPTIONS.blowup).toBe(8);
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
    const d = hashElementsWith(RPO_256, xs);
    expect(verify(rpoSpongeAir({ count: 19, digest: [F.add(d[0]!, 1n), d[1]!, d[2]!, d[3]!] }), bytes, loose)).toMatchObject({ ok: false });
    expect(verify(rpoSpongeAir({ count: 20, digest: d }), bytes, loose)).toMatchObject({ ok: false });
    const accepted: number[] = [];
    for (let k = 1; k <= 24; k++) {
      const at = Math.floor((k * bytes.length) / 25);
      const t = Uint8Array.from(bytes);
      t[at] = t[at]! ^ 0x10;
      if (verify(air, t, loose).ok) accepted.push(at);
    }
    expect(accepted).toEqual([]);
  });
});

describe("the sponge's rows on the WebAssembly permutation", () => {
  it("equal the rows computed round by round on bigints (the reference), for a multi-block input", () => {
    const elements = Array.from({ length: 29 }, (_, i) => F.fromBigint(BigInt(i) * 0x9e3779b97f4a7c15n + 5n));
    const fast = rpoSpongeTrace(elements);
    const before = setGoldilocksWasm(false);
    try {
      expect(rpoSpongeTrace(elements)).toEqual(fast);
    } finally {
      setGoldilocksWasm(before);
    }
  });
});
