#!/usr/bin/env node
// `npx encryptai …`: runs the CLI (src/cli/main.ts) from a compiled bundle, build/cli/encryptai.mjs, which esbuild
// (tsx's own compiler) rebuilds whenever a file under src/ is newer than it — start-up without compiling
// TypeScript on every call. Where the bundle cannot be built or written (a read-only install), it runs the
// sources through tsx's loader as before.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
process.env.ENCRYPTAI_HOME ??= root;
const bundle = join(root, "build", "cli", "encryptai.mjs");

/** Newest modification time (ms) of the .ts files under dir. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the bundle into a temporary file and renames it into place (two processes building at once both succeed). */
async function build() {
  const { build: esbuild } = await import("esbuild");
  const tmpDir = join(root, "build", "cli", `.building-${process.pid}`);
  mkdirSync(tmpDir, { recursive: true });
  const tmp = join(tmpDir, "encryptai.mjs");
  try {
    await esbuild({
      entryPoints: [join(root, "src", "cli", "main.ts")],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // the pure-JavaScript dependencies are bundled too (one file to parse instead of hundreds to resolve); the
      // embedded Hardhat chain, anvil and the TypeScript loader stay external (they load their own files at run time)
      external: ["hardhat", "@foundry-rs/anvil", "tsx", "esbuild", "@guildofweavers/genstark"],
      sourcemap: "linked",
      logLevel: "silent",
      // bundled CommonJS packages (commander, …) require Node's built-ins: give the ES module a require
      banner: { js: "import { createRequire as __encryptaiRequire } from 'node:module'; const require = __encryptaiRequire(import.meta.url);" },
    });
    renameSync(`${tmp}.map`, `${bundle}.map`);
    renameSync(tmp, bundle);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** When the installed packages last changed (they are bundled too): npm rewrites this file on every install. */
function packagesChanged() {
  const lock = join(root, "node_modules", ".package-lock.json");
  return existsSync(lock) ? statSync(lock).mtimeMs : 0;
}

let entry;
try {
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestSource(join(root, "src")), packagesChanged())) await build();
  entry = pathToFileURL(bundle).href;
} catch (e) {
  // sources that do not compile: say where, once, and stop (exit 3, a runtime failure) — tsx would fail the same way
  const first = Array.isArray(e?.errors) ? e.errors[0] : undefined;
  if (first) {
    const at = first.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : "";
    process.stderr.write(`error: the CLI's TypeScript sources do not compile: ${at}${first.text}\n`);
    process.exit(3);
  }
  if (process.env.ENCRYPTAI_DEBUG) process.stderr.write(`encryptai: no compiled bundle (${e instanceof Error ? e.message : String(e)}); running the sources through tsx\n`);
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("../src/cli/main.ts", import.meta.url).href;
}
await import(entry);
