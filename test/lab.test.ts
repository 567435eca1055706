// `npm run lab` (scripts/lab.sh): the classic Jupyter server starts in the repository with the project's tslab
// kernel and the notebooks, prints a URL with its token, and refuses bad options before starting anything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });

describe("npm run lab", () => {
  it("refuses an unknown option or a bad port with exit code 2, before starting a server", () => {
    const bad = spawnSync("bash", ["scripts/lab.sh", "--prot", "8888"], { encoding: "utf8", timeout: 10_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option "--prot"');
    const port = spawnSync("bash", ["scripts/lab.sh", "--port", "http"], { encoding: "utf8", timeout: 10_000 });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain("--port needs a number");
  });

  it.runIf(!existsSync("/usr/bin/jupyter-notebook"))("without the notebook server, says what to install (exit 3)", () => {
    const r = spawnSync("bash", ["scripts/lab.sh"], { encoding: "utf8", timeout: 10_000 });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("npm run setup");
  });

  it.runIf(existsSync("/usr/bin/jupyter-notebook"))("serves the notebooks with the tslab kernel at the URL it prints", async () => {
    const port = await freePort();
    const child = spawn("bash", ["scripts/lab.sh", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"], detached: true });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      let url: string | undefined;
      while (!url && Date.now() < deadline) {
        url = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]+`).exec(log)?.[0];
        if (!url) await new Promise((r) => setTimeout(r, 250));
      }
      expect(url, log).toBeDefined();
      expect(log).toContain(`lab: starting Jupyter on http://127.0.0.1:${port}/`);
      const token = new URL(url!).searchParams.get("token")!;
      const api = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}?token=${token}`)).json() as Promise<Record<string, any>>;
      const specs = await api("/api/kernelspecs");
      expect(specs.kernelspecs.tslab?.spec?.display_name).toBe("TypeScript (tslab)");
      const listing = await api("/api/contents/notebooks");
      const names = (listing.content as { name: string }[]).map((f) => f.name);
      expect(names).toContain("01-lwe-noise.ipynb");
      expect(names.filter((n) => n.endsWith(".ipynb")).length).toBeGreaterThanOrEqual(7);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
    }
  }, 90_000);
});
