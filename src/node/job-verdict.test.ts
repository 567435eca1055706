// judgeJob on hostile files (issue "Sound from model to payment", item 4): whatever the job's parties stored —
// a blob over its cap, a chunk manifest repeating a chunk, bytes that are not a proof file, a ciphertext file or
// a manifest, a STARK cut short — the watcher's check returns a verdict naming the check, and never throws.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as json from "multiformats/codecs/json";
import { afterAll, describe, expect, it } from "vitest";
import type { JobView, MarketClient } from "../market/client.js";
import { INSECURE_TEST_POLICY } from "../prover/index.js";
import { FsBlockstore, JSON_CODEC, MAX_BLOCK_BYTES, cidOf } from "../storage/index.js";
import { encodeProofFile } from "../vm/proof-file.js";
import { serializeCiphertexts } from "../lwe/index.js";
import { JOB_FETCH_LIMITS, judgeJob } from "./job-verdict.js";
import { commitment } from "./model-manifest.js";
import { thesisJob } from "./thesis-job.testkit.js";
import { DEFAULT_VERIFY_BUDGET, type VerifyBudget } from "./verify-sandbox.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

const job = thesisJob("job-verdict");
const store = new FsBlockstore(tempFolder("job-verdict-"));
const outputBytes = () => {
  const text = new TextDecoder().decode(job.proofFile);
  return new Uint8Array(Buffer.from((JSON.parse(text) as { outputs: string }).outputs, "base64"));
};

/** Stores a hand-made chunk manifest (json block) and returns its CID. */
async function putManifest(value: unknown): Promise<string> {
  const bytes = json.encode(value) as Uint8Array;
  const cid = cidOf(bytes, JSON_CODEC);
  await store.putBlock({ cid, bytes });
  return cid.toString();
}

/** A chain view of one submitted job whose blobs are `manifest`, `input` and `proof` (CIDs), committed as given. */
function chainWith(o: { manifestCid: string; contentHash: string; inputCid: string; inputCommitment: string; proofCid: string; proofHash: string }): MarketClient {
  const view: Partial<JobView> = { status: "Submitted", modelId: 1n, inputCommitment: o.inputCommitment, proofHash: o.proofHash, outputHash: commitment(outputBytes()) };
  const fn = (answers: Record<string, unknown>) => ({ getFunction: (name: string) => async () => answers[name] });
  return {
    job: async () => view,
    modelNft: fn({ asset: { cid: o.manifestCid, contentHash: o.contentHash }, programHash: job.programHashHex }),
    jobs: fn({ inputCid: o.inputCid, proofCid: o.proofCid }),
  } as unknown as MarketClient;
}

/** The honest job's blobs, with any of them replaced (bytes stored and committed on chain as they are). */
async function judgeWith(replace: { manifest?: Uint8Array; input?: Uint8Array; proofFile?: Uint8Array; proofCid?: string } = {}, budget?: VerifyBudget) {
  const manifest = replace.manifest ?? job.manifestBytes;
  const input = replace.input ?? job.inputBytes;
  const proofFile = replace.proofFile ?? job.proofFile;
  const client = chainWith({
    manifestCid: await store.put(manifest),
    contentHash: commitment(manifest),
    inputCid: await store.put(input),
    inputCommitment: commitment(input),
    proofCid: replace.proofCid ?? (await store.put(proofFile)),
    proofHash: commitment(proofFile),
  });
  return judgeJob(client, store, 1n, { policy: INSECURE_TEST_POLICY, ...(budget ? { budget } : {}) });
}

describe("judgeJob turns every hostile file into a verdict", () => {
  it("the honest job is valid (the baseline)", async () => {
    expect(await judgeWith()).toMatchObject({ valid: true });
  });
  it("a proof file blob declaring more than its cap is refused before its chunks are fetched", async () => {
    const chunks = Array.from({ length: JOB_FETCH_LIMITS.proofFile / MAX_BLOCK_BYTES + 1 }, (_, i) => cidOf(new TextEncoder().encode(`absent ${i}`)).toString());
    const proofCid = await putManifest({ chunks, size: JOB_FETCH_LIMITS.proofFile + 1 });
    expect(await judgeWith({ proofCid })).toMatchObject({ valid: false, check: "proof-file", reason: `the proof file ${proofCid} has ${JOB_FETCH_LIMITS.proofFile + 1} bytes, over the cap of ${JOB_FETCH_LIMITS.proofFile}` });
  });
  it("a proof file blob whose chunk manifest repeats one chunk is a fetch failure", async () => {
    const chunk = await store.put(new Uint8Array(MAX_BLOCK_BYTES).fill(7));
    const proofCid = await putManifest({ chunks: [chunk, chunk], size: 2 * MAX_BLOCK_BYTES });
    const v = await judgeWith({ proofCid });
    expect(v).toMatchObject({ valid: false, check: "fetch" });
    expect(v.reason).toMatch(/repeats an earlier chunk/);
  });
  it("bytes that are not a proof file, committed on chain as the proof", async () => {
    const v = await judgeWith({ proofFile: new TextEncoder().encode('{"format":"encryptai-inference-proof","version":4,"opcodes":1e308}') });
    expect(v).toMatchObject({ valid: false, check: "proof-file" });
    expect(v.reason).toMatch(/inference proof file: params must be a parameter-set id/);
  });
  it("a proof file whose STARK is cut to 200 bytes", async () => {
    const v = await judgeWith({ proofFile: new TextEncoder().encode(encodeProofFile(job.statement, job.proof.subarray(0, 200))) });
    expect(v).toMatchObject({ valid: false, check: "stark" });
    expect(v.reason).toMatch(/the STARK is rejected \(format\): format: proof is truncated/);
  });
  it("an input that is not a ciphertext file, and a manifest that is not a manifest", async () => {
    const input = await judgeWith({ input: new TextEncoder().encode("JUNK, not a ciphertext file but long enough to be read as one") });
    expect(input).toMatchObject({ valid: false, check: "input" });
    expect(input.reason).toMatch(/^the job's input is not a ciphertext file: LWE ciphertexts file: bad magic/);
    const manifest = await judgeWith({ manifest: new TextEncoder().encode('{"format":"encryptai-model-manifest","version":3,"params":"thesis-u8","features":{"length":1e9}}') });
    expect(manifest).toMatchObject({ valid: false, check: "manifest" });
    expect(manifest.reason).toMatch(/features must be an array/);
  });
});

describe("a memory and time budget per job: the STARK check in a worker (verify-sandbox.ts)", () => {
  it("the honest job is valid in the worker, with the same statement as in process", async () => {
    const inProcess = await judgeWith();
    const sandboxed = await judgeWith({}, DEFAULT_VERIFY_BUDGET);
    expect(sandboxed).toMatchObject({ valid: true, securityBits: (inProcess as { securityBits: number }).securityBits });
    if (!sandboxed.valid || !inProcess.valid) throw new Error("expected both valid");
    expect(sandboxed.statement.traceLength).toBe(inProcess.statement.traceLength);
    expect(sandboxed.statement.immediateBits).toBe(inProcess.statement.immediateBits);
    expect(serializeCiphertexts([sandboxed.statement.outputs[0]!])).toEqual(serializeCiphertexts([inProcess.statement.outputs[0]!]));
  }, 60_000);
  it("a forged STARK is refused in the worker with the check that fails", async () => {
    const text = new TextDecoder().decode(job.proofFile);
    const file = JSON.parse(text) as { proof: string };
    const proof = Buffer.from(file.proof, "base64");
    proof[proof.length - 40] ^= 1;
    const forged = new TextEncoder().encode(JSON.stringify({ ...file, proof: proof.toString("base64") }));
    const v = await judgeWith({ proofFile: forged }, DEFAULT_VERIFY_BUDGET);
    expect(v).toMatchObject({ valid: false, check: "stark" });
  }, 60_000);
  it("a check that runs out of its memory budget is a verdict, not a crash of the watcher", async () => {
    const v = await judgeWith({}, { memoryMiB: 8, timeMs: 60_000 });
    expect(v).toMatchObject({ valid: false, check: "budget" });
    expect(v.reason).toBe("the proof file exceeded the check's budget: the check ran over its memory budget of 8 MiB");
  }, 60_000);
  it("a check that runs out of its time budget is a verdict", async () => {
    const v = await judgeWith({}, { memoryMiB: 1024, timeMs: 1 });
    expect(v).toMatchObject({ valid: false, check: "budget", reason: "the proof file exceeded the check's budget: the check ran over its time budget of 1 ms" });
  }, 60_000);
});
