// `npm run app` as the README gives it (scripts/app.ts): it builds the page, starts everything, prints a URL that
// serves the page and its configuration — public facts only, no private key — and stops cleanly on Ctrl+C.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp } from "../../app/server/app-server.js";
import { describe, expect, it } from "vitest";
import { wellKnownDevKeys } from "../../src/chain/dev-chain.js";
import { projectRoot } from "../../src/paths.js";

describe("npm run app", () => {
  it("prints the page's URL; the page and its configuration are served, with no private key; Ctrl+C stops everything", async () => {
    const child = spawn(process.execPath, [join(projectRoot(), "node_modules", "tsx", "dist", "cli.mjs"), "scripts/app.ts", "--port", "0"], { cwd: projectRoot(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 180 s:\n${out}`)), 180_000);
      const check = setInterval(() => {
        const m = /marketplace ready in [\d.]+ s: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          clearInterval(check);
          resolve(m[1]!);
        }
        if (child.exitCode !== null) reject(new Error(`npm run app exited with ${child.exitCode}:\n${out}`));
      }, 100);
    });
    try {
      const page = await (await fetch(url)).text();
      expect(page).toMatch(/<title>EncryptAI Workbench — marketplace<\/title>/);
      const configText = await (await fetch(new URL("app-config.json", url))).text();
      const config = JSON.parse(configText) as { chainId: number; accounts: { role: string }[]; nodes: { publicKey: string }[] };
      expect(config.chainId).toBe(31337);
      expect(config.accounts.map((a) => a.role)).toEqual(["provider", "engineer", "user"]);
      expect(config.nodes[0]!.publicKey).toMatch(/^0x04[0-9a-f]{128}$/);
      for (const k of wellKnownDevKeys()) expect(configText.toLowerCase()).not.toContain(k.replace(/^0x/, "").toLowerCase());
      expect(configText).not.toMatch(/privateKey|mnemonic/i);
    } finally {
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
    expect(out).toMatch(/stopping/);
  }, 240_000);

  it("a port in use is named, and what had started is stopped and removed (no temporary store left)", async () => {
    const busy = createServer(() => undefined);
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    const port = (busy.address() as AddressInfo).port;
    const dist = mkdtempSync(join(tmpdir(), "encryptai-app-dist-"));
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    // this test file's own temporary folder (other test files create app stores of their own meanwhile)
    const scratch = mkdtempSync(join(tmpdir(), "encryptai-app-tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await expect(startApp({ port, build: false, dist, log: () => undefined })).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is in use: choose another with --port`));
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await new Promise((r) => busy.close(r));
      rmSync(dist, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
