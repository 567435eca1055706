/**
 * Errors of the marketplace's off-chain parties (node, watcher, data release): each names the job, CID or
 * file at fault.
 */
export class NodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeError";
  }
}
