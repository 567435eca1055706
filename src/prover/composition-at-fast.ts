/**
 * The two costly parts of the verifier's out-of-domain composition value H(z) (constraints.ts `compositionAt`)
 * over a field with a typed backend (Goldilocks, the 128-bit primes), on challenge-field vectors (backend/ext-vectors.ts) instead of one bigint element at a
 * time — the same values, cross-checked in tests against the plain evaluation:
 *
 *  - periodic columns: P(z^(n/c)) for each column's polynomial P (c coefficients). A column as long as the trace
 *    (a program's opcode schedule) has n coefficients: its value is one inner product of the coefficients with
 *    the powers y^0 … y^(c−1), all columns of one length sharing the powers;
 *  - assertions: Σ_k β_k·(T_{col_k}(z) − v_k)/(z − ω^{step_k}) — a program has one per read — as vectors over k:
 *    the denominators inverted in one batch inversion, then one product and one inner product.
 *
 * Each returns undefined when its input is outside what the fast path handles (a field without a typed backend, a step that is not
 * an integer, a column outside the frame, a value that is not canonical): the caller then evaluates the plain way,
 * which behaves exactly as it always did on such input.
 */
import type { Air } from "../air/air.js";
import type { Field } from "../math/field.js";
import { ExtVectors, backendFor, fastPolyOpsEnabled } from "./backend/index.js";
import { type Challenge, type ChallengeField, challengeField } from "./fields.js";

/** Shorter periodic columns are evaluated by Horner's rule on scalars. */
const HORNER_MAX = 64;

/** True when F has a typed backend (and the typed backends are on). */
const isFast = (F: Field<bigint>): boolean => F.degree === 1 && fastPolyOpsEnabled() && backendFor(F).name !== "bigint";

/** Challenge-field vectors of this degree on F's typed backend. */
const opsCache = new Map<string, ExtVectors<unknown>>();
function vectorOps(F: Field<bigint>, degree: number): ExtVectors<unknown> {
  const key = `${F.characteristic}/${degree}`;
  let ops = opsCache.get(key);
  if (!ops) opsCache.set(key, (ops = new ExtVectors(backendFor(F), challengeField(F, degree))));
  return ops;
}

/** P(z^(n/c)) for each periodic column polynomial (coefficients, c = length); undefined off Goldilocks. */
export function periodicValuesAtFast(F: Field<bigint>, C: ChallengeField, polys: readonly (readonly bigint[])[], traceLength: number, z: Challenge): Challenge[] | undefined {
  if (!isFast(F)) return undefined;
  const E = C.E;
  const out: Challenge[] = new Array(polys.length);
  const long = new Map<number, number[]>(); // length → columns
  polys.forEach((p, c) => {
    if (p.length > HORNER_MAX) {
      const list = long.get(p.length) ?? [];
      list.push(c);
      long.set(p.length, list);
      return;
    }
    const y = E.pow(z, BigInt(traceLength / p.length));
    let acc = E.ZERO;
    for (let k = p.length - 1; k >= 0; k--) acc = E.add(E.mul(acc, y), C.fromBase(p[k]!));
    out[c] = acc;
  });
  if (long.size > 0) {
    const ops = vectorOps(F, C.degree);
    for (const [len, columns] of long) {
      const y = E.pow(z, BigInt(traceLength / len));
      const powers = ops.powers(y, len);
      const values = ops.dotBaseMany(
        columns.map((c) => ops.B.from(polys[c]!)),
        [powers],
      )[0]!;
      columns.forEach((c, i) => (out[c] = values[i]!));
    }
  }
  return out;
}

/**
 * Σ_k β_k·(T_{col_k}(z) − v_k)/(z − ω^{step_k}) over the AIR's assertions (β = `betas`, one per assertion; col in
 * the main columns, then the auxiliary ones from `w`). Undefined when the input is outside the fast path.
 */
export function assertionSumAtFast(air: Air, C: ChallengeField, current: readonly Challenge[], z: Challenge, betas: readonly Challenge[]): Challenge | undefined {
  const F = air.field;
  if (!isFast(F)) return undefined;
  const as = air.assertions;
  const m = as.length;
  const n = air.traceLength;
  const w = air.traceWidth;
  const k = C.degree;
  if (m === 0) return C.E.ZERO;
  if (betas.length < m || !Number.isSafeInteger(n) || n < 1) return undefined;
  // frame values per assertion (coordinate by coordinate) and the asserted values, all checked canonical
  const coords: bigint[][] = Array.from({ length: k }, () => new Array<bigint>(m));
  const values = new Array<bigint>(m);
  const steps = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const a = as[i]!;
    const col = (a.segment === "aux" ? w : 0) + a.column;
    const t = Number.isSafeInteger(col) && col >= 0 ? current[col] : undefined;
    if (t === undefined || !C.E.isValid(t)) return undefined;
    if (typeof a.value !== "bigint" || a.value < 0n || a.value >= F.characteristic || !Number.isSafeInteger(a.step)) return undefined;
    for (let c = 0; c < k; c++) coords[c]![i] = k === 1 ? (t as bigint) : (t as readonly bigint[])[c]!;
    values[i] = a.value;
    steps[i] = ((a.step % n) + n) % n; // ω^step = ω^(step mod n)
  }
  if (!betas.slice(0, m).every((b) => C.E.isValid(b)) || !C.E.isValid(z)) return undefined;
  const ops = vectorOps(F, C.degree);
  // ω^step gathered from the table of the trace domain's powers
  const omega = F.rootOfUnity(Math.log2(n));
  const table = ops.B.to(ops.B.powers(omega, n));
  const ws = ops.B.from(Array.from({ length: m }, (_, i) => table[steps[i]!]!));
  const inv = ops.invert(ops.sub(ops.constant(z, m), ops.fromBase(ws)));
  const num = ops.sub(
    coords.map((c) => ops.B.from(c)),
    ops.fromBase(ops.B.from(values)),
  );
  return ops.dot(ops.mul(ops.fromChallenges(betas.slice(0, m)), inv), num);
}
