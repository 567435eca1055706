// Issue 18, item 5, "CLI without traps": each trap a newcomer met, as a test named after it (each fails on the old
// CLI). Real processes through the bin entry, real files in a temp folder removed afterwards. The deploy trap
// (15 transactions, then no deployments/ folder) is test/market/deploy-writable.test.ts (it needs a chain).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { clearAccumulator, parseModel, quantizeRow } from "../src/regression/index.js";

vi.setConfig({ testTimeout: 300_000 }); // several CLI processes per test, on a shared machine
const dir = mkdtempSync(join(tmpdir(), "encryptai-traps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f = (name: string) => join(dir, name);
const BIN = resolve("bin/encryptai.mjs");
function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 300_000, cwd: opts.cwd ?? process.cwd(), env: { ...process.env, ...opts.env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("exit codes: 0 ok, 1 negative verdict, 2 usage or bad input, 3 runtime failure", () => {
  it("a mistyped flag exits 1, the same code as an INVALID proof: now 2, and nothing is written", () => {
    const r = cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("typo"), "--presett", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option '--presett'/m);
    expect(existsSync(f("typo.sk"))).toBe(false);
    // a command group with no command, a missing required option, an excess argument: usage, 2
    expect(cli(["lwe"]).code).toBe(2);
    expect(cli(["lwe", "keygen"]).code).toBe(2);
    expect(cli(["decode", "extra", "--model", "m.json", "--value", "1"]).code).toBe(2);
  });
  it("--help never starts work: exit 0, no file, and the epilogue lists the exit codes", () => {
    const r = cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("help"), "--help"]);
    expect(r.code).toBe(0);
    expect(existsSync(f("help.sk"))).toBe(false);
    const top = cli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:\n {2}0 {2}ok\n {2}1 {2}a negative verdict.*\n {2}2 {2}usage or bad input.*\n {2}3 {2}runtime failure/);
  });
  it("an INVALID proof exits 1 (a negative verdict), a bad file 2", () => {
    expect(cli(["prove-example", "mimc", "--steps", "64", "--preset", "fast", "--out", f("fast.json")]).code).toBe(0);
    const v = cli(["verify", f("fast.json")]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^INVALID \(security\)/m);
    writeFileSync(f("garbage.json"), "not json");
    expect(cli(["verify", f("garbage.json")]).code).toBe(2);
  });
  it("a chain that cannot be reached is a runtime failure: exit 3, not 2", () => {
    const addr = `0x${"11".repeat(20)}`;
    const keys = ["token", "dataNft", "modelNft", "marketplace", "factory", "staking", "jobManager", "validityVerifier", "starkVerifier", "onchainVerifier"];
    writeFileSync(f("dep.json"), JSON.stringify({ chainId: 31337, addresses: Object.fromEntries(keys.map((k) => [k, addr])) }));
    const r = cli(["market", "balance", addr, "--rpc", "http://127.0.0.1:9", "--deployment", f("dep.json")], { env: { ENCRYPTAI_KEY: `0x${"22".repeat(32)}` } });
    expect(r.stderr).toMatch(/^error: cannot reach the RPC endpoint http:\/\/127\.0\.0\.1:9/m);
    expect(r.code).toBe(3);
  });
  it("error: error: (anvil's own prefix) — chain start --port 99999 is a usage error naming the port, one prefix", () => {
    const r = cli(["chain", "start", "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: --port 99999: expected a port from 1 to 65535\n");
  });
});

describe("secret keys", () => {
  it("lwe keygen silently overwrites an existing secret key: refused without --force", () => {
    expect(cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("k"), "--seed", "1"]).code).toBe(0);
    const before = readFileSync(f("k.sk"));
    const again = cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("k")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/secret key .*k\.sk already exists: refusing to overwrite it .*--force/);
    expect(readFileSync(f("k.sk")).equals(before)).toBe(true);
    expect(cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("k"), "--force"]).code).toBe(0);
    expect(readFileSync(f("k.sk")).equals(before)).toBe(false);
  });
  it("README commands write keys into the repository: a secret key git would not ignore is refused in a git work tree", () => {
    const repo = f("repo");
    mkdirSync(repo);
    expect(spawnSync("git", ["init", "-q", repo]).status).toBe(0);
    const r = cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", "alice"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/alice\.sk would be inside the git work tree .* git does not ignore it/);
    expect(existsSync(join(repo, "alice.pk"))).toBe(false);
    // git-ignored (as this repository's .gitignore does: *.sk): allowed; or with --force
    writeFileSync(join(repo, ".gitignore"), "*.sk\n");
    expect(cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", "alice"], { cwd: repo }).code).toBe(0);
    rmSync(join(repo, ".gitignore"));
    expect(cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", "bob", "--force"], { cwd: repo }).code).toBe(0);
  });
});

describe("outputs checked before any work", () => {
  it("an output in a missing folder is refused before the work (train, encrypt, prove-example)", () => {
    const missing = f("no-such-folder/x");
    for (const args of [
      ["train", "--dataset", "cars", "--out", missing],
      ["lwe", "encrypt", "--pk", f("k.pk"), "--values", "1", "--out", missing],
      ["prove-example", "mimc", "--steps", "64", "--out", missing],
      // before the chain is contacted (an unreachable endpoint would be exit 3)
      ["node", "--state", missing, "--rpc", "http://127.0.0.1:9", "--once"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/cannot write .*no-such-folder\/x: ENOENT: its folder does not exist/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("regression", () => {
  it("train --bits 16 writes a model no preset can hold without a warning: it warns", () => {
    const r = cli(["train", "--dataset", "cars", "--bits", "16", "--out", f("m16.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: no LWE preset can hold this 16-bit model/m);
    expect(cli(["train", "--dataset", "cars", "--bits", "8", "--out", f("m8.json")]).stderr).toBe("");
  });
  it("quantize clamps out-of-range inputs silently: it warns, naming the feature and the range", () => {
    const r = cli(["quantize", "--model", f("m8.json"), "--values", "8,307,130,3504,1200", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: Acceleration = 1200 is outside the model's range \[.*\]: clamped/m);
    expect((JSON.parse(r.stdout) as { clamped: { feature: string }[] }).clamped.map((c) => c.feature)).toEqual(["Acceleration"]);
    expect(cli(["quantize", "--model", f("m8.json"), "--values", "8,307,130,3504,12"]).stderr).toBe("");
  });
  it("predict --dataset reports metrics over all rows while train reports the test split: it says which, and --split test gives train's", () => {
    const all = cli(["predict", "--model", f("m8.json"), "--dataset", "cars"]);
    expect(all.stdout).toMatch(/^metrics over all \d+ rows given, \d+ of them the model's training rows/m);
    const trained = JSON.parse(cli(["train", "--dataset", "cars", "--bits", "8", "--json"]).stdout) as { model: { training: { testMetrics: { quantized: { mse: number } }; testRows: number } } };
    const test = JSON.parse(cli(["predict", "--model", f("m8.json"), "--dataset", "cars", "--split", "test", "--json"]).stdout) as { rows: number; metrics: { quantized: { mse: number } }; metricsCover: { split: string; trainingRowsIncluded: number } };
    expect(test.rows).toBe(trained.model.training.testRows);
    expect(test.metricsCover).toMatchObject({ split: "test", trainingRowsIncluded: 0 });
    expect(test.metrics.quantized.mse).toBeCloseTo(trained.model.training.testMetrics.quantized.mse, 9);
  });
  it("there is no command to turn a decrypted accumulator into the target's units: decode", () => {
    const file = parseModel(readFileSync(f("m8.json"), "utf8"));
    const row = [8, 307, 130, 3504, 12];
    const acc = clearAccumulator(file.model.quantized, quantizeRow(file.model.quantized, row));
    const r = cli(["decode", "--model", f("m8.json"), "--value", String(acc), "--json"]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { target: string; decoded: { accumulator: string; prediction: number; inRange: boolean }[] };
    expect(d.target).toBe("Miles_per_Gallon");
    expect(d.decoded[0]).toEqual({ accumulator: String(acc), prediction: acc * file.model.quantized.outputScale, inRange: true });
    // `lwe decrypt --json` output as --in; a value outside the model's range decodes with a warning
    writeFileSync(f("dec.json"), JSON.stringify({ values: [String(acc), "-99999999"] }));
    const two = cli(["decode", "--model", f("m8.json"), "--in", f("dec.json")]);
    expect(two.stdout).toMatch(/Miles_per_Gallon = \S+ × accumulator/);
    expect(two.stderr).toMatch(/^warning: accumulator -99999999 is outside this model's range/m);
    expect(cli(["decode", "--model", f("m8.json"), "--value", "1.5"]).code).toBe(2);
  });
});

describe("prove-example, verify", () => {
  it("verify never prints what it verified: it prints the statement checked", () => {
    expect(cli(["prove-example", "mimc", "--steps", "64", "--out", f("mimc.json")]).code).toBe(0);
    const v = cli(["verify", f("mimc.json")]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^checked: example mimc \{.*\}, trace 64 rows over \S+/m);
    expect(v.stdout).toMatch(/^valid: .* \d+ bits conjectured, \d+ bits proven/m);
    const j = JSON.parse(cli(["verify", f("mimc.json"), "--json"]).stdout) as { checked: { example: string; traceLength: number } };
    expect(j.checked).toMatchObject({ example: "mimc", traceLength: 64 });
  });
});

describe("zkVM: trace, prove", () => {
  const setup = () => {
    if (existsSync(f("x.bin"))) return;
    expect(cli(["lwe", "keygen", "--preset", "thesis-u8", "--out", f("t"), "--seed", "1"]).code).toBe(0);
    expect(cli(["lwe", "encrypt", "--pk", f("t.pk"), "--values", "2,3,3,2", "--out", f("x.bin"), "--seed", "2"]).code).toBe(0);
  };
  const program = ["programs/thesis-lr.txt", "--inputs", "", "--values", "3,2,4,2,1"];
  it("trace --columns accepts only indices, and --from 100 on a 64-row trace prints an empty table", () => {
    setup();
    program[2] = f("x.bin");
    const header = cli(["trace", ...program, "--rows", "1"]).stdout.split("\n")[0]!.trim().split(/\s+/);
    const names = header.slice(1, 3);
    const byName = cli(["trace", ...program, "--rows", "2", "--columns", names.join(",")]);
    expect(byName.code).toBe(0);
    expect(byName.stdout.split("\n")[0]!.trim().split(/\s+/)).toEqual(["step", ...names]);
    expect(cli(["trace", ...program, "--columns", "no_such_column"]).stderr).toMatch(/--columns: no column named "no_such_column" \(names: /);
    const far = cli(["trace", ...program, "--from", "100000"]);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/--from 100000: the trace has \d+ rows/);
  });
  it("prove has no --blowup, --queries, --hash: it takes them, validated", () => {
    setup();
    const base = ["prove", "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin"), "--out", f("p.json")];
    const ok = cli([...base, "--blowup", "16", "--queries", "30", "--hash", "sha256", "--json"]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { proofOptions: unknown }).proofOptions).toMatchObject({ blowup: 16, queries: 30, hash: "sha256" });
    // hostile review: a 5-bit proof was written without a word, and `verify` refused it later
    const weak = cli([...base, "--queries", "2", "--json"]);
    expect(weak.code).toBe(0);
    expect(weak.stderr).toMatch(/warning: \d+ bits conjectured and \d+ proven is below the default verification policy/);
    expect(ok.stderr).not.toMatch(/below the default verification policy/);
    const v = cli(["verify", f("p.json"), "--program", "programs/thesis-lr.txt", "--values", "3,2,4,2,1", "--inputs", f("x.bin")]);
    expect(v.stdout).toMatch(/^checked: program hash [0-9a-f]+, parameter set thesis-u8, trace \d+ rows/m);
    expect(cli([...base, "--blowup", "3"]).stderr).toMatch(/blowup = 3 is invalid/);
    expect(cli([...base, "--hash", "md5"]).stderr).toMatch(/--hash "md5": expected blake3-256, sha256 or keccak256/);
    expect(cli([...base, "--queries", "0"]).code).toBe(2);
  });
});
