/**
 * The soak test's dishonest node (issue "A marketplace no party can game", item 6): a staked account that takes
 * the jobs honest nodes refuse (their fee is below the honest nodes' minimum) and then misbehaves as the faults
 * say — vanishes after accepting (a node killed mid-job), submits a wrong output with an honest-looking proof
 * file, submits a hostile proof file, or submits only after the deadline. Each is something the marketplace must
 * settle without paying it.
 */
import { deserializeCiphertexts, encrypt, serializeCiphertexts } from "../lwe/index.js";
import type { MarketClient } from "../market/client.js";
import type { ContentStore } from "../storage/store.js";
import { proveInference, vmProofOptions } from "../vm/inference.js";
import { encodeProofFile } from "../vm/proof-file.js";
import type { InferenceNode } from "../node/inference-node.js";
import type { RequestedJob } from "../node/marketplace-flow.js";
import { commitment } from "../node/model-manifest.js";

export type RogueFault = "vanish" | "wrong-output" | "hostile-proof" | "late";

export class RogueNode {
  constructor(
    readonly client: MarketClient,
    readonly store: ContentStore,
    /** Used only to load the model's program (the rogue node is a licensed node that cheats). */
    readonly loader: InferenceNode,
  ) {}

  /** Accepts the job, then misbehaves; "late" submits nothing now (see `submitLate`). */
  async misbehave(job: RequestedJob, modelId: bigint, fault: RogueFault): Promise<void> {
    await this.client.acceptJob(job.jobId);
    if (fault === "vanish" || fault === "late") return;
    const inputs = deserializeCiphertexts(await this.store.get(job.inputCid));
    // the honest proof of the model, then its file edited: a wrong output claimed, or a hostile trace length
    const honest = await this.loader.loadProgram(modelId);
    const params = inputs[0]!.params;
    const r = proveInference(honest.program, params, honest.publicValues, inputs, {
      proofOptions: vmProofOptions(params, { zeroKnowledge: honest.manifest.weights === "private", steps: honest.program.instructions.length }),
      immediateBits: honest.manifest.immediateBits,
      ...(honest.salt ? { salt: honest.salt } : {}),
    });
    const forgedOutput = encrypt(job.keys.publicKey, 99);
    const text = encodeProofFile({ ...r.statement, outputs: [forgedOutput] }, r.proof);
    // hostile: 2^28 trace rows declared (the watcher must refuse it without allocating for them)
    const file = new TextEncoder().encode(fault === "hostile-proof" ? JSON.stringify({ ...(JSON.parse(text) as object), traceLength: 2 ** 28 }) : text);
    const outputBytes = serializeCiphertexts([forgedOutput]);
    await this.store.put(outputBytes);
    await this.client.submitResult(job.jobId, commitment(outputBytes), commitment(file), await this.store.put(file));
  }

  /** A submission after the deadline: the contract must refuse it. Returns the refusal, or undefined if accepted. */
  async submitLate(job: RequestedJob): Promise<string | undefined> {
    try {
      await this.client.submitResult(job.jobId, commitment(new Uint8Array([1])), commitment(new Uint8Array([2])), "late");
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }
}
