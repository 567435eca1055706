/**
 * Math-layer benchmarks (docs/math.md): Goldilocks multiplication throughput, NTT 2^16 and 2^20, batch
 * inversion 2^20 — TypeScript limbs, WebAssembly (kernel on data already in its memory, and through the API
 * with the copies in and out), the bigint field for scale — and a native C++ reference
 * (bench/native/goldilocks.cpp, same algorithms with unsigned __int128) compiled with `g++ -O3 -march=native`
 * into a temp dir when g++ exists, with the WebAssembly/native ratio (target of the STARK issue: ≤ 1.5×).
 */
import {
  GL_P,
  GOLDILOCKS_FIELD,
  glBatchInverseTs,
  glBatchInverseWasm,
  glInttWasm,
  glMulVecTs,
  glMulVecWasm,
  glNttTs,
  glNttWasm,
  glVec,
  ntt,
  type GlVec,
} from "../src/math/index.js";
import { _glWasmReserve } from "../src/math/goldilocks-wasm.js";
import { type Measurement, runNativeReference, time } from "./harness.js";

function randomVec(n: number, seed = 0x2545f491): GlVec {
  const v = glVec(n);
  let s = seed;
  for (let i = 0; i < 2 * n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    v[i] = s >>> 0;
    if (i & 1 && v[i] === 0xffffffff) v[i] = 0; // keep < p
  }
  for (let i = 0; i < 2 * n; i += 2) if (v[i] === 0 && v[i + 1] === 0) v[i] = 1; // no zeros (batch inversion)
  return v;
}

interface Native {
  mul?: { ms: number; n: number };
  batchInverse?: { ms: number };
  ntt: Record<number, number>;
  compiler: string;
}

/** Compiles and runs the C++ reference; undefined (with a note on stderr) when g++ is missing or fails. */
function runNative(logMul: number, nttLogs: number[]): Native | undefined {
  const run = runNativeReference("goldilocks", [String(logMul), ...nttLogs.map(String)], "math");
  if (!run) return undefined;
  const native: Native = { ntt: {}, compiler: run.compiler };
  for (const line of run.lines) {
    const r = JSON.parse(line) as { kernel: string; ms: number; n?: number; logN?: number };
    if (r.kernel === "mul") native.mul = { ms: r.ms, n: r.n! };
    else if (r.kernel === "batchInverse") native.batchInverse = { ms: r.ms };
    else if (r.kernel === "ntt") native.ntt[r.logN!] = r.ms;
  }
  return native;
}

const mps = (n: number, ms: number) => `${(n / ms / 1000).toFixed(1)} M/s`;
const ratio = (wasm: number, native: number | undefined) => (native ? `WASM/native ${(wasm / native).toFixed(2)}×` : "no native");

export function benchMath(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const rec = (name: string, params: string, r: { msPerOp: number; runs: number }, extra?: Record<string, number | string>) =>
    out.push({ suite: "math", name, params, ...r, ...(extra ? { extra } : {}) });
  const budget = options.quick ? 300 : 1500;
  const logMul = options.quick ? 16 : 20;
  const nttLogs = options.quick ? [16] : [16, 20];
  const native = runNative(logMul, nttLogs);

  // 1 ----- multiplication throughput
  const n = 2 ** logMul;
  const a = randomVec(n);
  const b = randomVec(n, 0x6c078965);
  const c = glVec(n);
  const ts = time(() => glMulVecTs(a, b, c), budget);
  rec("Goldilocks mul, TypeScript limbs", `2^${logMul} → ${mps(n, ts.msPerOp)}`, ts, { mulPerSec: n / ts.msPerOp * 1000 });
  const w = _glWasmReserve(n);
  new Uint32Array(w.memory.buffer, w.aOff, 2 * n).set(a);
  new Uint32Array(w.memory.buffer, w.bOff, 2 * n).set(b);
  const wk = time(() => w.exports.mulVec(w.aOff, w.bOff, w.bOff, n), budget, 5);
  rec("Goldilocks mul, WASM kernel", `2^${logMul} → ${mps(n, wk.msPerOp)}, ${ratio(wk.msPerOp, native?.mul?.ms)}`, wk, {
    mulPerSec: n / wk.msPerOp * 1000,
    ...(native?.mul ? { nativeMs: native.mul.ms, ratio: wk.msPerOp / native.mul.ms } : {}),
  });
  const wa = time(() => glMulVecWasm(a, b, c), budget);
  rec("Goldilocks mul, WASM via API (with copies)", `2^${logMul} → ${mps(n, wa.msPerOp)}`, wa, { mulPerSec: n / wa.msPerOp * 1000 });
  if (native?.mul) rec("Goldilocks mul, native C++", `2^${logMul} → ${mps(native.mul.n, native.mul.ms)}`, { msPerOp: native.mul.ms, runs: 15 });
  const small = 2 ** 14;
  const xs = Array.from({ length: small }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n) % GL_P);
  const ys = xs.map((x) => (x * 3n + 1n) % GL_P);
  const zs = new Array<bigint>(small);
  const bi = time(() => {
    for (let i = 0; i < small; i++) zs[i] = GOLDILOCKS_FIELD.mul(xs[i]!, ys[i]!);
  }, budget);
  rec("Goldilocks mul, bigint field", `2^14 → ${mps(small, bi.msPerOp)}`, bi);

  // 2 ----- NTT
  for (const logN of nttLogs) {
    const N = 2 ** logN;
    const v = randomVec(N);
    const t = time(() => glNttTs(v), budget, 3, options.quick ? 20 : 10);
    rec(`NTT 2^${logN}, TypeScript`, `in place, natural order`, t);
    const wn = _glWasmReserve(N, logN);
    new Uint32Array(wn.memory.buffer, wn.aOff, 2 * N).set(v);
    const k = time(() => wn.exports.ntt(wn.aOff, logN, 0), budget, 7);
    rec(`NTT 2^${logN}, WASM kernel`, ratio(k.msPerOp, native?.ntt[logN]), k, native?.ntt[logN] ? { nativeMs: native.ntt[logN]!, ratio: k.msPerOp / native.ntt[logN]! } : undefined);
    const api = time(() => glNttWasm(v), budget, 5);
    rec(`NTT 2^${logN}, WASM via API (with copies)`, ratio(api.msPerOp, native?.ntt[logN]), api);
    rec(`inverse NTT 2^${logN}, WASM via API`, "NTT + reverse + scale", time(() => glInttWasm(v), budget, 5));
    if (native?.ntt[logN] !== undefined) rec(`NTT 2^${logN}, native C++`, "same algorithm, -O3 -march=native", { msPerOp: native.ntt[logN]!, runs: logN >= 20 ? 7 : 25 });
  }
  const bigLog = options.quick ? 10 : 14;
  const bigVals = Array.from({ length: 2 ** bigLog }, (_, i) => (BigInt(i) * 0x9e3779b97f4a7c15n) % GL_P);
  rec(`NTT 2^${bigLog}, bigint field (generic)`, "for scale", time(() => ntt(GOLDILOCKS_FIELD, bigVals), budget, 3, 20));

  // 3 ----- batch inversion
  const tsInv = time(() => glBatchInverseTs(a, c), budget, 3, 20);
  rec(`batch inversion 2^${logMul}, TypeScript`, "Montgomery's trick", tsInv);
  const wInv = time(() => glBatchInverseWasm(a, c), budget, 5);
  rec(`batch inversion 2^${logMul}, WASM via API`, ratio(wInv.msPerOp, native?.batchInverse?.ms), wInv,
    native?.batchInverse ? { nativeMs: native.batchInverse.ms, ratio: wInv.msPerOp / native.batchInverse.ms } : undefined);
  if (native?.batchInverse) rec(`batch inversion 2^${logMul}, native C++`, "scalar chain", { msPerOp: native.batchInverse.ms, runs: 9 });
  return out;
}
