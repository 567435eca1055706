// A bounded fuzz run over hostile files (issue "Sound from model to payment", item 7): valid samples of an
// inference proof file, a raw STARK proof, an LWE ciphertext file, a model manifest and a chunked-blob manifest
// are mutated (test/fuzz/mutations.ts) a few thousand times in all, from a fixed seed. Each parser must accept
// an input or refuse it with one of its typed errors and a message; anything else is a crash, and there must be
// none. Proof files that still decode are also verified against the trusted statement: the answer must be a
// verdict, never an exception. The table of counts is printed.
import { sha256 } from "@noble/hashes/sha2.js";
import * as json from "multiformats/codecs/json";
import type { CID } from "multiformats/cid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LweError, deserializeCiphertexts } from "../../src/lwe/index.js";
import { ManifestError, committedModel, decodeManifest } from "../../src/node/model-manifest.js";
import { thesisJob } from "../../src/node/thesis-job.testkit.js";
import { INSECURE_TEST_POLICY, VerificationError, challengeField, deserializeProof } from "../../src/prover/index.js";
import { type BlockIO, encodeBlob, getBlob } from "../../src/storage/blob.js";
import { JSON_CODEC, cidOf } from "../../src/storage/cid.js";
import { MAX_BLOCK_BYTES } from "../../src/storage/limits.js";
import { StorageError } from "../../src/storage/store.js";
import { pattern } from "../../src/storage/testing.js";
import { hashSpecFor } from "../../src/vm/inference.js";
import { ProofFileError, decodeProofFile } from "../../src/vm/proof-file.js";
import { verifyAgainstTrusted } from "../../src/vm/statement.js";
import { type Tally, attempt, crash, report, tally } from "./fuzz-run.js";
import { Mutations } from "./mutations.js";

const SEED = process.env["ENCRYPTAI_FUZZ_SEED"] ?? "hostile-files-1";
const RUNS = { proofFile: 1000, stark: 1000, ciphertexts: 800, modelManifest: 600, chunkManifest: 600 };
/** Proof files that still decode are verified, up to this many (a full verification takes about 50 ms). */
const MAX_VERIFICATIONS = 150;

const m = new Mutations(SEED);
const tallies: Tally[] = [];
const verdicts = { tried: 0, valid: 0, refused: 0 };
const verifyTally = tally("verifyAgainstTrusted");
let job: ReturnType<typeof thesisJob>;

beforeAll(() => {
  job = thesisJob("hostile-files");
});
afterAll(() => {
  console.log(report(tallies, `hostile files: seed "${SEED}"`));
  console.log(`verifyAgainstTrusted on decoded proof files: ${verdicts.tried} verified, ${verdicts.valid} valid, ${verdicts.refused} refused with a check, ${verifyTally.crashes} crashes`);
});

/** Offsets of small u32 values (1…4096): mostly the format's counts, which the mutations favour. */
function countOffsets(b: Uint8Array): number[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) {
    const v = view.getUint32(i, true);
    if (v >= 1 && v <= 4096) out.push(i);
  }
  return out;
}

/** An LWE file with its SHA-256 trailer recomputed, so a mutation reaches the checks behind the checksum. */
function reseal(b: Uint8Array): Uint8Array {
  if (b.length < 32) return b;
  const out = Uint8Array.from(b);
  out.set(sha256(out.subarray(0, out.length - 32)), out.length - 32);
  return out;
}

/** A mutated LWE ciphertext file: resealed most of the time. */
function mutateCiphertexts(b: Uint8Array): { how: string; out: Uint8Array } {
  const r = m.bytes(b, countOffsets(b));
  return m.chance(0.7) ? { how: `${r.how}, resealed`, out: reseal(r.out) } : r;
}

const text = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

async function run<I>(format: string, runs: number, clear: Parameters<typeof attempt>[2], next: () => { how: string; input: I }, parse: (input: I, how: string) => unknown) {
  const t = tally(format);
  tallies.push(t);
  for (let i = 0; i < runs; i++) {
    const { how, input } = next();
    await attempt(t, how, clear, () => parse(input, how));
  }
  expect(t.examples).toEqual([]);
  expect(t.crashes).toBe(0);
  expect(t.tried).toBe(runs);
  return t;
}

describe("hostile files: every input is accepted or refused with a typed error (bounded fuzz run)", () => {
  it("(a) inference proof files, and the full verification of those that still decode", async () => {
    const doc = JSON.parse(new TextDecoder().decode(job.proofFile)) as Record<string, string>;
    const model = committedModel(decodeManifest(job.manifestBytes, "fuzz"));
    const inputs = decodeProofFile(job.proofFile).statement.inputs;
    const next = (): { how: string; input: unknown } => {
      const kind = m.int(3);
      if (kind === 0) {
        const r = m.bytes(job.proofFile);
        return { how: `text: ${r.how}`, input: r.out };
      }
      if (kind === 1) {
        // decodeProofFile also takes a parsed object: there NaN and Infinity stay numbers
        const r = m.json(doc);
        return m.chance(0.3) ? { how: `object: ${r.how}`, input: r.out } : { how: `json: ${r.how}`, input: text(r.out) };
      }
      // a binary mutation inside one base64 field: the STARK proof or a ciphertext file
      const field = m.pick(["proof", "proof", "inputs", "outputs"] as const);
      const inner = unb64(doc[field]!);
      const r = field === "proof" ? m.bytes(inner, countOffsets(inner)) : mutateCiphertexts(inner);
      return { how: `${field}: ${r.how}`, input: text({ ...doc, [field]: b64(r.out) }) };
    };
    await run("inference proof file", RUNS.proofFile, [ProofFileError, LweError], next, (input, how) => {
      const file = decodeProofFile(input);
      if (verdicts.tried >= MAX_VERIFICATIONS) return file;
      verdicts.tried++;
      verifyTally.tried++;
      try {
        const v = verifyAgainstTrusted({ model, inputs }, file, { policy: INSECURE_TEST_POLICY });
        if (v.ok) verdicts.valid++;
        // the verifier's catch-all wraps an untyped exception as "malformed proof": that is a crash too
        else if (v.check && v.message && !/malformed proof/.test(v.message)) verdicts.refused++;
        else crash(verifyTally, how, new Error(`verdict ${JSON.stringify(v)}`));
      } catch (e) {
        crash(verifyTally, how, e);
      }
      return file;
    });
    expect(verifyTally.examples).toEqual([]);
    expect(verdicts.tried).toBeGreaterThan(50);
    expect(verdicts.refused).toBeGreaterThan(0);
  });

  it("(b) raw STARK proofs", async () => {
    const F = hashSpecFor(job.params).field;
    const offsets = countOffsets(job.proof);
    await run("STARK proof", RUNS.stark, [VerificationError], () => {
      const r = m.bytes(job.proof, offsets);
      return { how: r.how, input: r.out };
    }, (input) => deserializeProof(input, F, (d) => challengeField(F, d).E));
  });

  it("(c) LWE ciphertext files", async () => {
    await run("LWE ciphertext file", RUNS.ciphertexts, [LweError], () => {
      const r = mutateCiphertexts(job.inputBytes);
      return { how: r.how, input: r.out };
    }, (input) => deserializeCiphertexts(input));
  });

  it("(d) model manifests", async () => {
    const doc = JSON.parse(new TextDecoder().decode(job.manifestBytes)) as unknown;
    await run("model manifest", RUNS.modelManifest, [ManifestError], () => {
      if (m.chance(0.3)) {
        const r = m.bytes(job.manifestBytes);
        return { how: `text: ${r.how}`, input: r.out };
      }
      const r = m.json(doc);
      return { how: `json: ${r.how}`, input: text(r.out) };
    }, (input) => decodeManifest(input, "fuzz"));
  });

  it("(e) chunked-blob manifests, read through getBlob over the real chunks", async () => {
    const blob = encodeBlob(pattern(2 * MAX_BLOCK_BYTES + 300));
    const chunks = new Map(blob.blocks.map((b) => [b.cid.toString(), b.bytes]));
    const manifest = json.decode(blob.blocks.at(-1)!.bytes) as { chunks: string[]; size: number };
    /** Manifest attacks by hand: repeat a chunk, swap two, list the chunks thousands of times, shift the size. */
    const attack = (): { how: string; out: unknown } => {
      const c = [...manifest.chunks];
      switch (m.int(4)) {
        case 0:
          c[m.int(c.length)] = c[m.int(c.length)]!;
          return { how: "a chunk repeated", out: { ...manifest, chunks: c } };
        case 1:
          c.reverse();
          return { how: "chunks reversed", out: { ...manifest, chunks: c } };
        case 2: {
          const copies = 1 + m.int(4000);
          return { how: `chunks listed ${copies} times`, out: { chunks: new Array<string[]>(copies).fill(c).flat(), size: copies * manifest.size } };
        }
        default: {
          const delta = m.pick([-MAX_BLOCK_BYTES, -1, 1, MAX_BLOCK_BYTES, 2 ** 32]);
          return { how: `size ${delta > 0 ? "+" : ""}${delta}`, out: { ...manifest, size: manifest.size + delta } };
        }
      }
    };
    await run("chunk manifest", RUNS.chunkManifest, [StorageError], () => {
      const kind = m.int(3);
      if (kind === 0) {
        const r = m.bytes(blob.blocks.at(-1)!.bytes);
        return { how: `text: ${r.how}`, input: r.out };
      }
      const r = kind === 1 ? m.json(manifest) : attack();
      return { how: `json: ${r.how}`, input: text(r.out) };
    }, async (input) => {
      const root = cidOf(input, JSON_CODEC);
      const io: BlockIO = {
        putBlock: async () => undefined,
        hasBlock: async (cid: CID) => cid.equals(root) || chunks.has(cid.toString()),
        getBlock: async (cid: CID) => {
          if (cid.equals(root)) return input;
          const bytes = chunks.get(cid.toString());
          if (!bytes) throw new StorageError(`block ${cid} is not in the fuzz store`);
          return bytes;
        },
      };
      return getBlob(io, root.toString());
    });
  });
});
