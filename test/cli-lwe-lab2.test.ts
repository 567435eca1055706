// `lwe estimate` sweeps, `lwe solve` and `lwe keygen --params` (issue "LWE lab 2", item 4), through the real CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

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

const dir = tempFolder("encryptai-lab2-");
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const customSet = {
  id: "lab2-custom",
  modulus: "goldilocks",
  n: 1024,
  m: 1024,
  secret: { kind: "uniform", a: -1, b: 1 },
  keyError: { kind: "gaussian", stddev: 2 ** 20 },
  encRandomness: { kind: "uniform", a: -1, b: 1 },
  encError: { kind: "gaussian", stddev: 2 ** 20 },
  plaintextModulus: 2 ** 22,
  encoding: "signed",
};

describe("lwe estimate: lists and ranges", () => {
  it("a sweep prints one row per point and model, as JSON rows and as CSV", () => {
    const r = cli("lwe", "estimate", "--n", "1024,2048", "--logq", "60..64:+2", "--error", "gaussian:2^20..2^21:x2", "--models", "core-svp", "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { n: number; logQ: number; bits: number; limitedBy: string }[];
    expect(rows).toHaveLength(2 * 3 * 2);
    const at = (n: number, logQ: number) => rows.filter((x) => x.n === n && x.logQ === logQ).map((x) => x.bits);
    expect(Math.min(...at(2048, 60))).toBeGreaterThan(Math.max(...at(2048, 64))); // larger q, less security
    const csv = cli("lwe", "estimate", "--n", "1024", "--logq", "64", "--error", "gaussian:2^20", "--models", "core-svp,matzov", "--csv");
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^n,log2 q,secret,error,m,model,bits,limited by,/);
    expect(lines).toHaveLength(3);
  });
  it("bad ranges and lists are refused with the text and the rule (exit 2, no stack)", () => {
    const cases: [string[], RegExp][] = [
      [["lwe", "estimate", "--n", "1024", "--logq", "64..54"], /range "64..54" has no points/],
      [["lwe", "estimate", "--n", "1024..2048:+0", "--logq", "64"], /step \+0: expected a step > 0/],
      [["lwe", "estimate", "--n", "1..100000", "--logq", "64"], /has 100000 points, more than the 10000/],
      [["lwe", "estimate", "--n", "1024", "--logq", "64", "--json", "--csv"], /--json or --csv, not both/],
      [["lwe", "estimate", "--n", "1024", "--logq", "64", "--attacks", "magic"], /"magic" is not an attack/],
      [["lwe", "estimate", "--n", "0", "--logq", "64"], /--n: 0 is not an integer ≥ 1/],
      [["lwe", "solve", "--for", "sigma", "--norm", "0", "--n", "2048", "--logq", "64"], /circuit norm B = 0/],
      [["lwe", "solve", "--for", "sigma", "--norm", "1048576", "--n", "2048", "--logq", "64"], /no log2 σ meets both targets/],
      [["lwe", "solve", "--for", "n", "--norm", "10", "--logq", "64"], /sigma = \(missing\): solving for n needs sigma and logQ/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("lwe solve", () => {
  it("answers the largest σ for 128 bits and ‖c‖₂ ≤ 512 at n = 2048, log2 q = 64, with the interval of good values", () => {
    const r = cli("lwe", "solve", "--for", "sigma", "--norm", "512", "--n", "2048", "--logq", "64", "--json");
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { value: number; interval: [number, number]; bits: number; log2Failure: number };
    expect(a.bits).toBeGreaterThanOrEqual(128);
    expect(a.log2Failure).toBeLessThanOrEqual(-40);
    expect(a.interval[1]).toBe(a.value);
    expect(a.interval[0]).toBeLessThan(a.value);
  });
});

describe("lwe keygen --params", () => {
  it("a custom set: keys made, security and noise budget printed, a warning below 128 bits; the files round-trip", () => {
    const file = join(dir, "custom.json");
    writeFileSync(file, JSON.stringify(customSet));
    const prefix = join(dir, "k");
    const r = cli("lwe", "keygen", "--params", file, "--out", prefix, "--seed", "lab2");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/parameter set "lab2-custom": core-svp \d+\.\d bits/);
    expect(r.stdout).toMatch(/largest ‖c‖₂ at 2\^-40 = \d+/);
    expect(r.stderr).toMatch(/warning: parameter set "lab2-custom" has \d+\.\d bits core-SVP .* below 128/);
    expect(cli("lwe", "encrypt", "--pk", `${prefix}.pk`, "--values", "5,-7", "--out", join(dir, "c.ct")).code).toBe(0);
    expect(cli("lwe", "decrypt", "--sk", `${prefix}.sk`, "--in", join(dir, "c.ct")).stdout.trim().split("\n")).toEqual(["5", "-7"]);
  });
  it("bad custom sets are refused, naming the field and the rule", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...customSet, n: 0 }, /n \(secret dimension\) = 0: expected an integer in \[1, 65536\]/],
      [{ ...customSet, keyError: { kind: "gaussian", stddev: -1 } }, /keyError.stddev \(σ\) = -1/],
      [{ ...customSet, id: "goldilocks-128" }, /id "goldilocks-128" is a built-in preset's, with other values/],
      [{ ...customSet, colour: "red" }, /unknown field "colour"/],
      [{ ...customSet, delta: "x" }, /delta \(Δ\) = "x"/],
      [{ ...customSet, plaintextModulus: 1 }, /plaintextModulus \(t\) = 1/],
    ];
    for (const [set, msg] of cases) {
      const file = join(dir, "bad.json");
      writeFileSync(file, JSON.stringify(set));
      const r = cli("lwe", "keygen", "--params", file, "--out", join(dir, "bad"));
      expect(r.code, JSON.stringify(set)).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
    const huge = join(dir, "huge.json");
    writeFileSync(huge, " ".repeat(70_000));
    expect(cli("lwe", "keygen", "--params", huge, "--out", join(dir, "bad")).stderr).toMatch(/70000 bytes is more than a parameter file may have/);
    expect(cli("lwe", "keygen", "--params", huge, "--preset", "thesis", "--out", join(dir, "bad")).stderr).toMatch(/--preset or --params, not both/);
  });
});
