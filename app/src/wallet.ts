/**
 * The page's EIP-1193 wallet (eips.ethereum.org/EIPS/eip-1193). On a testnet: the injected wallet
 * (`window.ethereum`), which signs for itself. On the dev chain: an account chooser over the dev accounts the
 * server lists, forwarding every request to the chain through the same-origin JSON-RPC proxy; anvil signs for its
 * unlocked accounts (eth_sendTransaction), so no private key ever reaches the page.
 */
export interface Eip1193Provider {
  request(args: { readonly method: string; readonly params?: readonly unknown[] | object }): Promise<unknown>;
}

/** A JSON-RPC error as EIP-1193 says a provider throws it (code, message, data: ethers decodes reverts from data). */
export class ProviderRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

let nextId = 1;

/** JSON-RPC over fetch to `url`; a dead endpoint or proxy is a ProviderRpcError naming it. */
export async function rpcCall(url: string, method: string, params: readonly unknown[] | object = []): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }) });
  } catch (e) {
    // the page's fetch names the service (fetch-errors.ts); say it is the chain when called without that wrapper
    const m = (e as Error).message;
    throw new ProviderRpcError(-32603, m.includes("unreachable") ? m : `the chain is unreachable (${url}: ${m})`);
  }
  let body: { result?: unknown; error?: { code: number; message: string; data?: unknown } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ProviderRpcError(-32603, `the chain's RPC proxy answered HTTP ${res.status} without JSON: the chain is unreachable`);
  }
  if (body.error) throw new ProviderRpcError(body.error.code, body.error.message, body.error.data);
  if (!res.ok) throw new ProviderRpcError(-32603, `the chain's RPC proxy answered HTTP ${res.status}`);
  return body.result;
}

/** The dev chain's wallet: `account()` signs (through anvil), everything else goes to the chain. */
export function devWallet(rpcUrl: string, account: () => string): Eip1193Provider {
  return {
    request: async ({ method, params }) => {
      if (method === "eth_accounts" || method === "eth_requestAccounts") return [account()];
      if (method === "eth_sendTransaction") {
        const tx = (params as { from?: string }[])[0];
        if (tx?.from && tx.from.toLowerCase() !== account().toLowerCase()) throw new ProviderRpcError(4100, `the page's account is ${account()}, not ${tx.from}`);
      }
      return rpcCall(rpcUrl, method, params ?? []);
    },
  };
}

/** The injected wallet, if the browser has one. */
export function injectedWallet(): Eip1193Provider | undefined {
  return (globalThis as { ethereum?: Eip1193Provider }).ethereum;
}
