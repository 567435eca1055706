/**
 * The watcher (issue "End to end", item 3; statement and policy: issue "Sound from model to payment"): for every
 * submitted STARK-tier job it runs `judgeJob` — the model bound to its ModelNFT, the job's committed input, the
 * committed proof file and output, and the STARK verified against the statement built from those, under the
 * watcher's security policy (never the statement the node's file carries), in a worker thread under a memory
 * and time budget per job (verify-sandbox.ts): a hostile file yields a verdict, never a crash of the watcher. It records the verdict (as an
 * attestor of the AttestorQuorumVerifier) and, when the quorum found the result wrong, challenges the job: the
 * node's stake is slashed, the user refunded and the watcher rewarded. Nothing here needs a decryption key.
 */
import type { MarketClient } from "../market/client.js";
import { DEFAULT_POLICY, type SecurityPolicy } from "../prover/policy.js";
import type { ContentStore } from "../storage/store.js";
import { judgeJob } from "./job-verdict.js";
import { DEFAULT_VERIFY_BUDGET, type VerifyBudget } from "./verify-sandbox.js";

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
    readonly options: {
      readonly policy?: SecurityPolicy;
      /** The memory and time budget of one job's STARK check, run in a worker (default DEFAULT_VERIFY_BUDGET). */
      readonly budget?: VerifyBudget;
      readonly onProgress?: (message: string) => void;
    } = {},
  ) {}

  /** Checks one submitted job against what the chain commits to; returns the verdict (no transaction). */
  async check(jobId: bigint): Promise<{ valid: boolean; reason: string }> {
    const v = await judgeJob(this.client, this.store, jobId, { policy: this.options.policy ?? DEFAULT_POLICY, budget: this.options.budget ?? DEFAULT_VERIFY_BUDGET });
    return { valid: v.valid, reason: v.reason };
  }

  /** Checks, attests and — for a wrong result — challenges one submitted STARK-tier job. */
  async judge(jobId: bigint): Promise<Verdict> {
    const job = await this.client.job(jobId);
    const { valid, reason } = await this.check(jobId);
    await this.client.attest(jobId, job.proofHash, valid);
    // the reward goes to the quorum's attestors whoever calls: challenge once the quorum found the result invalid
    let challenged = false;
    if (!valid && (await this.client.verdictOf(jobId)) === "Invalid") {
      await this.client.challenge(jobId);
      challenged = true;
    }
    this.options.onProgress?.(`job #${jobId}: ${valid ? "valid" : "INVALID"} — ${reason}${challenged ? "; challenged" : ""}`);
    return { jobId, valid, reason, challenged };
  }

  /** Judges every submitted STARK-tier job not judged yet whose challenge window is still open. */
  async pollOnce(): Promise<Verdict[]> {
    const out: Verdict[] = [];
    const stark = this.client.verifierAddress("stark").toLowerCase();
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    const window = (await this.client.jobs.getFunction("challengeWindow")()) as bigint;
    const now = BigInt((await this.client.signer.provider!.getBlock("latest"))!.timestamp);
    for (let id = 1n; id <= count; id++) {
      if (this.seen.has(id)) continue;
      const j = await this.client.job(id);
      if (j.status !== "Submitted" || j.verifier.toLowerCase() !== stark) continue;
      this.seen.add(id);
      if (now >= j.submittedAt + window) {
        this.options.onProgress?.(`job #${id}: its challenge window closed before this watcher saw it; not judged`);
        continue;
      }
      out.push(await this.judge(id));
    }
    return out;
  }
}
