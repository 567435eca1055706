/**
 * Fibonacci AIR over any prime field (issue "STARK prover and verifier", item 3; the smallest Winterfell-style
 * example, cf. winterfell examples/src/fibonacci): two columns holding consecutive Fibonacci numbers,
 *
 *   s0' − s1 = 0          | degree 1
 *   s1' − (s0 + s1) = 0   | degree 1
 *
 * with assertions s0 = 1, s1 = 1 at step 0 and s1 = result at the last step. Row i holds (F_{i+1}, F_{i+2})
 * (F_1 = F_2 = 1), so the result of an n-row trace is F_{n+1} mod p.
 */
import type { Field } from "../../math/field.js";
import { GL_P, type GlVec } from "../../math/goldilocks.js";
import { glAddVec, glSubVec } from "../../math/goldilocks-fast.js";
import type { Air, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";
import { buildTrace, isPowerOfTwo, MIN_TRACE_LENGTH } from "../trace.js";

export const FIBONACCI_COLUMNS = Object.freeze(["s0", "s1"] as const);
export const FIBONACCI_CONSTRAINTS = Object.freeze(["s0' − s1 = 0", "s1' − (s0 + s1) = 0"] as const);

export interface FibonacciPublicInputs {
  /** Claimed value of s1 at the last step: F_{n+1} mod p. */
  readonly result: bigint;
}

function checkLength(name: string, length: number): void {
  if (!isPowerOfTwo(length) || length < MIN_TRACE_LENGTH) {
    throw new AirDefinitionError(name, "traceLength", `expected a power of two ≥ ${MIN_TRACE_LENGTH}, got ${length}`);
  }
}

/** The execution trace: n rows of (s0, s1), starting at (1, 1). */
export function fibonacciTrace(F: Field<bigint>, length: number): Trace {
  checkLength("Fibonacci", length);
  return buildTrace(
    F,
    2,
    length,
    (first) => {
      first[0] = F.ONE;
      first[1] = F.ONE;
    },
    (_step, cur, next) => {
      next[0] = cur[1]!; // s0' = s1
      next[1] = F.add(cur[0]!, cur[1]!); // s1' = s0 + s1
    },
    FIBONACCI_COLUMNS,
  );
}

/** F_{length+1} mod p computed directly (the public result of a `length`-row trace). */
export function fibonacciResult(F: Field<bigint>, length: number): bigint {
  let [a, b] = [F.ONE, F.ONE];
  for (let i = 1; i < length; i++) [a, b] = [b, F.add(a, b)];
  return b;
}

/** The Fibonacci AIR for a trace of `length` rows claiming s1 = `pub.result` at the last step. */
export function fibonacciAir(F: Field<bigint>, length: number, pub: FibonacciPublicInputs): Air {
  const name = `Fibonacci-${length}`;
  checkLength(name, length);
  if (!F.isValid(pub.result)) throw new AirDefinitionError(name, "result", `${String(pub.result)} is not a canonical element of ${F.name}`);
  return Object.freeze({
    name,
    field: F,
    traceWidth: 2,
    traceLength: length,
    transitionDegrees: Object.freeze([1, 1]),
    constraintNames: FIBONACCI_CONSTRAINTS,
    columnNames: FIBONACCI_COLUMNS,
    periodicColumns: Object.freeze([]),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, _periodic: readonly E[], out: E[]): void {
      const [s0, s1] = frame.current as [E, E];
      const [n0, n1] = frame.next as [E, E];
      out[0] = E.sub(n0, s1); // s0' − s1 = 0            | degree 1
      out[1] = E.sub(n1, E.add(s0, s1)); // s1' − (s0 + s1) = 0 | degree 1
    },
    ...(F.characteristic === GL_P
      ? {
          evaluateTransitionGoldilocks(frame: { readonly current: readonly GlVec[]; readonly next: readonly GlVec[] }): GlVec[] {
            const [s0, s1] = frame.current as [GlVec, GlVec];
            const [n0, n1] = frame.next as [GlVec, GlVec];
            return [glSubVec(n0, s1), glSubVec(n1, glAddVec(s0, s1))];
          },
        }
      : {}),
    assertions: Object.freeze([
      { column: 0, step: 0, value: F.ONE },
      { column: 1, step: 0, value: F.ONE },
      { column: 1, step: length - 1, value: pub.result },
    ]),
    publicInputBytes: () => encodePublicInputs(F, [pub.result]),
  });
}
