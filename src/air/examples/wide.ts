/**
 * A wide synthetic AIR for benchmarks (issue "STARK prover", item 8: "a 2^16-row × 32-column synthetic trace"):
 * w columns over Goldilocks where each column cubes itself and adds its right neighbour,
 *
 *   x_j' − (x_j³ + x_{(j+1) mod w}) = 0   | degree 3   (j < w)
 *
 * so every column depends on the others. Row 0 is x_j = j + 1 (asserted); the last value of column 0 is the public
 * result. Has both a row-by-row and a column-wise (Goldilocks) constraint evaluator.
 */
import type { Field } from "../../math/field.js";
import { GL_P, type GlVec } from "../../math/goldilocks.js";
import { glAddVec, glMulVec, glSubVec } from "../../math/goldilocks-fast.js";
import type { Air, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";
import { buildTrace, isPowerOfTwo, MIN_TRACE_LENGTH } from "../trace.js";

function check(name: string, width: number, length: number): void {
  if (!Number.isInteger(width) || width < 1 || width > 256) throw new AirDefinitionError(name, "traceWidth", `expected 1–256 columns, got ${width}`);
  if (!isPowerOfTwo(length) || length < MIN_TRACE_LENGTH) throw new AirDefinitionError(name, "traceLength", `expected a power of two ≥ ${MIN_TRACE_LENGTH}, got ${length}`);
}

export function wideTrace(F: Field<bigint>, width: number, length: number): Trace {
  check("Wide", width, length);
  return buildTrace(
    F,
    width,
    length,
    (first) => {
      for (let j = 0; j < width; j++) first[j] = F.fromBigint(BigInt(j + 1));
    },
    (_step, cur, next) => {
      for (let j = 0; j < width; j++) next[j] = F.add(F.mul(F.sqr(cur[j]!), cur[j]!), cur[(j + 1) % width]!);
    },
  );
}

/** The value of column 0 at the last step. */
export function wideResult(F: Field<bigint>, width: number, length: number): bigint {
  const t = wideTrace(F, width, length);
  return t[0]![length - 1]!;
}

export function wideAir(F: Field<bigint>, width: number, length: number, pub: { readonly result: bigint }): Air {
  const name = `Wide-${width}x${length}`;
  check(name, width, length);
  const columns = Array.from({ length: width }, (_, j) => `x${j}`);
  return Object.freeze({
    name,
    field: F,
    traceWidth: width,
    traceLength: length,
    transitionDegrees: Object.freeze(new Array<number>(width).fill(3)),
    constraintNames: Object.freeze(columns.map((c, j) => `${c}' − (${c}³ + x${(j + 1) % width}) = 0`)),
    columnNames: Object.freeze(columns),
    periodicColumns: Object.freeze([]),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, _periodic: readonly E[], out: E[]): void {
      for (let j = 0; j < width; j++) {
        const x = frame.current[j]!;
        out[j] = E.sub(frame.next[j]!, E.add(E.mul(E.sqr(x), x), frame.current[(j + 1) % width]!));
      }
    },
    ...(F.characteristic === GL_P
      ? {
          evaluateTransitionGoldilocks(frame: { readonly current: readonly GlVec[]; readonly next: readonly GlVec[] }): GlVec[] {
            return frame.current.map((x, j) => glSubVec(frame.next[j]!, glAddVec(glMulVec(glMulVec(x, x), x), frame.current[(j + 1) % width]!)));
          },
        }
      : {}),
    assertions: Object.freeze([
      ...columns.map((_, j) => ({ column: j, step: 0, value: F.fromBigint(BigInt(j + 1)) })),
      { column: 0, step: length - 1, value: pub.result },
    ]),
    publicInputBytes: () => encodePublicInputs(F, [BigInt(width), pub.result]),
  });
}
