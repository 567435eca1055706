/**
 * `encryptai train` and `encryptai predict`: the regression lab on the command line.
 */
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { getParams, keygen, seededRandom, systemRandom } from "../lwe/index.js";
import {
  DATASETS,
  type LinearRegressionModel,
  type Table,
  encryptedPredict,
  getDataset,
  loadCsv,
  loadDataset,
  metrics,
  parseModel,
  predictFloat,
  predictQuantized,
  quantizeRow,
  selectNumeric,
  serializeModel,
  trainLinearRegression,
} from "../regression/index.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { CliUsageError, guarded } from "./errors.js";
import { table, toJson } from "./format.js";
import { parseIntStrict, parseNumber } from "./parse.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
const list = (s: string): string[] => s.split(",").map((x) => x.trim()).filter((x) => x !== "");

function source(o: { dataset?: string; csv?: string }): Table {
  if ((o.dataset === undefined) === (o.csv === undefined)) throw new CliUsageError("give exactly one of --dataset <name> or --csv <file>");
  return o.dataset !== undefined ? loadDataset(o.dataset) : loadCsv(o.csv!);
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(4));

export function registerRegression(program: Command): void {
  program
    .command("train")
    .description("train a linear / multivariate regression, quantise it for the VM, write a hashed model file")
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
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
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
        const { model } = trainLinearRegression(source(o as { dataset?: string; csv?: string }), {
          features,
          target,
          nBits: parseIntStrict(String(o.bits), "--bits"),
          method: o.method,
          inputEncoding: enc(o.inputs, "--inputs"),
          weightEncoding: enc(o.weights, "--weights"),
          testFraction: parseNumber(String(o.testFraction), "--test-fraction"),
          seed: String(o.seed),
          dropMissing: builtin !== undefined || o.dropMissing === true,
        });
        const text = serializeModel(model);
        const hash = parseModel(text).hash;
        if (typeof o.out === "string") await writeFileAtomic(o.out, text);
        if (o.json) return out(toJson({ hash, out: o.out ?? null, model }));
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
        out(`model hash ${hash}${typeof o.out === "string" ? `, written to ${o.out}` : ""}`);
      }),
    );

  program
    .command("predict")
    .description("predict with a model file, in clear or on LWE-encrypted inputs")
    .requiredOption("--model <file>", "model file from `encryptai train`")
    .option("--dataset <name>", "built-in data set")
    .option("--csv <file>", "CSV with the model's feature columns (and optionally its target)")
    .option("--encrypted", "encrypt the inputs and evaluate the model homomorphically")
    .option("--preset <id>", "LWE parameter set for --encrypted", "goldilocks-128")
    .option("--encryption <mode>", "public (anyone encrypts to the key) or secret (the key owner encrypts)", "public")
    .option("--limit <rows>", "use only the first rows")
    .option("--seed <seed>", "deterministic randomness for --encrypted")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        const file = parseModel(await readFile(String(o.model), "utf8"), String(o.model));
        const model: LinearRegressionModel = file.model;
        const t = source(o as { dataset?: string; csv?: string });
        const hasTarget = t.columns.includes(model.target);
        let data = hasTarget
          ? selectNumeric(t, model.features, model.target, { dropMissing: true, minRows: 1, rejectConstant: false })
          : (() => {
              const withDummy: Table = { ...t, columns: [...t.columns, "__none__"], rows: t.rows.map((r) => [...r, "0"]) };
              return selectNumeric(withDummy, model.features, "__none__", { dropMissing: true, minRows: 1, rejectConstant: false });
            })();
        if (typeof o.limit === "string") {
          const n = parseIntStrict(o.limit, "--limit", 1);
          data = { ...data, x: data.x.slice(0, n), y: data.y.slice(0, n), sourceRows: data.sourceRows.slice(0, n) };
        }
        const floatPred = data.x.map((r) => predictFloat(model, r));
        const quantPred = data.x.map((r) => predictQuantized(model.quantized, r));
        let encPred: readonly number[] | undefined;
        let equal: boolean | undefined;
        if (o.encrypted) {
          if (o.encryption !== "public" && o.encryption !== "secret") throw new CliUsageError(`--encryption "${String(o.encryption)}": expected public or secret`);
          const random = typeof o.seed === "string" ? seededRandom(o.seed) : systemRandom();
          const keys = keygen(getParams(String(o.preset)), random);
          const bar = !o.json && process.stderr.isTTY && data.x.length > 20 ? new SingleBar({ format: "encrypted rows [{bar}] {value}/{total} {eta}s left", hideCursor: true }) : undefined;
          bar?.start(data.x.length, 0);
          const r = encryptedPredict(model.quantized, data.x, keys, { random, encryption: o.encryption, onProgress: (d) => bar?.update(d) });
          bar?.stop();
          encPred = r.predictions;
          equal = r.allEqual;
          if (!equal) process.exitCode = 1;
        }
        const result = {
          model: file.hash,
          rows: data.x.length,
          predictions: data.x.map((_, i) => ({ row: data.sourceRows[i], float: floatPred[i], quantized: quantPred[i], ...(encPred ? { encrypted: encPred[i] } : {}), ...(hasTarget ? { target: data.y[i] } : {}) })),
          ...(hasTarget
            ? { metrics: { float: metrics(data.y, floatPred), quantized: metrics(data.y, quantPred), ...(encPred ? { encrypted: metrics(data.y, encPred) } : {}) } }
            : {}),
          ...(equal === undefined ? {} : { encryptedEqualsQuantized: equal, preset: o.preset }),
        };
        if (o.json) return out(toJson(result));
        const shown = result.predictions.slice(0, 10);
        out(table(["row", "float", "quantised", ...(encPred ? ["encrypted"] : []), ...(hasTarget ? [model.target] : [])],
          shown.map((p) => [p.row, fmt(p.float!), fmt(p.quantized!), ...(encPred ? [fmt(p.encrypted!)] : []), ...(hasTarget ? [fmt(p.target!)] : [])])));
        if (result.predictions.length > shown.length) out(`… ${result.predictions.length - shown.length} more rows (--json for all)`);
        if (result.metrics) {
          const ms = result.metrics as Record<string, { mse: number; mae: number; r2: number }>;
          out(table(["metric", ...Object.keys(ms)], ["mse", "mae", "r2"].map((k) => [k.toUpperCase(), ...Object.values(ms).map((m) => fmt(m[k as "mse"]))])));
        }
        if (equal !== undefined) out(`encrypted results equal the quantised model on all ${data.x.length} rows: ${equal ? "yes" : "NO"} (preset ${String(o.preset)})`);
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
        const m = parseModel(await readFile(o.model, "utf8"), o.model).model;
        const raw = o.values.split(",").map((v, i) => parseNumber(v.trim(), `--values[${i}]`));
        if (raw.length !== m.features.length) throw new CliUsageError(`the model has ${m.features.length} features (${m.features.join(", ")}), ${raw.length} values given`);
        const q = quantizeRow(m.quantized, raw);
        out(o.json ? toJson({ features: m.features, quantized: q }) : q.join(","));
      }),
    );
}
