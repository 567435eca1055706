/**
 * PNG images of HTML pages with headless Chromium (`--screenshot`, with the flags
 * `--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking`): one browser process per page, its own throw-away profile, a hard timeout, and a check
 * that the file it leaves is a non-empty PNG.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!isPng(bytes) || bytes.length < 24) throw new Error("not a PNG file");
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The headless browser: $CHROMIUM when set (it must exist), else /usr/bin/chromium, else the first of
 * chromium, chromium-browser, google-chrome on PATH; undefined when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM) return executable(env.CHROMIUM) ? env.CHROMIUM : undefined;
  if (executable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean))
    for (const name of CANDIDATES) if (executable(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Why there are no PNGs, and how to get them. */
export function noChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const where = env.CHROMIUM
    ? `$CHROMIUM = ${env.CHROMIUM} is not an executable file`
    : "no headless Chromium found (looked for /usr/bin/chromium, and chromium, chromium-browser, google-chrome on PATH)";
  return (
    `${where}: PNG images skipped (the page and the JSON are written). Install it with ` +
    "`sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu) or set CHROMIUM=/path/to/chrome."
  );
}

export interface ScreenshotOptions {
  readonly width: number;
  readonly height: number;
  /** Kill the browser after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Virtual time the page gets to render before the shot (default 5000 ms). */
  readonly virtualTimeMs?: number;
}

export class ScreenshotError extends Error {
  override name = "ScreenshotError";
}

/** Renders `htmlPath` to `pngPath` with `chromium`; resolves with the PNG's size in bytes, rejects with the reason. */
export function screenshot(chromium: string, htmlPath: string, pngPath: string, o: ScreenshotOptions): Promise<number> {
  const profile = mkdtempSync(join(tmpdir(), "report-chromium-"));
  const out = resolve(pngPath);
  rmSync(out, { force: true });
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    "--hide-scrollbars",
    `--window-size=${o.width},${o.height}`,
    `--virtual-time-budget=${o.virtualTimeMs ?? 5000}`,
    `--screenshot=${out}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  const timeoutMs = o.timeoutMs ?? 60_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(chromium, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    const finish = (err?: string): void => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (err) return reject(new ScreenshotError(`${htmlPath}: ${err}`));
      if (!existsSync(out)) return reject(new ScreenshotError(`${htmlPath}: chromium wrote no ${out}${tail(stderr)}`));
      const bytes = readFileSync(out);
      if (!isPng(bytes)) return reject(new ScreenshotError(`${htmlPath}: ${out} is ${bytes.length === 0 ? "empty" : "not a PNG"}${tail(stderr)}`));
      resolvePromise(bytes.length);
    };
    child.on("error", (e) => finish(`cannot start ${chromium}: ${e.message}`));
    child.on("exit", (code, signal) => {
      if (timedOut) finish(`chromium timed out after ${timeoutMs / 1000} s`);
      else if (code !== 0) finish(`chromium exited with ${signal ?? `code ${code}`}${tail(stderr)}`);
      else finish();
    });
  });
}

/** The last lines of chromium's stderr, for an error message. */
function tail(stderr: string): string {
  const lines = stderr.trim().split("\n").filter(Boolean).slice(-4);
  return lines.length ? `\nchromium said:\n  ${lines.join("\n  ")}` : "";
}
