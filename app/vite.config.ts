// Vite configuration of the web app (issue "The marketplace in a web page"): the page and its worker bundle the
// same src/ modules as the CLI. Node built-ins resolve to app/shims/: node:crypto, node:util and node:os to
// browser implementations (noble hashes and ciphers, Web Crypto), the rest to functions that throw when called.
import { fileURLToPath } from "node:url";
import { type Plugin, defineConfig } from "vite";

const shim = (file: string): string => fileURLToPath(new URL(`./shims/${file}`, import.meta.url));
const UNAVAILABLE = ["fs", "fs/promises", "path", "url", "worker_threads", "child_process", "module", "net", "http"];

/**
 * The page talks to deployed contracts and never deploys one: the generated artifacts' bytecode (most of their
 * 400 KB) is left out of the browser bundle, ABIs kept; `deployContract` refuses an empty bytecode by name.
 */
const abiOnlyArtifacts: Plugin = {
  name: "encryptai-abi-only-artifacts",
  transform(code, id) {
    if (!id.endsWith("/src/market/artifacts.generated.ts")) return undefined;
    return { code: code.replace(/bytecode: "0x[0-9a-fA-F]*"/g, 'bytecode: "0x"'), map: null };
  },
};

export default defineConfig({
  plugins: [abiOnlyArtifacts],
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  clearScreen: false,
  logLevel: "warn",
  resolve: {
    alias: [
      { find: /^node:crypto$/, replacement: shim("node-crypto.ts") },
      { find: /^node:util$/, replacement: shim("node-util.ts") },
      { find: /^node:os$/, replacement: shim("node-os.ts") },
      ...UNAVAILABLE.map((m) => ({ find: new RegExp(`^node:${m.replace("/", "\\/")}$`), replacement: shim("node-unavailable.ts") })),
    ],
  },
  // src/ reads a few environment switches (process.env.X ?? default): the browser has none
  define: { "process.env": "{}" },
  worker: { format: "es", plugins: () => [abiOnlyArtifacts] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 8192,
    reportCompressedSize: true,
  },
});
