// `npm run app` as the README gives it (scripts/app.ts): it builds the page, starts everything, prints a URL that
// serves the page and its configuration — public facts only, no private key — and stops cleanly on Ctrl+C.
import { spawn } from "node:child_process";
import { join } from "node:path";
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
});
