// End-to-end: `encryptai assemble | run | trace | prove | verify` through the bin entry, with real key,
// ciphertext, model and proof files; the thesis example and a trained model at the secure f128-128 preset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "encryptai-vm-"));
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
    expect(t.stdout).toMatch(/2366 of 2366 single-cell changes caught \(100\.00 %\)/);
    const p = cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--out", f("p.json"), "--output-ct", f("o.bin"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).conjecturedBits).toBeGreaterThanOrEqual(100);
    expect(cli("verify", f("p.json")).stdout).toMatch(/^valid: encrypted inference/);
    expect(cli("lwe", "decrypt", "--sk", f("t.sk"), "--in", f("o.bin")).stdout.trim()).toBe("29");
    // another output, other public values: rejected
    const proof = JSON.parse(readFileSync(f("p.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(f("wrong.json"), JSON.stringify({ ...proof, publicValues: ["3", "2", "4", "2", "2"] }));
    const w = cli("verify", f("wrong.json"));
    expect(w.code).toBe(1);
    expect(w.stdout).toMatch(/^INVALID/);
    writeFileSync(f("wrong2.json"), JSON.stringify({ ...proof, output: proof.inputs }));
    expect(cli("verify", f("wrong2.json")).code).not.toBe(0);
  });
  it("a trained model at f128-128: quantise, encrypt, prove with private weights in zero knowledge, verify, decrypt", () => {
    expect(cli("train", "--dataset", "cars", "--bits", "8", "--out", f("m.json")).code).toBe(0);
    const q = cli("quantize", "--model", f("m.json"), "--values", "8,307,130,3504,12");
    expect(q.code).toBe(0);
    const row = q.stdout.trim();
    expect(row.split(",")).toHaveLength(5);
    expect(cli("lwe", "keygen", "--preset", "f128-128", "--out", f("s"), "--seed", "3").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("s.pk"), "--values", row, "--out", f("q.bin"), "--seed", "4").code).toBe(0);
    const p = cli("prove", "--model", f("m.json"), "--inputs", f("q.bin"), "--preset", "f128-128", "--weights", "private", "--zk", "--salt", "123,456", "--out", f("mp.json"), "--output-ct", f("mo.bin"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ mode: 2, zeroKnowledge: true });
    expect(cli("verify", f("mp.json"), "--min-security", "100").stdout).toMatch(/^valid/);
    expect(cli("lwe", "decrypt", "--sk", f("s.sk"), "--in", f("mo.bin")).code).toBe(0);
    // the proof file holds no immediate: the weights are private
    expect(JSON.parse(readFileSync(f("mp.json"), "utf8")).publicValues).toEqual([]);
  });
  it("the Goldilocks preset (goldilocks-128, Rp64 hash rounds, 3 lanes): proves, verifies, decrypts to 29", () => {
    expect(cli("assemble", "programs/thesis-lr.txt", "--field", "goldilocks", "--json").stdout).toMatch(/"hash": "rp64-goldilocks"/);
    expect(cli("lwe", "keygen", "--preset", "goldilocks-128", "--out", f("g"), "--seed", "5").code).toBe(0);
    expect(cli("lwe", "encrypt", "--pk", f("g.pk"), "--values", "2,3,3,2", "--out", f("gx.bin"), "--seed", "6").code).toBe(0);
    const p = cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin"), "--salt", "1,2,3,4", "--out", f("gp.json"), "--output-ct", f("go.bin"), "--json");
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ hash: "rp64-goldilocks", mode: 3 });
    expect(cli("verify", f("gp.json"), "--min-security", "100").stdout).toMatch(/^valid/);
    expect(cli("lwe", "decrypt", "--sk", f("g.sk"), "--in", f("go.bin")).stdout.trim()).toBe("29");
    expect(cli("prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("gx.bin"), "--salt", "1,2", "--out", f("gq.json")).stderr).toMatch(/--salt takes 4 integers/);
  });
  it("names bad input: an unknown op with its line, too few inputs with the step, a wrong preset", () => {
    writeFileSync(f("bad.txt"), "read2\nread\nsmull\n");
    expect(cli("assemble", f("bad.txt")).stderr).toMatch(/line 3: instruction smull is invalid/);
    expect(cli("run", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--values", "3,2").stderr).toMatch(/step 8 \(line 14\): read: all 2 public values were already read/);
    expect(cli("prove", "--program", "programs/thesis-lr.txt", "--inputs", f("x.bin"), "--preset", "f128-128", "--out", f("z.json")).stderr).toMatch(/inputs are for parameter set "thesis-u8", not "f128-128"/);
  });
});
