/**
 * `npm run app` (issue "The marketplace in a web page", item 2): everything the page needs, on embedded defaults —
 * an anvil chain with the contracts deployed and the cast funded, the cars data set and two cars models published
 * (public weights with a model card, private weights sealed to the node), a staked inference node and the two
 * attestors' watchers polling, the content store behind a Kubo-RPC gateway (src/storage/gateway.ts), a JSON-RPC
 * proxy to the chain, and the page itself (the built bundle, or Vite's dev server with `dev`), all on one origin.
 *
 * What the page is told (`/app-config.json`) is public: the deployment, the dev accounts' addresses and roles, the
 * node's public key (for sealing private weights to it). No private key — Ethereum or LWE — is ever sent to the
 * page: the dev accounts sign through anvil's unlocked accounts (eth_sendTransaction), an injected wallet signs for
 * itself, and the user's LWE key is generated in the browser.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { startAnvil } from "../../src/chain/anvil.js";
import type { Chain } from "../../src/chain/in-process.js";
import { connectRpcChain } from "../../src/chain/rpc-chain.js";
import { DEFAULT_PARAMETERS, type Deployment } from "../../src/market/contracts.js";
import { DEV_CHAIN_ID } from "../../src/chain/dev-chain.js";
import { EAI, ROLES, type Role, type World, attestAll, licenceAndRelease, publishDataset, setUpWorld, trainAndPublishModel } from "../../src/node/marketplace-flow.js";
import { FsBlockstore } from "../../src/storage/fs-blockstore.js";
import { KuboStore } from "../../src/storage/kubo.js";
import type { BlockIO } from "../../src/storage/blob.js";
import type { ContentStore } from "../../src/storage/store.js";
import { handleGateway, readBody } from "../../src/storage/gateway.js";
import { projectRoot } from "../../src/paths.js";

/** What the page reads at start-up. Public facts only. */
export interface AppConfig {
  readonly chainId: number;
  /** Same-origin path of the JSON-RPC proxy. */
  readonly rpcPath: string;
  readonly devChain: boolean;
  readonly deployment: Deployment;
  /** Dev chain only: the accounts the page's account chooser offers (anvil signs for them; no key is sent). */
  readonly accounts: readonly { readonly role: string; readonly address: string }[];
  /** Inference nodes a model's private weights can be sealed to. */
  readonly nodes: readonly { readonly address: string; readonly publicKey: string }[];
  /** The LWE parameter set the page proposes for new keys and models. */
  readonly defaultParams: string;
}

export interface AppOptions {
  /** Another chain by RPC URL (keys of the node and watchers from the mnemonic in `mnemonicEnv`); default: anvil. */
  readonly rpc?: string;
  readonly mnemonicEnv?: string;
  /** A Kubo (IPFS) daemon's RPC URL as the content store, behind the same gateway; default: an on-disk store in a temporary folder. */
  readonly kubo?: string;
  readonly port?: number;
  readonly host?: string;
  /** Vite's dev server (hot reload) instead of the built bundle in app/dist. */
  readonly dev?: boolean;
  /** Build the page before serving it (default true; false reuses an existing build, e.g. in tests). */
  readonly build?: boolean;
  /** Where the built page is (default app/dist; tests build their own, so that two runs never share one). */
  readonly dist?: string;
  /** The JobManager's challenge window in seconds (default 30 on the dev chain). */
  readonly challengeWindow?: number;
  /** How often the node and the watchers poll (ms; default 500). */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

export interface AppHandle {
  readonly url: string;
  readonly config: AppConfig;
  readonly world: World;
  readonly storeDir: string;
  /** Passes of the node and watcher loop that failed, with why (a test asserts there are none). */
  readonly loopErrors: string[];
  /** Stops (true) or restarts (false) the node's and watchers' passes, for a test that plays the node itself. */
  pauseParties(paused: boolean): Promise<void>;
  /** Stops the loops, the server, the chain; removes the temporary store. */
  close(): Promise<void>;
}

/** The LWE parameter set of the published models and of new keys (the workbench's default preset). */
export const APP_PARAMS = "goldilocks-128";
/** Dev accounts the page offers (indices into the world's roles; the node and the watchers act on the server). */
const PAGE_ROLES: readonly Role[] = ["provider", "engineer", "user"];
/**
 * JSON-RPC methods the proxy forwards, by exact name: what the page's ethers client reads and sends. Not anvil's
 * `eth_sendUnsignedTransaction` (a transaction from any address, contracts included), not `eth_sign*` or
 * `eth_signTransaction` (signatures by the dev accounts), not `anvil_*` / `evm_*` state changes.
 */
const RPC_READS = new Set([
  "eth_chainId", "net_version", "web3_clientVersion", "eth_blockNumber", "eth_call", "eth_estimateGas", "eth_getBalance", "eth_getCode",
  "eth_getStorageAt", "eth_getTransactionCount", "eth_getTransactionByHash", "eth_getTransactionReceipt", "eth_getBlockByNumber",
  "eth_getBlockByHash", "eth_getLogs", "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_feeHistory", "eth_sendRawTransaction",
]);
const MAX_RPC_BODY = 4 << 20;

/**
 * Whether a request comes from the page itself: its Host is this server (not a DNS-rebinding name) and its Origin,
 * when the browser sends one (always, for a cross-origin POST), is this server's. Other sites' pages are refused
 * before anything is read: the chain proxy signs for the dev accounts, and the gateway writes to the store.
 */
export function fromThePage(req: IncomingMessage, port: number, listenHost = "127.0.0.1"): string | undefined {
  const host = req.headers.host ?? "";
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(listenHost === "0.0.0.0" || listenHost === "::" ? [] : [`${listenHost.toLowerCase()}:${port}`])]);
  if (!allowedHosts.has(host.toLowerCase())) return `Host "${host}" is not this server (${[...allowedHosts].join(", ")})`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return `Origin "${origin}" is not this page (http://${host})`;
  return undefined;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".ico": "image/x-icon",
};

export const APP_DIR = (): string => join(projectRoot(), "app");

/** Builds the page into `outDir` (default app/dist) with Vite (production bundle); returns the files and their sizes. */
export async function buildApp(outDir = join(APP_DIR(), "dist")): Promise<{ file: string; bytes: number }[]> {
  const { build } = await import("vite");
  const out = (await build({ configFile: join(APP_DIR(), "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } })) as { output: { fileName: string; type: string; code?: string; source?: string | Uint8Array }[] } | { output: { fileName: string; code?: string; source?: string | Uint8Array }[] }[];
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  return outputs.map((o) => ({ file: o.fileName, bytes: Buffer.byteLength((o.code ?? o.source ?? "") as string) }));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Forwards one JSON-RPC request (or batch) to the chain, refusing methods outside the allowed set. */
async function proxyRpc(rpcUrl: string, devChain: boolean, pageAccounts: ReadonlySet<string>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") return json(res, 405, { error: "the RPC proxy takes POST" });
  // application/json only: a cross-site form or no-cors fetch cannot send it without a preflight, which fails here
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) return json(res, 415, { error: "the RPC proxy takes application/json" });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBody(req, MAX_RPC_BODY)));
  } catch (e) {
    return json(res, 400, { jsonrpc: "2.0", id: null, error: { code: -32700, message: `parse error: ${(e as Error).message}` } });
  }
  const calls = (Array.isArray(body) ? body : [body]) as { method?: unknown; id?: unknown; params?: unknown }[];
  for (const c of calls) {
    const refusal = refusedCall(c, devChain, pageAccounts);
    if (refusal) return json(res, 200, { jsonrpc: "2.0", id: c?.id ?? null, error: { code: -32601, message: refusal } });
  }
  try {
    const answer = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch (e) {
    json(res, 502, { jsonrpc: "2.0", id: null, error: { code: -32000, message: `the chain at ${rpcUrl} is unreachable: ${(e as Error).message}` } });
  }
}

/** Why the proxy refuses one JSON-RPC call, or undefined when it forwards it. */
export function refusedCall(c: { method?: unknown; params?: unknown } | null, devChain: boolean, pageAccounts: ReadonlySet<string>): string | undefined {
  const m = typeof c?.method === "string" ? c.method : "";
  const params = Array.isArray(c?.params) ? c.params : [];
  if (RPC_READS.has(m)) return undefined;
  // the dev chain's wallet: anvil signs for the page's accounts only (never the admin's, the node's, the watchers')
  if (m === "eth_sendTransaction" && devChain) {
    const from = (params[0] as { from?: unknown } | undefined)?.from;
    return typeof from === "string" && pageAccounts.has(from.toLowerCase()) ? undefined : `eth_sendTransaction from ${String(from)}: the page signs only for its own accounts`;
  }
  // a block mined now (the publication commit's one-block wait), never one at a chosen time
  if (m === "evm_mine" && devChain) return params.length === 0 ? undefined : "evm_mine takes no parameters through the page's proxy";
  return `method "${m}" is not available through the page's RPC proxy`;
}

/** Serves app/dist; unknown paths get index.html (the page routes by hash). Never outside app/dist. */
function serveStatic(dist: string, req: IncomingMessage, res: ServerResponse): void {
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? "/", "http://app.invalid").pathname);
  } catch {
    res.writeHead(400);
    res.end("malformed path");
    return;
  }
  let file = resolve(dist, `.${normalize(path)}`);
  if (!(file + sep).startsWith(dist + sep) && file !== dist) {
    res.writeHead(403);
    res.end("outside the app");
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, "index.html");
  res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "cache-control": file.endsWith("index.html") ? "no-store" : "max-age=3600" });
  res.end(readFileSync(file));
}

/**
 * Loads the page's module graph through Vite's dev server the way a browser does (each module, then the modules it
 * imports), so that dependency pre-bundling and the transforms happen before the URL is printed rather than on
 * the user's first load. Returns the number of modules fetched.
 */
export async function warmDevServer(url: string, entries: readonly string[] = ["/src/main.ts", "/src/worker.ts?worker_file&type=module", "/src/screens/explore.ts"]): Promise<number> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const batch = queue.splice(0, 8).filter((p) => !seen.has(p));
    batch.forEach((p) => seen.add(p));
    await Promise.all(
      batch.map(async (p) => {
        const res = await fetch(new URL(p, url));
        if (!res.ok) return;
        const code = await res.text();
        for (const m of code.matchAll(/(?:import|export)\s*(?:[^"'()]*?from\s*)?["'](\/[^"']+)["']|import\(\s*["'](\/[^"']+)["']\s*\)/g)) {
          const next = m[1] ?? m[2]!;
          if (!seen.has(next)) queue.push(next);
        }
      }),
    );
  }
  return seen.size;
}

/**
 * Starts the chain, the cast, the loops and the server; `close()` stops everything. A failure part-way (a chain that
 * does not answer, a port in use) stops what had started and removes the temporary store before it is thrown.
 */
export async function startApp(o: AppOptions = {}): Promise<AppHandle> {
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch(() => undefined);
  };
  try {
    return await launch(o, stops, stopAll);
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function launch(o: AppOptions, stops: (() => Promise<void> | void)[], stopAll: () => Promise<void>): Promise<AppHandle> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const storeDir = mkdtempSync(join(tmpdir(), "encryptai-app-store-"));
  stops.push(() => rmSync(storeDir, { recursive: true, force: true }));
  // the page reaches either store through the gateway (one origin; Kubo's API is never exposed to the page)
  const store: ContentStore & BlockIO = o.kubo ? new KuboStore({ url: o.kubo }) : new FsBlockstore(storeDir);
  let chain: Chain & { rpcUrl?: string };
  let rpcUrl: string;
  if (o.rpc) {
    const name = o.mnemonicEnv ?? "ENCRYPTAI_DEMO_MNEMONIC";
    const mnemonic = process.env[name];
    if (!mnemonic) throw new Error(`--rpc needs the parties' mnemonic in the environment variable ${name}`);
    chain = await connectRpcChain(o.rpc, mnemonic);
    rpcUrl = o.rpc;
  } else {
    const anvil = await startAnvil();
    chain = anvil;
    rpcUrl = anvil.rpcUrl;
  }
  stops.push(() => chain.close());
  const chainId = Number((await chain.provider.getNetwork()).chainId);
  const devChain = chainId === DEV_CHAIN_ID;
  const challengeWindow = o.challengeWindow ?? (devChain ? 30 : 120);
  log(`chain ${chainId} at ${rpcUrl}; deploying the contracts and funding the cast …`);
  const w = await setUpWorld(store, { chain, parameters: { ...DEFAULT_PARAMETERS, challengeWindow } });
  log("publishing the cars data set and two cars models (public weights with a card, private weights) …");
  const data = await publishDataset(w);
  const release = await licenceAndRelease(w, data);
  await trainAndPublishModel(w, data, release.releaseCid, APP_PARAMS, { weights: "public", card: true });
  await trainAndPublishModel(w, data, release.releaseCid, APP_PARAMS, { weights: "private" });
  await w.clients.node.stake(EAI(500));

  // the node and the watchers: one pass after another, never overlapping; a failed pass is logged and retried
  const loopErrors: string[] = [];
  let running = true;
  let paused = false;
  let passing = Promise.resolve();
  const loop = (async () => {
    while (running) {
      if (paused) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      let done = (): void => undefined;
      passing = new Promise<void>((r) => (done = r));
      try {
        const handled = await w.node.pollOnce();
        for (const h of handled) log(`node: job #${h.jobId} ${h.proofCid ? `proved and submitted (${(h.proveMs / 1000).toFixed(2)} s)` : "handled"}`);
        const verdicts = await attestAll(w);
        for (const v of verdicts) log(`watchers: job #${v.jobId} ${v.valid ? "valid" : `INVALID: ${v.reason}`}`);
      } catch (e) {
        if (!running) break;
        loopErrors.push((e as Error).message);
        log(`warning: a node/watcher pass failed — ${(e as Error).message}`);
      } finally {
        done();
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
    }
  })();
  stops.push(async () => {
    running = false;
    await loop;
  });

  const accounts = devChain ? await Promise.all(PAGE_ROLES.map(async (role) => ({ role, address: await w.clients[role].address() }))) : [];
  const config: AppConfig = {
    chainId,
    rpcPath: "/rpc",
    devChain,
    deployment: w.deployment,
    accounts,
    nodes: [{ address: w.wallets.node.address, publicKey: w.wallets.node.signingKey.publicKey }],
    defaultParams: APP_PARAMS,
  };

  const dist = resolve(o.dist ?? join(APP_DIR(), "dist"));
  const vite = o.dev ? await (await import("vite")).createServer({ configFile: join(APP_DIR(), "vite.config.ts"), server: { middlewareMode: true }, appType: "spa" }) : undefined;
  if (vite) stops.push(() => vite.close());
  if (!vite && (o.build !== false || !existsSync(join(dist, "index.html")))) {
    log(`building the page (${dist}) …`);
    await buildApp(dist);
  }
  const pageAccounts = new Set(accounts.map((a) => a.address.toLowerCase()));
  let port = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      // the page may not be framed by another site (a click on Forget or Finalise under someone else's page)
      res.setHeader("x-frame-options", "DENY");
      res.setHeader("content-security-policy", "frame-ancestors 'none'");
      const stranger = fromThePage(req, port, o.host ?? "127.0.0.1");
      if (stranger) return json(res, 403, { error: `refused: ${stranger}` });
      const path = new URL(req.url ?? "/", "http://app.invalid").pathname;
      if (await handleGateway(store, req, res)) return;
      if (path === "/rpc") return proxyRpc(rpcUrl, devChain, pageAccounts, req, res);
      if (path === "/app-config.json") return json(res, 200, config);
      if (vite) return vite.middlewares(req, res);
      serveStatic(dist, req, res);
    })().catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: (e as Error).message });
    });
  });
  // a port in use is an error naming it, never a server that silently does not listen
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => reject(new Error(e.code === "EADDRINUSE" ? `port ${o.port} on ${o.host ?? "127.0.0.1"} is in use: choose another with --port` : `cannot listen on ${o.host ?? "127.0.0.1"}:${o.port ?? 0}: ${e.message}`)));
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolveListen());
  });
  stops.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${o.host ?? "127.0.0.1"}:${port}/`;
  if (vite) {
    const t = performance.now();
    const modules = await warmDevServer(url);
    log(`dev server warmed: ${modules} modules transformed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return {
    url,
    config,
    world: w,
    storeDir,
    loopErrors,
    pauseParties: async (p) => {
      paused = p;
      if (p) await passing;
    },
    close: stopAll,
  };
}

export { ROLES };
