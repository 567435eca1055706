// Rescue hash-chain AIR (Winterfell examples/src/rescue): parameters, plain permutation vs trace, vectors from
// Winterfell's rescue.rs compiled and run, wrong public input, tampered trace, the free-capacity gap.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { F128_FIELD } from "../../math/prime-fields.js";
import { TraceValidationError } from "../errors.js";
import { buildTrace, cloneTrace } from "../trace.js";
import { checkAir, measureTransitionDegrees, validateTrace } from "../validate.js";
import { RESCUE_CONSTRAINTS, RESCUE_PERIODIC_COLUMNS, rescueChainAir, rescueChainTrace, rescuePeriodicColumns } from "./rescue.js";
import { RESCUE_PARAMS, rescueHash, rescueHashChain, rescuePermutation } from "./rescue-hash.js";

const F = F128_FIELD;
const p = F.modulus;
const SEED: [bigint, bigint] = [42n, 43n]; // Winterfell RescueExample::new

function catchError(f: () => void): TraceValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceValidationError);
    return e as TraceValidationError;
  }
  throw new Error("expected a TraceValidationError");
}

const element = fc.bigInt({ min: 0n, max: p - 1n });

describe("Rescue parameters (Winterfell examples/src/rescue/rescue.rs)", () => {
  it("α⁻¹ inverts α = 3 mod p − 1, and 3 ∤ p − 1 so x³ is a permutation of f128", () => {
    expect((3n * RESCUE_PARAMS.invAlpha) % (p - 1n)).toBe(1n);
    expect((p - 1n) % 3n).not.toBe(0n);
    fc.assert(fc.property(element, (x) => F.pow(F.pow(x, RESCUE_PARAMS.invAlpha), 3n) === x), { numRuns: 20 });
  });
  it("INV_MDS is the inverse of MDS", () => {
    const { mds, invMds } = RESCUE_PARAMS;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let acc = 0n;
        for (let k = 0; k < 4; k++) acc += mds[4 * i + k]! * invMds[4 * k + j]!;
        expect(acc % p).toBe(i === j ? 1n : 0n);
      }
    }
  });
  it("16 ARK rows of 8 canonical constants; rows 14 and 15 (the copy steps) are zero", () => {
    expect(RESCUE_PARAMS.ark).toHaveLength(16);
    expect(RESCUE_PARAMS.ark.every((r) => r.length === 8 && r.every((v) => F.isValid(v)))).toBe(true);
    expect(RESCUE_PARAMS.ark[14]).toEqual(new Array(8).fill(0n));
    expect(RESCUE_PARAMS.ark[15]).toEqual(new Array(8).fill(0n));
    expect(RESCUE_PARAMS.ark[0]![0]).toBe(252629594110556276281235816992330349983n);
    expect(RESCUE_PARAMS.ark[13]![7]).toBe(70998387591825316724846035292940615733n);
    const periodic = rescuePeriodicColumns();
    expect(periodic).toHaveLength(RESCUE_PERIODIC_COLUMNS.length);
    expect(periodic[0]).toEqual([...new Array(14).fill(1n), 0n, 0n]);
    expect(periodic[8]![13]).toBe(RESCUE_PARAMS.ark[13]![7]);
  });
});

describe("plain Rescue permutation vs the AIR's trace generator", () => {
  it("each hash of the chain appears every 16 rows, capacity zeroed; the last row is the chain result", () => {
    const chain = 8;
    const trace = rescueChainTrace(SEED, chain);
    expect(trace[0]).toHaveLength(16 * chain);
    for (let j = 0; j <= chain; j++) {
      const row = Math.min(16 * j, 16 * chain - 1);
      const expected = rescueHashChain(SEED, j);
      expect([trace[0]![row], trace[1]![row], trace[2]![row], trace[3]![row]]).toEqual([...expected, 0n, 0n]);
    }
  });
  it("row 14 of a cycle is the full permutation of the cycle's first row (random inputs)", () => {
    fc.assert(
      fc.property(element, element, (a, b) => {
        const t = rescueChainTrace([a, b], 1);
        expect([t[0]![14], t[1]![14], t[2]![14], t[3]![14]]).toEqual(rescuePermutation([a, b, 0n, 0n]));
      }),
      { numRuns: 10 },
    );
  });
  it("matches Winterfell's rescue.rs compiled and run (no vector ships with Winterfell; see the harness note below)", () => {
    expect(rescueHash(SEED)).toEqual(WF_HASH_42_43);
    expect(rescueHashChain(SEED, 8)).toEqual(WF_CHAIN_8);
    expect(rescuePermutation([1n, 2n, 3n, 4n])).toEqual(WF_PERM_1234);
    const t = rescueChainTrace(SEED, 8);
    expect([t[0]![127], t[1]![127]]).toEqual(WF_CHAIN_8);
  });
  it("rejects non-canonical states", () => {
    expect(() => rescuePermutation([p, 0n, 0n, 0n])).toThrow(/4 canonical f128 elements/);
    expect(() => rescuePermutation([0n, 0n, 0n])).toThrow(RangeError);
  });
});

describe("Rescue hash-chain AIR", () => {
  const chain = 8;
  const result = rescueHashChain(SEED, chain);
  const air = rescueChainAir(chain, { seed: SEED, result });

  it("declarations check out; every constraint has total degree 4 (hash_flag × cube)", () => {
    expect(() => checkAir(air)).not.toThrow();
    expect(measureTransitionDegrees(air).main).toEqual([4, 4, 4, 4]);
    expect(air.traceLength).toBe(128);
    expect(air.assertions).toHaveLength(4);
  });

  it("a valid trace passes", () => {
    expect(() => validateTrace(air, rescueChainTrace(SEED, chain))).not.toThrow();
  });

  it("a wrong public result fails an end assertion, named in the error", () => {
    const bad = rescueChainAir(chain, { seed: SEED, result: [result[0], F.add(result[1], 1n)] });
    const err = catchError(() => validateTrace(bad, rescueChainTrace(SEED, chain)));
    expect(err.kind).toBe("assertion");
    expect(err.index).toBe(3);
    expect(err.columnName).toBe("s1");
    expect(err.step).toBe(127);
    expect(err.message).toMatch(/assertion 3: column s1 \(main\) at step 127 = \d+ fails: the trace has \d+/);
  });

  it("a tampered cell inside a round fails a round constraint at the step before it", () => {
    const t = cloneTrace(rescueChainTrace(SEED, chain));
    t[2]![37] = F.add(t[2]![37]!, 1n); // row 37 = cycle step 5 of hash 2
    const err = catchError(() => validateTrace(air, t));
    expect(err.kind).toBe("transition");
    expect(err.step).toBe(36);
    expect(err.constraint).toBe(RESCUE_CONSTRAINTS[err.index!]);
    expect(err.message).toMatch(/transition constraint \d "hash_flag·\(S\(M⁻¹·\(s' − k₂\)\)/);
  });

  it("a tampered cell after the rounds fails the copy constraint", () => {
    const t = cloneTrace(rescueChainTrace(SEED, chain));
    t[0]![31] = F.add(t[0]![31]!, 1n); // row 31 = cycle step 15: s0 must be copied from row 30
    const err = catchError(() => validateTrace(air, t));
    expect(err.step).toBe(30);
    expect(err.index).toBe(0);
    expect(err.constraint).toBe(RESCUE_CONSTRAINTS[0]);
  });

  it("Winterfell's assertions leave the first capacity free; constrainCapacity closes that gap", () => {
    // a trace starting from (seed, 7, 9): every transition holds, s0, s1 start at the seed
    const start = [SEED[0], SEED[1], 7n, 9n];
    const periodic = rescuePeriodicColumns();
    const forged = buildTrace(
      F,
      4,
      16 * chain,
      (first) => start.forEach((v, i) => (first[i] = v)),
      (step, cur, next) => {
        if (step % 16 < 14) {
          // one round from `cur`, built from the plain permutation's pieces: permute a one-round state
          const k = periodic.slice(1).map((c) => c[step % 16]!);
          const mds = RESCUE_PARAMS.mds;
          const mul = (s: bigint[]) => [0, 1, 2, 3].map((i) => [0, 1, 2, 3].reduce((a, j) => F.add(a, F.mul(mds[4 * i + j]!, s[j]!)), 0n));
          let s = mul(cur.map((x) => F.pow(x, 3n))).map((v, i) => F.add(v, k[i]!));
          s = mul(s.map((x) => F.pow(x, RESCUE_PARAMS.invAlpha))).map((v, i) => F.add(v, k[4 + i]!));
          s.forEach((v, i) => (next[i] = v));
        } else {
          next[2] = 0n;
          next[3] = 0n;
        }
      },
    );
    const forgedResult: [bigint, bigint] = [forged[0]![16 * chain - 1]!, forged[1]![16 * chain - 1]!];
    expect(forgedResult).not.toEqual(result);
    const faithful = rescueChainAir(chain, { seed: SEED, result: forgedResult });
    expect(() => validateTrace(faithful, forged)).not.toThrow(); // accepted: not the hash chain of SEED
    const strict = rescueChainAir(chain, { seed: SEED, result: forgedResult }, { constrainCapacity: true });
    const err = catchError(() => validateTrace(strict, forged));
    expect(err.kind).toBe("assertion");
    expect(err.index).toBe(4);
    expect(err.message).toContain("column s2 (main) at step 0 = 0 fails: the trace has 7");
    // and the honest trace satisfies the strict AIR
    expect(() => validateTrace(rescueChainAir(chain, { seed: SEED, result }, { constrainCapacity: true }), rescueChainTrace(SEED, chain))).not.toThrow();
  });

  it("rejects chain lengths that are not powers of two and non-canonical inputs", () => {
    expect(() => rescueChainTrace(SEED, 3)).toThrow(/power of two/);
    expect(() => rescueChainAir(4, { seed: [p, 0n], result })).toThrow(/seed\[0\]: \d+ is not a canonical element of f128/);
  });
});

/*
 * Vectors printed by Winterfell's examples/src/rescue/rescue.rs itself — the file compiled verbatim (minus its `use`
 * lines and constraint section) with a stand-in f128 `BaseElement` (schoolbook mod-p u128 arithmetic): `hash`,
 * `compute_hash_chain` (examples/src/rescue/mod.rs) for 8 links from Winterfell's seed (42, 43), and 14
 * `apply_round` steps on the state (1, 2, 3, 4).
 */
const WF_HASH_42_43: [bigint, bigint] = [265344384440269239964845895662959503793n, 291985316505149987668547851518987335627n];
const WF_CHAIN_8: [bigint, bigint] = [247783247187192092656660251373627286948n, 289807268424788020870777602896750204482n];
const WF_PERM_1234 = [
  182435173436208573427232239973900425362n,
  265846777462145019138443704044407051697n,
  266759866454917512309926017515970702468n,
  233616509417968032828356996843597675398n,
];
