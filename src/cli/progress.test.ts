// Progress bars (issue 18, item 5): drawn on stderr only when it is a terminal — a pipe (tests, scripts, --json
// consumers) sees nothing; the library reports progress for the bar to draw.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encryptMany, getParams, keygen, seededRandom } from "../lwe/index.js";
import { gradientDescent } from "../regression/gradient-descent.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-progress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = resolve("bin/encryptai.mjs");

describe("progress bars", () => {
  it("progress bars exist only in predict --encrypted: lwe encrypt draws one on a terminal, nothing on a pipe", () => {
    const env = { ...process.env, ENCRYPTAI_NO_PROGRESS: "" };
    expect(spawnSync(process.execPath, [BIN, "lwe", "keygen", "--preset", "goldilocks-128", "--out", join(dir, "k"), "--seed", "p"], { env }).status).toBe(0);
    const values = Array.from({ length: 400 }, (_, i) => i).join(",");
    const args = ["lwe", "encrypt", "--pk", join(dir, "k.pk"), "--values", values, "--seed", "p"];
    const piped = spawnSync(process.execPath, [BIN, ...args, "--out", join(dir, "a.ct")], { encoding: "utf8", env });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/encrypting \[/);
    // a terminal: `script` gives the command a pseudo-terminal (util-linux); skipped where it is missing
    if (!existsSync("/usr/bin/script")) return;
    const cmd = [process.execPath, BIN, ...args, "--out", join(dir, "b.ct")].map((a) => `'${a}'`).join(" ");
    const tty = spawnSync("/usr/bin/script", ["-qec", `${cmd} >/dev/null`, "/dev/null"], { encoding: "utf8", env });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/encrypting \[[=-]+\] 400\/400/);
  }, 120_000);
  it("encryptMany reports its batches, ending at the total", () => {
    const { publicKey } = keygen(getParams("thesis-u8"), seededRandom("k"));
    const seen: number[] = [];
    encryptMany(publicKey, Array.from({ length: 40 }, (_, i) => i % 200), seededRandom("e"), { onProgress: (done, total) => seen.push(done * 1000 + total) });
    expect(seen).toEqual([16040, 32040, 40040]);
  });
  it("gradient descent (train --method gd) reports every 100 iterations", () => {
    const x = Array.from({ length: 20 }, (_, i) => Float64Array.of((i - 10) / 6));
    const y = x.map((r) => 3 * r[0]! + 1);
    const seen: number[] = [];
    gradientDescent(x, y, { maxIterations: 300, tolerance: 0, learningRate: 0.01, onProgress: (i, max) => seen.push(i * 1000 + max) });
    expect(seen).toEqual([100300, 200300, 300300]);
  });
});
