/**
 * Many-column Goldilocks transforms on two threads (issue "STARK prover", item 8: "use worker_threads across
 * columns where it pays"): coset low-degree extensions and interpolations of several columns, half of them in
 * one helper thread running the same WebAssembly kernels, half on the calling thread. The call stays
 * synchronous: the columns go to the helper through a SharedArrayBuffer and the caller waits on an Atomics flag
 * after doing its own half. Results are bit-identical to the one-column functions (tested).
 *
 * The helper is created on first use, never keeps the process alive (unref), and is skipped — everything runs
 * on the calling thread — with one core, without WebAssembly, for small or single columns, or when the
 * environment sets ENCRYPTAI_THREADS=1.
 */
import { cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { type GlVec, glLength } from "./goldilocks.js";
import { glCosetLde, glInterpolate, glPowersFast } from "./goldilocks-fast.js";
import { glLogSize, glRootOfUnity } from "./goldilocks-ntt.js";
import { _glWasmModule } from "./goldilocks-wasm.js";
import { GL_P } from "./goldilocks.js";
import { modPow } from "./number-theory.js";

/** Columns shorter than this stay on the calling thread (the hand-off costs more than it saves). */
export const PARALLEL_MIN_LENGTH = 1 << 14;

// The helper: plain JavaScript (no loader needed under tsx, vitest or tslab), the kernels' compiled module
// arrives in the first message. Memory: [twiddles 8N | buffer 8N | powers 8n].
const HELPER = `
const { parentPort } = require("node:worker_threads");
let mem, k;
parentPort.on("message", (m) => {
  if (m.kind === "init") {
    mem = new WebAssembly.Memory({ initial: 1 });
    k = new WebAssembly.Instance(m.module, { env: { memory: mem } }).exports;
    return;
  }
  const ctrl = new Int32Array(m.ctrl);
  try {
    const { n, N, logN } = m;
    const need = 16 * N + 8 * n;
    if (need > mem.buffer.byteLength) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    const tw = 0, a = 8 * N, p = 16 * N;
    k.twiddles(tw, logN, m.root);
    const input = new Uint32Array(m.input), output = new Uint32Array(m.output);
    if (m.kind === "lde") new Uint32Array(mem.buffer, p, 2 * n).set(new Uint32Array(m.powers));
    for (let c = 0; c < m.cols; c++) {
      const buf = new Uint32Array(mem.buffer, a, 2 * N);
      buf.set(input.subarray(2 * n * c, 2 * n * (c + 1)));
      if (m.kind === "lde") {
        buf.fill(0, 2 * n);
        k.mulVec(a, p, a, n);
        k.ntt(a, logN, tw);
      } else {
        k.ntt(a, logN, tw);
        k.reverseAndScale(a, logN, m.nInv);
      }
      output.set(buf, 2 * N * c);
    }
    Atomics.store(ctrl, 0, 1);
  } catch (e) {
    Atomics.store(ctrl, 0, 2);
  }
  Atomics.notify(ctrl, 0);
});
`;

let helper: Worker | undefined;
let unavailable = false;

function threadsWanted(): boolean {
  return process.env.ENCRYPTAI_THREADS !== "1" && cpus().length >= 2;
}

/** The helper thread, started on first use; undefined when it cannot or should not run. */
function getHelper(): Worker | undefined {
  if (helper || unavailable) return helper;
  const module = threadsWanted() ? _glWasmModule() : undefined;
  if (!module) {
    unavailable = true;
    return undefined;
  }
  try {
    helper = new Worker(HELPER, { eval: true });
    helper.unref();
    helper.on("error", () => {
      helper = undefined;
      unavailable = true;
    });
    helper.postMessage({ kind: "init", module });
  } catch {
    unavailable = true;
  }
  return helper;
}

/** True when many-column calls run on two threads here. */
export function glParallelAvailable(): boolean {
  return getHelper() !== undefined;
}

/**
 * Runs `kind` on the last `cols` columns in the helper (input: columns of n elements; output: columns of N),
 * while `mine()` computes the first ones here. Returns the helper's columns, or undefined if it failed (the
 * caller then computes them itself).
 */
function split(
  kind: "lde" | "interpolate",
  columns: readonly GlVec[],
  from: number,
  n: number,
  N: number,
  extra: Record<string, unknown>,
  mine: () => void,
): GlVec[] | undefined {
  const h = getHelper();
  const cols = columns.length - from;
  if (!h || cols < 1) {
    mine();
    return undefined;
  }
  const input = new SharedArrayBuffer(8 * n * cols);
  const inView = new Uint32Array(input);
  for (let c = 0; c < cols; c++) inView.set(columns[from + c]!, 2 * n * c);
  const output = new SharedArrayBuffer(8 * N * cols);
  const ctrl = new SharedArrayBuffer(4);
  const logN = glLogSize(N);
  h.postMessage({ kind, ctrl, input, output, cols, n, N, logN, root: glRootOfUnity(logN), ...extra });
  mine();
  const flag = new Int32Array(ctrl);
  // the helper finishes its half while we did ours; wait at most a minute before doing it ourselves
  if (Atomics.wait(flag, 0, 0, 60_000) === "timed-out" || Atomics.load(flag, 0) !== 1) {
    helper?.terminate().catch(() => undefined);
    helper = undefined;
    unavailable = true;
    return undefined;
  }
  const out = new Uint32Array(output);
  return Array.from({ length: cols }, (_, c) => out.slice(2 * N * c, 2 * N * (c + 1)));
}

function sameLengths(columns: readonly GlVec[]): number {
  const n = glLength(columns[0]!);
  for (const c of columns) if (glLength(c) !== n) throw new RangeError(`columns of different lengths: ${glLength(c)} and ${n}`);
  return n;
}

/** `columns.map((c) => glCosetLde(c, blowup, offset))`, on two threads when it pays. */
export function glCosetLdeMany(columns: readonly GlVec[], blowup: number, offset: bigint): GlVec[] {
  if (columns.length < 2 || glLength(columns[0]!) < PARALLEL_MIN_LENGTH || !getHelper()) return columns.map((c) => glCosetLde(c, blowup, offset));
  const n = sameLengths(columns);
  const half = Math.ceil(columns.length / 2);
  let mine: GlVec[] = [];
  const powers = new SharedArrayBuffer(8 * n);
  new Uint32Array(powers).set(glPowersFast(offset, n));
  const theirs = split("lde", columns, half, n, n * blowup, { powers }, () => {
    mine = columns.slice(0, half).map((c) => glCosetLde(c, blowup, offset));
  });
  return [...mine, ...(theirs ?? columns.slice(half).map((c) => glCosetLde(c, blowup, offset)))];
}

/** `columns.map(glInterpolate)`, on two threads when it pays. */
export function glInterpolateMany(columns: readonly GlVec[]): GlVec[] {
  if (columns.length < 2 || glLength(columns[0]!) < PARALLEL_MIN_LENGTH || !getHelper()) return columns.map(glInterpolate);
  const n = sameLengths(columns);
  const half = Math.ceil(columns.length / 2);
  let mine: GlVec[] = [];
  const theirs = split("interpolate", columns, half, n, n, { nInv: modPow(BigInt(n), GL_P - 2n, GL_P) }, () => {
    mine = columns.slice(0, half).map(glInterpolate);
  });
  return [...mine, ...(theirs ?? columns.slice(half).map(glInterpolate))];
}
