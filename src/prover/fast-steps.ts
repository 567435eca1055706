/**
 * The prover's whole-domain steps for Goldilocks, on typed-array vectors (ext-vec.ts) instead of one bigint
 * element at a time: the composition combination (step 3), the DEEP composition (step 5) and FRI folding
 * (step 6). Each computes exactly the same field values as the generic code in prover.ts / fri.ts — the tests
 * require byte-identical proofs — only faster. Per-row AIR evaluation stays generic (the AIR's own code).
 */
import type { Air } from "../air/air.js";
import { glAddVec, glAxpyVec, glNtt, glMulVec, glPowersFast, glScaleVec, glSubVec } from "../math/goldilocks-fast.js";
import { type GlVec, glConstant, glGet } from "../math/goldilocks.js";
import { GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { ProverError } from "./errors.js";
import { challengeField } from "./fields.js";
import { type Column, columnToVector, goldilocksColumns } from "../math/goldilocks-columns.js";
import { glCosetLdeMany, glInterpolateMany } from "../math/goldilocks-parallel.js";
import type { LayerValues } from "./fri.js";
import type { Field } from "../math/field.js";
import { ExtVecOps, type ExtVec } from "./ext-vec.js";
import type { Challenge } from "./fields.js";
import type { CompositionLayout } from "./layout.js";

export interface CompositionInputs {
  readonly air: Air;
  readonly traceLdeVec: readonly GlVec[];
  /** The trace columns' values on the trace domain (the assertions are checked against them). */
  readonly traceValues: readonly GlVec[];
  /** The trace columns' coefficients, whose LDEs (traceLdeVec) are on offset·⟨ω_N⟩. */
  readonly traceCoeffsVec: readonly GlVec[];
  readonly offset: bigint;
  readonly xs: GlVec;
  readonly zInv: GlVec;
  /** Each periodic column over the whole LDE domain. */
  readonly periodicLdeVec: readonly GlVec[];
  readonly assertionPoints: readonly bigint[];
  readonly coefficients: readonly Challenge[];
  readonly lastStep: bigint;
  readonly blowup: number;
}

/** Points per block of column-wise constraint evaluation: a block's temporaries stay in cache. */
const BLOCK_POINTS = 4096;

/** The `count` values of v (a vector of N points) from position `start` on, wrapping around the end. */
function window(v: GlVec, start: number, count: number): GlVec {
  const N = v.length >>> 1;
  const s = start % N;
  if (s + count <= N) return v.subarray(2 * s, 2 * (s + count));
  const out = new Uint32Array(2 * count);
  out.set(v.subarray(2 * s));
  out.set(v.subarray(0, 2 * (s + count - N)), 2 * (N - s));
  return out;
}

/**
 * Σ α_i·C_i(x) over the LDE domain: the AIR's own `evaluateTransition` run on Goldilocks columns
 * (goldilocks-columns.ts), a block of points at a time, each block's constraint values combined at once.
 */
function transitionCombination(ops: ExtVecOps, p: CompositionInputs): ExtVec {
  const { air } = p;
  const N = p.xs.length >>> 1;
  const alphas = p.coefficients.slice(0, air.transitionDegrees.length);
  if (air.evaluateTransitionGoldilocks) {
    // a hand-vectorised evaluator over whole columns: the next row of x is `blowup` positions further on
    const next = p.traceLdeVec.map((v) => window(v, p.blowup, N).slice());
    const vals = air.evaluateTransitionGoldilocks({ current: p.traceLdeVec, next }, p.periodicLdeVec);
    return ops.combineBase(vals, [alphas])[0]!;
  }
  const block = Math.min(N, BLOCK_POINTS);
  const E = goldilocksColumns(block);
  const acc = ops.zeros(N);
  const out = new Array<Column>(alphas.length);
  for (let s = 0; s < N; s += block) {
    const current = p.traceLdeVec.map((v) => v.subarray(2 * s, 2 * (s + block)));
    const next = p.traceLdeVec.map((v) => window(v, s + p.blowup, block));
    const periodic = p.periodicLdeVec.map((v) => v.subarray(2 * s, 2 * (s + block)));
    out.fill(0n);
    air.evaluateTransition(E, { current, next }, periodic, out);
    const [combined] = ops.combineBase(
      out.map((c) => columnToVector(c, block)),
      [alphas],
    ) as [ExtVec];
    for (let i = 0; i < ops.k; i++) acc[i]!.set(combined[i]!, 2 * s);
  }
  return acc;
}

/** Base-field vector operations (synthetic division by x − ω^step). */
const BASE_OPS = new ExtVecOps(challengeField(GOLDILOCKS_FIELD, 1));
/** Quotients combined per batch, so memory stays bounded for thousands of assertions. */
const QUOTIENT_BATCH = 64;
/** From this many assertions on one column, their sum is computed through one NTT (see assertionQuotients). */
let columnSumThreshold = 64;

/** Sets the per-column assertion count from which the NTT method is used (tests: 1 forces it); returns the old one. */
export function setAssertionSumThreshold(count: number): number {
  const before = columnSumThreshold;
  columnSumThreshold = count;
  return before;
}

/**
 * Σ_q β_q·(T_{c_q}(x) − v_q)/(x − ω^{s_q}) over the LDE domain, by one of two exact identities per column:
 *
 * - few assertions on a column: when the trace meets an assertion (T_c(ω^s) = v) its quotient is a polynomial,
 *   (T_c(X) − T_c(ω^s))/(X − ω^s) — synthetic division of T_c's coefficients; the quotients are combined with their
 *   β on the coefficients and extended once. O(n) per assertion.
 * - many (a program's reads all land on the stack's first cells): with a_k = Σ β over the column's assertions at
 *   step k and b_k = Σ β·v, the column contributes T_c(x)·A(x) − B(x), where A(x) = Σ_k a_k/(x − ω^k). Since
 *   (x^n − 1)/(x − ω^k) = Σ_j x^(n−1−j)·ω^(kj), A(x)·(x^n − 1) is the polynomial whose coefficient n − 1 − j is
 *   â_j = NTT(a)_j: one NTT and one extension per column (B summed over columns first), and one multiplication by
 *   1/(x^n − 1) at the end. O(n log n) per column however many assertions — without it a program's thousands of
 *   reads cost O(reads·n), quadratic in the program.
 *
 * Both give the same field values as dividing point by point; an assertion the trace breaks is named here.
 */
function assertionQuotients(ops: ExtVecOps, p: CompositionInputs): ExtVec {
  const { air } = p;
  const N = p.xs.length >>> 1;
  const L = p.traceCoeffsVec[0]!.length >>> 1;
  const n = air.traceLength;
  const mainCount = air.transitionDegrees.length;
  const byColumn = new Map<number, number[]>();
  air.assertions.forEach((a, q) => {
    const value = glGet(p.traceValues[a.column]!, a.step);
    if (value !== a.value)
      throw new ProverError(
        `assertion ${q} of ${air.name} fails: column ${air.columnNames[a.column] ?? a.column} at step ${a.step} is ${value}, the AIR asserts ${a.value} (the composition polynomial would not be a polynomial)`,
      );
    byColumn.set(a.column, [...(byColumn.get(a.column) ?? []), q]);
  });
  const beta = (q: number) => p.coefficients[mainCount + q]!;
  const E = ops.C.E;
  // few per column: quotients on the coefficients
  const direct = [...byColumn.values()].filter((qs) => qs.length < columnSumThreshold).flat();
  let acc = ops.zeros(L);
  for (let q0 = 0; q0 < direct.length; q0 += QUOTIENT_BATCH) {
    const batch = direct.slice(q0, q0 + QUOTIENT_BATCH);
    const quotients = batch.map((q) => BASE_OPS.divByLinear([p.traceCoeffsVec[air.assertions[q]!.column]!], p.assertionPoints[q]!)[0]!);
    acc = ops.add(acc, ops.combineBase(quotients, [batch.map(beta)])[0]!);
  }
  let result = ldeCoordinates(acc, N / L, p.offset);
  // many per column: T_c·A_c − B through NTTs
  const many = [...byColumn.entries()].filter(([, qs]) => qs.length >= columnSumThreshold);
  if (many.length > 0) {
    /** The LDE of Σ_k w_k·(x^n − 1)/(x − ω^k) for step weights w (n challenge elements). */
    const sumLde = (w: Challenge[]): ExtVec =>
      ldeCoordinates(
        ops.fromChallenges(w).map((coord) => {
          const hat = glNtt(coord.slice());
          const reversed = new Uint32Array(hat.length);
          for (let j = 0; j < n; j++) reversed.set(hat.subarray(2 * j, 2 * j + 2), 2 * (n - 1 - j));
          return reversed;
        }),
        N / n,
        p.offset,
      );
    const bSum = new Array<Challenge>(n).fill(E.ZERO);
    let sum = ops.zeros(N);
    for (const [column, qs] of many) {
      const aSum = new Array<Challenge>(n).fill(E.ZERO);
      for (const q of qs) {
        const { step, value } = air.assertions[q]!;
        aSum[step] = E.add(aSum[step]!, beta(q));
        bSum[step] = E.add(bSum[step]!, ops.C.mulBase(beta(q), value));
      }
      sum = ops.add(sum, ops.mulBase(sumLde(aSum), p.traceLdeVec[column]!));
    }
    sum = ops.mulBase(ops.sub(sum, sumLde(bSum)), p.zInv);
    result = ops.add(result, sum);
  }
  return result;
}

/** H(x) on the LDE domain for an AIR without an auxiliary segment, as coordinate vectors. */
export function compositionFast(ops: ExtVecOps, p: CompositionInputs): ExtVec {
  const { xs } = p;
  const N = xs.length >>> 1;
  const acc = transitionCombination(ops, p);
  const X = xs;
  const factor = glMulVec(glSubVec(X, glConstant(p.lastStep, N)), p.zInv);
  const combined = ops.mulBase(acc, factor);
  const assertions = assertionQuotients(ops, p);
  for (let i = 0; i < ops.k; i++) glAddVec(combined[i]!, assertions[i]!, combined[i]);
  return combined;
}

export interface DeepInputs {
  /** The trace columns' coefficients (L each: n, or 2n with zero knowledge). */
  readonly traceCoeffsVec: readonly GlVec[];
  /** Points of the LDE domain offset·⟨ω_size⟩. */
  readonly size: number;
  readonly offset: bigint;
  /** The composition columns' coefficients (L each, coordinate vectors). */
  readonly hCoeffsVec: readonly ExtVec[];
  /** Zero knowledge: the random mask column's coefficients (L), added undivided with the last γ. */
  readonly maskCoeffsVec?: ExtVec;
  readonly gamma: readonly Challenge[];
  readonly z: Challenge;
  readonly zw: Challenge;
}

/**
 * DEEP(x) on the LDE domain (main trace only), as coordinate vectors. The DEEP polynomial is
 *   Σ γ_c·(T_c − T_c(z))/(X − z) + Σ δ_j·(H_j − H_j(z))/(X − z) + Σ γ'_c·(T_c − T_c(zω))/(X − zω),
 * and dividing by (X − z) is linear and drops only the constant term's contribution to the remainder, so it is
 * computed on the n coefficients: combine the columns, divide each of the two sums by its linear factor
 * (synthetic division), add, extend once. The same values as dividing the LDEs pointwise, without the N-point
 * inversions.
 */
export function deepFast(ops: ExtVecOps, p: DeepInputs): ExtVec {
  const w = p.traceCoeffsVec.length;
  const evens = Array.from({ length: w }, (_, c) => p.gamma[2 * c]!);
  const odds = Array.from({ length: w }, (_, c) => p.gamma[2 * c + 1]!);
  const [aCoeffs, bCoeffs] = ops.combineBase(p.traceCoeffsVec, [evens, odds]) as [ExtVec, ExtVec];
  let a: ExtVec = aCoeffs;
  p.hCoeffsVec.forEach((h, j) => (a = ops.add(a, ops.mulConst(h, p.gamma[2 * w + j]!))));
  let deep = ops.add(ops.divByLinear(a, p.z), ops.divByLinear(bCoeffs, p.zw));
  if (p.maskCoeffsVec) deep = ops.add(deep, ops.mulConst(p.maskCoeffsVec, p.gamma[2 * w + p.hCoeffsVec.length]!));
  return ldeCoordinates(deep, p.size / (deep[0]!.length >>> 1), p.offset);
}

/** randomizeCoefficients (zk.ts) on vectors: T + (X^n − 1)·R has coefficients (T − R ‖ R). */
export function randomizeVec(coeffs: GlVec, r: GlVec): GlVec {
  const out = new Uint32Array(2 * coeffs.length);
  out.set(glSubVec(coeffs, r));
  out.set(r, coeffs.length);
  return out;
}

/**
 * maskChunks (zk.ts) on coordinate vectors: chunk j (stride coefficients) padded to the degree bound, plus mask j
 * at coefficient `stride`, minus mask j − 1 at coefficient 0 — the chunks still sum to H(X) at X^stride steps.
 */
export function maskChunksVec(chunks: readonly ExtVec[], masks: readonly ExtVec[], layout: CompositionLayout): ExtVec[] {
  const s = layout.maskCoefficients;
  return chunks.map((h, j) =>
    h.map((v, i) => {
      const out = new Uint32Array(2 * layout.degreeBound);
      out.set(v);
      if (j < chunks.length - 1) {
        const at = out.subarray(2 * layout.stride, 2 * (layout.stride + s));
        at.set(glAddVec(at, masks[j]![i]!));
      }
      if (j > 0) {
        const at = out.subarray(0, 2 * s);
        at.set(glSubVec(at, masks[j - 1]![i]!));
      }
      return out;
    }),
  );
}

/** Coordinate vectors of the LDE of a challenge-field polynomial (n coefficients, as coordinate vectors) on offset·⟨ω_{b·n}⟩. */
export function ldeCoordinates(coeffs: ExtVec, blowup: number, offset: bigint): ExtVec {
  return glCosetLdeMany(coeffs, blowup, offset);
}

/** ldeCoordinates of several extension vectors, all coordinates in one many-column call (two threads). */
export function ldeCoordinatesMany(vecs: readonly ExtVec[], blowup: number, offset: bigint): ExtVec[] {
  const flat = glCosetLdeMany(vecs.flat(), blowup, offset);
  let at = 0;
  return vecs.map((v) => {
    const out = flat.slice(at, at + v.length);
    at += v.length;
    return out;
  });
}

/** Coefficients (coordinate vectors) of the polynomial with the given values on offset·⟨ω_N⟩. */
export function interpolateCosetCoordinates(F: Field<bigint>, values: ExtVec, offset: bigint): ExtVec {
  const n = values[0]!.length >>> 1;
  const scale = glPowersFast(F.inv(offset), n);
  return glInterpolateMany(values).map((c) => glMulVec(c, scale));
}

/**
 * Row-major bytes of columns given as Goldilocks coordinate vectors (an extension column contributes its
 * coordinates in order): element bytes are the two little-endian 32-bit words, i.e. exactly F.toBytes.
 */
export function packRows(coords: readonly GlVec[]): Uint8Array {
  const n = coords[0]!.length >>> 1;
  const m = coords.length;
  const words = new Uint32Array(n * m * 2);
  // blocks of rows: the block's output (BLOCK·m elements) stays in cache while every column writes into it
  // (twice as fast as whole columns at a time for 32 columns of 2^19 rows)
  const BLOCK = 512;
  const stride = 2 * m;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let c = 0; c < m; c++) {
      const v = coords[c]!;
      for (let i = i0, o = (i0 * m + c) * 2; i < i1; i++, o += stride) {
        words[o] = v[2 * i]!;
        words[o + 1] = v[2 * i + 1]!;
      }
    }
  }
  return new Uint8Array(words.buffer);
}

/** A FRI layer kept as coordinate vectors: leaves packed from the words, folds in vector form. */
export class VectorLayer implements LayerValues {
  constructor(
    private readonly F: Field<bigint>,
    private readonly ops: ExtVecOps,
    private readonly vec: ExtVec,
  ) {}
  get length(): number {
    return this.vec[0]!.length >>> 1;
  }
  get(i: number): Challenge {
    return this.ops.get(this.vec, i);
  }
  all(): Challenge[] {
    return this.ops.toChallenges(this.vec);
  }
  packLeaves(f: number): Uint8Array {
    // leaf j = (values at j + k·next for k < f), each value its coordinates in order
    const next = this.length / f;
    const kk = this.ops.k;
    const words = new Uint32Array(this.length * kk * 2);
    for (let j = 0; j < next; j++)
      for (let k = 0; k < f; k++)
        for (let c = 0; c < kk; c++) {
          const src = 2 * (j + k * next);
          const o = ((j * f + k) * kk + c) * 2;
          words[o] = this.vec[c]![src]!;
          words[o + 1] = this.vec[c]![src + 1]!;
        }
    return new Uint8Array(words.buffer);
  }
  fold(g: bigint, alpha: Challenge, f: number): LayerValues {
    return new VectorLayer(this.F, this.ops, friFoldFast(this.F, this.ops, this.vec, g, alpha, f));
  }
}

/**
 * One FRI fold of a layer on g·⟨ω_n⟩ by factor f: next[j] = (1/f)·Σ_m (α/x_j)^m·Σ_k ζ^(−k·m)·y_{j + k·n/f},
 * evaluated by Horner in (α/x_j) over whole vectors.
 */
export function friFoldFast(F: Field<bigint>, ops: ExtVecOps, cur: ExtVec, g: bigint, alpha: Challenge, f: number): ExtVec {
  const n = cur[0]!.length >>> 1;
  const next = n / f;
  const part = (k: number): ExtVec => cur.map((v) => v.subarray(2 * k * next, 2 * (k + 1) * next));
  const zetaInv = F.inv(F.rootOfUnity(Math.log2(f)));
  const s: ExtVec[] = [];
  for (let m = 0; m < f; m++) {
    const acc = ops.zeros(next);
    for (let k = 0; k < f; k++) {
      const zk = F.pow(zetaInv, BigInt((k * m) % f));
      const y = part(k);
      for (let i = 0; i < ops.k; i++) acc[i] = addScaled(acc[i]!, y[i]!, zk);
    }
    s.push(acc);
  }
  const xInv = glPowersFast(F.inv(F.rootOfUnity(Math.log2(n))), next, F.inv(g)); // 1/x_j = g^-1·ω^-j
  const ratio = ops.mulBase(ops.constant(alpha, next), xInv);
  let acc = s[f - 1]!;
  for (let m = f - 2; m >= 0; m--) acc = ops.add(s[m]!, ops.mul(ratio, acc));
  const fInv = F.inv(F.fromBigint(BigInt(f)));
  return acc.map((v) => glScaleVec(v, fInv));
}

function addScaled(acc: GlVec, y: GlVec, c: bigint): GlVec {
  return c === 1n ? glAddVec(acc, y) : glAxpyVec(acc, y, c);
}
