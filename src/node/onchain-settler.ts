/**
 * The settler of the on-chain STARK tier (issue 16, item 5): for every submitted job that names StarkInferenceVerifier
 * and has no verdict yet, it fetches the job's input file (by the job's input CID, checked against its commitment),
 * the proof file at the job's proof CID (the STARK proof inside must hash to the job's proof hash, the output to its
 * output hash), and settles the job with them: the contract rebuilds the statement and verifies the proof. A verdict
 * of Invalid is then challenged: the node is slashed, the user refunded, and this settler — who paid for the
 * verification — earns the reward share. The node settles its own honest jobs; this is who settles the others.
 *
 * What it cannot fetch is not a verdict: the job is retried on a later pass ("no verdict yet"). A proof file that
 * holds no proof of the committed hash cannot be settled by anyone: the job stays undecided and the user is refunded
 * after the grace period (the JobManager's rule for silence). Nothing here needs a decryption key.
 */
import type { MarketClient } from "../market/client.js";
import { MarketError } from "../market/errors.js";
import { type Settlement, registerOnchainModel, settleOnchain } from "../market/onchain-settlement.js";
import type { ContentStore } from "../storage/store.js";
import { type OnchainRegistration, onchainRegistration } from "../vm/onchain-family.js";
import { decodeProofFile } from "../vm/proof-file.js";
import { JOB_FETCH_LIMITS, trustedModelOf } from "./job-verdict.js";
import { commitment } from "./model-manifest.js";
import { isOutage } from "./outage.js";

/** What one pass did with one job. */
export interface SettlerOutcome {
  readonly jobId: bigint;
  /** The verdict on chain after this pass (None: could not be settled yet). */
  readonly verdict: "None" | "Valid" | "Invalid";
  /** This settler's settlement, when it made one. */
  readonly settlement?: Settlement;
  readonly challenged: boolean;
  readonly reason: string;
}

/** The registration the model's committed manifest gives (what the contract must hold for it). */
export async function manifestRegistration(client: MarketClient, store: ContentStore, modelId: bigint): Promise<OnchainRegistration> {
  const { manifest, model } = await trustedModelOf(client, store, modelId);
  return onchainRegistration(model, { zeroKnowledge: manifest.weights === "private" });
}

/** The model owner registers its model from its committed manifest. */
export async function registerModelFromManifest(client: MarketClient, store: ContentStore, modelId: bigint): Promise<OnchainRegistration> {
  const r = await manifestRegistration(client, store, modelId);
  await registerOnchainModel(client, modelId, r);
  return r;
}

export class OnchainSettler {
  private readonly registrations = new Map<bigint, OnchainRegistration>();
  /** Jobs with a final outcome here (settled and, if Invalid, challenged; or past being settled). */
  private readonly done = new Set<bigint>();

  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    readonly options: { readonly onProgress?: (message: string) => void } = {},
  ) {}

  private say(m: string): void {
    this.options.onProgress?.(m);
  }

  private async registrationOf(modelId: bigint): Promise<OnchainRegistration> {
    let r = this.registrations.get(modelId);
    if (!r) {
      r = await manifestRegistration(this.client, this.store, modelId);
      this.registrations.set(modelId, r);
    }
    return r;
  }

  /** Settles job `jobId` from the files its commitments name (throws MarketError naming what is missing or wrong). */
  async settleJob(jobId: bigint): Promise<Settlement> {
    const job = await this.client.job(jobId);
    const inputCid = (await this.client.jobs.getFunction("inputCid")(jobId)) as string;
    const proofCid = (await this.client.jobs.getFunction("proofCid")(jobId)) as string;
    const input = await this.store.get(inputCid, { maxBytes: JOB_FETCH_LIMITS.input });
    if (commitment(input) !== job.inputCommitment.toLowerCase()) throw new MarketError(`job #${jobId}: the input at ${inputCid} is not the job's committed input`);
    let file;
    try {
      file = decodeProofFile(await this.store.get(proofCid, { maxBytes: JOB_FETCH_LIMITS.proofFile }));
    } catch (e) {
      if (isOutage(e)) throw e;
      throw new MarketError(`job #${jobId}: the proof file at ${proofCid} cannot be read (${(e as Error).message}): nobody can settle this job; it is refunded after the grace period`);
    }
    if (commitment(file.proof) !== job.proofHash.toLowerCase() || commitment(file.outputBytes) !== job.outputHash.toLowerCase())
      throw new MarketError(`job #${jobId}: the proof file at ${proofCid} does not hold the committed proof and output: nobody can settle this job; it is refunded after the grace period`);
    return settleOnchain(this.client, jobId, await this.registrationOf(job.modelId), { input, output: file.outputBytes, proof: file.proof });
  }

  /** One pass: settles every submitted on-chain job without a verdict, challenges every Invalid one; never throws for one job. */
  async pollOnce(): Promise<SettlerOutcome[]> {
    const onchain = this.client.verifierAddress("onchain").toLowerCase();
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    const out: SettlerOutcome[] = [];
    for (let id = 1n; id <= count; id++) {
      if (this.done.has(id)) continue;
      try {
        const j = await this.client.job(id);
        if (j.verifier.toLowerCase() !== onchain || (j.status !== "Submitted" && j.status !== "Requested" && j.status !== "Accepted")) {
          this.done.add(id);
          continue;
        }
        if (j.status !== "Submitted") continue;
        let verdict = await this.client.verdictOf(id);
        let settlement: Settlement | undefined;
        if (verdict === "None") {
          settlement = await this.settleJob(id);
          verdict = settlement.verdict;
          this.say(`job #${id}: settled on chain — ${verdict}${verdict === "Invalid" ? ` (check ${settlement.failedCheck})` : ""}, ${settlement.gasUsed} gas`);
        }
        let challenged = false;
        if (verdict === "Invalid") {
          await this.client.challenge(id);
          challenged = true;
          this.say(`job #${id}: challenged — the node is slashed, the user refunded`);
        }
        this.done.add(id);
        out.push({ jobId: id, verdict, ...(settlement ? { settlement } : {}), challenged, reason: settlement ? `settled here: ${verdict}` : `already settled: ${verdict}` });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.say(`job #${id}: no verdict yet — ${message}; retrying`);
        out.push({ jobId: id, verdict: "None", challenged: false, reason: message });
      }
    }
    return out;
  }
}
