/**
 * `encryptai lwe …`: the LWE lab on the command line — params, report, estimate, keygen, encrypt, decrypt. Outputs
 * are checked writable before any work; keygen never overwrites a key pair nor writes a secret key git could commit
 * (outputs.ts) without --force.
 */
import type { Command } from "commander";
import { existsSync } from "node:fs";
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
  parseCustomParams,
  seededRandom,
  serializeCiphertexts,
  serializePublicKey,
  serializeSecretKey,
  systemRandom,
} from "../lwe/index.js";
import { type PresetRow, buildLabReport } from "../lwe/report.js";
import { writeFileAtomic, writeFilesAtomic } from "../io/atomic-write.js";
import { CliUsageError, guarded } from "./errors.js";
import { bytes, pow2, table, toJson } from "./format.js";
import { parseIntegerList } from "./parse.js";
import { checkParamsFileSize, customParamsSummary, perAttackSecurity, registerLweEstimate } from "./lwe-estimate.js";
import { ATTACK_NAMES } from "../lwe/estimator/index.js";
import { seededFileNote, warnSeeded } from "./seeded.js";
import { checkAllWritable, checkSecretKeyPath, checkWritable } from "./outputs.js";
import { progress } from "./progress.js";

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
    .description("list the parameter presets (or a custom set) with security per attack (model named), sizes and noise budget")
    .option("--params <file.json>", "show a custom parameter set instead of the presets")
    .option("--json", "machine-readable output")
    .action((o: { json?: boolean; params?: string }) =>
      guarded(async () => {
        const { presetRow } = await import("../lwe/report.js");
        if (o.params !== undefined) await checkParamsFileSize(o.params);
        const sets = o.params !== undefined ? [parseCustomParams(await readFile(o.params, "utf8"), o.params)] : Object.values(PRESETS).map((p) => p.params);
        const rows = sets.map((p) => presetRow(p));
        const perAttack = sets.map((p) => ({ id: p.id, attacks: perAttackSecurity(p, ["core-svp", "matzov"]) }));
        if (o.json) return out(toJson(rows.map((r, i) => ({ ...r, description: PRESETS[r.id]?.description ?? "custom parameter set", attacks: perAttack[i]!.attacks }))));
        out(presetTable(rows));
        const shown = perAttack.filter((p) => o.params !== undefined || !p.id.startsWith("thesis"));
        const bits = (x: number): string => (x === Infinity ? "∞" : x.toFixed(1));
        out(`\nPer attack, log2 of its cost (cheaper of the key and encryption instances; core-SVP / MATZOV):`);
        out(
          table(
            ["attack", ...shown.map((p) => p.id)],
            ATTACK_NAMES.map((a) => [a, ...shown.map((p) => ["core-svp", "matzov"].map((m) => bits(p.attacks.find((x) => x.attack === a && x.model === m)!.bits)).join(" / "))]),
          ),
        );
        out("\nSecurity: min over every attack of lattice-estimator's LWE.estimate (and the generic dual hybrids, exhaustive search,");
        out("MITM) on the key and encryption LWE instances. core-SVP = 0.292β (classical), MATZOV = the lattice-estimator default.");
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
        if (o.out) await checkWritable(o.out, { flag: "--out" });
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

  registerLweEstimate(lwe);

  lwe
    .command("keygen")
    .description("generate a key pair: PREFIX.pk (public) and PREFIX.sk (secret, mode 0600), written together or not at all")
    .requiredOption("--out <prefix>", "output path prefix")
    .option("--preset <id>", `parameter set (${Object.keys(PRESETS).join(", ")})`)
    .option("--params <file.json>", "a custom parameter set (JSON: the fields of `lwe params --json`; delta may be left out): its security and noise budget are printed, with a warning below 128 bits")
    .option("--seed <seed>", "deterministic randomness (experiments only, never for real keys; recorded in both files)")
    .option("--force", "overwrite an existing key pair, or write the secret key inside a git work tree where git does not ignore it")
    .option("--json", "machine-readable output")
    .action((o: { out: string; preset?: string; params?: string; seed?: string; force?: boolean; json?: boolean }) =>
      guarded(async () => {
        if (o.preset !== undefined && o.params !== undefined) throw new CliUsageError("give --preset or --params, not both");
        if (o.params !== undefined) await checkParamsFileSize(o.params);
        const params = o.params !== undefined ? parseCustomParams(await readFile(o.params, "utf8"), o.params) : getParams(o.preset ?? DEFAULT_PRESET);
        // then the outputs, before the key: never overwrite a key pair, never a secret key git could commit (without --force)
        checkSecretKeyPath(`${o.out}.sk`, o.force === true);
        if (!o.force && existsSync(`${o.out}.pk`)) throw new CliUsageError(`public key ${o.out}.pk already exists: refusing to overwrite it (give another --out, or --force)`);
        await checkAllWritable([`${o.out}.pk`, `${o.out}.sk`], { flag: "--out" });
        if (o.params !== undefined) customParamsSummary(params, o.json === true);
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
        await checkWritable(o.out, { flag: "--out" });
        const values = parseIntegerList(o.values ?? (await readFile(o.in!, "utf8")), o.values !== undefined ? "--values" : o.in!);
        const seeded = o.seed !== undefined;
        if (seeded) warnSeeded("the ciphertexts (equal values at the same position under the same key encrypt alike)");
        const random = randomFrom(o.seed);
        let cts: Ciphertext[];
        const key = o.pk !== undefined ? { pk: deserializePublicKey(await readFile(o.pk)) } : { sk: deserializeSecretKey(await readFile(o.sk!)) };
        const bar = progress("encrypting", values.length, 64);
        try {
          const how = { onProgress: (done: number) => bar.update(done) };
          cts = key.pk !== undefined ? encryptMany(key.pk, values, random, how) : encryptManyWithSecretKey(key.sk!, values, random, how);
        } finally {
          bar.stop();
        }
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
