/**
 * LWE benchmarks: keygen, encryption (public key and secret key), decryption, ct+ct, ct×scalar and the
 * linear combination per preset; the estimator's time for a full primal + dual estimate (all models) up to
 * n = 32768; and the throughput target of the foundation issue: 10,000 uint8 values at the default preset.
 */
import { COST_MODEL_NAMES, estimate } from "../src/lwe/estimator/index.js";
import {
  DEFAULT_PRESET,
  PRESETS,
  add,
  decrypt,
  encrypt,
  encryptMany,
  encryptWithSecretKey,
  getParams,
  keygen,
  linearCombination,
  mulScalar,
  seededRandom,
} from "../src/lwe/index.js";
import { type Measurement, time } from "./harness.js";

export function benchLwe(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  const rec = (name: string, params: string, r: { msPerOp: number; runs: number }, extra?: Record<string, number | string>) =>
    out.push({ suite: "lwe", name, params, ...r, ...(extra ? { extra } : {}) });
  const budget = options.quick ? 300 : 1500;

  for (const id of Object.keys(PRESETS)) {
    const p = getParams(id);
    const rnd = seededRandom(`bench-${id}`);
    rec("keygen", id, time(() => keygen(p, rnd), budget, 2, 20));
    const { publicKey, secretKey } = keygen(p, rnd);
    rec("encrypt (public key, batch of 8, per ct)", id, (() => {
      const r = time(() => encryptMany(publicKey, [1, 2, 3, 4, 5, 6, 7, 0], rnd), budget, 2, 50);
      return { msPerOp: r.msPerOp / 8, runs: r.runs };
    })());
    rec("encrypt (secret key)", id, time(() => encryptWithSecretKey(secretKey, 3, rnd), budget));
    const a = encrypt(publicKey, 3, rnd);
    const b = encrypt(publicKey, 4, rnd);
    rec("decrypt", id, time(() => decrypt(secretKey, a), budget));
    rec("ct + ct", id, time(() => add(a, b), budget));
    rec("ct × scalar", id, time(() => mulScalar(a, -77), budget));
    const xs = encryptMany(publicKey, [1, 2, 3, 4, 5, 6, 7, 0], rnd);
    rec("Σ w·ct + b (8 features)", id, time(() => linearCombination(xs, [3, -1, 4, 1, -5, 9, 2, -6], 7), budget));
  }

  for (const n of [1024, 4096, 16384, 32768]) {
    const inst = { n, logQ: n / 1024 * 27, secret: { kind: "uniform", a: -1, b: 1 } as const, error: { kind: "gaussian", stddev: 3.19 } as const, m: n };
    rec("estimate: primal + dual, 4 cost models", `n=${n}, log q=${inst.logQ}`, time(() => estimate(inst, { models: COST_MODEL_NAMES }), budget, 3, 50));
  }

  // Target: 10,000 uint8 values at the default secure preset.
  const count = options.quick ? 500 : 10_000;
  const p = getParams(DEFAULT_PRESET);
  const rnd = seededRandom("bench-10k");
  const { publicKey, secretKey } = keygen(p, rnd);
  const values = Array.from({ length: count }, (_, i) => (i * 131) % 256);
  let t0 = performance.now();
  const cts = encryptMany(publicKey, values, rnd);
  const pkMs = performance.now() - t0;
  t0 = performance.now();
  for (const v of values) encryptWithSecretKey(secretKey, v, rnd);
  const skMs = performance.now() - t0;
  const wrong = cts.filter((ct, i) => decrypt(secretKey, ct) !== BigInt(values[i]!)).length;
  if (wrong > 0) throw new Error(`${wrong} of ${count} benchmark ciphertexts decrypted wrongly`);
  rec(`encrypt ${count} uint8 values (public key)`, DEFAULT_PRESET, { msPerOp: pkMs, runs: 1 }, { perValueMs: pkMs / count });
  rec(`encrypt ${count} uint8 values (secret key)`, DEFAULT_PRESET, { msPerOp: skMs, runs: 1 }, { perValueMs: skMs / count });
  return out;
}
