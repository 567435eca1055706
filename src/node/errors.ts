/**
 * Errors of the marketplace's off-chain parties (node, watcher, data release): each names the job, CID or
 * file at fault. The node's refusal of a job before accepting it is a JobRefusedError (issue 12, item 2).
 */
export class NodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeError";
  }
}

/** The node refuses a job before accepting it (feasibility.ts): `reason` says why; the message is the log line. */
export class JobRefusedError extends NodeError {
  constructor(
    readonly jobId: bigint,
    readonly reason: string,
  ) {
    super(`job #${jobId}: refused — ${reason}`);
    this.name = "JobRefusedError";
  }
}
