// End-to-end tests of `encryptai train` and `encryptai predict`: real processes, real files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

const dir = tempFolder("encryptai-reg-");
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 180_000, cwd: process.cwd() });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("encryptai train / predict", () => {
  const model = join(dir, "penguins.json");
  it("trains a built-in data set, writes a hashed model file, and predicts encrypted = quantised", () => {
    const t = cli("train", "--dataset", "penguins", "--bits", "8", "--out", model, "--json");
    expect(t.code).toBe(0);
    const info = JSON.parse(t.stdout) as { hash: string; model: { training: { testMetrics: { float: { r2: number } } } } };
    expect(info.hash).toMatch(/^sha256:/);
    expect(info.model.training.testMetrics.float.r2).toBeGreaterThan(0.7);
    expect(JSON.parse(readFileSync(model, "utf8")).hash).toBe(info.hash);
    const p = cli("predict", "--model", model, "--dataset", "penguins", "--limit", "20", "--encrypted", "--encryption", "secret", "--seed", "x", "--json");
    expect(p.code).toBe(0);
    const r = JSON.parse(p.stdout) as { encryptedEqualsQuantized: boolean; rows: number; predictions: { quantized: number; encrypted: number }[] };
    expect(r.rows).toBe(20);
    expect(r.encryptedEqualsQuantized).toBe(true);
    for (const row of r.predictions) expect(row.encrypted).toBe(row.quantized);
  });
  it("trains on any CSV with named columns, and predicts on a CSV without the target", () => {
    const csv = join(dir, "lin.csv");
    writeFileSync(csv, `x1,x2,y\n${Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${2 * i - 3 * ((i * 7) % 11) + 5}`).join("\n")}\n`);
    const m = join(dir, "lin.json");
    expect(cli("train", "--csv", csv, "--features", "x1,x2", "--target", "y", "--bits", "12", "--method", "gd", "--out", m).code).toBe(0);
    const inputs = join(dir, "inputs.csv");
    writeFileSync(inputs, "x2,x1\n1,10\n");
    const r = JSON.parse(cli("predict", "--model", m, "--csv", inputs, "--json").stdout) as { predictions: { float: number }[] };
    expect(r.predictions[0]!.float).toBeCloseTo(2 * 10 - 3 + 5, 3);
  });
  it("bad input: one clear line, exit 2, and no half-written output", () => {
    const out = join(dir, "never.json");
    const cases: [string[], RegExp][] = [
      [["train", "--dataset", "cars", "--features", "Cylinders,Horsepwr", "--out", out], /no column "Horsepwr" — did you mean "Horsepower"\?/],
      [["train", "--dataset", "cars", "--bits", "20", "--out", out], /bits = 20: expected an integer from 2 to 16/],
      [["train", "--dataset", "cars", "--features", "Name", "--out", out], /column "Name" row 2: "chevrolet chevelle malibu" is not a number/],
      [["train", "--dataset", "iris", "--out", out], /unknown data set "iris"/],
      [["train", "--csv", join(dir, "nope.csv"), "--features", "a", "--target", "b", "--out", out], /cannot read CSV file/],
      [["predict", "--model", join(dir, "nope.json"), "--dataset", "cars"], /ENOENT/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(out)).toBe(false);
  });
  it("a hand-edited model file is rejected", () => {
    const edited = join(dir, "edited.json");
    writeFileSync(edited, readFileSync(model, "utf8").replace('"intercept":', '"intercept":1+').replace("1+", ""));
    const o = JSON.parse(readFileSync(model, "utf8")) as { model: { intercept: number } };
    o.model.intercept += 1;
    writeFileSync(edited, JSON.stringify(o));
    const r = cli("predict", "--model", edited, "--dataset", "penguins");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hash mismatch/);
  });
  it("encrypted prediction with a preset too small for the accumulator names the modulus needed", () => {
    const r = cli("predict", "--model", model, "--dataset", "penguins", "--encrypted", "--preset", "thesis-u8", "--limit", "3");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not plaintexts of "thesis-u8"|needs a/);
  });
});
