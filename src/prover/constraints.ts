/**
 * Constraint evaluation shared by prover and verifier (Winterfell `air::ConstraintDivisor`, `prover::
 * constraint_evaluator`): the periodic-column polynomials, the transition divisor Z(x) = (x^n − 1)/(x − ω^(n−1))
 * (all steps but the last) and the assertion divisors (x − ω^step), and the random linear combination
 *
 *   H(x) = Σ_i α_i·C_i(x)/Z(x) + Σ_k β_k·(T_{col_k}(x) − v_k)/(x − ω^{step_k})
 *
 * evaluated either at one point of the challenge field (verifier, out of domain) or over the LDE domain.
 */
import type { Air } from "../air/air.js";
import type { Field } from "../math/field.js";
import { interpolateBase, ldeBase } from "./poly-ops.js";
import type { Challenge, ChallengeField } from "./fields.js";
import { assertionSumAtFast, periodicValuesAtFast } from "./composition-at-fast.js";

/** Coefficients of each periodic column's polynomial over its cycle ⟨ω_c⟩. */
export function periodicPolynomials(air: Air): bigint[][] {
  return air.periodicColumns.map((col) => interpolateBase(air.field, col));
}

/** Value of periodic column polynomial P (cycle length c = P.length) at the trace point x: P(x^(n/c)). */
export function periodicAt<E>(F: Field<E>, poly: readonly bigint[], traceLength: number, x: E): E {
  const y = F.pow(x, BigInt(traceLength / poly.length));
  let acc = F.ZERO;
  for (let k = poly.length - 1; k >= 0; k--) acc = F.add(F.mul(acc, y), F.fromBigint(poly[k]!));
  return acc;
}

/**
 * One period of each periodic column over the LDE domain x_i = offset·ω_N^i (N = blowup·n), by NTT: P(x_i^(n/c))
 * = P(offset^(n/c)·ω_{blowup·c}^i), the low-degree extension of P (c coefficients) on offset^(n/c)·⟨ω_{blowup·c}⟩,
 * which repeats with period blowup·c. O(N log N) for a column as long as the trace (a program's public schedule)
 * where evaluating P point by point costs O(n·N).
 */
export function periodicLdePeriods(air: Air, blowup: number, offset: bigint): bigint[][] {
  const F = air.field;
  const n = air.traceLength;
  return periodicPolynomials(air).map((p) => ldeBase(F, p, blowup, F.pow(offset, BigInt(n / p.length))));
}

/** Number of random coefficients the composition needs: one per transition constraint and per assertion. */
export function compositionCoefficientCount(air: Air): number {
  return air.transitionDegrees.length + (air.aux?.transitionDegrees.length ?? 0) + air.assertions.length;
}

/** Columns of the composition polynomial: max(max degree − 1, 1), each of degree < n. */
export function compositionColumns(air: Pick<Air, "transitionDegrees" | "aux">): number {
  const degrees = [...air.transitionDegrees, ...(air.aux?.transitionDegrees ?? [])];
  return Math.max(1, Math.max(...degrees) - 1);
}

export interface OodFrame {
  readonly current: readonly Challenge[];
  readonly next: readonly Challenge[];
}

/**
 * H(z) from the out-of-domain frame: main columns first, then auxiliary columns. `random` are the auxiliary
 * segment's random elements (empty without one). Over Goldilocks the periodic columns and the assertions are
 * evaluated on the vector kernels (composition-at-fast.ts); `compositionAtReference` is the plain evaluation,
 * and the two give the same value.
 */
export function compositionAt(
  air: Air,
  C: ChallengeField,
  frame: OodFrame,
  z: Challenge,
  coefficients: readonly Challenge[],
  random: readonly Challenge[],
): Challenge {
  const E = C.E;
  const F = air.field;
  const n = air.traceLength;
  const periodic = periodicValuesAtFast(F, C, periodicPolynomials(air), n, z);
  const transitions = air.transitionDegrees.length + (air.aux?.transitionDegrees.length ?? 0);
  const assertions = periodic ? assertionSumAtFast(air, C, frame.current, z, coefficients.slice(transitions)) : undefined;
  if (!periodic || assertions === undefined) return compositionAtReference(air, C, frame, z, coefficients, random);
  const out = transitionValues(air, C, frame, periodic, random);
  let acc = E.ZERO;
  out.forEach((c, i) => (acc = E.add(acc, E.mul(coefficients[i]!, c))));
  return E.add(E.div(acc, transitionDivisorAt(air, C, z)), assertions);
}

/** The transition constraints' values at the frame: main ones, then auxiliary ones. */
function transitionValues(air: Air, C: ChallengeField, frame: OodFrame, periodic: readonly Challenge[], random: readonly Challenge[]): Challenge[] {
  const E = C.E;
  const w = air.traceWidth;
  const main = { current: frame.current.slice(0, w), next: frame.next.slice(0, w) };
  const out: Challenge[] = new Array(air.transitionDegrees.length).fill(E.ZERO);
  air.evaluateTransition(E, main, periodic, out);
  if (air.aux) {
    const auxOut: Challenge[] = new Array(air.aux.transitionDegrees.length).fill(E.ZERO);
    air.aux.evaluateTransition(E, main, { current: frame.current.slice(w), next: frame.next.slice(w) }, random, periodic, auxOut);
    out.push(...auxOut);
  }
  return out;
}

/** Z(z) = (z^n − 1)/(z − ω^(n−1)): the transition divisor (all steps but the last). */
function transitionDivisorAt(air: Air, C: ChallengeField, z: Challenge): Challenge {
  const E = C.E;
  const F = air.field;
  const n = air.traceLength;
  const lastStep = C.fromBase(F.pow(F.rootOfUnity(Math.log2(n)), BigInt(n - 1)));
  return E.div(E.sub(E.pow(z, BigInt(n)), E.ONE), E.sub(z, lastStep));
}

/** H(z), the plain evaluation (the reference for compositionAt). */
export function compositionAtReference(
  air: Air,
  C: ChallengeField,
  frame: OodFrame,
  z: Challenge,
  coefficients: readonly Challenge[],
  random: readonly Challenge[],
): Challenge {
  const E = C.E;
  const F = air.field;
  const n = air.traceLength;
  const w = air.traceWidth;
  const periodic = periodicPolynomials(air).map((p) => periodicAt(E, p, n, z));
  const out = transitionValues(air, C, frame, periodic, random);
  const omega = F.rootOfUnity(Math.log2(n));
  let acc = E.ZERO;
  out.forEach((c, i) => (acc = E.add(acc, E.mul(coefficients[i]!, c))));
  acc = E.div(acc, transitionDivisorAt(air, C, z));
  // one inversion for all the assertions' denominators z − ω^step (Montgomery's trick): a program has one per read
  const denInverses = E.invertBatch(air.assertions.map((a) => E.sub(z, C.fromBase(F.pow(omega, BigInt(a.step))))));
  air.assertions.forEach((a, k) => {
    const col = (a.segment === "aux" ? w : 0) + a.column;
    const num = E.sub(frame.current[col]!, C.fromBase(a.value));
    acc = E.add(acc, E.mul(coefficients[out.length + k]!, E.mul(num, denInverses[k]!)));
  });
  return acc;
}
