// Red team (issue 11, item 4 — bounded resources; dishonest node vs. the watcher): judgeJob parses the node's
// proof file in the WATCHER'S OWN PROCESS (src/node/job-verdict.ts submittedProofFile → decodeProofFile →
// JSON.parse) before the sandboxed STARK check (verify-sandbox.ts) re-parses it under its heap limit. The only cap
// there is the file size (PROOF_FILE_LIMITS.bytes = 64 MiB), and JSON.parse amplifies it ~30×: a proof file of
// 64 MiB of nested `[[[[…]]]]` (the node commits to its own file, so the proof hash matches) needs ~1.9 GiB of
// heap and ~14 s of the main thread. Under the sandbox's own 1 GiB budget the main process aborts with a V8
// out-of-memory crash (exit 134) instead of returning a verdict — on a host whose default heap is ~2 GiB (8 GB of
// RAM) that is the watcher process itself.
//
// Secure behaviour asserted: decoding a proof file within the caps, as judgeJob does in the caller's process, fits
// the same 1 GiB budget the STARK check gets and ends in a ProofFileError, not an abort.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROOF_FILE_LIMITS } from "../../src/vm/proof-file.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

describe("a cap-sized hostile proof file, decoded outside the sandbox", () => {
  it("64 MiB of nested arrays: decodeProofFile under a 1 GiB heap refuses the file rather than aborting", () => {
    const dir = tempFolder("encryptai-redteam-json-");
    const head = '{"format":"encryptai-inference-proof","x":';
    const depth = Math.floor((PROOF_FILE_LIMITS.bytes - head.length - 1) / 2);
    const path = join(dir, "hostile.json");
    writeFileSync(path, `${head}${"[".repeat(depth)}${"]".repeat(depth)}}`);
    const script = join(dir, "decode.ts");
    writeFileSync(
      script,
      [
        'import { readFileSync } from "node:fs";',
        `import { decodeProofFile } from ${JSON.stringify(join(process.cwd(), "src", "vm", "proof-file.ts"))};`,
        "const bytes = new Uint8Array(readFileSync(process.argv[2]!));",
        "try { decodeProofFile(bytes); console.log('decoded'); } catch (e) { console.log(`refused: ${(e as Error).name}`); }",
      ].join("\n"),
    );
    const r = spawnSync(process.execPath, ["--max-old-space-size=1024", "--import", "tsx", script, path], { encoding: "utf8", timeout: 180_000 });
    expect({ exit: r.status, out: r.stdout.trim() }, r.stderr.split("\n").find((l) => /heap|memory/i.test(l)) ?? "").toEqual({ exit: 0, out: "refused: ProofFileError" });
  }, 240_000);
});
