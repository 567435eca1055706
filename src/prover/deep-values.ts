/**
 * Verifier step 8b: the DEEP composition's value at each query position x (Winterfell `DeepComposer`),
 *
 *   D(x) = Σ_col γ_2col·(T_col(x) − T_col(z))/(x − z) + Σ_col γ_2col+1·(T_col(x) − T_col(zω))/(x − zω)
 *        + Σ_j γ_2cols+j·(H_j(x) − H_j(z))/(x − z)  [+ γ_mask·H_mask(x)],
 *
 * from the opened rows and the out-of-domain frame. `deepValues` gives the same values as the plain formula
 * (`deepValuesReference`, kept beside it and cross-checked in tests) with two changes of order only: the
 * constant parts Σ γ·T_col(z) are taken once for all queries, and every 1/(x − z), 1/(x − zω) comes from one
 * batch inversion. Over Goldilocks the main columns' sums Σ γ·T_col(x) (base values times challenge
 * coordinates) are inner products in the vector kernels.
 */
import { glInnerProducts } from "../math/goldilocks-fast.js";
import { GL_P, glFromBigints } from "../math/goldilocks.js";
import type { Field } from "../math/field.js";
import type { Challenge, ChallengeField } from "./fields.js";

export interface DeepInput {
  readonly F: Field<bigint>;
  readonly C: ChallengeField;
  /** The query points x_i (base field). */
  readonly xs: readonly bigint[];
  readonly z: Challenge;
  /** z·ω (ω the trace domain's generator). */
  readonly zw: Challenge;
  /** Main trace width (the first `w` columns are base-field rows, the rest auxiliary rows). */
  readonly w: number;
  readonly traceRows: readonly (readonly bigint[])[];
  readonly auxRows: readonly (readonly Challenge[])[];
  readonly compositionRows: readonly (readonly Challenge[])[];
  readonly ood: { readonly current: readonly Challenge[]; readonly next: readonly Challenge[]; readonly composition: readonly Challenge[] };
  readonly gamma: readonly Challenge[];
  /** Composition columns k (without the mask column). */
  readonly k: number;
  readonly maskColumn: boolean;
}

/** The plain formula, query by query (the reference). */
export function deepValuesReference(d: DeepInput): Challenge[] {
  const { C, gamma, ood, w, k } = d;
  const E = C.E;
  const cols = ood.current.length;
  return d.xs.map((xb, i) => {
    const x = C.fromBase(xb);
    let a = E.ZERO;
    let b = E.ZERO;
    for (let col = 0; col < cols; col++) {
      const v = col < w ? C.fromBase(d.traceRows[i]![col]!) : d.auxRows[i]![col - w]!;
      a = E.add(a, E.mul(gamma[2 * col]!, E.sub(v, ood.current[col]!)));
      b = E.add(b, E.mul(gamma[2 * col + 1]!, E.sub(v, ood.next[col]!)));
    }
    for (let j = 0; j < k; j++) a = E.add(a, E.mul(gamma[2 * cols + j]!, E.sub(d.compositionRows[i]![j]!, ood.composition[j]!)));
    const deep = E.add(E.div(a, E.sub(x, d.z)), E.div(b, E.sub(x, d.zw)));
    return d.maskColumn ? E.add(deep, E.mul(gamma[2 * cols + k]!, d.compositionRows[i]![k]!)) : deep;
  });
}

/** Σ_col γ_(2col+parity)·row[col] over the main columns for every row, both parities: [row][parity]. */
function mainSums(d: DeepInput): Challenge[][] {
  const { F, C, gamma, w } = d;
  const E = C.E;
  const k = C.degree;
  const coord = (c: Challenge, i: number): bigint => (k === 1 ? (c as bigint) : (c as readonly bigint[])[i]!);
  const goldilocks = F.characteristic === GL_P && F.degree === 1 && w > 0;
  if (goldilocks) {
    // weights: coordinate i of γ_(2col+parity) over col, for parity 0 then 1
    const weights = [0, 1].flatMap((parity) => Array.from({ length: k }, (_, i) => glFromBigints(Array.from({ length: w }, (_, col) => coord(gamma[2 * col + parity]!, i)))));
    const dots = glInnerProducts(
      d.traceRows.map((row) => glFromBigints(row.length === w ? row : row.slice(0, w))),
      weights,
    );
    return dots.map((r) => [0, 1].map((parity) => (k === 1 ? r[0 + parity]! : r.slice(parity * k, parity * k + k))));
  }
  return d.traceRows.map((row) =>
    [0, 1].map((parity) => {
      let acc = E.ZERO;
      for (let col = 0; col < w; col++) acc = E.add(acc, C.mulBase(gamma[2 * col + parity]!, row[col]!));
      return acc;
    }),
  );
}

/** The DEEP values at every query (same results as deepValuesReference). */
export function deepValues(d: DeepInput): Challenge[] {
  const { C, gamma, ood, w, k } = d;
  const E = C.E;
  const cols = ood.current.length;
  const rowsOk = d.traceRows.length === d.xs.length && d.traceRows.every((r) => r.length >= w);
  if (!rowsOk) return deepValuesReference(d); // (the reference throws on the missing values, as before)
  // the constants Σ γ_2col·T_col(z) + Σ γ_j·H_j(z) and Σ γ_2col+1·T_col(zω)
  let a0 = E.ZERO;
  let b0 = E.ZERO;
  for (let col = 0; col < cols; col++) {
    a0 = E.add(a0, E.mul(gamma[2 * col]!, ood.current[col]!));
    b0 = E.add(b0, E.mul(gamma[2 * col + 1]!, ood.next[col]!));
  }
  for (let j = 0; j < k; j++) a0 = E.add(a0, E.mul(gamma[2 * cols + j]!, ood.composition[j]!));
  const main = mainSums(d);
  const dens: Challenge[] = [];
  for (const x of d.xs) dens.push(E.sub(C.fromBase(x), d.z), E.sub(C.fromBase(x), d.zw));
  const inv = E.invertBatch(dens);
  return d.xs.map((_, i) => {
    let [a, b] = main[i]! as [Challenge, Challenge];
    for (let col = w; col < cols; col++) {
      const v = d.auxRows[i]![col - w]!;
      a = E.add(a, E.mul(gamma[2 * col]!, v));
      b = E.add(b, E.mul(gamma[2 * col + 1]!, v));
    }
    for (let j = 0; j < k; j++) a = E.add(a, E.mul(gamma[2 * cols + j]!, d.compositionRows[i]![j]!));
    const deep = E.add(E.mul(E.sub(a, a0), inv[2 * i]!), E.mul(E.sub(b, b0), inv[2 * i + 1]!));
    return d.maskColumn ? E.add(deep, E.mul(gamma[2 * cols + k]!, d.compositionRows[i]![k]!)) : deep;
  });
}
