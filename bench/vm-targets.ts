/**
 * The mission's workload against issue 14's targets (`npm run bench -- vm`): proved encrypted inference at
 * goldilocks-128 (n = 2096, 3 lanes) with the default policy's options (`vmProofOptions`): 300- and 1,000-feature
 * public-weight models, a 100-feature private-weight model with and without zero knowledge, a 2-feature model end
 * to end (encryption excluded: execute, trace, prove, verify, decrypt), and prove time against trace rows from 2^6
 * to 2^16 (the scaling series: n log n, not n²). Each row records min / median / max over its runs, the verify
 * time, the proof size and the RSS growth of the first run, and every proof is verified and decrypted to the clear
 * result before a time is reported.
 */
import { type Ciphertext, type KeyPair, type LweParams, decrypt, encryptMany, getParams, keygen, modulusOf, seededRandom } from "../src/lwe/index.js";
import { DEFAULT_POLICY, type ProofOptions, securityReportForAir } from "../src/prover/index.js";
import { compileModel } from "../src/vm/compile.js";
import { vmTraceLength } from "../src/vm/air/vm-air.js";
import { inferenceAir, proveInference, verifyInference, vmProofOptions } from "../src/vm/inference.js";
import { type Measurement, randomInt } from "./harness.js";

const MiB = 2 ** 20;

/** One issue-14 target: what is measured, the bound and its unit. */
export interface Target {
  readonly what: string;
  readonly limit: number;
  readonly unit: "ms" | "KiB" | "MiB" | "×";
}

interface Model {
  readonly features: number;
  readonly weights: "public" | "private";
}

/** Distinct ciphertexts for up to 64 features; longer models reuse them in turn (encrypting 16k rows would dominate). */
const DISTINCT_INPUTS = 64;

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s.at(-1)! };
};

/** Proves `model` `runs` times; verifies and decrypts each proof; returns the measurement row. */
function measure(params: LweParams, keys: KeyPair, model: Model, zeroKnowledge: boolean, runs: number, label: string): Measurement {
  const rnd = seededRandom(`bench-vm-targets-${model.features}-${model.weights}`);
  const q = modulusOf(params).q;
  const circuitWeights = Array.from({ length: model.features }, () => randomInt(rnd, -20, 20));
  const circuitConstant = randomInt(rnd, -100, 100);
  const x = Array.from({ length: model.features }, () => randomInt(rnd, 0, 15));
  const compiled = compileModel({ circuitWeights, circuitConstant }, model.weights, q);
  const distinct = encryptMany(keys.publicKey, x.slice(0, DISTINCT_INPUTS), seededRandom(`bench-vm-targets-x-${model.features}`));
  const inputs: Ciphertext[] = x.map((_, j) => distinct[j % DISTINCT_INPUTS]!);
  const xUsed = x.map((_, j) => x[j % DISTINCT_INPUTS]!);
  const clear = BigInt(xUsed.reduce((s, v, j) => s + v * circuitWeights[j]!, circuitConstant));
  const options: ProofOptions = vmProofOptions(params, { zeroKnowledge, steps: compiled.program.instructions.length });
  const salt = model.weights === "private" ? ([0x5eedn, BigInt(model.features), 3n, 4n] as const) : undefined;
  const prove = () =>
    proveInference(compiled.program, params, compiled.publicValues, inputs, {
      proofOptions: options,
      ...(salt ? { salt } : {}),
      ...(zeroKnowledge ? {} : { insecure: { revealWeightsWithoutZeroKnowledge: model.weights === "private" } }),
    });
  const proveMs: number[] = [];
  const verifyMs: number[] = [];
  const endToEndMs: number[] = [];
  let rss = 0;
  let last: ReturnType<typeof prove> | undefined;
  for (let r = 0; r < runs; r++) {
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    last = prove();
    proveMs.push(performance.now() - t0);
    if (r === 0) rss = Math.max(0, (process.memoryUsage().rss - before) / MiB);
    const t1 = performance.now();
    const v = verifyInference(last.statement, last.proof, { policy: DEFAULT_POLICY });
    verifyMs.push(performance.now() - t1);
    endToEndMs.push(proveMs.at(-1)! + verifyMs.at(-1)!);
    if (!v.ok) throw new Error(`vm targets: ${label}: the proof does not verify (${v.check}: ${v.message})`);
  }
  const t = BigInt(params.plaintextModulus);
  let want = ((clear % t) + t) % t;
  if (params.encoding === "signed" && want > (t - 1n) / 2n) want -= t;
  const got = decrypt(keys.secretKey, last!.statement.outputs[0]!);
  if (got !== want) throw new Error(`vm targets: ${label}: the output decrypts to ${got}, the clear model gives ${want}`);
  const p = stats(proveMs);
  const v = stats(verifyMs);
  const e2e = stats(endToEndMs);
  return {
    suite: "vm",
    name: label,
    params: `${params.id}, ${model.features} features (${model.weights}), ${last!.statement.traceLength} rows, blowup ${options.blowup}${zeroKnowledge ? ", zero knowledge" : ""}`,
    msPerOp: p.median,
    runs,
    extra: {
      traceLength: last!.statement.traceLength,
      steps: compiled.program.instructions.length,
      proveMsMin: p.min,
      proveMsMax: p.max,
      verifyMs: v.median,
      verifyMsMin: v.min,
      verifyMsMax: v.max,
      endToEndMs: e2e.median,
      endToEndMsMin: e2e.min,
      endToEndMsMax: e2e.max,
      proofBytes: last!.proof.length,
      rssGrowthMiB: rss,
      conjecturedBits: securityReportForAir(inferenceAir(last!.statement), options).conjectured,
      decrypted: got.toString(),
    },
  };
}

/** The most features whose compiled program fits a trace of exactly `rows` rows (vmTraceLength of its steps). */
function featuresForRows(rows: number, q: bigint): number {
  const fits = (f: number) => vmTraceLength(compileModel({ circuitWeights: new Array<number>(f).fill(3), circuitConstant: 1 }, "public", q).program.instructions.length) <= rows;
  let lo = 1;
  let hi = rows;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows of issue 14's bench table, then the scaling series; each compared with its target in `extra`. */
export function benchVmTargets(options: { quick: boolean }): Measurement[] {
  const params = getParams("goldilocks-128");
  const keys = keygen(params, seededRandom("bench-vm-targets-keys"));
  const runs = options.quick ? 2 : 5;
  const out: Measurement[] = [];
  const check = (m: Measurement, targets: readonly Target[], value: (t: Target) => number): Measurement => {
    const extra: Record<string, number | string> = { ...m.extra };
    targets.forEach((t, i) => {
      const v = value(t);
      extra[`target${i}`] = `${t.what} ${v.toFixed(t.unit === "×" ? 2 : 1)} ${t.unit} ≤ ${t.limit} ${t.unit}: ${v <= t.limit ? "met" : "missed"}`;
    });
    return { ...m, extra };
  };
  const common: Target[] = [
    { what: "verify", limit: 30, unit: "ms" },
    { what: "proof", limit: 100, unit: "KiB" },
  ];
  const commonValue = (m: Measurement) => (t: Target) => (t.what === "verify" ? Number(m.extra!.verifyMs) : Number(m.extra!.proofBytes) / 1024);

  // end to end, encryption excluded: execute on the ciphertexts, statement, trace, commitment, prove, verify
  const small = measure(params, keys, { features: 2, weights: "public" }, false, runs * 4, "2-feature inference (end to end: prove + verify)");
  out.push(check(small, [{ what: "prove + verify", limit: 120, unit: "ms" }], () => Number(small.extra!.endToEndMs)));
  for (const features of options.quick ? [300] : [300, 1000]) {
    const m = measure(params, keys, { features, weights: "public" }, false, runs, `${features}-feature public-weight inference`);
    out.push(check(m, [{ what: "prove", limit: features === 300 ? 1000 : 3000, unit: "ms" }, ...common], (t) => (t.what === "prove" ? m.msPerOp : commonValue(m)(t))));
  }
  const zk = measure(params, keys, { features: 100, weights: "private" }, true, runs, "100-feature private-weight inference, zero knowledge");
  const plain = measure(params, keys, { features: 100, weights: "private" }, false, runs, "100-feature private-weight inference, no zero knowledge (cost reference)");
  out.push(
    check(zk, [{ what: "prove", limit: 1000, unit: "ms" }, { what: "zero-knowledge cost", limit: 1.5, unit: "×" }, ...common], (t) =>
      t.what === "prove" ? zk.msPerOp : t.what === "zero-knowledge cost" ? zk.msPerOp / plain.msPerOp : commonValue(zk)(t),
    ),
    plain,
  );
  // scaling: prove time against rows (n log n expected); RSS growth at the largest
  const top = options.quick ? 12 : 16;
  for (let log = 6; log <= top; log += 2) {
    const m = measure(params, keys, { features: featuresForRows(2 ** log, modulusOf(params).q), weights: "public" }, false, log >= 14 ? 1 : Math.min(runs, 3), `scaling: 2^${log} rows`);
    out.push(log === 16 ? check(m, [{ what: "RSS growth", limit: 1024, unit: "MiB" }], () => Number(m.extra!.rssGrowthMiB)) : m);
  }
  return out;
}
