/**
 * The fast Goldilocks API the prover calls: each kernel runs in WebAssembly when available (and the vector
 * is long enough to pay for the copy), else in TypeScript; results are identical either way (tests compare
 * them bit for bit). On top of the NTT: interpolation on 2-power domains, evaluation on cosets and the
 * coset low-degree extension of STARK provers (Ben-Sasson et al., "Scalable, transparent, and post-quantum
 * secure computational integrity", eprint 2018/046, §3; Winterfell `StarkDomain`/`build_lde`).
 * Switch the WebAssembly path off with `setGoldilocksWasm(false)` or ENCRYPTAI_NO_WASM=1.
 */
import { DomainSizeError } from "./errors.js";
import {
  glAddVecTs,
  glBatchInverseTs,
  glLength,
  glMulVecTs,
  glPowers,
  glScaleVecTs,
  glAxpyVecTs,
  glInnerProduct,
  glSubVecTs,
  glVec,
  type GlVec,
  GL_P,
} from "./goldilocks.js";
import { GL_GENERATOR, glInttTs, glLogSize, glNttTs } from "./goldilocks-ntt.js";
import {
  glAddVecWasm,
  glBatchInverseWasm,
  glInttWasm,
  glMulVecWasm,
  glNttWasm,
  glScaleVecWasm,
  glAxpyVecWasm,
  glLinearCombinationsWasm,
  glInnerProductsWasm,
  glSubVecWasm,
  glPowersWasm,
  glWasmAvailable,
} from "./goldilocks-wasm.js";

/** Below this many elements the TypeScript path is used (the copy into WebAssembly would dominate). */
export const GL_WASM_MIN_LENGTH = 64;

let enabled = !process.env.ENCRYPTAI_NO_WASM;

/** Turns the WebAssembly kernels on or off; returns the previous setting. */
export function setGoldilocksWasm(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

/** True when calls will use WebAssembly (enabled and available). */
export function goldilocksWasmEnabled(): boolean {
  return enabled && glWasmAvailable();
}

const useWasm = (v: GlVec) => v.length >= 2 * GL_WASM_MIN_LENGTH && enabled && glWasmAvailable();

/** start·x^i for i < n: glPowers, in WebAssembly for long vectors (same values; the recurrence is sequential). */
export function glPowersFast(x: bigint, n: number, start = 1n): GlVec {
  if (n < GL_WASM_MIN_LENGTH || !enabled || !glWasmAvailable()) return glPowers(x, n, start);
  if (x < 0n || x >= GL_P || start < 0n || start >= GL_P) return glPowers(x, n, start); // (its error names the value)
  return glPowersWasm(x, n, start);
}

/** out[i] = a[i]·b[i]. */
export function glMulVec(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return useWasm(a) ? glMulVecWasm(a, b, out) : glMulVecTs(a, b, out);
}

/** out[i] = a[i] + b[i]. */
export function glAddVec(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return useWasm(a) ? glAddVecWasm(a, b, out) : glAddVecTs(a, b, out);
}

/** out[i] = a[i] − b[i]. */
export function glSubVec(a: GlVec, b: GlVec, out?: GlVec): GlVec {
  return useWasm(a) ? glSubVecWasm(a, b, out) : glSubVecTs(a, b, out);
}

/** out[i] = c·a[i]. */
export function glScaleVec(a: GlVec, c: bigint, out?: GlVec): GlVec {
  return useWasm(a) ? glScaleVecWasm(a, c, out) : glScaleVecTs(a, c, out);
}

/** out[i] = acc[i] + c·a[i]. */
export function glAxpyVec(acc: GlVec, a: GlVec, c: bigint, out?: GlVec): GlVec {
  return useWasm(acc) ? glAxpyVecWasm(acc, a, c, out) : glAxpyVecTs(acc, a, c, out);
}

/**
 * out[k] = Σ_j coeffs[k][j]·vectors[j] (coeffs[k] has one entry per vector): several linear combinations of the
 * same vectors in one pass, e.g. the DEEP sums or the composition's constraint combination.
 */
export function glLinearCombinations(vectors: readonly GlVec[], coeffs: readonly (readonly bigint[])[]): GlVec[] {
  if (vectors.length === 0) throw new RangeError("glLinearCombinations: no vectors");
  for (const row of coeffs) {
    if (row.length !== vectors.length) throw new RangeError(`glLinearCombinations: ${row.length} coefficients for ${vectors.length} vectors`);
  }
  if (useWasm(vectors[0]!)) return glLinearCombinationsWasm(vectors, coeffs);
  const n = glLength(vectors[0]!);
  return coeffs.map((row) => {
    const acc = glVec(n);
    row.forEach((c, j) => {
      if (c !== 0n) glAxpyVecTs(acc, vectors[j]!, c, acc);
    });
    return acc;
  });
}

/** out[j][k] = Σ_i vectors[j][i]·weights[k][i]: every vector against every weight vector. */
export function glInnerProducts(vectors: readonly GlVec[], weights: readonly GlVec[]): bigint[][] {
  if (weights.length === 0) throw new RangeError("glInnerProducts: no weight vectors");
  if (useWasm(weights[0]!)) return glInnerProductsWasm(vectors, weights);
  return vectors.map((v) => weights.map((u) => glInnerProduct(v, u)));
}

/** out[i] = a[i]^-1 (Montgomery's trick); DivisionByZeroError names the first zero. */
export function glBatchInverse(a: GlVec, out?: GlVec): GlVec {
  return useWasm(a) ? glBatchInverseWasm(a, out) : glBatchInverseTs(a, out);
}

/** Forward NTT in place: coefficients → evaluations on ⟨ω_n⟩, natural order. */
export function glNtt(a: GlVec): GlVec {
  return useWasm(a) ? glNttWasm(a) : glNttTs(a);
}

/** Inverse NTT in place: evaluations on ⟨ω_n⟩ → coefficients. */
export function glIntt(a: GlVec): GlVec {
  return useWasm(a) ? glInttWasm(a) : glInttTs(a);
}

/** Coefficients of the polynomial of degree < n taking `values` on ⟨ω_n⟩ (a new vector). */
export function glInterpolate(values: GlVec): GlVec {
  return glIntt(values.slice());
}

/**
 * Evaluations of a polynomial with coefficients `coeffs` (degree < n, n = 2^k) on the coset
 * offset·⟨ω_n⟩: element i is P(offset·ω_n^i). P(offset·x) has coefficients c_i·offset^i.
 */
export function glEvaluateOnCoset(coeffs: GlVec, offset: bigint = 1n): GlVec {
  const out = coeffs.slice();
  if (offset !== 1n) glMulVec(out, glPowersFast(offset, glLength(out)), out);
  return glNtt(out);
}

/**
 * Coset low-degree extension: evaluations of P (coefficients, degree < n, n a power of two) on
 * offset·⟨ω_N⟩ with N = blowup·n, natural order (element i = P(offset·ω_N^i)). Default offset: the
 * multiplicative generator 7, so the LDE domain is disjoint from the trace domain ⟨ω_n⟩.
 */
export function glCosetLde(coeffs: GlVec, blowup: number, offset: bigint = GL_GENERATOR): GlVec {
  const n = glLength(coeffs);
  glLogSize(n);
  if (!Number.isInteger(blowup) || blowup < 1 || 2 ** Math.round(Math.log2(blowup)) !== blowup) {
    throw new DomainSizeError(`blowup factor must be a power of two ≥ 1, got ${blowup}`);
  }
  const N = n * blowup;
  glLogSize(N);
  const ext = glVec(N);
  const scaled = offset === 1n ? coeffs : glMulVec(coeffs, glPowersFast(offset, n));
  ext.set(scaled);
  return glNtt(ext);
}

/** Trace column (values on ⟨ω_n⟩) → its coset LDE of size blowup·n: interpolate, then extend. */
export function glLdeFromValues(values: GlVec, blowup: number, offset: bigint = GL_GENERATOR): GlVec {
  return glCosetLde(glInterpolate(values), blowup, offset);
}

/** Product of two polynomials (coefficients) by NTT: pads to the next power of two ≥ deg + 1. */
export function glPolyMul(a: GlVec, b: GlVec): GlVec {
  const na = glLength(a);
  const nb = glLength(b);
  if (na === 0 || nb === 0) return glVec(0);
  const len = na + nb - 1;
  const N = 2 ** Math.ceil(Math.log2(len));
  const fa = glVec(N);
  const fb = glVec(N);
  fa.set(a);
  fb.set(b);
  glNtt(fa);
  glNtt(fb);
  glMulVec(fa, fb, fa);
  glIntt(fa);
  return fa.slice(0, 2 * len);
}
