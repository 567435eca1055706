// The transition tape (tape.ts): recorded from each example AIR and the VM's AIR (every hash preset), runTape gives
// exactly evaluateTransition's values at random frames; public slots carry Δ and the body direction to another
// statement of the family; inversions and divisions are refused; constants fold, 0 and 1 vanish, equal
// subexpressions are shared.
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_CUBIC } from "../math/extension.js";
import type { Field } from "../math/field.js";
import { GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { VM_HASHES, type VmHashId } from "../vm/hash-spec.js";
import { OPCODES } from "../vm/isa.js";
import { vmAir } from "../vm/air/vm-air.js";
import type { Air, EvaluationFrame } from "./air.js";
import { fibonacciAir, mimcAir, permutationAir, rescueChainAir, rpoSpongeAir, wideAir } from "./examples/index.js";
import { TapeError, type TransitionTape, recordTransitionTape, runTape } from "./tape.js";

/** xorshift64: a seeded stream of 64-bit values. */
function xorshift(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= (s << 13n) & 0xffffffffffffffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffffffffffffffffn;
    return s;
  };
}

type Evaluate = <E>(E: Field<E>, frame: EvaluationFrame<E>, periodic: readonly E[], out: E[]) => void;
const record = (air: Air, publics: readonly bigint[]): TransitionTape =>
  recordTransitionTape(air.field, air.traceWidth, air.periodicColumns.length, publics, (E, f, p, out) => air.evaluateTransition(E, f, p, out), air.transitionDegrees.length);

/**
 * (runTape, evaluateTransition) values at `frames` random frames — over the Goldilocks cubic extension for a
 * Goldilocks AIR, over the AIR's own field otherwise.
 */
function valuesAt(tape: TransitionTape, air: Air, publics: readonly bigint[], seed: bigint, frames: number): [unknown[], unknown[]][] {
  const next = xorshift(seed);
  const at = <E>(E: Field<E>, random: () => E): [unknown[], unknown[]][] =>
    Array.from({ length: frames }, () => {
      const row = () => Array.from({ length: air.traceWidth }, random);
      const frame = { current: row(), next: row() };
      const periodic = air.periodicColumns.map(random);
      const out = new Array<E>(air.transitionDegrees.length).fill(E.ZERO);
      air.evaluateTransition(E, frame, periodic, out);
      return [runTape(E, tape, frame, periodic, publics), out];
    });
  return air.field.characteristic === GOLDILOCKS_FIELD.modulus
    ? at(GOLDILOCKS_CUBIC, () => GOLDILOCKS_CUBIC.fromCoefficients([0, 1, 2].map(() => next() % GOLDILOCKS_FIELD.modulus)))
    : at(air.field, () => air.field.fromBigint((next() << 64n) | next()));
}
function expectTapeMatches(tape: TransitionTape, air: Air, publics: readonly bigint[], seed: bigint, frames = 4): void {
  for (const [got, want] of valuesAt(tape, air, publics, seed, frames)) expect(got).toEqual(want);
}

const G = GOLDILOCKS_FIELD;
const EXAMPLES: readonly (readonly [string, Air])[] = [
  ["Fibonacci (Goldilocks)", fibonacciAir(G, 8, { result: 0n })],
  ["MiMC (genSTARK field)", mimcAir(GENSTARK_FIELD, 64, { seed: 3n, result: 0n })],
  ["MiMC (Goldilocks)", mimcAir(G, 64, { seed: 3n, result: 0n })],
  ["Permutation (Goldilocks)", permutationAir(G, 8, { padding: 0n })],
  ["Rescue chain (f128)", rescueChainAir(1, { seed: [0n, 0n], result: [0n, 0n] })],
  ["RPO-256 sponge (Goldilocks)", rpoSpongeAir({ count: 1, digest: [0n, 0n, 0n, 0n] })],
  ["Wide, 5 columns (Goldilocks)", wideAir(G, 5, 16, { result: 0n })],
];

/** A small valid VM statement: read2, read, sadd (w = 3), padded with noops to one 16-step cycle. */
function vm(hash: VmHashId, delta: bigint, body: readonly bigint[]): Air {
  const spec = VM_HASHES[hash];
  const opcodes = [OPCODES.read2, OPCODES.read, OPCODES.sadd, ...new Array<number>(13).fill(OPCODES.noop)];
  const cells = (from: bigint) => body.map((_, i) => from + BigInt(i));
  return vmAir({ hash, opcodes, programHash: spec.digest.map(() => 0n), publicValues: [7n], inputs: [cells(10n)], outputs: [cells(20n)], delta, body });
}
/** Δ and e: large pseudo-random values, so that no constant of the AIR coincides with them. */
function deltaBody(F: Field<bigint>, seed: bigint): bigint[] {
  const r = xorshift(seed);
  return Array.from({ length: 4 }, () => F.fromBigint((r() << 64n) | r()));
}
const PRESETS = Object.keys(VM_HASHES) as VmHashId[];

describe("runTape reproduces evaluateTransition", () => {
  it.each(EXAMPLES)("%s, at random frames", (_, air) => {
    const tape = record(air, []);
    expect(tape.outputs).toHaveLength(air.transitionDegrees.length);
    expect(tape.ops.length).toBeGreaterThan(0);
    expectTapeMatches(tape, air, [], 0x9e3779b97f4a7c15n);
  });
  it.each(PRESETS)("the VM's AIR (%s), publics [Δ, ...e], at random frames", (hash) => {
    const publics = deltaBody(VM_HASHES[hash].field, 0x1234567n);
    const air = vm(hash, publics[0]!, publics.slice(1));
    const tape = record(air, publics);
    expect(tape.publics).toBe(4);
    expect(tape.ops.some((o) => o.op === "mulBase")).toBe(true);
    expectTapeMatches(tape, air, publics, 0xdeadbeefn, 3);
  });
});

describe("public slots", () => {
  it.each(PRESETS)("a tape recorded for one (Δ, e) evaluates another statement's constraints with that statement's (Δ, e) (%s)", (hash) => {
    const F = VM_HASHES[hash].field;
    const [pa, pb] = [deltaBody(F, 11n), deltaBody(F, 12n)];
    const tape = record(vm(hash, pa[0]!, pa.slice(1)), pa);
    const other = vm(hash, pb[0]!, pb.slice(1));
    expectTapeMatches(tape, other, pb, 0xc0ffeen, 3);
    // and the slots matter: with the recorded statement's (Δ, e) the tape misses the other statement's values
    const [got, want] = valuesAt(tape, other, pa, 0xc0ffeen, 1)[0]!;
    expect(got).not.toEqual(want);
    expect(got.length).toBe(want.length);
  });
  it("recording with two equal public values throws a TapeError naming both slots", () => {
    const air = fibonacciAir(G, 8, { result: 0n });
    const call = () => record(air, [5n, 7n, 5n]);
    expect(call).toThrow(TapeError);
    expect(call).toThrow(/public slots 0 and 2 have the same value 5/);
  });
});

describe("what a tape cannot record", () => {
  const tapeOf = (evaluate: Evaluate, width = 2, constraints = 1) => recordTransitionTape(G, width, 0, [], evaluate, constraints);
  it.each([
    ["an inversion", ((E, f, _p, out) => void (out[0] = E.inv(f.current[0]!))) as Evaluate],
    ["a division", ((E, f, _p, out) => void (out[0] = E.div(f.current[0]!, f.next[0]!))) as Evaluate],
    ["a negative power", ((E, f, _p, out) => void (out[0] = E.pow(f.current[0]!, -1n))) as Evaluate],
  ])("%s throws a TapeError naming it", (what, evaluate) => {
    expect(() => tapeOf(evaluate)).toThrow(TapeError);
    expect(() => tapeOf(evaluate)).toThrow(new RegExp(`uses ${what}, which a tape cannot record`));
  });
});

describe("folding and sharing", () => {
  const tapeOf = (evaluate: Evaluate, constraints: number) => recordTransitionTape(G, 2, 0, [], evaluate, constraints);
  const FIXED = 4; // registers before the constants: 2 current + 2 next
  it("3·5 folds to a constant 15: no ops, the output register holds 15", () => {
    const tape = tapeOf((E, _f, _p, out) => void (out[0] = E.mul(E.fromBigint(3n), E.fromBigint(5n))), 1);
    expect(tape.ops).toHaveLength(0);
    expect(tape.outputs[0]).toBeGreaterThanOrEqual(FIXED);
    expect(tape.constants[tape.outputs[0]! - FIXED]).toBe(15n);
    const out = runTape(G, tape, { current: [1n, 2n], next: [3n, 4n] }, [], []);
    expect(out).toEqual([15n]);
  });
  it("x·1, 1·x, x+0, 0+x and x−x are simplified away (no ops); x−x is the constant 0", () => {
    const tape = tapeOf((E, f, _p, out) => {
      const x = f.current[1]!;
      out[0] = E.mul(x, E.ONE);
      out[1] = E.mul(E.fromBigint(1n), x);
      out[2] = E.add(x, E.ZERO);
      out[3] = E.add(E.fromBigint(0n), x);
      out[4] = E.sub(x, x);
      out[5] = E.mul(x, E.ZERO);
    }, 6);
    expect(tape.ops).toHaveLength(0);
    expect(tape.outputs.slice(0, 4)).toEqual([1, 1, 1, 1]);
    expect(tape.constants[tape.outputs[4]! - FIXED]).toBe(0n);
    expect(tape.outputs[5]).toBe(tape.outputs[4]);
  });
  it("a base constant times x is one mulBase with the constant as its second operand", () => {
    const tape = tapeOf((E, f, _p, out) => void (out[0] = E.mul(E.fromBigint(3n), f.next[0]!)), 1);
    expect(tape.ops).toEqual([{ op: "mulBase", a: 2, b: FIXED }]);
    expect(tape.constants).toEqual([3n]);
  });
  it("the same subexpression computed twice (c0·c1, c1·c0) is one op", () => {
    const tape = tapeOf((E, f, _p, out) => {
      const [c0, c1] = [f.current[0]!, f.current[1]!];
      out[0] = E.mul(c0, c1);
      out[1] = E.add(E.mul(c0, c1), E.mul(c1, c0));
    }, 2);
    expect(tape.ops.map((o) => o.op)).toEqual(["mul", "add"]);
    expect(tape.ops[0]).toEqual({ op: "mul", a: 0, b: 1 });
    expect(tape.ops[1]).toEqual({ op: "add", a: tape.outputs[0], b: tape.outputs[0] });
    const [x, y] = [5n, 9n];
    expect(runTape(G, tape, { current: [x, y], next: [0n, 0n] }, [], [])).toEqual([45n, 90n]);
  });
});
