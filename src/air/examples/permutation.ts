/**
 * Permutation-argument AIR (issue "STARK prover and verifier", item 3): the building block of the zkVM's memory
 * and bus checks (Winterfell's and Miden's multiset / "lookup" arguments), and the example that exercises the
 * auxiliary segment (`Air.aux`) of the prover and verifier.
 *
 * Main trace (base field), n rows:
 *
 *   a     the values
 *   b     the same values in another order (sorted, reversed, shuffled: the prover's claim)
 *   step  a helper counter 0, 1, …, n − 1, only there because an AIR needs a main transition constraint:
 *         step' − step − 1 = 0   | degree 1
 *
 * Auxiliary column (challenge field, built after the main trace is committed, from one random element γ):
 *
 *   z_0 = 1,   z_{i+1} = z_i · (a_i + γ) / (b_i + γ)
 *   z'·(b + γ) − z·(a + γ) = 0   | degree 2
 *
 * so z_i = ∏_{j<i} (a_j + γ)/(b_j + γ), the running quotient of the two "fingerprints" ∏(X + a_j), ∏(X + b_j)
 * at X = γ. If the multisets differ, ∏(X + a_j) − ∏(X + b_j) is a non-zero polynomial of degree < n, so the
 * product is 1 for at most n − 1 values of γ (Schwartz–Zippel): probability < n/|E| over the verifier's γ
 * (E: the challenge field — 2^64 elements without extension, 2^128 / 2^192 with the quadratic / cubic one).
 *
 * The last row. Transition constraints hold on steps 0 … n − 2 only (the divisor leaves out the last step), so
 * the chain z_0 → z_{n−1} multiplies in the factors of rows 0 … n − 2: the last row's pair (a_{n−1}, b_{n−1})
 * never enters z, and z_{n−1} = ∏_{j<n−1} (a_j + γ)/(b_j + γ). A boundary assertion can only pin a column to a
 * constant, so "z_{n−1}·(a_{n−1} + γ)/(b_{n−1} + γ) = 1" cannot be asserted directly (it depends on γ and the
 * trace); folding both row-0 and row-1 factors into the first transition would need a first-row selector and a
 * degree-4 constraint. Instead the trace uses the standard extra step: the last row is a padding row with
 * a_{n−1} = b_{n−1} = padding (a public input, asserted on the main trace), whose factor (pad + γ)/(pad + γ) is
 * 1 for every γ. Then
 *
 *   z_0 = 1 and z_{n−1} = 1   (both aux assertions have the constant value 1)
 *
 * say exactly that the product over all n rows is 1, i.e. column b is a permutation of column a. Data shorter
 * than n − 1 values is padded the same way (rows m … n − 1 all hold (pad, pad), as Miden pads its bus columns).
 * Main assertions: step_0 = 0, a_{n−1} = padding, b_{n−1} = padding. Aux assertions: z_0 = 1, z_{n−1} = 1.
 */
import type { Field } from "../../math/field.js";
import type { Air, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError, AirError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";
import { checkTraceShape, isPowerOfTwo, MIN_TRACE_LENGTH } from "../trace.js";

export const PERMUTATION_COLUMNS = Object.freeze(["a", "b", "step"] as const);
export const PERMUTATION_CONSTRAINTS = Object.freeze(["step' − step − 1 = 0"] as const);
export const PERMUTATION_AUX_COLUMNS = Object.freeze(["z"] as const);
export const PERMUTATION_AUX_CONSTRAINTS = Object.freeze(["z'·(b + γ) − z·(a + γ) = 0"] as const);

export interface PermutationPublicInputs {
  /** Value of a and b in the padding rows (at least the last row). */
  readonly padding: bigint;
}

function checkLength(name: string, length: number): void {
  if (!isPowerOfTwo(length) || length < MIN_TRACE_LENGTH) {
    throw new AirDefinitionError(name, "traceLength", `expected a power of two ≥ ${MIN_TRACE_LENGTH}, got ${length}`);
  }
}

/** The trace length for `count` value pairs: the smallest power of two ≥ 8 with room for the padding row. */
export function permutationTraceLength(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`permutationTraceLength: count must be an integer ≥ 0, got ${count}`);
  let n = MIN_TRACE_LENGTH;
  while (n < count + 1) n *= 2;
  return n;
}

export interface PermutationTraceOptions {
  /** Rows (a power of two ≥ 8, > number of values); default permutationTraceLength(values). */
  readonly length?: number;
  /** Value of a and b in the padding rows; default 0. */
  readonly padding?: bigint;
}

/**
 * The main trace: rows 0 … m − 1 hold (a_i, b_i, i), rows m … n − 1 hold (pad, pad, i). It does not check that b
 * is a permutation of a (tests build non-permutations with it); `validateTrace` and the prover do.
 */
export function permutationTrace(F: Field<bigint>, a: readonly bigint[], b: readonly bigint[], options: PermutationTraceOptions = {}): Trace {
  const m = a.length;
  if (b.length !== m) throw new AirError(`permutationTrace: a has ${m} values, b has ${b.length}`);
  const n = options.length ?? permutationTraceLength(m);
  checkLength("Permutation", n);
  if (m > n - 1) throw new AirError(`permutationTrace: ${m} values do not fit ${n} rows (the last row is the padding row)`);
  const pad = options.padding ?? F.ZERO;
  const columns: Trace = [
    [...a, ...new Array<bigint>(n - m).fill(pad)],
    [...b, ...new Array<bigint>(n - m).fill(pad)],
    Array.from({ length: n }, (_, i) => F.fromBigint(BigInt(i))),
  ];
  checkTraceShape(columns, 3, n, { field: F, columnNames: PERMUTATION_COLUMNS, name: "Permutation" });
  return columns;
}

/**
 * The grand-product column over any field E ⊇ F: z_0 = 1, z_{i+1} = z_i·(a_i + γ)/(b_i + γ) for i < n − 1
 * (one batch inversion). Throws an AirError if some b_i + γ = 0 (γ = −b_i: probability ≤ n/|E| for a random γ).
 */
export function grandProductColumn<E>(E: Field<E>, a: readonly bigint[], b: readonly bigint[], gamma: E): E[] {
  const n = a.length;
  if (b.length !== n || n === 0) throw new AirError(`grandProductColumn: columns of ${n} and ${b.length} rows`);
  const den = new Array<E>(n - 1);
  for (let i = 0; i < n - 1; i++) {
    den[i] = E.add(E.fromBigint(b[i]!), gamma);
    if (E.isZero(den[i]!)) throw new AirError(`grandProductColumn: b_${i} + γ = 0 (γ = −b_${i}); the grand product is undefined for this γ`);
  }
  const inv = E.invertBatch(den);
  const z = new Array<E>(n);
  z[0] = E.ONE;
  for (let i = 0; i < n - 1; i++) z[i + 1] = E.mul(E.mul(z[i]!, E.add(E.fromBigint(a[i]!), gamma)), inv[i]!);
  return z;
}

/** The permutation AIR for a trace of `length` rows whose padding rows hold `pub.padding`. */
export function permutationAir(F: Field<bigint>, length: number, pub: PermutationPublicInputs): Air {
  const name = `Permutation-${length}`;
  checkLength(name, length);
  if (!F.isValid(pub.padding)) throw new AirDefinitionError(name, "padding", `${String(pub.padding)} is not a canonical element of ${F.name}`);
  return Object.freeze({
    name,
    field: F,
    traceWidth: 3,
    traceLength: length,
    transitionDegrees: Object.freeze([1]),
    constraintNames: PERMUTATION_CONSTRAINTS,
    columnNames: PERMUTATION_COLUMNS,
    periodicColumns: Object.freeze([]),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, _periodic: readonly E[], out: E[]): void {
      out[0] = E.sub(E.sub(frame.next[2]!, frame.current[2]!), E.ONE); // step' − step − 1 = 0 | degree 1
    },
    assertions: Object.freeze([
      { column: 2, step: 0, value: F.ZERO },
      { column: 0, step: length - 1, value: pub.padding },
      { column: 1, step: length - 1, value: pub.padding },
      { column: 0, step: 0, value: F.ONE, segment: "aux" as const },
      { column: 0, step: length - 1, value: F.ONE, segment: "aux" as const },
    ]),
    publicInputBytes: () => encodePublicInputs(F, [pub.padding]),
    aux: Object.freeze({
      width: 1,
      randomElements: 1,
      transitionDegrees: Object.freeze([2]),
      constraintNames: PERMUTATION_AUX_CONSTRAINTS,
      columnNames: PERMUTATION_AUX_COLUMNS,
      build<E>(E: Field<E>, main: readonly (readonly bigint[])[], random: readonly E[]): E[][] {
        return [grandProductColumn(E, main[0]!, main[1]!, random[0]!)];
      },
      evaluateTransition<E>(E: Field<E>, main: EvaluationFrame<E>, aux: EvaluationFrame<E>, random: readonly E[], _periodic: readonly E[], out: E[]): void {
        const gamma = random[0]!;
        const [a, b] = main.current as [E, E];
        // z'·(b + γ) − z·(a + γ) = 0 | degree 2
        out[0] = E.sub(E.mul(aux.next[0]!, E.add(b, gamma)), E.mul(aux.current[0]!, E.add(a, gamma)));
      },
    }),
  });
}
