/**
 * How the composition polynomial is split into committed columns, and the degree bound FRI proves — shared by
 * the prover and the verifier, with and without zero knowledge (docs/prover.md, "Zero knowledge").
 *
 * Without zero knowledge the trace polynomials have degree < n, the composition H (degree < (d − 1)·n) is cut
 * into k = max(d − 1, 1) columns H_j of n coefficients, H = Σ_j X^(n·j)·H_j, and FRI proves degree < n.
 *
 * With zero knowledge every trace polynomial is T' = T + (X^n − 1)·R (R random, degree < n), so degree < 2n;
 * H then has fewer than max(2d − 1, 2)·n coefficients. It is cut into pieces of `stride` = 2n − s coefficients
 * and each piece is masked with random polynomials M_j of s coefficients,
 *
 *   H'_0 = H_0 + X^stride·M_0,  H'_j = H_j − M_(j−1) + X^stride·M_j,  H'_(k−1) = H_(k−1) − M_(k−2),
 *
 * so every H'_j has degree < 2n and Σ_j X^(stride·j)·H'_j = H still (the masks telescope). One more committed
 * column, a uniformly random polynomial of degree < 2n, enters the DEEP composition to mask FRI. FRI proves
 * degree < 2n, so the code rate is 2/blowup instead of 1/blowup.
 */
import type { Air } from "../air/air.js";
import { compositionColumns } from "./constraints.js";
import type { ProofOptions } from "./options.js";
import { maxConstraintDegree } from "./options.js";

export interface CompositionLayout {
  /** Committed composition columns H_j (without the zero-knowledge mask column). */
  readonly columns: number;
  /** H = Σ_j X^(stride·j)·H_j. */
  readonly stride: number;
  /** Coefficients of each chunk mask M_j (0 without zero knowledge). */
  readonly maskCoefficients: number;
  /** True when a random mask column follows the H_j columns (zero knowledge). */
  readonly maskColumn: boolean;
  /** Degree bound (exclusive) of the trace polynomials, of every committed column and of the DEEP polynomial FRI proves. */
  readonly degreeBound: number;
  /** FRI does not fold below this many coefficients (zero knowledge: the number of queries). */
  readonly minRemainderSize: number;
}

/** Thrown when the options cannot lay out the composition for this AIR (the message says what to change). */
export class LayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayoutError";
  }
}

/** What the layout reads of an AIR: its length and its constraint degrees. */
export type LayoutShape = Pick<Air, "traceLength" | "transitionDegrees" | "aux">;

export function compositionLayout(air: LayoutShape, options: ProofOptions): CompositionLayout {
  const n = air.traceLength;
  const N = n * options.blowup;
  if (!options.zeroKnowledge) return { columns: compositionColumns(air), stride: n, maskCoefficients: 0, maskColumn: false, degreeBound: n, minRemainderSize: 1 };
  const d = maxConstraintDegree(air);
  const coefficients = Math.max(2 * d - 1, 2) * n; // H has fewer coefficients than this
  if (coefficients > N)
    throw new LayoutError(
      `zero knowledge doubles the trace polynomials' degree: constraints of degree ${d} give a composition of up to ${coefficients} coefficients, more than the LDE domain of ${N} (blowup ${options.blowup}); use blowup ≥ ${nextPow2(coefficients / n)}`,
    );
  const s = options.queries + 1; // each mask is opened at the out-of-domain point and at ≤ queries positions
  const stride = 2 * n - s;
  if (stride < 1) throw new LayoutError(`zero knowledge with ${options.queries} queries needs a trace of at least ${Math.floor((options.queries + 1) / 2) + 1} rows, this one has ${n}`);
  const columns = Math.ceil(coefficients / stride);
  if (columns * stride > N)
    throw new LayoutError(
      `zero knowledge: ${columns} composition columns of ${stride} coefficients exceed the LDE domain of ${N}; use a longer trace, fewer queries or blowup ${2 * options.blowup}`,
    );
  return { columns, stride, maskCoefficients: s, maskColumn: true, degreeBound: 2 * n, minRemainderSize: options.queries };
}

function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}
