/**
 * `npm run demo`: the whole marketplace with proved encrypted inference, on embedded defaults (the in-process
 * chain and an on-disk content store in a temporary folder). Steps print as they run; the run ends with a summary
 * table (timings, proof, prediction) and the payments, and exits 0 — or non-zero with the failed step named.
 *
 *   npm run demo                       embedded chain, temporary store
 *   npm run demo -- --anvil            a local anvil node instead (started and stopped here)
 *   npm run demo -- --onchain          the STARK job settled by the contract's own check of the proof
 *                                      (StarkInferenceVerifier; the model over goldilocks-128), no attestors
 *   npm run demo -- --store <dir>      keep the content store in <dir>
 *   npm run demo -- --kubo <url>       store through a Kubo (IPFS) daemon's RPC API, e.g. http://127.0.0.1:5001
 *   npm run demo -- --rpc <url>        any EVM chain by RPC URL (a testnet): the six parties' keys come from the
 *                                      mnemonic in $ENCRYPTAI_DEMO_MNEMONIC (each account needs gas money), the
 *                                      challenge window is --challenge-window seconds (default 60) and is waited out
 */
import { formatEther } from "ethers";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { startAnvil } from "../src/chain/anvil.js";
import { connectRpcChain } from "../src/chain/rpc-chain.js";
import { DEFAULT_PARAMETERS } from "../src/market/contracts.js";
import type { Chain } from "../src/chain/in-process.js";
import { table } from "../src/cli/format.js";
import { getParams, seededRandom, systemRandom } from "../src/lwe/index.js";
import { ROLES, type World, collectResult, worthOf, licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel, attestAll } from "../src/node/marketplace-flow.js";
import { openStore } from "../src/storage/index.js";

const o = new Command()
  .option("--anvil", "run on a local anvil node instead of the embedded chain")
  .option("--store <dir>", "content store folder (default: a new temporary folder)")
  .option("--kubo <url>", "use a Kubo (IPFS) daemon's RPC API as the content store")
  .option("--rpc <url>", "an EVM chain by RPC URL instead (keys from the mnemonic in --mnemonic-env)")
  .option("--mnemonic-env <var>", "environment variable holding the parties' BIP-39 mnemonic", "ENCRYPTAI_DEMO_MNEMONIC")
  .option("--challenge-window <seconds>", "the JobManager's challenge window (default 3600 on dev chains — fast-forwarded — and 60 elsewhere)")
  .option("--seed <seed>", "deterministic randomness for keys and encryption (experiments only)")
  .option("--onchain", "settle the STARK job by the contract's own check (StarkInferenceVerifier) instead of the attestor quorum")
  .parse()
  .opts<{ anvil?: boolean; store?: string; kubo?: string; seed?: string; rpc?: string; mnemonicEnv: string; challengeWindow?: string; onchain?: boolean }>();

const steps: { step: string; seconds: number; detail: string }[] = [];
const t0 = performance.now();
async function step<T>(name: string, f: () => Promise<T>, detail: (r: T) => string): Promise<T> {
  process.stdout.write(`▸ ${name} … `);
  const t = performance.now();
  const r = await f();
  const seconds = (performance.now() - t) / 1000;
  const d = detail(r);
  steps.push({ step: name, seconds, detail: d });
  process.stdout.write(`done in ${seconds.toFixed(2)} s — ${d}\n`);
  return r;
}

async function balances(w: World): Promise<Record<string, bigint>> {
  return Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await worthOf(w.clients[r])] as const)));
}

async function main(): Promise<void> {
  const random = o.seed !== undefined ? seededRandom(o.seed) : systemRandom();
  const storeDir = o.store ?? mkdtempSync(join(tmpdir(), "encryptai-demo-store-"));
  const store = openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: storeDir });
  let chain: Chain | undefined;
  if (o.anvil && o.rpc) throw new Error("give --anvil or --rpc, not both");
  if (o.anvil) chain = await step("start anvil", () => startAnvil(), () => "local anvil node");
  if (o.rpc) {
    const rpc = o.rpc;
    const mnemonic = process.env[o.mnemonicEnv];
    if (!mnemonic) throw new Error(`--rpc needs the parties' mnemonic in the environment variable ${o.mnemonicEnv}`);
    chain = await step(`connect to ${rpc}`, () => connectRpcChain(rpc, mnemonic), (c) => `chain id ${(c as { chainId: number }).chainId}`);
  }
  const devChain = Number((await (chain?.provider.getNetwork() ?? Promise.resolve({ chainId: 31337n }))).chainId) === 31337;
  const window = o.challengeWindow !== undefined ? Number(o.challengeWindow) : devChain ? 3600 : 60;
  if (!Number.isSafeInteger(window) || window < 1) throw new Error(`--challenge-window ${o.challengeWindow}: expected a whole number of seconds ≥ 1`);
  const parameters = { ...DEFAULT_PARAMETERS, challengeWindow: window };
  const w = await step("start the chain, deploy the contracts, fund the cast", () => setUpWorld(store, { parameters, ...(chain ? { chain } : {}) }), (w) => `${Object.keys(w.deployment.addresses).length} contracts; store ${o.kubo ?? storeDir}`);
  const start = await balances(w);
  const data = await step("provider: seal the cars data set, store it by CID, mint a DataNFT", () => publishDataset(w), (d) => `data #${d.dataId}, ${d.rows} rows, ${d.sealedCid.slice(0, 16)}…`);
  const release = await step("engineer: buy access; provider: release the data key by ECIES", () => licenceAndRelease(w, data), (r) => `key release ${r.releaseCid.slice(0, 16)}…`);
  // the on-chain tier verifies over Goldilocks (keccak256 commitments, the cubic extension): its model is
  // compiled for goldilocks-128 and registered with the on-chain verifier by its owner
  const paramsId = o.onchain ? "goldilocks-128" : "f128-128";
  const model = await step(
    `engineer: open the data, train, compile (private weights), seal to the node, mint a ModelNFT${o.onchain ? ", register it for on-chain verification" : ""}`,
    () => trainAndPublishModel(w, data, release.releaseCid, paramsId, { onchain: o.onchain === true }),
    (m) => `model #${m.modelId}, test R² ${m.model.training.testMetrics.quantized.r2.toFixed(3)}`,
  );
  await step("node: stake", () => w.clients.node.stake(200n * 10n ** 18n), () => "200 EAI");
  // a 1970 Chevrolet: 8 cylinders, 307 in³, 130 hp, 3504 lb, 12 s to 60 mph (18 MPG in the data set)
  const row = [8, 307, 130, 3504, 12];
  const tier = o.onchain ? "onchain" : "stark";
  const job = await step(`user: quantise and LWE-encrypt a car (n = ${getParams(paramsId).n}), store it, request a ${o.onchain ? "STARK job settled on chain" : "STARK job"}`, () => requestInference(w, model, row, tier, { random }), (j) => `job #${j.jobId}, input ${j.inputCid.slice(0, 16)}…`);
  const [outcome] = await step(
    `node: fetch by CID, run the VM on the ciphertexts, prove in zero knowledge, submit${o.onchain ? ", settle: the contract verifies the proof against the statement it builds from the job" : ""}`,
    () => w.node.pollOnce(),
    (r) => (r[0] ? `proof ${(r[0].proveMs / 1000).toFixed(2)} s, ${r[0].proofCid.slice(0, 16)}…${r[0].settlement ? `; on-chain verdict ${r[0].settlement.verdict}, ${r[0].settlement.gasUsed} gas` : ""}` : "no job handled"),
  );
  if (!outcome) throw new Error("the node handled no job");
  if (o.onchain) {
    if (outcome.settlement?.verdict !== "Valid") throw new Error(`the contract did not find the proof valid: ${outcome.settlement?.verdict ?? "not settled"}`);
  } else {
    const [verdict] = await step("watchers (a 2-attestor quorum): fetch and verify the proof, attest", () => attestAll(w), (v) => (v[0] ? `${v[0].valid ? "valid" : "INVALID"}: ${v[0].reason}` : "nothing to judge"));
    if (!verdict?.valid) throw new Error(`the watcher rejected the proof: ${verdict?.reason ?? "no verdict"}`);
  }
  await step(`challenge window (${window} s) passes; finalise: node, model owner, data owner and protocol paid`, async () => {
    await w.chain.increaseTime(window + 1);
    return w.clients.user.finalise(job.jobId);
  }, () => (`job #${job.jobId} finalised`));
  const result = await step("user: verify the proof against the chain (ModelNFT, job), decrypt the prediction", () => collectResult(w, job, model), (r) => `${r.prediction.toFixed(1)} MPG (accumulator ${r.accumulator}); policy "default": ${r.securityBits} bits conjectured, ${r.provenBits} proven`);
  const validity = await step("user: a cheaper validity-tier job (names the model, proves nothing)", async () => {
    const j = await requestInference(w, model, row, "validity", { keys: job.keys, random });
    await w.node.pollOnce();
    await w.chain.increaseTime(window + 1);
    await w.clients.user.finalise(j.jobId);
    return j;
  }, (j) => `job #${j.jobId} finalised`);
  await step("everyone withdraws what they are owed", async () => {
    let paid = 0;
    for (const r of ROLES) {
      const owed = await w.clients[r].owed();
      if (owed.marketplace + owed.jobs === 0n) continue;
      await w.clients[r].withdrawAll();
      paid++;
    }
    return paid;
  }, (paid) => `${paid} accounts withdrew (pull payments)`);
  const end = await balances(w);

  console.log(`\n${table(["step", "seconds", "result"], steps.map((s) => [s.step, s.seconds.toFixed(2), s.detail]))}`);
  console.log(`\n${table(["account", "start (EAI)", "end (EAI)", "change"], ROLES.map((r) => [r, formatEther(start[r]!), formatEther(end[r]!), formatEther(end[r]! - start[r]!)]))}`);
  const clear = Number(model.model.intercept) + model.model.weights.reduce((s, wj, j) => s + wj * row[j]!, 0);
  console.log(`\nprediction on encrypted input ${result.prediction.toFixed(2)} MPG (the float model says ${clear.toFixed(2)}); validity job #${validity.jobId} settled too.`);
  console.log(`whole demo: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await w.chain.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`\ndemo FAILED at "${steps.length < 1 ? "setup" : "the step after " + steps.at(-1)!.step}": ${(e as Error).message}`);
    process.exit(1);
  },
);
