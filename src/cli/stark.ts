/**
 * `encryptai prove-example` and `encryptai security`: the STARK prover on the command line (`encryptai verify`
 * is verify.ts).
 * A proof file is JSON: the example's name, step count and public inputs, and the proof bytes (base64).
 */
import type { Command } from "commander";
import { EXAMPLE_NAMES, type PublicInputs, exampleInstance } from "../air/examples/registry.js";
import { AirError } from "../air/errors.js";
import type { PrimeField } from "../math/field.js";
import { F128_FIELD, GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { asGoldilocksTrace, DEFAULT_OPTIONS, FAST_TEST_OPTIONS, GENSTARK_COMPARABLE, type ProofOptions, prove, securityReport, securityReportForAir, STRICT_OPTIONS, validateOptions, ZK_OPTIONS, GOLDILOCKS_96 } from "../prover/index.js";
import { PROVE_STEPS } from "../prover/prover.js";
import { seededRandom } from "../lwe/random.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { warnSeeded } from "./seeded.js";
import { CliUsageError, guarded } from "./errors.js";
import { bytes as fmtBytes, table, toJson } from "./format.js";
import { parseIntStrict } from "./parse.js";
import { checkWritable } from "./outputs.js";
import { progress } from "./progress.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
const FIELDS: Record<string, PrimeField> = { goldilocks: GOLDILOCKS_FIELD, f128: F128_FIELD, genstark: GENSTARK_FIELD };
function getField(name: string): PrimeField {
  const f = FIELDS[name];
  if (!f) throw new CliUsageError(`--field "${name}": expected one of ${Object.keys(FIELDS).join(", ")}`);
  return f;
}
const PRESETS: Record<string, ProofOptions> = { default: DEFAULT_OPTIONS, strict: STRICT_OPTIONS, fast: FAST_TEST_OPTIONS, genstark: GENSTARK_COMPARABLE, zk: ZK_OPTIONS, goldilocks96: GOLDILOCKS_96 };

/** Options from a preset plus individual overrides. */
function proofOptions(o: Record<string, string | undefined>, fieldBits = 64): ProofOptions {
  const preset = PRESETS[o.preset ?? "default"];
  // A 128-bit base field needs no extension for its challenges: use degree 1 unless asked otherwise.
  const base = preset && fieldBits >= 128 ? { ...preset, fieldExtension: 1 as const } : preset;
  if (!base) throw new CliUsageError(`--preset "${o.preset}": expected one of ${Object.keys(PRESETS).join(", ")}`);
  const int = (k: string, flag: string) => (o[k] === undefined ? undefined : parseIntStrict(o[k]!, flag, 0));
  const patch: Record<string, unknown> = {
    blowup: int("blowup", "--blowup"),
    queries: int("queries", "--queries"),
    grindingBits: int("grinding", "--grinding"),
    fieldExtension: int("extension", "--extension"),
    friFoldingFactor: int("folding", "--folding"),
    friRemainderMaxDegree: int("remainder", "--remainder"),
    hash: o.hash,
    zeroKnowledge: o.zk ? true : undefined,
  };
  const merged = { ...base, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as ProofOptions;
  return validateOptions(merged);
}

const optionFlags = (cmd: Command): Command =>
  cmd
    .option("--preset <name>", "default (DEFAULT_POLICY: ≥ 100 bits conjectured, ≥ 64 proven), strict (≥ 100 proven), fast (tests, insecure), genstark (genSTARK-comparable), zk (zero knowledge, ≥ 100 bits), goldilocks96 (97 bits, blowup 4: the side-by-side)", "default")
    .option("--blowup <n>", "LDE blowup factor")
    .option("--queries <n>", "FRI queries")
    .option("--grinding <bits>", "proof-of-work bits")
    .option("--extension <1|2|3>", "challenge field extension degree")
    .option("--folding <2|4|8>", "FRI folding factor")
    .option("--remainder <d>", "FRI remainder max degree (2^k − 1)")
    .option("--hash <name>", "blake3-256, sha256 or keccak256")
    .option("--zk", "zero knowledge: hide the trace (code rate 2/blowup, so blowup ≥ 4 and half the bits per query)");

/** A prove-example proof file: the example, its step count and public inputs, and the proof bytes (base64). */
export interface ExampleProofFile {
  format: "encryptai-stark-proof";
  example: string;
  steps: number;
  publicInputs: PublicInputs;
  proof: string;
}

export function registerStark(program: Command): void {
  optionFlags(program.command("prove-example <example>").description(`prove an example computation (${EXAMPLE_NAMES.join(", ")})`))
    .requiredOption("--steps <n>", "trace length (rescue: number of hashes)")
    .option("--out <file>", "proof file (JSON with the proof bytes)")
    .option("--seed <seed>", "zero knowledge: seeded randomness for a reproducible proof, derived from the seed and the statement (experiments only; default: the OS CSPRNG)")
    .option("--json", "machine-readable output")
    .action((example: string, o: Record<string, string | undefined>) =>
      guarded(async () => {
        const steps = parseIntStrict(String(o.steps), "--steps", 1);
        if (o.out) await checkWritable(o.out, { flag: "--out" });
        // typed columns over Goldilocks (the bigint columns become garbage before proving: no bigint heap to mark)
        const { trace, statement } = ((i) => ({ statement: i.statement, trace: asGoldilocksTrace(i.statement.air, i.trace) }))(exampleInstance(example, steps));
        const options = proofOptions(o, statement.air.field.characteristic.toString(2).length);
        if (o.seed !== undefined) warnSeeded("the zero-knowledge randomness (derived from the seed and the statement)");
        const t0 = performance.now();
        const bar = progress("proving", PROVE_STEPS);
        const { bytes } = prove(statement.air, trace, options, { onProgress: (step, _total, label) => bar.update(step - 1, label), ...(o.seed === undefined ? {} : { random: seededRandom(o.seed) }) });
        bar.update(PROVE_STEPS, "done");
        bar.stop();
        const ms = performance.now() - t0;
        const report = securityReportForAir(statement.air, options);
        const file: ExampleProofFile = { format: "encryptai-stark-proof", example, steps, publicInputs: statement.publicInputs, proof: Buffer.from(bytes).toString("base64") };
        if (o.out) await writeFileAtomic(o.out, `${JSON.stringify(file)}\n`);
        const info = { example, steps, zeroKnowledge: options.zeroKnowledge, traceLength: statement.air.traceLength, proveMs: ms, proofBytes: bytes.length, publicInputs: statement.publicInputs, security: { conjectured: report.conjectured, provenListDecoding: report.provenListDecoding, provenUniqueDecoding: report.provenUniqueDecoding }, out: o.out ?? null };
        if (o.json) return out(toJson(info));
        out(`${example}: ${statement.air.traceLength} × ${statement.air.traceWidth} trace proved${options.zeroKnowledge ? " in zero knowledge" : ""} in ${(ms / 1000).toFixed(2)} s; proof ${fmtBytes(bytes.length)}`);
        out(`security: ${report.conjectured.toFixed(0)} bits conjectured, ${report.provenListDecoding.toFixed(0)} proven (list decoding), ${report.provenUniqueDecoding.toFixed(0)} proven (unique decoding)`);
        out(`public inputs: ${JSON.stringify(statement.publicInputs)}${o.out ? `; written to ${o.out}` : ""}`);
      }),
    );

  optionFlags(program.command("security").description("security report of proof options: conjectured and proven bits"))
    .option("--field <name>", "goldilocks, f128 or genstark", "goldilocks")
    .option("--trace-length <n>", "trace length (power of two)", "65536")
    .option("--width <n>", "committed trace columns", "8")
    .option("--degree <d>", "highest constraint degree", "3")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | undefined>) =>
      guarded(() => {
        const field = getField(o.field!);
        const options = proofOptions(o, field.bits);
        const r = securityReport({ options, field, traceLength: parseIntStrict(o.traceLength!, "--trace-length", 8), traceWidth: parseIntStrict(o.width!, "--width", 1), maxConstraintDegree: parseIntStrict(o.degree!, "--degree", 1) });
        if (o.json) return out(toJson(r));
        out(table(["measure", "bits"], [["conjectured (ethSTARK, Winterfell)", r.conjectured.toFixed(1)], ["proven, list decoding (eprint 2024/1553)", r.provenListDecoding.toFixed(1)], ["proven, unique decoding", r.provenUniqueDecoding.toFixed(1)]]));
        out(`limited by: ${r.cappedBy}; options ${JSON.stringify(options)}`);
      }),
    );
}

export { AirError };
