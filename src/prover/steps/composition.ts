/**
 * Step 3 of the protocol (prover.ts), on any backend: the composition polynomial
 *
 *   H(x) = Σ_i α_i·C_i(x)·(x − ω^(n−1))/(x^n − 1) + Σ_q β_q·(T_{c_q}(x) − v_q)/(x − ω^{s_q}),
 *
 * main transition constraints evaluated column-wise where the backend has column kernels (the AIR's own
 * `evaluateTransition` over blocks of points, math/column-field.ts) and point by point otherwise, auxiliary
 * constraints point by point over the challenge field, assertions divided on the coefficients (Winterfell
 * `prover::constraint_evaluator`; the divisors of constraints.ts).
 *
 * The evaluation domain is the caller's: any coset g·⟨ω_M⟩ with M ≥ deg H + 1 and n | M (prover.ts takes the
 * smallest such sub-coset of the LDE domain, as Winterfell's constraint evaluation domain). The result is H in two
 * parts whose sum is H: values on that domain, and a polynomial given by its coefficients (the assertions divided on
 * the coefficients need no extension).
 */
import type { Air } from "../../air/air.js";
import { type Column, columnField } from "../../math/column-field.js";
import type { GlVec } from "../../math/goldilocks.js";
import { ProverError } from "../errors.js";
import { type Challenge, challengeField } from "../fields.js";
import { type Ext, ExtVectors } from "../backend/ext-vectors.js";

/** The auxiliary segment's columns (challenge field) as the composition needs them. */
export interface AuxColumns<V> {
  /** Values on the trace domain (n each). */
  readonly values: readonly (readonly Challenge[])[];
  /** Coefficients (L each). */
  readonly coeffs: readonly Ext<V>[];
  /** Values on the evaluation domain (M each). */
  readonly lde: readonly Ext<V>[];
  /** The verifier's random elements the segment was built from. */
  readonly random: readonly Challenge[];
}

export interface CompositionInputs<V> {
  readonly air: Air;
  readonly X: ExtVectors<V>;
  /** The main trace: values on the trace domain (n), coefficients (L), values on the evaluation domain (M). */
  readonly traceValues: readonly V[];
  readonly traceCoeffs: readonly V[];
  readonly traceLde: readonly V[];
  readonly aux?: AuxColumns<V> | undefined;
  readonly offset: bigint;
  /** M/n: the next row of x lies `blowup` positions further on the evaluation domain. */
  readonly blowup: number;
  /** The evaluation domain's points (M). */
  readonly xs: V;
  /** 1/(x^n − 1) on the evaluation domain. */
  readonly zInv: V;
  /** Each periodic column over the whole evaluation domain. */
  readonly periodicLde: readonly V[];
  /** ω^step of each assertion. */
  readonly assertionPoints: readonly bigint[];
  readonly coefficients: readonly Challenge[];
  /** ω^(n−1). */
  readonly lastStep: bigint;
}

/** Points per block of constraint evaluation: a block's temporaries stay in cache. */
const BLOCK_POINTS = 4096;

/** The main transition constraints' values on points [start, start + size) of the LDE domain, one vector each. */
function constraintBlock<V>(p: CompositionInputs<V>, start: number, size: number): V[] {
  const { air, X, blowup } = p;
  const B = X.B;
  const count = air.transitionDegrees.length;
  const current = p.traceLde.map((v) => B.window(v, start, size));
  const next = p.traceLde.map((v) => B.window(v, start + blowup, size)); // x·ω lies `blowup` positions on
  const periodic = p.periodicLde.map((v) => B.window(v, start, size));
  if (B.columnOps) {
    // the AIR's own code on whole blocks: V is the column kernels' layout (Uint32Array)
    const E = columnField(B.columnOps, size);
    const out = new Array<Column>(count).fill(0n);
    air.evaluateTransition(E, { current: current as Uint32Array[], next: next as Uint32Array[] }, periodic as Uint32Array[], out);
    return out.map((c) => (typeof c === "bigint" ? B.constant(c, size) : (c as V)));
  }
  const F = air.field;
  const columns = Array.from({ length: count }, () => new Array<bigint>(size));
  const values = new Array<bigint>(count);
  for (let i = 0; i < size; i++) {
    values.fill(F.ZERO);
    const at = (vs: readonly V[]) => vs.map((v) => B.get(v, i));
    air.evaluateTransition(F, { current: at(current), next: at(next) }, at(periodic), values);
    for (let c = 0; c < count; c++) columns[c]![i] = values[c]!;
  }
  return columns.map((c) => B.from(c));
}

/** Σ α_i·C_i(x) over the LDE domain (main constraints), a block of points at a time. */
function mainCombination<V>(p: CompositionInputs<V>): Ext<V> {
  const { air, X } = p;
  const B = X.B;
  const N = B.length(p.xs);
  const alphas = p.coefficients.slice(0, air.transitionDegrees.length);
  if (B.name === "goldilocks" && air.evaluateTransitionGoldilocks) {
    // a hand-vectorised evaluator over whole columns (the examples' benchmark AIRs)
    const cols = p.traceLde as unknown as GlVec[];
    const next = cols.map((v) => B.window(v as V, p.blowup, N) as unknown as GlVec).map((v) => v.slice());
    const vals = air.evaluateTransitionGoldilocks({ current: cols, next }, p.periodicLde as unknown as GlVec[]);
    return X.combineBase(vals as unknown as V[], [alphas])[0]!;
  }
  const size = Math.min(N, BLOCK_POINTS);
  const parts: Ext<V>[] = [];
  for (let s = 0; s < N; s += size) parts.push(X.combineBase(constraintBlock(p, s, size), [alphas])[0]!);
  return X.concat(parts);
}

/** Σ α_j·A_j(x) over the LDE domain for the auxiliary constraints, point by point over the challenge field. */
function auxCombination<V>(p: CompositionInputs<V>, aux: AuxColumns<V>): Ext<V> {
  const { air, X, blowup } = p;
  const segment = air.aux!;
  const B = X.B;
  const C = X.C;
  const E = C.E;
  const N = B.length(p.xs);
  const mainCount = air.transitionDegrees.length;
  const count = segment.transitionDegrees.length;
  const main = p.traceLde.map((v) => B.to(v).map((x) => C.fromBase(x)));
  const auxAll = aux.lde.map((v) => X.toChallenges(v));
  const periodic = p.periodicLde.map((v) => B.to(v).map((x) => C.fromBase(x)));
  const out = new Array<Challenge>(N);
  const values = new Array<Challenge>(count);
  for (let i = 0; i < N; i++) {
    const j = (i + blowup) % N;
    values.fill(E.ZERO);
    segment.evaluateTransition(
      E,
      { current: main.map((c) => c[i]!), next: main.map((c) => c[j]!) },
      { current: auxAll.map((c) => c[i]!), next: auxAll.map((c) => c[j]!) },
      aux.random,
      periodic.map((c) => c[i]!),
      values,
    );
    let acc = E.ZERO;
    for (let c = 0; c < count; c++) acc = E.add(acc, E.mul(p.coefficients[mainCount + c]!, values[c]!));
    out[i] = acc;
  }
  return X.fromChallenges(out);
}

/** Quotients combined per batch, so memory stays bounded for thousands of assertions. */
const QUOTIENT_BATCH = 64;
/** From this many assertions on one main column, their sum is computed through one NTT (see assertionQuotients). */
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
 * - many on a main column (a program's reads all land on the stack's first cells): with a_k = Σ β over the column's
 *   assertions at step k and b_k = Σ β·v, the column contributes T_c(x)·A(x) − B(x), where A(x) = Σ_k a_k/(x − ω^k).
 *   Since (x^n − 1)/(x − ω^k) = Σ_j x^(n−1−j)·ω^(kj), A(x)·(x^n − 1) has coefficient n − 1 − j equal to
 *   â_j = Σ_k a_k·ω^(kj), i.e. coefficient i is Σ_k (a_k·ω^(−k))·ω^(−ki) = n·INTT(a ⊙ ω^(−k))_i: one transform and
 *   one extension per column (B summed over columns first), and one multiplication by 1/(x^n − 1) at the end.
 *   O(n log n) per column however many assertions — without it a program's thousands of reads cost O(reads·n).
 *
 * Both give the same field values as dividing point by point; an assertion the trace breaks is named here. The
 * first kind is returned as coefficients (L), the second as values on the evaluation domain.
 */
function assertionQuotients<V>(p: CompositionInputs<V>): { coeffs: Ext<V>; values: Ext<V> | undefined } {
  const { air, X } = p;
  const B = X.B;
  const F = air.field;
  const E = X.C.E;
  const N = B.length(p.xs);
  const L = B.length(p.traceCoeffs[0]!);
  const n = air.traceLength;
  const firstBeta = air.transitionDegrees.length + (air.aux?.transitionDegrees.length ?? 0);
  const beta = (q: number) => p.coefficients[firstBeta + q]!;
  const byColumn = new Map<string, number[]>();
  air.assertions.forEach((a, q) => {
    const isAux = a.segment === "aux";
    const value = isAux ? p.aux!.values[a.column]![a.step]! : B.get(p.traceValues[a.column]!, a.step);
    if (isAux ? !E.eq(value, X.C.fromBase(a.value)) : value !== a.value)
      throw new ProverError(
        `assertion ${q} of ${air.name} fails: ${isAux ? "auxiliary " : ""}column ${(isAux ? air.aux!.columnNames : air.columnNames)[a.column] ?? a.column} at step ${a.step} is ${String(value)}, the AIR asserts ${a.value} (the composition polynomial would not be a polynomial)`,
      );
    const key = `${isAux ? "aux" : "main"}:${a.column}`;
    const list = byColumn.get(key);
    if (list) list.push(q);
    else byColumn.set(key, [q]); // (appending in place: copying the list per assertion was quadratic in the reads)
  });
  const isMany = (key: string, qs: readonly number[]) => key.startsWith("main:") && qs.length >= columnSumThreshold;
  const BASE = new ExtVectors(B, challengeField(F, 1));
  // few per column: quotients on the coefficients
  const direct = [...byColumn.entries()].filter(([key, qs]) => !isMany(key, qs)).flatMap(([, qs]) => qs);
  let acc = X.zeros(L);
  const mainDirect = direct.filter((q) => air.assertions[q]!.segment !== "aux");
  for (let q0 = 0; q0 < mainDirect.length; q0 += QUOTIENT_BATCH) {
    const batch = mainDirect.slice(q0, q0 + QUOTIENT_BATCH);
    const quotients = batch.map((q) => BASE.divByLinear([p.traceCoeffs[air.assertions[q]!.column]!], p.assertionPoints[q]!)[0]!);
    acc = X.add(acc, X.combineBase(quotients, [batch.map(beta)])[0]!);
  }
  for (const q of direct.filter((q) => air.assertions[q]!.segment === "aux")) {
    const quotient = X.divByLinear(p.aux!.coeffs[air.assertions[q]!.column]!, X.C.fromBase(p.assertionPoints[q]!));
    acc = X.add(acc, X.mulConst(quotient, beta(q)));
  }
  // many per column: T_c·A_c − B through transforms
  const many = [...byColumn.entries()].filter(([key, qs]) => isMany(key, qs));
  if (many.length === 0) return { coeffs: acc, values: undefined };
  {
    const omegaInvPowers = B.powers(F.inv(F.rootOfUnity(Math.log2(n))), n);
    const nScalar = F.fromBigint(BigInt(n));
    /** The LDE of Σ_k w_k·(x^n − 1)/(x − ω^k) for step weights w (n challenge elements). */
    const sumLde = (w: Challenge[]): Ext<V> => {
      const coeffs = B.interpolateMany(X.fromChallenges(w).map((coord) => B.mul(coord, omegaInvPowers))).map((c) => B.scale(c, nScalar));
      return B.cosetLdeMany(coeffs, N / n, p.offset);
    };
    const bSum = new Array<Challenge>(n).fill(E.ZERO);
    let sum = X.zeros(N);
    for (const [key, qs] of many) {
      const column = Number(key.slice("main:".length));
      const aSum = new Array<Challenge>(n).fill(E.ZERO);
      for (const q of qs) {
        const { step, value } = air.assertions[q]!;
        aSum[step] = E.add(aSum[step]!, beta(q));
        bSum[step] = E.add(bSum[step]!, X.C.mulBase(beta(q), value));
      }
      sum = X.add(sum, X.mulBase(sumLde(aSum), p.traceLde[column]!));
    }
    return { coeffs: acc, values: X.mulBase(X.sub(sum, sumLde(bSum)), p.zInv) };
  }
}

/** H = values (on the evaluation domain, coordinate vectors) + the polynomial with coefficients `coeffs` (L). */
export function compositionValues<V>(p: CompositionInputs<V>): { values: Ext<V>; coeffs: Ext<V> } {
  const { X } = p;
  const B = X.B;
  const N = B.length(p.xs);
  let transitions = mainCombination(p);
  if (p.air.aux) transitions = X.add(transitions, auxCombination(p, p.aux!));
  const factor = B.mul(B.sub(p.xs, B.constant(p.lastStep, N)), p.zInv); // (x − ω^(n−1))/(x^n − 1)
  const assertions = assertionQuotients(p);
  const values = X.mulBase(transitions, factor);
  return { values: assertions.values ? X.add(values, assertions.values) : values, coeffs: assertions.coeffs };
}
