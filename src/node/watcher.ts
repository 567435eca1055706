/**
 * The watcher (issue "End to end", item 3): for every submitted STARK-tier job it fetches the proof file by CID
 * and checks, in order, that the file is the committed one (SHA-256 = the job's proof hash), that its statement
 * is the job's — input ciphertexts = the input commitment, output = the output hash, program hash = the
 * ModelNFT's — and that the STARK verifies at the required security. It records the verdict (as an attestor of
 * AttestedStarkVerifier) and, when the result is wrong, challenges the job within the window: the node's stake
 * is slashed, the user refunded and the watcher rewarded. Nothing here needs a decryption key.
 */
import { serializeCiphertexts } from "../lwe/index.js";
import type { MarketClient } from "../market/client.js";
import type { ContentStore } from "../storage/store.js";
import { hashSpecFor, verifyInference } from "../vm/inference.js";
import { decodeProofFile } from "../vm/proof-file.js";
import { programHashBytes } from "../vm/program-hash.js";
import { commitment } from "./formats.js";

export interface Verdict {
  readonly jobId: bigint;
  readonly valid: boolean;
  /** Why (for an invalid result: the first failed check). */
  readonly reason: string;
  readonly challenged: boolean;
}

export class Watcher {
  private readonly seen = new Set<bigint>();
  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    readonly options: { readonly minSecurityBits?: number; readonly onProgress?: (message: string) => void } = {},
  ) {}

  /** Checks one submitted job's proof file against the job; returns the verdict (no transaction). */
  async check(jobId: bigint): Promise<{ valid: boolean; reason: string }> {
    const job = await this.client.job(jobId);
    const cid = (await this.client.jobs.getFunction("proofCid")(jobId)) as string;
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(cid);
    } catch (e) {
      return { valid: false, reason: `the proof file ${cid} cannot be fetched: ${(e as Error).message}` };
    }
    if (commitment(bytes) !== job.proofHash.toLowerCase()) return { valid: false, reason: "the proof file is not the one committed on chain" };
    let file: ReturnType<typeof decodeProofFile>;
    try {
      file = decodeProofFile(new TextDecoder().decode(bytes));
    } catch (e) {
      return { valid: false, reason: (e as Error).message };
    }
    const s = file.statement;
    if (commitment(serializeCiphertexts(s.inputs)) !== job.inputCommitment.toLowerCase()) return { valid: false, reason: "the proof is about other input ciphertexts than the job's" };
    if (commitment(serializeCiphertexts([s.output])) !== job.outputHash.toLowerCase()) return { valid: false, reason: "the proof's output is not the submitted output" };
    const onChain = ((await this.client.modelNft.getFunction("programHash")(job.modelId)) as string).slice(2).toLowerCase();
    if (Buffer.from(programHashBytes(s.programHash, hashSpecFor(s.params))).toString("hex") !== onChain) return { valid: false, reason: "the proof is for another program than the model's" };
    const r = verifyInference(s, file.proof, { minSecurityBits: this.options.minSecurityBits ?? 100 });
    return r.ok === false ? { valid: false, reason: `the STARK is rejected: ${r.message}` } : { valid: true, reason: `STARK verified (${r.securityBits} bits conjectured)` };
  }

  /** Checks, attests and — for a wrong result — challenges one submitted STARK-tier job. */
  async judge(jobId: bigint): Promise<Verdict> {
    const job = await this.client.job(jobId);
    const { valid, reason } = await this.check(jobId);
    await this.client.attest(jobId, job.proofHash, valid);
    let challenged = false;
    if (!valid) {
      await this.client.challenge(jobId);
      challenged = true;
    }
    this.options.onProgress?.(`job #${jobId}: ${valid ? "valid" : "INVALID"} — ${reason}${challenged ? "; challenged" : ""}`);
    return { jobId, valid, reason, challenged };
  }

  /** Judges every submitted STARK-tier job not judged yet. */
  async pollOnce(): Promise<Verdict[]> {
    const out: Verdict[] = [];
    const stark = this.client.verifierAddress("stark").toLowerCase();
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    for (let id = 1n; id <= count; id++) {
      if (this.seen.has(id)) continue;
      const j = await this.client.job(id);
      if (j.status !== "Submitted" || j.verifier.toLowerCase() !== stark) continue;
      this.seen.add(id);
      out.push(await this.judge(id));
    }
    return out;
  }
}
