/**
 * (Named in-process.ts, not hardhat.ts: tslab resolves a bare `import("hardhat")` against a sibling file of that name.)
 * The embedded chain: Hardhat 2's in-process Ethereum node (chain id 31337, 20 funded unlocked accounts),
 * wrapped in an ethers BrowserProvider. Used by tests, notebooks and the demo; no network, no child process.
 */
import { BrowserProvider, type Signer } from "ethers";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

export interface Chain {
  readonly kind: "hardhat" | "anvil" | "rpc";
  readonly provider: BrowserProvider | import("ethers").JsonRpcProvider;
  /** Unlocked accounts (dev chains). */
  /** The account's signer: unlocked dev accounts, or keys derived from a mnemonic (rpc-chain.ts). */
  signer(index: number): Promise<Signer>;
  /** Moves the chain's clock forward and mines a block (dev chains). */
  increaseTime(seconds: number): Promise<void>;
  /** Saves the chain state; `revert` returns to it (dev chains). */
  snapshot(): Promise<string>;
  revert(snapshotId: string): Promise<void>;
  close(): Promise<void>;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

let hardhatProvider: Eip1193 | undefined;

/** Starts (or resets) the in-process Hardhat node. There is one per process; `reset` gives a fresh chain. */
export async function startInProcessChain(): Promise<Chain> {
  if (!hardhatProvider) {
    process.env.HARDHAT_CONFIG ??= join(projectRoot(), "hardhat.config.cjs");
    // ESM import gives the runtime environment as `default`; tslab's CommonJS interop may give it directly.
    type Hre = { network: { provider: Eip1193 } };
    const mod = (await import("hardhat")) as unknown as Hre & { default?: Hre };
    const hre = mod.network ? mod : mod.default!;
    hardhatProvider = hre.network.provider;
  }
  await hardhatProvider.request({ method: "hardhat_reset", params: [] });
  const raw = hardhatProvider;
  const provider = new BrowserProvider(raw as never, undefined, { cacheTimeout: -1 });
  return {
    kind: "hardhat",
    provider,
    signer: async (i) => {
      const accounts = (await raw.request({ method: "eth_accounts" })) as string[];
      return provider.getSigner(accounts[i]!);
    },
    increaseTime: async (seconds) => {
      await raw.request({ method: "evm_increaseTime", params: [seconds] });
      await raw.request({ method: "evm_mine", params: [] });
    },
    snapshot: async () => (await raw.request({ method: "evm_snapshot", params: [] })) as string,
    revert: async (snapshotId) => {
      await raw.request({ method: "evm_revert", params: [snapshotId] });
    },
    close: async () => {
      provider.destroy();
    },
  };
}
