// Invariant fuzzing: random sequences of marketplace, staking and job actions by several actors (seeded, so a
// failure names the sequence that reproduces it). After every action:
//   token.balanceOf(marketplace) = Σ owed                  (marketplace holds exactly what it owes)
//   token.balanceOf(jobManager)  = Σ owed + Σ escrow       (job manager: owed plus open escrow)
//   token.balanceOf(staking)     = Σ staked + Σ unbonding
//   locked ≤ staked for every node
// and at the end: each job settled (finalised, slashed or cancelled) at most once; content hashes unique.
import { type EventLog, id } from "ethers";
import { describe, expect, it } from "vitest";
import { AssetKind, type MarketClient } from "../../src/market/client.js";
import { EAI, now, useWorld } from "./fixture.js";

const w = useWorld();
export const SEQUENCES = 8;
export const ACTIONS_PER_SEQUENCE = 40;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("invariants under random action sequences", () => {
  it(`hold over ${SEQUENCES} sequences × ${ACTIONS_PER_SEQUENCE} actions`, async () => {
    let executed = 0;
    let reverted = 0;
    let base = await w.chain.snapshot();
    for (let seq = 0; seq < SEQUENCES; seq++) {
      if (seq > 0) {
        // every sequence starts from the freshly deployed world
        await w.chain.revert(base);
        base = await w.chain.snapshot();
      }
      const rand = rng(1000 + seq);
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const amount = (max: number) => EAI(Math.floor(rand() * max) + 1);
      const actors: MarketClient[] = [w.admin, w.provider, w.engineer, w.user, w.node, w.challenger, w.stranger];
      const nodes = [w.node, w.challenger];
      const data: bigint[] = [];
      const models: { id: bigint; hash: string }[] = [];
      const jobs: bigint[] = [];
      const log: string[] = [];
      const nodeOf = async (jobId: bigint) => {
        const view = await w.user.job(jobId);
        for (const n of nodes) if ((await n.address()) === view.node) return { n, view };
        return { n: pick(nodes), view };
      };
      /** Mostly a job in the wanted state (so most actions do real work), sometimes any job. */
      const jobIn = async (status: string) => {
        if (rand() < 0.2 || jobs.length === 0) return pick(jobs);
        for (const j of [...jobs].reverse()) if ((await w.user.job(j)).status === status) return j;
        return pick(jobs);
      };
      let counter = 0;
      const contentHash = (prefix: string, used: string[]) => {
        const h = rand() < 0.15 && used.length ? pick(used) : id(`${prefix}-${seq}-${counter++}`);
        used.push(h);
        return h;
      };
      const dataHashes: string[] = [];
      const modelHashes: string[] = [];
      const actions: [string, () => Promise<unknown>][] = [
        ["publish data", async () => data.push(await w.provider.publishDataset({ uri: "u", cid: "c", contentHash: contentHash("d", dataHashes), accessPrice: amount(50), perUseFee: 0n }))],
        ["publish model", async () => {
          const h = contentHash("m", modelHashes);
          const parent = data.length ? pick(data) : undefined;
          if (parent !== undefined && rand() < 0.8 && !(await w.engineer.hasLicence(AssetKind.Data, parent))) await w.engineer.buyAccess(AssetKind.Data, parent, EAI(1000));
          models.push({ id: await w.engineer.publishModel({ uri: "u", cid: "c", contentHash: h, programHash: id("p"), parents: parent === undefined ? [] : [parent], accessPrice: amount(50), perUseFee: amount(5) }), hash: h });
        }],
        ["buy", async () => {
          const k = rand() < 0.5 ? AssetKind.Data : AssetKind.Model;
          const t = k === AssetKind.Data ? pick(data) : pick(models)?.id;
          if (t === undefined) throw new Error("nothing to buy");
          await pick(actors).buyAccess(k, t, amount(60));
        }],
        ["reprice", async () => w.engineer.setPricing(AssetKind.Model, pick(models)!.id, amount(60), amount(5))],
        ["stake", async () => pick(nodes).stake(amount(300))],
        ["unstake", async () => pick(nodes).requestUnstake(amount(200))],
        ["withdraw unstaked", async () => pick(nodes).withdrawUnstaked()],
        ["request job", async () => {
          const m = pick(models);
          if (!m) throw new Error("no model");
          jobs.push(await w.user.requestJob({ modelId: m.id, inputCommitment: id(`in${jobs.length}`), inputCid: "c", nodeFee: amount(20), maxUseFee: amount(6), deadline: (await now(w)) + BigInt(Math.floor(rand() * 3000) + 10), verifier: "validity" }));
        }],
        ["accept", async () => pick(nodes).acceptJob((await jobIn("Requested"))!)],
        ["submit", async () => {
          const j = (await jobIn("Accepted"))!;
          const { n, view } = await nodeOf(j);
          const m = models.find((x) => x.id === view.modelId)!;
          const proof = rand() < 0.7 ? await n.validityProofHash(j, view.inputCommitment, m.hash) : id("wrong");
          await n.submitResult(j, id("out"), proof, "p");
        }],
        ["challenge", async () => w.challenger.challenge((await jobIn("Submitted"))!)],
        ["finalise", async () => pick(actors).finalise((await jobIn("Submitted"))!)],
        ["expire", async () => pick(actors).expire((await jobIn(rand() < 0.5 ? "Accepted" : "Requested"))!)],
        ["cancel", async () => w.user.cancelJob((await jobIn("Requested"))!)],
        ["withdraw", async () => {
          const owing = [];
          for (const a of actors) {
            const o = await a.owed();
            if (o.marketplace + o.jobs > 0n) owing.push(a);
          }
          await (rand() < 0.8 && owing.length ? pick(owing) : pick(actors)).withdrawAll();
        }],
        ["time passes", async () => w.chain.increaseTime(Math.floor(rand() * 4000))],
      ];
      // warm-up: something to buy, run and stake
      data.push(await w.provider.publishDataset({ uri: "u", cid: "c", contentHash: contentHash("d", dataHashes), accessPrice: EAI(10), perUseFee: 0n }));
      await w.engineer.buyAccess(AssetKind.Data, data[0]!, EAI(10));
      const h0 = contentHash("m", modelHashes);
      models.push({ id: await w.engineer.publishModel({ uri: "u", cid: "c", contentHash: h0, programHash: id("p"), parents: [data[0]!], accessPrice: EAI(10), perUseFee: EAI(2) }), hash: h0 });
      await w.node.stake(EAI(400));
      await w.challenger.stake(EAI(400));
      const byName = new Map(actions);
      for (let step = 0; step < ACTIONS_PER_SEQUENCE; step++) {
        let [name, act] = pick(actions);
        if (jobs.length === 0 && ["accept", "submit", "challenge", "finalise", "expire", "cancel"].includes(name)) [name, act] = ["request job", byName.get("request job")!];
        try {
          await act();
          log.push(name);
        } catch (e) {
          reverted++;
          log.push(`${name} (reverted)`);
          if (process.env.FUZZ_DEBUG) console.log(name, (e as Error).message.slice(0, 100));
        }
        executed++;
        // --- invariants ---
        const where = `sequence ${seq} step ${step} after [${log.join(", ")}]`;
        const bal = (a: string) => w.admin.token.getFunction("balanceOf")(a) as Promise<bigint>;
        const A = w.deployment.addresses;
        const mOwed = (await w.admin.marketplace.getFunction("totalOwed")()) as bigint;
        expect(await bal(A.marketplace), where).toBe(mOwed);
        const jOwed = (await w.admin.jobs.getFunction("totalOwed")()) as bigint;
        const escrow = (await w.admin.jobs.getFunction("totalEscrow")()) as bigint;
        expect(await bal(A.jobManager), where).toBe(jOwed + escrow);
        let sumOwed = 0n;
        for (const a of actors) sumOwed += (await a.owed()).marketplace;
        expect(sumOwed, where).toBe(mOwed);
        let staked = 0n;
        for (const n of nodes) {
          const s = await n.stakeOf();
          expect(s.locked <= s.staked, where).toBe(true);
          staked += s.staked + s.unbonding;
        }
        expect(await bal(A.staking), where).toBe(staked);
      }
      // each job settled at most once; escrow of settled jobs released
      const logs = (await w.admin.jobs.queryFilter("*" as never, w.deployment.blockNumber)) as EventLog[];
      const settled = new Map<string, number>();
      for (const l of logs)
        if (["JobFinalised", "JobSlashed", "JobCancelled"].includes(l.eventName)) settled.set(String(l.args[0]), (settled.get(String(l.args[0])) ?? 0) + 1);
      for (const [j, count] of settled) expect(count, `job ${j} settled ${count} times`).toBe(1);
      // content hashes unique: every minted token is the one registered for its hash
      for (const nft of [w.admin.dataNft, w.admin.modelNft]) {
        const total = (await nft.getFunction("totalMinted")()) as bigint;
        const hashes = new Set<string>();
        for (let t = 1n; t <= total; t++) {
          const h = ((await nft.getFunction("asset")(t)) as string[])[2]!;
          expect(hashes.has(h)).toBe(false);
          hashes.add(h);
          expect(await nft.getFunction("tokenOfContent")(h)).toBe(t);
        }
      }
    }
    expect(executed).toBe(SEQUENCES * ACTIONS_PER_SEQUENCE);
    expect(reverted).toBeLessThan(executed); // the sequences do real work, not only reverts
    console.log(`invariant fuzzing: ${executed} actions in ${SEQUENCES} sequences, ${executed - reverted} succeeded, ${reverted} reverted`);
  }, 600_000);
});
