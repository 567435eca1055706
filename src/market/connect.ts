/**
 * Connecting a script or the CLI to a chain by RPC URL, with every check done before any transaction is sent:
 * the endpoint answers, the chain id is the one expected, the key's environment variable is set and holds a
 * valid private key, the well-known dev keys are refused off dev chains, and the account has gas money.
 */
import { type JsonRpcProvider, Wallet, formatEther } from "ethers";
import { localProvider } from "../chain/anvil.js";
import { DEV_CHAIN_ID, wellKnownDevKeys } from "../chain/dev-chain.js";
import { MarketError } from "./errors.js";

export interface Connection {
  readonly provider: JsonRpcProvider;
  readonly signer: Wallet;
  readonly chainId: number;
  readonly address: string;
}

export interface ConnectOptions {
  readonly rpc: string;
  /** Name of the environment variable that holds the private key (never the key itself on a command line). */
  readonly keyEnv: string;
  readonly expectedChainId?: number;
  /** Minimum ETH balance for gas, in wei (default: anything above zero). */
  readonly minGasBalance?: bigint;
  readonly timeoutMs?: number;
  /** Reads only: no key needed (a throwaway one), no gas balance required. */
  readonly readOnly?: boolean;
}

export async function connect(o: ConnectOptions): Promise<Connection> {
  let url: URL;
  try {
    url = new URL(o.rpc);
  } catch {
    throw new MarketError(`RPC URL "${o.rpc}" is not a URL (expected e.g. http://127.0.0.1:8545)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new MarketError(`RPC URL "${o.rpc}": expected http:// or https://`);
  // a read-only connection (`verify --job`) signs nothing: without a key it gets a throwaway one
  const key = process.env[o.keyEnv] ?? (o.readOnly ? Wallet.createRandom().privateKey : undefined);
  if (!key) throw new MarketError(`environment variable ${o.keyEnv} is not set: it must hold the deployer's private key`);
  let wallet: Wallet;
  try {
    wallet = new Wallet(key.startsWith("0x") ? key : `0x${key}`);
  } catch {
    throw new MarketError(`environment variable ${o.keyEnv} does not hold a valid private key (64 hex digits)`);
  }
  // Ask for the chain id with a plain request first: a dead endpoint fails here, once, with a clear message.
  let chainId: number;
  try {
    const res = await fetch(o.rpc, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const body = (await res.json()) as { result?: string };
    if (!res.ok || typeof body.result !== "string") throw new Error(`HTTP ${res.status}, no chain id in the answer`);
    chainId = Number(body.result);
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new MarketError(`cannot reach the RPC endpoint ${o.rpc}: ${cause ?? (e as Error).message.split("\n")[0]}`);
  }
  const provider = localProvider(o.rpc, chainId);
  if (o.expectedChainId !== undefined && chainId !== o.expectedChainId) {
    provider.destroy();
    throw new MarketError(`wrong chain: ${o.rpc} is chain ${chainId}, expected ${o.expectedChainId}`);
  }
  if (chainId !== DEV_CHAIN_ID && wellKnownDevKeys().includes(wallet.privateKey.toLowerCase())) {
    provider.destroy();
    throw new MarketError(`refusing to use a well-known development key on chain ${chainId}: anyone can spend from it`);
  }
  const signer = wallet.connect(provider);
  const balance = await provider.getBalance(signer.address);
  if (!o.readOnly && (balance === 0n || balance < (o.minGasBalance ?? 1n))) {
    provider.destroy();
    throw new MarketError(`account ${signer.address} has ${formatEther(balance)} ETH on chain ${chainId}: fund it for gas first`);
  }
  return { provider, signer, chainId, address: signer.address };
}
