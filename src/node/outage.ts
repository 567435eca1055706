/**
 * Outage or decision (issue 12, items 2–3): an error that says "I could not look" — a blob the store cannot serve
 * right now (not found, corrupted copy, daemon unreachable) or a chain endpoint that does not answer — is no
 * decision about a job: the node and the watcher retry it on a later pass, and it is never a refusal, never an
 * "invalid" verdict. Everything else (a blob over its cap, a malformed file, a revert) is about the job itself.
 */
import { MarketError } from "../market/errors.js";
import { BlobTooLargeError, InvalidCidError, InvalidManifestError, StorageError } from "../storage/store.js";
import { JobCheckFailed, type JobCheck } from "./job-verdict.js";

/** Verdict checks that are no verdict: the watcher could not fetch, or ran out of its own budget. */
export const NO_VERDICT_CHECKS: ReadonlySet<JobCheck> = new Set<JobCheck>(["fetch", "budget"]);

export function isOutage(e: unknown): boolean {
  if (e instanceof BlobTooLargeError || e instanceof InvalidCidError || e instanceof InvalidManifestError) return false;
  if (e instanceof StorageError) return true;
  if (e instanceof JobCheckFailed) return e.check === "fetch";
  // a MarketError with no decoded revert: the endpoint, not the contract
  if (e instanceof MarketError) return e.errorName === undefined;
  return false;
}
