/**
 * WebAssembly kernels for 128-bit prime fields (issue 14, item 3): element-wise product, sum, difference,
 * scaling, NTT and inverse NTT, coset low-degree extension and batch inversion on `F128Vec` typed arrays, for
 * f128 = 2^128 − 45·2^40 + 1 (the thesis's field, Winterfell `f128`) and genSTARK's 2^128 − 9·2^32 + 1 — any
 * p = 2^128 − d·2^32 + 1 with 1 ≤ d < 2^30 (f128-vec.ts). The kernels are assembly/f128-kernels.ts, embedded
 * as base64 in kernels/f128-kernels.wasm.ts (`npm run build:wasm`); the bigint field, ntt.ts and domain.ts
 * are the reference the tests check them against. Design and measurements: docs/math.md.
 *
 * `f128Vectors(F)` gives the operations of one field. Each field has its own WebAssembly instance (the module
 * is compiled once) whose memory is laid out as [kernel scratch 128 B | twiddle table | buffer A | buffer B];
 * a call copies its inputs in, checks they are canonical, runs the kernel and copies the result out.
 * Not constant-time.
 */
import { DivisionByZeroError, DomainSizeError, InvalidElementError, LengthError } from "./errors.js";
import type { PrimeField } from "./field.js";
import { f128FromBigints, f128Get, f128KernelParameter, f128Length, f128ToBigints, f128Vec, type F128Vec } from "./f128-vec.js";
import { F128_KERNELS_WASM_BASE64 } from "./kernels/f128-kernels.wasm.js";
import { log2Exact } from "./ntt.js";
import { type WasmMemory, wasmApi } from "./wasm-runtime.js";

/** The exports of assembly/f128-kernels.ts (pointers are byte offsets; u64 crosses as bigint). */
export interface F128KernelExports {
  init(d: number, scratch: number): void;
  firstNonCanonical(a: number, n: number): number;
  mulVec(a: number, b: number, out: number, n: number): void;
  addVec(a: number, b: number, out: number, n: number): void;
  subVec(a: number, b: number, out: number, n: number): void;
  scaleVec(a: number, cLo: bigint, cHi: bigint, out: number, n: number): void;
  mulPowers(a: number, n: number, xLo: bigint, xHi: bigint): void;
  batchInverse(a: number, out: number, n: number): number;
  twiddles(tw: number, logN: number, rootLo: bigint, rootHi: bigint): void;
  ntt(a: number, logN: number, tw: number): void;
  reverseAndScale(a: number, logN: number, sLo: bigint, sHi: bigint): void;
  divLinear(a: number, out: number, n: number, zLo: bigint, zHi: bigint): void;
  dotVec(a: number, b: number, n: number, out: number): void;
  powVec(a: number, n: number, eLo: bigint, eHi: bigint): void;
}

/** One field's live instance: exports, memory, and where the twiddles and the two buffers are. */
export interface F128WasmInstance {
  readonly exports: F128KernelExports;
  readonly memory: WasmMemory;
  /** Byte offset of the twiddle table and log2 of the size it serves (−1: none yet). */
  readonly twOff: number;
  twiddleLog: number;
  /** Byte offsets and capacity (elements) of buffers A and B. */
  aOff: number;
  bOff: number;
  capacity: number;
}

/** The operations of one 128-bit field on `F128Vec`s (every input is checked canonical). */
export interface F128Vectors {
  readonly field: PrimeField;
  /** The kernel parameter d of p = 2^128 − d·2^32 + 1. */
  readonly d: number;
  vec(n: number): F128Vec;
  length(v: F128Vec): number;
  /** InvalidElementError for an entry outside [0, p). */
  fromBigints(xs: readonly bigint[]): F128Vec;
  toBigints(v: F128Vec): bigint[];
  /** log2 n for an NTT size: DomainSizeError unless n is a power of two ≤ 2^twoAdicity. */
  logSize(n: number): number;
  /** out[i] = a[i]·b[i] (out may be a or b; a new vector when omitted). */
  mul(a: F128Vec, b: F128Vec, out?: F128Vec): F128Vec;
  add(a: F128Vec, b: F128Vec, out?: F128Vec): F128Vec;
  sub(a: F128Vec, b: F128Vec, out?: F128Vec): F128Vec;
  /** out[i] = c·a[i]. */
  scale(a: F128Vec, c: bigint, out?: F128Vec): F128Vec;
  /** Evaluations on ⟨ω_n⟩ of the coefficients a, in place (natural order); returns a. Same as ntt(F, a). */
  ntt(a: F128Vec): F128Vec;
  /** Coefficients of the evaluations a on ⟨ω_n⟩, in place; returns a. Same as intt(F, a). */
  intt(a: F128Vec): F128Vec;
  /**
   * Coset low-degree extension: the n values taken on ⟨ω_n⟩ are interpolated and the polynomial is evaluated on
   * offset·⟨ω_{blowup·n}⟩ (natural order); offset defaults to F.generator. Same as
   * lowDegreeExtend(F, intt(F, values), blowup, offset).
   */
  lde(values: F128Vec, blowup: number, offset?: bigint): F128Vec;
  /**
   * Evaluations on offset·⟨ω_{blowup·n}⟩ of the polynomial with the n coefficients `coeffs` (n a power of two):
   * lde without the inverse NTT. Same as lowDegreeExtend(F, coeffs, blowup, offset).
   */
  cosetEvaluate(coeffs: F128Vec, blowup: number, offset: bigint): F128Vec;
  /** [start, start·x, start·x², …] (n elements). */
  powers(x: bigint, n: number, start?: bigint): F128Vec;
  /** The quotient of the polynomial with coefficients a (low degree first) by (X − z), remainder dropped. */
  divLinear(a: F128Vec, z: bigint): F128Vec;
  /** Σ a[i]·b[i]. */
  dot(a: F128Vec, b: F128Vec): bigint;
  /** a[i]^e for 0 ≤ e < 2^128 (0^0 = 1). */
  pow(a: F128Vec, e: bigint): F128Vec;
  /** out[i] = a[i]^-1; DivisionByZeroError names the first zero. */
  batchInverse(a: F128Vec, out?: F128Vec): F128Vec;
}

const PAGE = 65536;
const SCRATCH_BYTES = 128;
/** Where dotVec leaves its sum: the kernel scratch's last slot (S_T2), unused by dotVec itself. */
const DOT_OUT = 112;
const MASK64 = (1n << 64n) - 1n;
let compiled: object | undefined;
const instances = new Map<bigint, F128WasmInstance>();

function compile(): object {
  if (compiled) return compiled;
  if (!wasmApi) throw new Error("the 128-bit field kernels need WebAssembly (with SIMD), which this runtime lacks");
  compiled = new wasmApi.Module(Buffer.from(F128_KERNELS_WASM_BASE64, "base64"));
  return compiled;
}

/** The instance of F (created on first use, init with F's d). */
export function _f128Wasm(F: PrimeField): F128WasmInstance {
  const have = instances.get(F.modulus);
  if (have) return have;
  const d = f128KernelParameter(F);
  const memory = new wasmApi!.Memory({ initial: 1 });
  const exports = new wasmApi!.Instance(compile(), { env: { memory } }).exports as unknown as F128KernelExports;
  exports.init(d, 0);
  const w: F128WasmInstance = { exports, memory, twOff: SCRATCH_BYTES, twiddleLog: -1, aOff: SCRATCH_BYTES, bOff: SCRATCH_BYTES, capacity: 0 };
  instances.set(F.modulus, w);
  return w;
}

/**
 * Makes room in F's instance for two buffers of n elements and a twiddle table serving 2^logTw (a larger table
 * is kept); returns the instance. Buffers are scratch: their contents do not survive a call that grows them.
 */
export function _f128Reserve(F: PrimeField, n: number, logTw = -1): F128WasmInstance {
  const w = _f128Wasm(F);
  const twLog = Math.max(logTw, w.twiddleLog);
  if (n <= w.capacity && twLog === w.twiddleLog) return w;
  const twBytes = twLog < 0 ? 0 : 16 * 2 ** twLog;
  const capacity = Math.max(n, w.capacity);
  const need = SCRATCH_BYTES + twBytes + 32 * capacity;
  const have = w.memory.buffer.byteLength;
  if (need > have) w.memory.grow(Math.ceil((need - have) / PAGE));
  w.aOff = SCRATCH_BYTES + twBytes;
  w.bOff = w.aOff + 16 * capacity;
  w.capacity = capacity;
  if (twLog !== w.twiddleLog) {
    const root = F.rootOfUnity(twLog);
    w.exports.twiddles(w.twOff, twLog, root & MASK64, root >> 64n);
    w.twiddleLog = twLog;
  }
  return w;
}

/** A view of n elements of F's instance memory at byte offset off. */
export function _f128View(w: F128WasmInstance, off: number, n: number): Uint32Array {
  return new Uint32Array(w.memory.buffer, off, 4 * n);
}

/** The operations of F on `F128Vec`s; FieldParameterError unless p = 2^128 − d·2^32 + 1, 1 ≤ d < 2^30. */
export function f128Vectors(F: PrimeField): F128Vectors {
  const d = f128KernelParameter(F);
  const p = F.modulus;

  const sameLength = (a: F128Vec, b: F128Vec, op: string): number => {
    const n = f128Length(a);
    const m = f128Length(b);
    if (n !== m) throw new LengthError(`${F.name} ${op}: vectors of ${n} and ${m} elements`);
    return n;
  };
  const outFor = (n: number, out: F128Vec | undefined, op: string): F128Vec => {
    if (out === undefined) return f128Vec(n);
    if (out.length !== 4 * n) throw new LengthError(`${F.name} ${op}: output of ${out.length / 4} elements for ${n}`);
    return out;
  };
  const element = (c: bigint, op: string): bigint => {
    if (typeof c !== "bigint" || c < 0n || c >= p) throw new InvalidElementError(`${F.name} ${op}: ${String(c)} is not a canonical element of [0, p)`);
    return c;
  };
  /** Copies v (n elements) to byte offset off and checks it is canonical. */
  const load = (w: F128WasmInstance, off: number, v: F128Vec, n: number, op: string, which: string): void => {
    _f128View(w, off, n).set(v);
    const bad = w.exports.firstNonCanonical(off, n);
    if (bad >= 0) throw new InvalidElementError(`${F.name} ${op}: element ${bad} of ${which} is ${f128Get(v, bad)} ≥ p (not canonical)`);
  };
  const logSize = (n: number): number => {
    const log = log2Exact(n);
    if (log > F.twoAdicity) throw new DomainSizeError(`${F.name} has no NTT domain of size 2^${log} (two-adicity ${F.twoAdicity})`);
    return log;
  };
  const binary = (kernel: "mulVec" | "addVec" | "subVec", op: string, a: F128Vec, b: F128Vec, out: F128Vec | undefined): F128Vec => {
    const n = sameLength(a, b, op);
    const r = outFor(n, out, op);
    const w = _f128Reserve(F, n);
    load(w, w.aOff, a, n, op, "a");
    load(w, w.bOff, b, n, op, "b");
    w.exports[kernel](w.aOff, w.bOff, w.aOff, n);
    r.set(_f128View(w, w.aOff, n));
    return r;
  };
  /** Forward NTT of the n = 2^logN elements at A (twiddles already reserved). */
  const forward = (w: F128WasmInstance, logN: number): void => w.exports.ntt(w.aOff, logN, w.twOff);
  const inverse = (w: F128WasmInstance, logN: number): void => {
    const nInv = F.inv(BigInt(2 ** logN) % p);
    w.exports.ntt(w.aOff, logN, w.twOff);
    w.exports.reverseAndScale(w.aOff, logN, nInv & MASK64, nInv >> 64n);
  };

  /** The polynomial given by its n values on ⟨ω_n⟩ (fromValues) or its n coefficients, on offset·⟨ω_{blowup·n}⟩. */
  const extend = (input: F128Vec, blowup: number, offset: bigint, fromValues: boolean): F128Vec => {
    const op = fromValues ? "lde" : "cosetEvaluate";
    const n = f128Length(input);
    const logN = logSize(n);
    const logB = log2Exact(blowup);
    const logBig = logSize(n * blowup);
    element(offset, `${op} offset`);
    if (offset === 0n) throw new InvalidElementError(`${F.name} ${op}: the coset offset must be non-zero`);
    const N = n * blowup;
    const w = _f128Reserve(F, N, logBig);
    load(w, w.aOff, input, n, op, fromValues ? "the values" : "the coefficients");
    if (fromValues) inverse(w, logN); // coefficients c_i
    w.exports.mulPowers(w.aOff, n, offset & MASK64, offset >> 64n); // c_i·offset^i: P(offset·X)
    _f128View(w, w.aOff, N).fill(0, 4 * n);
    forward(w, logN + logB);
    return _f128View(w, w.aOff, N).slice();
  };

  return Object.freeze({
    field: F,
    d,
    vec: f128Vec,
    length: f128Length,
    fromBigints: (xs: readonly bigint[]) => f128FromBigints(F, xs),
    toBigints: f128ToBigints,
    logSize,
    mul: (a: F128Vec, b: F128Vec, out?: F128Vec) => binary("mulVec", "mul", a, b, out),
    add: (a: F128Vec, b: F128Vec, out?: F128Vec) => binary("addVec", "add", a, b, out),
    sub: (a: F128Vec, b: F128Vec, out?: F128Vec) => binary("subVec", "sub", a, b, out),
    scale: (a: F128Vec, c: bigint, out?: F128Vec) => {
      const n = f128Length(a);
      const r = outFor(n, out, "scale");
      element(c, "scale");
      const w = _f128Reserve(F, n);
      load(w, w.aOff, a, n, "scale", "a");
      w.exports.scaleVec(w.aOff, c & MASK64, c >> 64n, w.aOff, n);
      r.set(_f128View(w, w.aOff, n));
      return r;
    },
    ntt: (a: F128Vec) => {
      const n = f128Length(a);
      const logN = logSize(n);
      const w = _f128Reserve(F, n, logN);
      load(w, w.aOff, a, n, "ntt", "the input");
      forward(w, logN);
      a.set(_f128View(w, w.aOff, n));
      return a;
    },
    intt: (a: F128Vec) => {
      const n = f128Length(a);
      const logN = logSize(n);
      const w = _f128Reserve(F, n, logN);
      load(w, w.aOff, a, n, "intt", "the input");
      inverse(w, logN);
      a.set(_f128View(w, w.aOff, n));
      return a;
    },
    lde: (values: F128Vec, blowup: number, offset: bigint = F.generator) => extend(values, blowup, offset, true),
    cosetEvaluate: (coeffs: F128Vec, blowup: number, offset: bigint) => extend(coeffs, blowup, offset, false),
    powers: (x: bigint, n: number, start: bigint = 1n) => {
      element(x, "powers");
      element(start, "powers start");
      const r = f128Vec(n);
      if (n === 0) return r;
      const w = _f128Reserve(F, n);
      const v = _f128View(w, w.aOff, n);
      v.fill(0);
      for (let k = 0; k < 4; k++) v[k] = Number((start >> BigInt(32 * k)) & 0xffffffffn);
      for (let filled = 1; filled < n; filled *= 2) v.copyWithin(4 * filled, 0, 4 * Math.min(filled, n - filled));
      w.exports.mulPowers(w.aOff, n, x & MASK64, x >> 64n); // start·x^i
      r.set(v);
      return r;
    },
    divLinear: (a: F128Vec, z: bigint) => {
      const n = f128Length(a);
      element(z, "divLinear");
      const w = _f128Reserve(F, n);
      load(w, w.aOff, a, n, "divLinear", "the coefficients");
      w.exports.divLinear(w.aOff, w.bOff, n, z & MASK64, z >> 64n);
      return _f128View(w, w.bOff, n).slice();
    },
    dot: (a: F128Vec, b: F128Vec) => {
      const n = sameLength(a, b, "dot");
      const w = _f128Reserve(F, n);
      load(w, w.aOff, a, n, "dot", "a");
      load(w, w.bOff, b, n, "dot", "b");
      w.exports.dotVec(w.aOff, w.bOff, n, DOT_OUT);
      return f128Get(_f128View(w, DOT_OUT, 1), 0);
    },
    pow: (a: F128Vec, e: bigint) => {
      if (typeof e !== "bigint" || e < 0n || e >= 1n << 128n) throw new InvalidElementError(`${F.name} pow: the exponent ${String(e)} is not in [0, 2^128)`);
      const n = f128Length(a);
      const w = _f128Reserve(F, n);
      load(w, w.aOff, a, n, "pow", "a");
      w.exports.powVec(w.aOff, n, e & MASK64, e >> 64n);
      return _f128View(w, w.aOff, n).slice();
    },
    batchInverse: (a: F128Vec, out?: F128Vec) => {
      const n = f128Length(a);
      const r = outFor(n, out, "batchInverse");
      const w = _f128Reserve(F, n);
      load(w, w.aOff, a, n, "batchInverse", "a");
      const zero = w.exports.batchInverse(w.aOff, w.bOff, n);
      if (zero >= 0) throw new DivisionByZeroError(F.name, zero);
      r.set(_f128View(w, w.bOff, n));
      return r;
    },
  });
}
