/**
 * The node's own proving-time estimate per model and tier (issue 12, item 2): on the first job for a model the node
 * times a calibration run — the job's own computation (the STARK proof, or the execution on the validity tier) on
 * fresh encryptions of zeros under a throwaway LWE key of the model's parameter set — and from then on keeps the
 * largest time it has observed, calibration or real job. Feasibility requires deadline − now ≥ 2 × this + a margin.
 * Measured on this machine under its current load: an estimate, not a bound.
 */
/** stark: proved for the attestors; onchain: proved with the on-chain options and settled by the contract; validity: run only. */
export type ModelTier = "stark" | "onchain" | "validity";

/** The key of one estimate: "<modelId>/<tier>". */
export const estimateKey = (modelId: bigint, tier: ModelTier): string => `${modelId}/${tier}`;

export class ProvingEstimates {
  private readonly ms = new Map<string, number>();

  constructor(private readonly onChange: (key: string, ms: number) => void | Promise<void> = () => undefined) {}

  get(key: string): number | undefined {
    return this.ms.get(key);
  }

  /** Records an observed time: the estimate becomes the largest seen. */
  async observe(key: string, ms: number): Promise<number> {
    if (!Number.isFinite(ms) || ms < 0) return this.ms.get(key) ?? 0;
    const next = Math.max(this.ms.get(key) ?? 0, ms);
    if (next !== this.ms.get(key)) {
      this.ms.set(key, next);
      await this.onChange(key, next);
    }
    return next;
  }

  /** Takes a kept estimate (from the node's state file) without reporting it as a change. */
  restore(key: string, ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.ms.set(key, Math.max(this.ms.get(key) ?? 0, ms));
  }

  /** The estimate for `key`; the first time, the time `calibrate` takes (it throws if the model cannot run). */
  async estimate(key: string, calibrate: () => void | Promise<void>): Promise<number> {
    const known = this.ms.get(key);
    if (known !== undefined) return known;
    const t0 = performance.now();
    await calibrate();
    return this.observe(key, performance.now() - t0);
  }

  entries(): [string, number][] {
    return [...this.ms];
  }
}
