/**
 * `encryptai train`, `predict` and `quantize`: the regression lab on the command line. Warnings on stderr (issue
 * 18, item 5): a model no LWE preset can hold (train --bits), inputs clamped to the model's range (quantize,
 * predict); predict says which rows its metrics cover (all rows given, or the model's own test split).
 */
import type { Command } from "commander";
import { PRESETS, getParams, keygen, seededRandom, systemRandom } from "../lwe/index.js";
import {
  CLASSIFIER_FORMAT,
  DATASETS,
  DataError,
  type LinearRegressionModel,
  type Table,
  encryptedPredict,
  getDataset,
  loadCsv,
  loadDataset,
  metrics,
  parseModel,
  plaintextFit,
  trainTestSplit,
  predictFloat,
  predictQuantized,
  type QuantizedLinearModel,
  quantizeRow,
  clampedFeatures,
  clampedRows,
  checkPlaintextFit,
  clearAccumulator,
  wrapToPlaintext,
  selectFeatures,
  selectNumeric,
  serializeModel,
  trainLinearRegression,
} from "../regression/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { CliUsageError, guarded } from "./errors.js";
import { table, toJson } from "./format.js";
import { parseIntStrict, parseNumber } from "./parse.js";
import { checkAllWritable, checkWritable } from "./outputs.js";
import { type ProvedBatch, provedBatch, provedLine, provedSummary } from "./proved-predict.js";
import { progress } from "./progress.js";
import { readModelFile } from "./decode.js";
import { modelFileText, predictClassifierCommand, trainClassifierCommand } from "./classify.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
const list = (s: string): string[] => s.split(",").map((x) => x.trim()).filter((x) => x !== "");

function source(o: { dataset?: string; csv?: string }): Table {
  if ((o.dataset === undefined) === (o.csv === undefined)) throw new CliUsageError("give exactly one of --dataset <name> or --csv <file>");
  return o.dataset !== undefined ? loadDataset(o.dataset) : loadCsv(o.csv!);
}

/** Presets whose plaintext space and noise budget hold the quantised model. */
function presetFit(q: QuantizedLinearModel): string[] {
  return Object.values(PRESETS)
    .map((p) => p.params)
    .filter((p) => plaintextFit(q, p).fits)
    .map((p) => p.id);
}

/** The warning for a model no preset can hold, with the largest preset's reason. */
function noPresetWarning(q: QuantizedLinearModel): string {
  const reasons = Object.values(PRESETS).map((p) => `${p.params.id}: ${plaintextFit(q, p.params).reason ?? "?"}`);
  return `warning: no LWE preset can hold this ${q.nBits}-bit model (encrypted predict and prove will refuse it; try fewer --bits):\n  ${reasons.join("\n  ")}`;
}

/** Raw (unquantised) range [lo, hi] of feature j's quantiser. */
function rawRange(q: QuantizedLinearModel, j: number): [number, number] {
  const z = q.inputs[j]!;
  return [(z.qmin - z.zeroPoint) * z.scale, (z.qmax - z.zeroPoint) * z.scale];
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(4));

export function registerRegression(program: Command): void {
  program
    .command("train")
    .description("train a linear regression or (--task classification) a logistic-regression classifier, quantise it for the VM, write a hashed model file")
    .option("--dataset <name>", `built-in data set (${Object.keys(DATASETS).join(", ")})`)
    .option("--csv <file>", "any CSV file with a header row")
    .option("--features <list>", "feature columns, comma separated (default for built-in data sets)")
    .option("--target <column>", "target column (default for built-in data sets)")
    .option("--bits <n>", "quantisation bits for inputs and weights (2–16)", "8")
    .option("--inputs <encoding>", "input encoding: signed or unsigned (the thesis's uint8)", "signed")
    .option("--weights <encoding>", "weight encoding: signed (symmetric) or unsigned (affine)", "signed")
    .option("--method <m>", "ols (QR least squares) or gd (gradient descent)", "ols")
    .option("--test-fraction <f>", "held-out fraction", "0.2")
    .option("--seed <seed>", "split seed", "encryptai")
    .option("--drop-missing", "drop rows with missing values (always on for built-in data sets)")
    .option("--out <file>", "model file to write")
    .option("--task <task>", "regression (a number) or classification (a class: logistic regression, one-vs-rest for 3+ classes)", "regression")
    .option("--classes <list>", "classification: the classes in order, comma separated (default: every value of the target)")
    .option("--l2 <lambda>", "classification: L2 penalty of the logistic regression", "1")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        if (o.task !== "regression" && o.task !== "classification") throw new CliUsageError(`--task "${String(o.task)}": expected regression or classification`);
        if (o.task === "classification") return trainClassifierCommand(o, () => source(o as { dataset?: string; csv?: string }));
        if (typeof o.classes === "string") throw new CliUsageError("--classes is for --task classification");
        const builtin = typeof o.dataset === "string" ? getDataset(o.dataset) : undefined;
        const features = typeof o.features === "string" ? list(o.features) : builtin?.features;
        const target = typeof o.target === "string" ? o.target : builtin?.target;
        if (!features || features.length === 0) throw new CliUsageError("--features is required with --csv");
        if (!target) throw new CliUsageError("--target is required with --csv");
        const enc = (v: unknown, what: string) => {
          if (v !== "signed" && v !== "unsigned") throw new CliUsageError(`${what} "${String(v)}": expected signed or unsigned`);
          return v;
        };
        if (o.method !== "ols" && o.method !== "gd") throw new CliUsageError(`--method "${String(o.method)}": expected ols or gd`);
        if (typeof o.out === "string") await checkWritable(o.out, { flag: "--out" });
        const input = source(o as { dataset?: string; csv?: string });
        // gradient descent runs up to 20,000 passes over the rows: a bar on a terminal (least squares is one pass)
        const bar = o.method === "gd" ? progress("training (gradient descent, iterations)", 20_000) : undefined;
        const trained = (() => {
          try {
            return trainLinearRegression(input, {
              features,
              target,
              nBits: parseIntStrict(String(o.bits), "--bits"),
              method: o.method,
              inputEncoding: enc(o.inputs, "--inputs"),
              weightEncoding: enc(o.weights, "--weights"),
              testFraction: parseNumber(String(o.testFraction), "--test-fraction"),
              seed: String(o.seed),
              dropMissing: builtin !== undefined || o.dropMissing === true,
              ...(bar ? { gradientDescent: { onProgress: (i: number) => bar.update(i) } } : {}),
            });
          } catch (e) {
            // a text label in the target: the user meant a classifier
            if (e instanceof DataError && e.message.includes(`column "${target}" row `) && e.message.endsWith("is not a number"))
              throw new DataError(`${e.message} — a class label? train a classifier with --task classification`);
            throw e;
          } finally {
            bar?.stop();
          }
        })();
        const { model } = trained;
        const text = serializeModel(model);
        const hash = parseModel(text).hash;
        const fit = presetFit(model.quantized);
        if (fit.length === 0) process.stderr.write(`${noPresetWarning(model.quantized)}\n`);
        if (typeof o.out === "string") await writeFileAtomic(o.out, text);
        if (o.json) return out(toJson({ hash, out: o.out ?? null, presetsThatFit: fit, model }));
        const m = model.training.testMetrics;
        out(`${model.dataset.name}: ${model.target} ← ${model.features.join(", ")} (${model.training.trainRows} train / ${model.training.testRows} test rows${model.dataset.dropped ? `, ${model.dataset.dropped} dropped for missing values` : ""})`);
        out(table(["feature", "weight", "circuit weight"], model.features.map((f, j) => [f, fmt(model.weights[j]!), model.quantized.circuitWeights[j]])));
        out(`intercept ${fmt(model.intercept)}; circuit constant ${model.quantized.circuitConstant}; output scale ${model.quantized.outputScale.toPrecision(6)}`);
        out(table(["test metric", "float", `quantised (${model.quantized.nBits} bits)`], [
          ["MSE", fmt(m.float.mse), fmt(m.quantized.mse)],
          ["MAE", fmt(m.float.mae), fmt(m.quantized.mae)],
          ["R²", m.float.r2.toFixed(4), m.quantized.r2.toFixed(4)],
        ]));
        out(`accumulator Σ w·x + b ∈ [${model.quantized.accumulator.min}, ${model.quantized.accumulator.max}] (${model.quantized.accumulator.signedBits} signed bits)`);
        out(`fits the LWE presets: ${fit.length ? fit.join(", ") : "none"}`);
        out(`model hash ${hash}${typeof o.out === "string" ? `, written to ${o.out}` : ""}`);
      }),
    );

  program
    .command("predict")
    .description("predict with a model file, in clear or on LWE-encrypted inputs")
    .requiredOption("--model <file>", "model file from `encryptai train` (a regression or a classifier)")
    .option("--dataset <name>", "built-in data set")
    .option("--csv <file>", "CSV with the model's feature columns (and optionally its target)")
    .option("--encrypted", "encrypt the inputs and evaluate the model homomorphically")
    .option("--prove", "with --encrypted: prove all rows in one STARK proof, verify it, and report the verified results (Goldilocks presets)")
    .option("--proof-out <file>", "with --prove: also write the proof file")
    .option("--preset <id>", "LWE parameter set for --encrypted", "goldilocks-128")
    .option("--encryption <mode>", "public (anyone encrypts to the key) or secret (the key owner encrypts)", "public")
    .option("--limit <rows>", "use only the first rows")
    .option("--split <all|test>", "rows to predict and measure: all rows given, or (on the model's own data set) its held-out test split as `train` reports it", "all")
    .option("--seed <seed>", "deterministic randomness for --encrypted")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        if (o.split !== "all" && o.split !== "test") throw new CliUsageError(`--split "${String(o.split)}": expected all or test`);
        if (o.encrypted && o.encryption !== "public" && o.encryption !== "secret") throw new CliUsageError(`--encryption "${String(o.encryption)}": expected public or secret`);
        if ((o.prove || o.proofOut !== undefined) && !o.encrypted) throw new CliUsageError("--prove proves the encrypted evaluation: give --encrypted too");
        if (o.proofOut !== undefined && !o.prove) throw new CliUsageError("--proof-out writes the proof of --prove: give --prove too");
        if (o.proofOut !== undefined) await checkAllWritable([String(o.proofOut)], { flag: "--proof-out" });
        const { text, format } = await modelFileText(String(o.model));
        if (format === CLASSIFIER_FORMAT) return predictClassifierCommand(o, text, () => source(o as { dataset?: string; csv?: string }));
        const limit = typeof o.limit === "string" ? parseIntStrict(o.limit, "--limit", 1) : undefined;
        const file = await readModelFile(String(o.model));
        const model: LinearRegressionModel = file.model;
        const t = source(o as { dataset?: string; csv?: string });
        const hasTarget = t.columns.includes(model.target);
        let data = hasTarget
          ? selectNumeric(t, model.features, model.target, { dropMissing: true, minRows: 1, rejectConstant: false })
          : selectFeatures(t, model.features, { dropMissing: true, minRows: 1, rejectConstant: false });
        // the model's own data set (same bytes, same rows): its training rows are known
        const own = hasTarget && t.sha256 === model.dataset.sha256 && data.x.length === model.dataset.rows;
        const split = own ? trainTestSplit(data.x.length, model.training.testFraction, model.training.seed) : undefined;
        if (o.split === "test") {
          if (!split) throw new CliUsageError(`--split test needs the data set the model was trained on (${model.dataset.name}, sha256 ${model.dataset.sha256.slice(0, 12)}…, ${model.dataset.rows} rows)`);
          const keep = [...split.test].sort((a, b) => a - b);
          data = { ...data, x: keep.map((i) => data.x[i]!), y: Float64Array.from(keep, (i) => data.y[i]!), sourceRows: keep.map((i) => data.sourceRows[i]!) };
        }
        const trainingSet = new Set(o.split === "all" && split ? split.train : []);
        const trainingIndex = o.split === "all" && split ? data.x.map((_, i) => trainingSet.has(i)) : undefined;
        if (limit !== undefined) data = { ...data, x: data.x.slice(0, limit), y: data.y.slice(0, limit), sourceRows: data.sourceRows.slice(0, limit) };
        const clamped = clampedRows(model.quantized, data.x);
        if (clamped > 0) process.stderr.write(`warning: ${clamped} of ${data.x.length} rows have a feature outside the model's training range: clamped to it (quantisation), so their predictions are extrapolations cut off at the range\n`);
        const trainingRows = trainingIndex ? trainingIndex.slice(0, data.x.length).filter(Boolean).length : 0;
        const coverage = {
          rows: data.x.length,
          split: o.split,
          trainingRowsIncluded: split ? (o.split === "test" ? 0 : trainingRows) : null,
          description:
            o.split === "test"
              ? `the model's held-out test split (${data.x.length} rows, as \`train\` reports it)`
              : split
                ? `all ${data.x.length} rows given, ${trainingRows} of them the model's training rows (\`train\` reports its ${model.training.testRows}-row test split: --split test)`
                : `all ${data.x.length} rows given (not the model's training data set, or not all of it)`,
        };
        const floatPred = data.x.map((r) => predictFloat(model, r));
        const quantPred = data.x.map((r) => predictQuantized(model.quantized, r));
        let encPred: readonly number[] | undefined;
        let equal: boolean | undefined;
        let proved: ProvedBatch | undefined;
        if (o.encrypted) {
          const encryption = o.encryption === "secret" ? "secret" : "public";
          const random = typeof o.seed === "string" ? seededRandom(o.seed) : systemRandom();
          const keys = keygen(getParams(String(o.preset)), random);
          if (o.prove) {
            checkPlaintextFit(model.quantized, keys.publicKey.params);
            proved = await provedBatch([model.quantized], false, data.x, keys, { random, encryption, ...(o.proofOut !== undefined ? { proofOut: String(o.proofOut) } : {}), onProgress: (label) => process.stderr.write(`${label}…\n`) });
            const acc = proved.accumulators.map((row) => row[0]!);
            encPred = acc.map((a) => model.quantized.outputScale * Number(a));
            equal = acc.every((a, i) => a === wrapToPlaintext(keys.publicKey.params, clearAccumulator(model.quantized, quantizeRow(model.quantized, data.x[i]!))));
          } else {
            const bar = progress("encrypted rows", data.x.length, 20);
            let r: ReturnType<typeof encryptedPredict>;
            try {
              r = encryptedPredict(model.quantized, data.x, keys, { random, encryption, onProgress: (d) => bar.update(d) });
            } finally {
              bar.stop();
            }
            encPred = r.predictions;
            equal = r.allEqual;
          }
          if (!equal) process.exitCode = 1;
        }
        const result = {
          model: file.hash,
          rows: data.x.length,
          predictions: data.x.map((_, i) => ({ row: data.sourceRows[i], float: floatPred[i], quantized: quantPred[i], ...(encPred ? { encrypted: encPred[i] } : {}), ...(hasTarget ? { target: data.y[i] } : {}) })),
          ...(hasTarget
            ? { metrics: { float: metrics(data.y, floatPred), quantized: metrics(data.y, quantPred), ...(encPred ? { encrypted: metrics(data.y, encPred) } : {}) }, metricsCover: coverage }
            : {}),
          clampedRows: clamped,
          ...(equal === undefined ? {} : { encryptedEqualsQuantized: equal, preset: o.preset }),
          ...(proved ? { proof: provedSummary(proved) } : {}),
        };
        if (o.json) return out(toJson(result));
        const shown = result.predictions.slice(0, 10);
        out(table(["row", "float", "quantised", ...(encPred ? ["encrypted"] : []), ...(hasTarget ? [model.target] : [])],
          shown.map((p) => [p.row, fmt(p.float!), fmt(p.quantized!), ...(encPred ? [fmt(p.encrypted!)] : []), ...(hasTarget ? [fmt(p.target!)] : [])])));
        if (result.predictions.length > shown.length) out(`… ${result.predictions.length - shown.length} more rows (--json for all)`);
        if (result.metrics) {
          const ms = result.metrics as Record<string, { mse: number; mae: number; r2: number }>;
          out(`metrics over ${coverage.description}:`);
          out(table(["metric", ...Object.keys(ms)], ["mse", "mae", "r2"].map((k) => [k.toUpperCase(), ...Object.values(ms).map((m) => fmt(m[k as "mse"]))])));
        }
        if (equal !== undefined) out(`encrypted results equal the quantised model on all ${data.x.length} rows: ${equal ? "yes" : "NO"} (preset ${String(o.preset)})`);
        if (proved) out(provedLine(proved));
      }),
    );

  program
    .command("quantize")
    .description("quantise one row of raw feature values with a model's input quantisers (what a data owner encrypts for `encryptai prove --model`)")
    .requiredOption("--model <file>", "model file from `encryptai train`")
    .requiredOption("--values <list>", "raw feature values in the model's feature order, comma separated")
    .option("--json", "machine-readable output")
    .action((o: { model: string; values: string; json?: boolean }) =>
      guarded(async () => {
        const raw = o.values.split(",").map((v, i) => parseNumber(v.trim(), `--values[${i}]`));
        const m = (await readModelFile(o.model)).model;
        if (raw.length !== m.features.length) throw new CliUsageError(`the model has ${m.features.length} features (${m.features.join(", ")}), ${raw.length} values given`);
        const q = quantizeRow(m.quantized, raw);
        const clamped = clampedFeatures(m.quantized, raw).map((j) => {
          const r = rawRange(m.quantized, j);
          return { feature: m.features[j]!, value: raw[j]!, range: r };
        });
        for (const c of clamped)
          process.stderr.write(`warning: ${c.feature} = ${c.value} is outside the model's range [${fmt(c.range[0])}, ${fmt(c.range[1])}]: clamped to ${fmt(c.value < c.range[0] ? c.range[0] : c.range[1])}\n`);
        out(o.json ? toJson({ features: m.features, quantized: q, clamped }) : q.join(","));
      }),
    );
}
