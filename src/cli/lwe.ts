/**
 * `encryptai lwe …`: the LWE lab on the command line — params, report, estimate, keygen, encrypt, decrypt.
 */
import { type Command, Option } from "commander";
import { readFile } from "node:fs/promises";
import {
  type Ciphertext,
  DEFAULT_PRESET,
  PRESETS,
  type RandomSource,
  decrypt,
  noiseRuleOf,
  deserializeCiphertexts,
  deserializePublicKey,
  deserializeSecretKey,
  encryptMany,
  encryptManyWithSecretKey,
  getParams,
  keygen,
  lweFileInfo,
  seededRandom,
  serializeCiphertexts,
  serializePublicKey,
  serializeSecretKey,
  systemRandom,
} from "../lwe/index.js";
import {
  COST_MODEL_INFO,
  COST_MODEL_NAMES,
  type CostModelName,
  describeDistribution,
  estimate,
  largestLogQ,
  smallestN,
} from "../lwe/estimator/index.js";
import { type PresetRow, buildLabReport } from "../lwe/report.js";
import { writeFileAtomic, writeFilesAtomic } from "../io/atomic-write.js";
import { CliUsageError, guarded } from "./errors.js";
import { bytes, pow2, table, toJson } from "./format.js";
import { parseDistribution, parseIntStrict, parseIntegerList, parseNumber } from "./parse.js";
import { seededFileNote, warnSeeded } from "./seeded.js";

const randomFrom = (seed: string | undefined): RandomSource => (seed === undefined ? systemRandom() : seededRandom(seed));
const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

function presetTable(rows: readonly PresetRow[]): string {
  return table(
    ["preset", "q", "n", "m", "t", "core-SVP", "MATZOV", "limited by", "ciphertext", "public key", "σ fresh", "max ‖c‖₂ @2^-40"],
    rows.map((r) => {
      const core = r.security.find((s) => s.model === "core-svp")!;
      const matzov = r.security.find((s) => s.model === "matzov")!;
      return [
        r.id,
        r.modulus,
        r.n,
        r.m,
        pow2(Math.log2(r.plaintextModulus), 0),
        `${core.bits.toFixed(1)} bits`,
        `${matzov.bits.toFixed(1)} bits`,
        core.limitedBy,
        bytes(r.ciphertextBytes),
        bytes(r.publicKeyBytes),
        r.freshNoiseStddev === 0 ? "0" : pow2(Math.log2(r.freshNoiseStddev)),
        r.maxCircuitNorm === Infinity ? "∞ (no noise)" : r.maxCircuitNorm.toFixed(0),
      ];
    }),
  );
}

export function registerLwe(program: Command): void {
  const lwe = program.command("lwe").description("LWE encryption lab: parameter sets, security estimates, keys, encryption");

  lwe
    .command("params")
    .description("list the parameter presets with security (model named), sizes and noise budget")
    .option("--json", "machine-readable output")
    .action((o: { json?: boolean }) =>
      guarded(async () => {
        const { presetRow } = await import("../lwe/report.js");
        const rows = Object.values(PRESETS).map((p) => presetRow(p.params));
        if (o.json) return out(toJson(rows.map((r) => ({ ...r, description: PRESETS[r.id]!.description }))));
        out(presetTable(rows));
        out("\nSecurity: min over primal uSVP and dual (lattice-estimator models) on the key and encryption LWE instances,");
        out("exhaustive search and linear algebra. core-SVP = 0.292β (classical), MATZOV = the lattice-estimator default.");
      }),
    );

  lwe
    .command("report")
    .description("the LWE lab report: presets, a live attack on the thesis preset, a timed encrypted round trip")
    .option("--json", "machine-readable output")
    .option("--seed <seed>", "deterministic randomness (reproducible report)")
    .option("--out <file>", "also write the report as JSON to this file")
    .action((o: { json?: boolean; seed?: string; out?: string }) =>
      guarded(async () => {
        const report = buildLabReport(randomFrom(o.seed));
        if (o.out) await writeFileAtomic(o.out, toJson(report));
        if (o.json) return out(toJson(report));
        out("EncryptAI Workbench — LWE lab report\n");
        out(presetTable(report.presets));
        const a = report.thesisAttack;
        out(`\nThe thesis preset (n = 4, binary secret, σ = 2.4e-5): its noise rounds to zero, so t = A·s exactly.`);
        out(`Exhaustive search recovered the secret key from the public key after ${a.candidatesTried} of 16 candidates`);
        out(`in ${a.milliseconds.toFixed(2)} ms; the recovered key decrypts a fresh ciphertext: ${a.recoveredKeyDecrypts ? "yes" : "NO"}.`);
        const r = report.roundTrip;
        out(`\nRound trip on ${r.preset}: ${r.values} signed values encrypted with the public key, Σ w·x + 17 with w = [${r.weights.join(", ")}]`);
        out(
          table(
            ["step", "time"],
            [
              ["keygen", `${r.keygenMs.toFixed(0)} ms`],
              ["encrypt (per value)", `${r.encryptMsPerValue.toFixed(2)} ms`],
              ["evaluate all circuits", `${r.evaluateMs.toFixed(1)} ms`],
              ["decrypt all results", `${r.decryptMs.toFixed(1)} ms`],
            ],
          ),
        );
        out(`all results correct: ${r.correct ? "yes" : "NO"}; noise σ predicted ${r.predictedNoiseStddev.toExponential(3)}, measured ${r.measuredNoiseStddev.toExponential(3)}`);
        out(`randomness: ${report.randomness}`);
        if (!r.correct || !a.recoveredKeyDecrypts) process.exitCode = 1;
      }),
    );

  lwe
    .command("estimate")
    .description("estimate LWE security (primal uSVP and dual) under several BKZ cost models, or solve for log q / n")
    .option("--n <n>", "secret dimension")
    .option("--logq <bits>", "log2 of the modulus q")
    .option("--q <q>", "the modulus q (instead of --logq)")
    .option("--secret <dist>", "secret distribution", "ternary")
    .option("--error <dist>", "error distribution (gaussian:SIGMA takes the standard deviation)", "gaussian:3.19")
    .option("--m <m>", "number of samples (default: unlimited)")
    .option("--models <list>", `cost models: ${COST_MODEL_NAMES.join(",")}`, COST_MODEL_NAMES.join(","))
    .addOption(new Option("--solve <what>", "inverse question: largest logq for --target bits, or smallest n").choices(["logq", "n"]))
    .option("--target <bits>", "target security in bits for --solve", "128")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(() => {
        const models = String(o.models)
          .split(",")
          .map((s) => s.trim()) as CostModelName[];
        for (const m of models)
          if (!COST_MODEL_NAMES.includes(m)) throw new CliUsageError(`--models: "${m}" is not a cost model (expected ${COST_MODEL_NAMES.join(", ")})`);
        const secret = parseDistribution(String(o.secret), "--secret");
        const error = parseDistribution(String(o.error), "--error");
        const m = o.m === undefined || o.m === "inf" ? Infinity : parseIntStrict(String(o.m), "--m", 1);
        let logQ: number | undefined;
        if (o.q !== undefined) logQ = Math.log2(parseNumber(String(o.q), "--q"));
        if (o.logq !== undefined) logQ = parseNumber(String(o.logq), "--logq");
        const n = o.n === undefined ? undefined : parseIntStrict(String(o.n), "--n", 1);
        if (o.solve) {
          const target = parseNumber(String(o.target), "--target");
          const rows = models.map((model) => {
            if (o.solve === "logq") {
              if (n === undefined) throw new CliUsageError("--solve logq needs --n");
              return { model, largestLogQ: largestLogQ({ n, secret, error, m }, target, model) };
            }
            if (logQ === undefined) throw new CliUsageError("--solve n needs --logq or --q");
            return { model, smallestN: smallestN({ logQ, secret, error, ...(o.m === undefined ? {} : { m }) }, target, model) };
          });
          if (o.json) return out(toJson({ target, secret, error, n, logQ, m, rows }));
          out(`target ${target} bits, secret ${describeDistribution(secret)}, error ${describeDistribution(error)} (σ is a standard deviation)`);
          out(table(["model", o.solve === "logq" ? `largest log2 q at n = ${n}` : `smallest n at log2 q = ${logQ}`], rows.map((r) => [r.model, "largestLogQ" in r ? r.largestLogQ.toFixed(2) : r.smallestN])));
          return;
        }
        if (n === undefined || logQ === undefined) throw new CliUsageError("estimate needs --n and --logq (or --q); or use --solve");
        const t0 = performance.now();
        const report = estimate({ n, logQ, secret, error, m }, { models });
        const ms = performance.now() - t0;
        if (o.json) return out(toJson({ ...report, milliseconds: ms }));
        out(`LWE n = ${n}, log2 q = ${logQ.toFixed(3)}, secret ${describeDistribution(secret)}, error ${describeDistribution(error)}, m = ${m}`);
        out(
          table(
            ["attack", "model", "cost", "β", "d", "samples"],
            report.results.map((r) => [r.attack, r.model, pow2(r.rop), r.beta, r.d, r.m]),
          ),
        );
        out(`\nsecurity: ${report.minimum.map((x) => `${x.model} ${x.rop.toFixed(1)} bits (${x.attack})`).join("; ")}`);
        out(models.map((x) => `  ${x}: ${COST_MODEL_INFO[x]}`).join("\n"));
        out(`estimated in ${ms.toFixed(1)} ms`);
      }),
    );

  lwe
    .command("keygen")
    .description("generate a key pair: PREFIX.pk (public) and PREFIX.sk (secret, mode 0600), written together or not at all")
    .requiredOption("--out <prefix>", "output path prefix")
    .option("--preset <id>", `parameter set (${Object.keys(PRESETS).join(", ")})`, DEFAULT_PRESET)
    .option("--seed <seed>", "deterministic randomness (experiments only, never for real keys; recorded in both files)")
    .option("--json", "machine-readable output")
    .action((o: { out: string; preset: string; seed?: string; json?: boolean }) =>
      guarded(async () => {
        const params = getParams(o.preset);
        const seeded = o.seed !== undefined;
        if (seeded) warnSeeded("the key pair");
        const { publicKey, secretKey } = keygen(params, randomFrom(o.seed));
        await writeFilesAtomic([
          { path: `${o.out}.pk`, data: serializePublicKey(publicKey, { seeded }) },
          { path: `${o.out}.sk`, data: serializeSecretKey(secretKey, { seeded }), mode: 0o600 },
        ]);
        const info = { preset: params.id, keyId: Buffer.from(publicKey.keyId).toString("hex"), publicKey: `${o.out}.pk`, secretKey: `${o.out}.sk`, seeded };
        out(o.json ? toJson(info) : `wrote ${info.publicKey} and ${info.secretKey} (preset ${info.preset}, key id ${info.keyId})${o.seed !== undefined ? " — seeded: for experiments only" : ""}`);
      }),
    );

  lwe
    .command("encrypt")
    .description("encrypt integers with a public key (--pk) or, as the key owner, with the secret key (--sk)")
    .option("--pk <file>", "public key file")
    .option("--sk <file>", "secret key file (secret-key encryption)")
    .option("--values <list>", "integers, comma separated")
    .option("--in <file>", "file of integers (separated by commas, spaces or newlines)")
    .requiredOption("--out <file>", "output ciphertext file")
    .option("--seed <seed>", "deterministic randomness, derived per value from the seed, the key, the value's position and the value (experiments only; recorded in the file)")
    .option("--json", "machine-readable output")
    .action((o: { pk?: string; sk?: string; values?: string; in?: string; out: string; seed?: string; json?: boolean }) =>
      guarded(async () => {
        if ((o.pk === undefined) === (o.sk === undefined)) throw new CliUsageError("give exactly one of --pk or --sk");
        if ((o.values === undefined) === (o.in === undefined)) throw new CliUsageError("give exactly one of --values or --in");
        const values = parseIntegerList(o.values ?? (await readFile(o.in!, "utf8")), o.values !== undefined ? "--values" : o.in!);
        const seeded = o.seed !== undefined;
        if (seeded) warnSeeded("the ciphertexts (equal values at the same position under the same key encrypt alike)");
        const random = randomFrom(o.seed);
        let cts: Ciphertext[];
        if (o.pk !== undefined) cts = encryptMany(deserializePublicKey(await readFile(o.pk)), values, random);
        else cts = encryptManyWithSecretKey(deserializeSecretKey(await readFile(o.sk!)), values, random);
        const file = serializeCiphertexts(cts, { seeded });
        await writeFileAtomic(o.out, file);
        out(
          o.json
            ? toJson({ count: cts.length, preset: cts[0]!.params.id, bytes: file.length, out: o.out, seeded })
            : `wrote ${cts.length} ciphertexts (${bytes(file.length)}) to ${o.out}${seeded ? " — seeded: for experiments only" : ""}`,
        );
      }),
    );

  lwe
    .command("decrypt")
    .description("decrypt a ciphertext file with the secret key")
    .requiredOption("--sk <file>", "secret key file")
    .requiredOption("--in <file>", "ciphertext file")
    .option("--trust-file-provenance", "take the noise provenance the FILE claims as the bound (whoever wrote the file chose it; by default a file's ciphertext must show no more noise than a fresh encryption)")
    .option("--unsafe", "decrypt even when the predicted failure probability exceeds 2^-40")
    .option("--json", "machine-readable output")
    .action((o: { sk: string; in: string; trustFileProvenance?: boolean; unsafe?: boolean; json?: boolean }) =>
      guarded(async () => {
        const skBytes = await readFile(o.sk);
        const ctBytes = await readFile(o.in);
        const sk = deserializeSecretKey(skBytes);
        const cts = deserializeCiphertexts(ctBytes);
        const options = { unsafe: o.unsafe ?? false, trustFileProvenance: o.trustFileProvenance ?? false };
        const values = cts.map((ct) => decrypt(sk, ct, options));
        const noiseRule = noiseRuleOf(cts[0]!, options);
        // files produced in seeded mode are named (on stderr: stdout stays the values)
        const seededInputs = [{ path: o.sk, bytes: skBytes, what: "secret key" }, { path: o.in, bytes: ctBytes, what: "ciphertexts" }].filter((f) => lweFileInfo(f.bytes).seeded);
        for (const f of seededInputs) process.stderr.write(`${seededFileNote(f.path, f.what)}\n`);
        if (o.json) out(toJson({ values, noiseRule, seededInputs: seededInputs.map((f) => f.path) }));
        else {
          out(values.join("\n"));
          process.stderr.write(`noise checked against: ${noiseRule}\n`);
        }
      }),
    );
}
