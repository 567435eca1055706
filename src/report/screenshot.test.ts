import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { plotlyBundlePath } from "./build.js";
import { chartPage } from "./page.js";
import { PNG_SIGNATURE, findChromium, isPng, pngSize, screenshot } from "./screenshot.js";

const chromium = findChromium();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("PNG checks", () => {
  it("recognise the signature and read the size", () => {
    const header = new Uint8Array(24);
    header.set(PNG_SIGNATURE);
    new DataView(header.buffer).setUint32(16, 640);
    new DataView(header.buffer).setUint32(20, 480);
    expect(isPng(header)).toBe(true);
    expect(pngSize(header)).toEqual({ width: 640, height: 480 });
    expect(isPng(new Uint8Array(0))).toBe(false);
    expect(isPng(new TextEncoder().encode("<html>not a png</html>"))).toBe(false);
  });

  it("findChromium honours $CHROMIUM and reports a missing one as absent", () => {
    expect(findChromium({ CHROMIUM: "/nonexistent/chromium", PATH: "" })).toBeUndefined();
  });

  it("fails with the page's name when the browser writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-shot-test-"));
    dirs.push(dir);
    await expect(screenshot("/bin/true", join(dir, "none.html"), join(dir, "none.png"), { width: 100, height: 100 })).rejects.toThrow(/none\.html: chromium wrote no/);
  });
});

describe.skipIf(!chromium)("headless Chromium", () => {
  it("renders a chart page to a PNG of the window's size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-shot-test-"));
    dirs.push(dir);
    copyFileSync(plotlyBundlePath(process.cwd()), join(dir, "plotly.min.js"));
    const chart = {
      id: "t",
      title: "test",
      caption: "",
      sources: [],
      height: 300,
      figure: { data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "test" } } },
    };
    writeFileSync(join(dir, "t.html"), chartPage(chart, "plotly.min.js", 400));
    const bytes = await screenshot(chromium!, join(dir, "t.html"), join(dir, "t.png"), { width: 400, height: 300, timeoutMs: 60_000 });
    const png = readFileSync(join(dir, "t.png"));
    expect(png.length).toBe(bytes);
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 400, height: 300 });
    expect(png.length).toBeGreaterThan(3000); // a drawn chart, not a blank page
  });
});
