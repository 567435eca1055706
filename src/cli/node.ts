/**
 * `encryptai node`, `encryptai watch` and `encryptai settle` (issue "End to end", item 3; issue 12, item 3; issue 16,
 * item 5): the inference node, the watcher and the on-chain tier's settler as long-running processes against a
 * deployment by RPC URL; `encryptai register-onchain <modelId>` registers a model for the on-chain tier from its
 * committed manifest. Each pass handles every open job; `--once`
 * runs one pass and exits (scripts, tests). Keys come from environment variables, never the command line.
 *
 * They keep running: one job's failure is a log line inside the pass (inference-node.ts, watcher.ts), and a pass
 * that fails as a whole (the RPC endpoint down) is a warning on stderr and the next pass comes (with `--once` it is
 * the exit status). `--state <file>` keeps the cursor and the decisions — the node's refusals, submissions and
 * proving estimates, the watcher's verdicts — across restarts (src/node/job-ledger.ts). The node refuses jobs it
 * cannot finish: `--min-fee` and `--deadline-margin` set two of its feasibility checks (src/node/feasibility.ts).
 * With --json each log line is a JSON object ({"log": …}).
 */
import type { Command } from "commander";
import { Wallet } from "ethers";
import { FEASIBILITY_DEFAULTS } from "../node/feasibility.js";
import { InferenceNode } from "../node/inference-node.js";
import { Watcher } from "../node/watcher.js";
import { OnchainSettler, registerModelFromManifest } from "../node/onchain-settler.js";
import { verifyingKeyHash } from "../market/verifying-key-abi.js";
import { openStore } from "../storage/index.js";
import { CliUsageError, guarded } from "./errors.js";
import { type Conn, client, withConn } from "./market.js";
import { eaiArg, uintArg } from "./market-args.js";
import { parseIntStrict } from "./parse.js";
import { checkWritable } from "./outputs.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
/** The log: lines, or with --json one JSON object per line ({"log": …}). */
const logger = (o: { json?: boolean }) => (s: string): void => out(o.json ? JSON.stringify({ log: s }) : s);

interface RunOptions extends Conn {
  store?: string;
  kubo?: string;
  interval: string;
  once?: boolean;
  state?: string;
}

interface NodeRunOptions extends RunOptions {
  minFee: string;
  deadlineMargin: string;
}

const storeFlags = (cmd: Command): Command =>
  withConn(cmd)
    .option("--store <dir>", "local content store folder (default: .encryptai/store)", ".encryptai/store")
    .option("--kubo <url>", "a Kubo (IPFS) daemon's RPC API instead of the local store")
    .option("--interval <seconds>", "seconds between passes", "5")
    .option("--state <file>", "JSON file keeping the cursor and decisions across restarts (written atomically)")
    .option("--once", "one pass, then exit");

/** Runs `pass` every interval until SIGINT/SIGTERM (or once); a failed pass is a warning, then the next one. */
async function loop(o: RunOptions, pass: () => Promise<number>): Promise<void> {
  const every = parseIntStrict(o.interval, "--interval", 1) * 1000;
  let stop = false;
  process.once("SIGINT", () => (stop = true));
  process.once("SIGTERM", () => (stop = true));
  do {
    let n = 0;
    try {
      n = await pass();
    } catch (e) {
      if (o.once) throw e;
      process.stderr.write(`warning: this pass failed — ${e instanceof Error ? e.message : String(e)}; next pass in ${every / 1000} s\n`);
    }
    if (o.once) return;
    if (n === 0 && !stop) await new Promise((r) => setTimeout(r, every));
  } while (!stop);
}

export function registerNode(program: Command): void {
  storeFlags(program.command("node").description("run an inference node: refuse what it cannot finish, accept, prove on ciphertexts, submit results (the key in --key's variable)"))
    .option("--min-fee <EAI>", "smallest node fee accepted (a job below it is refused)", "0.000000000000000001")
    .option("--deadline-margin <seconds>", "seconds required before the deadline on top of twice the proving estimate", String(FEASIBILITY_DEFAULTS.marginSeconds))
    .action((o: NodeRunOptions) =>
      guarded(async () => {
        const minNodeFee = eaiArg(o.minFee, "--min-fee");
        if (minNodeFee === 0n) throw new CliUsageError('--min-fee "0": a zero-fee job costs the node its stake at risk for nothing; the minimum is 1 wei (0.000000000000000001)');
        const deadlineMarginSeconds = parseIntStrict(o.deadlineMargin, "--deadline-margin", 0);
        parseIntStrict(o.interval, "--interval", 1);
        if (o.state) await checkWritable(o.state, { flag: "--state" });
        const c = await client(o);
        const key = process.env[o.key];
        if (!key) throw new CliUsageError(`environment variable ${o.key} is not set`);
        const wallet = new Wallet(key.startsWith("0x") ? key : `0x${key}`);
        const node = new InferenceNode(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), { privateKey: wallet.privateKey, address: wallet.address }, {
          onProgress: logger(o),
          minNodeFee,
          deadlineMarginSeconds,
          ...(o.state ? { stateFile: o.state } : {}),
        });
        try {
          const ledger = await node.ledger();
          logger(o)(`node ${wallet.address} watching JobManager ${c.deployment.addresses.jobManager}${o.state ? ` (state in ${o.state}, from job #${ledger.cursor})` : ""}`);
          await loop(o, async () => (await node.pollOnce()).length);
        } finally {
          c.signer.provider?.destroy();
        }
      }),
    );
  storeFlags(program.command("settle").description("settle on-chain-tier jobs: bring each submitted job's files to StarkInferenceVerifier, challenge what it finds Invalid")).action((o: RunOptions) =>
    guarded(async () => {
      parseIntStrict(o.interval, "--interval", 1);
      const c = await client(o);
      const settler = new OnchainSettler(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), { onProgress: logger(o) });
      try {
        logger(o)(`settler ${await c.address()} watching JobManager ${c.deployment.addresses.jobManager} for on-chain-tier jobs`);
        await loop(o, async () => (await settler.pollOnce()).length);
      } finally {
        c.signer.provider?.destroy();
      }
    }),
  );
  withConn(program.command("register-onchain").argument("<modelId>").description("register a model for the on-chain tier: its verifying key and family, computed from the manifest its ModelNFT binds (the model's owner, once)"))
    .option("--store <dir>", "local content store folder (default: .encryptai/store)", ".encryptai/store")
    .option("--kubo <url>", "a Kubo (IPFS) daemon's RPC API instead of the local store")
    .action((modelId: string, o: RunOptions) =>
      guarded(async () => {
        const id = uintArg(modelId, "modelId");
        const c = await client(o);
        try {
          const r = await registerModelFromManifest(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), id);
          const result = { modelId: id.toString(), keyHash: verifyingKeyHash(r.key), queries: r.options.queries, zeroKnowledge: r.options.zeroKnowledge };
          out(o.json ? JSON.stringify(result) : Object.entries(result).map(([k, v]) => `${k}: ${String(v)}`).join("\n"));
        } finally {
          c.signer.provider?.destroy();
        }
      }),
    );
  storeFlags(program.command("watch").description("run a watcher: verify submitted STARK results, attest, challenge wrong ones (needs the attestor role)")).action((o: RunOptions) =>
    guarded(async () => {
      parseIntStrict(o.interval, "--interval", 1);
      if (o.state) await checkWritable(o.state, { flag: "--state" });
      const c = await client(o);
      const watcher = new Watcher(c, openStore(o.kubo ? { kuboUrl: o.kubo } : { dir: o.store! }), { onProgress: logger(o), ...(o.state ? { stateFile: o.state } : {}) });
      try {
        const ledger = await watcher.ledger();
        logger(o)(`watcher ${await c.address()} watching JobManager ${c.deployment.addresses.jobManager}${o.state ? ` (state in ${o.state}, from job #${ledger.cursor})` : ""}`);
        await loop(o, async () => (await watcher.pollOnce()).length);
      } finally {
        c.signer.provider?.destroy();
      }
    }),
  );
}
