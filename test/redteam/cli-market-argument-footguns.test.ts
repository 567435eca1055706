// Red team (careless newcomer, src/cli/market.ts): two argument parsers that never refuse.
//
//  - `market attest <jobId> <proofHash> <valid|invalid>` records INVALID for anything but the exact word "valid"
//    (`v === "valid"`): "Valid", "yes", "true", "ok" all attest the proof invalid, and an attestation is final
//    (AttestedStarkVerifier: AlreadyAttested). A challenge then slashes an honest node.
//  - every 32-byte hash argument goes through `hash(s) = isHexString(s, 32) ? s : id(s)`: a hash without its 0x
//    prefix (as `sha256sum` prints it), or one with a typo, is silently replaced by keccak256 of the TEXT. `submit`
//    then commits the node to an output/proof hash nobody can match (the watcher refuses, the node is slashed),
//    `attest` records a verdict for a proof hash that does not exist, `publish-model` a content hash no manifest has.
//
// Secure behaviour asserted: each command refuses the malformed argument (non-zero exit) or does what was meant.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { saveDeployment } from "../../src/market/deployment-file.js";
import { type World, setUpWorld } from "../../src/node/marketplace-flow.js";
import { FsBlockstore } from "../../src/storage/index.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

const dir = tempFolder("encryptai-redteam-market-cli-");
let anvil: AnvilNode;
let w: World;
beforeAll(async () => {
  anvil = await startAnvil({ port: 19545 + Math.floor(Math.random() * 1000) });
  w = await setUpWorld(new FsBlockstore(join(dir, "store")), { chain: anvil });
  await saveDeployment(join(dir, "dep.json"), w.deployment);
}, 120_000);
afterAll(async () => anvil?.close());

const cli = (key: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args, "--rpc", anvil.rpcUrl, "--deployment", join(dir, "dep.json"), "--key", "PARTY_KEY"], { encoding: "utf8", timeout: 120_000, env: { ...process.env, PARTY_KEY: key } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

/** The watcher's recorded vote on the STARK tier's verifier: 0 none, 1 valid, 2 invalid. (The red team read the
 * one-attestation AttestedStarkVerifier's `verdicts(jobId, proofHash)`; its successor, the AttestorQuorumVerifier,
 * records each attestor's vote in `votes(jobId, proofHash, attestor)`.) */
async function verdict(jobId: bigint, proofHash: string): Promise<number> {
  const c = new Contract(w.clients.watcher.verifierAddress("stark"), ["function votes(uint256, bytes32, address) view returns (uint8)"], w.chain.provider);
  return Number(await c.getFunction("votes")(jobId, proofHash, w.wallets.watcher.address));
}

describe("encryptai market: malformed arguments are not refused", () => {
  it("attest … Valid (capitalised) records the proof INVALID", async () => {
    const h = `0x${"ab".repeat(32)}`;
    const r = cli(w.wallets.watcher.privateKey, "market", "attest", "1", h, "Valid");
    const v = await verdict(1n, h);
    // secure: refused, or recorded valid
    expect(r.code !== 0 || v === 1, `exit ${r.code}, recorded verdict ${v} (2 = invalid)`).toBe(true);
  }, 120_000);

  it("attest with a hash lacking its 0x prefix records a verdict for keccak256 of the text, not for that hash", async () => {
    const hex = "cd".repeat(32);
    const r = cli(w.wallets.watcher.privateKey, "market", "attest", "2", hex, "valid");
    const v = await verdict(2n, `0x${hex}`);
    expect(r.code !== 0 || v === 1, `exit ${r.code}, verdict for 0x${hex.slice(0, 8)}…: ${v} (0 = none)`).toBe(true);
  }, 120_000);
});

// Added with the fix (issue 12, item 5): the refusals are usage errors (exit 2) that name the value, and nothing
// reaches the chain.
describe("encryptai market: malformed arguments are usage errors naming the value", () => {
  it("attest … yes / true / ok: exit 2 naming the value, no verdict recorded", async () => {
    const h = `0x${"ef".repeat(32)}`;
    for (const word of ["yes", "true", "ok"]) {
      const r = cli(w.wallets.watcher.privateKey, "market", "attest", "3", h, word);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`error: verdict "${word}": expected valid or invalid\n`);
    }
    expect(await verdict(3n, h)).toBe(0);
  }, 120_000);

  it("submit with a hash lacking its 0x prefix: exit 2 naming the argument", () => {
    const r = cli(w.wallets.node.privateKey, "market", "submit", "1", "ab".repeat(32), `0x${"ab".repeat(32)}`, "bafyproof");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: outputHash "abab.*" is not a 32-byte hash \(expected 0x followed by 64 hex digits; got 64 hex digits without the 0x prefix/);
  }, 120_000);

  it("publish-dataset with a text label as its content hash: exit 2, no token minted", async () => {
    const minted = () => w.clients.provider.dataNft.getFunction("totalMinted")() as Promise<bigint>;
    const before = await minted();
    const r = cli(w.wallets.provider.privateKey, "market", "publish-dataset", "ipfs://meta", "bafy-data", "cars.csv plaintext", "100", "0");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: contentHash "cars.csv plaintext" is not a 32-byte hash/);
    expect(await minted()).toBe(before);
  }, 120_000);
});
