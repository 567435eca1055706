/**
 * The prover's memory estimate and budget (issue 14, "Bad input": a trace too long for the memory budget is
 * refused before any work, with the size it would need). The estimate counts what a proof holds at its peak on
 * the LDE domain of N = blowup·n points, 8 bytes per base-field coordinate: the trace columns' coefficients and
 * LDEs (with zero knowledge the coefficients double), the composition's evaluations, coefficients and column
 * LDEs (k + 1 columns of the challenge field's d coordinates), the DEEP polynomial and its first FRI layers, the
 * three Merkle trees (2N digests of 32 bytes each), and as much again for temporaries. An upper-end estimate, not
 * an exact count: it decides whether to start, and its figure tells a user how far off a budget is.
 */
import { totalmem } from "node:os";
import type { Air } from "../air/air.js";
import { type CompositionLayout, LayoutError, compositionLayout } from "./layout.js";
import type { ProofOptions } from "./options.js";

const MiB = 2 ** 20;

/** Default budget: three quarters of the machine's memory. */
export function defaultMemoryBudgetMiB(): number {
  return Math.floor((0.75 * totalmem()) / MiB);
}

/** Bytes a proof of `air` with `options` needs at its peak (estimate; see the header). */
export function proofMemoryEstimate(air: Air, options: ProofOptions): number {
  const N = air.traceLength * options.blowup;
  const d = options.fieldExtension;
  let layout: CompositionLayout | undefined;
  try {
    layout = compositionLayout(air, options);
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
  }
  const k = (layout?.columns ?? 1) + 1;
  const width = air.traceWidth + (air.aux?.width ?? 0) * d;
  const words = N * (2 * width + 3 * k * d + 4 * d); // trace coefficients + LDEs; composition; DEEP and FRI
  const trees = 3 * 2 * N * 32;
  return 2 * (8 * words + trees);
}

/** "1.5 GiB", "300 MiB". */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / MiB)} MiB`;
}
