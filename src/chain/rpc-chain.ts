/**
 * A chain reached by RPC URL — anvil, or any EVM testnet — with the parties' keys derived from one BIP-39
 * mnemonic (m/44'/60'/0'/0/i), for running the whole marketplace flow (`npm run demo -- --rpc <url>`) somewhere
 * other than the embedded chain. Before anything is sent: the endpoint answers, the mnemonic is valid, and the
 * public dev mnemonic is refused off the dev chain id. Time: dev chains (31337) fast-forward with
 * evm_increaseTime; elsewhere `increaseTime` waits in real time until the chain's clock has moved that far.
 */
import { HDNodeWallet, Mnemonic } from "ethers";
import { ChainError, localProvider } from "./anvil.js";
import { DEV_CHAIN_ID, DEV_MNEMONIC } from "./dev-chain.js";
import type { Chain } from "./in-process.js";

export async function connectRpcChain(url: string, mnemonic: string, o: { readonly timeoutMs?: number } = {}): Promise<Chain & { readonly chainId: number }> {
  let chainId: number;
  try {
    const r = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    chainId = Number(BigInt(((await r.json()) as { result: string }).result));
  } catch (e) {
    throw new ChainError(`RPC endpoint ${url} does not answer eth_chainId: ${(e as Error).message}`);
  }
  let phrase: Mnemonic;
  try {
    phrase = Mnemonic.fromPhrase(mnemonic.trim());
  } catch {
    throw new ChainError("the mnemonic is not a valid BIP-39 phrase");
  }
  if (chainId !== DEV_CHAIN_ID && phrase.phrase === DEV_MNEMONIC)
    throw new ChainError(`chain ${chainId} is not a dev chain: the public dev mnemonic's keys would be taken by anyone; use your own funded mnemonic`);
  const provider = localProvider(url, chainId);
  const root = HDNodeWallet.fromSeed(phrase.computeSeed());
  const wallets = new Map<number, HDNodeWallet>();
  const latest = async () => (await provider.getBlock("latest"))!.timestamp;
  return {
    kind: "rpc",
    chainId,
    provider,
    signer: async (i) => {
      if (!wallets.has(i)) wallets.set(i, root.derivePath(`m/44'/60'/0'/0/${i}`).connect(provider));
      return wallets.get(i)!;
    },
    increaseTime: async (seconds) => {
      if (chainId === DEV_CHAIN_ID) {
        await provider.send("evm_increaseTime", [seconds]);
        await provider.send("evm_mine", []);
        return;
      }
      // until the chain's latest block has reached the target time — or, on a chain that mines only on demand,
      // until the wall clock has passed it (the next transaction's block then carries a later timestamp)
      const target = (await latest()) + seconds;
      while ((await latest()) < target && Date.now() / 1000 < target + 2) await new Promise((r) => setTimeout(r, 500));
    },
    snapshot: async () => {
      throw new ChainError("snapshots need a dev chain");
    },
    revert: async () => {
      throw new ChainError("snapshots need a dev chain");
    },
    close: async () => {
      provider.destroy();
    },
  };
}
