/**
 * Gas report: gas used by each contract function along the marketplace flow, on the embedded chain
 * (Hardhat, cancun rules, solc 0.8.30 with the optimizer at 200 runs).
 */
import { type ContractTransactionResponse, type Signer, id, parseEther } from "ethers";
import { startInProcessChain } from "../src/chain/in-process.js";
import { AssetKind, MarketClient, deployAll } from "../src/market/client.js";
import { type ContractName, deployContract } from "../src/market/contracts.js";
import { KECCAK_256, SHA_256 } from "../src/hash/index.js";
import { type Measurement, randomInt } from "./harness.js";
import { encryptMany, getParams, keygen, modulusOf, seededRandom } from "../src/lwe/index.js";
import { ONCHAIN_OPTIONS, ONCHAIN_ZK_OPTIONS, type ProofOptions } from "../src/prover/index.js";
import { verifyingKeyTuple } from "../src/prover/verifying-key.js";
import { compileModel } from "../src/vm/compile.js";
import { type InferenceStatement, proveInference } from "../src/vm/inference.js";
import { inferencePublicInputs, inferenceVerifyingKey } from "../src/vm/onchain-key.js";
import { carsInferenceProof } from "../src/vm/onchain-models.js";
import { deployStarkVerifier } from "../src/market/verifying-key-abi.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAnvil } from "../src/chain/anvil.js";
import { settlementCalldata } from "../src/market/onchain-settlement.js";
import { trustedModelOf } from "../src/node/job-verdict.js";
import { licenceAndRelease, publishDataset, requestInference, setUpWorld, trainAndPublishModel } from "../src/node/marketplace-flow.js";
import { openStore } from "../src/storage/index.js";
import { onchainRegistration } from "../src/vm/onchain-family.js";
import { decodeProofFile } from "../src/vm/proof-file.js";

export async function benchGas(): Promise<Measurement[]> {
  const chain = await startInProcessChain();
  const out: Measurement[] = [];
  const gas = async (contract: string, fn: string, tx: Promise<ContractTransactionResponse>) => {
    const r = await (await tx).wait();
    out.push({ suite: "gas", name: `${contract}.${fn}`, params: "", msPerOp: 0, runs: 1, extra: { gas: Number(r!.gasUsed) } });
  };
  const admin = await chain.signer(0);
  const d = await deployAll(admin);
  // deployment costs: each contract deployed once more with the same constructor arguments
  const me = await admin.getAddress();
  const a = d.addresses;
  const p = d.parameters;
  const delay = p.adminTransferDelay;
  const ctorArgs: [ContractName, unknown[]][] = [
    ["EncryptAIToken", [me, delay, BigInt(p.tokenCap)]],
    ["DataNFT", [me, delay]],
    ["ModelNFT", [me, delay]],
    ["Marketplace", [a.token, a.dataNft, a.modelNft, me, delay, me, p.protocolFeeBps, p.dataRoyaltyBps]],
    ["EncryptAIFactory", [me, delay, a.dataNft, a.modelNft, a.marketplace]],
    ["NodeStaking", [a.token, p.unbondingDelay, me, delay]],
    ["JobManager", [a.token, a.modelNft, a.marketplace, a.staking, me, delay, me, p.challengeWindow, p.verdictGrace, BigInt(p.minJobStake), p.stakeMultiple, p.challengerShareBps]],
    ["ValidityProofVerifier", []],
    ["AttestorQuorumVerifier", [a.token, me, delay, p.quorum, BigInt(p.attestorMinBond), BigInt(p.attestorPenalty), p.attestorUnbondingDelay]],
  ];
  for (const [name, args] of ctorArgs) {
    const c = await deployContract(name, admin, ...args);
    const r = await c.deploymentTransaction()!.wait();
    out.push({ suite: "gas", name: `${name} (deploy)`, params: "", msPerOp: 0, runs: 1, extra: { gas: Number(r!.gasUsed) } });
  }
  const A = new MarketClient(d, admin);
  const as = async (i: number) => A.as((await chain.signer(i)) as Signer);
  const [provider, engineer, user, node, challenger, attestor1, attestor2, attestor3] = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(as));
  for (const c of [provider!, engineer!, user!, node!, challenger!, attestor1!, attestor2!, attestor3!]) await c.faucet(parseEther("10000"));
  /** A commitment made (and a block passed) before a publication: returns the salt to reveal. */
  const committed = async (c: MarketClient, contentHash: string, cid: string) => c.commitPublication({ contentHash, cid });
  await gas("EncryptAIToken", "faucet", A.token.getFunction("faucet")(parseEther("1")));
  await gas("EncryptAIFactory", "grantRole (publisher)", A.factory.getFunction("grantRole")(id("PUBLISHER_ROLE"), await provider!.address()));
  await A.grantPublisher(await engineer!.address());
  const dataSalt = await committed(provider!, id("data"), "bafydata");
  const commitment = (await provider!.factory.getFunction("publicationCommitment")(await provider!.address(), id("other"), "c", id("salt"))) as string;
  await gas("EncryptAIFactory", "commitPublication", provider!.factory.getFunction("commitPublication")(commitment));
  await gas("EncryptAIFactory", "publishDataset", provider!.factory.getFunction("publishDataset")(["ipfs://meta", "bafydata", id("data"), parseEther("100"), 0n], dataSalt));
  await gas("EncryptAIToken", "approve", engineer!.token.getFunction("approve")(d.addresses.marketplace, parseEther("100")));
  await gas("Marketplace", "buyAccess (data set)", engineer!.marketplace.getFunction("buyAccess")(AssetKind.Data, 1n, parseEther("100")));
  const modelSalt = await committed(engineer!, id("model"), "bafymodel");
  await gas("EncryptAIFactory", "publishModel (1 parent)", engineer!.factory.getFunction("publishModel")(["ipfs://m", "bafymodel", id("model"), parseEther("50"), parseEther("10")], id("program"), [1n], modelSalt));
  await user!.token.getFunction("approve")(d.addresses.marketplace, parseEther("50")).then((t: ContractTransactionResponse) => t.wait());
  await gas("Marketplace", "buyAccess (model, with royalty)", user!.marketplace.getFunction("buyAccess")(AssetKind.Model, 1n, parseEther("50")));
  await gas("AssetNFT", "setPricing", engineer!.modelNft.getFunction("setPricing")(1n, parseEther("55"), parseEther("10")));
  await node!.token.getFunction("approve")(d.addresses.staking, parseEther("1000")).then((t: ContractTransactionResponse) => t.wait());
  await gas("NodeStaking", "stake", node!.staking.getFunction("stake")(parseEther("1000")));
  await user!.token.getFunction("approve")(d.addresses.jobManager, parseEther("1000")).then((t: ContractTransactionResponse) => t.wait());
  const deadline = BigInt((await chain.provider.getBlock("latest"))!.timestamp + 3600);
  const req = () => user!.jobs.getFunction("requestJob")(1n, id("input"), "bafyinput", parseEther("20"), parseEther("10"), deadline, d.addresses.validityVerifier);
  await gas("JobManager", "requestJob", req());
  await gas("JobManager", "acceptJob", node!.jobs.getFunction("acceptJob")(1n));
  const proof = await node!.validityProofHash(1n, id("input"), id("model"));
  await gas("JobManager", "submitResult", node!.jobs.getFunction("submitResult")(1n, id("out"), proof, "bafyproof"));
  await chain.increaseTime(3601);
  await gas("JobManager", "finalise (pays node, model, data, protocol)", node!.jobs.getFunction("finalise")(1n));
  const deadline2 = BigInt((await chain.provider.getBlock("latest"))!.timestamp + 3600);
  await user!.jobs.getFunction("requestJob")(1n, id("input2"), "c", parseEther("20"), parseEther("10"), deadline2, d.addresses.validityVerifier).then((t: ContractTransactionResponse) => t.wait());
  await node!.acceptJob(2n);
  await node!.submitResult(2n, id("out"), id("bad proof"), "c");
  await gas("JobManager", "challenge (validity tier, slash)", challenger!.jobs.getFunction("challenge")(2n, "0x"));
  // the STARK tier: a 2-of-3 attestor quorum
  for (const [i, t] of [attestor1!, attestor2!, attestor3!].entries()) {
    if (i === 0) await gas("AttestorQuorumVerifier", "grantRole (attestor)", A.starkVerifier.getFunction("grantRole")(id("ATTESTOR_ROLE"), await t.address()));
    else await A.grantAttestor(await t.address());
    await t.token.getFunction("approve")(d.addresses.starkVerifier, BigInt(p.attestorMinBond)).then((x: ContractTransactionResponse) => x.wait());
    if (i === 0) await gas("AttestorQuorumVerifier", "bond", t.starkVerifier.getFunction("bond")(BigInt(p.attestorMinBond)));
    else await t.bondAttestor(BigInt(p.attestorMinBond));
  }
  const starkJob = async (n: bigint) => {
    const dl = BigInt((await chain.provider.getBlock("latest"))!.timestamp + 3600);
    await user!.jobs.getFunction("requestJob")(1n, id(`input${n}`), "c", parseEther("20"), parseEther("10"), dl, d.addresses.starkVerifier).then((t: ContractTransactionResponse) => t.wait());
    await node!.acceptJob(n);
    await node!.submitResult(n, id("out"), id(`proof${n}`), "c");
  };
  await starkJob(3n);
  await gas("AttestorQuorumVerifier", "attest (first vote)", attestor1!.starkVerifier.getFunction("attest")(3n, id("proof3"), true));
  await gas("AttestorQuorumVerifier", "attest (the quorum's vote)", attestor2!.starkVerifier.getFunction("attest")(3n, id("proof3"), true));
  await gas("AttestorQuorumVerifier", "attest (a dissenting vote)", attestor3!.starkVerifier.getFunction("attest")(3n, id("proof3"), false));
  await gas("AttestorQuorumVerifier", "settleVotes (one penalised, two rewarded)", challenger!.starkVerifier.getFunction("settleVotes")(3n, id("proof3")));
  await chain.increaseTime(3601);
  await gas("JobManager", "finalise (STARK tier, quorum Valid)", node!.jobs.getFunction("finalise")(3n));
  await starkJob(4n);
  await attestor1!.attest(4n, id("proof4"), false);
  await attestor2!.attest(4n, id("proof4"), false);
  await gas("JobManager", "challenge (STARK tier, quorum Invalid, reward to 2 upholders)", challenger!.jobs.getFunction("challenge")(4n, "0x"));
  await starkJob(5n);
  await chain.increaseTime(2 * 3600 + 1);
  await gas("JobManager", "refundUndecided (no verdict)", challenger!.jobs.getFunction("refundUndecided")(5n));
  await gas("AttestorQuorumVerifier", "withdraw (rewards)", attestor1!.starkVerifier.getFunction("withdraw")());
  // the royalty split at the cap: a model with MAX_PARENTS = 16 parent data sets, sold once
  for (let i = 0; i < 16; i++) {
    const h = id(`parent data ${i}`);
    const salt = await committed(provider!, h, `bafy-parent-${i}`);
    await provider!.factory.getFunction("publishDataset")(["ipfs://p", `bafy-parent-${i}`, h, 1n, 0n], salt).then((t: ContractTransactionResponse) => t.wait());
    await engineer!.token.getFunction("approve")(d.addresses.marketplace, 1n).then((t: ContractTransactionResponse) => t.wait());
    await engineer!.marketplace.getFunction("buyAccess")(AssetKind.Data, BigInt(i + 2), 1n).then((t: ContractTransactionResponse) => t.wait());
  }
  const parents = Array.from({ length: 16 }, (_, i) => BigInt(i + 2));
  const wideSalt = await committed(engineer!, id("wide model"), "bafywide");
  await gas("EncryptAIFactory", "publishModel (16 parents, the cap)", engineer!.factory.getFunction("publishModel")(["ipfs://w", "bafywide", id("wide model"), parseEther("50"), parseEther("10")], id("program"), parents, wideSalt));
  await user!.token.getFunction("approve")(d.addresses.marketplace, parseEther("50")).then((t: ContractTransactionResponse) => t.wait());
  await gas("Marketplace", "buyAccess (model with 16 parents)", user!.marketplace.getFunction("buyAccess")(AssetKind.Model, 2n, parseEther("50")));
  await gas("Marketplace", "withdraw", provider!.marketplace.getFunction("withdraw")());
  await gas("JobManager", "withdraw", node!.jobs.getFunction("withdraw")());
  await gas("NodeStaking", "requestUnstake", node!.staking.getFunction("requestUnstake")(parseEther("100")));
  await chain.increaseTime(7 * 24 * 3600);
  await gas("NodeStaking", "withdrawUnstaked", node!.staking.getFunction("withdrawUnstaked")());
  out.push(...(await merklePathGas(admin)));
  out.push(...(await starkVerifierGas(admin)));
  await chain.close();
  out.push(...(await onchainSettlementGas()));
  return out;
}

/**
 * Issue 16, items 5–6: a whole on-chain settlement — StarkInferenceVerifier.settle, which reads the job's input and
 * output ciphertext files, compresses them into the statement's lanes and runs StarkVerifier.verify — for one cars job
 * with public weights and one with private weights (zero knowledge), along the marketplace flow on anvil (the same
 * EVM rules as the embedded chain; its settlement runs in a fraction of the time).
 */
async function onchainSettlementGas(): Promise<Measurement[]> {
  const anvil = await startAnvil();
  const storeDir = mkdtempSync(join(tmpdir(), "encryptai-bench-gas-settle-"));
  const out: Measurement[] = [];
  try {
    const w = await setUpWorld(openStore({ dir: storeDir }), { chain: anvil });
    const data = await publishDataset(w);
    const { releaseCid } = await licenceAndRelease(w, data);
    await w.clients.node.stake(parseEther("200"));
    for (const weights of ["public", "private"] as const) {
      const model = await trainAndPublishModel(w, data, releaseCid, "goldilocks-128", { weights, onchain: true });
      const job = await requestInference(w, model, [8, 307, 130, 3504, 12], "onchain", { random: seededRandom(`bench-gas-settle-${weights}`) });
      const [outcome] = await w.node.pollOnce();
      if (outcome?.settlement?.verdict !== "Valid") throw new Error(`gas bench: the ${weights}-weight job was not settled Valid`);
      const file = decodeProofFile(await w.store.get(outcome.proofCid));
      const input = await w.store.get(job.inputCid);
      const { model: committed } = await trustedModelOf(w.clients.user, w.store, model.modelId);
      const reg = onchainRegistration(committed, { zeroKnowledge: weights === "private" });
      const files = { input, output: file.outputBytes, proof: file.proof };
      const calldata = settlementCalldata(reg, files);
      const gas = Number(outcome.settlement.gasUsed);
      out.push({
        suite: "gas",
        name: `StarkInferenceVerifier.settle (cars job, ${weights} weights${weights === "private" ? ", zero knowledge" : ""})`,
        params: "the job's files read and compressed on chain, then StarkVerifier.verify; gasUsed of the transaction",
        msPerOp: 0,
        runs: 1,
        extra: { gas, calldataGas: calldata.gas, executionGas: gas - calldata.gas, calldataBytes: calldata.bytes, inputBytes: input.length, outputBytes: file.outputBytes.length, proofBytes: file.proof.length },
      });
    }
    await w.chain.close();
  } finally {
    await anvil.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
  return out;
}

/**
 * Issue 16, item 1: what one proof's Merkle openings cost on chain with each EVM-friendly hash — 44 query paths of
 * depth 18 (a 2^15-row trace at blowup 8), checked by MerklePathHarness (contracts/verifiers/MerklePath.sol) as a
 * view call (eth_estimateGas: the 21,000 base and the calldata included). The per-path figure is the difference
 * between 44 paths and 1, over 43.
 */
async function merklePathGas(admin: Signer): Promise<Measurement[]> {
  const harness = await deployContract("MerklePathHarness", admin);
  const depth = 18;
  const queries = 44;
  const sibling = (k: number) => Uint8Array.from({ length: 32 }, (_, i) => (k * 37 + i * 11 + 5) & 0xff);
  const path = Array.from({ length: depth }, (_, k) => sibling(k));
  const leaf = sibling(99);
  const index = 0b10_1101_0011_1001_0110;
  const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
  const out: Measurement[] = [];
  for (const [name, hasher, fn] of [
    ["keccak256 (opcode)", KECCAK_256, "checkKeccak"],
    ["SHA-256 (precompile)", SHA_256, "checkSha256"],
  ] as const) {
    // the root the path leads to, computed by the prover's hasher (the contract must agree, or it returns false)
    let node: Uint8Array = leaf;
    path.forEach((s, k) => (node = (index >> k) & 1 ? hasher.merge(s, node) : hasher.merge(node, s)));
    const estimate = async (q: number) => {
      const args = [hex(node), new Array(q).fill(hex(leaf)), new Array(q).fill(index), new Array(q).fill(path.map(hex))];
      if (!(await harness.getFunction(fn)(...args))) throw new Error(`gas bench: MerklePath ${name} does not recompute the prover's root`);
      return Number(await harness.getFunction(fn).estimateGas(...args));
    };
    const one = await estimate(1);
    const all = await estimate(queries);
    out.push({
      suite: "gas",
      name: `MerklePath ${name}: ${queries} openings of depth ${depth}`,
      params: "eth_estimateGas of a view call: 21,000 base and calldata included",
      msPerOp: 0,
      runs: 1,
      extra: { gas: all, gasOnePath: one, gasPerPath: Math.round((all - one) / (queries - 1)), depth, queries },
    });
  }
  return out;
}

/** A public-weight model of `features` random 8-bit weights on one encrypted row, proved with ONCHAIN_OPTIONS. */
function wideModelProof(features: number): { statement: InferenceStatement; proof: Uint8Array } {
  const params = getParams("goldilocks-128");
  const rnd = seededRandom(`bench-gas-wide-${features}`);
  const circuitWeights = Array.from({ length: features }, () => randomInt(rnd, -20, 20));
  const compiled = compileModel({ circuitWeights, circuitConstant: randomInt(rnd, -100, 100) }, "public", modulusOf(params).q);
  const keys = keygen(params, seededRandom(`bench-gas-wide-keys-${features}`));
  const inputs = encryptMany(keys.publicKey, Array.from({ length: features }, () => BigInt(randomInt(rnd, 0, 15))), seededRandom(`bench-gas-wide-x-${features}`));
  const p = proveInference(compiled.program, params, compiled.publicValues, inputs, { proofOptions: ONCHAIN_OPTIONS });
  return { statement: p.statement, proof: p.proof };
}

/**
 * Issue 16, items 2 and 6: the gas of StarkVerifier.verify (contracts/verifiers/stark/) for inference proofs with
 * ONCHAIN_OPTIONS — the cars model (one row, private weights with zero knowledge, and a 10-row batch) and a 300-feature
 * model — as eth_estimateGas of the
 * call: the 21,000 base, the calldata (proof, verifying key and public inputs) and the execution. The statement is
 * the public inputs (compressed lanes); binding them to a job's ciphertexts is not included.
 */
export async function starkVerifierGas(admin: Signer): Promise<Measurement[]> {
  const verifier = await deployStarkVerifier(admin);
  const cases: [string, () => { statement: InferenceStatement; proof: Uint8Array }, ProofOptions][] = [
    ["cars model, 1 row", () => carsInferenceProof(ONCHAIN_OPTIONS, "bench-gas"), ONCHAIN_OPTIONS],
    ["cars model, private weights, zero knowledge", () => carsInferenceProof(ONCHAIN_ZK_OPTIONS, "bench-gas-zk", 1, "private"), ONCHAIN_ZK_OPTIONS],
    ["cars model, 10-row batch", () => carsInferenceProof(ONCHAIN_OPTIONS, "bench-gas-batch", 10), ONCHAIN_OPTIONS],
    ["300-feature model, 1 row", () => wideModelProof(300), ONCHAIN_OPTIONS],
  ];
  const out: Measurement[] = [];
  for (const [label, make, options] of cases) {
    const { statement, proof } = make();
    const key = verifyingKeyTuple(inferenceVerifyingKey(statement, options));
    const pub = inferencePublicInputs(statement);
    const gas = Number(await verifier.getFunction("verify").estimateGas(key, pub, proof));
    const data = Buffer.from(verifier.interface.encodeFunctionData("verify", [key, pub, proof]).slice(2), "hex");
    const zeros = data.filter((b) => b === 0).length;
    const calldataGas = 21_000 + 4 * zeros + 16 * (data.length - zeros);
    out.push({
      suite: "gas",
      name: `StarkVerifier.verify (${label})`,
      params: `${statement.traceLength}-row trace, ${options.zeroKnowledge ? "ONCHAIN_ZK_OPTIONS" : "ONCHAIN_OPTIONS"}`,
      msPerOp: 0,
      runs: 1,
      extra: { gas, calldataGas, executionGas: gas - calldataGas, proofBytes: proof.length, calldataBytes: data.length, publicInputs: pub.length, target: label === "cars model, 1 row" ? `≤ 3,000,000 gas: ${gas <= 3_000_000 ? "met" : "missed"}` : "" },
    });
  }
  return out;
}
