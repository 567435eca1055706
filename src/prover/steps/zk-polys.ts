/**
 * The prover's zero-knowledge polynomials on any backend (docs/prover.md, "Zero knowledge"): the randomised trace
 * T + (X^n − 1)·R and the masked composition chunks (layout.ts). The randomness itself comes from zk.ts.
 */
import { ProverError } from "../errors.js";
import type { CompositionLayout } from "../layout.js";
import type { Backend } from "../backend/backend.js";
import type { Ext } from "../backend/ext-vectors.js";

/**
 * Coefficients of T + (X^n − 1)·R from T's n coefficients and R's n: (T − R ‖ R), 2n coefficients, equal to T on
 * the trace domain (X^n = 1 there), uniformly random at any n points outside it.
 */
export function randomizeCoefficients<V>(B: Backend<V>, coeffs: V, r: V): V {
  if (B.length(r) !== B.length(coeffs)) throw new ProverError(`trace randomiser has ${B.length(r)} coefficients, the column ${B.length(coeffs)}`);
  return B.concat([B.sub(coeffs, r), r]);
}

/** v with m added (or subtracted) at positions [at, at + |m|). */
function addAt<V>(B: Backend<V>, v: V, m: V, at: number, sign: 1 | -1): V {
  const end = at + B.length(m);
  const mid = B.slice(v, at, end);
  return B.concat([B.slice(v, 0, at), sign === 1 ? B.add(mid, m) : B.sub(mid, m), B.slice(v, end, B.length(v))]);
}

/**
 * The masked chunks H'_j (layout.ts) from the chunks H_j (`stride` coefficients each, coordinate vectors) and k − 1
 * masks M_j of `maskCoefficients` each: chunk j padded to the degree bound, plus M_j at coefficient `stride`, minus
 * M_(j−1) at coefficient 0 — the chunks still sum to H(X) at X^stride steps. Every result has `degreeBound`
 * coefficients.
 */
export function maskChunks<V>(B: Backend<V>, chunks: readonly Ext<V>[], masks: readonly Ext<V>[], layout: CompositionLayout): Ext<V>[] {
  const k = chunks.length;
  if (masks.length !== k - 1) throw new ProverError(`${k} composition chunks need ${k - 1} masks, got ${masks.length}`);
  return chunks.map((h, j) =>
    h.map((v, i) => {
      let out = B.concat([v, B.zeros(layout.degreeBound - B.length(v))]);
      if (j < k - 1) out = addAt(B, out, masks[j]![i]!, layout.stride, 1);
      if (j > 0) out = addAt(B, out, masks[j - 1]![i]!, 0, -1);
      return out;
    }),
  );
}
