// The web page on a chain that is not the dev chain (`npm run app -- --rpc <url>`) with a Kubo daemon as its store
// (`--kubo <url>`): the page has no account chooser and signs with the browser's injected EIP-1193 wallet — here a
// stand-in injected before the page's own script, which signs through its own connection to the chain (as MetaMask
// does), never through the page's proxy; the blobs go through the page's gateway to the daemon (a stand-in speaking
// Kubo's RPC subset over its own folder). The user flow runs end to end; a wallet on the wrong chain and no wallet at
// all are each named on the page.
import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { FsBlockstore } from "../../src/storage/fs-blockstore.js";
import { handleGateway } from "../../src/storage/gateway.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilNode, startAnvil } from "../../src/chain/anvil.js";
import { type BrowserRig, fillRow, openScreen, requestJobOnPage, startRig } from "../../app/server/browser-rig.js";

const CHAIN_ID = 31338;
const MNEMONIC_ENV = "ENCRYPTAI_APP_TEST_MNEMONIC";
const mnemonic = Wallet.createRandom().mnemonic!.phrase;
let anvil: AnvilNode;
let rig: BrowserRig;
const daemonDir = mkdtempSync(join(tmpdir(), "encryptai-kubo-stand-in-"));
const daemonStore = new FsBlockstore(daemonDir);
let daemon: Server;

beforeAll(async () => {
  daemon = createServer((req, res) => void handleGateway(daemonStore, req, res).then((answered) => answered || res.writeHead(404).end()));
  await new Promise<void>((r) => daemon.listen(0, "127.0.0.1", r));
  anvil = await startAnvil({ extraArgs: ["--chain-id", String(CHAIN_ID), "--mnemonic", mnemonic] });
  process.env[MNEMONIC_ENV] = mnemonic;
  rig = await startRig({ challengeWindow: 10, app: { rpc: anvil.rpcUrl, mnemonicEnv: MNEMONIC_ENV, kubo: `http://127.0.0.1:${(daemon.address() as AddressInfo).port}` } });
}, 400_000);
afterAll(async () => {
  await rig?.close();
  await anvil?.close();
  await new Promise((r) => daemon?.close(r));
  rmSync(daemonDir, { recursive: true, force: true });
  delete process.env[MNEMONIC_ENV];
}, 60_000);

/** An injected wallet for `account` that says it is on `chainId` and forwards everything to `rpcUrl` (anvil signs). */
function injectedWallet(rpcUrl: string, account: string, chainId: number): string {
  return `window.ethereum = {
    request: async ({ method, params }) => {
      if (method === "eth_requestAccounts" || method === "eth_accounts") return [${JSON.stringify(account)}];
      if (method === "eth_chainId") return "0x${chainId.toString(16)}";
      const res = await fetch(${JSON.stringify(rpcUrl)}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }) });
      const body = await res.json();
      if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
      return body.result;
    },
  };`;
}

describe("the web page on another chain, with an injected wallet", () => {
  it("the user flow through the injected wallet: key, encryption, a proved job, verification and decryption in the browser", async () => {
    expect(rig.app.config.devChain).toBe(false);
    expect(rig.app.config.accounts).toEqual([]);
    const user = await rig.app.world.clients.user.address();
    const { page, context, record } = await rig.newPage({ initScript: injectedWallet(anvil.rpcUrl, user, CHAIN_ID) });
    await openScreen(page, "user");
    expect(await page.textContent("#account")).toBe(`wallet ${user.slice(0, 8)}… on chain ${CHAIN_ID}`);
    await page.fill("#passphrase", "an injected wallet's user");
    await page.click("#key-generate");
    await page.waitForSelector('[data-key="unlocked"]', { timeout: 60_000 });
    await fillRow(page, [8, 307, 130, 3504, 12]);
    const jobId = await requestJobOnPage(page);
    expect((await rig.app.world.clients.user.job(jobId)).user).toBe(user);
    // the input the page encrypted went through the gateway into the Kubo daemon's store
    const inputCid = (await rig.app.world.clients.user.jobs.getFunction("inputCid")(jobId)) as string;
    expect(await daemonStore.has(inputCid)).toBe(true);
    await page.waitForSelector("[data-prediction]", { timeout: 240_000 });
    const prediction = Number(await page.getAttribute("[data-prediction]", "data-prediction"));
    const float = Number(await page.getAttribute("[data-float]", "data-float"));
    expect(Math.abs(prediction - float)).toBeLessThan(1.5);
    // the page's own proxy never signed: its transactions went through the wallet
    expect(record.requests.filter((r) => r.url.endsWith("/rpc") && r.body?.includes(Buffer.from("eth_sendTransaction")))).toEqual([]);
    expect(record.errors).toEqual([]);
    await context.close();
  }, 400_000);

  it("a wallet on the wrong chain, and no wallet at all, are each named on the page", async () => {
    const user = await rig.app.world.clients.user.address();
    const wrong = await rig.newPage({ initScript: injectedWallet(anvil.rpcUrl, user, 1) });
    await wrong.page.waitForSelector(".message.error");
    expect(await wrong.page.textContent(".message.error")).toBe(`the page cannot start: the wallet is on chain 1; the marketplace is deployed on chain ${CHAIN_ID}: switch the wallet's network`);
    await wrong.context.close();
    const none = await rig.newPage();
    await none.page.waitForSelector(".message.error");
    expect(await none.page.textContent(".message.error")).toMatch(/chain 31338 is not the dev chain: connect a wallet/);
    await none.context.close();
  }, 120_000);
});
