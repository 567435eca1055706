// End-to-end: `encryptai assemble | run | trace | prove | verify` through the bin entry, with real key,
// ciphertext, model and proof files; the thesis example and a trained model at the secure f128-128 preset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseModel, predictQuantized } from "../src/regression/index.js";

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

const dir = tempFolder("encryptai-vm-");
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const f = (name: string) => join(dir, name);

describe("encryptai assemble / run / trace / prove / verify", () => {
  it("the thesis example: assembles, runs to 29, traces with a 100% mutation score, proves and verifies", () => {
    expect(cli("assemble", "programs/thesis-lr.txt").stdout).toMatch(/32 steps: read2 read smul read2 read smul add2/);
    expect(cli("lwe", "keygen", "--preset", "thesis-u8", "--out", f("t"), "--seed", "1").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("t.pk"), "--values", "2,3,3,2", "--out", f("x.bin"), "--seed", "2").code).toBe(0);
    expect(cli("run", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--values", "3,2,4,2,1", "--out", f("y.bin")).code).toBe(0);
    expect(cli("lwe", "decrypt", "--sk", f("t.sk"), "--in", f("y.bin")).stdout.trim()).toBe("29");
    const t = cli("trace", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--values", "3,2,4,2,1", "--rows", "3", "--mutation");
    expect(t.stdout).toMatch(/constraint violations: 0/);
    expect(t.stdout).toMatch(/2878 of 2878 single-cell changes caught \(100\.00 %\)/);
    const p = cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--out", f("p.json"), "--output-ct", f("o.bin"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).conjecturedBits).toBeGreaterThanOrEqual(100);
    const trusted = ["--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin")];
    const ok = cli("verify", f("p.json"), ...trusted);
    expect(ok.stdout).toMatch(/^statement: program programs\/thesis-lr.txt \(hashed here\) and your inputs/m);
    expect(ok.stdout).toMatch(/^policy "default": ≥ 100 bits conjectured \(ethSTARK\) and ≥ 64 bits proven/m);
    expect(ok.stdout).toMatch(/^valid: encrypted inference verified — 127 bits conjectured, \d+ bits proven \(list decoding\)/m);
    // the inputs were encrypted with --seed: verify says so; the proof itself was not seeded
    expect(ok.stdout).toMatch(/^note: --inputs \S*x\.bin \(ciphertexts\) was produced in seeded mode \(--seed\): for experiments only$/m);
    expect(ok.stdout).not.toMatch(/zero-knowledge randomness was seeded/);
    expect(cli("lwe", "decrypt", "--sk", f("t.sk"), "--in", f("o.bin")).stdout.trim()).toBe("29");
    // no trusted source: refused, saying what to give
    const bare = cli("verify", f("p.json"));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/say what you trust: --manifest/);
    expect(cli("verify", f("p.json"), "--statement-from-file").stdout).toMatch(/the proof file's own claim[\s\S]*^valid/m);
    // the prover's own public values (weights) with an honest proof of them: the verifier's statement differs
    const proof = JSON.parse(readFileSync(f("p.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(f("wrong.json"), JSON.stringify({ ...proof, publicValues: ["3", "2", "4", "2", "2"] }));
    const w = cli("verify", f("wrong.json"), ...trusted);
    expect(w.code).toBe(1);
    expect(w.stdout).toMatch(/^INVALID \(statement: publicValues\)/m);
    writeFileSync(f("wrong2.json"), JSON.stringify({ ...proof, output: proof.inputs }));
    expect(cli("verify", f("wrong2.json"), ...trusted).code).not.toBe(0);
    // a stricter policy than the proof's options meet: refused, naming the policy's floor
    const strict = cli("verify", f("p.json"), ...trusted, "--policy", "strict");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^INVALID \(security\): .*policy "strict" requires/m);
    expect(cli("verify", f("p.json"), ...trusted, "--policy", "lax").stderr).toMatch(/unknown security policy "lax"/);
  }, 300_000);
  it("a trained model at f128-128: quantise, encrypt, prove with private weights in zero knowledge, verify, decrypt", () => {
    expect(cli("train", "--dataset", "cars", "--bits", "8", "--out", f("m.json")).code).toBe(0);
    const q = cli("quantize", "--model", f("m.json"), "--values", "8,307,130,3504,12");
    expect(q.code).toBe(0);
    const row = q.stdout.trim();
    expect(row.split(",")).toHaveLength(5);
    expect(cli("lwe", "keygen", "--preset", "f128-128", "--out", f("s"), "--seed", "3").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("s.pk"), "--values", row, "--out", f("q.bin"), "--seed", "4").code).toBe(0);
    const p = cli("prove", "--model", f("m.json"), "--inputs", f("q.bin"), "--preset", "f128-128", "--weights", "private", "--zk", "--out", f("mp.json"), "--output-ct", f("mo.bin"), "--manifest-out", f("m.manifest.json"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ mode: 2, zeroKnowledge: true, seeded: false });
    expect(cli("verify", f("mp.json"), "--manifest", f("m.manifest.json"), "--inputs", f("q.bin")).stdout).toMatch(/^valid/m);
    // the output is decrypted under the verified statement's noise bound; the output file alone is not trusted
    const dec = cli("verify", f("mp.json"), "--manifest", f("m.manifest.json"), "--inputs", f("q.bin"), "--decrypt", f("s.sk"));
    expect(dec.stdout).toMatch(/^decrypted output: -?\d+ \(noise bounded by the verified statement/m);
    // …and decoded into the target's units with the model's output scale: the quantised model's prediction
    expect(JSON.parse(p.stdout).decode).toMatchObject({ target: "Miles_per_Gallon" });
    const decoded = JSON.parse(cli("verify", f("mp.json"), "--manifest", f("m.manifest.json"), "--inputs", f("q.bin"), "--decrypt", f("s.sk"), "--decode", f("m.json"), "--json").stdout) as { decoded: { target: string; value: number } };
    const model = parseModel(readFileSync(f("m.json"), "utf8")).model;
    expect(decoded.decoded.target).toBe("Miles_per_Gallon");
    expect(decoded.decoded.value).toBeCloseTo(predictQuantized(model.quantized, [8, 307, 130, 3504, 12]), 9);
    const unverified = cli("lwe", "decrypt", "--sk", f("s.sk"), "--in", f("mo.bin"));
    expect(unverified.code).toBe(2);
    expect(unverified.stderr).toMatch(/origin is unverified .* more than a fresh encryption's/);
    const trusting = cli("lwe", "decrypt", "--sk", f("s.sk"), "--in", f("mo.bin"), "--trust-file-provenance");
    expect(trusting.stdout.trim()).toBe(/decrypted output: (-?\d+)/.exec(dec.stdout)![1]);
    expect(trusting.stderr).toMatch(/noise checked against: file provenance \(trusted by the caller\)/);
    // the proof file holds no immediate: the weights are private
    expect(JSON.parse(readFileSync(f("mp.json"), "utf8")).publicValues).toEqual([]);
    // private weights without zero knowledge, or with a chosen salt: refused unless the flag says what it gives away
    const noZk = cli("prove", "--model", f("m.json"), "--inputs", f("q.bin"), "--weights", "private", "--out", f("np.json"));
    expect(noZk.code).toBe(2);
    expect(noZk.stderr).toMatch(/need --zk: without zero knowledge the proof's openings give the weights away/);
    const chosen = cli("prove", "--model", f("m.json"), "--inputs", f("q.bin"), "--weights", "private", "--zk", "--salt", "123,456", "--out", f("np.json"));
    expect(chosen.code).toBe(2);
    expect(chosen.stderr).toMatch(/--salt needs --insecure-chosen-salt/);
    expect(() => readFileSync(f("np.json"))).toThrow();
  });
  it("the Goldilocks preset (goldilocks-128, the RPO-256 model commitment, 3 lanes): proves, verifies, decrypts to 29", () => {
    expect(cli("assemble", "programs/thesis-lr.txt", "--field", "goldilocks", "--json").stderr).toMatch(/binds the public values: the program reads 5, give them with --values/);
    const assembled = JSON.parse(cli("assemble", "programs/thesis-lr.txt", "--field", "goldilocks", "--values", "3,2,4,2,1", "--json").stdout);
    expect(assembled).toMatchObject({ hash: "rpo-goldilocks" });
    expect(cli("lwe", "keygen", "--preset", "goldilocks-128", "--out", f("g"), "--seed", "5").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("g.pk"), "--values", "2,3,3,2", "--out", f("gx.bin"), "--seed", "6").code).toBe(0);
    const p = cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin"), "--out", f("gp.json"), "--output-ct", f("go.bin"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ hash: "rpo-goldilocks", mode: 3 });
    expect(JSON.parse(readFileSync(f("gp.json"), "utf8")).programHash).toEqual(assembled.elements.map(String)); // assemble's commitment is the one proved
    expect(cli("verify", f("gp.json"), "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin")).stdout).toMatch(/^valid/m);
    expect(cli("verify", f("gp.json"), "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin"), "--decrypt", f("g.sk")).stdout).toMatch(/^decrypted output: 29 /m);
    expect(cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin"), "--salt", "1,2", "--insecure-chosen-salt", "--out", f("gq.json")).stderr).toMatch(/--salt takes 4 integers/);
  });
  it("prove --seed: said to be for experiments, recorded, named by verify; one statement and seed give one proof file", () => {
    const args = ["prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--zk", "--seed", "9"];
    const p = cli(...args, "--out", f("zs1.json"));
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/^note: --seed makes the zero-knowledge randomness \(derived from the seed and the statement\) reproducible by whoever knows the seed — for experiments only/m);
    expect(JSON.parse(readFileSync(f("zs1.json"), "utf8")).seeded).toBe(true);
    expect(cli(...args, "--out", f("zs2.json")).code).toBe(0);
    expect(readFileSync(f("zs2.json")).equals(readFileSync(f("zs1.json")))).toBe(true);
    const v = cli("verify", f("zs1.json"), "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--json");
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, notes: [expect.stringMatching(/zero-knowledge randomness was seeded/), expect.stringMatching(/--inputs \S*x\.bin \(ciphertexts\) was produced in seeded mode/)] });
  });
  it("prove half-written: the proof and the output ciphertext are written together or not at all", () => {
    const r = cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--out", f("pair.json"), "--output-ct", join(dir, "no-such-folder", "o.bin"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \S*no-such-folder\/o\.bin: ENOENT: its folder does not exist/);
    expect(() => readFileSync(f("pair.json"))).toThrow(/ENOENT/);
  });
  it("names bad input: an unknown op with its line, too few inputs with the step, a wrong preset", () => {
    writeFileSync(f("bad.txt"), "read2\nread\nsmull\n");
    expect(cli("assemble", f("bad.txt")).stderr).toMatch(/line 3: instruction smull is invalid/);
    expect(cli("run", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--values", "3,2").stderr).toMatch(/step 8 \(line 14\): read: all 2 public values were already read/);
    expect(cli("prove", "--program", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--preset", "f128-128", "--out", f("z.json")).stderr).toMatch(/inputs are for parameter set "thesis-u8", not "f128-128"/);
  });
});
