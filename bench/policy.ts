/**
 * `npm run bench -- policy`: what the strict security policy costs (issue "Sound from model to payment", item 2)
 * on the mission's workload — one proved inference of a 5-feature regression (the cars model's shape) with
 * private weights in zero knowledge, and with public weights without it, at both secure presets — proved with
 * the options for DEFAULT_POLICY and for STRICT_POLICY (src/vm/inference.ts `vmProofOptions`), each verified
 * under its policy. Reports prove and verify time (min / median / max), proof size and both security figures.
 */
import { encryptMany, getParams, keygen, seededRandom } from "../src/lwe/index.js";
import { DEFAULT_POLICY, STRICT_POLICY, securityReportForAir } from "../src/prover/index.js";
import { compileModel } from "../src/vm/compile.js";
import { hashSpecFor, inferenceAir, proveInference, verifyInference, vmProofOptions } from "../src/vm/inference.js";
import type { Measurement } from "./harness.js";

const WEIGHTS = [-7, 12, 3, -20, 9];
const CONSTANT = 41;
const X = [3, 14, 0, 7, 11];

function stats(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

export function benchPolicy(o: { quick: boolean }): Measurement[] {
  const runs = o.quick ? 1 : 3;
  const out: Measurement[] = [];
  for (const id of ["f128-128", "goldilocks-128"]) {
    const params = getParams(id);
    const spec = hashSpecFor(params);
    const rnd = seededRandom(`bench-policy-${id}`);
    const keys = keygen(params, rnd);
    const inputs = encryptMany(keys.publicKey, X, rnd);
    for (const weights of ["private", "public"] as const) {
      const compiled = compileModel({ circuitWeights: WEIGHTS, circuitConstant: CONSTANT }, weights, spec.field.modulus);
      const zeroKnowledge = weights === "private";
      for (const [label, policy] of [["default", DEFAULT_POLICY], ["strict", STRICT_POLICY]] as const) {
        const options = vmProofOptions(params, { zeroKnowledge, strict: label === "strict" });
        const proveMs: number[] = [];
        const verifyMs: number[] = [];
        let last: ReturnType<typeof proveInference> | undefined;
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          last = proveInference(compiled.program, params, compiled.publicValues, inputs, {
            proofOptions: options,
            ...(zeroKnowledge ? { salt: spec.capacity.map((_, i) => BigInt(1000 + i)), random: seededRandom(`bench-policy-zk-${r}`) } : {}),
          });
          proveMs.push(performance.now() - t0);
          const t1 = performance.now();
          const v = verifyInference(last.statement, last.proof, { policy });
          verifyMs.push(performance.now() - t1);
          if (!v.ok) throw new Error(`policy bench: ${id} ${weights} under ${label}: ${v.message}`);
        }
        const sec = securityReportForAir(inferenceAir(last!.statement), options);
        const p = stats(proveMs);
        const v = stats(verifyMs);
        out.push({
          suite: "policy",
          name: `prove under ${label} policy (${weights} weights${zeroKnowledge ? ", zero knowledge" : ""})`,
          params: `${id}, 5 features, blowup ${options.blowup}, ${options.queries} queries, extension ${options.fieldExtension}, ${last!.statement.traceLength} rows`,
          msPerOp: p.median,
          runs,
          extra: {
            preset: id,
            policy: label,
            weights,
            proveMsMin: p.min,
            proveMsMax: p.max,
            verifyMs: v.median,
            verifyMsMin: v.min,
            verifyMsMax: v.max,
            proofBytes: last!.proof.length,
            conjecturedBits: sec.conjectured,
            provenBits: sec.provenListDecoding,
            rssGrowthMiB: 0,
          },
        });
      }
    }
  }
  return out;
}
