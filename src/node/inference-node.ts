/**
 * The inference node (thesis §3 step 4; issue "End to end", item 3): takes requested jobs on the JobManager,
 * fetches the model manifest and the user's input ciphertexts by CID (verified against the CID and against the
 * job's input commitment), runs the committed program on the ciphertexts, proves it (STARK tier) or names it
 * (validity tier), stores the output and the proof file, and submits their commitments. It never holds a
 * decryption key; for private weights it opens the model package sealed to its own Ethereum key. Every blob is
 * fetched under its cap (the input: JOB_FETCH_LIMITS.input; a package: MAX_PACKAGE_BYTES), and a hostile file
 * makes `pollOnce` skip that job with the reason, never stop.
 */
import { getBytes } from "ethers";
import { serializeCiphertexts, deserializeCiphertexts, type Ciphertext } from "../lwe/index.js";
import type { MarketClient } from "../market/client.js";
import type { ContentStore } from "../storage/store.js";
import { assemble, checkProgram, type Program } from "../vm/assembler.js";
import { execute, lweAlgebra } from "../vm/executor.js";
import { ciphertextCells, hashSpecFor, proveInference, requiredMode, vmProofOptions } from "../vm/inference.js";
import { OPCODES, opByCode, immediateBitsOf } from "../vm/isa.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { programHash, programHashBytes } from "../vm/program-hash.js";
import { getParams } from "../lwe/presets.js";
import { NodeError } from "./errors.js";
import { MAX_PACKAGE_BYTES, commitment, openPackage, type ModelManifest } from "./formats.js";
import { JOB_FETCH_LIMITS, trustedModelOf } from "./job-verdict.js";
import { validityProofHash } from "./validity.js";

export interface NodeIdentity {
  /** The node's Ethereum private key (0x hex): signs its transactions and opens model packages sealed to it. */
  readonly privateKey: string;
  readonly address: string;
}

export interface JobOutcome {
  readonly jobId: bigint;
  readonly tier: "stark" | "validity";
  readonly outputCid: string;
  /** The proof file's CID (STARK tier); the output's CID on the validity tier (what the job records). */
  readonly proofCid: string;
  readonly outputHash: string;
  readonly proofHash: string;
  readonly proveMs: number;
}

export class InferenceNode {
  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    readonly identity: NodeIdentity,
    readonly options: { readonly onProgress?: (message: string) => void } = {},
  ) {}

  private say(m: string): void {
    this.options.onProgress?.(m);
  }

  /** The program the manifest commits to, rebuilt and checked against the on-chain program hash. */
  async loadProgram(modelId: bigint): Promise<{ manifest: ModelManifest; program: Program; salt: readonly bigint[] | undefined; publicValues: bigint[] }> {
    // the manifest bound to the ModelNFT (its SHA-256 and program hash on chain)
    const { manifest } = await trustedModelOf(this.client, this.store, modelId).catch((e: Error) => {
      throw new NodeError(`model #${modelId}: ${e.message}`);
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
    const h = programHash(program, salt, spec);
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

  /** Accepts, runs, proves (or names) and submits one requested job. */
  async handle(jobId: bigint): Promise<JobOutcome> {
    const job = await this.client.job(jobId);
    if (job.status !== "Requested") throw new NodeError(`job #${jobId} is ${job.status}, not Requested`);
    const tier = job.verifier.toLowerCase() === this.client.verifierAddress("stark").toLowerCase() ? "stark" : "validity";
    const model = await this.loadProgram(job.modelId);
    const input = await this.loadInput(jobId, job.inputCommitment);
    const params = getParams(model.manifest.params);
    this.say(`job #${jobId}: accepting (${tier} tier, ${input.cts.length} input ciphertexts)`);
    await this.client.acceptJob(jobId);
    const t0 = performance.now();
    let proofBytes: Uint8Array;
    let output: Ciphertext;
    if (tier === "stark") {
      const o = vmProofOptions(params, { zeroKnowledge: model.manifest.weights === "private" });
      const r = proveInference(model.program, params, model.publicValues, input.cts, { proofOptions: o, immediateBits: model.manifest.immediateBits, ...(model.salt ? { salt: model.salt } : {}) });
      output = r.statement.output;
      proofBytes = new TextEncoder().encode(encodeProofFile(r.statement, r.proof, { seeded: r.seeded }));
    } else {
      output = execute(hashSpecFor(params).field, model.program, { publicValues: model.publicValues, ciphertexts: input.cts }, lweAlgebra(params), {
        ciphertextCells: ciphertextCells(params, requiredMode(params)),
      }).output;
      const asset = (await this.client.modelNft.getFunction("asset")(job.modelId)) as { contentHash: string };
      proofBytes = getBytes(validityProofHash(jobId, job.inputCommitment, asset.contentHash));
    }
    const proveMs = performance.now() - t0;
    const outputBytes = serializeCiphertexts([output]);
    const outputCid = await this.store.put(outputBytes);
    // the validity tier stores no proof: its on-chain CID slot points at the output
    const proofCid = tier === "stark" ? await this.store.put(proofBytes) : outputCid;
    const outputHash = commitment(outputBytes);
    const proofHash = tier === "stark" ? commitment(proofBytes) : `0x${Buffer.from(proofBytes).toString("hex")}`;
    await this.client.submitResult(jobId, outputHash, proofHash, proofCid);
    this.say(`job #${jobId}: submitted (${tier === "stark" ? `proof ${proofCid}, ${(proveMs / 1000).toFixed(2)} s` : "validity hash"})`);
    return { jobId, tier, outputCid, proofCid, outputHash, proofHash, proveMs };
  }

  /** Handles every requested job this node can serve (skipping, with a message, the ones it cannot). */
  async pollOnce(): Promise<JobOutcome[]> {
    const done: JobOutcome[] = [];
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    for (let id = 1n; id <= count; id++) {
      const j = await this.client.job(id);
      if (j.status !== "Requested") continue;
      try {
        done.push(await this.handle(id));
      } catch (e) {
        this.say(`job #${id}: skipped — ${(e as Error).message}`);
      }
    }
    return done;
  }
}
