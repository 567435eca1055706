/**
 * The inference node (thesis §3 step 4; issue "End to end", item 3; issue 12, items 2–3): takes requested jobs on
 * the JobManager, fetches the model manifest and the user's input ciphertexts by CID (verified against the CID and
 * against the job's input commitment), checks that it can finish the job (feasibility.ts: the fee, the ciphertext
 * count and parameter set against the manifest, the deadline against its own proving estimate) and only then
 * accepts it, runs the committed program on the ciphertexts, proves it (STARK tier) or names it (validity tier),
 * stores the output and the proof file, and submits their commitments. It never holds a decryption key; for
 * private weights it opens the model package sealed to its own Ethereum key. Every blob is fetched under its cap
 * (the input: JOB_FETCH_LIMITS.input; a package: MAX_PACKAGE_BYTES).
 *
 * `pollOnce` keeps running whatever one job does: a job it cannot finish is refused with the reason (one log line
 * "job #N: refused — …", never accepted); a storage or RPC outage is no decision ("no decision yet — …; retrying");
 * a job it accepted and did not finish (the process stopped) is resumed. With `stateFile` its decisions, cursor and
 * proving estimates persist across restarts (job-ledger.ts), and a job during which the process stopped
 * `maxAttempts` times is skipped.
 */
import { formatEther, getBytes } from "ethers";
import { serializeCiphertexts, deserializeCiphertexts, encryptMany, keygen, systemRandom, type Ciphertext, type LweParams } from "../lwe/index.js";
import type { JobView, MarketClient } from "../market/client.js";
import { MarketError } from "../market/errors.js";
import type { ContentStore } from "../storage/store.js";
import { assemble, checkProgram, type Program } from "../vm/assembler.js";
import { ciphertextOutputs, executeRows, lweAlgebra } from "../vm/executor.js";
import { inputTape } from "../vm/statement.js";
import { ciphertextCells, hashSpecFor, proveInference, requiredMode, vmProofOptions } from "../vm/inference.js";
import { OPCODES, opByCode, immediateBitsOf } from "../vm/isa.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { programHash, programHashBytes } from "../vm/program-hash.js";
import { getParams } from "../lwe/presets.js";
import { JobRefusedError, NodeError } from "./errors.js";
import { FEASIBILITY_DEFAULTS, feasibility, inputCountOf } from "./feasibility.js";
import { MAX_PACKAGE_BYTES, commitment, openPackage, type ModelManifest } from "./formats.js";
import { JobLedger } from "./job-ledger.js";
import { JOB_FETCH_LIMITS, trustedModelOf } from "./job-verdict.js";
import { isOutage } from "./outage.js";
import { type ModelTier, ProvingEstimates, estimateKey } from "./proving-estimate.js";
import { validityProofHash } from "./validity.js";
import { type Settlement, checkOnchainRegistration, settleOnchain } from "../market/onchain-settlement.js";
import { type OnchainRegistration, onchainInputError, onchainProofOptions, onchainRegistration } from "../vm/onchain-family.js";
import { committedModel } from "./model-manifest.js";

export interface NodeIdentity {
  /** The node's Ethereum private key (0x hex): signs its transactions and opens model packages sealed to it. */
  readonly privateKey: string;
  readonly address: string;
}

export interface JobOutcome {
  readonly jobId: bigint;
  readonly tier: ModelTier;
  readonly outputCid: string;
  /** The proof file's CID (STARK tier); the output's CID on the validity tier (what the job records). */
  readonly proofCid: string;
  readonly outputHash: string;
  readonly proofHash: string;
  readonly proveMs: number;
  /** On the on-chain tier: the verdict the contract recorded when the node settled its own job. */
  readonly settlement?: Settlement;
}

export interface NodeOptions {
  readonly onProgress?: (message: string) => void;
  /** Smallest node fee accepted, wei of EAI (default 1: any positive fee; a zero-fee job is refused). */
  readonly minNodeFee?: bigint;
  /** Seconds required on top of twice the proving estimate before the deadline (default 60). */
  readonly deadlineMarginSeconds?: number;
  /** JSON file keeping the node's decisions, cursor and proving estimates across restarts (job-ledger.ts). */
  readonly stateFile?: string;
  /** Starts of one job during which the process stopped before it is skipped (default 3). */
  readonly maxAttempts?: number;
}

/** The model as the node runs it: the manifest bound to the ModelNFT and the program rebuilt from it. */
export interface LoadedModel {
  readonly manifest: ModelManifest;
  readonly program: Program;
  readonly salt: readonly bigint[] | undefined;
  readonly publicValues: bigint[];
}

export class InferenceNode {
  /** Proving time per model and tier, the largest observed (calibrated on a model's first job). */
  readonly estimates: ProvingEstimates;
  private ledgerP: Promise<JobLedger> | undefined;
  private readonly registrations = new Map<bigint, OnchainRegistration>();

  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    readonly identity: NodeIdentity,
    readonly options: NodeOptions = {},
  ) {
    this.estimates = new ProvingEstimates(async (key, ms) => {
      if (this.ledgerP) await (await this.ledgerP).setNote(`provingMs:${key}`, Math.ceil(ms));
    });
  }

  private say(m: string): void {
    this.options.onProgress?.(m);
  }

  /** The node's ledger, opened on first use (the estimates it kept are loaded into `estimates`). */
  ledger(): Promise<JobLedger> {
    this.ledgerP ??= (async () => {
      const scope = { role: "node" as const, chainId: this.client.deployment.chainId, jobManager: this.client.deployment.addresses.jobManager, account: this.identity.address };
      const l = await JobLedger.open(this.options.stateFile, scope);
      for (const [name, ms] of Object.entries(l.toJSON().notes)) if (name.startsWith("provingMs:")) this.estimates.restore(name.slice("provingMs:".length), ms);
      return l;
    })();
    return this.ledgerP;
  }

  /** The program the manifest commits to, rebuilt and checked against the on-chain program hash. */
  async loadProgram(modelId: bigint): Promise<LoadedModel> {
    // the manifest bound to the ModelNFT (its SHA-256 and program hash on chain); an outage stays an outage
    const { manifest } = await trustedModelOf(this.client, this.store, modelId).catch((e: Error) => {
      throw isOutage(e) ? e : new NodeError(`model #${modelId}: ${e.message}`);
    });
    const params = getParams(manifest.params);
    const spec = hashSpecFor(params);
    let program: Program;
    let salt: bigint[] | undefined;
    if (manifest.weights === "private") {
      const cid = manifest.nodePackages[this.identity.address.toLowerCase()];
      if (!cid) throw new NodeError(`model #${modelId} has no package for node ${this.identity.address}`);
      const pkg = openPackage(await this.store.get(cid, { maxBytes: MAX_PACKAGE_BYTES }), this.identity.privateKey);
      program = assemble(pkg.source, { immediates: "i16", modulus: spec.field.modulus });
      salt = pkg.salt.map((v) => BigInt(v));
    } else {
      // public weights: the program has no immediates, so its shape is the whole program
      program = {
        instructions: manifest.opcodes.map((code, step) => {
          const op = opByCode(code);
          if (!op) throw new NodeError(`model #${modelId}: opcode ${code} at step ${step} is not an instruction`);
          return { op, value: 0n };
        }),
        lines: manifest.opcodes.map(() => undefined),
      };
      checkProgram(program);
    }
    const h = programHash(program, salt, spec, manifest.publicValues.map((v) => BigInt(v)));
    const onChain = (await this.client.modelNft.getFunction("programHash")(modelId)) as string;
    if (Buffer.from(programHashBytes(h, spec)).toString("hex") !== onChain.slice(2).toLowerCase())
      throw new NodeError(`model #${modelId}: the package's program does not hash to the on-chain program hash`);
    if (program.instructions.map((i) => OPCODES[i.op]).join() !== manifest.opcodes.join()) throw new NodeError(`model #${modelId}: the package's program does not have the manifest's shape`);
    // the statement declares the manifest's immediate width: the program's must fit it, or no proof can exist
    const own = immediateBitsOf(program.instructions, spec.field.modulus);
    if (manifest.immediateBits < own) throw new NodeError(`model #${modelId}: the manifest declares ${manifest.immediateBits}-bit immediates, its program needs ${own}: no proof of it can verify`);
    return { manifest, program, salt, publicValues: manifest.publicValues.map((v) => BigInt(v)) };
  }

  /** Fetches and checks the job's input before accepting: it must match the CID and the committed hash. */
  async loadInput(jobId: bigint, inputCommitment: string): Promise<{ bytes: Uint8Array; cts: Ciphertext[] }> {
    const cid = (await this.client.jobs.getFunction("inputCid")(jobId)) as string;
    const bytes = await this.store.get(cid, { maxBytes: JOB_FETCH_LIMITS.input });
    if (commitment(bytes) !== inputCommitment.toLowerCase()) throw new NodeError(`job #${jobId}: the input at ${cid} does not match the job's input commitment`);
    return { bytes, cts: deserializeCiphertexts(bytes) };
  }

  /** Runs the model on `cts`: the STARK proof (its file's bytes) or, on the validity tier, the execution only. */
  private compute(model: LoadedModel, params: LweParams, cts: readonly Ciphertext[], tier: ModelTier): { outputs: readonly Ciphertext[]; proofFile?: Uint8Array; proof?: Uint8Array } {
    // a job's input is one row or a batch of rows (issue 15), each of the manifest's features; a classifier's
    // program reads each row once per class score (its input tape)
    const { rows, tape } = inputTape(model.program.instructions.map((i) => OPCODES[i.op]), model.manifest.features.length, cts);
    if (tier !== "validity") {
      const zeroKnowledge = model.manifest.weights === "private";
      // the on-chain tier proves with its registration's options (keccak256 commitments; onchain-family.ts)
      const o = tier === "onchain" ? onchainProofOptions(zeroKnowledge) : vmProofOptions(params, { zeroKnowledge, steps: model.program.instructions.length });
      const r = proveInference(model.program, params, model.publicValues, tape, { proofOptions: o, immediateBits: model.manifest.immediateBits, rows, ...(model.salt ? { salt: model.salt } : {}) });
      return { outputs: r.statement.outputs, proofFile: new TextEncoder().encode(encodeProofFile(r.statement, r.proof, { seeded: r.seeded })), proof: r.proof };
    }
    const outputs = executeRows(hashSpecFor(params).field, model.program, { publicValues: model.publicValues, ciphertexts: tape }, rows, lweAlgebra(params), {
      ciphertextCells: ciphertextCells(params, requiredMode(params)),
    });
    return { outputs: ciphertextOutputs(outputs) };
  }

  /** The proving estimate for a model: on its first use, a timed calibration run under a throwaway LWE key. */
  async provingEstimate(modelId: bigint, model: LoadedModel, tier: ModelTier): Promise<number> {
    const key = estimateKey(modelId, tier);
    const known = this.estimates.get(key);
    if (known !== undefined) return known;
    const params = getParams(model.manifest.params);
    const ms = await this.estimates.estimate(key, () => {
      const { publicKey } = keygen(params, systemRandom());
      this.compute(model, params, encryptMany(publicKey, new Array<number>(inputCountOf(model.manifest)).fill(0)), tier);
    });
    this.say(`model #${modelId}: calibrated — a ${tier} run takes ${(ms / 1000).toFixed(2)} s on this node`);
    return ms;
  }

  /** The on-chain registration the committed manifest gives (computed once per model). */
  registrationOf(modelId: bigint, manifest: ModelManifest): OnchainRegistration {
    let r = this.registrations.get(modelId);
    if (!r) {
      r = onchainRegistration(committedModel(manifest), { zeroKnowledge: manifest.weights === "private", rows: 1 });
      this.registrations.set(modelId, r);
    }
    return r;
  }

  /** The job's tier, from the verifier it names. */
  tierOf(verifier: string): ModelTier {
    const v = verifier.toLowerCase();
    return v === this.client.verifierAddress("stark").toLowerCase() ? "stark" : v === this.client.verifierAddress("onchain").toLowerCase() ? "onchain" : "validity";
  }

  private async chainTime(): Promise<bigint> {
    return BigInt((await this.client.signer.provider!.getBlock("latest"))!.timestamp);
  }

  /**
   * The checks before accepting: the model, the input, feasibility. Throws JobRefusedError with the reason for
   * anything about the job; an outage (storage, RPC) is thrown as it is.
   */
  private async prepare(jobId: bigint, job: JobView, tier: ModelTier): Promise<{ model: LoadedModel; cts: Ciphertext[] }> {
    let model: LoadedModel;
    let cts: Ciphertext[];
    let inputBytes: Uint8Array;
    try {
      model = await this.loadProgram(job.modelId);
      ({ cts, bytes: inputBytes } = await this.loadInput(jobId, job.inputCommitment));
    } catch (e) {
      if (isOutage(e)) throw e;
      throw new JobRefusedError(jobId, e instanceof Error ? e.message : String(e));
    }
    if (tier === "onchain") {
      // the contract judges by the model's registration: it must be the one the committed manifest gives
      try {
        const registration = this.registrationOf(job.modelId, model.manifest);
        await checkOnchainRegistration(this.client, job.modelId, registration);
        // an input the contract refuses: the job could never be settled, the node never paid
        const refused = onchainInputError(inputBytes, registration.family);
        if (refused) throw new NodeError(`the on-chain verifier would refuse this job's input: ${refused}`);
      } catch (e) {
        if (isOutage(e)) throw e;
        throw new JobRefusedError(jobId, e instanceof Error ? e.message : String(e));
      }
    }
    const f = await feasibility(job, model.manifest, cts, {
      now: await this.chainTime(),
      minNodeFee: this.options.minNodeFee ?? FEASIBILITY_DEFAULTS.minNodeFee,
      marginSeconds: this.options.deadlineMarginSeconds ?? FEASIBILITY_DEFAULTS.marginSeconds,
      provingMs: () => this.provingEstimate(job.modelId, model, tier),
    });
    if (f.ok === false) throw new JobRefusedError(jobId, f.reason);
    return { model, cts };
  }

  /**
   * Checks, accepts, runs, proves (or names) and submits one requested job — or, for a job this node accepted
   * earlier and did not submit (it stopped), runs and submits it. Throws JobRefusedError for a job it will not take.
   */
  async handle(jobId: bigint): Promise<JobOutcome> {
    const job = await this.client.job(jobId);
    const resuming = job.status === "Accepted" && job.node.toLowerCase() === this.identity.address.toLowerCase();
    if (job.status !== "Requested" && !resuming) throw new NodeError(`job #${jobId} is ${job.status}, not Requested`);
    const tier = this.tierOf(job.verifier);
    let model: LoadedModel;
    let cts: Ciphertext[];
    if (resuming) {
      model = await this.loadProgram(job.modelId);
      cts = (await this.loadInput(jobId, job.inputCommitment)).cts;
      this.say(`job #${jobId}: resuming (accepted earlier, not submitted)`);
    } else {
      ({ model, cts } = await this.prepare(jobId, job, tier));
      this.say(`job #${jobId}: accepting (${tier} tier, ${cts.length} input ciphertexts, fee ${formatEther(job.nodeFee)} EAI)`);
      await this.client.acceptJob(jobId);
    }
    const params = getParams(model.manifest.params);
    const t0 = performance.now();
    const { outputs, proofFile, proof } = this.compute(model, params, cts, tier);
    const proveMs = performance.now() - t0;
    await this.estimates.observe(estimateKey(job.modelId, tier), proveMs);
    const proofBytes = proofFile ?? getBytes(validityProofHash(jobId, job.inputCommitment, ((await this.client.modelNft.getFunction("asset")(job.modelId)) as { contentHash: string }).contentHash));
    const outputBytes = serializeCiphertexts(outputs);
    const outputCid = await this.store.put(outputBytes);
    // the validity tier stores no proof: its on-chain CID slot points at the output; the on-chain tier commits to
    // the STARK proof's own bytes (what the contract hashes), stored inside the proof file
    const proofCid = tier === "validity" ? outputCid : await this.store.put(proofBytes);
    const outputHash = commitment(outputBytes);
    const proofHash = tier === "stark" ? commitment(proofBytes) : tier === "onchain" ? commitment(proof!) : `0x${Buffer.from(proofBytes).toString("hex")}`;
    await this.client.submitResult(jobId, outputHash, proofHash, proofCid);
    this.say(`job #${jobId}: submitted (${tier === "validity" ? "validity hash" : `proof ${proofCid}, ${(proveMs / 1000).toFixed(2)} s`})`);
    if (tier !== "onchain") return { jobId, tier, outputCid, proofCid, outputHash, proofHash, proveMs };
    // the node settles its own job: the contract checks the proof against the statement it builds from the files
    const input = (await this.loadInput(jobId, job.inputCommitment)).bytes;
    try {
      const settlement = await settleOnchain(this.client, jobId, this.registrationOf(job.modelId, model.manifest), { input, output: outputBytes, proof: proof! });
      this.say(`job #${jobId}: settled on chain — ${settlement.verdict}, ${settlement.gasUsed} gas`);
      return { jobId, tier, outputCid, proofCid, outputHash, proofHash, proveMs, settlement };
    } catch (e) {
      // the result is submitted: anyone may still settle it with the files (the input's CID, the proof file's)
      this.say(`job #${jobId}: not settled yet — ${e instanceof Error ? e.message : String(e)}`);
      return { jobId, tier, outputCid, proofCid, outputHash, proofHash, proveMs };
    }
  }

  /**
   * One pass over the jobs from the ledger's cursor: handles every requested job this node can serve and resumes
   * its own unfinished ones; one log line per decision; never throws for one job's failure.
   */
  async pollOnce(): Promise<JobOutcome[]> {
    const ledger = await this.ledger();
    const done: JobOutcome[] = [];
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    const now = await this.chainTime();
    const me = this.identity.address.toLowerCase();
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let id = ledger.cursor; id <= count; id++) {
      if (ledger.isDone(id)) continue;
      let begun = false;
      try {
        const j = await this.client.job(id);
        const mine = j.status === "Accepted" && j.node.toLowerCase() === me;
        if (j.status !== "Requested" && !mine) {
          // settled, cancelled, or another node's (a job never returns to Requested): nothing for this node to decide
          await ledger.finish(id, { outcome: "not for this node" }, { quiet: true });
          continue;
        }
        if (now >= j.deadline) {
          await ledger.finish(id, { outcome: "skipped", reason: "deadline passed" }, { quiet: !mine });
          if (mine) this.say(`job #${id}: skipped — its deadline passed before this node submitted it`);
          continue;
        }
        if (ledger.attempts(id) >= maxAttempts) {
          const reason = `the process stopped during ${ledger.attempts(id)} earlier attempts at this job; not tried again`;
          await ledger.finish(id, { outcome: "skipped", reason });
          this.say(`job #${id}: skipped — ${reason}`);
          continue;
        }
        await ledger.begin(id);
        begun = true;
        const outcome = await this.handle(id);
        await ledger.finish(id, { outcome: "submitted", reason: `${outcome.tier} result ${outcome.outputHash}` });
        done.push(outcome);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (e instanceof JobRefusedError) {
          await ledger.finish(id, { outcome: "refused", reason: e.reason });
          this.say(message);
        } else if (e instanceof MarketError && e.errorName === "WrongStatus") {
          // another node accepted it first (or the user cancelled): a race, not a failure
          await ledger.finish(id, { outcome: "taken", reason: message });
          this.say(`job #${id}: not taken — ${message}`);
        } else {
          // an outage (no decision yet), or a failure after accepting (the job is resumed while its deadline allows);
          // either way the work returned, so this start is not one during which the process stopped
          if (begun) await ledger.release(id, { reason: message });
          this.say(isOutage(e) ? `job #${id}: no decision yet — ${message}; retrying` : `job #${id}: failed — ${message}; retrying while its deadline allows`);
        }
      }
    }
    for (const [key, ms] of this.estimates.entries()) await ledger.setNote(`provingMs:${key}`, Math.ceil(ms));
    return done;
  }
}
