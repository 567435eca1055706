// The inference proof file from someone else (issue "Sound from model to payment", items 1 and 4): it round-trips,
// and every field is checked before anything is built — an unknown field, a version 2 file (no immediate width),
// an immediate width outside 2 … 16, a trace length over the cap, each refused by name.
import { describe, expect, it } from "vitest";
import { thesisJob } from "../node/thesis-job.testkit.js";
import { decodeProofFile, encodeProofFile, proofFileSizeError } from "./proof-file.js";

const job = thesisJob("proof-file");
const text = new TextDecoder().decode(job.proofFile);
const patched = (change: (f: Record<string, unknown>) => void) => {
  const f = JSON.parse(text) as Record<string, unknown>;
  change(f);
  return JSON.stringify(f);
};

describe("inference proof files", () => {
  it("round-trip the statement, the proof and the seeded flag", () => {
    const d = decodeProofFile(job.proofFile);
    expect(d.statement.immediateBits).toBe(job.statement.immediateBits);
    expect(d.statement.traceLength).toBe(job.statement.traceLength);
    expect(d.proof).toEqual(job.proof);
    expect(encodeProofFile(d.statement, d.proof)).toBe(text);
  });
  it.each([
    ["an unknown field", (f: Record<string, unknown>) => (f.note = "trust me"), /unknown field "note"/],
    ["a version 2 file", (f: Record<string, unknown>) => (f.version = 2), /version 2 is not supported \(expected 4; re-prove older files\)/],
    ["no immediate width", (f: Record<string, unknown>) => delete f.immediateBits, /immediateBits must be an even width in \[2, 16\]/],
    ["an odd immediate width", (f: Record<string, unknown>) => (f.immediateBits = 7), /immediateBits must be an even width/],
    ["an immediate width of 64", (f: Record<string, unknown>) => (f.immediateBits = 64), /immediateBits must be an even width/],
    ["2^28 rows", (f: Record<string, unknown>) => (f.traceLength = 2 ** 28), /traceLength must be an integer in \[1, 262144\], got 268435456/],
  ])("refuses %s, naming it", (_, change, message) => {
    expect(() => decodeProofFile(patched(change))).toThrow(message);
  });
  it("a file over the caps readers apply is never written, and the size is predicted before proving (a batch too large for one proof)", async () => {
    const { encryptMany, getParams, keygen, seededRandom } = await import("../lwe/index.js");
    const params = getParams("goldilocks-128");
    const [ct] = encryptMany(keygen(params, seededRandom("pf-caps")).publicKey, [1], seededRandom("pf-caps-x"));
    // 2,500 outputs of 16.8 kB: 56 MiB of base64, over the 32 MiB cap
    const big = { ...job.statement, params, outputs: new Array(2500).fill(ct!), inputs: [ct!] };
    expect(() => encodeProofFile(big, job.proof)).toThrow(/outputs would take \d+ base64 characters, over the cap of 33554432 that readers apply: prove fewer rows per proof/);
    expect(proofFileSizeError(params, 5, 2500, 5)).toMatch(/its 2500 output ciphertexts would take \d+ MiB of the proof file, over the cap of 32 MiB/);
    expect(proofFileSizeError(params, 5000, 1000, 5)).toBeUndefined(); // the 1,000-row cars batch fits
    expect(proofFileSizeError(params, 12000, 10, 5)).toMatch(/its 12000 input ciphertexts would take/);
  });
});
