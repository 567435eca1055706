/**
 * A memory and time budget per job (issue "Sound from model to payment", item 4): the STARK check of a proof file
 * that someone else wrote runs in a worker thread with a heap limit and a deadline, so that whatever the file
 * makes the verifier do — beyond the parsers' caps, or through a bug nobody has found yet — the watcher gets a
 * verdict with a reason ("check": "budget"), never a V8 out-of-memory abort or a hang. The worker re-parses the
 * bytes itself (verify-sandbox-worker.ts) and runs `verifyAgainstTrusted`; only plain data crosses the boundary.
 *
 * The worker (verify-sandbox-boot.mjs) loads the TypeScript sources through tsx's loader, as bin/encryptai.mjs
 * does, so it runs the same code from the CLI, the tests and the notebooks.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type Ciphertext, serializeCiphertexts } from "../lwe/index.js";
import type { SecurityPolicy } from "../prover/policy.js";
import { projectRoot } from "../paths.js";
import type { CommittedModel, InferenceVerdict } from "../vm/statement.js";

/** The resources one job's STARK check may use. */
export interface VerifyBudget {
  /** The worker's heap (V8 old generation), MiB. */
  readonly memoryMiB: number;
  /** Wall-clock time, ms. */
  readonly timeMs: number;
}

/**
 * Default budget: 1 GiB and 5 minutes. An honest inference proof within the proof-file caps needs a small part of
 * it (a cars model at either preset: tens of MiB and well under a second to verify).
 */
export const DEFAULT_VERIFY_BUDGET: VerifyBudget = Object.freeze({ memoryMiB: 1024, timeMs: 5 * 60_000 });

/** What the worker receives: plain data only. */
export interface SandboxRequest {
  readonly model: { readonly params: string; readonly opcodes: readonly number[]; readonly programHash: readonly string[]; readonly publicValues: readonly string[]; readonly immediateBits: number; readonly rowInputs?: number };
  readonly inputs: Uint8Array;
  readonly proofFile: Uint8Array;
  readonly policy: SecurityPolicy;
}

/**
 * What the worker answers: the verdict without the statement (the caller has every part of it), or — check
 * "budget" — that the check ran out of memory or time, or its worker died.
 */
export type SandboxVerdict =
  | Exclude<InferenceVerdict, { ok: true }>
  | { readonly ok: false; readonly check: "budget"; readonly message: string }
  | { readonly ok: true; readonly securityBits: number; readonly provenBits: number; readonly policy: string };


/** Runs the STARK check of `proofFile` against the trusted model and inputs in a worker under `budget`. */
export function verifyInSandbox(
  t: { readonly model: CommittedModel; readonly inputs: readonly Ciphertext[] },
  proofFile: Uint8Array,
  o: { readonly policy: SecurityPolicy; readonly budget?: VerifyBudget },
): Promise<SandboxVerdict> {
  const budget = o.budget ?? DEFAULT_VERIFY_BUDGET;
  const root = projectRoot();
  const request: SandboxRequest = {
    model: { params: t.model.params.id, opcodes: [...t.model.opcodes], programHash: t.model.programHash.map(String), publicValues: t.model.publicValues.map(String), immediateBits: t.model.immediateBits, ...(t.model.rowInputs !== undefined ? { rowInputs: t.model.rowInputs } : {}) },
    inputs: serializeCiphertexts(t.inputs),
    proofFile,
    policy: { ...o.policy },
  };
  const workerData = { entry: pathToFileURL(join(root, "src", "node", "verify-sandbox-worker.ts")).href, request };
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(join(root, "src", "node", "verify-sandbox-boot.mjs"), { workerData, resourceLimits: { maxOldGenerationSizeMb: budget.memoryMiB }, env: { ...process.env, ENCRYPTAI_THREADS: "1" } });
    const finish = (v: SandboxVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => finish({ ok: false, check: "budget", message: `the check ran over its time budget of ${budget.timeMs} ms` }), budget.timeMs);
    worker.on("message", (v: SandboxVerdict) => finish(v));
    worker.on("error", (e: Error & { code?: string }) =>
      finish({ ok: false, check: "budget", message: e.code === "ERR_WORKER_OUT_OF_MEMORY" ? `the check ran over its memory budget of ${budget.memoryMiB} MiB` : `the verifier's worker failed: ${e.message}` }),
    );
    worker.on("exit", (code) => finish({ ok: false, check: "budget", message: `the verifier's worker exited (code ${code}) without a verdict` }));
  });
}
