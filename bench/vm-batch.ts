/**
 * Batches of rows in one proof against issue 15's targets (`npm run bench -- vm`): the cars regression (5 features,
 * 8 bits, public weights — `encryptai prove`'s default) over B = 1, 10, 100, 1,000 rows, and the 3-class penguins
 * classifier over 100 rows, at goldilocks-128 with the default policy's options (`vmProofOptions`). Each row records
 * min / median / max prove time over its runs, the verify time, the STARK proof's size, the proof file's size (it
 * carries the input and output ciphertexts) and the cost per row; every proof is verified under DEFAULT_POLICY and
 * every output decrypted to the clear quantised model's result before a time is reported.
 */
import { type Ciphertext, type KeyPair, decrypt, encryptMany, getParams, keygen, modulusOf, seededRandom } from "../src/lwe/index.js";
import { DEFAULT_POLICY } from "../src/prover/index.js";
import { DATASETS, classFromScores, clearAccumulator, loadDataset, quantizeRow, quantizedScores, scoresFromAccumulators, trainLinearClassifier, trainLinearRegression, wrapToPlaintext } from "../src/regression/index.js";
import type { QuantizedLinearModel } from "../src/regression/quantized-model.js";
import { type CompiledModel, classifierTape, compileClassifier, compileModel } from "../src/vm/compile.js";
import { ciphertextCells, proveInference, requiredMode, verifyInference, vmProofOptions } from "../src/vm/inference.js";
import { encodeProofFile } from "../src/vm/proof-file.js";
import type { Measurement } from "./harness.js";
import type { HashName } from "../src/hash/index.js";

const params = getParams("goldilocks-128");
const q = modulusOf(params).q;

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s.at(-1)! };
};

interface BatchCase {
  readonly label: string;
  readonly compiled: CompiledModel;
  /** Per input row: the input tape (a classifier reads the row once per class score). */
  readonly tapes: readonly (readonly Ciphertext[])[];
  /** Per input row: what each output must decrypt to. */
  readonly expected: readonly (readonly bigint[])[];
  readonly targets: readonly { readonly what: string; readonly limit: number; readonly unit: "ms" | "KiB"; readonly value: (e: Record<string, number>) => number }[];
}

/** Proves the first `rows` rows of a case `runs` times; verifies and decrypts every proof. */
function measure(c: BatchCase, rows: number, runs: number, keys: KeyPair, hash?: HashName): Measurement {
  const inputs = c.tapes.slice(0, rows).flat();
  const base = vmProofOptions(params, { zeroKnowledge: false, steps: c.compiled.program.instructions.length });
  const options = hash ? { ...base, hash } : base;
  const prove = () => proveInference(c.compiled.program, params, c.compiled.publicValues, inputs, { proofOptions: options, rows });
  prove(); // a warm-up run: JIT and caches
  const proveMs: number[] = [];
  const verifyMs: number[] = [];
  let last: ReturnType<typeof prove> | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    last = prove();
    proveMs.push(performance.now() - t0);
    const t1 = performance.now();
    const v = verifyInference(last.statement, last.proof, { policy: DEFAULT_POLICY });
    verifyMs.push(performance.now() - t1);
    if (!v.ok) throw new Error(`vm batch bench: ${c.label}, ${rows} rows: the proof does not verify (${v.check}: ${v.message})`);
  }
  const got = last!.statement.outputs.map((ct) => decrypt(keys.secretKey, ct));
  const want = c.expected.slice(0, rows).flat();
  const wrong = got.findIndex((g, i) => g !== want[i]);
  if (wrong >= 0 || got.length !== want.length) throw new Error(`vm batch bench: ${c.label}, ${rows} rows: output ${wrong} decrypts to ${got[wrong]}, the clear quantised model gives ${want[wrong]}`);
  const p = stats(proveMs);
  const v = stats(verifyMs);
  const fileBytes = encodeProofFile(last!.statement, last!.proof).length;
  const extra: Record<string, number> = {
    rows,
    traceLength: last!.statement.traceLength,
    programSteps: c.compiled.program.instructions.length,
    proveMsMin: p.min,
    proveMsMax: p.max,
    proveMsPerRow: p.median / rows,
    verifyMs: v.median,
    verifyMsMin: v.min,
    verifyMsMax: v.max,
    proofBytes: last!.proof.length,
    proofFileBytes: fileBytes,
    outputs: got.length,
  };
  const targets: Record<string, string> = {};
  c.targets.forEach((t, i) => {
    const value = t.value(extra);
    targets[`target${i}`] = `${t.what} ${value.toFixed(1)} ${t.unit} ≤ ${t.limit} ${t.unit}: ${value <= t.limit ? "met" : "missed"}`;
  });
  return {
    suite: "vm",
    name: `${c.label}, ${rows} row${rows === 1 ? "" : "s"} in one proof${hash ? `, ${hash} commitments` : ""}`,
    params: `${params.id}, ${rows} rows, trace 2^${Math.log2(last!.statement.traceLength)}, blowup ${options.blowup}, hash ${options.hash}, ${(p.median / rows).toFixed(1)} ms/row`,
    msPerOp: p.median,
    runs,
    minMs: p.min,
    maxMs: p.max,
    warmups: 1,
    extra: { ...extra, ...targets },
  };
}

/** `count` rows drawn in turn from a data set's rows (1,000 rows of the 406-car table repeat cars; each row is encrypted afresh). */
const cycle = <T>(xs: readonly T[], count: number): T[] => Array.from({ length: count }, (_, i) => xs[i % xs.length]!);

function encryptRows(keys: KeyPair, quantized: QuantizedLinearModel, rows: readonly ArrayLike<number>[], seed: string): Ciphertext[][] {
  const f = quantized.circuitWeights.length;
  const flat = encryptMany(keys.publicKey, rows.flatMap((r) => quantizeRow(quantized, r)), seededRandom(seed));
  return rows.map((_, b) => flat.slice(b * f, (b + 1) * f));
}

function carsCase(keys: KeyPair, count: number): BatchCase {
  const d = DATASETS.cars!;
  const { model, data } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const rows = cycle(data.x, count);
  const quantized = model.quantized;
  return {
    label: "cars regression (5 features, public weights)",
    compiled: compileModel(quantized, "public", q),
    tapes: encryptRows(keys, quantized, rows, "bench-vm-batch-cars"),
    expected: rows.map((r) => [wrapToPlaintext(params, clearAccumulator(quantized, quantizeRow(quantized, r)))]),
    targets: [
      { what: "prove 1,000 rows", limit: 10_000, unit: "ms", value: (e) => (e.rows === 1000 ? e.proveMsPerRow! * 1000 : NaN) },
      { what: "STARK proof", limit: 200, unit: "KiB", value: (e) => e.proofBytes! / 1024 },
    ],
  };
}

function penguinsCase(keys: KeyPair, count: number): BatchCase {
  const d = DATASETS.penguins!.classification!;
  const { model, data, test } = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const rows = cycle(
    test.map((i) => data.x[i]!),
    count,
  );
  const k = model.quantized.length;
  const encrypted = encryptRows(keys, model.quantized[0]!, rows, "bench-vm-batch-penguins");
  // the decrypted scores must give the quantised model's class on every row
  rows.forEach((r) => {
    const scores = model.quantized.map((s) => Number(wrapToPlaintext(params, clearAccumulator(s, quantizeRow(s, r)))));
    if (classFromScores(scoresFromAccumulators(model.quantized, scores)) !== classFromScores(quantizedScores(model.quantized, r))) throw new Error("vm batch bench: the penguins scores do not give the quantised class");
  });
  return {
    label: `penguins species classifier (${k} classes, ${d.features.length} features, public weights)`,
    compiled: compileClassifier(model.quantized, "public", q, ciphertextCells(params, requiredMode(params))),
    tapes: encrypted.map((row) => classifierTape(row, k)),
    expected: rows.map((r) => model.quantized.map((s) => wrapToPlaintext(params, clearAccumulator(s, quantizeRow(s, r))))),
    targets: [{ what: "prove 100 rows", limit: 3000, unit: "ms", value: (e) => (e.rows === 100 ? e.proveMsPerRow! * 100 : NaN) }],
  };
}

export function benchVmBatch(options: { quick: boolean }): Measurement[] {
  const keys = keygen(params, seededRandom("bench-vm-batch-keys"));
  const sizes = options.quick ? [1, 10, 100] : [1, 10, 100, 1000];
  const runs = (rows: number) => (options.quick ? 1 : rows >= 1000 ? 3 : 5);
  const cars = carsCase(keys, sizes.at(-1)!);
  const out = sizes.map((b) => measure(cars, b, runs(b), keys));
  const penguins = penguinsCase(keys, 100);
  out.push(measure(penguins, 100, runs(100), keys));
  // issue 16, item 1: the EVM-friendly hashes' cost to the prover, on the same 100-row statement (BLAKE3 above)
  for (const hash of ["sha256", "keccak256"] as const) out.push(measure(cars, 100, runs(100), keys, hash));
  // targets that name another row count do not apply: keep only those measured
  return out.map((m) => ({ ...m, extra: Object.fromEntries(Object.entries(m.extra ?? {}).filter(([, v]) => !(typeof v === "string" && v.includes("NaN")))) }));
}
