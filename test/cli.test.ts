// End-to-end tests of the `encryptai` CLI through its bin entry: real processes, real files.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Ciphertext, deserializeCiphertexts, getParams, lweFileInfo, modulusOf } from "../src/lwe/index.js";
import { getElement } from "../src/lwe/zq.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("encryptai lwe (CLI)", () => {
  it("keygen → encrypt → decrypt round-trips signed values through files", () => {
    const prefix = join(dir, "alice");
    expect(cli("lwe", "keygen", "--preset", "goldilocks-128", "--out", prefix, "--seed", "cli").code).toBe(0);
    expect(readFileSync(`${prefix}.sk`).length).toBeGreaterThan(2048 * 4);
    const values = join(dir, "values.txt");
    writeFileSync(values, "3, -7\n12\n");
    expect(cli("lwe", "encrypt", "--pk", `${prefix}.pk`, "--in", values, "--out", join(dir, "x.ct")).code).toBe(0);
    const r = cli("lwe", "decrypt", "--sk", `${prefix}.sk`, "--in", join(dir, "x.ct"), "--json");
    expect(r.code).toBe(0);
    // the key was made with --seed: decrypt names it (the ciphertexts were not)
    expect(JSON.parse(r.stdout)).toEqual({ values: ["3", "-7", "12"], noiseRule: "fresh-ciphertext residual (origin unverified)", seededInputs: [`${prefix}.sk`] });
  });
  it("reports bad input as one clear line with exit code 2, never a stack trace", () => {
    const prefix = join(dir, "bob");
    cli("lwe", "keygen", "--preset", "thesis-u8", "--out", prefix, "--seed", "1");
    const cases: [string[], RegExp][] = [
      [["lwe", "keygen", "--preset", "nope", "--out", prefix], /unknown parameter set "nope": expected one of/],
      [["lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "300", "--out", join(dir, "y.ct")], /plaintext 300 is outside \[0, 255\]/],
      [["lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "1,x", "--out", join(dir, "y.ct")], /item 2 "x" is not an integer/],
      [["lwe", "decrypt", "--sk", `${prefix}.pk`, "--in", join(dir, "y.ct")], /holds a public key, expected a secret key|no such file/],
      [["lwe", "decrypt", "--sk", join(dir, "missing.sk"), "--in", join(dir, "y.ct")], /ENOENT: no such file or directory/],
      [["lwe", "estimate", "--n", "0", "--logq", "20"], /--n: 0 is not an integer ≥ 1/],
      [["lwe", "estimate", "--n", "100", "--logq", "20", "--error", "gaussian:-2"], /stddev = -2/],
      [["lwe", "estimate", "--n", "100", "--logq", "20", "--models", "fast"], /"fast" is not a cost model/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it("a corrupted ciphertext file is rejected", () => {
    const prefix = join(dir, "carol");
    cli("lwe", "keygen", "--preset", "thesis", "--out", prefix, "--seed", "2");
    cli("lwe", "encrypt", "--sk", `${prefix}.sk`, "--values", "1,2", "--out", join(dir, "c.ct"));
    const bytes = readFileSync(join(dir, "c.ct"));
    bytes[bytes.length - 40]! ^= 0xff;
    writeFileSync(join(dir, "c.ct"), bytes);
    const r = cli("lwe", "decrypt", "--sk", `${prefix}.sk`, "--in", join(dir, "c.ct"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/checksum mismatch/);
  });
  it("estimate reproduces the lattice-estimator's Kyber512 primal figures and answers the inverse question", () => {
    const r = cli("lwe", "estimate", "--n", "512", "--q", "3329", "--secret", "cbd:3", "--error", "cbd:3", "--m", "512", "--json");
    const rep = JSON.parse(r.stdout) as { results: { attack: string; model: string; rop: number; beta: number }[] };
    const matzov = rep.results.find((x) => x.attack === "primal-usvp" && x.model === "matzov")!;
    expect(matzov.rop).toBeCloseTo(143.8, 0);
    expect(matzov.beta).toBe(406);
    const inv = JSON.parse(cli("lwe", "estimate", "--n", "1024", "--solve", "logq", "--models", "bdgl16", "--json").stdout) as { rows: { largestLogQ: number }[] };
    expect(inv.rows[0]!.largestLogQ).toBeGreaterThan(26); // HE standard: 27 for ternary at n = 1024
    expect(inv.rows[0]!.largestLogQ).toBeLessThan(29);
  });
  it("params --json lists every preset with its security and model", () => {
    const rows = JSON.parse(cli("lwe", "params", "--json").stdout) as { id: string; security: { model: string; bits: number }[] }[];
    expect(rows.map((r) => r.id)).toEqual(["thesis", "thesis-u8", "goldilocks-128", "f128-128"]);
    const g = rows.find((r) => r.id === "goldilocks-128")!;
    expect(g.security.find((s) => s.model === "core-svp")!.bits).toBeGreaterThanOrEqual(128);
  });
  it("the seeded lab report is reproducible in its sampled results", () => {
    const a = JSON.parse(cli("lwe", "report", "--seed", "r", "--json").stdout) as { thesisAttack: { candidatesTried: number }; roundTrip: { correct: boolean; measuredNoiseStddev: number } };
    const b = JSON.parse(cli("lwe", "report", "--seed", "r", "--json").stdout) as typeof a;
    expect(a.roundTrip.correct).toBe(true);
    expect(a.roundTrip.measuredNoiseStddev).toBe(b.roundTrip.measuredNoiseStddev);
    expect(a.thesisAttack.candidatesTried).toBe(b.thesisAttack.candidatesTried);
  });
});

describe("seeded mode (issue 11, item 5)", () => {
  const params = getParams("goldilocks-128");
  const q = modulusOf(params).q;
  const body = (ct: Ciphertext) => getElement(modulusOf(params), ct.data, params.n);
  const load = (file: string) => deserializeCiphertexts(readFileSync(file))[0]!;
  it("lwe encrypt seed reused: one --seed for different values gives different masks, and the body difference is not Δ·(m1 − m2)", () => {
    const prefix = join(dir, "reuse");
    expect(cli("lwe", "keygen", "--preset", "goldilocks-128", "--out", prefix, "--seed", "k").code).toBe(0);
    const a = cli("lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "5", "--out", join(dir, "a.ct"), "--seed", "reused");
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/seeded: for experiments only/);
    expect(a.stderr).toMatch(/^note: --seed makes the ciphertexts .* for experiments only/m);
    expect(cli("lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "1234", "--out", join(dir, "b.ct"), "--seed", "reused").code).toBe(0);
    const [c1, c2] = [load(join(dir, "a.ct")), load(join(dir, "b.ct"))];
    expect(Buffer.from(c1.mask().slice().buffer).equals(Buffer.from(c2.mask().slice().buffer))).toBe(false);
    expect((((body(c1) - body(c2)) % q) + q) % q).not.toBe((((params.delta * (5n - 1234n)) % q) + q) % q);
    // the same value, position, key and seed: the same ciphertext (what "reproducible" means)
    expect(cli("lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "5", "--out", join(dir, "a2.ct"), "--seed", "reused").code).toBe(0);
    expect(readFileSync(join(dir, "a2.ct")).equals(readFileSync(join(dir, "a.ct")))).toBe(true);
    const d = cli("lwe", "decrypt", "--sk", `${prefix}.sk`, "--in", join(dir, "b.ct"));
    expect(d.stdout.trim()).toBe("1234");
  });
  it("the files record the mode; keygen and encrypt say it is for experiments, decrypt names the seeded inputs", () => {
    const seeded = join(dir, "seeded");
    const k = cli("lwe", "keygen", "--preset", "thesis-u8", "--out", seeded, "--seed", "s");
    expect(k.stderr).toMatch(/^note: --seed makes the key pair reproducible by whoever knows the seed — for experiments only/m);
    expect(cli("lwe", "encrypt", "--sk", `${seeded}.sk`, "--values", "7,8", "--out", join(dir, "s.ct"), "--seed", "s").code).toBe(0);
    expect([`${seeded}.pk`, `${seeded}.sk`, join(dir, "s.ct")].map((f) => lweFileInfo(readFileSync(f)))).toMatchObject([
      { version: 2, kind: "public key", seeded: true },
      { version: 2, kind: "secret key", seeded: true },
      { version: 2, kind: "ciphertexts", seeded: true },
    ]);
    const d = cli("lwe", "decrypt", "--sk", `${seeded}.sk`, "--in", join(dir, "s.ct"));
    expect(d.stdout.trim()).toBe("7\n8");
    expect(d.stderr).toMatch(new RegExp(`^note: ${seeded}\\.sk \\(secret key\\) was produced in seeded mode`, "m"));
    expect(d.stderr).toMatch(/s\.ct \(ciphertexts\) was produced in seeded mode \(--seed\): for experiments only/);
    // without --seed: no flag, no note
    const plain = join(dir, "plain");
    const p = cli("lwe", "keygen", "--preset", "thesis-u8", "--out", plain);
    expect(p.stderr).toBe("");
    expect(cli("lwe", "encrypt", "--pk", `${plain}.pk`, "--values", "1", "--out", join(dir, "p.ct")).code).toBe(0);
    expect([`${plain}.sk`, join(dir, "p.ct")].map((f) => lweFileInfo(readFileSync(f)).seeded)).toEqual([false, false]);
    expect(cli("lwe", "decrypt", "--sk", `${plain}.sk`, "--in", join(dir, "p.ct")).stderr).not.toMatch(/seeded mode/);
  });
  it("keygen writes .pk and .sk as a pair or neither", () => {
    // the .sk path is a folder: refused before anything is written, naming the file
    const folder = join(dir, "pair1");
    mkdirSync(`${folder}.sk`);
    const r = cli("lwe", "keygen", "--preset", "thesis-u8", "--out", folder);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`error: cannot write ${folder}\\.sk: it is a folder`));
    expect(existsSync(`${folder}.pk`)).toBe(false);
    // the .sk exists read-only: kept as it is, and no .pk
    const ro = join(dir, "pair2");
    writeFileSync(`${ro}.sk`, "keep me");
    chmodSync(`${ro}.sk`, 0o400);
    // (without --force an existing secret key is never replaced; with it, a read-only one still is not)
    expect(cli("lwe", "keygen", "--preset", "thesis-u8", "--out", ro).stderr).toMatch(/already exists: refusing to overwrite it/);
    const r2 = cli("lwe", "keygen", "--preset", "thesis-u8", "--out", ro, "--force");
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`cannot write ${ro}\\.sk: the file is read-only \\(mode 400\\)`));
    expect(existsSync(`${ro}.pk`)).toBe(false);
    expect(readFileSync(`${ro}.sk`, "utf8")).toBe("keep me");
    // once writable, both are written
    chmodSync(`${ro}.sk`, 0o600);
    expect(cli("lwe", "keygen", "--preset", "thesis-u8", "--out", ro, "--force").code).toBe(0);
    expect(lweFileInfo(readFileSync(`${ro}.pk`)).kind).toBe("public key");
    expect(lweFileInfo(readFileSync(`${ro}.sk`)).kind).toBe("secret key");
  });
});
