/**
 * The prover's whole-domain steps for Goldilocks, on typed-array vectors (ext-vec.ts) instead of one bigint
 * element at a time: the composition combination (step 3), the DEEP composition (step 5) and FRI folding
 * (step 6). Each computes exactly the same field values as the generic code in prover.ts / fri.ts — the tests
 * require byte-identical proofs — only faster. Per-row AIR evaluation stays generic (the AIR's own code).
 */
import type { Air } from "../air/air.js";
import { glAddVec, glMulVec, glScaleVec, glSubVec } from "../math/goldilocks-fast.js";
import { type GlVec, glFromBigints, glPowers } from "../math/goldilocks.js";
import type { Field } from "../math/field.js";
import { ExtVecOps, type ExtVec } from "./ext-vec.js";
import type { Challenge, ChallengeField } from "./fields.js";

function constantBase(x: bigint, n: number): GlVec {
  return glFromBigints(new Array<bigint>(n).fill(x));
}

export interface CompositionInputs {
  readonly air: Air;
  readonly traceLde: readonly (readonly bigint[])[];
  readonly xs: readonly bigint[];
  readonly zInv: readonly bigint[];
  readonly periodicLde: readonly (readonly bigint[])[];
  readonly assertionDen: readonly (readonly bigint[])[];
  readonly coefficients: readonly Challenge[];
  readonly lastStep: bigint;
  readonly blowup: number;
}

/** H(x) on the LDE domain for an AIR without an auxiliary segment. */
export function compositionFast(F: Field<bigint>, ops: ExtVecOps, p: CompositionInputs): Challenge[] {
  const { air, traceLde, xs } = p;
  const N = xs.length;
  const mainCount = air.transitionDegrees.length;
  // per-row transition values, column-wise
  const vals = Array.from({ length: mainCount }, () => new Array<bigint>(N));
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
    for (let c = 0; c < mainCount; c++) vals[c]![i] = out[c]!;
  }
  const acc = ops.zeros(N);
  for (let c = 0; c < mainCount; c++) ops.addScaledBase(acc, p.coefficients[c]!, glFromBigints(vals[c]!));
  const X = glFromBigints(xs);
  const factor = glMulVec(glSubVec(X, constantBase(p.lastStep, N)), glFromBigints(p.zInv));
  const combined = ops.mulBase(acc, factor);
  air.assertions.forEach((a, q) => {
    const num = glSubVec(glFromBigints(traceLde[a.column]!), constantBase(a.value, N));
    ops.addScaledBase(combined, p.coefficients[mainCount + q]!, glMulVec(num, glFromBigints(p.assertionDen[q]!)));
  });
  return ops.toChallenges(combined);
}

export interface DeepInputs {
  readonly xs: readonly bigint[];
  readonly traceLde: readonly (readonly bigint[])[];
  readonly hLde: readonly (readonly Challenge[])[];
  readonly oodCurrent: readonly Challenge[];
  readonly oodNext: readonly Challenge[];
  readonly oodComposition: readonly Challenge[];
  readonly gamma: readonly Challenge[];
  readonly z: Challenge;
  readonly zw: Challenge;
}

/** DEEP(x) on the LDE domain (main trace only). */
export function deepFast(ops: ExtVecOps, C: ChallengeField, p: DeepInputs): Challenge[] {
  const E = C.E;
  const N = p.xs.length;
  const w = p.traceLde.length;
  const X = ops.fromBase(glFromBigints(p.xs));
  const invZ = ops.invert(ops.sub(X, ops.constant(p.z, N)));
  const invZw = ops.invert(ops.sub(X, ops.constant(p.zw, N)));
  const a = ops.zeros(N);
  const b = ops.zeros(N);
  let aConst = E.ZERO;
  let bConst = E.ZERO;
  for (let c = 0; c < w; c++) {
    const col = glFromBigints(p.traceLde[c]!);
    ops.addScaledBase(a, p.gamma[2 * c]!, col);
    ops.addScaledBase(b, p.gamma[2 * c + 1]!, col);
    aConst = E.add(aConst, E.mul(p.gamma[2 * c]!, p.oodCurrent[c]!));
    bConst = E.add(bConst, E.mul(p.gamma[2 * c + 1]!, p.oodNext[c]!));
  }
  let aSum: ExtVec = a;
  p.hLde.forEach((h, j) => {
    const delta = p.gamma[2 * w + j]!;
    aSum = ops.add(aSum, ops.mulConst(ops.fromChallenges(h), delta));
    aConst = E.add(aConst, E.mul(delta, p.oodComposition[j]!));
  });
  const A = ops.sub(aSum, ops.constant(aConst, N));
  const B = ops.sub(b, ops.constant(bConst, N));
  return ops.toChallenges(ops.add(ops.mul(A, invZ), ops.mul(B, invZw)));
}

/**
 * One FRI fold of a layer on g·⟨ω_n⟩ by factor f: next[j] = (1/f)·Σ_m (α/x_j)^m·Σ_k ζ^(−k·m)·y_{j + k·n/f},
 * evaluated by Horner in (α/x_j) over whole vectors.
 */
export function friFoldFast(F: Field<bigint>, ops: ExtVecOps, current: readonly Challenge[], g: bigint, alpha: Challenge, f: number): Challenge[] {
  const n = current.length;
  const next = n / f;
  const cur = ops.fromChallenges(current);
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
  const xInv = glPowers(F.inv(F.rootOfUnity(Math.log2(n))), next, F.inv(g)); // 1/x_j = g^-1·ω^-j
  const ratio = ops.mulBase(ops.constant(alpha, next), xInv);
  let acc = s[f - 1]!;
  for (let m = f - 2; m >= 0; m--) acc = ops.add(s[m]!, ops.mul(ratio, acc));
  const fInv = F.inv(F.fromBigint(BigInt(f)));
  return ops.toChallenges(acc.map((v) => glScaleVec(v, fInv)));
}

function addScaled(acc: GlVec, y: GlVec, c: bigint): GlVec {
  return c === 1n ? glAddVec(acc, y) : glAddVec(acc, glScaleVec(y, c));
}
