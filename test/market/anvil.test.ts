// The real JSON-RPC dev node (anvil from npm), the deploy path by RPC URL, and the checks that run before any
// transaction: unreachable endpoint, wrong chain id, missing or invalid key, dev key off dev chains, no gas.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { MarketClient } from "../../src/market/client.js";
import { wellKnownDevKeys } from "../../src/chain/dev-chain.js";
import { connect } from "../../src/market/connect.js";
import { loadDeployment } from "../../src/market/deployment-file.js";

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

let node: AnvilNode;
const dir = tempFolder("encryptai-anvil-");
beforeAll(async () => {
  node = await startAnvil();
}, 30_000);
afterAll(async () => {
  await node?.close();
});

function cli(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("anvil and deployment by RPC URL", () => {
  it("deploys with the CLI, writes a deployment file, and the client transacts on it", async () => {
    const out = join(dir, "dep.json");
    const r = cli({ TEST_KEY: wellKnownDevKeys()[0]! }, "deploy", "--rpc", node.rpcUrl, "--key", "TEST_KEY", "--chain-id", "31337", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const d = await loadDeployment(out);
    expect(d.chainId).toBe(31337);
    process.env.ENCRYPTAI_TEST_KEY_1 = wellKnownDevKeys()[1]!;
    const c = await connect({ rpc: node.rpcUrl, keyEnv: "ENCRYPTAI_TEST_KEY_1", expectedChainId: 31337 });
    const client = new MarketClient(d, c.signer);
    await client.faucet(10n ** 18n);
    expect(await client.balance()).toBe(10n ** 18n);
    const b = JSON.parse(cli({ K: wellKnownDevKeys()[1]! }, "market", "balance", "--rpc", node.rpcUrl, "--key", "K", "--deployment", out, "--json").stdout) as { eai: string };
    expect(b.eai).toBe("1.0");
    const denied = cli({ K: wellKnownDevKeys()[1]! }, "market", "publish-dataset", "u", "c", `0x${"da".repeat(32)}`, "1", "0", "--rpc", node.rpcUrl, "--key", "K", "--deployment", out);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/commit publication: account 0x[0-9a-fA-F]{40} lacks the role/);
    c.provider.destroy();
    expect(JSON.parse(readFileSync(out, "utf8")).addresses.token).toBe(d.addresses.token);
  });
  it("checks the endpoint, chain id, key and gas before sending anything", async () => {
    process.env.T_KEY = wellKnownDevKeys()[2]!;
    await expect(connect({ rpc: "http://127.0.0.1:1", keyEnv: "T_KEY" })).rejects.toThrow(/cannot reach the RPC endpoint http:\/\/127.0.0.1:1/);
    await expect(connect({ rpc: "localhost:8545", keyEnv: "T_KEY" })).rejects.toThrow(/expected http:\/\/ or https:\/\//);
    await expect(connect({ rpc: node.rpcUrl, keyEnv: "T_KEY", expectedChainId: 11155111 })).rejects.toThrow(`wrong chain: ${node.rpcUrl} is chain 31337, expected 11155111`);
    await expect(connect({ rpc: node.rpcUrl, keyEnv: "NO_SUCH_VAR_123" })).rejects.toThrow(/environment variable NO_SUCH_VAR_123 is not set/);
    process.env.BAD_KEY = "0x1234";
    await expect(connect({ rpc: node.rpcUrl, keyEnv: "BAD_KEY" })).rejects.toThrow(/does not hold a valid private key/);
    process.env.POOR_KEY = Wallet.createRandom().privateKey;
    await expect(connect({ rpc: node.rpcUrl, keyEnv: "POOR_KEY" })).rejects.toThrow(/has 0.0 ETH on chain 31337: fund it for gas first/);
  });
  it("refuses the well-known dev keys on any other chain", async () => {
    const other = await startAnvil();
    try {
      await other.provider.send("anvil_setChainId", [11155111]);
      process.env.DEV_KEY = wellKnownDevKeys()[0]!;
      await expect(connect({ rpc: other.rpcUrl, keyEnv: "DEV_KEY" })).rejects.toThrow(/refusing to use a well-known development key on chain 11155111/);
    } finally {
      await other.close();
    }
    expect(other.process.exitCode !== null || other.process.signalCode !== null).toBe(true);
  });
});
