/**
 * VM benchmarks (issue "Encrypt zkVM", item 8): trace generation rate (vmTrace rows/s and steps/s on a
 * 30-feature regression) and the fast executor (execute on full LWE ciphertexts, per inference); then prove
 * time, verify time, proof size, conjectured security and RSS growth of proved encrypted inference for the
 * thesis example and compiled 1-, 4-, 10- and 30-feature regressions with public weights at "thesis-u8" (raw
 * cells) and "f128-128" (n = 3072, compressed lanes), with private weights in zero knowledge at f128-128, and
 * at the default field's "goldilocks-128" (n = 2096, 3 lanes, Rp64 program hash).
 * The f128-128 rows carry the prove-time ratio f128-128 / thesis-u8 for the same program (design goal ≤ 1.2×:
 * proving cost independent of the LWE dimension). Every proof is verified and its output decrypted with the
 * secret key to the clear computation's value.
 */
import { readFileSync } from "node:fs";
import { type Ciphertext, type KeyPair, type LweParams, decrypt, encryptMany, getParams, keygen, modulusOf, seededRandom } from "../src/lwe/index.js";
import { F128_FIELD } from "../src/math/prime-fields.js";
import { DEFAULT_POLICY, type ProofOptions, proofOptions, securityReportForAir, ZK_OPTIONS } from "../src/prover/index.js";
import { type Program, assemble } from "../src/vm/assembler.js";
import { compileModel } from "../src/vm/compile.js";
import { execute, lweAlgebra } from "../src/vm/executor.js";
import { type CiphertextMode, type InferenceStatement, ciphertextCells, inferenceAir, proveInference, requiredMode, verifyInference, vmPublicInputs } from "../src/vm/inference.js";
import { OPCODES, immediateBitsOf } from "../src/vm/isa.js";
import { programHash } from "../src/vm/program-hash.js";
import { hashSpecFor } from "../src/vm/inference.js";
import { vmTrace } from "../src/vm/trace.js";
import { vmTraceLength } from "../src/vm/air/vm-air.js";
import { type Measurement, randomInt, spread, time } from "./harness.js";
import { benchVmTargets } from "./vm-targets.js";
import { benchVmBatch } from "./vm-batch.js";

const F = F128_FIELD;
const PRESET_IDS = ["thesis-u8", "f128-128"] as const;
/** Over Goldilocks: the Rp64 hash rounds have degree 8 (blowup 16); cubic extension; 128 bits conjectured. */
const GOLDILOCKS_OPTIONS: ProofOptions = proofOptions({ blowup: 16, grindingBits: 16 });
/** Over f128 (no extension): 123 bits conjectured with 16 bits of grinding. */
const PUBLIC_OPTIONS: ProofOptions = proofOptions({ fieldExtension: 1, grindingBits: 16 });
const ZK_F128: ProofOptions = proofOptions({ ...ZK_OPTIONS, fieldExtension: 1 });

/** A program with its inputs and the integer the clear computation gives (before reduction mod t). */
interface Case {
  readonly label: string;
  readonly program: Program;
  readonly publicValues: readonly bigint[];
  /** Plaintext inputs, one per read2. */
  readonly x: readonly number[];
  readonly expected: bigint;
  readonly salt?: readonly bigint[];
}

function thesisCase(): Case {
  const program = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
  // b1..b4 = 3, 2, 4, 2 and b0 = 1 on x = 2, 3, 3, 2: 6 + 6 + 12 + 4 + 1 = 29
  return { label: "thesis example (lr.txt)", program, publicValues: [3n, 2n, 4n, 2n, 1n], x: [2, 3, 3, 2], expected: 29n };
}

/** A random regression: weights in [−20, 20], constant in [−100, 100], inputs in [0, 15] (fit t = 256 unsigned). */
function regressionCase(features: number, weights: "public" | "private", modulus: bigint = F.modulus): Case {
  const rnd = seededRandom(`bench-vm-model-${features}`);
  const circuitWeights = Array.from({ length: features }, () => randomInt(rnd, -20, 20));
  const circuitConstant = randomInt(rnd, -100, 100);
  const x = Array.from({ length: features }, () => randomInt(rnd, 0, 15));
  const compiled = compileModel({ circuitWeights, circuitConstant }, weights, modulus);
  const expected = BigInt(circuitWeights.reduce((s, w, j) => s + w * x[j]!, circuitConstant));
  return {
    label: `${features}-feature regression, ${weights} weights`,
    program: compiled.program,
    publicValues: compiled.publicValues,
    x,
    expected,
    ...(weights === "private" ? { salt: [0x5eedn + BigInt(features), 0xc0ffeen] as const } : {}),
  };
}

/** The clear result as decryption returns it: reduced mod t, centred for signed encodings. */
function reduce(params: LweParams, v: bigint): bigint {
  const t = BigInt(params.plaintextModulus);
  let m = ((v % t) + t) % t;
  if (params.encoding === "signed" && m > (t - 1n) / 2n) m -= t;
  return m;
}

function modeLabel(mode: CiphertextMode, params: LweParams): string {
  return mode === "raw" ? `raw, ${params.n + 1} cells` : `${mode} lanes`;
}

const MiB = 2 ** 20;
const kilo = (v: number): string => (v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(0));

interface Keys {
  readonly params: LweParams;
  readonly keys: KeyPair;
}

const median = (xs: number[]): number => spread(xs).msPerOp;

type Row = { m: Omit<Measurement, "extra">; extra: Record<string, number | string> };

/**
 * Proves `c` `runs` times at each of `keySets`, interleaving the presets run by run so that they see the same
 * machine load (median prove and verify time; RSS growth over the first run). Verifies every proof and decrypts
 * the output with the secret key; throws unless it equals the clear computation.
 */
function proveCase(keySets: readonly Keys[], c: Case, options: ProofOptions, optionsLabel: string, runs: number): Row[] {
  const states = keySets.map(({ params, keys }) => ({
    params,
    secretKey: keys.secretKey,
    inputs: encryptMany(keys.publicKey, c.x, seededRandom(`bench-vm-x-${params.id}-${c.label}`)),
    proveTimes: [] as number[],
    verifyTimes: [] as number[],
    rssGrowth: 0,
    rss: 0,
    last: undefined as { statement: InferenceStatement; proof: Uint8Array } | undefined,
  }));
  for (let run = 0; run < runs; run++) {
    for (const st of states) {
      const before = process.memoryUsage().rss;
      const t0 = performance.now();
      st.last = proveInference(c.program, st.params, c.publicValues, st.inputs, { proofOptions: options, ...(c.salt ? { salt: c.salt } : {}) });
      st.proveTimes.push(performance.now() - t0);
      if (run === 0) {
        st.rss = process.memoryUsage().rss;
        st.rssGrowth = Math.max(0, (st.rss - before) / MiB);
      }
      const t1 = performance.now();
      const r = verifyInference(st.last.statement, st.last.proof, { policy: DEFAULT_POLICY });
      st.verifyTimes.push(performance.now() - t1);
      if (!r.ok) throw new Error(`vm bench: ${c.label} at ${st.params.id}: the proof does not verify (${r.check}: ${r.message})`);
    }
  }
  return states.map((st) => {
    const { params } = st;
    const { statement, proof } = st.last!;
    const got = decrypt(st.secretKey, statement.outputs[0]!);
    const want = reduce(params, c.expected);
    if (got !== want) throw new Error(`vm bench: ${c.label} at ${params.id}: the output decrypts to ${got}, the clear computation gives ${want}`);
    if (c.salt && statement.publicValues.length !== 0) throw new Error(`vm bench: ${c.label}: private weights leaked into the public values`);
    // the statement work inside proveInference (fast executor on full ciphertexts, program hash, raw or
    // compressed cells): the part of proving that grows with n
    const t0 = performance.now();
    vmPublicInputs(statementOf(params, c, st.inputs));
    const statementMs = performance.now() - t0;
    const sec = securityReportForAir(inferenceAir(statement), options);
    return {
      m: {
        suite: "vm",
        name: `prove ${c.label} (${optionsLabel})`,
        params: `${params.id} (${modeLabel(statement.mode, params)}), ${c.program.instructions.length} steps, 2^${Math.log2(statement.traceLength)} rows`,
        ...spread(st.proveTimes),
      },
      extra: {
        preset: params.id,
        mode: String(statement.mode),
        steps: c.program.instructions.length,
        traceLength: statement.traceLength,
        proveMsMin: Math.min(...st.proveTimes),
        statementMs,
        conjecturedBits: sec.conjectured,
        proofBytes: proof.length,
        verifyMs: median(st.verifyTimes),
        rssGrowthMiB: st.rssGrowth,
        rssMiB: st.rss / MiB,
        decrypted: got.toString(),
      },
    };
  });
}

/** The statement the prover would build (fast executor on full ciphertexts, then raw or compressed cells). */
function statementOf(params: LweParams, c: Case, inputs: readonly Ciphertext[]): InferenceStatement {
  const mode = requiredMode(params);
  const spec = hashSpecFor(params);
  const { output } = execute(spec.field, c.program, { publicValues: c.publicValues, ciphertexts: inputs }, lweAlgebra(params), { ciphertextCells: ciphertextCells(params, mode) });
  return {
    params,
    opcodes: c.program.instructions.map((i) => OPCODES[i.op]),
    programHash: programHash(c.program, c.salt, spec, c.publicValues),
    publicValues: c.publicValues,
    rows: 1,
    inputs,
    outputs: [output],
    scalarOutputs: [],
    mode,
    traceLength: vmTraceLength(c.program.instructions.length),
    immediateBits: immediateBitsOf(c.program.instructions, spec.field.modulus),
  };
}

/** Trace generation and the fast executor on a 30-feature regression at both presets. */
function benchExecution(allKeys: readonly Keys[], quick: boolean): Measurement[] {
  const out: Measurement[] = [];
  const budget = quick ? 300 : 1500;
  const c = regressionCase(30, "public");
  const steps = c.program.instructions.length;
  for (const { params, keys } of allKeys) {
    const inputs = encryptMany(keys.publicKey, c.x, seededRandom(`bench-vm-x-${params.id}-${c.label}`));
    const mode = requiredMode(params);
    const alg = lweAlgebra(params);
    const cells = ciphertextCells(params, mode);
    const ex = time(() => execute(F, c.program, { publicValues: c.publicValues, ciphertexts: inputs }, alg, { ciphertextCells: cells }), budget, 3, 500);
    out.push({
      suite: "vm",
      name: "execute (fast executor, full LWE ciphertexts), per inference",
      params: `${params.id}, ${c.label}, ${steps} steps, ${kilo((steps / ex.msPerOp) * 1000)} steps/s`,
      ...ex,
      extra: { preset: params.id, steps, stepsPerSecond: (steps / ex.msPerOp) * 1000, inferencesPerSecond: 1000 / ex.msPerOp },
    });
    const statement = statementOf(params, c, inputs);
    if (decrypt(keys.secretKey, statement.outputs[0]!) !== reduce(params, c.expected)) throw new Error(`vm bench: execute at ${params.id} decrypts to the wrong value`);
    const cellsTime = time(() => vmPublicInputs(statement), budget, 3, 200);
    out.push({
      suite: "vm",
      name: `statement cells (${mode === "raw" ? "raw components" : `compress n + 1 = ${params.n + 1} components to ${mode} lanes`})`,
      params: `${params.id}, ${c.label}, ${c.x.length + 1} ciphertexts`,
      ...cellsTime,
      extra: { preset: params.id, mode: String(mode), ciphertexts: c.x.length + 1 },
    });
    const pub = vmPublicInputs(statement);
    const rows = statement.traceLength;
    const run = { program: c.program, publicValues: c.publicValues, inputs: pub.inputs, delta: params.delta, body: pub.body, traceLength: rows };
    const traced = vmTrace(run);
    if (traced.publicInputs.outputs.flat().some((v, i) => v !== pub.outputs.flat()[i])) throw new Error(`vm bench: vmTrace at ${params.id} computes another output than the executor`);
    const tr = time(() => vmTrace(run), budget, 3, 500);
    out.push({
      suite: "vm",
      name: `vmTrace (trace generation, ${modeLabel(mode, params)})`,
      params: `${params.id}, ${c.label}, 2^${Math.log2(rows)} rows: ${kilo((rows / tr.msPerOp) * 1000)} rows/s, ${kilo((steps / tr.msPerOp) * 1000)} steps/s`,
      ...tr,
      extra: {
        preset: params.id,
        steps,
        traceLength: rows,
        traceWidth: traced.trace.length,
        rowsPerSecond: (rows / tr.msPerOp) * 1000,
        stepsPerSecond: (steps / tr.msPerOp) * 1000,
      },
    });
  }
  return out;
}

export function benchVm(options: { quick: boolean }): Measurement[] {
  const allKeys: Keys[] = PRESET_IDS.map((id) => {
    const params = getParams(id);
    if (modulusOf(params).q !== F.modulus) throw new Error(`vm bench: ${id} is not over f128`);
    return { params, keys: keygen(params, seededRandom(`bench-vm-keys-${id}`)) };
  });
  // issue 14's targets first: the mission's workload at the default field and policy
  const out = [...benchVmTargets(options), ...benchVmBatch(options), ...benchExecution(allKeys, options.quick)];
  const runs = options.quick ? 3 : 7;
  // warm the prover (JIT, caches) so that the first measured case is not penalised in the preset comparison
  proveCase(allKeys, thesisCase(), PUBLIC_OPTIONS, "warm-up", 1);

  // Public weights at both presets: the same program and inputs, so the prove times compare directly.
  const featureCounts = options.quick ? [4] : [1, 4, 10, 30];
  for (const c of [thesisCase(), ...featureCounts.map((f) => regressionCase(f, "public"))]) {
    const rows = proveCase(allKeys, c, PUBLIC_OPTIONS, "f128, 123-bit", runs);
    const base = rows.find((r) => r.extra.preset === "thesis-u8")!;
    for (const { m, extra } of rows) {
      if (extra.preset === "thesis-u8") {
        out.push({ ...m, extra });
        continue;
      }
      const ratio = m.msPerOp / base.m.msPerOp;
      extra.proveRatioVsThesisU8 = ratio;
      extra.proveRatioMinVsThesisU8 = Number(extra.proveMsMin) / Number(base.extra.proveMsMin);
      out.push({ ...m, params: `${m.params}, ×${ratio.toFixed(2)} thesis-u8 (min ×${Number(extra.proveRatioMinVsThesisU8).toFixed(2)})`, extra });
    }
  }

  // Private weights (push immediates, salted program hash) in zero knowledge at the secure preset.
  const f128 = allKeys.filter((k) => k.params.id === "f128-128");
  for (const f of options.quick ? [4] : [4, 10, 30]) {
    for (const { m, extra } of proveCase(f128, regressionCase(f, "private"), ZK_F128, "zero knowledge", runs)) out.push({ ...m, extra });
  }

  // The default field: goldilocks-128 (n = 2096, 3 lanes), program hash with Rp64 rounds.
  const gl = getParams("goldilocks-128");
  const glKeys: Keys[] = [{ params: gl, keys: keygen(gl, seededRandom("bench-vm-keys-goldilocks-128")) }];
  for (const c of [thesisCase(), ...(options.quick ? [4] : [4, 10]).map((f) => regressionCase(f, "public", modulusOf(gl).q))])
    for (const { m, extra } of proveCase(glKeys, c, GOLDILOCKS_OPTIONS, "Goldilocks, blowup 16", runs)) out.push({ ...m, extra });
  return out;
}
