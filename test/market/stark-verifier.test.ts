// The on-chain STARK verifier (contracts/verifiers/stark/; issue 16, items 2–4) against the TypeScript verifier on the
// same proofs: the cars model's inference proof (public weights, ONCHAIN_OPTIONS) is accepted by both; mutated proofs
// (byte flips across the whole proof, swapped openings, a changed public input, a key below the policy) are rejected
// by both, and the contract's custom error names the same check as the TypeScript verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "ethers";
import { type Chain, startInProcessChain } from "../../src/chain/in-process.js";
import { ONCHAIN_OPTIONS, ONCHAIN_ZK_OPTIONS, type VerificationCheck } from "../../src/prover/index.js";
import { type VerifyingKey, verifyingKeyTuple } from "../../src/prover/verifying-key.js";
import { inferencePublicInputs, inferenceVerifyingKey } from "../../src/vm/onchain-key.js";
import { type InferenceStatement, verifyInference } from "../../src/vm/inference.js";
import { onchainCheck, carsInferenceProof } from "./stark-verifier.testkit.js";
import { deployStarkVerifier, verifyingKeyHash } from "../../src/market/verifying-key-abi.js";
import { VERIFYING_KEYS } from "../../src/market/verifying-keys.generated.js";

let chain: Chain;
let verifier: Contract;
let statement: InferenceStatement;
let proof: Uint8Array;
let key: VerifyingKey;
let pub: bigint[];

beforeAll(async () => {
  ({ statement, proof } = carsInferenceProof(ONCHAIN_OPTIONS, "stark-verifier-test"));
  key = inferenceVerifyingKey(statement, ONCHAIN_OPTIONS);
  pub = inferencePublicInputs(statement);
  chain = await startInProcessChain();
  verifier = await deployStarkVerifier(await chain.signer(0));
}, 120_000);
afterAll(async () => chain?.close());

/** The contract's verdict: "ok" or the check its custom error names. */
const onchain = (bytes: Uint8Array, inputs = pub, k = key) => onchainCheck(verifier, verifyingKeyTuple(k), inputs, bytes);
const offchain = (bytes: Uint8Array): "ok" | VerificationCheck => {
  const r = verifyInference(statement, bytes);
  return r.ok ? "ok" : r.check;
};

/** A deterministic stream of integers (xorshift32). */
function stream(seed: number): (bound: number) => number {
  let x = seed >>> 0 || 1;
  return (bound) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % bound;
  };
}

describe("StarkVerifier.sol against the TypeScript verifier", () => {
  it("accepts the cars model's inference proof, as the TypeScript verifier does", async () => {
    expect(offchain(proof)).toBe("ok");
    expect(await onchain(proof)).toBe("ok");
  });

  it("rejects byte flips anywhere in the proof, naming the same check as the TypeScript verifier", async () => {
    const next = stream(16);
    const disagreements: string[] = [];
    for (let k = 0; k < 60; k++) {
      const bad = proof.slice();
      const at = next(bad.length);
      bad[at]! ^= 1 << next(8);
      const ts = offchain(bad);
      const evm = await onchain(bad);
      expect(ts, `flip at byte ${at}`).not.toBe("ok");
      expect(evm, `flip at byte ${at}`).not.toBe("ok");
      if (ts !== evm) disagreements.push(`byte ${at}: TypeScript ${ts}, EVM ${evm}`);
    }
    expect(disagreements).toEqual([]);
  }, 300_000);

  it("accepts a zero-knowledge proof of private weights (salted leaves, masked composition) and rejects it flipped, as the TypeScript verifier does", async () => {
    const zk = carsInferenceProof(ONCHAIN_ZK_OPTIONS, "stark-verifier-zk", 1, "private");
    const zkKey = inferenceVerifyingKey(zk.statement, ONCHAIN_ZK_OPTIONS);
    const zkPub = inferencePublicInputs(zk.statement);
    expect([zkKey.maskColumn, zkKey.conjecturedBits, zkKey.provenBits]).toEqual([true, 128, 85]);
    expect(verifyInference(zk.statement, zk.proof).ok).toBe(true);
    expect(await onchain(zk.proof, zkPub, zkKey)).toBe("ok");
    const next = stream(61);
    for (let k = 0; k < 8; k++) {
      const bad = zk.proof.slice();
      const at = next(bad.length);
      bad[at]! ^= 1 << next(8);
      const r = verifyInference(zk.statement, bad);
      expect(r.ok, `flip at byte ${at}`).toBe(false);
      expect(await onchain(bad, zkPub, zkKey), `flip at byte ${at}`).toBe(r.ok ? "ok" : r.check);
    }
  }, 300_000);

  it("rejects a changed statement: a fixed public input is refused before any proof work, a lane fails the out-of-domain check", async () => {
    const free = key.publicTemplate.findIndex((v) => v === undefined);
    const fixed = key.publicTemplate.findIndex((v) => v !== undefined && v > 1000n);
    const lane = pub.slice();
    lane[free] = (lane[free]! + 1n) % ((1n << 64n) - (1n << 32n) + 1n);
    expect(await onchain(proof, lane)).toBe("ood-consistency");
    const other = pub.slice();
    other[fixed] = other[fixed]! + 1n;
    expect(await onchain(proof, other)).toBe("statement");
    expect(await onchain(proof, pub.slice(1))).toBe("statement");
  }, 120_000);

  it("the key does not depend on the statement's data: another encryption gives the generated key, whose hash the contract computes alike", async () => {
    expect(verifyingKeyHash(key)).toBe(VERIFYING_KEYS["cars-regression"].hash);
    const other = carsInferenceProof(ONCHAIN_OPTIONS, "another-user").statement;
    expect(verifyingKeyHash(inferenceVerifyingKey(other, ONCHAIN_OPTIONS))).toBe(verifyingKeyHash(key));
    expect(await verifier.getFunction("keyHash")(verifyingKeyTuple(key))).toBe(verifyingKeyHash(key));
  }, 120_000);

  it("refuses a key whose options are below the verifier's policy, and a proof whose options are not the key's", async () => {
    const weak = { ...key, conjecturedBits: 90 };
    expect(await onchain(proof, pub, weak)).toBe("security");
    const other = inferenceVerifyingKey(statement, { ...ONCHAIN_OPTIONS, queries: 30 });
    expect(await onchain(proof, pub, other)).toBe("options");
  }, 120_000);
});
