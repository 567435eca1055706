/**
 * The watcher (issue "End to end", item 3; issue 12, items 2–3): for every submitted STARK-tier job it runs
 * `judgeJob` — the model bound to its ModelNFT, the job's committed input, the committed proof file and output, and
 * the STARK verified against the statement built from those, under the watcher's security policy (never the
 * statement the node's file carries), in a worker thread under a memory and time budget per job
 * (verify-sandbox.ts). It records its vote as an attestor of the AttestorQuorumVerifier (`client.attest`) and, once
 * the quorum found the result wrong (`client.verdictOf` is Invalid), calls `client.challenge`: the node's stake is
 * slashed, the user refunded and the quorum's upholders rewarded, whoever calls. Nothing here needs a decryption key.
 *
 * A watcher that keeps running:
 *   - "I could not look" is not a verdict: a blob it cannot fetch (the user's storage offline) or its own budget
 *     overrun (check `fetch` / `budget`) records nothing and challenges nothing; the job is retried on a later pass
 *     while its window is open ("no verdict yet — …; retrying"). Never an honest node slashed for an outage.
 *   - Chain races are outcomes, not exceptions, by error name: a vote that reverts because this attestor already
 *     voted (AlreadyVoted: this watcher before a restart without its state, or a second process with its key;
 *     AlreadyAttested on a verifier that takes one attestation per proof), a challenge that reverts because the job
 *     is settled (WrongStatus: another upholder challenged first), its window closed, or the verdict is not Invalid
 *     (ChallengeRejected) — logged on the job's line, and done. An invalid vote whose quorum is not reached yet
 *     leaves the challenge pending: later passes ask `verdictOf` again, without judging again, while the window is
 *     open, and challenge once it is Invalid.
 *   - `pollOnce` never throws for one job: an error is logged and the job retried on the next pass.
 *   - With `stateFile` (job-ledger.ts) it keeps its cursor and the verdicts it recorded: a restart resumes where it
 *     stopped and never judges a finished job again; a job's start is saved before its check, so a job during which
 *     the process died `maxAttempts` times (default 3) is skipped with a log line instead of crashing it again.
 *   - One log line per decision: judged valid / INVALID (with what was recorded and any race), no verdict yet,
 *     challenge pending / challenged, skipped, window closed, error.
 */
import type { MarketClient } from "../market/client.js";
import { MarketError } from "../market/errors.js";
import { DEFAULT_POLICY, type SecurityPolicy } from "../prover/policy.js";
import type { ContentStore } from "../storage/store.js";
import { JobLedger } from "./job-ledger.js";
import { type JobCheck, judgeJob } from "./job-verdict.js";
import { NO_VERDICT_CHECKS } from "./outage.js";
import { DEFAULT_VERIFY_BUDGET, type VerifyBudget } from "./verify-sandbox.js";

/** Reverts that mean another party (or this watcher before a restart) got there first: outcomes, not failures. */
export const RACE_ERRORS: ReadonlySet<string> = new Set(["AlreadyAttested", "AlreadyVoted", "WrongStatus", "ChallengeRejected", "ChallengeWindowClosed"]);

/** A verdict on a submitted result, and what this watcher could record of it. */
export interface Verdict {
  readonly jobId: bigint;
  readonly valid: boolean;
  /** Why (for an invalid result: the first failed check). */
  readonly reason: string;
  /** This watcher's attestation was recorded (false: a race, see `races`). */
  readonly attested: boolean;
  readonly challenged: boolean;
  /** An invalid result without the quorum's verdict yet: its challenge is retried on later passes. */
  readonly challengePending: boolean;
  /** The races lost, as sentences ("attest: … (AlreadyAttested)"). */
  readonly races: readonly string[];
}

/** No verdict: the watcher could not look (`fetch`, `budget`) or there is no submitted result any more (`job`). */
/** A type guard (rather than `v.valid === undefined`, which tslab's TypeScript 5.0 without strict checks cannot narrow). */
export function isNoVerdict(v: Verdict | NoVerdict): v is NoVerdict {
  return v.valid === undefined;
}

export interface NoVerdict {
  readonly jobId: bigint;
  readonly valid: undefined;
  readonly noVerdict: JobCheck;
  readonly reason: string;
  readonly attested: false;
  readonly challenged: false;
}

export interface WatcherOptions {
  readonly policy?: SecurityPolicy;
  /** The memory and time budget of one job's STARK check, run in a worker (default DEFAULT_VERIFY_BUDGET). */
  readonly budget?: VerifyBudget;
  readonly onProgress?: (message: string) => void;
  /** JSON file keeping the cursor and the verdicts across restarts (job-ledger.ts). */
  readonly stateFile?: string;
  /** Starts of one job's check during which the process stopped before it is skipped (default 3). */
  readonly maxAttempts?: number;
}

/** Runs a transaction; a race revert is returned as its sentence, anything else is thrown. */
async function racing(what: string, tx: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; name: string; sentence: string }> {
  try {
    await tx();
    return { ok: true };
  } catch (e) {
    if (e instanceof MarketError && e.errorName !== undefined && RACE_ERRORS.has(e.errorName)) return { ok: false, name: e.errorName, sentence: `${what}: ${e.message}` };
    throw e;
  }
}

export class Watcher {
  private ledgerP: Promise<JobLedger> | undefined;

  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    readonly options: WatcherOptions = {},
  ) {}

  private say(m: string): void {
    this.options.onProgress?.(m);
  }

  /** The watcher's ledger, opened on first use. */
  ledger(): Promise<JobLedger> {
    this.ledgerP ??= (async () =>
      JobLedger.open(this.options.stateFile, { role: "watcher", chainId: this.client.deployment.chainId, jobManager: this.client.deployment.addresses.jobManager, account: await this.client.address() }))();
    return this.ledgerP;
  }

  /** Checks one submitted job against what the chain commits to; returns the verdict (no transaction). */
  async check(jobId: bigint): Promise<{ valid: boolean; reason: string; check?: JobCheck }> {
    const v = await judgeJob(this.client, this.store, jobId, { policy: this.options.policy ?? DEFAULT_POLICY, budget: this.options.budget ?? DEFAULT_VERIFY_BUDGET });
    return v.valid === false ? { valid: false, reason: v.reason, check: v.check } : { valid: true, reason: v.reason };
  }

  /**
   * Challenges a result this watcher found invalid, once the quorum's verdict is Invalid: `pending` while there is
   * no verdict yet; `upheld` when the quorum found it valid; a race is an outcome.
   */
  private async challenge(jobId: bigint): Promise<{ challenged: boolean; pending: boolean; upheld: boolean; race?: string }> {
    const verdict = await this.client.verdictOf(jobId);
    if (verdict === "None") return { challenged: false, pending: true, upheld: false };
    if (verdict === "Valid") return { challenged: false, pending: false, upheld: true };
    const c = await racing("challenge", () => this.client.challenge(jobId));
    return c.ok === false ? { challenged: false, pending: false, upheld: false, race: c.sentence } : { challenged: true, pending: false, upheld: false };
  }

  /**
   * Checks one submitted STARK-tier job, attests the verdict and — for a wrong result — challenges it. No verdict
   * (the watcher could not look, or the job is no longer submitted): nothing is sent.
   */
  async judge(jobId: bigint): Promise<Verdict | NoVerdict> {
    const job = await this.client.job(jobId);
    const { valid, reason, check } = await this.check(jobId);
    if (!valid && check !== undefined && (NO_VERDICT_CHECKS.has(check) || check === "job")) {
      this.say(check === "job" ? `job #${jobId}: not judged — ${reason}` : `job #${jobId}: no verdict yet — ${reason}; retrying while its challenge window is open`);
      return { jobId, valid: undefined, noVerdict: check, reason, attested: false, challenged: false };
    }
    const races: string[] = [];
    const a = await racing("attest", () => this.client.attest(jobId, job.proofHash, valid));
    if (a.ok === false) races.push(a.sentence);
    let challenged = false;
    let challengePending = false;
    let upheld = false;
    if (!valid) {
      const c = await this.challenge(jobId);
      ({ challenged, upheld } = c);
      challengePending = c.pending;
      if (c.race) races.push(c.race);
    }
    const recorded = a.ok ? "" : "; not attested";
    const then = challenged ? "; challenged" : challengePending ? "; challenge pending until the quorum's verdict (retried while the window is open)" : upheld ? "; the quorum found it valid: not challenged" : "";
    const tail = `${then}${races.map((r) => `; race — ${r}`).join("")}`;
    this.say(`job #${jobId}: ${valid ? "valid" : "INVALID"} — ${reason}${recorded}${tail}`);
    return { jobId, valid, reason, attested: a.ok, challenged, challengePending, races };
  }

  /**
   * One pass over the jobs from the ledger's cursor: judges every submitted STARK-tier job not judged yet whose
   * challenge window is open, retries pending challenges; one log line per decision; never throws for one job.
   */
  async pollOnce(): Promise<Verdict[]> {
    const ledger = await this.ledger();
    const out: Verdict[] = [];
    const stark = this.client.verifierAddress("stark").toLowerCase();
    const count = (await this.client.jobs.getFunction("jobCount")()) as bigint;
    const window = (await this.client.jobs.getFunction("challengeWindow")()) as bigint;
    const now = BigInt((await this.client.signer.provider!.getBlock("latest"))!.timestamp);
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (let id = ledger.cursor; id <= count; id++) {
      if (ledger.isDone(id)) continue;
      let begun = false;
      try {
        const j = await this.client.job(id);
        const record = ledger.get(id);
        if (j.verifier.toLowerCase() !== stark) {
          await ledger.finish(id, { outcome: "not a STARK-tier job" }, { quiet: true });
          continue;
        }
        if (j.status === "Requested" || j.status === "Accepted") {
          if (now > j.deadline) await ledger.finish(id, { outcome: "never submitted" }, { quiet: true });
          continue; // not submitted yet
        }
        if (j.status !== "Submitted") {
          // settled: what this watcher recorded (if anything) stays
          await ledger.finish(id, {}, { quiet: record?.outcome === undefined });
          continue;
        }
        if (now >= j.submittedAt + window) {
          await ledger.finish(id, record?.outcome === "judged" ? {} : { outcome: "window closed", reason: record?.reason ?? "not seen in time" });
          this.say(
            record?.outcome === "judged"
              ? `job #${id}: its challenge window closed with the challenge still pending — ${record.reason ?? ""}`
              : `job #${id}: its challenge window closed before this watcher reached a verdict${record?.reason ? ` (last: ${record.reason})` : ""}; not judged`,
          );
          continue;
        }
        if (record?.outcome === "judged") {
          // this watcher's invalid vote is recorded; only the challenge is left (the quorum had no verdict before)
          const c = await this.challenge(id);
          if (c.pending) continue;
          await ledger.finish(id, { challenged: c.challenged, ...(c.race ? { reason: `${record.reason ?? ""}; race — ${c.race}` } : c.upheld ? { reason: `${record.reason ?? ""}; the quorum found it valid` } : {}) });
          this.say(
            c.challenged
              ? `job #${id}: challenged — the attestors' quorum found it invalid`
              : c.upheld
                ? `job #${id}: not challenged — the attestors' quorum found it valid`
                : `job #${id}: not challenged — race — ${c.race ?? ""}`,
          );
          continue;
        }
        if (ledger.attempts(id) >= maxAttempts) {
          const reason = `the watcher stopped during ${ledger.attempts(id)} earlier checks of this job; not judged again`;
          await ledger.finish(id, { outcome: "skipped", reason });
          this.say(`job #${id}: skipped — ${reason}`);
          continue;
        }
        await ledger.begin(id);
        begun = true;
        const v = await this.judge(id);
        if (isNoVerdict(v)) {
          if (v.noVerdict === "job") await ledger.finish(id, { outcome: "not judged", reason: v.reason });
          else await ledger.release(id, { reason: v.reason });
          continue;
        }
        const decision = { outcome: "judged", valid: v.valid, attested: v.attested, challenged: v.challenged, reason: [v.reason, ...v.races].join("; race — ") };
        if (v.challengePending) await ledger.release(id, decision);
        else await ledger.finish(id, decision);
        out.push(v);
      } catch (e) {
        if (begun) await ledger.release(id);
        this.say(`job #${id}: error — ${e instanceof Error ? e.message : String(e)}; retrying`);
      }
    }
    return out;
  }
}
