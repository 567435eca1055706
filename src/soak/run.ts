/**
 * The soak test with faults (issue "A marketplace no party can game", item 6): anvil, the contracts, N `encryptai
 * node` and M `encryptai watch` processes over one content store, K users issuing STARK-tier jobs at random
 * intervals, and faults injected at random from a seed:
 *
 *   job faults      a node that vanishes after accepting (killed mid-job), a wrong output with an honest-looking
 *                   proof file, a hostile proof file (2^28 rows), a late submission, a corrupted input blob;
 *   process faults  a node process killed (SIGKILL) and restarted, a watcher killed and restarted with its state,
 *                   a watcher whose storage is down for a while.
 *
 * Chain time runs 10× faster than real time (the driver mines with evm_increaseTime), so windows and deadlines pass
 * in seconds. When every job is settled — by the parties, or by the driver acting as "anyone" (finalise a Valid
 * job, challenge an Invalid one, refund an undecided one, expire an overdue one) — each job is classified against
 * what its fault should give: an honest job paid with the right output (the user decrypts it through
 * collectResult), a faulty job never paid. Tokens must be conserved: the sum over every account's wallet, pull
 * balances, stakes and bonds, plus the open escrow, equals the token's total supply at the start and at the end.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type AnvilNode, startAnvil } from "../chain/anvil.js";
import { wellKnownDevKeys } from "../chain/dev-chain.js";
import { type KeyPair, type RandomSource, getParams, seededRandom } from "../lwe/index.js";
import { DEFAULT_PARAMETERS } from "../market/contracts.js";
import type { MarketClient } from "../market/client.js";
import { saveDeployment } from "../market/deployment-file.js";
import {
  EAI,
  type PublishedModel,
  type RequestedJob,
  type World,
  collectResult,
  licenceAndRelease,
  prepareInput,
  publishDataset,
  requestJobFor,
  setUpWorld,
  trainAndPublishModel,
  worthOf,
} from "../node/marketplace-flow.js";
import { clearAccumulator, wrapToPlaintext } from "../regression/index.js";
import { FsBlockstore, parseCid } from "../storage/index.js";
import { PartyProcess } from "./processes.js";
import { RogueNode, type RogueFault } from "./rogue-node.js";

export type JobFault = "honest" | "corrupt-input" | RogueFault;
export const JOB_FAULTS: readonly JobFault[] = ["honest", "vanish", "wrong-output", "hostile-proof", "late", "corrupt-input"];

export interface SoakOptions {
  readonly jobs: number;
  readonly nodes: number;
  readonly watchers: number;
  readonly users: number;
  readonly seed: string;
  /** Working folder: store, state files, deployment, logs. */
  readonly dir: string;
  readonly log: (line: string) => void;
}

export interface JobRecord {
  readonly jobId: bigint;
  readonly fault: JobFault;
  status: string;
  /** What the user got: "correct output", "wrong output", "refund", or why nothing. */
  outcome: string;
  correct: boolean;
}

export interface SoakReport {
  readonly options: Omit<SoakOptions, "log">;
  readonly jobs: readonly JobRecord[];
  readonly issued: number;
  readonly settledCorrectly: number;
  readonly wronglyPaid: number;
  readonly lost: number;
  readonly stuck: number;
  readonly honestSlashed: number;
  readonly refundedWithoutVerdict: number;
  readonly supply: { readonly start: bigint; readonly end: bigint; readonly accountedStart: bigint; readonly accountedEnd: bigint };
  readonly conserved: boolean;
  readonly processFaults: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** Chain seconds per real second. */
const TIME_SPEED = 10;
const HONEST_FEE = EAI(20);
/** Below the honest nodes' minimum: only the dishonest node takes these. */
const ROGUE_FEE = EAI(5);
const FINAL = new Set(["Finalised", "Slashed", "Cancelled", "Refunded"]);
const CARS_ROWS: readonly (readonly number[])[] = [
  [8, 307, 130, 3504, 12],
  [4, 120, 95, 2372, 15],
  [6, 225, 105, 3439, 15.5],
  [4, 97, 88, 2130, 14.5],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One settling action may not hold up the others: after `ms` it is reported and the loop moves on. */
function withinTime<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function uniform(rnd: RandomSource): number {
  const b = new Uint8Array(4);
  rnd.fill(b);
  return new DataView(b.buffer).getUint32(0, true) / 2 ** 32;
}

/** Every fault at least once, the rest mostly honest jobs (seeded). */
export function planJobs(count: number, rnd: RandomSource): JobFault[] {
  const faults = JOB_FAULTS.filter((f) => f !== "honest");
  const plan: JobFault[] = [];
  for (let i = 0; i < count; i++) {
    if (i < faults.length && count >= 2 * faults.length) plan.push(faults[i]!);
    else plan.push(uniform(rnd) < 0.65 ? "honest" : faults[Math.floor(uniform(rnd) * faults.length)]!);
  }
  // shuffle (Fisher–Yates), so faults are spread over the run
  for (let i = plan.length - 1; i > 0; i--) {
    const k = Math.floor(uniform(rnd) * (i + 1));
    [plan[i], plan[k]] = [plan[k]!, plan[i]!];
  }
  return plan;
}

/** Everything the marketplace holds for its accounts: wallets, pull balances, stakes and bonds, plus open escrow. */
async function accounted(clients: readonly MarketClient[], any: MarketClient): Promise<bigint> {
  let sum = (await any.jobs.getFunction("totalEscrow")()) as bigint;
  for (const c of clients) sum += await worthOf(c);
  return sum;
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const t0 = performance.now();
  const say = o.log;
  if (o.nodes < 1 || o.watchers < 2 || o.users < 1 || o.jobs < 1) throw new Error("the soak needs ≥ 1 job, ≥ 1 node, ≥ 2 watchers (the quorum is 2) and ≥ 1 user");
  const accountsNeeded = 7 + (o.nodes - 1) + (o.watchers - 2) + (o.users - 1) + 1;
  if (accountsNeeded > 20) throw new Error(`the soak uses the dev chain's 20 accounts: ${accountsNeeded} needed`);
  const rnd = seededRandom(`soak ${o.seed}`);
  for (const d of ["store", "state", "logs", "empty-store"]) mkdirSync(join(o.dir, d), { recursive: true });
  const logFile = join(o.dir, "logs", "parties.log");
  writeFileSync(logFile, "");
  const anvil: AnvilNode = await startAnvil({ port: 20_000 + Math.floor(uniform(rnd) * 20_000), extraArgs: ["--accounts", "20"] });
  const parties: PartyProcess[] = [];
  let ticker: NodeJS.Timeout | undefined;
  try {
    // --- the world: contracts (2-of-M quorum, short windows), data, a model, funded and bonded parties --------
    const parameters = { ...DEFAULT_PARAMETERS, challengeWindow: 300, verdictGrace: 300, attestorUnbondingDelay: 600 };
    const store = new FsBlockstore(join(o.dir, "store"));
    const w = await setUpWorld(store, { chain: anvil, parameters });
    const keys = wellKnownDevKeys();
    let next = 7;
    const extra = async () => {
      const i = next++;
      const c = w.clients.admin.as(await anvil.signer(i));
      await c.faucet(EAI(10_000));
      return { client: c, key: keys[i]! };
    };
    const nodes = [{ client: w.clients.node, key: w.wallets.node.privateKey }];
    for (let i = 1; i < o.nodes; i++) nodes.push(await extra());
    // the embedded world funded its roles with 1,000 EAI: top the main node and user up like the others
    await w.clients.node.faucet(EAI(9000));
    await w.clients.user.faucet(EAI(9000));
    for (const n of nodes) await n.client.stake(EAI(5000));
    const watchers = [
      { client: w.clients.watcher, key: w.wallets.watcher.privateKey },
      { client: w.clients.auditor, key: w.wallets.auditor.privateKey },
    ];
    for (let i = 2; i < o.watchers; i++) {
      const x = await extra();
      await w.clients.admin.grantAttestor(await x.client.address());
      await x.client.bondAttestor(BigInt(parameters.attestorMinBond));
      watchers.push(x);
    }
    const users = [w.clients.user];
    for (let i = 1; i < o.users; i++) users.push((await extra()).client);
    const rogueAccount = await extra();
    await rogueAccount.client.stake(EAI(9000));
    const data = await publishDataset(w);
    const { releaseCid } = await licenceAndRelease(w, data);
    const model: PublishedModel = await trainAndPublishModel(w, data, releaseCid, "f128-128", { weights: "public" });
    const depFile = join(o.dir, "deployment.json");
    await saveDeployment(depFile, w.deployment);
    const everyone = [w.clients.admin, w.clients.provider, w.clients.engineer, ...users, ...nodes.map((n) => n.client), ...watchers.map((x) => x.client), rogueAccount.client];
    const supplyStart = (await w.clients.admin.token.getFunction("totalSupply")()) as bigint;
    const accountedStart = await accounted(everyone, w.clients.admin);
    say(`world ready: ${o.nodes} nodes, ${o.watchers} watchers (quorum ${parameters.quorum}), ${o.users} users, model #${model.modelId}; ${Number(supplyStart / 10n ** 18n)} EAI in circulation`);

    // --- the parties as processes ----------------------------------------------------------------------------
    const common = (i: string) => ["--rpc", anvil.rpcUrl, "--deployment", depFile, "--key", `SOAK_KEY_${i}`, "--store", join(o.dir, "store"), "--interval", "1"];
    nodes.forEach((n, i) => parties.push(new PartyProcess(`node${i + 1}`, ["node", ...common(`N${i}`), "--state", join(o.dir, "state", `node${i + 1}.json`), "--min-fee", "10"], { [`SOAK_KEY_N${i}`]: n.key }, logFile)));
    watchers.forEach((x, i) => parties.push(new PartyProcess(`watcher${i + 1}`, ["watch", ...common(`W${i}`), "--state", join(o.dir, "state", `watcher${i + 1}.json`)], { [`SOAK_KEY_W${i}`]: x.key }, logFile)));
    for (const p of parties) p.start();
    const nodeProcs = parties.filter((p) => p.name.startsWith("node"));
    const watcherProcs = parties.filter((p) => p.name.startsWith("watcher"));
    ticker = setInterval(() => void anvil.increaseTime(TIME_SPEED).catch(() => undefined), 1000);

    // --- jobs, with faults -------------------------------------------------------------------------------------
    const plan = planJobs(o.jobs, rnd);
    const rogue = new RogueNode(rogueAccount.client, store, w.node);
    const records: (JobRecord & { job: RequestedJob; user: MarketClient; deadline: bigint })[] = [];
    const processFaults: Record<string, number> = { "node killed and restarted": 0, "watcher killed and restarted": 0, "watcher storage down": 0 };
    const pending: Promise<void>[] = [];

    // --- settling, as anyone may: expire what is past its deadline, challenge an Invalid verdict, finalise a Valid
    // one after the window, refund a job with no verdict after the grace. One pass over the open jobs; run between
    // requests (so settling keeps pace with a long run) and after the last one.
    const lateRefusals: string[] = [];
    const window = BigInt(parameters.challengeWindow);
    const grace = BigInt(parameters.verdictGrace);
    const anyone = w.clients.provider;
    const slowest = { ms: 0, what: "none" };
    const act = async <T>(what: string, p: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await withinTime(p(), 60_000, what);
      } finally {
        const ms = performance.now() - t;
        if (ms > slowest.ms) Object.assign(slowest, { ms, what });
      }
    };
    const settlePass = async (): Promise<{ open: string[]; changed: number }> => {
      const now = BigInt((await act("the latest block", () => anvil.provider.getBlock("latest")))!.timestamp);
      const open: string[] = [];
      let changed = 0;
      for (const r of records) {
        if (FINAL.has(r.status)) continue;
        try {
          const v = await act(`job #${r.jobId}: read`, () => anyone.job(r.jobId));
          if (v.status !== r.status) changed++;
          r.status = v.status;
          if (FINAL.has(v.status)) continue;
          open.push(`#${r.jobId} ${v.status}`);
          if ((v.status === "Requested" || v.status === "Accepted") && now > v.deadline) {
            if (r.fault === "late" && v.status === "Accepted") lateRefusals.push((await act(`job #${r.jobId}: the late submission`, () => rogue.submitLate(r.job))) ?? "ACCEPTED");
            await act(`job #${r.jobId}: expire`, () => anyone.expire(r.jobId));
          } else if (v.status === "Submitted") {
            const verdict = await act(`job #${r.jobId}: verdict`, () => anyone.verdictOf(r.jobId));
            if (verdict === "Invalid") await act(`job #${r.jobId}: challenge`, () => anyone.challenge(r.jobId));
            else if (verdict === "Valid" && now >= v.submittedAt + window) await act(`job #${r.jobId}: finalise`, () => anyone.finalise(r.jobId));
            else if (verdict === "None" && now >= v.submittedAt + window + grace) await act(`job #${r.jobId}: refund`, () => anyone.refundUndecided(r.jobId));
          }
        } catch (e) {
          say(`job #${r.jobId}: settling — ${(e as Error).message.split("\n")[0]}`);
        }
      }
      return { open, changed };
    };
    let lastPass = performance.now();
    const userKeys: (KeyPair | undefined)[] = users.map(() => undefined);
    const at = (fraction: number) => Math.floor(o.jobs * fraction);
    for (const [i, fault] of plan.entries()) {
      if (i === at(0.3)) {
        const p = nodeProcs[nodeProcs.length - 1]!;
        pending.push(p.stop("SIGKILL").then(() => sleep(5000)).then(() => p.start()));
        processFaults["node killed and restarted"]!++;
      }
      if (i === at(0.45)) {
        const p = watcherProcs[1]!;
        pending.push(p.stop("SIGKILL").then(() => sleep(3000)).then(() => p.start()));
        processFaults["watcher killed and restarted"]!++;
      }
      if (i === at(0.6)) {
        const p = watcherProcs[watcherProcs.length - 1]!;
        pending.push(
          p
            .stop("SIGTERM")
            .then(() => p.start(["--store", join(o.dir, "empty-store")]))
            .then(() => sleep(15_000))
            .then(() => p.stop("SIGTERM"))
            .then(() => p.start()),
        );
        processFaults["watcher storage down"]!++;
      }
      const user = users[i % users.length]!;
      const wu: World = { ...w, clients: { ...w.clients, user } };
      const row = CARS_ROWS[i % CARS_ROWS.length]!;
      const rogueJob = fault !== "honest" && fault !== "corrupt-input";
      // each user keeps one LWE key pair for all its jobs (a key of f128-128 is large: one per job would not fit)
      const prepared = await prepareInput(wu, model, row, { random: rnd, ...(userKeys[i % users.length] ? { keys: userKeys[i % users.length]! } : {}) });
      userKeys[i % users.length] ??= prepared.keys;
      if (fault === "corrupt-input") {
        // the stored block no longer matches its CID: every node's read fails its check
        const path = store.pathOf(parseCid(prepared.inputCid));
        const bytes = readFileSync(path);
        bytes[bytes.length >> 1]! ^= 1;
        writeFileSync(path, bytes);
      }
      const job = await requestJobFor(wu, model, prepared, "stark", { deadlineSeconds: rogueJob ? 300 : 900, nodeFee: rogueJob ? ROGUE_FEE : HONEST_FEE });
      if (rogueJob) await rogue.misbehave(job, model.modelId, fault as RogueFault);
      const deadline = (await w.clients.admin.job(job.jobId)).deadline;
      records.push({ jobId: job.jobId, fault, status: "Requested", outcome: "", correct: false, job, user, deadline });
      say(`job #${job.jobId} (${fault}) requested by ${await user.address()}`);
      if (performance.now() - lastPass > 10_000) {
        await settlePass();
        lastPass = performance.now();
      }
      await sleep(200 + Math.floor(uniform(rnd) * 1300));
    }
    await Promise.all(pending);

    // --- settle: whatever the parties did not, anyone may — passes ran during the issuing too (above); now until
    // every job is settled, or until no job has changed for 8 minutes (each job's windows end at most deadline +
    // window + grace of chain time, i.e. 2.5 minutes of real time, after its request)
    let lastChange = performance.now();
    let nextReport = performance.now() + 30_000;
    for (;;) {
      const pass = await settlePass();
      if (pass.open.length === 0) break;
      if (pass.changed > 0) lastChange = performance.now();
      if (performance.now() - lastChange > 8 * 60_000) break;
      if (performance.now() >= nextReport) {
        say(`settling: ${pass.open.length} open (${pass.open.slice(0, 6).join(", ")}${pass.open.length > 6 ? ", …" : ""}); slowest action ${(slowest.ms / 1000).toFixed(1)} s (${slowest.what})`);
        nextReport = performance.now() + 30_000;
      }
      await sleep(1000);
    }
    for (const p of parties) await p.stop("SIGTERM");
    clearInterval(ticker);
    ticker = undefined;

    // --- classify ----------------------------------------------------------------------------------------------
    const params = getParams(model.paramsId);
    for (const r of records) {
      const v = await anyone.job(r.jobId);
      r.status = v.status;
      if (!FINAL.has(v.status)) {
        r.outcome = `stuck in ${v.status}`;
        continue;
      }
      if (r.fault === "honest" && v.status === "Finalised") {
        const wu: World = { ...w, clients: { ...w.clients, user: r.user } };
        try {
          const got = await collectResult(wu, r.job, model);
          const expected = wrapToPlaintext(params, clearAccumulator(model.model.quantized, r.job.quantized));
          r.correct = got.accumulator === expected;
          r.outcome = r.correct ? "correct output" : `wrong output ${got.accumulator} (expected ${expected})`;
        } catch (e) {
          r.outcome = `no output: ${(e as Error).message.split("\n")[0]}`;
        }
      } else if (v.status === "Finalised") {
        r.outcome = "PAID for a faulty result";
      } else {
        r.outcome = v.status === "Slashed" ? "refund (node slashed)" : v.status === "Refunded" ? "refund (no verdict)" : "refund (not accepted)";
        r.correct = r.fault !== "honest" || v.status !== "Slashed";
      }
    }
    const supplyEnd = (await w.clients.admin.token.getFunction("totalSupply")()) as bigint;
    const accountedEnd = await accounted(everyone, w.clients.admin);
    const count = (f: (r: JobRecord) => boolean) => records.filter(f).length;
    if (lateRefusals.some((m) => m === "ACCEPTED")) say("a late submission was ACCEPTED by the contract");
    return {
      options: { jobs: o.jobs, nodes: o.nodes, watchers: o.watchers, users: o.users, seed: o.seed, dir: o.dir },
      jobs: records.map(({ jobId, fault, status, outcome, correct }) => ({ jobId, fault, status, outcome, correct })),
      issued: records.length,
      settledCorrectly: count((r) => r.correct),
      wronglyPaid: count((r) => r.status === "Finalised" && (r.fault !== "honest" || r.outcome.startsWith("wrong output"))),
      lost: count((r) => r.status === "Finalised" && r.outcome.startsWith("no output")),
      stuck: count((r) => !FINAL.has(r.status)),
      honestSlashed: count((r) => r.fault === "honest" && r.status === "Slashed"),
      refundedWithoutVerdict: count((r) => r.status === "Refunded"),
      supply: { start: supplyStart, end: supplyEnd, accountedStart, accountedEnd },
      conserved: supplyStart === supplyEnd && accountedStart === supplyStart && accountedEnd === supplyEnd && !lateRefusals.includes("ACCEPTED"),
      processFaults,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    if (ticker) clearInterval(ticker);
    for (const p of parties) await p.stop("SIGKILL").catch(() => undefined);
    await anvil.close();
  }
}
