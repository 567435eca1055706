/**
 * `encryptai decode`: a decrypted accumulator in the target's units (issue 18, item 5). The model file's circuit
 * computes acc = Σ w̃_j·qx_j + c over the quantised inputs (src/regression/quantized-model.ts); its prediction
 * is outputScale · acc. An accumulator outside the model's range [min, max] cannot be an output of this model
 * (another model, or a result that wrapped mod the plaintext modulus t): it is decoded with a warning.
 *
 *   encryptai decode --model m.json --value 1234[,…]
 *   encryptai decode --model m.json --in out.txt      integers (what `lwe decrypt` prints), or its --json form,
 *                                                     or `verify --decrypt --json`'s report
 *   encryptai decode --model species.json --value a,b,c   a classifier's k decrypted class scores → its class
 */
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { CLASSIFIER_FORMAT, type LinearRegressionModel, parseClassifier, parseModel } from "../regression/index.js";
import { decodeClassRows, decodeClassScores, modelFileText } from "./classify.js";
import { CliUsageError, guarded } from "./errors.js";
import { table, toJson } from "./format.js";
import { parseIntegerList } from "./parse.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

/** One decoded accumulator. */
export interface Decoded {
  readonly accumulator: string;
  /** outputScale · accumulator, in the target's units. */
  readonly prediction: number;
  /** Whether the accumulator lies in the model's range (else it is not an output of this model). */
  readonly inRange: boolean;
}

export function decodeAccumulator(model: LinearRegressionModel, acc: bigint): Decoded {
  const { min, max } = model.quantized.accumulator;
  return { accumulator: acc.toString(), prediction: model.quantized.outputScale * Number(acc), inRange: acc >= BigInt(min) && acc <= BigInt(max) };
}

/** The warning for an accumulator outside the model's range (stderr). */
export function rangeWarning(model: LinearRegressionModel, d: Decoded): string {
  const { min, max } = model.quantized.accumulator;
  return `warning: accumulator ${d.accumulator} is outside this model's range [${min}, ${max}]: not an output of this model (another model, or a result that wrapped mod the plaintext modulus)`;
}

/** Reads a model file (size checked before reading it whole). */
export async function readModelFile(path: string, flag = "--model"): Promise<ReturnType<typeof parseModel>> {
  const { text, format } = await modelFileText(path, flag);
  if (format === CLASSIFIER_FORMAT)
    throw new CliUsageError(`${flag} ${path} is a classifier: this command takes a regression model file (classifiers: train --task classification, predict, decode; proving a classifier's scores needs multi-output programs, not yet in the VM)`);
  return parseModel(text, path);
}

/**
 * The accumulators of an --in file: integers, or a JSON object with `values` (lwe decrypt), `decrypted` (verify, one
 * output) or `decryptedRows` (verify of several outputs: a row's outputs each, rows in turn).
 */
function accumulatorRowsOf(text: string, path: string): bigint[][] | undefined {
  const t = text.trim();
  if (!t.startsWith("{")) return undefined;
  let json: { decryptedRows?: unknown };
  try {
    json = JSON.parse(t) as typeof json;
  } catch {
    return undefined;
  }
  if (json.decryptedRows === undefined) return undefined;
  if (!Array.isArray(json.decryptedRows) || json.decryptedRows.length === 0 || !json.decryptedRows.every((r) => Array.isArray(r) && r.length > 0))
    throw new CliUsageError(`--in ${path}: "decryptedRows" must be a non-empty list of rows of accumulators (verify --decrypt --json)`);
  return (json.decryptedRows as unknown[][]).map((r, b) => parseIntegerList(r.map(String).join(","), `--in ${path}, row ${b}`));
}

function accumulatorsOf(text: string, path: string): bigint[] {
  const rows = accumulatorRowsOf(text, path);
  if (rows) return rows.flat();
  const t = text.trim();
  if (!t.startsWith("{")) return parseIntegerList(t, `--in ${path}`);
  let json: { values?: unknown; decrypted?: unknown };
  try {
    json = JSON.parse(t) as typeof json;
  } catch (e) {
    throw new CliUsageError(`--in ${path}: not JSON (${(e as Error).message})`);
  }
  const v = Array.isArray(json.values) ? json.values : json.decrypted !== undefined ? [json.decrypted] : undefined;
  if (v === undefined) throw new CliUsageError(`--in ${path}: a JSON file needs "values" (lwe decrypt --json), "decrypted" or "decryptedRows" (verify --decrypt --json)`);
  return parseIntegerList(v.map(String).join(","), `--in ${path}`);
}

export function registerDecode(program: Command): void {
  program
    .command("decode")
    .description("turn decrypted accumulators into the target's units with a model file's output scale (prediction = scale · accumulator), or a classifier's k class scores into its class")
    .requiredOption("--model <file>", "model file from `encryptai train` (a regression or a classifier)")
    .option("--value <list>", "decrypted accumulator(s), comma separated")
    .option("--in <file>", "a file of decrypted accumulators (`lwe decrypt` output, plain or --json; or `verify --decrypt --json`)")
    .option("--json", "machine-readable output")
    .action((o: { model: string; value?: string; in?: string; json?: boolean }) =>
      guarded(async () => {
        if ((o.value === undefined) === (o.in === undefined)) throw new CliUsageError("give exactly one of --value or --in");
        const inText = o.in !== undefined ? await readFile(o.in, "utf8") : undefined;
        const accs = o.value !== undefined ? parseIntegerList(o.value, "--value") : accumulatorsOf(inText!, o.in!);
        const { text, format } = await modelFileText(o.model);
        if (format === CLASSIFIER_FORMAT) {
          const rows = inText !== undefined ? accumulatorRowsOf(inText, o.in!) : undefined;
          const file = parseClassifier(text, o.model);
          return rows && rows.length > 1 ? decodeClassRows(file, rows, o.json === true) : decodeClassScores(file, accs, o.json === true);
        }
        const file = await readModelFile(o.model);
        const m = file.model;
        const decoded = accs.map((a) => decodeAccumulator(m, a));
        for (const d of decoded) if (!d.inRange) process.stderr.write(`${rangeWarning(m, d)}\n`);
        if (o.json) return out(toJson({ model: file.hash, target: m.target, outputScale: m.quantized.outputScale, accumulatorRange: m.quantized.accumulator, decoded }));
        out(table(["accumulator", m.target], decoded.map((d) => [d.accumulator, d.prediction.toPrecision(6)])));
        out(`${m.target} = ${m.quantized.outputScale.toPrecision(6)} × accumulator (model ${file.hash})`);
      }),
    );
}
