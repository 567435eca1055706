/**
 * 128-bit field kernels (issue 14, item 3; docs/math.md "128-bit fields in WebAssembly"): multiplication,
 * NTT and batch inversion at 2^12 … 2^16 elements (quick: 2^12, 2^14) for f128 and genSTARK's prime —
 * the WebAssembly kernel on data already in its memory, the same through `f128Vectors` (copies in and out,
 * canonical checks), the bigint path (field.ts `mul`, ntt.ts, `batchInvert`) and a native C++ reference
 * (bench/native/f128.cpp: the same algorithms on unsigned __int128, `g++ -O3 -march=native`). Both
 * references must agree with the kernel before a ratio is reported: the bigint results element by element,
 * the native ones by an FNV-1a checksum over the same xorshift inputs. One row per field, kernel and size:
 * the kernel's median with min–max, and the ratios WASM/native and bigint/WASM.
 */
import { batchInvert, F128_FIELD, f128FromBigints, f128ToBigints, f128Vectors, GENSTARK_FIELD, ntt, type F128Vec, type PrimeField } from "../src/math/index.js";
import { _f128Reserve, _f128View } from "../src/math/f128-wasm.js";
import { formatMs, type Measurement, runNativeReference, time } from "./harness.js";

type Kernel = "mul" | "ntt" | "batchInverse";
interface NativeRow {
  ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
  check: bigint;
}

const MASK64 = (1n << 64n) - 1n;

/** The inputs bench/native/f128.cpp draws: xorshift64 from 0x9e3779b97f4a7c15 ^ logN, hi word first, < p. */
function inputs(p: bigint, logN: number): { a: bigint[]; b: bigint[] } {
  let s = 0x9e3779b97f4a7c15n ^ BigInt(logN);
  const next = (): bigint => {
    s ^= (s << 13n) & MASK64;
    s ^= s >> 7n;
    s ^= (s << 17n) & MASK64;
    return s;
  };
  const element = (): bigint => {
    for (;;) {
      const hi = next();
      const x = (hi << 64n) | next();
      if (x < p) return x;
    }
  };
  const n = 2 ** logN;
  const a = Array.from({ length: n }, element);
  const b = Array.from({ length: n }, element);
  return { a, b };
}

/** FNV-1a over the 64-bit words of v (low word of each element first), as the native reference. */
function fnv(v: F128Vec): bigint {
  const w = new BigUint64Array(v.buffer, v.byteOffset, v.length / 2);
  let h = 0xcbf29ce484222325n;
  for (const x of w) h = ((h ^ x) * 0x100000001b3n) & MASK64;
  return h;
}

/** Runs the native reference for F; undefined (with a note on stderr) when g++ is missing or fails. */
function runNative(F: PrimeField, d: number, logs: readonly number[]): Map<string, NativeRow> | undefined {
  const maxLog = Math.max(...logs);
  const root = `0x${F.rootOfUnity(maxLog).toString(16).padStart(32, "0")}`;
  const run = runNativeReference("f128", [String(d), root, ...logs.map(String)], "f128");
  if (!run) return undefined;
  const rows = new Map<string, NativeRow>();
  for (const line of run.lines) {
    const r = JSON.parse(line) as { kernel: Kernel; logN: number; ms: number; minMs: number; maxMs: number; runs: number; check: string };
    rows.set(`${r.kernel} ${r.logN}`, { ms: r.ms, minMs: r.minMs, maxMs: r.maxMs, runs: r.runs, check: BigInt(r.check) });
  }
  return rows;
}

const range = (r: { minMs: number; maxMs: number }) => `${formatMs(r.minMs)}–${formatMs(r.maxMs)}`;

export function benchF128(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const budget = options.quick ? 200 : 800;
  const logs = options.quick ? [12, 14] : [12, 13, 14, 15, 16];
  for (const F of [F128_FIELD, GENSTARK_FIELD]) {
    const V = f128Vectors(F);
    const native = runNative(F, V.d, logs);
    for (const logN of logs) {
      const n = 2 ** logN;
      const { a, b } = inputs(F.modulus, logN);
      const A = f128FromBigints(F, a);
      const B = f128FromBigints(F, b);
      const w = _f128Reserve(F, n, logN);
      const load = () => {
        _f128View(w, w.aOff, n).set(A);
        _f128View(w, w.bOff, n).set(B);
      };
      const results: Record<Kernel, F128Vec> = { mul: V.mul(A, B), ntt: V.ntt(A.slice()), batchInverse: V.batchInverse(A) };
      const cases: Record<Kernel, { kernel: () => unknown; api: () => unknown; bigint: () => bigint[] }> = {
        mul: {
          kernel: () => w.exports.mulVec(w.aOff, w.bOff, w.bOff, n),
          api: () => V.mul(A, B),
          bigint: () => a.map((x, i) => F.mul(x, b[i]!)),
        },
        ntt: { kernel: () => w.exports.ntt(w.aOff, logN, w.twOff), api: () => V.ntt(A.slice()), bigint: () => ntt(F, a) },
        batchInverse: { kernel: () => w.exports.batchInverse(w.aOff, w.bOff, n), api: () => V.batchInverse(A), bigint: () => batchInvert(F, a) },
      };
      for (const kernel of ["mul", "ntt", "batchInverse"] as const) {
        const c = cases[kernel];
        // 1 ----- the references agree with the kernel
        const expected = c.bigint();
        const got = f128ToBigints(results[kernel]);
        if (got.some((x, i) => x !== expected[i])) throw new Error(`f128 bench: ${F.name} ${kernel} 2^${logN}: WebAssembly and bigint results differ`);
        const nat = native?.get(`${kernel} ${logN}`);
        const agrees = nat !== undefined && nat.check === fnv(results[kernel]);
        if (nat && !agrees) process.stderr.write(`f128 bench: ${F.name} ${kernel} 2^${logN}: native checksum ${nat.check} ≠ WebAssembly ${fnv(results[kernel])}, no ratio\n`);
        // 2 ----- timings
        load();
        const k = time(c.kernel, budget, 5);
        const api = time(c.api, budget, 5);
        const big = time(c.bigint, budget, 3, kernel === "ntt" && logN >= 15 ? 5 : 1000);
        const ratio = agrees ? k.msPerOp / nat.ms : undefined;
        const params =
          `2^${logN} · ${range(k)} · API ${formatMs(api.msPerOp)} · ` +
          (ratio === undefined ? "no native · " : `native ${formatMs(nat!.ms)}, WASM/native ${ratio.toFixed(2)}× · `) +
          `bigint ${formatMs(big.msPerOp)}, ×${(big.msPerOp / k.msPerOp).toFixed(0)}`;
        out.push({
          suite: "f128",
          name: `${F.name} ${kernel === "batchInverse" ? "batch inversion" : kernel === "ntt" ? "NTT" : "mul"}, WASM kernel`,
          params,
          msPerOp: k.msPerOp,
          runs: k.runs,
          extra: {
            field: F.name,
            kernel,
            logN,
            minMs: k.minMs,
            maxMs: k.maxMs,
            apiMs: api.msPerOp,
            apiMinMs: api.minMs,
            apiMaxMs: api.maxMs,
            bigintMs: big.msPerOp,
            bigintMinMs: big.minMs,
            bigintMaxMs: big.maxMs,
            bigintOverWasm: big.msPerOp / k.msPerOp,
            ...(agrees && ratio !== undefined
              ? { nativeMs: nat.ms, nativeMinMs: nat.minMs, nativeMaxMs: nat.maxMs, nativeRuns: nat.runs, wasmOverNative: ratio, checksum: nat.check.toString() }
              : { native: nat ? "checksum mismatch" : "unavailable" }),
          },
        });
      }
      // the inverse NTT round trip closes the loop on the inputs
      if (f128ToBigints(V.intt(results.ntt)).some((x, i) => x !== a[i])) throw new Error(`f128 bench: ${F.name} 2^${logN}: inverse NTT did not return the input`);
    }
  }
  return out;
}
