// The entry of verify-sandbox.ts's worker thread: registers tsx's loader (as bin/encryptai.mjs does), then runs
// the TypeScript worker (verify-sandbox-worker.ts) on the request and posts its verdict.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
try {
  const { answer } = await import(workerData.entry);
  parentPort.postMessage(answer(workerData.request));
} catch (e) {
  parentPort.postMessage({ ok: false, check: "budget", message: `the verifier's worker failed: ${e instanceof Error ? e.message : String(e)}` });
}
