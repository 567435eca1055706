/**
 * Prover benchmarks: prove and verify time, proof size and memory for MiMC over Goldilocks (vector path) and over
 * genSTARK's 128-bit field (generic path) and in zero knowledge (generic path) at growing trace lengths, and the synthetic 2^16 × 32 trace.
 * Goldilocks traces are passed as typed columns (GoldilocksTrace). The side-by-side with genSTARK is bench/genstark.ts.
 */
import { exampleInstance } from "../src/air/examples/registry.js";
import { asGoldilocksTrace, DEFAULT_OPTIONS, GENSTARK_COMPARABLE, INSECURE_TEST_POLICY, type ProofOptions, prove, securityReportForAir, verify, ZK_OPTIONS } from "../src/prover/index.js";
import type { Measurement } from "./harness.js";

export function benchProver(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const sizes = options.quick ? [256, 1024] : [256, 1024, 4096, 16384, 65536];
  const cases: [string, string, ProofOptions][] = [
    ["mimc-goldilocks", "default (cubic ext.)", DEFAULT_OPTIONS],
    ["mimc", "genSTARK-comparable", GENSTARK_COMPARABLE],
    ["mimc-goldilocks", "zero knowledge, ZK_OPTIONS", ZK_OPTIONS],
  ];
  for (const [example, label, o] of cases) {
    for (const steps of sizes) {
      // the bigint paths (128-bit field; zero knowledge) are slow: 2^12 is enough for their trend
      if ((example === "mimc" || o.zeroKnowledge) && steps > 4096) continue;
      const { trace, statement } = goldilocksTyped(example, steps);
      const before = process.memoryUsage().rss;
      const t0 = performance.now();
      const { bytes } = prove(statement.air, trace, o, { validate: false });
      const proveMs = performance.now() - t0;
      const rss = process.memoryUsage().rss;
      const t1 = performance.now();
      const r = verify(statement.air, bytes, { policy: INSECURE_TEST_POLICY }); // correctness only: the security figures are reported below
      const verifyMs = performance.now() - t1;
      if (!r.ok) throw new Error(`${example} ${steps}: ${r.message}`);
      const sec = securityReportForAir(statement.air, o);
      out.push({
        suite: "prover",
        name: `prove ${example} (${label})`,
        params: `2^${Math.log2(steps)} steps`,
        msPerOp: proveMs,
        runs: 1,
        extra: { verifyMs, proofBytes: bytes.length, rssGrowthMiB: Math.max(0, (rss - before) / 2 ** 20), conjecturedBits: sec.conjectured },
      });
    }
  }
  // The synthetic target: a 2^16-row × 32-column trace at ≥ 100-bit conjectured security.
  for (const steps of options.quick ? [4096] : [4096, 65536]) {
    const { trace, statement } = goldilocksTyped("wide32", steps);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const { bytes } = prove(statement.air, trace, DEFAULT_OPTIONS, { validate: false });
    const proveMs = performance.now() - t0;
    const rss = process.memoryUsage().rss;
    const t1 = performance.now();
    const r = verify(statement.air, bytes);
    const verifyMs = performance.now() - t1;
    if (!r.ok) throw new Error(`wide32 ${steps}: ${r.message}`);
    out.push({
      suite: "prover",
      name: "prove wide32 synthetic (32 columns, degree 3, default)",
      params: `2^${Math.log2(steps)} steps`,
      msPerOp: proveMs,
      runs: 1,
      extra: { verifyMs, proofBytes: bytes.length, rssGrowthMiB: Math.max(0, (rss - before) / 2 ** 20), conjecturedBits: securityReportForAir(statement.air, DEFAULT_OPTIONS).conjectured, rssMiB: rss / 2 ** 20 },
    });
  }
  return out;
}

/** The example's trace, as typed columns when it is over Goldilocks (the bigint columns are dropped before proving). */
function goldilocksTyped(example: string, steps: number) {
  const { trace, statement } = exampleInstance(example, steps);
  return { trace: asGoldilocksTrace(statement.air, trace), statement };
}
