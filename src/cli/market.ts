/**
 * `encryptai chain start`, `encryptai deploy` and `encryptai market <action>`: the marketplace on the command
 * line, against anvil, a local node or any EVM testnet by RPC URL. Keys come from an environment variable. Every
 * positional argument is parsed strictly (market-args.ts; issue 12, item 5) before a transaction is built; `deploy`
 * creates and probes its deployment file's folder before the first transaction, and every action prints `key: value`
 * lines, or JSON with --json (issue 18, item 5).
 */
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { formatEther } from "ethers";
import { startAnvil } from "../chain/anvil.js";
import { MarketClient } from "../market/client.js";
import { connect } from "../market/connect.js";
import { deployAll } from "../market/client.js";
import { DEFAULT_PARAMETERS, DeployParameterError, type DeployParameters, validateParameters } from "../market/contracts.js";
import { loadDeployment, saveDeployment } from "../market/deployment-file.js";
import { MarketError } from "../market/errors.js";
import { CliUsageError, guarded } from "./errors.js";
import { toJson } from "./format.js";
import { addressArg, eaiArg, hashArg, idListArg, kindArg, tierArg, uintArg, verdictArg } from "./market-args.js";
import { checkWritable } from "./outputs.js";

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};
export interface Conn {
  rpc: string;
  key: string;
  deployment: string;
  json?: boolean;
  /** Reads only: without the key variable set, a throwaway key signs nothing. */
  readOnly?: boolean;
}

export async function client(o: Conn): Promise<MarketClient> {
  const d = await loadDeployment(o.deployment);
  const c = await connect({ rpc: o.rpc, keyEnv: o.key, expectedChainId: d.chainId, ...(o.readOnly ? { readOnly: true } : {}) });
  return new MarketClient(d, c.signer);
}

export const withConn = (cmd: Command): Command =>
  cmd
    .option("--rpc <url>", "JSON-RPC endpoint", "http://127.0.0.1:8545")
    .option("--key <env var>", "name of the environment variable holding the private key", "ENCRYPTAI_KEY")
    .option("--deployment <file>", "deployment file written by `encryptai deploy`", "deployments/31337.json")
    .option("--json", "machine-readable output");

type Action = [name: string, args: string, description: string, run: (c: MarketClient, a: string[]) => Promise<unknown>];

const ACTIONS: Action[] = [
  ["faucet", "<amount>", "get test EAI (local chains only)", (c, [a]) => c.faucet(eaiArg(a!, "amount")).then(() => ({ ok: true }))],
  ["balance", "[address]", "EAI balance, stake and withdrawable amounts", async (c, [a]) => {
    const who = a === undefined ? await c.address() : addressArg(a, "address");
    const owed = await c.owed(who);
    const st = await c.stakeOf(who);
    return { address: who, eai: formatEther(await c.balance(who)), withdrawable: { marketplace: formatEther(owed.marketplace), jobs: formatEther(owed.jobs) }, stake: { staked: formatEther(st.staked), locked: formatEther(st.locked), unbonding: formatEther(st.unbonding) } };
  }],
  ["grant-publisher", "<address>", "let an account publish (admin)", (c, [a]) => c.grantPublisher(addressArg(a!, "address")).then(() => ({ ok: true }))],
  ["grant-attestor", "<address>", "let an account attest STARK verdicts (admin)", (c, [a]) => c.grantAttestor(addressArg(a!, "address")).then(() => ({ ok: true }))],
  ["publish-dataset", "<uri> <cid> <contentHash> <price> <perUseFee>", "mint a DataNFT", (c, [uri, cid, h, p, f]) =>
    c.publishDataset({ uri: uri!, cid: cid!, contentHash: hashArg(h!, "contentHash"), accessPrice: eaiArg(p!, "price"), perUseFee: eaiArg(f!, "perUseFee") }).then((tokenId) => ({ tokenId }))],
  ["publish-model", "<uri> <cid> <modelHash> <programHash> <parents> <price> <perUseFee>", "mint a ModelNFT (parents: comma-separated DataNFT ids)", (c, [uri, cid, h, ph, parents, p, f]) =>
    c.publishModel({ uri: uri!, cid: cid!, contentHash: hashArg(h!, "modelHash"), programHash: hashArg(ph!, "programHash"), parents: idListArg(parents!, "parent"), accessPrice: eaiArg(p!, "price"), perUseFee: eaiArg(f!, "perUseFee") }).then((tokenId) => ({ tokenId }))],
  ["set-pricing", "<kind> <tokenId> <price> <perUseFee>", "change an asset's prices (owner)", (c, [k, t, p, f]) => c.setPricing(kindArg(k!), uintArg(t!, "tokenId"), eaiArg(p!, "price"), eaiArg(f!, "perUseFee")).then(() => ({ ok: true }))],
  ["buy", "<kind> <tokenId> <maxPrice>", "buy an access licence, paying at most maxPrice", (c, [k, t, m]) => c.buyAccess(kindArg(k!), uintArg(t!, "tokenId"), eaiArg(m!, "maxPrice")).then(() => ({ ok: true }))],
  ["stake", "<amount>", "stake EAI as a node", (c, [a]) => c.stake(eaiArg(a!, "amount")).then(() => ({ ok: true }))],
  ["unstake", "<amount>", "start unbonding free stake", (c, [a]) => c.requestUnstake(eaiArg(a!, "amount")).then(() => ({ ok: true }))],
  ["withdraw-unstaked", "", "withdraw stake whose unbonding delay has passed", (c) => c.withdrawUnstaked().then(() => ({ ok: true }))],
  ["request-job", "<modelId> <inputCommitment> <inputCid> <nodeFee> <maxUseFee> <deadlineSeconds> <validity|stark|onchain>", "request an inference job", (c, [m, ic, cid, nf, mu, secs, tier]) => {
    const verifier = tierArg(tier);
    const request = { modelId: uintArg(m!, "modelId"), inputCommitment: hashArg(ic!, "inputCommitment"), nodeFee: eaiArg(nf!, "nodeFee"), maxUseFee: eaiArg(mu!, "maxUseFee"), seconds: uintArg(secs!, "deadlineSeconds") };
    return c.signer.provider!.getBlock("latest").then((b) =>
      c.requestJob({ modelId: request.modelId, inputCommitment: request.inputCommitment, inputCid: cid!, nodeFee: request.nodeFee, maxUseFee: request.maxUseFee, deadline: BigInt(b!.timestamp) + request.seconds, verifier }).then((jobId) => ({ jobId })),
    );
  }],
  ["accept", "<jobId>", "accept a job as a staked node", (c, [j]) => c.acceptJob(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["submit", "<jobId> <outputHash> <proofHash> <proofCid>", "submit a job's result commitment", (c, [j, o, p, cid]) => c.submitResult(uintArg(j!, "jobId"), hashArg(o!, "outputHash"), hashArg(p!, "proofHash"), cid!).then(() => ({ ok: true }))],
  ["challenge", "<jobId>", "challenge a submitted result", (c, [j]) => c.challenge(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["attest", "<jobId> <proofHash> <valid|invalid>", "record a STARK verdict (attestor)", (c, [j, p, v]) => c.attest(uintArg(j!, "jobId"), hashArg(p!, "proofHash"), verdictArg(v)).then(() => ({ ok: true }))],
  ["finalise", "<jobId>", "pay a job with a Valid verdict after its challenge window", (c, [j]) => c.finalise(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["refund-undecided", "<jobId>", "refund a job that got no verdict by the end of its grace period (nobody is paid)", (c, [j]) => c.refundUndecided(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["verdict", "<jobId>", "show the verifier's verdict on a submitted job (None, Valid, Invalid)", (c, [j]) => c.verdictOf(uintArg(j!, "jobId")).then((verdict) => ({ verdict }))],
  ["bond-attestor", "<amount>", "bond EAI in the STARK tier's quorum verifier (an attestor needs the minimum bond to vote)", (c, [a]) => c.bondAttestor(eaiArg(a!, "amount")).then(() => ({ ok: true }))],
  ["settle-votes", "<jobId> <proofHash>", "after a verdict: penalise the attestors who voted against it, in favour of those who upheld it", (c, [j, p]) => c.settleVotes(uintArg(j!, "jobId"), hashArg(p!, "proofHash")).then(() => ({ ok: true }))],
  ["expire", "<jobId>", "settle an overdue job (slash and refund)", (c, [j]) => c.expire(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["cancel", "<jobId>", "cancel a job nobody accepted", (c, [j]) => c.cancelJob(uintArg(j!, "jobId")).then(() => ({ ok: true }))],
  ["withdraw", "", "withdraw everything owed to this account", (c) => c.withdrawAll().then((amount) => ({ withdrawn: formatEther(amount) }))],
  ["job", "<jobId>", "show a job", (c, [j]) => c.job(uintArg(j!, "jobId"))],
];

/** Deploy parameters from a JSON file: the defaults overridden by the file's fields, validated (named errors). */
async function readParameters(path: string): Promise<DeployParameters> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new CliUsageError(`--params ${path}: not a JSON file (${(e as Error).message})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new CliUsageError(`--params ${path}: expected a JSON object of deploy parameters`);
  const unknown = Object.keys(json).filter((k) => !(k in DEFAULT_PARAMETERS));
  if (unknown.length) throw new CliUsageError(`--params ${path}: unknown parameter ${unknown[0]} (known: ${Object.keys(DEFAULT_PARAMETERS).join(", ")})`);
  const p = { ...DEFAULT_PARAMETERS, ...(json as Partial<DeployParameters>) };
  try {
    validateParameters(p);
  } catch (e) {
    if (e instanceof DeployParameterError) throw new CliUsageError(`--params ${path}: ${e.message}`);
    throw e;
  }
  return p;
}

/** A TCP port, 1–65535 (checked before anvil is started: anvil's own "error: invalid value" is not ours to print). */
function portArg(s: string): number {
  const port = Number(uintArg(s, "--port"));
  if (port < 1 || port > 65535) throw new CliUsageError(`--port ${s}: expected a port from 1 to 65535`);
  return port;
}

/** A market action's result for people: "done" for a bare success, else one `key: value` line per field. */
export function humanResult(action: string, result: unknown): string {
  if (typeof result !== "object" || result === null) return String(result);
  const entries = Object.entries(JSON.parse(toJson(result)) as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === "ok") return `${action}: done`;
  const lines: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else lines.push(`${prefix}: ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  };
  walk("", Object.fromEntries(entries));
  return lines.join("\n");
}

export function registerMarket(program: Command): void {
  const chain = program.command("chain").description("local chains");
  chain
    .command("start")
    .description("run an anvil dev node (chain id 31337) until interrupted")
    .option("--port <port>", "port", "8545")
    .option("--json", "machine-readable output (the endpoint and chain id)")
    .action((o: { port: string; json?: boolean }) =>
      guarded(async () => {
        const node = await startAnvil({ port: portArg(o.port) });
        out(o.json ? JSON.stringify({ rpcUrl: node.rpcUrl, chainId: 31337 }) : `anvil listening on ${node.rpcUrl} (chain id 31337); Ctrl-C to stop`);
        await new Promise<void>((resolve) => {
          const stop = () => void node.close().then(resolve);
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      }),
    );

  withConn(program.command("deploy").description("deploy the whole contract set and write deployments/<chainId>.json"))
    .option("--chain-id <id>", "refuse to deploy unless the endpoint is this chain")
    .option("--out <file>", "deployment file (default deployments/<chainId>.json)")
    .option("--params <file.json>", "deploy parameters (any subset of DeployParameters over the defaults; validated before anything is sent)")
    .action((o: Conn & { chainId?: string; out?: string; params?: string }) =>
      guarded(async () => {
        const parameters = o.params === undefined ? DEFAULT_PARAMETERS : await readParameters(o.params);
        const expectedChainId = o.chainId === undefined ? undefined : Number(uintArg(o.chainId, "--chain-id"));
        if (o.out !== undefined) await checkWritable(o.out, { flag: "--out", createFolder: true });
        const c = await connect({ rpc: o.rpc, keyEnv: o.key, ...(expectedChainId !== undefined ? { expectedChainId } : {}) });
        try {
          // the deployment file's folder is created and probed BEFORE the first transaction: a deploy that cannot
          // record its addresses sends nothing (issue 18, item 5)
          const file = o.out ?? `deployments/${c.chainId}.json`;
          await checkWritable(file, { flag: o.out === undefined ? "deployment file" : "--out", createFolder: true });
          const d = await deployAll(c.signer, parameters);
          await saveDeployment(file, d);
          out(o.json ? toJson({ file, ...d }) : `deployed to chain ${d.chainId} by ${d.deployer}; addresses in ${file}`);
        } finally {
          c.provider.destroy();
        }
      }),
    );

  const market = program.command("market").description("marketplace actions (publish, buy, stake, jobs, withdraw)");
  for (const [name, args, description, run] of ACTIONS) {
    withConn(market.command(`${name}${args ? ` ${args}` : ""}`).description(description)).action((...params: unknown[]) =>
      guarded(async () => {
        const cmd = params[params.length - 1] as Command;
        const o = cmd.opts() as Conn;
        const positional = params.slice(0, -2).map((p) => (p === undefined ? undefined : String(p))) as string[];
        const c = await client(o);
        try {
          const result = await run(c, positional);
          out(o.json ? toJson(result) : humanResult(name, result));
        } finally {
          c.signer.provider?.destroy();
        }
      }),
    );
  }
}

export { MarketError };
