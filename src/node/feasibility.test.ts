// feasibility (issue 12, item 2) on its own: each check's sentence, the order (cheapest first; the proving estimate
// — which may cost a calibration proof — asked only when everything else passed), and no exception for anything.
import { describe, expect, it } from "vitest";
import { Ciphertext, deserializeCiphertexts, encryptMany, getParams, keygen, mulScalar, seededRandom, serializeCiphertexts } from "../lwe/index.js";
import { OPCODES } from "../vm/isa.js";
import { feasibility, inputCountOf } from "./feasibility.js";
import type { ModelManifest } from "./model-manifest.js";

const random = seededRandom("feasibility");
const params = getParams("thesis");
const manifest = {
  params: "thesis",
  features: ["a", "b"],
  opcodes: [OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.add],
} as unknown as ModelManifest;
const keys = keygen(params, random);
const two = encryptMany(keys.publicKey, [1, 2], random);
const job = { id: 7n, nodeFee: 10n, deadline: 10_000n };
const ctx = (o: Partial<Parameters<typeof feasibility>[3]> = {}) => ({ now: 1_000n, minNodeFee: 1n, marginSeconds: 60, provingMs: async () => 2_000, ...o });

describe("feasibility", () => {
  it("counts the program's read2 instructions", () => {
    expect(inputCountOf(manifest)).toBe(2);
  });
  it("ok for a job the node can finish", async () => {
    expect(await feasibility(job, manifest, two, ctx())).toEqual({ ok: true });
  });
  it("checks the fee first, then the count, the parameter set and key, the time last", async () => {
    let asked = 0;
    const provingMs = async () => (asked++, 2_000);
    expect(await feasibility({ ...job, nodeFee: 0n }, manifest, two.slice(0, 1), ctx({ provingMs }))).toEqual({ ok: false, reason: "the node fee 0 EAI is below this node's minimum of 0.000000000000000001 EAI" });
    expect(await feasibility(job, manifest, two.slice(0, 1), ctx({ provingMs }))).toEqual({ ok: false, reason: "the input has 1 ciphertext, not whole rows of the model's 2 features (a, b); the program reads 2 per row" });
    expect(await feasibility(job, manifest, [...two, two[0]!], ctx({ provingMs }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^the input has 3 ciphertexts, not whole rows of the model's 2 features/) });
    // two rows: a batch, which the thesis's per-round hash cannot prove
    expect(await feasibility(job, manifest, [...two, ...two], ctx({ provingMs }))).toEqual({ ok: false, reason: 'a batch of 2 rows needs a Goldilocks parameter set (the model commitment\'s sponge); the model runs on "thesis"' });
    const other = encryptMany(keygen(getParams("thesis-u8"), random).publicKey, [1, 2], random);
    expect(await feasibility(job, manifest, other, ctx({ provingMs }))).toEqual({ ok: false, reason: 'input ciphertext 0 is under parameter set "thesis-u8", the model runs on "thesis"' });
    const otherKey = encryptMany(keygen(params, random).publicKey, [2], random);
    expect(await feasibility(job, manifest, [two[0]!, otherKey[0]!], ctx({ provingMs }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^input ciphertext 1 is under key [0-9a-f]+, ciphertext 0 under key [0-9a-f]+: one job's inputs are under one key$/) });
    expect(asked).toBe(0);
    expect(await feasibility({ ...job, deadline: 1_059n }, manifest, two, ctx({ provingMs }))).toEqual({ ok: false, reason: "the deadline leaves 59 s, less than this node's margin of 60 s alone" });
    expect(asked).toBe(0);
    // 2 × 2 s + 60 s = 64 s needed
    expect(await feasibility({ ...job, deadline: 1_063n }, manifest, two, ctx({ provingMs }))).toEqual({ ok: false, reason: "the deadline leaves 63 s; this node needs 64 s (2 × its proving estimate of 2.0 s + 60 s margin)" });
    expect(await feasibility({ ...job, deadline: 1_064n }, manifest, two, ctx({ provingMs }))).toEqual({ ok: true });
  });
  it("a user's input whose provenance would overflow the output's (the honest node judged on a malformed output file): refused", async () => {
    // hostile review, issue 16: a term coefficient of 1.7e308 is finite, so the loader takes it; scaled by a weight it
    // becomes Infinity, and the output file the node writes is one no reader takes (on the on-chain tier: Invalid)
    const [ct] = two;
    const [id, term] = [...ct!.terms][0]!;
    const huge = new Ciphertext(ct!.params, ct!.keyId, ct!.data, new Map([[id, { ...term, coefficient: 1.7e308 }]]), ct!.plainWeight, "file");
    const file = serializeCiphertexts([mulScalar(huge, 2)]);
    expect(() => deserializeCiphertexts(file)).toThrow(/non-finite coefficient/);
    expect(await feasibility(job, manifest, [huge, two[1]!], ctx())).toEqual({ ok: false, reason: "input ciphertext 0 carries a provenance value 1.7e+308 beyond ±2^64: the outputs' provenance could overflow, and the output file could not be written well" });
    const heavy = new Ciphertext(ct!.params, ct!.keyId, ct!.data, ct!.terms, Infinity, "file");
    expect(await feasibility(job, manifest, [two[0]!, heavy], ctx())).toMatchObject({ ok: false, reason: expect.stringMatching(/^input ciphertext 1 carries a provenance value Infinity/) });
  });
  it("a model that cannot run here, or an unknown parameter set, is a reason, not an exception", async () => {
    const failing = ctx({ provingMs: async () => Promise.reject(new Error("execution error at step 3")) });
    expect(await feasibility(job, manifest, two, failing)).toEqual({ ok: false, reason: "the model cannot be proved on this node (its calibration proof failed: execution error at step 3)" });
    expect(await feasibility(job, { ...manifest, params: "no-such-set" }, two, ctx())).toMatchObject({ ok: false, reason: expect.stringMatching(/^the model's parameter set "no-such-set" is unknown to this node/) });
  });
  it("a batch job at goldilocks-128: whole rows, the time scaled by the rows (an over-estimate: a batch costs less per row)", async () => {
    const gl = getParams("goldilocks-128");
    const glManifest = { ...manifest, params: gl.id, weights: "public", opcodes: [OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.add2, ...new Array<number>(9).fill(OPCODES.noop)] } as unknown as ModelManifest;
    const k = keygen(gl, random);
    const rows3 = encryptMany(k.publicKey, [1, 2, 3, 4, 5, 6], random);
    // 2 × 3 rows × 2 s + 60 s = 72 s needed
    expect(await feasibility({ ...job, deadline: 1_071n }, glManifest, rows3, ctx())).toEqual({ ok: false, reason: "the deadline leaves 71 s; this node needs 72 s (2 × 3 rows × its proving estimate of 2.0 s per row + 60 s margin)" });
    expect(await feasibility({ ...job, deadline: 1_072n }, glManifest, rows3, ctx())).toEqual({ ok: true });
    expect(await feasibility(job, glManifest, rows3.slice(0, 5), ctx())).toMatchObject({ ok: false, reason: expect.stringMatching(/^the input has 5 ciphertexts, not whole rows/) });
  });
  it("a batch whose proof file no watcher would read (over the proof-file caps) is refused before the stake is locked", async () => {
    const gl = getParams("goldilocks-128");
    // a 3-class, 4-feature classifier's shape: each row read three times, three scores left
    const score = [OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.add2, OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.add2, OPCODES.read2, OPCODES.read, OPCODES.smul, OPCODES.add2];
    const opcodes = [...score, ...score, ...score].flatMap((c, i) => (i % 14 === 13 ? [c, OPCODES.noop, OPCODES.noop] : [c]));
    while (opcodes.length % 16 !== 0) opcodes.push(OPCODES.noop);
    const classifier = { ...manifest, params: gl.id, weights: "public", features: ["a", "b", "c", "d"], opcodes } as unknown as ModelManifest;
    const k = keygen(gl, random);
    const one = encryptMany(k.publicKey, [1, 2, 3, 4], random);
    const rows600 = Array.from({ length: 600 }, () => one).flat();
    expect(await feasibility({ ...job, deadline: 10n ** 9n }, classifier, rows600, ctx())).toMatchObject({ ok: false, reason: expect.stringMatching(/^a batch of 600 rows: its 1800 output ciphertexts would take \d+ MiB of the proof file, over the cap of 32 MiB: prove fewer rows per proof$/) });
    expect(await feasibility({ ...job, deadline: 10n ** 9n }, classifier, rows600.slice(0, 400), ctx())).toEqual({ ok: true });
  });
});
