/**
 * Step 5 of the protocol (prover.ts), on any backend: the DEEP composition polynomial's values on the LDE domain,
 *
 *   Σ_c γ_c·(T_c − T_c(z))/(X − z) + Σ_j δ_j·(H_j − H_j(z))/(X − z) + Σ_c γ'_c·(T_c − T_c(zω))/(X − zω)  (+ μ·M),
 *
 * T_c running over the main then the auxiliary columns, M the zero-knowledge mask column (ethSTARK, eprint
 * 2021/582, §3; Winterfell `prover::deep_composer`). Dividing by (X − z) is linear and drops only the value at z
 * (the out-of-domain evaluation subtracted), so it is computed on the L coefficients: combine the columns, divide
 * each of the two sums by its linear factor (synthetic division), add, extend once — the same values as dividing
 * the LDEs point by point, without the N-point inversions.
 */
import type { Challenge } from "../fields.js";
import type { Ext, ExtVectors } from "../backend/ext-vectors.js";

export interface DeepInputs<V> {
  /** The main trace columns' coefficients (L each). */
  readonly traceCoeffs: readonly V[];
  /** The auxiliary columns' coefficients (L each), after the main ones in γ's order. */
  readonly auxCoeffs: readonly Ext<V>[];
  /** The composition columns' coefficients (L each). */
  readonly hCoeffs: readonly Ext<V>[];
  /** Zero knowledge: the random mask column's coefficients (L), added undivided with the last γ. */
  readonly maskCoeffs?: Ext<V>;
  /** γ: two per trace column (main, then auxiliary), one per composition column, one for the mask. */
  readonly gamma: readonly Challenge[];
  readonly z: Challenge;
  readonly zw: Challenge;
  /** Points of the LDE domain offset·⟨ω_size⟩. */
  readonly size: number;
  readonly offset: bigint;
}

export function deepValues<V>(X: ExtVectors<V>, p: DeepInputs<V>): Ext<V> {
  const w = p.traceCoeffs.length;
  const cols = w + p.auxCoeffs.length;
  const evens = Array.from({ length: w }, (_, c) => p.gamma[2 * c]!);
  const odds = Array.from({ length: w }, (_, c) => p.gamma[2 * c + 1]!);
  let [a, b] = X.combineBase(p.traceCoeffs, [evens, odds]) as [Ext<V>, Ext<V>];
  p.auxCoeffs.forEach((col, c) => {
    a = X.add(a, X.mulConst(col, p.gamma[2 * (w + c)]!));
    b = X.add(b, X.mulConst(col, p.gamma[2 * (w + c) + 1]!));
  });
  p.hCoeffs.forEach((h, j) => (a = X.add(a, X.mulConst(h, p.gamma[2 * cols + j]!))));
  let deep = X.add(X.divByLinear(a, p.z), X.divByLinear(b, p.zw));
  if (p.maskCoeffs) deep = X.add(deep, X.mulConst(p.maskCoeffs, p.gamma[2 * cols + p.hCoeffs.length]!));
  return X.B.cosetLdeMany(deep, p.size / X.length(deep), p.offset);
}
