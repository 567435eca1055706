/**
 * Concrete attacks on toy parameter sets, to show (not just estimate) why the thesis preset is insecure:
 * with n = 4 binary secret coefficients and an error that rounds to zero, t = A·s exactly, so trying all
 * 2^n secrets recovers s from the public key alone.
 */
import { type PublicKey, SecretKey } from "./keys.js";
import { LweError } from "./errors.js";
import { combineRows } from "./zq.js";

export interface KeyRecovery {
  readonly secretKey: SecretKey;
  readonly candidatesTried: number;
}

/**
 * Recovers the secret key from a public key whose secret is uniform in a small range and whose error is
 * zero, by exhaustive search (at most 2^20 candidates). Throws if the parameters are out of its reach.
 */
export function recoverSecretByExhaustiveSearch(pk: PublicKey): KeyRecovery {
  const p = pk.params;
  if (p.secret.kind !== "uniform") throw new LweError(`exhaustive search needs a uniform secret, not ${p.secret.kind}`);
  const { a, b } = p.secret;
  const range = b - a + 1;
  const total = range ** p.n;
  if (!(total <= 2 ** 20)) throw new LweError(`exhaustive search over ${range}^${p.n} secrets is out of reach here (limit 2^20)`);
  const mod = pk.modulus;
  const L = mod.limbs;
  const a_ = pk.matrix();
  const s = new Float64Array(p.n);
  const ti = new Uint32Array(L);
  for (let idx = 0; idx < total; idx++) {
    let x = idx;
    for (let j = 0; j < p.n; j++) {
      s[j] = a + (x % range);
      x = Math.floor(x / range);
    }
    let all = true;
    for (let i = 0; i < p.m && all; i++) {
      combineRows(mod, a_.subarray(i * p.n * L, (i + 1) * p.n * L), 1, s, ti);
      for (let k = 0; k < L; k++) if (ti[k] !== pk.t[i * L + k]) all = false;
    }
    if (all) return { secretKey: new SecretKey(p, Float64Array.from(s), pk.keyId), candidatesTried: idx + 1 };
  }
  throw new LweError("no secret reproduces t = A·s exactly: the error is not zero, so this attack does not apply");
}
