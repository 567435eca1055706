import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport } from "./build.js";
import { SUITES_FIXTURE } from "./test-fixtures.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A stand-in repository root: package.json, node_modules (for plotly.js) and reports/bench/ with the fixture suites. */
function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "report-build-test-"));
  dirs.push(root);
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "report-test", version: "0.0.1" }));
  symlinkSync(join(process.cwd(), "node_modules"), join(root, "node_modules"), "dir");
  mkdirSync(join(root, "reports", "bench"), { recursive: true });
  for (const [name, file] of Object.entries(SUITES_FIXTURE)) writeFileSync(join(root, "reports", "bench", `${name}.json`), JSON.stringify(file));
  return root;
}

describe("buildReport --from-json", () => {
  it("writes the page, the raw JSON and one figure per chart; missing suites are warnings", async () => {
    const root = fakeRoot();
    const out = join(root, "out");
    const lines: string[] = [];
    const r = await buildReport({ root, out, quick: true, fromJson: true, png: false, log: (l) => lines.push(l) });
    expect(r.failures).toEqual([]);
    expect(r.warnings.some((w) => w.includes("math.json"))).toBe(true);
    expect(r.pngs).toEqual([]);
    const html = readFileSync(r.index, "utf8");
    expect(html).toContain('<section id="machine">');
    expect(html).toContain("--no-png");
    expect(html.length).toBeGreaterThan(1_000_000); // plotly.js inlined
    for (const f of ["analysis.json", "report.json", "bench/gas.json", "bench/vm.json", "charts/gas.json", "charts/lwe-security.json"]) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, "bench", "math.json"))).toBe(false);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.charts).toHaveLength(12);
    expect(report.environment.versions.some((v: { name: string }) => v.name === "node")).toBe(true);
    const analysis = JSON.parse(readFileSync(join(out, "analysis.json"), "utf8"));
    expect(analysis.lweSecurity.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith("read 6 suite files"))).toBe(true);
  });

  it("fails clearly when there is nothing to read", async () => {
    const root = fakeRoot();
    rmSync(join(root, "reports"), { recursive: true });
    await expect(buildReport({ root, out: join(root, "out"), quick: true, fromJson: true, png: false, log: () => undefined })).rejects.toThrow(/--from-json: no suite results/);
  });
});
