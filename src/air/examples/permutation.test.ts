// Permutation-argument AIR: the grand-product auxiliary column over Goldilocks and its quadratic and cubic
// extensions, trace validation, prove → verify through the auxiliary path (fieldExtension 1, 2, 3), non-permutations
// refused by the prover, dishonest auxiliary columns rejected by the verifier, wrong public inputs, serialisation.
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_CUBIC, GOLDILOCKS_QUADRATIC } from "../../math/extension.js";
import type { Field } from "../../math/field.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { challengeField } from "../../prover/fields.js";
import { FAST_TEST_OPTIONS, INSECURE_TEST_POLICY, type ProofOptions, ProverError, deserializeProof, prove, serializeProof, verify } from "../../prover/index.js";
import type { Air, AuxSegment, EvaluationFrame } from "../air.js";
import { TraceValidationError } from "../errors.js";
import { cloneTrace } from "../trace.js";
import { checkAir, defaultAuxRandom, measureTransitionDegrees, validateTrace } from "../validate.js";
import {
  PERMUTATION_AUX_CONSTRAINTS,
  grandProductColumn,
  permutationAir,
  permutationTrace,
  permutationTraceLength,
} from "./permutation.js";

const F = GOLDILOCKS_FIELD;
const loose = { policy: INSECURE_TEST_POLICY };
const EXTENSIONS = [1, 2, 3] as const;
const opts = (fieldExtension: 1 | 2 | 3): ProofOptions => ({ ...FAST_TEST_OPTIONS, fieldExtension });

/** `count` pseudo-random canonical elements of F (an LCG mod 2^64, reduced). */
function values(count: number, seed = 1n): bigint[] {
  const out: bigint[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    out.push(F.fromBigint(x));
  }
  return out;
}

const sorted = (xs: readonly bigint[]): bigint[] => [...xs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

function catchError(f: () => void): TraceValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceValidationError);
    return e as TraceValidationError;
  }
  throw new Error("expected a TraceValidationError");
}

/** The same AIR with parts of its auxiliary segment replaced (a dishonest prover's view of the statement). */
function withAux(air: Air, replace: Partial<AuxSegment>): Air {
  return { ...air, aux: { ...air.aux!, ...replace } };
}

/** b with its value at `index` changed by +delta: no longer a permutation of a. */
function changed(b: readonly bigint[], index: number, delta = 1n): bigint[] {
  const out = [...b];
  out[index] = F.add(out[index]!, delta);
  return out;
}

// 15 values: exactly the data rows of a 16-row trace (row 15 is the padding row)
const a = values(15);
const b = sorted(a);
const n = permutationTraceLength(a.length);
const air = permutationAir(F, n, { padding: 0n });
const trace = permutationTrace(F, a, b);

describe("Permutation AIR: declarations, trace and grand product", () => {
  it("declares main degree 1 and aux degree 2, which the random-line measurement confirms", () => {
    expect(n).toBe(16);
    expect(() => checkAir(air)).not.toThrow();
    expect(measureTransitionDegrees(air)).toEqual({ main: [1], aux: [2] });
    expect(air.aux?.randomElements).toBe(1);
    expect(air.assertions.filter((x) => x.segment === "aux").map((x) => [x.step, x.value])).toEqual([
      [0, 1n],
      [n - 1, 1n],
    ]);
  });

  it("lays out the data rows, the padding rows and the step counter", () => {
    const t = permutationTrace(F, [5n, 6n, 7n], [7n, 5n, 6n], { padding: 9n });
    expect(t).toEqual([
      [5n, 6n, 7n, 9n, 9n, 9n, 9n, 9n],
      [7n, 5n, 6n, 9n, 9n, 9n, 9n, 9n],
      [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n],
    ]);
    expect(permutationTraceLength(7)).toBe(8);
    expect(permutationTraceLength(8)).toBe(16); // the padding row needs a row of its own
    expect(() => permutationTrace(F, values(8), values(8), { length: 8 })).toThrow(/do not fit 8 rows/);
    expect(() => permutationTrace(F, [1n], [1n, 2n])).toThrow(/a has 1 values, b has 2/);
    expect(() => permutationTrace(F, [F.modulus], [F.modulus])).toThrow(/not a canonical element/);
  });

  const fields: [string, Field<unknown>, () => unknown][] = [
    ["Goldilocks", F as Field<unknown>, () => values(1, 99n)[0]],
    ["Goldilocks², x² − x + 2", GOLDILOCKS_QUADRATIC as Field<unknown>, () => values(2, 99n)],
    ["Goldilocks³, x³ − x − 1", GOLDILOCKS_CUBIC as Field<unknown>, () => values(3, 99n)],
  ];
  it.each(fields)("over %s: z_0 = 1, every step satisfies the constraint, z_{n−1} = 1 iff b is a permutation", (_, E, draw) => {
    const gamma = draw();
    expect(E.isValid(gamma)).toBe(true);
    const main = permutationTrace(F, a, [...a].reverse());
    const z = air.aux!.build(E, main, [gamma])[0]!;
    expect(z).toHaveLength(n);
    expect(E.eq(z[0]!, E.ONE)).toBe(true);
    expect(E.eq(z[n - 1]!, E.ONE)).toBe(true);
    expect(E.eq(z[5]!, E.ONE)).toBe(false); // a partial product is not 1
    const out = [E.ZERO];
    for (let i = 0; i + 1 < n; i++) {
      const frame = (col: readonly bigint[]) => E.fromBigint(col[i]!);
      const nextFrame = (col: readonly bigint[]) => E.fromBigint(col[i + 1]!);
      air.aux!.evaluateTransition(E, { current: main.map(frame), next: main.map(nextFrame) }, { current: [z[i]!], next: [z[i + 1]!] }, [gamma], [], out);
      expect(E.isZero(out[0]!)).toBe(true);
    }
    // one value changed: the chain is built honestly but ends elsewhere
    const bad = grandProductColumn(E, main[0]!, changed(main[1]!, 3), gamma);
    expect(E.eq(bad[n - 1]!, E.ONE)).toBe(false);
  });

  it("refuses a γ that zeroes a denominator (γ = −b_i)", () => {
    expect(() => grandProductColumn(F, a, b, F.neg(b[4]!))).toThrow(/b_4 \+ γ = 0/);
  });

  it("validateTrace passes for real permutations (sorted, reversed, shorter data, other padding), any randomness", () => {
    expect(() => validateTrace(air, trace)).not.toThrow();
    expect(() => validateTrace(air, permutationTrace(F, a, [...a].reverse()))).not.toThrow();
    for (const r of values(5, 7n)) expect(() => validateTrace(air, trace, { auxRandom: [r] })).not.toThrow();
    const few = values(20, 3n);
    const air64 = permutationAir(F, 64, { padding: 12345n });
    expect(() => validateTrace(air64, permutationTrace(F, few, sorted(few), { length: 64, padding: 12345n }))).not.toThrow();
    // repeated values: a multiset permutation
    const rep = [1n, 2n, 2n, 3n, 3n, 3n, 0n];
    expect(() => validateTrace(permutationAir(F, 8, { padding: 0n }), permutationTrace(F, rep, sorted(rep)))).not.toThrow();
  });

  it("a non-permutation (one value of b changed, z built honestly) fails the aux assertion z_{n−1} = 1", () => {
    const bad = permutationTrace(F, a, changed(b, 7));
    const err = catchError(() => validateTrace(air, bad));
    expect([err.kind, err.segment, err.columnName, err.step, err.index]).toEqual(["assertion", "aux", "z", n - 1, 4]);
    expect(err.message).toContain(`column z (aux) at step ${n - 1} = 1 fails`);
    // multiplicities count too: {1, 2, 2} is not a permutation of {1, 1, 2}
    const m = permutationTrace(F, [1n, 1n, 2n], [1n, 2n, 2n]);
    expect(catchError(() => validateTrace(permutationAir(F, 8, { padding: 0n }), m)).segment).toBe("aux");
  });

  it("the last row must be the padding row: its pair never enters z, so the main assertions pin it", () => {
    // the data rows are a permutation, the last pair (1, 2) is not: the full columns are not permutations
    const t = permutationTrace(F, a, b);
    t[0]![n - 1] = 1n;
    t[1]![n - 1] = 2n;
    // without the padding assertions this would pass: z_{n−1} = ∏_{i<n−1} (a_i + γ)/(b_i + γ) ignores the last row
    const unpinned: Air = { ...air, assertions: air.assertions.filter((x) => x.segment === "aux" || x.step === 0) };
    expect(() => validateTrace(unpinned, t)).not.toThrow();
    const err = catchError(() => validateTrace(air, t));
    expect([err.kind, err.segment, err.columnName, err.step]).toEqual(["assertion", "main", "a", n - 1]);
    // the padding value is the public input
    const err2 = catchError(() => validateTrace(permutationAir(F, n, { padding: 1n }), trace));
    expect([err2.kind, err2.segment, err2.columnName]).toEqual(["assertion", "main", "a"]);
  });

  it("a broken step counter fails the main constraint", () => {
    const t = cloneTrace(trace);
    t[2]![9] = 100n;
    const err = catchError(() => validateTrace(air, t));
    expect([err.kind, err.segment, err.step]).toEqual(["transition", "main", 8]);
  });

  it("a broken aux builder is caught by the aux transition constraint, at the step it breaks", () => {
    const broken = withAux(air, {
      build<E>(E: Field<E>, main: readonly (readonly bigint[])[], random: readonly E[]): E[][] {
        const z = grandProductColumn(E, main[0]!, main[1]!, random[0]!);
        z[6] = E.add(z[6]!, E.ONE);
        return [z];
      },
    });
    const err = catchError(() => validateTrace(broken, trace));
    expect([err.kind, err.segment, err.constraint, err.step]).toEqual(["transition", "aux", PERMUTATION_AUX_CONSTRAINTS[0], 5]);
  });
});

describe("Permutation AIR: prove → verify through the auxiliary segment", () => {
  it.each(EXTENSIONS)("fieldExtension %i: proves and verifies; the proof carries the aux commitment and openings", (ext) => {
    const { proof, bytes } = prove(air, trace, opts(ext));
    expect(verify(air, bytes, loose)).toMatchObject({ ok: true });
    expect(verify(air, proof, loose)).toMatchObject({ ok: true });
    expect(proof.context.auxWidth).toBe(1);
    expect(proof.auxRoot).toBeInstanceOf(Uint8Array);
    expect(proof.ood.current).toHaveLength(4); // a, b, step, z
    expect(proof.queries.auxRows).toHaveLength(proof.queries.traceRows.length); // one per distinct query position
    const E = challengeField(F, ext).E;
    expect(proof.queries.auxRows.every((row) => row.length === 1 && E.isValid(row[0]!))).toBe(true);
    expect(typeof proof.queries.auxRows[0]![0]).toBe(ext === 1 ? "bigint" : "object");
  });

  it.each(EXTENSIONS)("fieldExtension %i: reversed data with padding rows, another length and padding", (ext) => {
    const few = values(40, 11n);
    const air64 = permutationAir(F, 64, { padding: 7n });
    const { bytes } = prove(air64, permutationTrace(F, few, [...few].reverse(), { length: 64, padding: 7n }), opts(ext));
    expect(verify(air64, bytes, loose)).toMatchObject({ ok: true });
  });

  it("also over f128 with its quadratic extension (the generic 128-bit path)", () => {
    const G = F128_FIELD;
    const xs = [3n, 1n, 4n, 1n, 5n, 9n, 2n, 6n, 5n, 3n, 5n];
    const air16 = permutationAir(G, 16, { padding: 0n });
    const { bytes } = prove(air16, permutationTrace(G, xs, sorted(xs)), { ...FAST_TEST_OPTIONS, fieldExtension: 2, queries: 4 });
    expect(verify(air16, bytes, loose)).toMatchObject({ ok: true });
  });

  it.each(EXTENSIONS)("fieldExtension %i: proofs round-trip through serialisation", (ext) => {
    const { proof, bytes } = prove(air, trace, opts(ext));
    const E = challengeField(F, ext).E;
    const parsed = deserializeProof(bytes, F, (d) => challengeField(F, d).E);
    expect(parsed.auxRoot).toEqual(proof.auxRoot);
    expect(parsed.queries.auxRows).toEqual(proof.queries.auxRows);
    expect(parsed.ood).toEqual(proof.ood);
    expect(serializeProof(parsed, F, E)).toEqual(bytes);
    expect(verify(air, parsed, loose)).toMatchObject({ ok: true });
  });

  it("rejects wrong public inputs: another padding, another length, a statement without the aux segment", () => {
    const { bytes } = prove(air, trace, opts(2));
    expect(verify(permutationAir(F, n, { padding: 1n }), bytes, loose)).toMatchObject({ ok: false });
    expect(verify(permutationAir(F, 32, { padding: 0n }), bytes, loose)).toMatchObject({ ok: false, check: "public-inputs" });
    const noAux: Air = { ...air };
    delete (noAux as { aux?: AuxSegment }).aux;
    const r = verify(noAux, bytes, loose);
    expect(r).toMatchObject({ ok: false, check: "public-inputs" });
    expect(!r.ok && r.message).toContain("aux width 1), the statement is Permutation-16 (3×16, aux width 0)");
  });

  it("refuses an aux builder whose output does not match the declared width and length (validation off)", () => {
    const z = <E>(E: Field<E>, main: readonly (readonly bigint[])[], random: readonly E[]): E[] => grandProductColumn(E, main[0]!, main[1]!, random[0]!);
    const builders: [Partial<AuxSegment>, RegExp][] = [
      [{ build: (E, main, random) => [z(E, main, random), z(E, main, random)] }, /auxiliary builder returned 2 columns, the AIR declares 1/],
      [{ build: () => [] }, /auxiliary builder returned 0 columns, the AIR declares 1/],
      [{ build: (E, main, random) => [z(E, main, random).slice(0, 8)] }, /auxiliary column z is not 16 canonical elements/],
    ];
    for (const [replace, message] of builders) {
      for (const ext of EXTENSIONS) expect(() => prove(withAux(air, replace), trace, opts(ext), { validate: false })).toThrow(message);
    }
  });

  it.each(EXTENSIONS)("fieldExtension %i: a non-permutation cannot be proved (trace validation, then the prover names the broken auxiliary assertion)", (ext) => {
    const bad = permutationTrace(F, a, changed(b, 7));
    expect(() => prove(air, bad, opts(ext))).toThrow(TraceValidationError);
    expect(() => prove(air, bad, opts(ext))).toThrow(/column z \(aux\) at step 15 = 1 fails/);
    expect(() => prove(air, bad, opts(ext), { validate: false })).toThrow(ProverError);
    expect(() => prove(air, bad, opts(ext), { validate: false })).toThrow(/assertion \d+ of Permutation-16 fails: auxiliary column z at step 15 is .*, the AIR asserts 1/);
  });

  it.each(EXTENSIONS)("fieldExtension %i: an aux column that skips the constraint (z ≡ 1) is refused by the prover and rejected by the verifier", (ext) => {
    const bad = permutationTrace(F, a, changed(b, 7));
    const ones = <E>(E: Field<E>): E[][] => [new Array<E>(n).fill(E.ONE)];
    // the honest constraint with the forged column: the composition is not a polynomial
    expect(() => prove(withAux(air, { build: ones }), bad, opts(ext), { validate: false })).toThrow(/composition polynomial has degree/);
    // a prover that also drops the aux constraint gets a proof out — for a statement the verifier does not check
    const cheat = withAux(air, {
      build: ones,
      evaluateTransition<E>(E: Field<E>, _m: EvaluationFrame<E>, _a: EvaluationFrame<E>, _r: readonly E[], _p: readonly E[], out: E[]): void {
        out[0] = E.ZERO;
      },
    });
    const { bytes } = prove(cheat, bad, opts(ext), { validate: false });
    expect(verify(cheat, bytes, loose)).toMatchObject({ ok: true }); // internally consistent…
    expect(verify(air, bytes, loose)).toMatchObject({ ok: false, check: "ood-consistency" }); // …but not this AIR
  });

  it.each(EXTENSIONS)("fieldExtension %i: a γ chosen before the commitment (product 1 at γ*) is rejected by the verifier", (ext) => {
    // change b_2 → x + 1 and b_5 → y + 5: (x + γ)(y + γ) = (x + 1 + γ)(y + 5 + γ) at γ* = (uv − xy)/((x + y) − (u + v))
    const [x, y] = [b[2]!, b[5]!];
    const [u, v] = [F.add(x, 1n), F.add(y, 5n)];
    const bb = [...b];
    bb[2] = u;
    bb[5] = v;
    const gammaStar = F.div(F.sub(F.mul(u, v), F.mul(x, y)), F.sub(F.add(x, y), F.add(u, v)));
    const bad = permutationTrace(F, a, bb);
    const zStar = grandProductColumn(F, a.concat([0n]), bb.concat([0n]), gammaStar);
    expect(zStar[n - 1]).toBe(1n); // the forged chain closes at γ*
    expect(() => prove(air, bad, opts(ext), { validate: false })).toThrow(ProverError); // not at the drawn γ
    const fixed: Partial<AuxSegment> = {
      build: <E>(E: Field<E>, main: readonly (readonly bigint[])[]) => [grandProductColumn(E, main[0]!, main[1]!, E.fromBigint(gammaStar))],
      evaluateTransition<E>(E: Field<E>, main: EvaluationFrame<E>, aux: EvaluationFrame<E>, _random: readonly E[], periodic: readonly E[], out: E[]): void {
        air.aux!.evaluateTransition(E, main, aux, [E.fromBigint(gammaStar)], periodic, out);
      },
    };
    const cheat = withAux(air, fixed);
    const { bytes } = prove(cheat, bad, opts(ext), { validate: false });
    expect(verify(cheat, bytes, loose)).toMatchObject({ ok: true });
    expect(verify(air, bytes, loose)).toMatchObject({ ok: false, check: "ood-consistency" });
  });

  it("rejects a tampered aux commitment, aux opening or aux out-of-domain value", () => {
    const ext = 2;
    const E = challengeField(F, ext).E;
    const { proof, bytes } = prove(air, trace, opts(ext));
    const root = Uint8Array.from(proof.auxRoot!);
    root[0] = root[0]! ^ 1;
    expect(verify(air, { ...proof, auxRoot: root }, loose).ok).toBe(false);
    const rows = proof.queries.auxRows.map((r, i) => (i === 0 ? [E.add(r[0]!, E.ONE)] : r));
    expect(verify(air, { ...proof, queries: { ...proof.queries, auxRows: rows } }, loose)).toMatchObject({ ok: false, check: "trace-opening" });
    const current = proof.ood.current.map((v, i) => (i === 3 ? E.add(v, E.ONE) : v));
    expect(verify(air, { ...proof, ood: { ...proof.ood, current } }, loose)).toMatchObject({ ok: false, check: "ood-consistency" });
    const next = proof.ood.next.map((v, i) => (i === 3 ? E.add(v, E.ONE) : v));
    expect(verify(air, { ...proof, ood: { ...proof.ood, next } }, loose)).toMatchObject({ ok: false, check: "ood-consistency" });
    // every bit of the serialised aux root matters
    const at = bytes.findIndex((_, i) => proof.auxRoot!.every((x, j) => bytes[i + j] === x));
    expect(at).toBeGreaterThan(0);
    for (let p = at; p < at + 32; p++) {
      const t = Uint8Array.from(bytes);
      t[p] = t[p]! ^ (1 << (p % 8));
      expect(verify(air, t, loose).ok).toBe(false);
    }
  });

  it("validateTrace draws its default aux randomness from the public inputs", () => {
    expect(defaultAuxRandom(air)).toEqual(defaultAuxRandom(permutationAir(F, n, { padding: 0n })));
    expect(defaultAuxRandom(air)).not.toEqual(defaultAuxRandom(permutationAir(F, n, { padding: 1n })));
  });
});
