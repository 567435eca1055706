/**
 * Whether the node can finish a job before it accepts it (issue 12, item 2): accepting locks the node's stake, and a
 * job it cannot finish expires and hands that stake to the user. So before `acceptJob` the node checks, from the
 * job, the model bound to its ModelNFT and the user's committed input:
 *
 *   1. the fee: the node fee is at least the node's minimum (default 1 wei: a zero-fee job is refused);
 *   2. the input count: whole rows of the manifest's features — one row, or a batch of rows proved at once (issue
 *      15), which needs a Goldilocks parameter set and fits the statement's trace cap;
 *   3. the parameter set: every ciphertext is of the manifest's parameter set (the same canonical parameters), and
 *      all are under one key;
 *   4. the time: deadline − now ≥ 2 × rows × the node's one-row proving estimate for the model + a margin (default
 *      60 s; a batch costs less per row, so this over-estimates), `now` being the chain's latest block time (what the
 *      contract compares the deadline with).
 *
 * The answer is a reason or ok, never an exception: a hostile input is a refusal with a sentence, not a
 * "Cannot convert undefined to a BigInt" after the stake is locked.
 */
import { formatEther } from "ethers";
import { type Ciphertext, canonicalParams, getParams } from "../lwe/index.js";
import type { JobView } from "../market/client.js";
import { OPCODES } from "../vm/isa.js";
import { ciphertextCells, hashSpecFor, requiredMode, requiredTraceLength, vmProofOptions } from "../vm/inference.js";
import { proofFileSizeError } from "../vm/proof-file.js";
import { outputKinds } from "../vm/shape-types.js";
import type { ModelManifest } from "./model-manifest.js";

export type Feasibility = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface FeasibilityContext {
  /** The chain's latest block time (s). */
  readonly now: bigint;
  /** Smallest node fee accepted (wei of EAI; at least 1). */
  readonly minNodeFee: bigint;
  /** Seconds of slack on top of twice the proving estimate. */
  readonly marginSeconds: number;
  /** The proving estimate for this model (ms); asked only once the other checks passed (it may calibrate). */
  readonly provingMs: () => Promise<number>;
}

/** Largest |plain weight| or |term coefficient| of an input ciphertext a node takes (fresh encryptions have 1). */
export const MAX_INPUT_PROVENANCE = 2 ** 64;

/** Defaults: any positive fee, one minute of margin. */
export const FEASIBILITY_DEFAULTS = Object.freeze({ minNodeFee: 1n, marginSeconds: 60 });

/** How many input ciphertexts the program reads: its `read2` instructions (the VM has no loops). */
export function inputCountOf(manifest: Pick<ModelManifest, "opcodes">): number {
  return manifest.opcodes.filter((c) => c === OPCODES.read2).length;
}

const eai = (wei: bigint): string => `${formatEther(wei).replace(/\.0$/, "")} EAI`;

/** The checks of the header, cheapest first; the first one that fails is the reason. */
export async function feasibility(job: Pick<JobView, "id" | "nodeFee" | "deadline">, manifest: ModelManifest, inputs: readonly Ciphertext[], ctx: FeasibilityContext): Promise<Feasibility> {
  const no = (reason: string): Feasibility => ({ ok: false, reason });
  // 1. the fee
  if (job.nodeFee < ctx.minNodeFee) return no(`the node fee ${eai(job.nodeFee)} is below this node's minimum of ${eai(ctx.minNodeFee)}`);
  // 2. the input count: whole rows of the features (a classifier's program reads each row once per class score)
  const reads = inputCountOf(manifest);
  const f = manifest.features.length;
  if (inputs.length === 0 || inputs.length % f !== 0 || reads % f !== 0)
    return no(`the input has ${inputs.length} ciphertext${inputs.length === 1 ? "" : "s"}, not whole rows of the model's ${f} features (${manifest.features.join(", ")}); the program reads ${reads} per row`);
  const rows = inputs.length / f;
  if (rows > 1) {
    let cap: string | undefined;
    try {
      const params = getParams(manifest.params);
      if (hashSpecFor(params).kind !== "sponge") cap = `a batch of ${rows} rows needs a Goldilocks parameter set (the model commitment's sponge); the model runs on "${manifest.params}"`;
      else requiredTraceLength(manifest.opcodes.length, vmProofOptions(params, { zeroKnowledge: manifest.weights === "private", steps: manifest.opcodes.length }), rows, manifest.opcodes.includes(OPCODES.push));
    } catch (e) {
      cap = cap ?? `a batch of ${rows} rows cannot be proved: ${(e as Error).message}`;
    }
    if (cap !== undefined) return no(cap);
    // the proof file must be one every watcher reads (its caps): a proof no one can check would cost the stake
    try {
      const params = getParams(manifest.params);
      const outputsPerRow = outputKinds(manifest.opcodes, ciphertextCells(params, requiredMode(params))).filter((k) => k === "ciphertext").length;
      const tooBig = proofFileSizeError(params, rows * reads, rows * outputsPerRow, reads);
      if (tooBig !== undefined) return no(`a batch of ${rows} rows: ${tooBig}`);
    } catch (e) {
      return no(`the model's program cannot be proved: ${(e as Error).message}`);
    }
  }
  // 3. the parameter set and one key
  let expected: string;
  try {
    expected = canonicalParams(getParams(manifest.params));
  } catch (e) {
    return no(`the model's parameter set "${manifest.params}" is unknown to this node: ${(e as Error).message}`);
  }
  for (const [i, ct] of inputs.entries()) {
    if (ct.params.id !== manifest.params || canonicalParams(ct.params) !== expected)
      return no(`input ciphertext ${i} is under parameter set "${ct.params.id}", the model runs on "${manifest.params}"`);
    if (ct.keyIdHex() !== inputs[0]!.keyIdHex()) return no(`input ciphertext ${i} is under key ${ct.keyIdHex()}, ciphertext 0 under key ${inputs[0]!.keyIdHex()}: one job's inputs are under one key`);
  }
  // 3b. the inputs' provenance (plain weight, term coefficients) within ±2^64: the program scales and sums it into the
  // outputs' provenance, which must stay finite for the output file to be one every reader takes. An input beyond it
  // (1.7e308, say) would make the honest node's output file malformed, and the node would be judged on it.
  for (const [i, ct] of inputs.entries()) {
    const bad = [ct.plainWeight, ...[...ct.terms.values()].map((t) => t.coefficient)].find((x) => !(Math.abs(x) <= MAX_INPUT_PROVENANCE));
    if (bad !== undefined) return no(`input ciphertext ${i} carries a provenance value ${bad} beyond ±2^64: the outputs' provenance could overflow, and the output file could not be written well`);
  }
  // 4. the time, last: the estimate may need a calibration proof
  const left = job.deadline - ctx.now;
  if (left < BigInt(ctx.marginSeconds)) return no(`the deadline leaves ${left} s, less than this node's margin of ${ctx.marginSeconds} s alone`);
  let ms: number;
  try {
    ms = await ctx.provingMs();
  } catch (e) {
    return no(`the model cannot be proved on this node (its calibration proof failed: ${(e as Error).message})`);
  }
  const needed = BigInt(Math.ceil((2 * rows * ms) / 1000) + ctx.marginSeconds);
  if (left < needed)
    return no(`the deadline leaves ${left} s; this node needs ${needed} s (2 × ${rows > 1 ? `${rows} rows × ` : ""}its proving estimate of ${(ms / 1000).toFixed(1)} s${rows > 1 ? " per row" : ""} + ${ctx.marginSeconds} s margin)`);
  return { ok: true };
}
