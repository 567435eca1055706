// RPO-256's permutation: constants against the specification's SHAKE256 derivation, the S-box exponents, the
// circulant MDS, a round trip through an independent inverse, permutation vectors from the published hash tables,
// and refusal of non-canonical or mis-sized states.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOLDILOCKS_FIELD as F } from "../../math/prime-fields.js";
import { HashInputError } from "../errors.js";
import { RPO_ALPHA, RPO_ARK1, RPO_ARK2, RPO_INV_ALPHA, RPO_MDS_ROW, RPO_P } from "./constants.js";
import { deriveRoundConstants } from "./derive.js";
import { RPO_256_PERMUTATION, _mds, permute, rescueXlixPermute } from "./permutation.js";
import { rpoPermuteFast, rpoWasmEnabled } from "./permutation-fast.js";
import { setGoldilocksWasm } from "../../math/goldilocks-fast.js";
import { MIDEN_HEAD_VECTORS, SPEC_128_VECTORS } from "./vectors.testkit.js";

const p = RPO_P;
const element = fc.bigInt({ min: 0n, max: p - 1n });
const state12 = fc.array(element, { minLength: 12, maxLength: 12 });

/** M as an explicit 12×12 matrix, Sage's `matrix.circulant(row)`: each row the previous one rotated right. */
function circulant(row: readonly bigint[]): bigint[][] {
  return row.map((_, i) => row.map((__, j) => row[(((j - i) % 12) + 12) % 12]!));
}

/** Gauss–Jordan inverse over Goldilocks (test-only, for the inverse permutation). */
function invert(A: readonly (readonly bigint[])[]): bigint[][] {
  const n = A.length;
  const M = A.map((r, i) => [...r, ...r.map((_, j) => (i === j ? 1n : 0n))]);
  for (let c = 0; c < n; c++) {
    const piv = M.findIndex((r, i) => i >= c && r[c] !== 0n);
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    const inv = F.inv(M[c]![c]!);
    M[c] = M[c]!.map((x) => F.mul(x, inv));
    for (let i = 0; i < n; i++) if (i !== c && M[i]![c] !== 0n) M[i] = M[i]!.map((x, j) => F.sub(x, F.mul(M[i]![c]!, M[c]![j]!)));
  }
  return M.map((r) => r.slice(n));
}

const matVec = (A: readonly (readonly bigint[])[], s: readonly bigint[]) => A.map((r) => r.reduce((acc, a, j) => F.add(acc, F.mul(a, s[j]!)), 0n));

/** The inverse permutation, undoing each half-round: written from the specification, not from permute. */
function inversePermute(state: readonly bigint[]): bigint[] {
  const Minv = invert(circulant(RPO_MDS_ROW));
  let s = state.slice();
  for (let r = 6; r >= 0; r--) {
    s = matVec(
      Minv,
      s.map((x, j) => F.sub(F.pow(x, RPO_ALPHA), RPO_ARK2[r]![j]!)),
    );
    s = matVec(
      Minv,
      s.map((x, j) => F.sub(F.pow(x, RPO_INV_ALPHA), RPO_ARK1[r]![j]!)),
    );
  }
  return s;
}

describe("RPO-256 constants (eprint 2022/1577 §2)", () => {
  it('ARK1 and ARK2 are what the specification derives from SHAKE256("RPO(p,12,4,128)")', () => {
    const { ark1, ark2 } = deriveRoundConstants({ p, width: 12, capacity: 4, securityLevel: 128, rounds: 7 });
    expect(ark1).toEqual(RPO_ARK1);
    expect(ark2).toEqual(RPO_ARK2);
    expect(RPO_ARK1).toHaveLength(7);
    expect(RPO_ARK1.every((row) => row.length === 12 && row.every((x) => x < p))).toBe(true);
  });
  it("a different instance string gives different constants (the seed binds p, m, c and λ)", () => {
    const other = deriveRoundConstants({ p, width: 12, capacity: 4, securityLevel: 160, rounds: 7 });
    expect(other.ark1[0]).not.toEqual(RPO_ARK1[0]);
  });
  it("α = 7 is invertible mod p − 1 and α⁻¹ inverts the S-box", () => {
    expect((RPO_ALPHA * RPO_INV_ALPHA) % (p - 1n)).toBe(1n);
    fc.assert(
      fc.property(element, (x) => F.pow(F.pow(x, RPO_ALPHA), RPO_INV_ALPHA) === x),
      { numRuns: 20 },
    );
  });
  it("the MDS layer is the circulant matrix of the specification's first row", () => {
    const M = circulant(RPO_MDS_ROW);
    expect(M[1]!.slice(0, 3)).toEqual([8n, 7n, 23n]);
    fc.assert(
      fc.property(state12, (s) => {
        expect(_mds(RPO_256_PERMUTATION, s)).toEqual(matVec(M, s));
      }),
      { numRuns: 20 },
    );
  });
});

describe("RPO-256 permutation", () => {
  it("permutation vectors: one block of 8 elements is one permutation of a known full state", () => {
    // the specification hashes [0..7] (length a multiple of 8: capacity 0, no padding) as permute([0⁴, 0..7])[4..8]
    const specState = [0n, 0n, 0n, 0n, 0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n];
    expect(permute(specState).slice(4, 8)).toEqual(SPEC_128_VECTORS[7]);
    // miden-crypto ≥ v0.21 (rate first) hashes it as permute([0..7, 0⁴])[0..4]
    const midenState = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 0n, 0n, 0n, 0n];
    expect(permute(midenState).slice(0, 4)).toEqual(MIDEN_HEAD_VECTORS[7]);
  });
  it("round trip: the independently written inverse undoes it", () => {
    fc.assert(
      fc.property(state12, (s) => {
        expect(inversePermute(permute(s))).toEqual(s);
      }),
      { numRuns: 5 },
    );
    const s = Array.from({ length: 12 }, (_, i) => BigInt(i));
    expect(permute(inversePermute(s))).toEqual(s);
  });
  it("does not change its argument and is deterministic", () => {
    const s = Array.from({ length: 12 }, (_, i) => BigInt(i));
    const copy = s.slice();
    expect(permute(s)).toEqual(permute(copy));
    expect(s).toEqual(copy);
  });
  it("refuses a non-canonical element or a state of the wrong width, naming it", () => {
    const s = new Array<bigint>(12).fill(0n);
    s[3] = p;
    expect(() => permute(s)).toThrow(HashInputError);
    expect(() => permute(s)).toThrow(`RPO-256 permute: state: element 3 = ${p}: expected a canonical field element, an integer in [0, ${p})`);
    s[3] = -1n;
    expect(() => permute(s)).toThrow(/element 3 = -1/);
    expect(() => permute(new Array<bigint>(11).fill(0n))).toThrow("RPO-256 permute: state: length = 11: expected 12 elements");
    expect(() => permute([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as unknown as bigint[])).toThrow(/element 0 = 1: expected a canonical field element/);
  });
});

describe("rpoPermuteFast (WebAssembly kernels) against the reference permutation", () => {
  it("agrees on edge and random states, with and without WebAssembly", () => {
    const p = RPO_256_PERMUTATION.p;
    let x = 7n;
    const rnd = () => (x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 64n)) % p;
    const states = [new Array<bigint>(12).fill(0n), new Array<bigint>(12).fill(p - 1n), Array.from({ length: 12 }, (_, i) => BigInt(i)), ...Array.from({ length: 40 }, () => Array.from({ length: 12 }, rnd))];
    for (const st of states) expect(rpoPermuteFast(st)).toEqual(rescueXlixPermute(RPO_256_PERMUTATION, st));
    const before = setGoldilocksWasm(false);
    try {
      expect(rpoWasmEnabled()).toBe(false);
      expect(rpoPermuteFast(states[3]!)).toEqual(rescueXlixPermute(RPO_256_PERMUTATION, states[3]!));
    } finally {
      setGoldilocksWasm(before);
    }
  });
});
