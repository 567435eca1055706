/**
 * The prover's whole-domain steps for Goldilocks, on typed-array vectors (ext-vec.ts) instead of one bigint
 * element at a time: the composition combination (step 3), the DEEP composition (step 5) and FRI folding
 * (step 6). Each computes exactly the same field values as the generic code in prover.ts / fri.ts — the tests
 * require byte-identical proofs — only faster. Per-row AIR evaluation stays generic (the AIR's own code).
 */
import type { Air } from "../air/air.js";
import { glAddVec, glAxpyVec, glBatchInverse, glMulVec, glPowersFast, glScaleVec, glSubVec } from "../math/goldilocks-fast.js";
import { type GlVec, glConstant, glFromBigints } from "../math/goldilocks.js";
import { glCosetLdeMany, glInterpolateMany } from "../math/goldilocks-parallel.js";
import type { LayerValues } from "./fri.js";
import type { Field } from "../math/field.js";
import { ExtVecOps, type ExtVec } from "./ext-vec.js";
import type { Challenge } from "./fields.js";

export interface CompositionInputs {
  readonly air: Air;
  /** Row-by-row values, produced on demand (only AIRs without a vector evaluator need them). */
  readonly traceLde: () => readonly (readonly bigint[])[];
  readonly traceLdeVec: readonly GlVec[];
  /** The trace columns' coefficients (n each), whose LDEs (traceLdeVec) are on offset·⟨ω_{blowup·n}⟩. */
  readonly traceCoeffsVec: readonly GlVec[];
  readonly offset: bigint;
  readonly xs: GlVec;
  readonly zInv: GlVec;
  readonly periodicLde: readonly (readonly bigint[])[];
  readonly assertionPoints: readonly bigint[];
  readonly coefficients: readonly Challenge[];
  readonly lastStep: bigint;
  readonly blowup: number;
}

/** From this many columns on, a challenge-weighted sum of trace LDEs is built from the coefficients and extended. */
const LDE_COMBINE_THRESHOLD = 16;

/** H(x) on the LDE domain for an AIR without an auxiliary segment, as coordinate vectors. */
export function compositionFast(F: Field<bigint>, ops: ExtVecOps, p: CompositionInputs): ExtVec {
  const { air, xs } = p;
  const N = xs.length >>> 1;
  const mainCount = air.transitionDegrees.length;
  let vals: GlVec[];
  if (air.evaluateTransitionGoldilocks) {
    // whole columns at once: the next row of x is b positions further on the coset
    const shift = 2 * p.blowup;
    const next = p.traceLdeVec.map((v) => {
      const r = new Uint32Array(v.length);
      r.set(v.subarray(shift));
      r.set(v.subarray(0, shift), v.length - shift);
      return r;
    });
    vals = air.evaluateTransitionGoldilocks({ current: p.traceLdeVec, next }, p.periodicLde.map((c) => glFromBigints(c)));
  } else {
    // per-row transition values, column-wise
    const traceLde = p.traceLde();
    const rows = Array.from({ length: mainCount }, () => new Array<bigint>(N));
    const out = new Array<bigint>(mainCount);
    const current = new Array<bigint>(traceLde.length);
    const next = new Array<bigint>(traceLde.length);
    const periodic = new Array<bigint>(p.periodicLde.length);
    for (let i = 0; i < N; i++) {
      const j = (i + p.blowup) % N;
      for (let c = 0; c < traceLde.length; c++) {
        current[c] = traceLde[c]![i]!;
        next[c] = traceLde[c]![j]!;
      }
      for (let c = 0; c < periodic.length; c++) periodic[c] = p.periodicLde[c]![i]!;
      out.fill(0n);
      air.evaluateTransition(F, { current, next }, periodic, out);
      for (let c = 0; c < mainCount; c++) rows[c]![i] = out[c]!;
    }
    vals = rows.map((r) => glFromBigints(r));
  }
  const [acc] = ops.combineBase(vals, [p.coefficients.slice(0, mainCount)]) as [ExtVec];
  const X = xs;
  const factor = glMulVec(glSubVec(X, glConstant(p.lastStep, N)), p.zInv);
  const combined = ops.mulBase(acc, factor);
  // Assertions sharing a step share the divisor 1/(x − ω^step): sum their numerators Σ β·(T(x) − v), then divide once.
  const byStep = new Map<number, number[]>();
  air.assertions.forEach((a, q) => byStep.set(a.step, [...(byStep.get(a.step) ?? []), q]));
  for (const qs of byStep.values()) {
    const betas = qs.map((q) => p.coefficients[mainCount + q]!);
    // Σ β·T(x) is linear in the columns. One LDE costs about as much as a dozen axpys over the LDE domain, so for
    // many columns combine the n coefficients and extend once; for few, combine the LDEs directly.
    const num =
      qs.length >= LDE_COMBINE_THRESHOLD
        ? ldeCoordinates(ops.combineBase(qs.map((q) => p.traceCoeffsVec[air.assertions[q]!.column]!), [betas])[0]!, p.blowup, p.offset)
        : ops.combineBase(qs.map((q) => p.traceLdeVec[air.assertions[q]!.column]!), [betas])[0]!;
    let constant: Challenge = ops.C.E.ZERO;
    qs.forEach((q, t) => (constant = ops.C.E.add(constant, ops.C.mulBase(betas[t]!, air.assertions[q]!.value))));
    const den = glBatchInverse(glSubVec(X, glConstant(p.assertionPoints[qs[0]!]!, N)));
    const combinedNum = ops.sub(num, ops.constant(constant, N));
    const quotient = ops.mulBase(combinedNum, den);
    for (let i = 0; i < ops.k; i++) glAddVec(combined[i]!, quotient[i]!, combined[i]);
  }
  return combined;
}

export interface DeepInputs {
  /** The trace columns' coefficients (n each); their LDEs are on offset·⟨ω_{blowup·n}⟩. */
  readonly traceCoeffsVec: readonly GlVec[];
  readonly blowup: number;
  readonly offset: bigint;
  /** The composition columns' coefficients (n each, coordinate vectors). */
  readonly hCoeffsVec: readonly ExtVec[];
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
  const deep = ops.add(ops.divByLinear(a, p.z), ops.divByLinear(bCoeffs, p.zw));
  return ldeCoordinates(deep, p.blowup, p.offset);
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
