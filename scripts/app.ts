/**
 * `npm run app`: the marketplace in a web page on embedded defaults (app/server/app-server.ts) — anvil, the
 * contracts, the cars data set and models, a node, two watchers, the store gateway and the page — and prints its
 * URL. Stops on Ctrl+C.
 *
 *   npm run app                      build the page and serve it (http://127.0.0.1:5173/)
 *   npm run app -- --dev             Vite's dev server instead of the build (hot reload)
 *   npm run app -- --rpc <url>       another EVM chain; the node's and watchers' keys from $ENCRYPTAI_DEMO_MNEMONIC,
 *                                    the page signs with an injected wallet
 *   npm run app -- --kubo <url>      a Kubo (IPFS) daemon as the content store, behind the page's gateway
 *   npm run app -- --port <n>        another port (0: any free one)
 */
import { Command } from "commander";
import { startApp } from "../app/server/app-server.js";

const o = new Command()
  .option("--rpc <url>", "an EVM chain by RPC URL instead of a local anvil node")
  .option("--kubo <url>", "a Kubo (IPFS) daemon's RPC API as the content store, e.g. http://127.0.0.1:5001 (default: a temporary on-disk store)")
  .option("--mnemonic-env <var>", "environment variable holding the node's and watchers' BIP-39 mnemonic (with --rpc)", "ENCRYPTAI_DEMO_MNEMONIC")
  .option("--port <n>", "port of the page (and its gateway and RPC proxy)", "5173")
  .option("--host <host>", "interface to listen on", "127.0.0.1")
  .option("--dev", "serve with Vite's dev server (hot reload) instead of a production build")
  .option("--challenge-window <seconds>", "the JobManager's challenge window (default 30 on anvil)")
  .parse()
  .opts<{ rpc?: string; kubo?: string; mnemonicEnv: string; port: string; host: string; dev?: boolean; challengeWindow?: string }>();

const port = Number(o.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${o.port}: expected a port number 0–65535`);
const challengeWindow = o.challengeWindow === undefined ? undefined : Number(o.challengeWindow);
if (challengeWindow !== undefined && (!Number.isSafeInteger(challengeWindow) || challengeWindow < 1)) throw new Error(`--challenge-window ${o.challengeWindow}: expected whole seconds ≥ 1`);

const t0 = performance.now();
const app = await startApp({ ...(o.rpc ? { rpc: o.rpc } : {}), ...(o.kubo ? { kubo: o.kubo } : {}), mnemonicEnv: o.mnemonicEnv, port, host: o.host, dev: o.dev === true, ...(challengeWindow ? { challengeWindow } : {}) });
console.log(`\nEncryptAI marketplace ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${app.url}`);
console.log("Browse, Provider / engineer, User and Explore screens; the dev account chooser is at the top right. Ctrl+C stops everything.");
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log("stopping …");
  void app.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
