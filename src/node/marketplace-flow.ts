/**
 * The thesis's marketplace flow (§3) as steps that the demo (`npm run demo`), the fault tests and notebooks
 * share (issue "End to end", item 5). Each party acts with its own account and its own keys:
 *
 *   provider  seals a real data set (AES-256-GCM), stores it by CID, tokenises it (DataNFT);
 *   engineer  buys access; the provider releases the data key to the engineer's Ethereum key (ECIES) once the chain
 *             shows that key's address licensed (data-release.ts); the engineer opens the data, trains a
 *             regression on the plaintext (a licensed release: training is not encrypted), compiles it with
 *             private weights, seals the program to the node, publishes a ModelNFT;
 *   user      quantises and LWE-encrypts a row with a key only the user holds, stores it, requests a job;
 *   node      proves (STARK tier) or names (validity tier) the inference on the ciphertexts;
 *   watcher   verifies the proof file and attests (challenging a wrong result);
 *   user      verifies the proof and decrypts the prediction; payments settle through pull payments.
 */
import { Wallet, type Signer } from "ethers";
import { type Chain, startInProcessChain } from "../chain/in-process.js";
import { type KeyPair, deserializeCiphertexts, getParams, keygen, type RandomSource, systemRandom } from "../lwe/index.js";
import { AssetKind, MarketClient, type VerifierTier, deployAll } from "../market/client.js";
import { checkOnchainRegistration, registerOnchainModel } from "../market/onchain-settlement.js";
import { onchainInputError, onchainRegistration } from "../vm/onchain-family.js";
import { type DeployParameters, type Deployment, DEFAULT_PARAMETERS } from "../market/contracts.js";
import { DEV_CHAIN_ID, wellKnownDevKeys } from "../chain/dev-chain.js";
import { DATASETS, parseCsv, trainLinearRegression, type LinearRegressionModel } from "../regression/index.js";
import type { ContentStore } from "../storage/store.js";
import type { WeightVisibility } from "../vm/compile.js";
import { decryptVerifiedOutput } from "../vm/noise-bound.js";
import { decryptRows, encryptRows } from "./user-input.js";
import { withModelCard } from "./model-card.js";
import { prepareModelPublication } from "./model-publication.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.js";
import { NodeError } from "./errors.js";
import { releaseDataKey } from "./data-release.js";
import { commitment, openData, receiveKey, sealData } from "./formats.js";
import { committedModel } from "./model-manifest.js";
import { JOB_FETCH_LIMITS, committedInputs, judgeJob, trustedModelOf } from "./job-verdict.js";
import { DEFAULT_POLICY, type SecurityPolicy } from "../prover/policy.js";
import { InferenceNode } from "./inference-node.js";
import { DEFAULT_VERIFY_BUDGET } from "./verify-sandbox.js";
import { type Verdict, Watcher } from "./watcher.js";

/** The parties; "watcher" and "auditor" are the two attestors of the STARK tier's quorum (2 of 2 by default). */
export const ROLES = ["admin", "provider", "engineer", "user", "node", "watcher", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** What an account holds in EAI units: wallet + what the contracts owe it (pull payments) + stake + attestor bond. */
export async function worthOf(c: MarketClient): Promise<bigint> {
  const owed = await c.owed();
  const st = await c.stakeOf();
  const bond = await c.attestorBond();
  return (await c.balance()) + owed.marketplace + owed.jobs + owed.attestation + st.staked + st.unbonding + bond.bonded + bond.unbonding;
}

/** One EAI token = 10^18 units. */
export const EAI = (n: number | bigint): bigint => BigInt(n) * 10n ** 18n;

export interface World {
  readonly chain: Chain;
  readonly deployment: Deployment;
  readonly clients: Readonly<Record<Role, MarketClient>>;
  /** Each role's Ethereum key (dev chain accounts: the well-known dev mnemonic). */
  readonly wallets: Readonly<Record<Role, Wallet>>;
  readonly store: ContentStore;
  readonly node: InferenceNode;
  /** The first attestor's watcher. */
  readonly watcher: Watcher;
  /** Every attestor's watcher ("watcher", "auditor"): a STARK-tier verdict needs the quorum. */
  readonly watchers: readonly Watcher[];
}

/**
 * Every watcher judges every open STARK-tier job (the quorum's votes). Returns the first watcher's verdicts, each
 * marked challenged when any watcher's challenge went through (the one whose vote completed the quorum).
 */
export async function attestAll(w: World): Promise<Verdict[]> {
  const rounds: Verdict[][] = [];
  for (const watcher of w.watchers) rounds.push(await watcher.pollOnce());
  return (rounds[0] ?? []).map((v) => ({ ...v, challenged: rounds.some((r) => r.some((x) => x.jobId === v.jobId && x.challenged)) }));
}

/**
 * Starts the embedded chain (or uses `chain`), deploys, funds every role with 1,000 EAI — the faucet on the dev
 * chain, the admin's mint elsewhere — and grants the roles.
 */
export async function setUpWorld(
  store: ContentStore,
  o: { readonly chain?: Chain; readonly parameters?: DeployParameters; readonly onProgress?: (m: string) => void } = {},
): Promise<World> {
  const chain = o.chain ?? (await startInProcessChain());
  const signers: Signer[] = await Promise.all(ROLES.map((_, i) => chain.signer(i)));
  const deployment = await deployAll(signers[0]!, o.parameters ?? DEFAULT_PARAMETERS);
  const admin = new MarketClient(deployment, signers[0]!);
  const keys = wellKnownDevKeys();
  const clients = Object.fromEntries(ROLES.map((r, i) => [r, i === 0 ? admin : admin.as(signers[i]!)])) as Record<Role, MarketClient>;
  // each role's key: the signer itself when it holds one (a mnemonic), else the dev account's well-known key
  const wallets = Object.fromEntries(ROLES.map((r, i) => [r, "privateKey" in signers[i]! ? new Wallet((signers[i] as Wallet).privateKey) : new Wallet(keys[i]!)])) as Record<Role, Wallet>;
  for (const r of ROLES) if ((await clients[r].address()).toLowerCase() !== wallets[r].address.toLowerCase()) throw new NodeError(`account ${r}: no private key for ${await clients[r].address()}`);
  const devChain = Number((await chain.provider.getNetwork()).chainId) === DEV_CHAIN_ID;
  for (const r of ROLES.slice(1)) await (devChain ? clients[r].faucet(EAI(1000)) : admin.mint(wallets[r].address, EAI(1000)));
  await admin.grantPublisher(wallets.provider.address);
  await admin.grantPublisher(wallets.engineer.address);
  for (const r of ["watcher", "auditor"] as const) {
    await admin.grantAttestor(wallets[r].address);
    await clients[r].bondAttestor(BigInt(deployment.parameters.attestorMinBond));
  }
  const say = o.onProgress ?? (() => undefined);
  const node = new InferenceNode(clients.node, store, { privateKey: wallets.node.privateKey, address: wallets.node.address }, { onProgress: say });
  const watchers = [clients.watcher, clients.auditor].map((c) => new Watcher(c, store, { onProgress: say }));
  return { chain, deployment, clients, wallets, store, node, watcher: watchers[0]!, watchers };
}

export interface PublishedData {
  readonly dataId: bigint;
  readonly sealedCid: string;
  /** The provider's data key (kept by the provider; released per buyer). */
  readonly key: Uint8Array;
  readonly rows: number;
}

/** Provider: seals the built-in `cars` data set, stores it, mints the DataNFT. */
export async function publishDataset(w: World, price = EAI(100)): Promise<PublishedData> {
  const csv = new Uint8Array(readFileSync(join(projectRoot(), "datasets", "cars.csv")));
  const { sealed, key } = sealData(csv);
  const sealedCid = await w.store.put(sealed);
  const dataId = await w.clients.provider.publishDataset({ uri: "encryptai://datasets/cars", cid: sealedCid, contentHash: commitment(csv), accessPrice: price, perUseFee: 0n });
  return { dataId, sealedCid, key, rows: new TextDecoder().decode(csv).trim().split("\n").length - 1 };
}

/**
 * Engineer buys access; the provider releases the key to the engineer's public key (ECIES) — after checking on
 * chain that the address of that public key holds the licence (data-release.ts).
 */
export async function licenceAndRelease(w: World, data: PublishedData): Promise<{ releaseCid: string }> {
  await w.clients.engineer.buyAccess(AssetKind.Data, data.dataId, EAI(100));
  const { release } = await releaseDataKey(w.clients.provider, data.dataId, data.key, w.wallets.engineer.signingKey.publicKey);
  const releaseCid = await w.store.put(release);
  return { releaseCid };
}

export interface PublishedModel {
  readonly modelId: bigint;
  readonly manifestCid: string;
  readonly model: LinearRegressionModel;
  readonly paramsId: string;
}

/**
 * Engineer: opens the data, trains, compiles, mints the ModelNFT. Private weights (the default): the program
 * (push immediates) is sealed to the node with a salt from the OS CSPRNG; public weights: the manifest carries
 * them as the program's public values and the program hash covers the shape only.
 */
export async function trainAndPublishModel(
  w: World,
  data: PublishedData,
  releaseCid: string,
  paramsId = "f128-128",
  o: { readonly weights?: WeightVisibility; readonly onchain?: boolean; /** Store the model file as the model's public card (model-card.ts; public weights). */ readonly card?: boolean } = {},
): Promise<PublishedModel> {
  const key = receiveKey(await w.store.get(releaseCid), w.wallets.engineer.privateKey);
  const csv = openData(await w.store.get(data.sealedCid), key);
  const d = DATASETS.cars!;
  const { model } = trainLinearRegression(parseCsv(new TextDecoder().decode(csv), "cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const weights = o.weights ?? "private";
  const node = { address: w.wallets.node.address, publicKey: w.wallets.node.signingKey.publicKey };
  const pub = await prepareModelPublication(w.store, model, paramsId, weights, weights === "private" ? [node] : [], { card: o.card === true });
  const manifest = pub.manifest;
  const uri = `encryptai://models/cars-mpg-${weights}`;
  const modelId = await w.clients.engineer.publishModel({
    uri: pub.cardCid ? withModelCard(uri, pub.cardCid) : uri,
    cid: pub.manifestCid,
    contentHash: pub.contentHash,
    programHash: pub.programHash,
    parents: [data.dataId],
    accessPrice: EAI(50),
    perUseFee: EAI(10),
  });
  // on-chain settlement: the model's verifying key and family, registered once by its owner (onchain-family.ts)
  if (o.onchain) await registerOnchainModel(w.clients.engineer, modelId, onchainRegistration(committedModel(manifest), { zeroKnowledge: weights === "private" }));
  return { modelId, manifestCid: pub.manifestCid, model, paramsId };
}

export interface RequestedJob {
  readonly jobId: bigint;
  readonly inputCid: string;
  readonly keys: KeyPair;
  readonly quantized: readonly number[];
}

/** A user's encrypted input, stored and ready to be committed to in a job request. */
export interface PreparedInput {
  readonly input: Uint8Array;
  readonly inputCid: string;
  readonly keys: KeyPair;
  readonly quantized: readonly number[];
}

/**
 * User: quantises a raw row with the quantisers of the manifest bound to the ModelNFT, encrypts it with a fresh LWE
 * key (or `keys`), checks the committed statement can bound the output's noise, and stores the input.
 */
export async function prepareInput(w: World, m: PublishedModel, row: readonly number[], o: { readonly keys?: KeyPair; readonly random?: RandomSource } = {}): Promise<PreparedInput> {
  return prepareRows(w, m, [row], o);
}

/**
 * prepareInput for a batch of rows (issue 15, item 3): one input file holding every row's ciphertexts in turn, for
 * one job, one escrow and one proof. `quantized` is then every row's quantised features in turn.
 */
export async function prepareRows(w: World, m: PublishedModel, rows: readonly (readonly number[])[], o: { readonly keys?: KeyPair; readonly random?: RandomSource } = {}): Promise<PreparedInput> {
  // the manifest bound to the ModelNFT (SHA-256 and program hash on chain), not whatever the store returns
  const { manifest, model } = await trustedModelOf(w.clients.user, w.store, m.modelId).catch((e: Error) => {
    throw new NodeError(`model #${m.modelId}: ${e.message}`);
  });
  const params = getParams(manifest.params);
  const random = o.random ?? systemRandom();
  const keys = o.keys ?? keygen(params, random);
  const { input, quantized } = encryptRows(manifest, model, rows, keys.publicKey, random, { modelName: `model #${m.modelId}` });
  return { input, inputCid: await w.store.put(input), keys, quantized };
}

/** User: requests a job on a prepared input, escrowing `nodeFee` (default 20 EAI) plus the model's use fee. */
export async function requestJobFor(
  w: World,
  m: PublishedModel,
  p: PreparedInput,
  tier: VerifierTier,
  o: { readonly deadlineSeconds?: number; readonly nodeFee?: bigint } = {},
): Promise<RequestedJob> {
  if (tier === "onchain") {
    // the contract will judge by the model's registration: before paying, it must be what the bound manifest gives
    const { manifest, model } = await trustedModelOf(w.clients.user, w.store, m.modelId);
    const registration = onchainRegistration(model, { zeroKnowledge: manifest.weights === "private" });
    await checkOnchainRegistration(w.clients.user, m.modelId, registration);
    const refused = onchainInputError(p.input, registration.family);
    if (refused) throw new NodeError(`model #${m.modelId}: the on-chain verifier would refuse this input (${refused}); not requested`);
  }
  const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
  const jobId = await w.clients.user.requestJob({
    modelId: m.modelId,
    inputCommitment: commitment(p.input),
    inputCid: p.inputCid,
    nodeFee: o.nodeFee ?? EAI(20),
    maxUseFee: EAI(10),
    deadline: now + BigInt(o.deadlineSeconds ?? 3600),
    verifier: tier,
  });
  return { jobId, inputCid: p.inputCid, keys: p.keys, quantized: p.quantized };
}

/** User: quantises a raw row with the manifest's quantisers, encrypts it with a fresh LWE key, requests a job. */
export async function requestInference(
  w: World,
  m: PublishedModel,
  row: readonly number[],
  tier: VerifierTier,
  o: { readonly keys?: KeyPair; readonly random?: RandomSource; readonly deadlineSeconds?: number; readonly nodeFee?: bigint } = {},
): Promise<RequestedJob> {
  return requestJobFor(w, m, await prepareInput(w, m, row, o), tier, o);
}

/**
 * Whether a job's result may be collected: it must have been submitted and be past its challenge window
 * (finalised, or finalisable). Throws NodeError saying why not — slashed, cancelled, expired, no result yet, or
 * the window still open (until when).
 */
export async function checkCollectable(w: World, jobId: bigint): Promise<void> {
  const view = await w.clients.user.job(jobId);
  const now = BigInt((await w.chain.provider.getBlock("latest"))!.timestamp);
  switch (view.status) {
    case "Finalised":
      return;
    case "Submitted": {
      const window = (await w.clients.user.jobs.getFunction("challengeWindow")()) as bigint;
      const closesAt = view.submittedAt + window;
      if (now < closesAt)
        throw new NodeError(`job #${jobId}: the challenge window is open until ${new Date(Number(closesAt) * 1000).toISOString()} (${closesAt - now} s): the result may still be shown wrong; collect it after the window closes`);
      return;
    }
    case "Slashed":
      throw new NodeError(`job #${jobId} was slashed (its result was shown wrong, or it expired): there is no result to collect; the escrow was refunded`);
    case "Cancelled":
      throw new NodeError(`job #${jobId} was cancelled: there is no result to collect`);
    case "Requested":
    case "Accepted":
      throw new NodeError(
        now > view.deadline ? `job #${jobId} expired without a result (deadline passed): call expire to be refunded` : `job #${jobId} has no result yet (${view.status})`,
      );
    default:
      throw new NodeError(`job #${jobId} is ${view.status}`);
  }
}

/** User: prepareRows, then a job on them: one job, one escrow, one proof for every row. */
export async function requestBatchInference(
  w: World,
  m: PublishedModel,
  rows: readonly (readonly number[])[],
  tier: VerifierTier,
  o: { readonly keys?: KeyPair; readonly random?: RandomSource; readonly deadlineSeconds?: number; readonly nodeFee?: bigint } = {},
): Promise<RequestedJob> {
  return requestJobFor(w, m, await prepareRows(w, m, rows, o), tier, o);
}

/**
 * User: collects a job's result — only once it is past its challenge window — after verifying it against what
 * the chain commits to (judgeJob: the ModelNFT's program hash and bound manifest, the job's input commitment,
 * proof and output hashes, the user's security policy), then decrypts the prediction under the noise bound of
 * the verified statement (src/vm/noise-bound.ts). `accumulator` and `prediction` are the first row's (a one-row
 * job's only one); `rows` has every row's, for a batch job.
 */
export async function collectResult(
  w: World,
  job: RequestedJob,
  m: PublishedModel,
  o: { readonly policy?: SecurityPolicy } = {},
): Promise<{ accumulator: bigint; prediction: number; rows: readonly { readonly accumulator: bigint; readonly prediction: number }[]; securityBits: number; provenBits: number }> {
  await checkCollectable(w, job.jobId);
  const v = await judgeJob(w.clients.user, w.store, job.jobId, { policy: o.policy ?? DEFAULT_POLICY, budget: DEFAULT_VERIFY_BUDGET });
  if (v.valid === false) throw new NodeError(`job #${job.jobId}: ${v.reason}`);
  // the noise bound of the verified statement (shape, public values, range-checked immediates; fresh inputs,
  // checked), never the provenance in the node's output file
  const rows = decryptRows(job.keys.secretKey, v.statement, m.model.quantized.outputScale);
  return { ...rows[0]!, rows, securityBits: v.securityBits, provenBits: v.provenBits };
}

/**
 * User: reads a VALIDITY-tier result (thesis §3.2). That tier proves nothing about the computation — its "proof"
 * is a hash of the job id, the input and the model — so the output is the node's word. It is still decrypted under
 * the noise bound of the committed model (the ModelNFT's bound manifest: shape, public values, immediate width)
 * on the job's committed input: the noise the result has if the node ran that model, never the provenance the
 * node's output file claims. The output must hash to the job's output commitment.
 */
export async function readValidityResult(w: World, job: RequestedJob, m: PublishedModel): Promise<{ accumulator: bigint; prediction: number }> {
  const view = await w.clients.user.job(job.jobId);
  if (view.status !== "Submitted" && view.status !== "Finalised") throw new NodeError(`job #${job.jobId} is ${view.status}: there is no submitted result to read`);
  const outputCid = (await w.clients.user.jobs.getFunction("proofCid")(job.jobId)) as string;
  const bytes = await w.store.get(outputCid, { maxBytes: JOB_FETCH_LIMITS.input });
  if (commitment(bytes) !== view.outputHash.toLowerCase()) throw new NodeError(`job #${job.jobId}: the output at ${outputCid} is not the one committed on chain`);
  const [output] = deserializeCiphertexts(bytes);
  if (!output) throw new NodeError(`job #${job.jobId}: the output file holds no ciphertext`);
  const { model } = await trustedModelOf(w.clients.user, w.store, m.modelId);
  const inputs = await committedInputs(w.clients.user, w.store, job.jobId, view);
  const accumulator = decryptVerifiedOutput(job.keys.secretKey, { ...model, inputs, outputs: [output] });
  return { accumulator, prediction: Number(accumulator) * m.model.quantized.outputScale };
}
