/**
 * The verdict on a submitted job, from what the chain commits to (issue "Sound from model to payment",
 * item 1) — the one check the watcher, the user's `collectResult` and `encryptai verify --job` all run:
 *
 *   1. the model: the manifest at the ModelNFT's CID must hash to the NFT's contentHash and carry the NFT's
 *      program hash (model-manifest.ts `checkManifestBinding`); its shape, hash and public values are trusted;
 *   2. the input: the ciphertexts at the job's input CID must hash to the job's input commitment;
 *   3. the proof file: at the job's proof CID, hashing to the job's proof hash; its output ciphertext's bytes must
 *      hash to the job's output hash;
 *   4. the STARK: verified against the statement built from 1–3 (src/vm/statement.ts), never the file's own,
 *      under the verifier's security policy — with a `budget`, in a worker thread under that heap limit and
 *      deadline (verify-sandbox.ts: the watcher's memory and time budget per job).
 *
 * Every failure is a verdict that names the check, never an exception: a hostile file, a missing blob or a
 * malformed manifest is a reason, not a crash. Each blob is fetched under its cap (JOB_FETCH_LIMITS), which the
 * store applies before it fetches a chunk (issue "Sound from model to payment", item 4); each step's errors,
 * whatever their type, become the verdict of that step's check.
 */
import { type Ciphertext, deserializeCiphertexts } from "../lwe/index.js";
import type { JobView, MarketClient } from "../market/client.js";
import { DEFAULT_POLICY, type SecurityPolicy } from "../prover/policy.js";
import { BlobTooLargeError, type ContentStore } from "../storage/store.js";
import { type DecodedProofFile, PROOF_FILE_LIMITS, decodeProofFile } from "../vm/proof-file.js";
import { type CommittedModel, inputTape, verifyAgainstTrusted } from "../vm/statement.js";
import type { InferenceStatement } from "../vm/inference.js";
import { type ModelManifest, MANIFEST_LIMITS, checkManifestBinding, commitment, committedModel } from "./model-manifest.js";
import { type VerifyBudget, verifyInSandbox } from "./verify-sandbox.js";

/** Caps on what a verifier fetches for one job (bytes), before parsing. */
export const JOB_FETCH_LIMITS = Object.freeze({ manifest: MANIFEST_LIMITS.bytes, input: 128 << 20, proofFile: PROOF_FILE_LIMITS.bytes });

/** Which check a job failed. */
export type JobCheck = "job" | "fetch" | "manifest" | "input" | "proof-file" | "output" | "statement" | "stark" | "budget";

export type JobVerdict =
  | {
      readonly valid: true;
      readonly reason: string;
      readonly statement: InferenceStatement;
      readonly manifest: ModelManifest;
      readonly securityBits: number;
      readonly provenBits: number;
      readonly policy: string;
    }
  | { readonly valid: false; readonly check: JobCheck; readonly reason: string; readonly policy: string };

/** One check failed (thrown inside the checks, returned as a verdict by `judgeJob`). */
export class JobCheckFailed extends Error {
  constructor(
    readonly check: JobCheck,
    message: string,
  ) {
    super(message);
    this.name = "JobCheckFailed";
  }
}

/** Runs one step; any error it throws (a parser's, the verifier's) becomes a failure of `check`, prefixed by `why`. */
function step<T>(check: JobCheck, why: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof JobCheckFailed) throw e;
    throw new JobCheckFailed(check, `${why}${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Fetches a blob under `maxBytes` (the store refuses a larger one before fetching its chunks). */
async function fetchBounded(store: ContentStore, cid: string, what: string, check: JobCheck, maxBytes: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(cid, { maxBytes });
  } catch (e) {
    if (e instanceof BlobTooLargeError) throw new JobCheckFailed(check, `the ${what} ${cid} has ${e.size} bytes, over the cap of ${maxBytes}`);
    throw new JobCheckFailed("fetch", `the ${what} ${cid} cannot be fetched: ${(e as Error).message}`);
  }
  // a store that ignored maxBytes
  if (bytes.length > maxBytes) throw new JobCheckFailed(check, `the ${what} ${cid} has ${bytes.length} bytes, over the cap of ${maxBytes}`);
  return bytes;
}

/** The job's trusted model, from the ModelNFT and the manifest bound to it. */
export async function trustedModelOf(client: MarketClient, store: ContentStore, modelId: bigint): Promise<{ manifest: ModelManifest; model: CommittedModel }> {
  const asset = (await client.modelNft.getFunction("asset")(modelId)) as { cid: string; contentHash: string };
  const programHash = (await client.modelNft.getFunction("programHash")(modelId)) as string;
  const bytes = await fetchBounded(store, asset.cid, "model manifest", "manifest", JOB_FETCH_LIMITS.manifest);
  return step("manifest", "", () => {
    const manifest = checkManifestBinding(bytes, asset.cid, { contentHash: asset.contentHash, programHash });
    return { manifest, model: committedModel(manifest) };
  });
}

/** The job's committed input ciphertexts. */
export async function committedInputs(client: MarketClient, store: ContentStore, jobId: bigint, job: JobView): Promise<Ciphertext[]> {
  const cid = (await client.jobs.getFunction("inputCid")(jobId)) as string;
  const bytes = await fetchBounded(store, cid, "input", "input", JOB_FETCH_LIMITS.input);
  if (commitment(bytes) !== job.inputCommitment.toLowerCase()) throw new JobCheckFailed("input", `the input at ${cid} is not the job's committed input`);
  return step("input", "the job's input is not a ciphertext file: ", () => deserializeCiphertexts(bytes));
}

/** Whether the job names the on-chain verifier (a client or job view without it — a stand-in in tests — is not). */
function isOnchainJob(client: MarketClient, job: JobView): boolean {
  const address = (client.deployment as Partial<MarketClient["deployment"]> | undefined)?.addresses?.onchainVerifier;
  return address !== undefined && typeof job.verifier === "string" && job.verifier.toLowerCase() === address.toLowerCase();
}

/** The submitted proof file, checked against the job's proof and output hashes. */
export async function submittedProofFile(client: MarketClient, store: ContentStore, jobId: bigint, job: JobView): Promise<{ file: DecodedProofFile; bytes: Uint8Array }> {
  const cid = (await client.jobs.getFunction("proofCid")(jobId)) as string;
  const bytes = await fetchBounded(store, cid, "proof file", "proof-file", JOB_FETCH_LIMITS.proofFile);
  // the on-chain tier commits to the STARK proof inside the file (the bytes the contract hashes), the others to the file
  const onchain = isOnchainJob(client, job);
  if (!onchain && commitment(bytes) !== job.proofHash.toLowerCase()) throw new JobCheckFailed("proof-file", "the proof file is not the one committed on chain");
  const file = step("proof-file", "", () => decodeProofFile(bytes));
  if (onchain && commitment(file.proof) !== job.proofHash.toLowerCase()) throw new JobCheckFailed("proof-file", "the proof in the proof file is not the one committed on chain");
  if (commitment(file.outputBytes) !== job.outputHash.toLowerCase()) throw new JobCheckFailed("output", "the proof's output is not the submitted output");
  return { file, bytes };
}

/**
 * Checks one submitted (or finalised) STARK-tier job end to end, under `policy`. Never throws for anything the
 * job's parties control; chain-access errors (the RPC endpoint down) still throw.
 */
export async function judgeJob(
  client: MarketClient,
  store: ContentStore,
  jobId: bigint,
  o: { readonly policy?: SecurityPolicy; readonly budget?: VerifyBudget; /** Called as each check starts (a progress display). */ readonly onStep?: (check: JobCheck) => void } = {},
): Promise<JobVerdict> {
  const policy = o.policy ?? DEFAULT_POLICY;
  const onStep = o.onStep ?? (() => undefined);
  onStep("job");
  const job = await client.job(jobId);
  try {
    if (job.status !== "Submitted" && job.status !== "Finalised") throw new JobCheckFailed("job", `job #${jobId} is ${job.status}: there is no submitted result to verify`);
    onStep("manifest");
    const { manifest, model } = await trustedModelOf(client, store, job.modelId);
    onStep("input");
    const inputs = await committedInputs(client, store, jobId, job);
    onStep("proof-file");
    const { file, bytes } = await submittedProofFile(client, store, jobId, job);
    onStep("stark");
    // with a budget, the STARK check runs in a worker with that heap and deadline (verify-sandbox.ts)
    const v = o.budget
      ? await verifyInSandbox({ model, inputs }, bytes, { policy, budget: o.budget })
      : step("stark", "the STARK cannot be checked: ", () => verifyAgainstTrusted({ model, inputs }, file, { policy }));
    if (v.ok === false) {
      const check: JobCheck = v.check === "statement" ? "statement" : v.check === "budget" ? "budget" : "stark";
      const reason = check === "statement" ? `the proof's statement is not the job's: ${v.message}` : check === "budget" ? `the proof file exceeded the check's budget: ${v.message}` : `the STARK is rejected (${v.check}): ${v.message}`;
      return { valid: false, check, reason, policy: policy.name };
    }
    // verified: the statement is the trusted one (model, committed inputs, the committed output), which the file's
    // claim equals field by field
    const statement: InferenceStatement =
      "statement" in v ? (v.statement as InferenceStatement) : { ...model, rows: file.statement.rows, inputs: inputTape(model.opcodes, model.rowInputs, inputs).tape, outputs: file.statement.outputs, scalarOutputs: file.statement.scalarOutputs, mode: file.statement.mode, traceLength: file.statement.traceLength };
    return {
      valid: true,
      reason: `STARK verified under policy "${v.policy}" (${v.securityBits} bits conjectured, ${v.provenBits} proven)`,
      statement,
      manifest,
      securityBits: v.securityBits,
      provenBits: v.provenBits,
      policy: v.policy,
    };
  } catch (e) {
    if (e instanceof JobCheckFailed) return { valid: false, check: e.check, reason: e.message, policy: policy.name };
    throw e;
  }
}
