/**
 * Homomorphic operations on LWE ciphertexts (thesis §4.4: ADD2, SADD, SMUL; the thesis code's
 * `add`, `scalar_add`, `scalar_mul`): ct + ct, ct + plaintext, ct × integer, and the linear combination
 * Σ c_j·ct_j + b that a regression needs, computed in one pass. None of them needs a key.
 */
import { type Ciphertext, Ciphertext as Ct, checkCompatible, combineTerms, originOf } from "./ciphertext.js";
import { scaleMessage } from "./encoding.js";
import { LweError, PlaintextRangeError } from "./errors.js";
import { modulusOf } from "./params.js";
import { EXACT_COEFFICIENT_BUDGET, accumulate, addVectors, normalize, scaleVector } from "./zq.js";

function toInteger(c: number | bigint, what: string): bigint {
  if (typeof c === "number" && !Number.isSafeInteger(c)) throw new PlaintextRangeError(`${what} ${c} is not an integer`);
  return BigInt(c);
}

function reduceModT(c: bigint, t: number): bigint {
  const tt = BigInt(t);
  return ((c % tt) + tt) % tt;
}

/** ct1 + ct2 (ADD2). */
export function add(a: Ciphertext, b: Ciphertext): Ciphertext {
  checkCompatible(b, a.params, a.keyId, "add");
  const data = new Uint32Array(a.data.length);
  addVectors(a.modulus, a.data, b.data, data);
  return new Ct(a.params, a.keyId, data, combineTerms([{ terms: a.terms, scale: 1 }, { terms: b.terms, scale: 1 }]), a.plainWeight + b.plainWeight, originOf(a, b));
}

/** ct1 − ct2. */
export function sub(a: Ciphertext, b: Ciphertext): Ciphertext {
  return add(a, mulScalar(b, -1));
}

/** ct + k for a plaintext integer k (SADD): adds Δ·(k mod t) to the body. */
export function addPlain(a: Ciphertext, k: number | bigint): Ciphertext {
  const p = a.params;
  const mod = a.modulus;
  const x = scaleMessage(p, reduceModT(toInteger(k, "plaintext summand"), p.plaintextModulus));
  const data = Uint32Array.from(a.data);
  const L = mod.limbs;
  const acc = new Float64Array(L);
  let y = x;
  for (let j = 0; j < L; j++) {
    acc[j] = data[p.n * L + j]! + Number(y & 0xffffffffn);
    y >>= 32n;
  }
  normalize(mod, acc, 0, data, p.n * L, 1);
  return new Ct(p, a.keyId, data, new Map(a.terms), a.plainWeight + 1, a.origin);
}

/** c·ct for an integer c (SMUL); c may be negative. */
export function mulScalar(a: Ciphertext, c: number | bigint): Ciphertext {
  const cc = toInteger(c, "scalar");
  const data = new Uint32Array(a.data.length);
  scaleVector(a.modulus, a.data, cc, data);
  const scale = Number(cc);
  return new Ct(a.params, a.keyId, data, combineTerms([{ terms: a.terms, scale }]), a.plainWeight * Math.abs(scale), a.origin);
}

/**
 * Σ_j weights[j]·cts[j] + bias in one pass (the regression kernel). Weights are integers with
 * |w| < 2^21; use mulScalar/add for larger ones.
 */
export function linearCombination(
  cts: readonly Ciphertext[],
  weights: ArrayLike<number>,
  bias: number | bigint = 0,
): Ciphertext {
  if (cts.length === 0) throw new LweError("linearCombination needs at least one ciphertext");
  if (cts.length !== weights.length)
    throw new LweError(`linearCombination: ${cts.length} ciphertexts but ${weights.length} weights`);
  const first = cts[0]!;
  const p = first.params;
  const mod = modulusOf(p);
  const len = first.data.length;
  const acc = new Float64Array(len);
  let budget = 0;
  let plainWeight = 0;
  for (let j = 0; j < cts.length; j++) {
    const w = weights[j]!;
    if (!Number.isSafeInteger(w) || Math.abs(w) >= EXACT_COEFFICIENT_BUDGET)
      throw new PlaintextRangeError(`weight ${w} at index ${j} is not an integer with |w| < 2^21`);
    checkCompatible(cts[j]!, p, first.keyId, "linearCombination");
    if (budget + Math.abs(w) > EXACT_COEFFICIENT_BUDGET) {
      const tmp = new Uint32Array(len);
      normalize(mod, acc, 0, tmp, 0, p.n + 1);
      for (let k = 0; k < len; k++) acc[k] = tmp[k]!;
      budget = 1;
    }
    budget += Math.abs(w);
    accumulate(acc, 0, cts[j]!.data, 0, len, w);
    plainWeight += Math.abs(w) * cts[j]!.plainWeight;
  }
  const data = new Uint32Array(len);
  normalize(mod, acc, 0, data, 0, p.n + 1);
  const terms = combineTerms(cts.map((ct, j) => ({ terms: ct.terms, scale: weights[j]! })));
  const out = new Ct(p, first.keyId, data, terms, plainWeight, originOf(...cts));
  const b = toInteger(bias, "bias");
  return b === 0n ? out : addPlain(out, b);
}
