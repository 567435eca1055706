/**
 * `encryptai verify`: checks a proof against a statement the VERIFIER builds from what it trusts (issue "Sound
 * from model to payment", item 1), under the verifier's security policy (item 2), and prints the policy applied
 * and both security figures.
 *
 *   verify --job <id>                               the chain: ModelNFT + bound manifest, the job's commitments
 *   verify <proof> --manifest <file|cid> --inputs <ciphertexts> [--output <ciphertext>]
 *   verify <proof> --program <file> [--values …] [--salt …] --inputs <ciphertexts>   a public program, hashed here
 *   verify <proof> --statement-from-file            only that the proof matches its OWN claim (explicit)
 *   verify <example proof>                          a prove-example proof (its example, steps and public inputs)
 *   … --decrypt <sk>                                then decrypt the verified output (the statement's noise bound)
 *   … --decrypt <sk> --decode <model.json>          and print it in the model's target units
 *
 * Whatever the verdict, it prints what it checked: the program hash and parameter set (or the example), the trace
 * length, and with a valid verdict the security bits.
 * An inference proof with no trusted source is refused: the statement a proof file carries is its prover's claim.
 * A proof whose zero-knowledge randomness was seeded, and input or output files produced in seeded mode, are named
 * in a note (experiments only).
 */
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { exampleAir } from "../air/examples/registry.js";
import type { ExampleProofFile } from "./stark.js";
import { deserializeCiphertexts, deserializeSecretKey, lweFileInfo, type Ciphertext } from "../lwe/index.js";
import { judgeJob } from "../node/job-verdict.js";
import { DEFAULT_VERIFY_BUDGET } from "../node/verify-sandbox.js";
import { MANIFEST_LIMITS, committedModel, decodeManifest } from "../node/model-manifest.js";
import { DEFAULT_POLICY, POLICIES, type SecurityPolicy, getPolicy, verify } from "../prover/index.js";
import { openStore } from "../storage/index.js";
import { assemble } from "../vm/assembler.js";
import { type InferenceStatement, hashSpecFor } from "../vm/inference.js";
import { decryptVerifiedOutput, decryptVerifiedOutputs } from "../vm/noise-bound.js";
import { OPCODES, immediateBitsOf } from "../vm/isa.js";
import { programHash, programHashHex } from "../vm/program-hash.js";
import { INFERENCE_PROOF_FORMAT, PROOF_FILE_LIMITS, decodeProofFile } from "../vm/proof-file.js";
import { type CommittedModel, type InferenceVerdict, verifyAgainstTrusted } from "../vm/statement.js";
import { CliUsageError, guarded } from "./errors.js";
import { toJson } from "./format.js";
import { type Conn, client, withConn } from "./market.js";
import { parseIntStrict, parseIntegerList } from "./parse.js";
import { seededFileNote } from "./seeded.js";
import { decodeAccumulator, rangeWarning, readModelFile } from "./decode.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

interface VerifyFlags extends Conn {
  policy: string;
  job?: string;
  manifest?: string;
  program?: string;
  values?: string;
  features?: string;
  salt?: string;
  signedImmediates?: boolean;
  inputs?: string;
  output?: string;
  statementFromFile?: boolean;
  decrypt?: string;
  decode?: string;
  store?: string;
  kubo?: string;
}

/** What the verifier printed and returns as JSON. */
interface Report {
  readonly ok: boolean;
  readonly statementSource: string;
  readonly policy: string;
  readonly policyRule: string;
  readonly securityBits?: number;
  readonly provenBits?: number;
  readonly check?: string;
  readonly field?: string;
  readonly message: string;
  readonly verifyMs: number;
  /** With --decrypt: the output's message, decrypted under the verified statement's noise bound (one output). */
  readonly decrypted?: string;
  /** With --decrypt and several outputs (class scores, a batch's rows): each row's decrypted outputs. */
  readonly decryptedRows?: readonly (readonly string[])[];
  /** With --decode <model>: the decrypted accumulator in the model's target units. */
  readonly decoded?: { readonly target: string; readonly value: number; readonly inRange: boolean };
  /** What was produced in seeded mode (the proof's randomness, input or output files): experiments only. */
  readonly notes?: readonly string[];
  /** The statement checked: program hash, parameter set (or example), trace length (issue 18, item 5). */
  readonly checked?: Checked;
}

/** What `verify` checked the proof against, printed whatever the verdict. */
interface Checked {
  readonly programHash?: string;
  readonly parameterSet?: string;
  readonly example?: string;
  readonly publicInputs?: unknown;
  readonly traceLength: number;
  readonly field?: string;
  /** Input rows of the verified statement (a batch; each of `rowInputs` ciphertexts, read `reads` times). */
  readonly rows?: number;
}

/** The statement's identity: its program hash (hex, under its parameter set's hash preset) and shape. */
function checkedOf(s: { params: InferenceStatement["params"]; programHash: InferenceStatement["programHash"]; traceLength: number }): Checked {
  const spec = hashSpecFor(s.params);
  return { programHash: programHashHex(s.programHash, spec), parameterSet: s.params.id, traceLength: s.traceLength, field: spec.field.name };
}

function checkedLine(c: Checked): string {
  const what = c.example !== undefined ? `example ${c.example} ${JSON.stringify(c.publicInputs)}` : `program hash ${c.programHash}, parameter set ${c.parameterSet}`;
  return `checked: ${what}, trace ${c.traceLength} rows${c.field ? ` over ${c.field}` : ""}${c.rows !== undefined ? `, ${c.rows} input row${c.rows === 1 ? "" : "s"}` : ""}`;
}

function policyOf(name: string): SecurityPolicy {
  try {
    return getPolicy(name);
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
}

/** The ciphertexts of a file, and a note when the file was produced in seeded mode. */
async function readCiphertexts(path: string, flag: string): Promise<{ cts: Ciphertext[]; note?: string }> {
  if (!existsSync(path)) throw new CliUsageError(`${flag} ${path}: no such file`);
  const bytes = new Uint8Array(await readFile(path));
  const cts = deserializeCiphertexts(bytes);
  return lweFileInfo(bytes).seeded ? { cts, note: seededFileNote(`${flag} ${path}`, "ciphertexts") } : { cts };
}

/** The committed model from a manifest file, or a manifest CID read (and verified) through the store. */
async function modelFromManifest(ref: string, o: VerifyFlags): Promise<CommittedModel> {
  if (existsSync(ref)) return committedModel(decodeManifest(new Uint8Array(await readFile(ref)), ref));
  const store = openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store ?? ".encryptai/store" });
  return committedModel(decodeManifest(await store.get(ref, { maxBytes: MANIFEST_LIMITS.bytes }), ref));
}

/** The committed model of a public program the verifier hashes itself. */
async function modelFromProgram(path: string, o: VerifyFlags, inputs: readonly Ciphertext[]): Promise<CommittedModel> {
  const params = inputs[0]!.params;
  const spec = hashSpecFor(params);
  const p = spec.field.modulus;
  const program = assemble(await readFile(path, "utf8"), o.signedImmediates ? { immediates: "i16", modulus: p } : {});
  const salt = o.salt === undefined ? undefined : parseIntegerList(o.salt, "--salt");
  if (salt && (salt.length !== spec.capacity.length || salt.some((x) => x < 0n || x >= p))) throw new CliUsageError(`--salt takes ${spec.capacity.length} integers in [0, p) (${spec.id})`);
  const publicValues = o.values === undefined || o.values.trim() === "" ? [] : parseIntegerList(o.values, "--values").map((v) => ((v % p) + p) % p);
  const rowInputs = o.features === undefined ? undefined : parseIntStrict(o.features, "--features", 1);
  return {
    params,
    opcodes: program.instructions.map((i) => OPCODES[i.op]),
    programHash: programHash(program, salt, spec, publicValues),
    publicValues,
    immediateBits: immediateBitsOf(program.instructions, p),
    ...(rowInputs !== undefined ? { rowInputs } : {}),
  };
}

function fromVerdict(v: InferenceVerdict, source: string, policy: SecurityPolicy, ms: number): Report {
  const base = { statementSource: source, policy: policy.name, policyRule: policy.description, verifyMs: ms };
  if (v.ok === false) return { ...base, ok: false, check: v.check, ...(v.field ? { field: v.field } : {}), message: v.message };
  return { ...base, ok: true, securityBits: v.securityBits, provenBits: v.provenBits, message: "encrypted inference verified" };
}

/**
 * --decrypt <sk>: the verified output decrypted under the noise bound of the statement it was verified against
 * (src/vm/noise-bound.ts) — never the provenance the node's file claims.
 */
async function decryptVerified(r: Report, statement: InferenceStatement | undefined, o: VerifyFlags): Promise<Report> {
  if (!r.ok || o.decrypt === undefined || statement === undefined) return r;
  if (o.statementFromFile) throw new CliUsageError("--decrypt needs a statement built from what you trust (--manifest, --program or --job), not --statement-from-file");
  if (!existsSync(o.decrypt)) throw new CliUsageError(`--decrypt ${o.decrypt}: no such secret key file`);
  const sk = deserializeSecretKey(new Uint8Array(await readFile(o.decrypt)));
  if (statement.outputs.length !== 1) {
    if (o.decode !== undefined) throw new CliUsageError(`--decode turns one accumulator into the target's units; this statement has ${statement.outputs.length} outputs (decode them with \`encryptai decode --model <file> --in <file>\`)`);
    const all = decryptVerifiedOutputs(sk, statement).map(String);
    const k = all.length / statement.rows;
    return { ...r, decryptedRows: Array.from({ length: statement.rows }, (_, b) => all.slice(b * k, (b + 1) * k)) };
  }
  const value = decryptVerifiedOutput(sk, statement);
  if (o.decode === undefined) return { ...r, decrypted: String(value) };
  const model = (await readModelFile(o.decode, "--decode")).model;
  const d = decodeAccumulator(model, BigInt(value));
  if (!d.inRange) process.stderr.write(`${rangeWarning(model, d)}\n`);
  return { ...r, decrypted: String(value), decoded: { target: model.target, value: d.prediction, inRange: d.inRange } };
}

function print(r: Report, json: boolean | undefined): void {
  if (json) out(toJson(r));
  else {
    out(`statement: ${r.statementSource}`);
    if (r.checked) out(checkedLine(r.checked));
    out(`policy "${r.policy}": ${r.policyRule}`);
    if (r.ok) {
      out(`valid: ${r.message} — ${r.securityBits} bits conjectured, ${r.provenBits} bits proven (list decoding); verified in ${r.verifyMs.toFixed(1)} ms`);
      if (r.decrypted !== undefined) out(`decrypted output: ${r.decrypted} (noise bounded by the verified statement: its shape, public values and range-checked immediates)`);
      if (r.decryptedRows !== undefined) {
        out(`decrypted outputs, ${r.decryptedRows.length} row${r.decryptedRows.length === 1 ? "" : "s"} of ${r.decryptedRows[0]?.length ?? 0} (noise bounded by the verified statement):`);
        r.decryptedRows.forEach((row, b) => out(`  row ${b}: ${row.join(", ")}`));
      }
      if (r.decoded !== undefined) out(`decoded: ${r.decoded.target} = ${r.decoded.value.toPrecision(6)} (the model's output scale × the decrypted accumulator)`);
    } else out(`INVALID (${r.check}${r.field ? `: ${r.field}` : ""}): ${r.message.startsWith(`${r.check}: `) ? r.message.slice(r.check!.length + 2) : r.message}`);
    for (const n of r.notes ?? []) out(n);
  }
  if (!r.ok) process.exitCode = 1;
}

async function verifyJob(o: VerifyFlags, policy: SecurityPolicy): Promise<void> {
  const c = await client({ ...o, readOnly: true });
  try {
    const store = openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store ?? ".encryptai/store" });
    const t0 = performance.now();
    const v = await judgeJob(c, store, BigInt(parseIntStrict(o.job!, "--job", 1)), { policy, budget: DEFAULT_VERIFY_BUDGET });
    const ms = performance.now() - t0;
    const source = `job #${o.job} on chain ${c.deployment.chainId}: the ModelNFT's program hash and bound manifest, the job's input, output and proof commitments`;
    const report: Report = v.valid
      ? { ok: true, statementSource: source, policy: policy.name, policyRule: policy.description, securityBits: v.securityBits, provenBits: v.provenBits, message: v.reason, verifyMs: ms }
      : { ok: false, statementSource: source, policy: policy.name, policyRule: policy.description, check: v.check, message: v.reason, verifyMs: ms };
    const checked = v.valid ? { checked: checkedOf(v.statement) } : {};
    print(await decryptVerified({ ...report, ...checked }, v.valid ? v.statement : undefined, o), o.json);
  } finally {
    c.signer.provider?.destroy();
  }
}

async function verifyInferenceProof(text: string, o: VerifyFlags, policy: SecurityPolicy): Promise<void> {
  const file = decodeProofFile(text);
  const sources = [o.manifest !== undefined, o.program !== undefined, o.statementFromFile === true].filter(Boolean).length;
  if (sources !== 1)
    throw new CliUsageError(
      "say what you trust: --manifest <file|cid> --inputs <file> (a published model), --program <file> --inputs <file> (a public program), --job <id> (the chain), or --statement-from-file (the proof's own claim only)",
    );
  let model: CommittedModel;
  let inputs: readonly Ciphertext[];
  let source: string;
  const notes: string[] = [];
  if (file.seeded) notes.push("note: the proof's zero-knowledge randomness was seeded (prove --seed): it hides nothing from whoever knows the seed — for experiments only");
  if (o.statementFromFile) {
    const s = file.statement;
    model = { params: s.params, opcodes: s.opcodes, programHash: s.programHash, publicValues: s.publicValues, immediateBits: s.immediateBits };
    inputs = s.inputs;
    source = "the proof file's own claim (--statement-from-file): this shows only that the proof matches what its prover says it proved";
  } else {
    if (o.inputs === undefined) throw new CliUsageError("--inputs <file>: the input ciphertexts you trust (your own encryption)");
    const read = await readCiphertexts(o.inputs, "--inputs");
    inputs = read.cts;
    if (read.note) notes.push(read.note);
    if (inputs.length === 0) throw new CliUsageError("the input file holds no ciphertexts");
    model = o.manifest !== undefined ? await modelFromManifest(o.manifest, o) : await modelFromProgram(o.program!, o, inputs);
    source = `${o.manifest !== undefined ? `model manifest ${o.manifest}` : `program ${o.program} (hashed here)`} and your inputs ${o.inputs}`;
  }
  const outputFile = o.output === undefined ? undefined : await readCiphertexts(o.output, "--output");
  if (outputFile?.note) notes.push(outputFile.note);
  if (o.output !== undefined) source += ` and your output ${o.output}`;
  const t0 = performance.now();
  const v = verifyAgainstTrusted({ model, inputs, ...(outputFile ? { outputs: outputFile.cts } : {}) }, file, { policy });
  const report = { ...fromVerdict(v, source, policy, performance.now() - t0), checked: { ...checkedOf({ params: model.params, programHash: model.programHash, traceLength: file.statement.traceLength }), ...(v.ok ? { rows: v.statement.rows } : {}) } };
  print(await decryptVerified(notes.length > 0 ? { ...report, notes } : report, v.ok ? v.statement : undefined, o), o.json);
}

function verifyExampleProof(file: ExampleProofFile, path: string, o: VerifyFlags, policy: SecurityPolicy): void {
  if (file.format !== "encryptai-stark-proof" || typeof file.proof !== "string" || typeof file.example !== "string" || !Number.isSafeInteger(file.steps))
    throw new CliUsageError(`${path} is not a proof file (format "encryptai-stark-proof" or "${INFERENCE_PROOF_FORMAT}")`);
  const air = exampleAir(file.example, file.steps, file.publicInputs);
  const t0 = performance.now();
  const r = verify(air, new Uint8Array(Buffer.from(file.proof, "base64")), { policy });
  const source = `${file.example} with ${JSON.stringify(file.publicInputs)} (the example's public inputs as the file states them)`;
  const checked: Checked = { example: file.example, publicInputs: file.publicInputs, traceLength: air.traceLength, field: air.field.name };
  const base = { statementSource: source, policy: policy.name, policyRule: policy.description, verifyMs: performance.now() - t0, checked };
  print(r.ok ? { ...base, ok: true, securityBits: r.securityBits, provenBits: r.provenBits, message: `${file.example} verified` } : { ...base, ok: false, check: r.check, message: r.message }, o.json);
}

export function registerVerify(program: Command): void {
  withConn(program.command("verify [proof]").description("verify a proof against a statement built from what you trust, under a security policy"))
    .option("--policy <name>", `security policy: ${Object.values(POLICIES).map((p) => `${p.name} (${p.description})`).join("; ")}`, DEFAULT_POLICY.name)
    .option("--job <id>", "verify a marketplace job: the statement from the chain (ModelNFT, bound manifest, the job's commitments)")
    .option("--manifest <file|cid>", "the model's manifest (a file, or a CID read through --store/--kubo)")
    .option("--program <file>", "a public program: its hash is computed here")
    .option("--values <list>", "with --program: the public values `read` takes")
    .option("--salt <list>", "with --program: the program-hash salt")
    .option("--signed-immediates", "with --program: push immediates are signed 16-bit integers")
    .option("--features <n>", "with --program: ciphertexts per input row, when the program reads each row more than once (a classifier: once per class score); default: all it reads")
    .option("--inputs <file>", "the input ciphertexts you trust (your own encryption)")
    .option("--output <file>", "an output ciphertext you hold: it must be the proof's")
    .option("--statement-from-file", "check only that the proof matches the statement its own file claims (not that it is your model or input)")
    .option("--decrypt <sk>", "after a valid verdict, decrypt the output with this secret key under the verified statement's noise bound")
    .option("--decode <model.json>", "with --decrypt: also print the decrypted accumulator in the model's target units (as `encryptai decode`)")
    .option("--store <dir>", "local content store folder (for CIDs)", ".encryptai/store")
    .option("--kubo <url>", "a Kubo (IPFS) daemon's RPC API instead of the local store")
    .action((path: string | undefined, o: VerifyFlags) =>
      guarded(async () => {
        const policy = policyOf(o.policy);
        if (o.decode !== undefined && o.decrypt === undefined) throw new CliUsageError("--decode <model> needs --decrypt <sk>: it decodes the decrypted output");
        if (o.job !== undefined) {
          if (path !== undefined) throw new CliUsageError("with --job the proof is the one the job commits to: give no proof file");
          return verifyJob(o, policy);
        }
        if (path === undefined) throw new CliUsageError("give a proof file (or --job <id>)");
        let text: string;
        let json: unknown;
        try {
          const size = (await stat(path)).size;
          if (size > PROOF_FILE_LIMITS.bytes) throw new Error(`${size} bytes, over the cap of ${PROOF_FILE_LIMITS.bytes}`);
          text = await readFile(path, "utf8");
          json = JSON.parse(text);
        } catch (e) {
          throw new CliUsageError(`cannot read proof file ${path}: ${(e as Error).message}`);
        }
        if ((json as { format?: string } | null)?.format === INFERENCE_PROOF_FORMAT) return verifyInferenceProof(text, o, policy);
        verifyExampleProof(json as ExampleProofFile, path, o, policy);
      }),
    );
}
