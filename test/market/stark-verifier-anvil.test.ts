// Issue 16, item 4: the on-chain STARK verifier on anvil (a real JSON-RPC node, revm) against the TypeScript verifier on
// 1,000 mutated proofs of the cars model — byte flips spread over the whole proof, swapped 32-byte words (openings and
// digests trading places), truncations and appended bytes. Every mutated proof is rejected by both verifiers, and the
// contract's custom error names the same check as the TypeScript verdict; the honest proof is accepted by both. One
// difference is by design: the contract requires the key's options exactly, so a proof whose option bytes changed is
// refused as "options", where the TypeScript verifier (which judges any options against its policy) finds another
// failure later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "ethers";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { deployStarkVerifier } from "../../src/market/verifying-key-abi.js";
import { ONCHAIN_OPTIONS, type VerificationCheck } from "../../src/prover/index.js";
import { verifyingKeyTuple } from "../../src/prover/verifying-key.js";
import { inferencePublicInputs, inferenceVerifyingKey } from "../../src/vm/onchain-key.js";
import { verifyInference } from "../../src/vm/inference.js";
import { carsInferenceProof } from "../../src/vm/onchain-models.js";
import { onchainCheck } from "./stark-verifier.testkit.js";

const MUTATIONS = Number(process.env.STARK_MUTATIONS ?? 1000);

let node: AnvilNode;
let verifier: Contract;
const { statement, proof } = carsInferenceProof(ONCHAIN_OPTIONS, "stark-verifier-anvil");
const key = verifyingKeyTuple(inferenceVerifyingKey(statement, ONCHAIN_OPTIONS));
const pub = inferencePublicInputs(statement);

beforeAll(async () => {
  node = await startAnvil();
  verifier = await deployStarkVerifier(await node.signer(0));
}, 60_000);
afterAll(async () => node?.close());

/** The k-th mutation of the proof: deterministic, the kinds in turn. */
function mutate(k: number): { what: string; bytes: Uint8Array } {
  // splitmix-style mixing of k: positions spread over the whole proof
  let x = BigInt(k + 1) * 0x9e3779b97f4a7c15n;
  const next = (bound: number) => {
    x = (x ^ (x >> 31n)) * 0xbf58476d1ce4e5b9n;
    x &= (1n << 64n) - 1n;
    return Number((x >> 16n) % BigInt(bound));
  };
  const kind = k % 10;
  if (kind < 7) {
    const bytes = proof.slice();
    const at = next(bytes.length);
    bytes[at]! ^= 1 << next(8);
    return { what: `bit ${at}.${kind} flipped`, bytes };
  }
  if (kind < 9) {
    const bytes = proof.slice();
    const a = next(bytes.length - 32);
    let b = next(bytes.length - 32);
    if (Math.abs(a - b) < 32) b = (a + 64) % (bytes.length - 32);
    const wa = bytes.slice(a, a + 32);
    bytes.copyWithin(a, b, b + 32);
    bytes.set(wa, b);
    return { what: `words at ${a} and ${b} swapped`, bytes };
  }
  const cut = next(proof.length);
  return k % 20 === 9 ? { what: `truncated to ${cut}`, bytes: proof.slice(0, cut) } : { what: `${1 + (cut % 40)} bytes appended`, bytes: Uint8Array.from([...proof, ...new Array<number>(1 + (cut % 40)).fill(cut & 0xff)]) };
}

const offchain = (bytes: Uint8Array): "ok" | VerificationCheck => {
  const r = verifyInference(statement, bytes);
  return r.ok ? "ok" : r.check;
};

describe("StarkVerifier.sol on anvil, 1,000 mutated proofs", () => {
  it("accepts the honest proof", async () => {
    expect(offchain(proof)).toBe("ok");
    expect(await onchainCheck(verifier, key, pub, proof)).toBe("ok");
  });

  it(`rejects ${MUTATIONS} mutations with the same check as the TypeScript verifier`, async () => {
    const disagreements: string[] = [];
    const checks = new Map<string, number>();
    for (let k = 0; k < MUTATIONS; k++) {
      const { what, bytes } = mutate(k);
      if (bytes.length === proof.length && bytes.every((b, i) => b === proof[i])) continue; // two equal words swapped
      const ts = offchain(bytes);
      const evm = await onchainCheck(verifier, key, pub, bytes);
      const optionsChanged = bytes.length >= 13 && [5, 6, 7, 8, 9, 10, 11, 12].some((i) => bytes[i] !== proof[i]);
      const agree = optionsChanged ? evm === "options" || evm === ts : evm === ts;
      if (ts === "ok" || evm === "ok" || !agree) disagreements.push(`${what}: TypeScript ${ts}, EVM ${evm}`);
      checks.set(evm, (checks.get(evm) ?? 0) + 1);
    }
    expect(disagreements).toEqual([]);
    // the mutations reach the checks across the proof, not only its parse
    console.log(`checks named: ${[...checks].map(([c, n]) => `${c} ${n}`).join(", ")}`);
    for (const c of ["format", "ood-consistency", "proof-of-work", "trace-opening", "composition-opening"]) expect(checks.get(c) ?? 0, c).toBeGreaterThan(0);
  }, 600_000);
});
