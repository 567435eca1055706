/**
 * The page's side of the worker (worker.ts): one worker for the page's life, requests answered in any order,
 * progress lines passed to the caller, a worker error rejected with its message.
 */
import type { OpName, Ops, Reply, Request } from "./protocol.js";

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; progress?: (step: string, fraction: number) => void }>();

function theWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<Reply>) => {
    const r = event.data;
    const p = pending.get(r.id);
    if (!p) return;
    if ("progress" in r) return p.progress?.(r.progress.step, r.progress.fraction);
    pending.delete(r.id);
    if ("error" in r) p.reject(new Error(r.error));
    else p.resolve(r.result);
  };
  worker.onerror = (event) => {
    const e = new Error(`the page's worker failed: ${event.message}`);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  return worker;
}

/** Runs `op` in the worker. Transferable buffers are copied, never moved (the caller keeps its bytes). */
export function run<K extends OpName>(op: K, args: Ops[K]["args"], progress?: (step: string, fraction: number) => void): Promise<Ops[K]["result"]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(progress ? { progress } : {}) });
    theWorker().postMessage({ id, op, args } satisfies Request);
  });
}
