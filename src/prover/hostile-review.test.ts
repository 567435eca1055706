// Hostile review of the verifier's fast paths: tampered proofs get the same verdict with the fast paths on as with
// the plain reference code (proofIsCanonical forced false, the typed backends and the Goldilocks kernels off), and a
// tampered proof is accepted only when it is the same proof up to an ignored extra extension coordinate (the generic
// extension field ignores coordinates past its degree: serialization gives back the original bytes).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Air, Trace } from "../air/air.js";
import { exampleInstance } from "../air/examples/registry.js";
import { permutationAir, permutationTrace } from "../air/examples/permutation.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { setGoldilocksWasm } from "../math/goldilocks-fast.js";
import { seededRandom } from "../lwe/random.js";
import { setFastPolyOps } from "./backend/index.js";
import { assertionSumAtFast } from "./composition-at-fast.js";
import { compositionAt, compositionAtReference, compositionCoefficientCount } from "./constraints.js";
import { GOLDILOCKS_CUBIC_CHALLENGE } from "./goldilocks-cubic.js";
import { type Challenge, challengeField } from "./fields.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, type ProofOptions, type StarkProof, deserializeProof, prove, serializeProof, verify } from "./index.js";

const mode = vi.hoisted(() => ({ fast: true }));
vi.mock("./proof-canonical.js", async (importOriginal) => {
  const m = await importOriginal<typeof import("./proof-canonical.js")>();
  return { ...m, proofIsCanonical: (...a: Parameters<typeof m.proofIsCanonical>) => mode.fast && m.proofIsCanonical(...a) };
});

afterEach(() => {
  mode.fast = true;
  setFastPolyOps(true);
  setGoldilocksWasm(true);
});

type Verdict = { ok: boolean; check?: string };
const short = (v: ReturnType<typeof verify>): Verdict => (v.ok ? { ok: true } : { ok: false, check: v.check });

function reference<T>(f: () => T): T {
  mode.fast = false;
  const a = setFastPolyOps(false);
  const b = setGoldilocksWasm(false);
  try {
    return f();
  } finally {
    mode.fast = true;
    setFastPolyOps(a);
    setGoldilocksWasm(b);
  }
}

/** Verdicts with the fast paths and with the reference code. */
function both(air: Air, p: StarkProof | Uint8Array): { fast: Verdict; ref: Verdict } {
  const fast = short(verify(air, p, { policy: INSECURE_TEST_POLICY }));
  const ref = reference(() => short(verify(air, p, { policy: INSECURE_TEST_POLICY })));
  return { fast, ref };
}

const BASE: ProofOptions = { blowup: 8, queries: 12, grindingBits: 0, fieldExtension: 3, friFoldingFactor: 4, friRemainderMaxDegree: 7, hash: "blake3-256", zeroKnowledge: false };

interface Case {
  readonly name: string;
  readonly air: Air;
  readonly trace: Trace;
  readonly options: ProofOptions;
}

function cases(): Case[] {
  const ex = (name: string, steps: number, options: ProofOptions): Case => {
    const { trace, statement } = exampleInstance(name, steps);
    return { name: `${name} ext${options.fieldExtension} f${options.friFoldingFactor}${options.zeroKnowledge ? " zk" : ""}`, air: statement.air, trace, options };
  };
  const F = GOLDILOCKS_FIELD;
  const a = [5n, 9n, 11n, 2n, 7n];
  const b = [9n, 2n, 5n, 11n, 7n];
  const perm = (options: ProofOptions): Case => ({ name: `permutation ext${options.fieldExtension}${options.zeroKnowledge ? " zk" : ""}`, air: permutationAir(F, 64, { padding: 0n }), trace: permutationTrace(F, a, b, { length: 64 }), options });
  return [
    ex("fibonacci", 64, BASE),
    ex("fibonacci", 64, { ...BASE, fieldExtension: 1, friFoldingFactor: 2, friRemainderMaxDegree: 3 }),
    ex("fibonacci", 64, { ...BASE, fieldExtension: 2, friFoldingFactor: 8 }),
    ex("fibonacci", 128, { ...BASE, blowup: 16, queries: 10, zeroKnowledge: true }),
    ex("mimc-goldilocks", 64, BASE),
    ex("mimc", 64, { ...BASE, fieldExtension: 1 }),
    ex("rescue", 8, { ...BASE, fieldExtension: 2 }),
    ex("rescue", 8, { ...BASE, fieldExtension: 1 }),
    ex("wide32", 16, BASE),
    perm(BASE),
    perm({ ...BASE, blowup: 16, queries: 10, zeroKnowledge: true }),
  ];
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
/** The proof's bytes, or undefined when the object does not serialize. */
function bytesOf(p: StarkProof, F: Air["field"]): Uint8Array | undefined {
  try {
    return serializeProof(p, F, challengeField(F, p.options.fieldExtension).E);
  } catch {
    return undefined;
  }
}
const P = (air: Air) => air.field.characteristic;

/** x + p in one coordinate (a non-canonical encoding of the same residue). */
function plusP(p: bigint, v: Challenge, coord = 0): Challenge {
  return Array.isArray(v) ? v.map((c, i) => (i === coord ? c + p : c)) : (v as bigint) + p;
}
function plusOne(p: bigint, v: Challenge): Challenge {
  return Array.isArray(v) ? v.map((c, i) => (i === 0 ? (c + 1n) % p : c)) : ((v as bigint) + 1n) % p;
}
const setAt = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x));
const setRow = <T>(rows: readonly (readonly T[])[], r: number, c: number, v: T): T[][] => rows.map((row, i) => (i === r ? setAt(row, c, v) : [...row]));

/** Tampered copies of a proof, by name. */
function tamperings(air: Air, proof: StarkProof): [string, StarkProof][] {
  const p = P(air);
  const q = proof.queries;
  const ood = proof.ood;
  const fri = proof.fri;
  const withOod = (o: Partial<StarkProof["ood"]>): StarkProof => ({ ...proof, ood: { ...ood, ...o } });
  const withQ = (o: Partial<StarkProof["queries"]>): StarkProof => ({ ...proof, queries: { ...q, ...o } });
  const withFri = (o: Partial<StarkProof["fri"]>): StarkProof => ({ ...proof, fri: { ...fri, ...o } });
  const ext = Array.isArray(ood.current[0]);
  const out: [string, StarkProof][] = [
    ["untouched", proof],
    ["ood current +1", withOod({ current: setAt(ood.current, 0, plusOne(p, ood.current[0]!)) })],
    ["ood current +p", withOod({ current: setAt(ood.current, 0, plusP(p, ood.current[0]!)) })],
    ["ood next last +p", withOod({ next: setAt(ood.next, ood.next.length - 1, plusP(p, ood.next[ood.next.length - 1]!)) })],
    ["ood current extra element", withOod({ current: [...ood.current, ood.current[0]!] })],
    ["ood current one short", withOod({ current: ood.current.slice(0, -1) })],
    ["ood next one short", withOod({ next: ood.next.slice(0, -1) })],
    ["ood composition +p", withOod({ composition: setAt(ood.composition, 0, plusP(p, ood.composition[0]!)) })],
    ["ood composition extra", withOod({ composition: [...ood.composition, ood.composition[0]!] })],
    ["fri remainder extra zero", withFri({ remainder: [...fri.remainder, ext ? [0n, 0n, 0n].slice(0, (fri.remainder[0] as bigint[]).length) : 0n] })],
    ["fri remainder empty", withFri({ remainder: [] })],
    ["fri remainder +p", withFri({ remainder: setAt(fri.remainder, 0, plusP(p, fri.remainder[0]!)) })],
    ["fri remainder +1", withFri({ remainder: setAt(fri.remainder, 0, plusOne(p, fri.remainder[0]!)) })],
    ["trace row +1", withQ({ traceRows: setRow(q.traceRows, 0, 0, (q.traceRows[0]![0]! + 1n) % p) })],
    ["trace row +p", withQ({ traceRows: setRow(q.traceRows, 0, 0, q.traceRows[0]![0]! + p) })],
    ["trace row negative", withQ({ traceRows: setRow(q.traceRows, 0, 0, q.traceRows[0]![0]! - p) })],
    ["trace row as number", withQ({ traceRows: setRow(q.traceRows, 0, 0, 5 as unknown as bigint) })],
    ["trace row extra element", withQ({ traceRows: q.traceRows.map((r) => [...r, 0n]) })],
    ["trace row one short", withQ({ traceRows: q.traceRows.map((r) => r.slice(0, -1)) })],
    ["trace rows one fewer", withQ({ traceRows: q.traceRows.slice(0, -1) })],
    ["composition row +p", withQ({ compositionRows: setRow(q.compositionRows, 0, 0, plusP(p, q.compositionRows[0]![0]!)) })],
    ["composition row extra", withQ({ compositionRows: q.compositionRows.map((r) => [...r, r[0]!]) })],
    ["fri leaf +1", withFri({ openings: fri.openings.map((o, i) => (i === 0 ? { ...o, leaves: setRow(o.leaves, 0, 0, plusOne(p, o.leaves[0]![0]!)) } : o)) })],
    ["fri leaf +p", withFri({ openings: fri.openings.map((o, i) => (i === 0 ? { ...o, leaves: setRow(o.leaves, 0, 0, plusP(p, o.leaves[0]![0]!)) } : o)) })],
    ["fri leaf extra value", withFri({ openings: fri.openings.map((o, i) => (i === 0 ? { ...o, leaves: o.leaves.map((l) => [...l, l[0]!]) } : o)) })],
    ["fri layer dropped", withFri({ openings: fri.openings.slice(1), layerRoots: fri.layerRoots.slice(1) })],
    ["pow nonce +1", { ...proof, powNonce: proof.powNonce + 1n }],
    ["salts in a proof without zk / dropped salts", withQ({ traceSalts: proof.options.zeroKnowledge ? q.traceSalts.slice(1) : q.traceRows.map(() => new Uint8Array(32)) })],
  ];
  if (ext) {
    out.push(
      ["ood current extra coordinate", withOod({ current: setAt(ood.current, 0, [...(ood.current[0] as bigint[]), 0n]) })],
      ["ood current missing coordinate", withOod({ current: setAt(ood.current, 0, (ood.current[0] as bigint[]).slice(0, -1)) })],
      ["composition row missing coordinate", withQ({ compositionRows: setRow(q.compositionRows, 0, 0, (q.compositionRows[0]![0] as bigint[]).slice(0, -1)) })],
      ["fri remainder extra coordinate", withFri({ remainder: setAt(fri.remainder, 0, [...(fri.remainder[0] as bigint[]), 0n]) })],
      ["fri remainder extra coordinate 7", withFri({ remainder: setAt(fri.remainder, 0, [...(fri.remainder[0] as bigint[]), 7n]) })],
      ["fri leaf extra coordinate", withFri({ openings: fri.openings.map((o, i) => (i === 0 ? { ...o, leaves: setRow(o.leaves, 0, 0, [...(o.leaves[0]![0] as bigint[]), 7n]) } : o)) })],
      ["composition row extra coordinate", withQ({ compositionRows: setRow(q.compositionRows, 0, 0, [...(q.compositionRows[0]![0] as bigint[]), 7n]) })],
      ["ood composition extra coordinate", withOod({ composition: setAt(ood.composition, 0, [...(ood.composition[0] as bigint[]), 7n]) })],
      ["ood next extra coordinate", withOod({ next: setAt(ood.next, 0, [...(ood.next[0] as bigint[]), 7n]) })],
    );
  }
  if (q.auxRows.length > 0) {
    out.push(
      ["aux row +p", withQ({ auxRows: setRow(q.auxRows, 0, 0, plusP(p, q.auxRows[0]![0]!)) })],
      ["aux row +1", withQ({ auxRows: setRow(q.auxRows, 0, 0, plusOne(p, q.auxRows[0]![0]!)) })],
      ["aux row one short", withQ({ auxRows: q.auxRows.map((r) => r.slice(0, -1)) })],
      ["aux row extra", withQ({ auxRows: q.auxRows.map((r) => [...r, r[0]!]) })],
      ["aux row extra coordinate", withQ({ auxRows: setRow(q.auxRows, 0, 0, Array.isArray(q.auxRows[0]![0]) ? [...(q.auxRows[0]![0] as bigint[]), 7n] : q.auxRows[0]![0]! ) })],
    );
  }
  return out;
}

describe("hostile proofs: the fast verifier's verdict equals the reference verifier's", () => {
  for (const c of cases()) {
    it(`${c.name}: every tampering`, () => {
      const { proof, bytes } = prove(c.air, c.trace, c.options, { random: seededRandom("hostile") });
      const F = c.air.field;
      const parsed = deserializeProof(bytes, F, (d) => challengeField(F, d).E);
      const bad: string[] = [];
      for (const [name, t] of tamperings(c.air, parsed)) {
        const v = both(c.air, t);
        // accepted only when the tampering left the same proof up to an ignored extra coordinate (its bytes unchanged)
        const same = name === "untouched" || equalBytes(bytesOf(t, F) ?? new Uint8Array(0), bytes);
        if (JSON.stringify(v.fast) !== JSON.stringify(v.ref) || (v.fast.ok && !same) || (!v.fast.ok && name === "untouched"))
          bad.push(`${name}: fast ${JSON.stringify(v.fast)} ref ${JSON.stringify(v.ref)}`);
      }
      expect(bad, c.name).toEqual([]);
      expect(both(c.air, proof).fast.ok).toBe(true);
      // byte-level: flip each byte position of a sample (every 97th) and compare verdicts
      for (let i = 0; i < bytes.length; i += 97) {
        const bad = bytes.slice();
        bad[i] ^= 0x01;
        const v = both(c.air, bad);
        expect(v.fast, `${c.name} / byte ${i}`).toEqual(v.ref);
        expect(v.fast.ok, `${c.name} / byte ${i}`).toBe(false);
      }
    });
  }
});

describe("hostile prover: an invalid trace is refused on every backend, even without validateTrace", () => {
  // fibonacci's constraints are linear: H has n coefficients and the composition domain is the trace-sized
  // sub-coset (M = n), so no zero coefficient above the bound exists — only matchesAtLdePoint sees the violation
  const opts: ProofOptions = { ...BASE, fieldExtension: 3 };
  const broken = (name: string, steps: number, row: number, col = 0): { air: Air; trace: Trace } => {
    const { trace, statement } = exampleInstance(name, steps);
    const t = trace.map((c, j) => (j === col ? c.map((v, i) => (i === row ? statement.air.field.add(v, 1n) : v)) : [...c]));
    return { air: statement.air, trace: t };
  };
  it.each([
    ["fibonacci", 64, 17],
    ["fibonacci", 64, 1],
    ["mimc-goldilocks", 64, 30],
    ["wide32", 16, 5],
    ["mimc", 64, 9],
    ["rescue", 8, 3],
  ] as const)("%s (%i steps) with one cell changed at row %i", (name, steps, row) => {
    const { air, trace } = broken(name, steps, row);
    const backends = air.field.characteristic === GOLDILOCKS_FIELD.characteristic ? (["goldilocks", "bigint"] as const) : (["f128", "bigint"] as const);
    for (const backend of name === "mimc" ? (["bigint"] as const) : backends) {
      for (const zeroKnowledge of [false, true]) {
        const ext = air.field.characteristic === GOLDILOCKS_FIELD.characteristic ? opts : { ...opts, fieldExtension: 1 as const };
        const o = zeroKnowledge ? { ...ext, blowup: 16, queries: 4 } : ext;
        expect(() => prove(air, trace, o, { validate: false, backend, random: seededRandom("x") }), `${name} ${backend} zk=${zeroKnowledge}`).toThrow(
          /does not satisfy|assertion/,
        );
      }
    }
  });
});

describe("hostile proof bytes: a word ≥ p anywhere is refused when parsing, as the generic parser refuses it", () => {
  const { trace, statement } = exampleInstance("fibonacci", 64);
  const F = statement.air.field;
  const E = (d: number) => challengeField(F, d).E;
  const { bytes } = prove(statement.air, trace, BASE);
  const parsed = deserializeProof(bytes, F, E);
  /** Byte offset of the 8-byte little-endian word `x` (its first occurrence after `from`). */
  const find = (x: bigint, from = 0): number => {
    const w = new Uint8Array(8);
    new DataView(w.buffer).setBigUint64(0, x, true);
    for (let i = from; i + 8 <= bytes.length; i++) if (w.every((b, j) => bytes[i + j] === b)) return i;
    return -1;
  };
  const coord = (v: Challenge, c: number): bigint => (Array.isArray(v) ? v[c]! : (v as bigint));
  const targets: [string, bigint, RegExp][] = [
    ["ood next", coord(parsed.ood.next[0]!, 2), /ood next\[0\] is not a field element/],
    ["ood composition", coord(parsed.ood.composition[0]!, 1), /ood composition\[0\] is not a field element/],
    ["FRI remainder", coord(parsed.fri.remainder[parsed.fri.remainder.length - 1]!, 2), /FRI remainder\[\d+\] is not a field element/],
    ["trace row", parsed.queries.traceRows[3]![1]!, /trace\[1\] is not a field element/],
    ["composition row", coord(parsed.queries.compositionRows[2]![0]!, 1), /composition\[0\] is not a field element/],
    ["FRI leaf", coord(parsed.fri.openings[1]!.leaves[0]![2]!, 0), /FRI layer 1 leaf\[2\] is not a field element/],
  ];
  it.each(targets)("%s", (_, value, message) => {
    const at = find(value);
    expect(at).toBeGreaterThan(0);
    for (const word of [GOLDILOCKS_FIELD.modulus, GOLDILOCKS_FIELD.modulus + value % (2n ** 32n - 1n), 2n ** 64n - 1n]) {
      const bad = bytes.slice();
      new DataView(bad.buffer).setBigUint64(at, word, true);
      expect(() => deserializeProof(bad, F, E)).toThrow(message);
      const v = verify(statement.air, bad, { policy: INSECURE_TEST_POLICY });
      expect(v.ok ? "accepted" : v.check).toBe("format");
    }
  });
});

describe("hostile out-of-domain frame: a non-canonical value leaves H(z) to the plain evaluation", () => {
  it.each(["fibonacci", "mimc-goldilocks", "wide32"])("%s: each asserted column's value + p", (name) => {
    const { trace, statement } = exampleInstance(name, name === "wide32" ? 16 : 64);
    const air = statement.air;
    const F = air.field;
    const { proof } = prove(air, trace, BASE);
    const p = F.characteristic;
    const m = air.transitionDegrees.length;
    const coefficients = Array.from({ length: compositionCoefficientCount(air) }, (_, i): Challenge => [BigInt(i + 2), 3n, BigInt(5 * i)]);
    const z: Challenge = [123456789n, 987654321n, 55n];
    for (const a of air.assertions) {
      for (const coord of [0, 1, 2]) {
        const current = proof.ood.current.map((v, c) => (c === a.column ? plusP(p, v, coord) : v));
        const frame = { current, next: proof.ood.next };
        expect(assertionSumAtFast(air, GOLDILOCKS_CUBIC_CHALLENGE, current, z, coefficients.slice(m))).toBeUndefined();
        for (const C of [GOLDILOCKS_CUBIC_CHALLENGE, challengeField(F, 3)]) {
          const ref = reference(() => compositionAtReference(air, challengeField(F, 3), frame, z, coefficients, []));
          expect(compositionAt(air, C, frame, z, coefficients, [])).toEqual(ref);
        }
      }
    }
  });
});

describe("proof objects handed to the verifier", () => {
  it("attack: an extension element with an extra coordinate (ignored by the arithmetic) is refused as malformed, not accepted as a second object for one proof", () => {
    const { trace, statement } = exampleInstance("wide32", 64);
    const o = { ...FAST_TEST_OPTIONS, fieldExtension: 3 as const };
    const { proof } = prove(statement.air, trace, o);
    expect(verify(statement.air, proof, { policy: INSECURE_TEST_POLICY }).ok).toBe(true);
    const remainder = proof.fri.remainder.map((c, i) => (i === 0 ? [...(c as bigint[]), 0n] : c));
    const bad: StarkProof = { ...proof, fri: { ...proof.fri, remainder } };
    expect(verify(statement.air, bad, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: false, check: "format", message: expect.stringMatching(/not canonical/) });
    const big: StarkProof = { ...proof, queries: { ...proof.queries, traceRows: proof.queries.traceRows.map((r, i) => (i === 0 ? r.map((v, j) => (j === 0 ? v + statement.air.field.characteristic : v)) : r)) } };
    expect(verify(statement.air, big, { policy: INSECURE_TEST_POLICY })).toMatchObject({ ok: false, check: "format" });
  });
});
