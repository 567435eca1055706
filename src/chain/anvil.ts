/**
 * A real JSON-RPC dev node: anvil (Foundry) from the npm package @foundry-rs/anvil, started as a child process
 * on a free loopback port and stopped cleanly (the binary itself is spawned: the npm wrapper does not pass
 * SIGTERM on). Chain id 31337, the standard test mnemonic's accounts unlocked.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { JsonRpcProvider, Network } from "ethers";
import { projectRoot } from "../paths.js";
import type { Chain } from "./in-process.js";

export class ChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChainError";
  }
}

/** Path of the anvil binary shipped by npm. */
export function anvilBinary(): string {
  const req = createRequire(join(projectRoot(), "package.json"));
  for (const pkg of [`@foundry-rs/anvil-${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`]) {
    try {
      const bin = join(dirname(req.resolve(`${pkg}/package.json`)), "bin", "anvil");
      if (existsSync(bin)) return bin;
    } catch {
      // try the next candidate
    }
  }
  throw new ChainError(`no anvil binary for ${process.platform}-${process.arch}: run npm ci (it comes with @foundry-rs/anvil)`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface AnvilNode extends Chain {
  readonly rpcUrl: string;
  readonly process: ChildProcess;
}

/** Local JSON-RPC provider settings that avoid ethers' call cache (nonce races) and slow batching. */
export function localProvider(url: string, chainId = 31337): JsonRpcProvider {
  const network = Network.from(chainId);
  return new JsonRpcProvider(url, network, { cacheTimeout: -1, batchMaxCount: 1, staticNetwork: network });
}

export async function startAnvil(options: { port?: number; timeoutMs?: number; /** More anvil flags, e.g. --chain-id, --mnemonic (tests). */ extraArgs?: readonly string[] } = {}): Promise<AnvilNode> {
  const port = options.port ?? (await freePort());
  const child = spawn(anvilBinary(), ["--host", "127.0.0.1", "--port", String(port), "--silent", ...(options.extraArgs ?? [])], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null) throw new ChainError(`anvil exited with code ${child.exitCode}: ${stderr.trim().replace(/^error:\s*/i, "")}`);
    try {
      const r = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new ChainError(`anvil did not answer on ${rpcUrl} within ${options.timeoutMs ?? 15_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const provider = localProvider(rpcUrl);
  return {
    kind: "anvil",
    rpcUrl,
    process: child,
    provider,
    signer: async (i) => {
      const accounts = (await provider.send("eth_accounts", [])) as string[];
      return provider.getSigner(accounts[i]!);
    },
    increaseTime: async (seconds) => {
      await provider.send("evm_increaseTime", [seconds]);
      await provider.send("evm_mine", []);
    },
    snapshot: async () => (await provider.send("evm_snapshot", [])) as string,
    revert: async (snapshotId) => {
      await provider.send("evm_revert", [snapshotId]);
    },
    close: async () => {
      provider.destroy();
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once("exit", () => r()));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}
