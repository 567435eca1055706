/**
 * `encryptai assemble | run | trace | prove` (and inference proofs for `encryptai verify`): the Encrypt zkVM on
 * the command line (issue "Encrypt zkVM", item 6). Programs are thesis-format assembly files; inputs are LWE
 * ciphertext files from `encryptai lwe encrypt`; models are files from `encryptai train`.
 */
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { inspectTrace, mutationTest, traceRows } from "../air/inspect.js";
import { hashColumn } from "../vm/air/columns.js";
import { vmAir, vmTraceLength } from "../vm/air/vm-air.js";
import { type Ciphertext, deserializeCiphertexts, getParams, seededRandom, serializeCiphertexts } from "../lwe/index.js";
import { type ProofOptions, securityReportForAir, validateOptions, DEFAULT_POLICY } from "../prover/index.js";
import { PROVE_STEPS } from "../prover/prover.js";
import { CLASSIFIER_FORMAT, type ClassifierFile, parseClassifier } from "../regression/classifier-file.js";
import { parseModel } from "../regression/index.js";
import { inputTape } from "../vm/statement.js";
import { modelFileText } from "./classify.js";
import { type Program, assemble, disassemble, formatProgram } from "../vm/assembler.js";
import { compileClassifier, compileModel } from "../vm/compile.js";
import { ciphertextOutputs, execute, lweAlgebra, scalarOutputs } from "../vm/executor.js";
import { OPCODES, immediateBitsOf } from "../vm/isa.js";
import { type CiphertextMode, type InferenceStatement, ciphertextCells, hashSpecFor, inferenceAir, proveInference, requiredMode, vmProofOptions, vmPublicInputs } from "../vm/inference.js";
import { MANIFEST_FORMAT, MANIFEST_VERSION, encodeManifest } from "../node/model-manifest.js";
import { RESCUE_F128, RPO_GOLDILOCKS, type VmHashSpec } from "../vm/hash-spec.js";
import { type ProgramHash, programHash, programHashHex } from "../vm/program-hash.js";
import { vmTrace } from "../vm/trace.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { writeFileAtomic, writeFilesAtomic } from "../io/atomic-write.js";
import { randomBytes } from "node:crypto";
import { CliUsageError, guarded } from "./errors.js";
import { warnSeeded } from "./seeded.js";
import { bytes as fmtBytes, table, toJson } from "./format.js";
import { parseIntStrict, parseIntegerList } from "./parse.js";
import { checkAllWritable } from "./outputs.js";
import { progress } from "./progress.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

async function readProgram(path: string, signedImmediates: boolean, spec: VmHashSpec): Promise<Program> {
  const text = await readFile(path, "utf8");
  return assemble(text, signedImmediates ? { immediates: "i16", modulus: spec.field.modulus } : {});
}

/** One salt element per capacity cell of the hash preset (2 for f128, 4 for Goldilocks); default zero. */
function parseSalt(text: string | undefined, spec: VmHashSpec): ProgramHash | undefined {
  if (text === undefined) return undefined;
  const v = parseIntegerList(text, "--salt");
  const k = spec.capacity.length;
  if (v.length !== k || v.some((x) => x < 0n || x >= spec.field.modulus)) throw new CliUsageError(`--salt takes ${k} integers in [0, p) separated by commas (${spec.id})`);
  return v;
}

const saltOption = (salt: ProgramHash | undefined) => (salt ? { salt } : {});

function hashByName(name: string | undefined): VmHashSpec {
  if (name === undefined || name === "f128") return RESCUE_F128;
  if (name === "goldilocks") return RPO_GOLDILOCKS;
  throw new CliUsageError(`--field "${name}": expected f128 (the thesis's Rescue) or goldilocks (the RPO-256 model commitment)`);
}

async function readInputs(path: string): Promise<Ciphertext[]> {
  return deserializeCiphertexts(await readFile(path));
}

function values(text: string | undefined, spec: VmHashSpec): bigint[] {
  if (text === undefined || text.trim() === "") return [];
  const p = spec.field.modulus;
  return parseIntegerList(text, "--values").map((v) => ((v % p) + p) % p);
}

function modeOf(o: { lanes?: string }, cts: readonly Ciphertext[]): CiphertextMode {
  if (o.lanes === undefined) return cts.length > 0 ? requiredMode(cts[0]!.params) : "raw";
  if (o.lanes === "raw") return "raw";
  return parseIntStrict(o.lanes, "--lanes", 1);
}

/** What `run` and `trace` share: the inputs, their parameters and hash preset, the program, the values and the mode. */
async function loadRun(file: string, o: Record<string, string | boolean | undefined>) {
  const cts = await readInputs(String(o.inputs));
  if (cts.length === 0) throw new CliUsageError("the input file holds no ciphertexts");
  const params = cts[0]!.params;
  const spec = hashSpecFor(params);
  const program = await readProgram(file, Boolean(o.signedImmediates), spec);
  const publicValues = values(o.values as string | undefined, spec);
  const mode = modeOf(o as { lanes?: string }, cts);
  /** The fast executor on the full ciphertexts, counting stack cells in the proof's layout. */
  const run = () => execute(spec.field, program, { publicValues, ciphertexts: cts }, lweAlgebra(params), { ciphertextCells: ciphertextCells(params, mode) });
  return { cts, params, spec, program, publicValues, mode, run };
}

const programFlags = (cmd: Command): Command =>
  cmd.option("--signed-immediates", "push immediates are signed 16-bit integers, −32768 … 32767 (default: u8 as the thesis)").option("--salt <list>", "program-hash salt (one field element per capacity cell: 2 for f128, 4 for Goldilocks)");

export function registerVm(program: Command): void {
  programFlags(program.command("assemble <file>").description("assemble a thesis-format program: padded layout, steps and program hash"))
    .option("--field <f128|goldilocks>", "the hash preset's field: f128 (the thesis's Rescue) or goldilocks (the RPO-256 model commitment)", "f128")
    .option("--values <list>", "public values for `read` (the Goldilocks model commitment binds them)")
    .option("--json", "machine-readable output")
    .action((file: string, o: { signedImmediates?: boolean; salt?: string; field?: string; values?: string; json?: boolean }) =>
      guarded(async () => {
        const spec = hashByName(o.field);
        const p = await readProgram(file, o.signedImmediates ?? false, spec);
        const reads = p.instructions.filter((i) => i.op === "read").length;
        if (spec.kind === "sponge" && o.values === undefined && reads > 0) throw new CliUsageError(`the model commitment binds the public values: the program reads ${reads}, give them with --values`);
        const h = programHash(p, parseSalt(o.salt, spec), spec, values(o.values, spec));
        if (o.json) return out(toJson({ steps: p.instructions.length, layout: formatProgram(p), hash: spec.id, programHash: programHashHex(h, spec), elements: h }));
        out(disassemble(p, { modulus: spec.field.modulus }).trimEnd());
        out(`\n${p.instructions.length} steps: ${formatProgram(p)}`);
        out(`program hash (${spec.id}) ${programHashHex(h, spec)}`);
      }),
    );

  programFlags(program.command("run <file>").description("run a program on encrypted inputs (no proof); writes the output ciphertext"))
    .requiredOption("--inputs <file>", "input ciphertexts (from `encryptai lwe encrypt`)")
    .option("--values <list>", "public values for `read`, comma separated")
    .option("--out <file>", "output ciphertext file")
    .option("--lanes <raw|L>", "stack cells per ciphertext: raw (n + 1) or L compressed lanes (default: raw when it fits)")
    .option("--json", "machine-readable output")
    .action((file: string, o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        if (o.out) await checkAllWritable([String(o.out)], { flag: "--out" });
        const { cts, params, program: p, run } = await loadRun(file, o);
        const t0 = performance.now();
        const { output } = run();
        const ms = performance.now() - t0;
        if (o.out) await writeFileAtomic(String(o.out), serializeCiphertexts([output]));
        const info = { steps: p.instructions.length, inputs: cts.length, preset: params.id, ms, out: o.out ?? null };
        out(o.json ? toJson(info) : `ran ${info.steps} steps on ${cts.length} ciphertexts (${params.id}) in ${ms.toFixed(1)} ms${o.out ? `; output written to ${o.out}` : ""}`);
      }),
    );

  programFlags(program.command("trace <file>").description("the execution trace as a table; optionally its constraint check and mutation score"))
    .requiredOption("--inputs <file>", "input ciphertexts")
    .option("--values <list>", "public values for `read`")
    .option("--from <row>", "first row", "0")
    .option("--rows <n>", "rows to show", "16")
    .option("--columns <list>", "columns to show, by name (as the table's header prints them) or index, comma separated (default: all)")
    .option("--lanes <raw|L>", "raw (n + 1 cells) or L compressed lanes")
    .option("--mutation", "also run the mutation tester (every cell changed once)")
    .option("--json", "machine-readable output")
    .action((file: string, o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        const { cts, params, spec, program: p, publicValues, mode, run } = await loadRun(file, o);
        const salt = parseSalt(o.salt as string | undefined, spec);
        // the statement the trace proves (the output from the fast executor), then the trace on its cells
        const { outputs } = run();
        const pub = vmPublicInputs({
          params,
          opcodes: p.instructions.map((i) => OPCODES[i.op]),
          programHash: programHash(p, salt, spec, publicValues),
          publicValues,
          rows: 1,
          inputs: cts,
          outputs: ciphertextOutputs(outputs),
          scalarOutputs: scalarOutputs(outputs),
          mode,
          traceLength: vmTraceLength(p.instructions.length),
          immediateBits: immediateBitsOf(p.instructions, spec.field.modulus),
        });
        const { trace } = vmTrace({ program: p, publicValues, inputs: pub.inputs, delta: params.delta, body: pub.body, hash: spec, immediateBits: pub.immediateBits!, ...saltOption(salt) });
        const air = vmAir(pub);
        const cols = o.columns ? parseColumns(String(o.columns), air.columnNames, air.traceWidth) : undefined;
        const from = parseIntStrict(String(o.from), "--from", 0);
        if (from >= air.traceLength) throw new CliUsageError(`--from ${from}: the trace has ${air.traceLength} rows (0 … ${air.traceLength - 1})`);
        const rows = traceRows(air, trace, from, parseIntStrict(String(o.rows), "--rows", 1), cols);
        const violations = inspectTrace(air, trace);
        const mutation = o.mutation ? mutationTest(air, trace, spec.capacity.map((j) => ({ column: hashColumn(j), step: 0, reason: "program-hash salt" }))) : undefined;
        if (o.json) return out(toJson({ rows, violations, mutation: mutation && { mutated: mutation.mutated, caught: mutation.caught, score: mutation.score, uncaught: mutation.uncaught } }));
        out(table(rows[0]!, rows.slice(1)));
        out(`${air.traceLength} rows × ${air.traceWidth} columns; constraint violations: ${violations.length}`);
        for (const v of violations.slice(0, 10)) out(`  step ${v.step}: ${v.constraint}${v.degree ? ` (degree ${v.degree})` : ""}`);
        if (mutation) out(`mutation test: ${mutation.caught} of ${mutation.mutated} single-cell changes caught (${(100 * mutation.score).toFixed(2)} %); free by design: ${mutation.free.length} (the salt)`);
      }),
    );

  program
    .command("prove")
    .description("run a model (or program) on encrypted inputs and prove it: writes the proof file (claimed statement + proof) and the output ciphertext")
    .option("--model <file>", "model file from `encryptai train` (compiled to a VM program): a regression, or a classifier of at most 4 classes (its k scores)")
    .option("--program <file>", "a thesis-format program instead of --model")
    .option("--values <list>", "public values for --program")
    .requiredOption("--inputs <file>", "input ciphertexts (one per feature, in order; with --batch, rows of them in turn)")
    .option("--batch", "the input file holds several rows: prove them all in one proof (Goldilocks parameter sets)")
    .option("--preset <id>", "expected LWE parameter set of the inputs (checked)")
    .option("--weights <public|private>", "model weights as public values (read) or private immediates (push)", "public")
    .option("--zk", "zero-knowledge proof (required with private immediates)")
    .option("--strict", "proof options for the strict policy (≥ 100 bits proven): larger proofs, slower")
    .option("--blowup <n>", "LDE blowup factor (a power of two, 2–128; zero knowledge needs ≥ 4)")
    .option("--queries <n>", "FRI queries (1–255): fewer queries, fewer bits")
    .option("--hash <name>", "Merkle and transcript hash: blake3-256, sha256 or keccak256 (the EVM's opcode: for proofs checked on chain)")
    .option("--salt <list>", "a program-hash salt you choose (only with --insecure-chosen-salt; by default private immediates get a fresh CSPRNG salt)")
    .option("--insecure-chosen-salt", "use --salt although it did not come from the CSPRNG: whoever can guess it brute-forces the weights from the program hash")
    .option("--reveal-weights-without-zk", "prove private immediates without zero knowledge: the proof's openings give the weights away")
    .option("--seed <seed>", "deterministic zero-knowledge randomness, re-keyed by the statement (experiments only; recorded in the proof file)")
    .requiredOption("--out <file>", "proof file")
    .option("--output-ct <file>", "also write the output ciphertext here (the two files are written together or not at all)")
    .option("--manifest-out <file>", "also write the model's public manifest (parameter set, shape, program hash, public values): what a verifier trusts")
    .option("--decode", "with --model: print how a decrypted output becomes the target's units (the model's output scale)")
    .option("--json", "machine-readable output")
    .action((o: Record<string, string | boolean | undefined>) =>
      guarded(async () => {
        if ((o.model === undefined) === (o.program === undefined)) throw new CliUsageError("give exactly one of --model or --program");
        const overrides = proofOverrides(o);
        await checkAllWritable([String(o.out), o.outputCt as string | undefined, o.manifestOut as string | undefined], { flag: "output" });
        const cts = await readInputs(String(o.inputs));
        if (cts.length === 0) throw new CliUsageError("the input file holds no ciphertexts");
        const params = cts[0]!.params;
        if (o.preset !== undefined && getParams(String(o.preset)).id !== params.id)
          throw new CliUsageError(`the inputs are for parameter set "${params.id}", not "${String(o.preset)}"`);
        const spec = hashSpecFor(params);
        let p: Program;
        let publicValues: bigint[];
        let model: ReturnType<typeof parseModel> | undefined;
        let classifier: ClassifierFile | undefined;
        const weights = String(o.weights);
        if (weights !== "public" && weights !== "private") throw new CliUsageError(`--weights must be public or private, got "${weights}"`);
        if (o.model !== undefined) {
          const { text, format } = await modelFileText(String(o.model));
          if (format === CLASSIFIER_FORMAT) {
            classifier = parseClassifier(text, String(o.model));
            const c = compileClassifier(classifier.model.quantized, weights, spec.field.modulus, ciphertextCells(params, requiredMode(params)));
            p = c.program;
            publicValues = [...c.publicValues];
          } else {
            model = parseModel(text, String(o.model));
            const c = compileModel(model.model.quantized, weights, spec.field.modulus);
            p = c.program;
            publicValues = [...c.publicValues];
          }
        } else {
          p = await readProgram(String(o.program), true, spec);
          publicValues = values(o.values as string | undefined, spec);
        }
        // the rows: the user's ciphertexts per row are the model's features (a --program's read2 steps); a
        // classifier's program reads each row once per class score (its input tape)
        const opcodes = p.instructions.map((i) => OPCODES[i.op]);
        const features = classifier?.model.features.length ?? model?.model.features.length ?? opcodes.filter((c) => c === OPCODES.read2).length;
        const what = o.model !== undefined ? `the model has ${features} features` : `the program reads ${features} input ciphertexts`;
        if (!o.batch && cts.length !== features)
          throw new CliUsageError(`${what}, the input file holds ${cts.length} ciphertexts${cts.length % features === 0 ? ` (${cts.length / features} rows: prove them in one proof with --batch)` : ""}`);
        if (o.batch && cts.length % features !== 0) throw new CliUsageError(`--batch: ${what}, the input file holds ${cts.length} ciphertexts: not whole rows`);
        const { rows, tape } = inputTape(opcodes, features, cts);
        if (rows > 1 && spec.kind !== "sponge") throw new CliUsageError(`--batch needs a Goldilocks parameter set (the model commitment's sponge); the inputs are for "${params.id}"`);
        const hasImmediates = p.instructions.some((i) => i.op === "push");
        if (hasImmediates && !o.zk && !o.revealWeightsWithoutZk)
          throw new CliUsageError("private immediates (push) need --zk: without zero knowledge the proof's openings give the weights away (override: --reveal-weights-without-zk)");
        if (o.salt !== undefined && !o.insecureChosenSalt)
          throw new CliUsageError("--salt needs --insecure-chosen-salt: a salt that did not come from the CSPRNG lets whoever guesses it brute-force the weights (by default private immediates get a fresh CSPRNG salt)");
        const salt = o.salt !== undefined ? parseSalt(o.salt as string, spec) : hasImmediates ? freshSalt(spec) : undefined;
        if (o.seed !== undefined) warnSeeded("the zero-knowledge randomness (derived from the seed and the statement)");
        const proofOptions = withOverrides(vmProofOptions(params, { zeroKnowledge: Boolean(o.zk), strict: Boolean(o.strict), steps: p.instructions.length }), overrides);
        const bar = progress("proving", PROVE_STEPS);
        const t0 = performance.now();
        const r = proveInference(p, params, publicValues, tape, {
          proofOptions,
          rows,
          onProgress: (step: number, _total: number, label: string) => bar.update(step - 1, label),
          ...saltOption(salt),
          ...(o.seed !== undefined ? { random: seededRandom(String(o.seed)) } : {}),
          ...(o.revealWeightsWithoutZk ? { insecure: { revealWeightsWithoutZeroKnowledge: true } } : {}),
        });
        bar.update(PROVE_STEPS, "done");
        bar.stop();
        const ms = performance.now() - t0;
        const s = r.statement;
        const files: { path: string; data: string | Uint8Array }[] = [{ path: String(o.out), data: encodeProofFile(s, r.proof, { seeded: r.seeded }) }];
        if (o.outputCt) files.push({ path: String(o.outputCt), data: serializeCiphertexts(s.outputs) });
        if (o.manifestOut) files.push({ path: String(o.manifestOut), data: manifestFor(s, model ?? classifier, o.weights === "private", features) });
        await writeFilesAtomic(files);
        const sec = securityReportForAir(inferenceAir(s), proofOptions);
        const decode = model ? { target: model.model.target, outputScale: model.model.quantized.outputScale, accumulatorRange: model.model.quantized.accumulator } : undefined;
        const info = {
          steps: p.instructions.length,
          rows,
          outputs: s.outputs.length,
          traceLength: s.traceLength,
          mode: s.mode,
          hash: spec.id,
          preset: params.id,
          zeroKnowledge: proofOptions.zeroKnowledge,
          proofOptions: { blowup: proofOptions.blowup, queries: proofOptions.queries, hash: proofOptions.hash, grindingBits: proofOptions.grindingBits, fieldExtension: proofOptions.fieldExtension },
          seeded: r.seeded,
          proveMs: ms,
          proofBytes: r.proof.length,
          conjecturedBits: sec.conjectured,
          provenBits: sec.provenListDecoding,
          programHash: programHashHex(s.programHash, spec),
          out: o.out,
          ...(decode ? { decode } : {}),
        };
        // a proof the verifier's default policy will refuse: say so now, not at verify time
        if (sec.conjectured < DEFAULT_POLICY.minConjecturedBits || sec.provenListDecoding < DEFAULT_POLICY.minProvenBits)
          process.stderr.write(`warning: ${sec.conjectured} bits conjectured and ${sec.provenListDecoding} proven is below the default verification policy (${DEFAULT_POLICY.description}): \`verify\` will refuse this proof unless given a weaker --policy\n`);
        if (o.json) return out(toJson(info));
        out(`proved ${rows > 1 ? `${rows} rows of ` : ""}${info.steps} steps, ${s.outputs.length} output ciphertext${s.outputs.length === 1 ? "" : "s"} (${info.traceLength}-row trace, ciphertexts ${s.mode === "raw" ? "raw" : `in ${s.mode} lanes`}${info.zeroKnowledge ? ", zero knowledge" : ""}${r.seeded ? ", SEEDED randomness" : ""}) in ${(ms / 1000).toFixed(2)} s`);
        out(`proof ${fmtBytes(r.proof.length)}, ${sec.conjectured} bits conjectured, ${sec.provenListDecoding} proven; program hash ${info.programHash}`);
        out(`wrote ${files.map((f) => f.path).join(", ")}`);
        if (decode && o.decode)
          out(`decode: ${decode.target} = ${decode.outputScale.toPrecision(6)} × the decrypted accumulator (encryptai decode --model ${String(o.model)} --value <accumulator>)`);
      }),
    );
}

/** Columns by name (as `trace` prints them) or index; an unknown name is an error listing the names. */
export function parseColumns(text: string, names: readonly string[], width: number): number[] {
  const all = text.split(",").map((x) => x.trim()).filter((x) => x !== "");
  // "step", the table's first header, is the row index: always shown, not a trace column
  const items = all.filter((x) => x !== "step");
  if (items.length === 0) throw new CliUsageError(all.length ? "--columns: name at least one trace column (step, the row index, is always shown)" : "--columns: no columns given");
  return items.map((item) => {
    if (/^[0-9]+$/.test(item)) {
      const c = Number(item);
      if (c >= width) throw new CliUsageError(`--columns: index ${c} is out of range (the trace has ${width} columns, 0 … ${width - 1})`);
      return c;
    }
    const c = names.indexOf(item);
    if (c < 0) {
      const shown = names.slice(0, width).filter((n) => n !== undefined);
      throw new CliUsageError(`--columns: no column named "${item}" (names: ${shown.slice(0, 40).join(", ")}${shown.length > 40 ? ", …" : ""})`);
    }
    return c;
  });
}

/** --blowup, --queries and --hash, parsed (validated against the prover's rules once merged: withOverrides). */
function proofOverrides(o: Record<string, string | boolean | undefined>): Partial<Pick<ProofOptions, "blowup" | "queries" | "hash">> {
  const r: { blowup?: number; queries?: number; hash?: ProofOptions["hash"] } = {};
  if (o.blowup !== undefined) r.blowup = parseIntStrict(String(o.blowup), "--blowup", 1);
  if (o.queries !== undefined) r.queries = parseIntStrict(String(o.queries), "--queries", 1);
  if (o.hash !== undefined) {
    if (o.hash !== "blake3-256" && o.hash !== "sha256" && o.hash !== "keccak256") throw new CliUsageError(`--hash "${String(o.hash)}": expected blake3-256, sha256 or keccak256`);
    r.hash = o.hash;
  }
  return r;
}

/** The options with the overrides, checked by the prover's own validation (ProofOptionsError: exit 2). */
function withOverrides(base: ProofOptions, overrides: Partial<ProofOptions>): ProofOptions {
  return Object.keys(overrides).length === 0 ? base : validateOptions({ ...base, ...overrides });
}

/** A fresh program-hash salt from the OS CSPRNG: one element per capacity cell. */
function freshSalt(spec: VmHashSpec): ProgramHash {
  const k = spec.field.randomBytesLength;
  const bytes = randomBytes(spec.capacity.length * k);
  return spec.capacity.map((_, i) => spec.field.fromRandomBytes(bytes.subarray(i * k, (i + 1) * k)));
}

/** The public manifest of what was proved (what a verifier trusts: `encryptai verify --manifest`). */
function manifestFor(s: InferenceStatement, model: ReturnType<typeof parseModel> | ClassifierFile | undefined, privateWeights: boolean, rowInputs: number): Uint8Array {
  const scores = model === undefined ? undefined : "classes" in model.model ? model.model.quantized : [model.model.quantized];
  const features = model ? model.model.features : Array.from({ length: rowInputs }, (_, i) => `x${i}`);
  const quantizers = scores ? scores[0]!.inputs : features.map(() => ({ nBits: 8, signed: true, scale: 1, zeroPoint: 0, qmin: -128, qmax: 127 }));
  return encodeManifest({
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    params: s.params.id,
    features,
    inputQuantizers: quantizers,
    outputScale: scores ? scores[0]!.outputScale : 1,
    opcodes: s.opcodes,
    programHash: s.programHash.map(String),
    weights: privateWeights || s.publicValues.length === 0 ? "private" : "public",
    immediateBits: s.immediateBits,
    publicValues: s.publicValues.map(String),
    nodePackages: {},
    ...(model && "classes" in model.model ? { classes: [...model.model.classes] } : {}),
  });
}
