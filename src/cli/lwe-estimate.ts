/**
 * `encryptai lwe estimate` and `encryptai lwe solve` (issue "LWE lab 2", item 4): the estimator on one point or a
 * sweep (lists and ranges of n, log2 q, the secret, the error and m: one table, `--json` rows or `--csv`), and the
 * inverse questions for a target security and a circuit norm. Also the summary printed for a custom parameter set.
 */
import { type Command, Option } from "commander";
import { stat } from "node:fs/promises";
import { type LweParams, MAX_PARAMS_FILE_BYTES, paramsSecurity, solveScheme } from "../lwe/index.js";
import {
  ATTACK_NAMES,
  type AttackName,
  COST_MODEL_INFO,
  COST_MODEL_NAMES,
  type CostModelName,
  type Distribution,
  describeDistribution,
  estimate,
  largestLogQ,
  smallestN,
  sweep,
} from "../lwe/estimator/index.js";
import { presetRow } from "../lwe/report.js";
import { CliUsageError, guarded } from "./errors.js";
import { pow2, table, toJson } from "./format.js";
import { parseDistribution, parseIntStrict, parseNumber } from "./parse.js";
import { parseDistributionSweep, parseIntegerSweep, parseNumberSweep, parseSweepNumber } from "./ranges.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

/** The security the project claims is core-SVP under every attack: a custom set below this gets a warning. */
const CLAIM_BITS = 128;

function parseModels(text: string): CostModelName[] {
  const models = text.split(",").map((s) => s.trim()) as CostModelName[];
  for (const m of models) if (!COST_MODEL_NAMES.includes(m)) throw new CliUsageError(`--models: "${m}" is not a cost model (expected ${COST_MODEL_NAMES.join(", ")})`);
  return models;
}

function parseAttacks(text: string | undefined): AttackName[] | undefined {
  if (text === undefined) return undefined;
  const attacks = text.split(",").map((s) => s.trim()) as AttackName[];
  for (const a of attacks) if (!ATTACK_NAMES.includes(a)) throw new CliUsageError(`--attacks: "${a}" is not an attack (expected ${ATTACK_NAMES.join(", ")})`);
  return attacks;
}

/** A cell of a CSV line: quoted when it holds a comma, quote or newline. */
function csvCell(x: unknown): string {
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const bitsText = (x: number | undefined): string => (x === undefined ? "" : x === Infinity ? "∞" : x.toFixed(1));

function printSweep(rows: ReturnType<typeof sweep>, format: "table" | "json" | "csv"): void {
  const attacks = ATTACK_NAMES.filter((a) => rows.some((r) => r.attacks[a] !== undefined));
  if (format === "json") return out(toJson(rows));
  const header = ["n", "log2 q", "secret", "error", "m", "model", "bits", "limited by", ...attacks];
  const body = rows.map((r) => [r.n, r.logQ.toFixed(2), describeDistribution(r.secret), describeDistribution(r.error), r.m, r.model, bitsText(r.bits), r.limitedBy, ...attacks.map((a) => bitsText(r.attacks[a]))]);
  if (format === "csv") return out([header, ...body].map((line) => line.map(csvCell).join(",")).join("\n"));
  out(table(header, body));
}

/** Security (core-SVP and the estimator's default, every attack) and noise budget of a custom parameter set. */
export function customParamsSummary(p: LweParams, json: boolean): void {
  const row = presetRow(p);
  const core = row.security.find((s) => s.model === "core-svp")!;
  if (core.bits < CLAIM_BITS)
    process.stderr.write(`warning: parameter set "${p.id}" has ${core.bits.toFixed(1)} bits core-SVP (limited by ${core.limitedBy}), below ${CLAIM_BITS}\n`);
  if (json) return; // keygen's JSON line follows; the security is in `lwe params --params`
  out(`parameter set "${p.id}": ${row.security.map((s) => `${s.model} ${s.bits.toFixed(1)} bits`).join(", ")}; limited by ${core.limitedBy}`);
  out(`noise: fresh σ = ${row.freshNoiseStddev === 0 ? "0" : pow2(Math.log2(row.freshNoiseStddev))}, largest ‖c‖₂ at 2^-40 = ${row.maxCircuitNorm === Infinity ? "∞" : row.maxCircuitNorm.toFixed(0)}`);
}

/** The size of a parameter file, checked before it is read. */
export async function checkParamsFileSize(path: string): Promise<void> {
  const s = await stat(path);
  if (s.size > MAX_PARAMS_FILE_BYTES) throw new CliUsageError(`${path}: ${s.size} bytes is more than a parameter file may have (${MAX_PARAMS_FILE_BYTES})`);
}

export function registerLweEstimate(lwe: Command): void {
  lwe
    .command("estimate")
    .description("estimate LWE security under every attack and several BKZ cost models — one point, or a sweep over lists and ranges")
    .option("--n <list>", "secret dimension(s): 1024,2048 or 1024..4096:x2")
    .option("--logq <list>", "log2 of the modulus q: 54..64, 32,40")
    .option("--q <q>", "the modulus q (instead of --logq)")
    .option("--secret <dist>", "secret distribution", "ternary")
    .option("--error <dist>", "error distribution (gaussian:SIGMA takes the standard deviation; sweep it: gaussian:2^18..2^22:x2)", "gaussian:3.19")
    .option("--m <list>", "number of samples (default: unlimited; 'n' for m = n)")
    .option("--models <list>", `cost models: ${COST_MODEL_NAMES.join(",")}`, COST_MODEL_NAMES.join(","))
    .option("--attacks <list>", `attacks (default all): ${ATTACK_NAMES.join(",")}`)
    .addOption(new Option("--solve <what>", "inverse question: largest logq for --target bits, or smallest n").choices(["logq", "n"]))
    .option("--target <bits>", "target security in bits for --solve", "128")
    .option("--json", "machine-readable output (a sweep: one object per row)")
    .option("--csv", "a sweep as CSV")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(() => {
        if (o.json && o.csv) throw new CliUsageError("give --json or --csv, not both");
        const models = parseModels(String(o.models));
        const attacks = parseAttacks(o.attacks as string | undefined);
        const secrets = parseDistributionSweep(String(o.secret), "--secret");
        const errors = parseDistributionSweep(String(o.error), "--error");
        const ms: (number | "n")[] =
          o.m === undefined || o.m === "inf" ? [Infinity] : String(o.m)
                .split(",")
                .flatMap((x): (number | "n")[] => (x.trim() === "n" ? ["n"] : x.trim() === "inf" ? [Infinity] : parseIntegerSweep(x, "--m", 1)));
        let logQs: number[] | undefined;
        if (o.q !== undefined && o.logq !== undefined) throw new CliUsageError("give --q or --logq, not both");
        if (o.q !== undefined) logQs = [Math.log2(parseSweepNumber(String(o.q), "--q"))];
        if (o.logq !== undefined) logQs = parseNumberSweep(String(o.logq), "--logq");
        const ns = o.n === undefined ? undefined : parseIntegerSweep(String(o.n), "--n", 1);
        if (o.solve) return solveEstimator(o, models, secrets, errors, ns, logQs, ms, attacks);
        if (ns === undefined || logQs === undefined) throw new CliUsageError("estimate needs --n and --logq (or --q); or use --solve, or `lwe solve`");
        const single = ns.length === 1 && logQs.length === 1 && secrets.length === 1 && errors.length === 1 && ms.length === 1;
        const options = { models, ...(attacks ? { attacks } : {}) };
        if (!single || o.csv) {
          const t0 = performance.now();
          const rows = sweep({ n: ns, logQ: logQs, secret: secrets, error: errors, m: ms }, options);
          printSweep(rows, o.json ? "json" : o.csv ? "csv" : "table");
          if (!o.json && !o.csv) out(`\n${rows.length / models.length} points × ${models.length} models in ${(performance.now() - t0).toFixed(0)} ms; bits = log2 of the cheapest attack's cost`);
          return;
        }
        const [n, logQ, secret, error, mAxis] = [ns[0]!, logQs[0]!, secrets[0]!, errors[0]!, ms[0]!];
        const m = mAxis === "n" ? n : mAxis;
        const t0 = performance.now();
        const report = estimate({ n, logQ, secret, error, m }, options);
        const msTaken = performance.now() - t0;
        if (o.json) return out(toJson({ ...report, milliseconds: msTaken }));
        out(`LWE n = ${n}, log2 q = ${logQ.toFixed(3)}, secret ${describeDistribution(secret)}, error ${describeDistribution(error)}, m = ${m}`);
        out(table(["attack", "model", "cost", "β", "d", "samples"], report.results.map((r) => [r.attack, r.model, pow2(r.rop), "beta" in r ? r.beta : "", "d" in r ? r.d : "", "m" in r ? r.m : ""])));
        out(`\nsecurity: ${report.minimum.map((x) => `${x.model} ${x.rop.toFixed(1)} bits (${x.attack})`).join("; ")}`);
        out(models.map((x) => `  ${x}: ${COST_MODEL_INFO[x]}`).join("\n"));
        out(`estimated in ${msTaken.toFixed(1)} ms`);
      }),
    );

  lwe
    .command("solve")
    .description("parameters for a target security AND a circuit norm: the smallest n, the largest σ or the largest log2 q (the scheme: m = n, Δ = ⌊q/t⌋)")
    .addOption(new Option("--for <what>", "the value to solve for").choices(["n", "sigma", "logq"]).makeOptionMandatory())
    .option("--target <bits>", "target security in bits", "128")
    .requiredOption("--norm <B>", "largest ‖c‖₂ of the linear circuits that must decrypt (failure ≤ 2^-40)")
    .option("--t <t>", "plaintext modulus t", "2^22")
    .option("--n <n>", "secret dimension (fixed unless --for n)")
    .option("--sigma <σ>", "error standard deviation (fixed unless --for sigma)")
    .option("--logq <bits>", "log2 q (fixed unless --for logq)")
    .option("--secret <dist>", "secret (and encryption randomness) distribution", "ternary")
    .option("--model <name>", `cost model: ${COST_MODEL_NAMES.join(", ")}`, "core-svp")
    .option("--attacks <list>", `attacks (default all): ${ATTACK_NAMES.join(",")}`)
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(() => {
        const model = parseModels(String(o.model))[0]!;
        const attacks = parseAttacks(o.attacks as string | undefined);
        const secret = parseDistribution(String(o.secret), "--secret");
        if (secret.kind === "uniformMod" || secret.kind === "sparseTernary")
          throw new CliUsageError(`--secret: the scheme samples its secret coefficient by coefficient; choose ternary, binary, uniform:A,B, cbd:ETA or gaussian:SIGMA (not ${secret.kind})`);
        const num = (k: string): number | undefined => (o[k] === undefined ? undefined : parseSweepNumber(String(o[k]), `--${k}`));
        const t = num("t")!;
        const answer = solveScheme({
          for: o.for as "n" | "sigma" | "logq",
          targetBits: parseNumber(String(o.target), "--target"),
          norm: num("norm")!,
          t,
          ...(o.n !== undefined ? { n: parseIntStrict(String(o.n), "--n", 1) } : {}),
          ...(o.sigma !== undefined ? { sigma: num("sigma")! } : {}),
          ...(o.logq !== undefined ? { logQ: num("logq")! } : {}),
          secret,
          encRandomness: secret,
          model,
          ...(attacks ? { attacks } : {}),
        });
        if (o.json) return out(toJson(answer));
        const show = (x: number): string => (o.for === "sigma" ? pow2(Math.log2(x), 2) : o.for === "n" ? String(x) : x.toFixed(2));
        const asked = o.for === "n" ? "smallest n" : o.for === "sigma" ? "largest σ" : "largest log2 q";
        out(`${asked}: ${show(answer.value)}   (good values: ${show(answer.interval[0])} … ${show(answer.interval[1])})`);
        out(`at it: ${answer.bits.toFixed(1)} bits ${answer.model} (limited by ${answer.limitedBy}); decryption failure 2^${answer.log2Failure.toFixed(1)} at ‖c‖₂ = ${o.norm}`);
      }),
    );
}

function solveEstimator(
  o: Record<string, string | boolean | undefined>,
  models: CostModelName[],
  secrets: Distribution[],
  errors: Distribution[],
  ns: number[] | undefined,
  logQs: number[] | undefined,
  ms: (number | "n")[],
  attacks: AttackName[] | undefined,
): void {
  if (secrets.length > 1 || errors.length > 1 || (ns?.length ?? 1) > 1 || (logQs?.length ?? 1) > 1 || ms.length > 1)
    throw new CliUsageError("--solve takes single values, not lists or ranges");
  const [secret, error] = [secrets[0]!, errors[0]!];
  const target = parseNumber(String(o.target), "--target");
  const m0 = ms[0]!;
  const options = attacks ? { attacks } : {};
  const n = ns?.[0];
  const logQ = logQs?.[0];
  const rows = models.map((model) => {
    if (o.solve === "logq") {
      if (n === undefined) throw new CliUsageError("--solve logq needs --n");
      return { model, largestLogQ: largestLogQ({ n, secret, error, m: m0 === "n" ? n : m0 }, target, model, options) };
    }
    if (logQ === undefined) throw new CliUsageError("--solve n needs --logq or --q");
    return { model, smallestN: smallestN({ logQ, secret, error, ...(o.m === undefined || m0 === "n" ? {} : { m: m0 }) }, target, model, options) };
  });
  if (o.json) return out(toJson({ target, secret, error, n, logQ, m: m0, rows }));
  out(`target ${target} bits, secret ${describeDistribution(secret)}, error ${describeDistribution(error)} (σ is a standard deviation)`);
  out(table(["model", o.solve === "logq" ? `largest log2 q at n = ${n}` : `smallest n at log2 q = ${logQ}`], rows.map((r) => [r.model, "largestLogQ" in r ? r.largestLogQ.toFixed(2) : r.smallestN])));
}

/** Security of a parameter set per attack (for `lwe params`): the cheapest of both instances, per model. */
export function perAttackSecurity(p: LweParams, models: readonly CostModelName[]): { model: CostModelName; attack: AttackName; bits: number }[] {
  const sec = paramsSecurity(p, models);
  const rows: { model: CostModelName; attack: AttackName; bits: number }[] = [];
  for (const model of models)
    for (const attack of ATTACK_NAMES) {
      const bits = Math.min(...sec.instances.map((i) => i.attacks.find((a) => a.model === model && a.attack === attack)?.bits ?? Infinity));
      rows.push({ model, attack, bits });
    }
  return rows;
}
