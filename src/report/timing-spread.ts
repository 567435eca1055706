/**
 * The spread of repeated timings: median (the mean of the middle two for an even count), fastest and slowest, and
 * how many. One definition for the benchmark harness (bench/harness.ts) and the notebooks that time things.
 */
export interface TimingSpread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function timingSpread(samples: readonly number[]): TimingSpread {
  if (samples.length === 0) throw new Error("timing spread: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}
