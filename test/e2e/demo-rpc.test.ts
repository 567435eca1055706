// `npm run demo -- --rpc <url>` on a chain that is not the dev chain: anvil with its own chain id, accounts from
// a fresh mnemonic, mining on demand — tokens are minted by the admin (no faucet), the challenge window is
// waited out in real time; and the public dev mnemonic is refused there.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { connectRpcChain } from "../../src/chain/rpc-chain.js";
import { DEV_MNEMONIC } from "../../src/chain/dev-chain.js";

// the demo's content store in a folder this file removes (by default the demo makes one in the OS temp folder)
const store = mkdtempSync(join(tmpdir(), "encryptai-demo-test-"));
afterAll(() => rmSync(store, { recursive: true, force: true }));

const phrase = Wallet.createRandom().mnemonic!.phrase;
let anvil: AnvilNode;
beforeAll(async () => {
  anvil = await startAnvil({ extraArgs: ["--chain-id", "7777", "--mnemonic", phrase] });
}, 60_000);
afterAll(async () => anvil?.close());

describe("npm run demo -- --rpc", () => {
  it("runs the whole flow on a non-dev chain by RPC URL with the parties' mnemonic", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--rpc", anvil.rpcUrl, "--challenge-window", "3", "--seed", "rpc", "--store", join(store, "store")], {
      encoding: "utf8",
      timeout: 240_000,
      env: { ...process.env, ENCRYPTAI_DEMO_MNEMONIC: phrase },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/connect to .* — chain id 7777/);
    expect(r.stdout).toMatch(/challenge window \(3 s\) passes/);
    expect(r.stdout).toMatch(/valid: STARK verified/);
  }, 300_000);
  it("refuses the public dev mnemonic off the dev chain, and a bad phrase", async () => {
    await expect(connectRpcChain(anvil.rpcUrl, DEV_MNEMONIC)).rejects.toThrow(/not a dev chain/);
    await expect(connectRpcChain(anvil.rpcUrl, "not a mnemonic")).rejects.toThrow(/not a valid BIP-39/);
    await expect(connectRpcChain("http://127.0.0.1:1", phrase, { timeoutMs: 2000 })).rejects.toThrow(/does not answer/);
  }, 60_000);
});
