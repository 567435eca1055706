// Attacks from the hostile review of the CLI (issue 18), each a regression test named after what it found.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseColumns } from "../src/cli/vm.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(process.cwd(), "bin", "encryptai.mjs");

describe("hostile review of the CLI", () => {
  it("piping into head crashed with an EPIPE stack trace and exit 1: now a quiet exit 0", () => {
    // predict --json on seattle-weather prints ~150 KB, far more than a pipe holds once head has gone
    const model = join(dir, "temp.json");
    expect(spawnSync(process.execPath, [bin, "train", "--dataset", "seattle-weather", "--out", model], { encoding: "utf8" }).status).toBe(0);
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" predict --model "${model}" --dataset seattle-weather --json | head -c 10 > /dev/null`], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.status).toBe(0);
  }, 180_000);

  it("lwe keygen's git guard was bypassed through a symlinked folder", () => {
    const repo = join(dir, "repo");
    mkdirSync(join(repo, "sub"), { recursive: true });
    expect(spawnSync("git", ["init", "-q", repo]).status).toBe(0);
    const link = join(dir, "sublink");
    symlinkSync(join(repo, "sub"), link);
    const r = spawnSync(process.execPath, [bin, "lwe", "keygen", "--preset", "thesis", "--out", join(link, "alice")], { encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/would be inside the git work tree .*repo and git does not ignore it/);
  }, 180_000);

  it("trace --columns step was refused although the header prints step (the row index, always shown)", () => {
    expect(parseColumns("step,clk", ["clk", "depth"], 2)).toEqual([0]);
    expect(() => parseColumns("step", ["clk", "depth"], 2)).toThrow(/name at least one trace column \(step, the row index, is always shown\)/);
  });

  it("train with a text target said only 'not a number': now it points to --task classification; unknown columns never name an internal one", () => {
    const r = spawnSync(process.execPath, [bin, "train", "--dataset", "penguins", "--target", "Species"], { encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"Adelie" is not a number — a class label\? train a classifier with --task classification/);
    const model = join(dir, "species-cols.json");
    expect(spawnSync(process.execPath, [bin, "train", "--task", "classification", "--dataset", "penguins", "--out", model]).status).toBe(0);
    const csv = join(dir, "cols.csv");
    writeFileSync(csv, "a,b\n1,2\n");
    const p = spawnSync(process.execPath, [bin, "predict", "--model", model, "--csv", csv], { encoding: "utf8", timeout: 120_000 });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/no column "Beak Length \(mm\)".*\(columns: a, b\)/);
    expect(p.stderr).not.toMatch(/none/i);
  }, 180_000);

  it("npm run lab with a port too large for bash's integers leaked a bash error; --port=N was refused", () => {
    const huge = spawnSync("bash", ["scripts/lab.sh", "--port", "99999999999999999999"], { encoding: "utf8" });
    expect(huge.status).toBe(2);
    expect(huge.stderr).toBe("lab: --port needs a number from 1 to 65535\n");
    const noDashes = spawnSync("bash", ["scripts/lab.sh", "18999"], { encoding: "utf8" });
    expect(noDashes.stderr).toMatch(/npm needs the -- before the script's options/);
  });
});
