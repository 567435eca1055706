/**
 * What every screen gets: the server's public configuration, the chosen account and a MarketClient that signs as it
 * through the EIP-1193 wallet (wallet.ts), and the endpoints the worker reads the chain and the store through.
 */
import { BrowserProvider } from "ethers";
import { MarketClient } from "../../src/market/client.js";
import type { AppConfig } from "../server/app-server.js";
import type { AppEndpoints } from "./protocol.js";
import { type Eip1193Provider, devWallet, injectedWallet, rpcCall } from "./wallet.js";

export interface AppContext {
  readonly config: AppConfig;
  readonly endpoints: AppEndpoints;
  /** The account the page acts as. */
  account(): string;
  /** A client signing as the current account. */
  client(): Promise<MarketClient>;
  readonly provider: BrowserProvider;
}

/** Reads /app-config.json; a clear error when the server is not there. */
export async function loadConfig(): Promise<AppConfig> {
  let res: Response;
  try {
    res = await fetch("./app-config.json", { cache: "no-store" });
  } catch (e) {
    throw new Error(`the app server is unreachable: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) throw new Error(`the app server answered HTTP ${res.status} for its configuration`);
  return (await res.json()) as AppConfig;
}

export async function createContext(config: AppConfig, chosen: { get(): string; set(a: string): void }): Promise<AppContext> {
  const rpcUrl = new URL(config.rpcPath, location.href).href;
  let wallet: Eip1193Provider;
  if (config.devChain) {
    wallet = devWallet(rpcUrl, () => chosen.get());
  } else {
    const injected = injectedWallet();
    if (!injected) throw new Error(`chain ${config.chainId} is not the dev chain: connect a wallet (an injected EIP-1193 wallet such as MetaMask) to act on it`);
    const accounts = (await injected.request({ method: "eth_requestAccounts" })) as string[];
    const chainId = Number(await injected.request({ method: "eth_chainId" }));
    if (chainId !== config.chainId) throw new Error(`the wallet is on chain ${chainId}; the marketplace is deployed on chain ${config.chainId}: switch the wallet's network`);
    if (!accounts[0]) throw new Error("the wallet gave no account");
    chosen.set(accounts[0]);
    wallet = injected;
  }
  const provider = new BrowserProvider(wallet, config.chainId, { staticNetwork: true, polling: true });
  provider.pollingInterval = 250;
  // the chain must answer before anything else is shown: a dead chain is named once, here
  const chainId = Number(await rpcCall(rpcUrl, "eth_chainId"));
  if (chainId !== config.chainId) throw new Error(`the chain behind ${rpcUrl} is chain ${chainId}, not the deployment's ${config.chainId}`);
  return {
    config,
    endpoints: { rpcUrl, storeUrl: location.origin, chainId: config.chainId, deployment: config.deployment },
    account: () => chosen.get(),
    client: async () => new MarketClient(config.deployment, await provider.getSigner(chosen.get())),
    provider,
  };
}
