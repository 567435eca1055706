// Layering (issue 12, item 4; STYLE.md convention 1): imports flow one way — chain below market below node below
// cli. This reads the import lines of src/chain/*.ts and src/market/*.ts and fails if src/market imports src/cli
// (or src/node), or if src/chain imports src/market (or anything above it): the atomic writer lives in src/io and
// the dev chain's constants in src/chain/dev-chain.ts, so neither layer needs the other's upward.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "..", "src");

/** The src/ folders a file's imports reach (static, re-exports, dynamic and `import("…")` types), relative ones only. */
function importedLayers(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)].map((m) => m[1]!);
  const layers = new Set<string>();
  for (const s of specs) {
    if (!s.startsWith(".")) continue;
    const target = relative(SRC, resolve(dirname(file), s));
    if (target.startsWith("..")) continue;
    layers.add(target.includes("/") ? target.split("/")[0]! : target.replace(/\.[jt]s$/, ""));
  }
  return [...layers].sort();
}

const ABOVE_PROVER = ["vm", "regression", "node", "market", "chain", "cli", "notebook", "report", "soak"];
const FORBIDDEN: Record<string, readonly string[]> = {
  math: ["hash", "lwe", "air", "prover", ...ABOVE_PROVER],
  hash: ["lwe", "air", "prover", ...ABOVE_PROVER],
  air: ["prover", ...ABOVE_PROVER],
  prover: ABOVE_PROVER,
  chain: ["market", "node", "cli", "notebook", "report"],
  market: ["node", "cli", "notebook", "report"],
};

function violations(layer: string, sourcesOnly = false): string[] {
  const dir = join(SRC, layer);
  const out: string[] = [];
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith(".ts") && !(sourcesOnly && n.endsWith(".test.ts")))) {
    const path = join(dir, f);
    for (const l of importedLayers(path, readFileSync(path, "utf8"))) if (FORBIDDEN[layer]!.includes(l)) out.push(`src/${layer}/${f} imports src/${l}`);
  }
  return out;
}

describe("layering: chain below market below cli", () => {
  it("the import reader sees static, re-exported, dynamic and type imports", () => {
    const f = join(SRC, "market", "x.ts");
    const text = [
      'import { a } from "../cli/atomic-write.js";',
      'export { b } from "../node/errors.js";',
      'const c = await import("../chain/anvil.js");',
      'type P = import("../io/atomic-write.js").FileToWrite;',
      'import "../report/page.js";',
      'import { Wallet } from "ethers";',
      'import { own } from "./errors.js";',
    ].join("\n");
    expect(importedLayers(f, text)).toEqual(["chain", "cli", "io", "market", "node", "report"]);
  });
  it("src/market imports neither src/cli nor src/node", () => {
    expect(violations("market")).toEqual([]);
  });
  it("math → hash → air → prover → vm: the VM's AIR lives in src/vm/air, nothing below the VM imports it", () => {
    // (tests may prove an example AIR with the prover: only the modules themselves are checked)
    expect(["math", "hash", "air", "prover"].flatMap((l) => violations(l, true))).toEqual([]);
  });
  it("src/chain imports nothing from src/market (nor above): its constants live in src/chain", () => {
    expect(violations("chain")).toEqual([]);
  });
});
