/**
 * `encryptai node` and `encryptai watch` (issue "End to end", item 3): the inference node and the watcher as
 * long-running processes against a deployment by RPC URL. Each pass handles every open job; `--once` runs one
 * pass and exits (scripts, tests). Keys come from environment variables, never the command line.
 */
import type { Command } from "commander";
import { Wallet } from "ethers";
import { InferenceNode } from "../node/inference-node.js";
import { Watcher } from "../node/watcher.js";
import { openStore } from "../storage/index.js";
import { CliUsageError, guarded } from "./errors.js";
import { type Conn, client, withConn } from "./market.js";
import { parseIntStrict } from "./parse.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

interface RunOptions extends Conn {
  store?: string;
  kubo?: string;
  interval: string;
  once?: boolean;
}

const storeFlags = (cmd: Command): Command =>
  withConn(cmd)
    .option("--store <dir>", "local content store folder (default: .encryptai/store)", ".encryptai/store")
    .option("--kubo <url>", "a Kubo (IPFS) daemon's RPC API instead of the local store")
    .option("--interval <seconds>", "seconds between passes", "5")
    .option("--once", "one pass, then exit");

/** Runs `pass` every interval until SIGINT/SIGTERM (or once). */
async function loop(o: RunOptions, pass: () => Promise<number>): Promise<void> {
  const every = parseIntStrict(o.interval, "--interval", 1) * 1000;
  let stop = false;
  process.once("SIGINT", () => (stop = true));
  process.once("SIGTERM", () => (stop = true));
  do {
    const n = await pass();
    if (o.once) return;
    if (n === 0) await new Promise((r) => setTimeout(r, every));
  } while (!stop);
}

export function registerNode(program: Command): void {
  storeFlags(program.command("node").description("run an inference node: accept jobs, prove on ciphertexts, submit results (the key in --key's variable)")).action((o: RunOptions) =>
    guarded(async () => {
      const c = await client(o);
      const key = process.env[o.key];
      if (!key) throw new CliUsageError(`environment variable ${o.key} is not set`);
      const wallet = new Wallet(key.startsWith("0x") ? key : `0x${key}`);
      const node = new InferenceNode(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), { privateKey: wallet.privateKey, address: wallet.address }, { onProgress: out });
      out(`node ${wallet.address} watching JobManager ${c.deployment.addresses.jobManager}`);
      try {
        await loop(o, async () => (await node.pollOnce()).length);
      } finally {
        c.signer.provider?.destroy();
      }
    }),
  );
  storeFlags(program.command("watch").description("run a watcher: verify submitted STARK results, attest, challenge wrong ones (needs the attestor role)")).action((o: RunOptions) =>
    guarded(async () => {
      const c = await client(o);
      const watcher = new Watcher(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), { onProgress: out });
      out(`watcher ${await c.address()} watching JobManager ${c.deployment.addresses.jobManager}`);
      try {
        await loop(o, async () => (await watcher.pollOnce()).length);
      } finally {
        c.signer.provider?.destroy();
      }
    }),
  );
}
