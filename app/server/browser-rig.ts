/**
 * The browser harness of the app tests and the app benchmark: the app server (app/server/app-server.ts) on a free port and the system Chromium
 * driven by playwright-core (never a downloaded browser), with every console error, page error and request the
 * page makes recorded — the tests fail on a console error and scan the requests for secrets. Screenshots go to
 * reports/app/ (test artefacts).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { type AppHandle, type AppOptions, buildApp, startApp } from "./app-server.js";
import { projectRoot } from "../../src/paths.js";
import { findChromium, noChromiumMessage } from "../../src/report/screenshot.js";

export const SCREENSHOT_DIR = join(projectRoot(), "reports", "app");

/** What a page did: its console errors and page errors, and every request with its body. */
export interface PageRecord {
  readonly errors: string[];
  readonly requests: { url: string; method: string; body: Buffer | null }[];
  readonly responses: { url: string; body: Buffer }[];
}

export interface BrowserRig {
  readonly app: AppHandle;
  readonly browser: Browser;
  readonly log: string[];
  /** A fresh browser context (its own storage) with one page on the app, recorded. */
  newPage(o?: { readonly recordResponses?: boolean; readonly ignoreErrors?: RegExp; /** A script run in the page before its own (an injected wallet). */ readonly initScript?: string }): Promise<{ page: Page; context: BrowserContext; record: PageRecord }>;
  close(): Promise<void>;
}

export async function startRig(o: { readonly challengeWindow?: number; /** More app options (another chain by --rpc). */ readonly app?: AppOptions } = {}): Promise<BrowserRig> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(noChromiumMessage());
  // its own build in a temporary folder: another run (npm run app, a second test file) never rebuilds under it
  const dist = mkdtempSync(join(tmpdir(), "encryptai-app-dist-"));
  const log: string[] = [];
  let app: AppHandle;
  try {
    await buildApp(dist);
    app = await startApp({ build: false, dist, port: 0, challengeWindow: o.challengeWindow ?? 8, log: (l) => log.push(l), ...o.app });
  } catch (e) {
    rmSync(dist, { recursive: true, force: true });
    throw e;
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    app,
    browser,
    log,
    newPage: async (p = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      if (p.initScript) await context.addInitScript(p.initScript);
      const page = await context.newPage();
      const record: PageRecord = { errors: [], requests: [], responses: [] };
      page.on("console", (m) => {
        if (m.type() === "error" && !(p.ignoreErrors?.test(m.text()) ?? false)) record.errors.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => record.errors.push(`page error: ${e.message}`));
      page.on("request", (r) => record.requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
      if (p.recordResponses)
        page.on("response", (r) => {
          void r.body().then(
            (body) => record.responses.push({ url: r.url(), body }),
            () => undefined,
          );
        });
      page.setDefaultNavigationTimeout(90_000);
      await page.goto(app.url, { waitUntil: "domcontentloaded" });
      return { page, context, record };
    },
    close: async () => {
      await browser.close();
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** Opens a screen and waits until it has rendered. */
export async function openScreen(page: Page, name: "browse" | "provider" | "user" | "explore"): Promise<void> {
  await page.evaluate((n) => (location.hash = `#/${n}`), name);
  await page.waitForSelector(`#screen[data-ready="${name}"]`, { timeout: 60_000 });
}

/** Chooses a dev account by role in the header's account chooser (the screen renders again). */
export async function chooseAccount(page: Page, rig: BrowserRig, role: string): Promise<void> {
  const address = rig.app.config.accounts.find((a) => a.role === role)!.address;
  const screen = await page.getAttribute("#screen", "data-ready");
  await page.evaluate(() => document.getElementById("screen")!.removeAttribute("data-ready"));
  await page.selectOption("#account-select", address);
  if (screen) await page.waitForSelector(`#screen[data-ready="${screen}"]`, { timeout: 60_000 });
}

/** The error messages the page shows. */
export async function pageErrors(page: Page): Promise<string[]> {
  return page.$$eval('.message[data-kind="error"]', (els) => els.map((e) => e.textContent ?? ""));
}

/** Waits for an error message matching `pattern` and returns it. */
export async function expectPageError(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = (await pageErrors(page)).find((m) => pattern.test(m));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no error message matching ${pattern} on the page; it shows: ${JSON.stringify(await pageErrors(page))}`);
    await page.waitForTimeout(100);
  }
}

/** Waits for an info message matching `pattern`. */
export async function expectPageInfo(page: Page, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const texts = await page.$$eval(".message", (els) => els.map((e) => e.textContent ?? ""));
    const found = texts.find((m) => pattern.test(m));
    if (found) return found;
    const errors = await pageErrors(page);
    if (errors.length > 0) throw new Error(`waiting for ${pattern}, the page shows an error: ${errors.join(" | ")}`);
    if (Date.now() > deadline) throw new Error(`no message matching ${pattern}; the page shows: ${JSON.stringify(texts)}`);
    await page.waitForTimeout(100);
  }
}

/** Fills the User screen's row form. */
export async function fillRow(page: Page, row: readonly number[]): Promise<void> {
  for (const [j, x] of row.entries()) await page.fill(`input[data-feature="${j}"]`, String(x));
}

/** Clicks "request" on the User screen and returns the id of the job the page says it requested. */
export async function requestJobOnPage(page: Page): Promise<bigint> {
  await page.click("#request-job");
  const msg = await expectPageInfo(page, /job #\d+ requested/);
  return BigInt(/job #(\d+)/.exec(msg)![1]!);
}
