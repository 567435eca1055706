/**
 * Step 6 of the protocol (prover.ts), on any backend: a FRI layer held as challenge-field coordinate vectors
 * (backend/ext-vectors.ts), its leaves packed for the Merkle tree and its fold computed over whole vectors. fri.ts
 * drives the commit phase through the `LayerValues` interface and holds the folding rule the verifier checks.
 */
import type { Challenge } from "../fields.js";
import type { LayerValues } from "../fri.js";
import type { Ext, ExtVectors } from "../backend/ext-vectors.js";

export class VectorLayer<V> implements LayerValues {
  constructor(
    private readonly X: ExtVectors<V>,
    private readonly values: Ext<V>,
  ) {}
  get length(): number {
    return this.X.length(this.values);
  }
  get(i: number): Challenge {
    return this.X.get(this.values, i);
  }
  all(): Challenge[] {
    return this.X.toChallenges(this.values);
  }
  /** Leaf j holds the values at j + k·n/f for k < f, each value its coordinates in order: the rows of f parts. */
  packLeaves(f: number): Uint8Array {
    const next = this.length / f;
    const parts = Array.from({ length: f }, (_, k) => this.X.slice(this.values, k * next, (k + 1) * next));
    return this.X.B.packRows(parts.flat());
  }
  fold(g: bigint, alpha: Challenge, f: number): LayerValues {
    return new VectorLayer(this.X, friFold(this.X, this.values, g, alpha, f));
  }
}

/**
 * One FRI fold of a layer on g·⟨ω_n⟩ by factor f: next[j] = (1/f)·Σ_m (α/x_j)^m·Σ_k ζ^(−k·m)·y_{j + k·n/f}
 * (fri.ts `foldWith`, the verifier's rule), evaluated by Horner in (α/x_j) over whole vectors.
 */
export function friFold<V>(X: ExtVectors<V>, cur: Ext<V>, g: bigint, alpha: Challenge, f: number): Ext<V> {
  const B = X.B;
  const F = B.F;
  const n = X.length(cur);
  const next = n / f;
  const part = (k: number): Ext<V> => X.slice(cur, k * next, (k + 1) * next);
  const zetaInv = F.inv(F.rootOfUnity(Math.log2(f)));
  const s: Ext<V>[] = [];
  for (let m = 0; m < f; m++) {
    let acc = X.zeros(next);
    for (let k = 0; k < f; k++) {
      const zk = F.pow(zetaInv, BigInt((k * m) % f));
      const y = part(k);
      acc = acc.map((a, i) => B.axpy(a, y[i]!, zk));
    }
    s.push(acc);
  }
  const xInv = B.powers(F.inv(F.rootOfUnity(Math.log2(n))), next, F.inv(g)); // 1/x_j = g^-1·ω^-j
  const ratio = X.mulBase(X.constant(alpha, next), xInv);
  let acc = s[f - 1]!;
  for (let m = f - 2; m >= 0; m--) acc = X.add(s[m]!, X.mul(ratio, acc));
  const fInv = F.inv(F.fromBigint(BigInt(f)));
  return acc.map((v) => B.scale(v, fInv));
}
