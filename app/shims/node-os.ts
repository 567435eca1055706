/**
 * node:os for the browser bundle: `totalmem` (the prover's memory estimate) from the Device Memory API, which
 * reports at most 8 GiB; 4 GiB where the browser does not say.
 */
export function totalmem(): number {
  const gib = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 4;
  return gib * 2 ** 30;
}

/**
 * One CPU entry: the Node-only helper threads (src/math/goldilocks-parallel.ts, worker_threads) are not used in
 * the browser; the page's own worker already keeps the page responsive.
 */
export function cpus(): { model: string }[] {
  return [{ model: "browser" }];
}

export function tmpdir(): string {
  throw new Error("node:os in the browser: there is no temporary folder");
}

export default { totalmem, cpus, tmpdir };
