/**
 * WebAssembly path of the Goldilocks hot kernels (vector multiply/add/sub/scale, NTT and inverse NTT, batch
 * inversion), compiled from assembly/goldilocks-kernels.ts and embedded as base64 in
 * kernels/goldilocks-kernels.wasm.ts (regenerate with `npm run build:wasm`). Loaded synchronously on first use.
 *
 * One module-wide instance owns a memory laid out as [twiddle table | buffer A | buffer B]; a call copies its
 * input into A (and B), runs the kernel and copies the result out — one memcpy each way, since `GlVec` has the
 * little-endian u64 layout of WebAssembly memory. The TypeScript twins (goldilocks.ts, goldilocks-ntt.ts)
 * are the reference: tests check both agree bit for bit.
 */
import { DivisionByZeroError, LengthError } from "./errors.js";
import { GL_P, _glOutFor, _glSameLength, glLength, type GlVec } from "./goldilocks.js";
import { glLogSize, glRootOfUnity } from "./goldilocks-ntt.js";
import { GOLDILOCKS_KERNELS_WASM_BASE64 } from "./kernels/goldilocks-kernels.wasm.js";
import { modPow } from "./number-theory.js";
import { type WasmMemory, wasmApi } from "./wasm-runtime.js";

const WA = wasmApi;

/** The exports of assembly/goldilocks-kernels.ts (pointers are byte offsets; u64 crosses as bigint). */
export interface GlKernelExports {
  mulVec(a: number, b: number, out: number, n: number): void;
  addVec(a: number, b: number, out: number, n: number): void;
  subVec(a: number, b: number, out: number, n: number): void;
  scaleVec(a: number, c: bigint, out: number, n: number): void;
  axpyVec(acc: number, a: number, c: bigint, out: number, n: number): void;
  dotVec(a: number, b: number, n: number): bigint;
  extMul3(a: number, b: number, out: number, n: number, nf0: bigint, nf1: bigint, nf2: bigint): void;
  batchInverse(a: number, out: number, n: number): number;
  twiddles(tw: number, logN: number, root: bigint): void;
  bitReverse(a: number, logN: number): void;
  ntt(a: number, logN: number, tw: number): void;
  reverseAndScale(a: number, logN: number, s: bigint): void;
  powers(out: number, n: number, x: bigint, start: bigint): void;
  extDivLinear(a: number, out: number, n: number, k: number, z0: bigint, z1: bigint, z2: bigint, nf0: bigint, nf1: bigint, nf2: bigint): void;
}

/** The live instance: exports, memory, and where the twiddles and the two buffers are. */
export interface GlWasmInstance {
  readonly exports: GlKernelExports;
  readonly memory: WasmMemory;
  /** log2 of the size the twiddle table (at byte 0) serves. */
  twiddleLog: number;
  /** Byte offsets and capacity (elements) of buffers A and B. */
  aOff: number;
  bOff: number;
  capacity: number;
}

const PAGE = 65536;
let instance: GlWasmInstance | undefined;
let compiled: object | undefined;
let failed = false;

/** The instance, created on first use; undefined when WebAssembly (with SIMD) is unavailable. */
export function _glWasm(): GlWasmInstance | undefined {
  if (instance || failed) return instance;
  if (!WA) {
    failed = true;
    return undefined;
  }
  try {
    const mod = new WA.Module(Buffer.from(GOLDILOCKS_KERNELS_WASM_BASE64, "base64"));
    compiled = mod;
    const memory = new WA.Memory({ initial: 1 });
    const exports = new WA.Instance(mod, { env: { memory } }).exports as unknown as GlKernelExports;
    instance = { exports, memory, twiddleLog: -1, aOff: 0, bOff: 0, capacity: 0 };
  } catch {
    failed = true;
  }
  return instance;
}

/** The compiled kernels module (to instantiate in a helper thread: goldilocks-parallel.ts), if available. */
export function _glWasmModule(): object | undefined {
  _glWasm();
  return compiled;
}

/** True when the WebAssembly kernels can run here. */
export function glWasmAvailable(): boolean {
  return _glWasm() !== undefined;
}

/**
 * Makes room for two buffers of n elements and a twiddle table serving 2^logTw (keeping a larger table);
 * returns the instance. Buffers are scratch: their contents do not survive a call that grows the layout.
 */
export function _glWasmReserve(n: number, logTw = 0): GlWasmInstance {
  const w = _glWasm();
  if (!w) throw new Error("Goldilocks WebAssembly kernels are unavailable (no WebAssembly SIMD in this runtime)");
  const twLog = Math.max(logTw, w.twiddleLog, 0);
  const twBytes = 8 * 2 ** twLog;
  if (n <= w.capacity && twLog === w.twiddleLog) return w;
  const capacity = Math.max(n, w.capacity);
  const need = twBytes + 16 * capacity;
  const have = w.memory.buffer.byteLength;
  if (need > have) w.memory.grow(Math.ceil((need - have) / PAGE));
  w.aOff = twBytes;
  w.bOff = twBytes + 8 * capacity;
  w.capacity = capacity;
  if (twLog !== w.twiddleLog) {
    w.exports.twiddles(0, twLog, glRootOfUnity(twLog));
    w.twiddleLog = twLog;
  }
  return w;
}

function view(w: GlWasmInstance, off: number, n: number): Uint32Array {
  return new Uint32Array(w.memory.buffer, off, 2 * n);
}

function binary(kernel: "mulVec" | "addVec" | "subVec", a: GlVec, b: GlVec, out: GlVec | undefined): GlVec {
  const n = _glSameLength(a, b, kernel);
  const r = _glOutFor(n, out, kernel);
  const w = _glWasmReserve(n);
  view(w, w.aOff, n).set(a);
  view(w, w.bOff, n).set(b);
  w.exports[kernel](w.aOff, w.bOff, w.aOff, n);
  r.set(view(w, w.aOff, n));
  return r;
}

/** out[i] = a[i]·b[i] in WebAssembly. */
export function glMulVecWasm(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return binary("mulVec", a, b, out);
}

/** out[i] = a[i] + b[i] in WebAssembly. */
export function glAddVecWasm(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return binary("addVec", a, b, out);
}

/** out[i] = a[i] − b[i] in WebAssembly. */
export function glSubVecWasm(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return binary("subVec", a, b, out);
}

/** out[i] = c·a[i] in WebAssembly. */
export function glScaleVecWasm(a: GlVec, c: bigint, out?: GlVec): GlVec {
  const n = glLength(a);
  const r = _glOutFor(n, out, "glScaleVec");
  if (c < 0n || c >= GL_P) throw new RangeError(`glScaleVec: ${c} is not a Goldilocks element`);
  const w = _glWasmReserve(n);
  view(w, w.aOff, n).set(a);
  w.exports.scaleVec(w.aOff, c, w.aOff, n);
  r.set(view(w, w.aOff, n));
  return r;
}

/** out[i] = acc[i] + c·a[i] in WebAssembly. */
export function glAxpyVecWasm(acc: GlVec, a: GlVec, c: bigint, out?: GlVec): GlVec {
  const n = _glSameLength(acc, a, "glAxpyVec");
  const r = _glOutFor(n, out, "glAxpyVec");
  if (c < 0n || c >= GL_P) throw new RangeError(`glAxpyVec: ${c} is not a Goldilocks element`);
  const w = _glWasmReserve(n);
  view(w, w.aOff, n).set(acc);
  view(w, w.bOff, n).set(a);
  w.exports.axpyVec(w.aOff, w.bOff, c, w.aOff, n);
  r.set(view(w, w.aOff, n));
  return r;
}

/**
 * out[k] = Σ_j coeffs[k][j]·vectors[j] for every k: the accumulators stay in WebAssembly memory and each input
 * vector is copied in once, however many outputs use it (m outputs cost n·(m + #vectors) copies, not 3 per term).
 */
export function glLinearCombinationsWasm(vectors: readonly GlVec[], coeffs: readonly (readonly bigint[])[]): GlVec[] {
  const n = glLength(vectors[0]!);
  const m = coeffs.length;
  const w = _glWasmReserve(Math.max(m, 1) * n);
  new Uint32Array(w.memory.buffer, w.aOff, 2 * m * n).fill(0);
  vectors.forEach((v, j) => {
    if (v.length !== 2 * n) throw new LengthError(`glLinearCombinations: vectors of ${n} and ${v.length / 2} elements`);
    view(w, w.bOff, n).set(v);
    for (let k = 0; k < m; k++) {
      const c = coeffs[k]![j]!;
      if (c < 0n || c >= GL_P) throw new RangeError(`glLinearCombinations: ${c} is not a Goldilocks element`);
      if (c !== 0n) w.exports.axpyVec(w.aOff + 8 * k * n, w.bOff, c, w.aOff + 8 * k * n, n);
    }
  });
  return Array.from({ length: m }, (_, k) => view(w, w.aOff + 8 * k * n, n).slice());
}

/**
 * out[j][k] = ⟨vectors[j], weights[k]⟩: the weights stay in WebAssembly memory and each vector is copied in once
 * (evaluating many polynomials at the same points from their coefficients and the points' powers).
 */
export function glInnerProductsWasm(vectors: readonly GlVec[], weights: readonly GlVec[]): bigint[][] {
  const n = glLength(weights[0]!);
  const m = weights.length;
  const w = _glWasmReserve(Math.max(m, 1) * n);
  weights.forEach((v, k) => {
    if (v.length !== 2 * n) throw new LengthError(`glInnerProducts: weights of ${n} and ${v.length / 2} elements`);
    view(w, w.aOff + 8 * k * n, n).set(v);
  });
  return vectors.map((v) => {
    if (v.length !== 2 * n) throw new LengthError(`glInnerProducts: vectors of ${n} and ${v.length / 2} elements`);
    view(w, w.bOff, n).set(v);
    // a u64 result crosses into JavaScript as a signed i64
    return weights.map((_, k) => BigInt.asUintN(64, w.exports.dotVec(w.bOff, w.aOff + 8 * k * n, n)));
  });
}

/**
 * Element-wise product of cubic-extension vectors given as three coordinate vectors each, reduced with
 * X³ = nf[0] + nf[1]·X + nf[2]·X² — one WebAssembly pass instead of nine products and the reductions.
 */
export function glExtMul3Wasm(a: readonly GlVec[], b: readonly GlVec[], nf: readonly bigint[]): GlVec[] {
  const n = glLength(a[0]!);
  const w = _glWasmReserve(3 * n);
  for (let c = 0; c < 3; c++) {
    view(w, w.aOff + 8 * c * n, n).set(a[c]!);
    view(w, w.bOff + 8 * c * n, n).set(b[c]!);
  }
  w.exports.extMul3(w.aOff, w.bOff, w.aOff, n, nf[0]!, nf[1]!, nf[2]!);
  return [0, 1, 2].map((c) => view(w, w.aOff + 8 * c * n, n).slice());
}

/** Forward NTT in place in WebAssembly (same result as glNttTs). */
export function glNttWasm(a: GlVec): GlVec {
  const n = glLength(a);
  const logN = glLogSize(n);
  const w = _glWasmReserve(n, logN);
  const v = view(w, w.aOff, n);
  v.set(a);
  w.exports.ntt(w.aOff, logN, 0);
  a.set(v);
  return a;
}

/** Inverse NTT in place in WebAssembly (same result as glInttTs). */
export function glInttWasm(a: GlVec): GlVec {
  const n = glLength(a);
  const logN = glLogSize(n);
  const w = _glWasmReserve(n, logN);
  const v = view(w, w.aOff, n);
  v.set(a);
  w.exports.ntt(w.aOff, logN, 0);
  w.exports.reverseAndScale(w.aOff, logN, modPow(BigInt(n), GL_P - 2n, GL_P));
  a.set(v);
  return a;
}

/** start·x^i for i < n in WebAssembly (the same values as glPowers). */
export function glPowersWasm(x: bigint, n: number, start: bigint): GlVec {
  const r = new Uint32Array(2 * n);
  if (n === 0) return r;
  const w = _glWasmReserve(n);
  w.exports.powers(w.aOff, n, x, start);
  r.set(view(w, w.aOff, n));
  return r;
}

/**
 * Quotient of the extension polynomial with coefficient coordinates `coords` (k ≤ 3 vectors of n) by (X − z),
 * z and the reduction −f (X^k = Σ negF_i·X^i) given by their coordinates; the remainder is dropped.
 */
export function glExtDivLinearWasm(coords: readonly GlVec[], z: readonly bigint[], negF: readonly bigint[]): GlVec[] {
  const k = coords.length;
  if (k < 1 || k > 3 || z.length !== k) throw new LengthError(`glExtDivLinear: ${k} coordinates (1 … 3) and ${z.length} for z`);
  const n = _glSameLength(coords[0]!, coords[k - 1]!, "glExtDivLinear");
  for (const c of coords) _glSameLength(coords[0]!, c, "glExtDivLinear");
  if (n === 0) return coords.map(() => new Uint32Array(0));
  const w = _glWasmReserve(k * n);
  coords.forEach((c, i) => view(w, w.aOff + 8 * n * i, n).set(c));
  const at = (xs: readonly bigint[], i: number) => xs[i] ?? 0n;
  w.exports.extDivLinear(w.aOff, w.bOff, n, k, at(z, 0), at(z, 1), at(z, 2), at(negF, 0), at(negF, 1), at(negF, 2));
  return coords.map((_, i) => view(w, w.bOff + 8 * n * i, n).slice());
}

/** out[i] = a[i]^-1 in WebAssembly; DivisionByZeroError names the first zero. */
export function glBatchInverseWasm(a: GlVec, out?: GlVec): GlVec {
  const n = glLength(a);
  const r = _glOutFor(n, out, "glBatchInverse");
  const w = _glWasmReserve(n);
  view(w, w.aOff, n).set(a);
  const zero = w.exports.batchInverse(w.aOff, w.bOff, n);
  if (zero >= 0) throw new DivisionByZeroError("Goldilocks", zero);
  r.set(view(w, w.bOff, n));
  return r;
}
