// Issue 18, item 5: `encryptai deploy` on a fresh clone sent all its transactions and THEN failed (no deployments/
// folder), losing the addresses and the gas. Now the deployment file's folder is created and probed before the
// first transaction, and an output that cannot be written sends nothing. Also: market actions print `key: value`
// lines, JSON only with --json (they used to print JSON whatever the flag).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { wellKnownDevKeys } from "../../src/chain/dev-chain.js";
import { humanResult } from "../../src/cli/market.js";

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
const dir = tempFolder("encryptai-deploy-writable-");
const BIN = resolve("bin/encryptai.mjs");
beforeAll(async () => {
  node = await startAnvil();
}, 30_000);
afterAll(async () => {
  await node?.close();
});

function cli(cwd: string, key: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 180_000, cwd, env: { ...process.env, DEPLOY_KEY: key } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("deploy: the deployment file is writable before any transaction", () => {
  it("encryptai deploy on a fresh clone sends all 15 transactions and then fails (no deployments/ folder): it creates the folder first", () => {
    const clone = mkdtempSync(join(dir, "clone-"));
    const r = cli(clone, wellKnownDevKeys()[0]!, "deploy", "--rpc", node.rpcUrl, "--key", "DEPLOY_KEY");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = join(clone, "deployments", "31337.json");
    expect(existsSync(file)).toBe(true);
    expect((JSON.parse(readFileSync(file, "utf8")) as { chainId: number }).chainId).toBe(31337);
    // market actions: key: value lines by default, JSON with --json
    const human = cli(clone, wellKnownDevKeys()[0]!, "market", "balance", "--rpc", node.rpcUrl, "--key", "DEPLOY_KEY");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^address: 0x[0-9a-fA-F]{40}\neai: \S+\nwithdrawable\.marketplace: /);
    const json = cli(clone, wellKnownDevKeys()[0]!, "market", "balance", "--rpc", node.rpcUrl, "--key", "DEPLOY_KEY", "--json");
    expect((JSON.parse(json.stdout) as { address: string }).address).toMatch(/^0x/);
    const faucet = cli(clone, wellKnownDevKeys()[0]!, "market", "faucet", "1", "--rpc", node.rpcUrl, "--key", "DEPLOY_KEY");
    expect(faucet.stdout).toBe("faucet: done\n");
  }, 240_000);
  it("an unwritable deployment file sends no transaction (the deployer's nonce is unchanged)", async () => {
    // a fresh funded account, so its nonce counts this test's transactions only
    const key = Wallet.createRandom().privateKey;
    const address = new Wallet(key).address;
    await node.provider.send("anvil_setBalance", [address, "0x56BC75E2D63100000"]);
    writeFileSync(join(dir, "a-file"), "not a folder");
    for (const out of [join(dir, "a-file", "dep.json"), dir]) {
      const r = cli(dir, key, "deploy", "--rpc", node.rpcUrl, "--key", "DEPLOY_KEY", "--out", out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/^error: cannot (write|create)|^error: cannot write .*: (it is a folder|.* is not a folder)/m);
      expect(await node.provider.getTransactionCount(address)).toBe(0);
    }
  }, 120_000);
});

describe("market: human output unless --json", () => {
  it("market … ignores --json: results are key: value lines without it", () => {
    expect(humanResult("stake", { ok: true })).toBe("stake: done");
    expect(humanResult("balance", { address: "0xab", stake: { staked: "1.0" }, parents: [1n, 2n] })).toBe("address: 0xab\nstake.staked: 1.0\nparents: 1, 2");
  });
});
