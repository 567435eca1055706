// Compression: linear (so the VM's operations commute with it), the body direction is r^n, and the
// challenges change with every bound input.
import { describe, expect, it } from "vitest";
import { F128_FIELD as F, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { glFromBigints } from "../math/goldilocks.js";
import { f128FromBigints } from "../math/f128-vec.js";
import { type CompressionBinding, challengePowers, compressCiphertext, compressCiphertexts, compressedBody, compressionChallenges } from "./compress.js";

const n = 64;
const ct = (seed: number) => Array.from({ length: n + 1 }, (_, j) => F.fromBigint(BigInt(seed * 1000003 + j * 7919) ** 3n));
const binding: CompressionBinding = { paramsId: "test", n, delta: 16n, opcodes: [18, 0], programHash: [1n, 2n], publicValues: [3n], rows: 1, inputs: [ct(1)], outputs: [ct(2)], scalarOutputs: [] };

describe("ciphertext compression", () => {
  const rs = compressionChallenges(F, 2, binding);
  const pw = challengePowers(F, rs, n);
  const rho = (c: readonly bigint[]) => compressCiphertext(F, pw, c);
  it("is linear: ρ(a + b) = ρ(a) + ρ(b), ρ(k·a) = k·ρ(a), ρ(e_body) = r^n", () => {
    const a = ct(3);
    const b = ct(4);
    expect(rho(a.map((x, j) => F.add(x, b[j]!)))).toEqual(rho(a).map((x, l) => F.add(x, rho(b)[l]!)));
    expect(rho(a.map((x) => F.mul(x, 12345n)))).toEqual(rho(a).map((x) => F.mul(x, 12345n)));
    expect(rho(Array.from({ length: n + 1 }, (_, j) => (j === n ? 1n : 0n)))).toEqual(compressedBody(F, rs, n));
  });
  it("over Goldilocks, the batched inner products (WebAssembly) equal the bigint sums; a non-canonical cell is refused", () => {
    const G = GOLDILOCKS_FIELD;
    const cts = [1, 2, 3].map((seed) => Array.from({ length: 2097 }, (_, j) => (j === 5 ? G.modulus - 1n : G.fromBigint(BigInt(seed * 1000003 + j * 7919) ** 3n))));
    const pwG = challengePowers(G, [12345n, G.modulus - 2n, 7n], 2096);
    expect(compressCiphertexts(G, pwG, cts)).toEqual(cts.map((c) => compressCiphertext(G, pwG, c)));
    expect(compressCiphertexts(F, pw, [ct(1), ct(2)])).toEqual([rho(ct(1)), rho(ct(2))]);
    expect(() => compressCiphertexts(G, pwG, [cts[0]!.map((x, j) => (j === 0 ? G.modulus : x))])).toThrow(/not a canonical element of Goldilocks/i);
  });
  it("over f128, limb vectors (the ciphertexts' own 4-word layout) give the same challenges and lanes as bigint cells, on the 128-bit kernels", () => {
    const P = F;
    const cells = [1, 2].map((seed) => Array.from({ length: 65 }, (_, j) => (j === 3 ? P.modulus - 1n : P.fromBigint(BigInt(seed * 1000003 + j * 7919) ** 5n))));
    const limbs = cells.map((c) => f128FromBigints(P, c));
    const bind = (cts: readonly (readonly bigint[] | Uint32Array)[]) => ({ ...binding, n: 64, inputs: cts.slice(1), outputs: [cts[0]!] });
    const rsP = compressionChallenges(P, 2, bind(cells));
    expect(compressionChallenges(P, 2, bind(limbs))).toEqual(rsP);
    const pwP = challengePowers(P, rsP, 64);
    expect(compressCiphertexts(P, pwP, limbs)).toEqual(cells.map((c) => compressCiphertext(P, pwP, c)));
    const bad = limbs[0]!.slice();
    bad.fill(0xffffffff, 0, 4); // 2^128 − 1 ≥ p
    expect(() => compressCiphertexts(P, pwP, [bad])).toThrow(/not a canonical element of f128/i);
  });
  it("agrees with Horner evaluation", () => {
    const a = ct(5);
    let acc = 0n;
    for (let j = n; j >= 0; j--) acc = F.add(F.mul(acc, rs[0]!), a[j]!);
    expect(rho(a)[0]).toBe(acc);
  });
  it("draws other challenges when any bound input changes", () => {
    expect(compressionChallenges(F, 2, binding)).toEqual(rs);
    expect(compressionChallenges(F, 2, { ...binding, outputs: [ct(9)] })).not.toEqual(rs);
    expect(compressionChallenges(F, 2, { ...binding, publicValues: [4n] })).not.toEqual(rs);
    expect(compressionChallenges(F, 2, { ...binding, programHash: [1n, 3n] })).not.toEqual(rs);
    expect(() => compressionChallenges(F, 9, binding)).toThrow(/lanes/);
    expect(() => compressionChallenges(F, 2, { ...binding, outputs: [ct(1).slice(1)] })).toThrow(/components/);
  });
});

describe("compression challenges: known answer", () => {
  it("are those of binding v2 (rows, scalar outputs, every output; limb-vector and bigint ciphertexts; recorded when v2 was specified)", () => {
    const m = 9;
    const c = (s: number) => Array.from({ length: m + 1 }, (_, j) => (BigInt(s * 1000 + j) * 0x9e3779b97f4a7c15n) % 0xffffffff00000001n);
    const b: CompressionBinding = { paramsId: "kat", n: m, delta: 12345n, opcodes: [1, 2, 3], programHash: [1n, 2n, 3n, 4n], publicValues: [7n], rows: 1, inputs: [glFromBigints(c(1)), c(2)], outputs: [glFromBigints(c(3))], scalarOutputs: [] };
    expect(compressionChallenges(GOLDILOCKS_FIELD, 3, b)).toEqual([18309506850806513727n, 12014278312300155412n, 16330012793729637933n]);
    // a batch's rows, a second output and a scalar output are all bound
    const batch = { ...b, rows: 2, outputs: [glFromBigints(c(3)), c(4)], scalarOutputs: [5n] };
    expect(compressionChallenges(GOLDILOCKS_FIELD, 3, batch)).toEqual([17344429052339422226n, 13024858223409473941n, 9881284772163566269n]);
    for (const changed of [{ ...batch, rows: 3 }, { ...batch, scalarOutputs: [6n] }, { ...batch, outputs: [c(4), glFromBigints(c(3))] }])
      expect(compressionChallenges(GOLDILOCKS_FIELD, 3, changed)).not.toEqual(compressionChallenges(GOLDILOCKS_FIELD, 3, batch));
  });
});
