/**
 * LWE benchmarks: keygen, encryption (public key and secret key), decryption, ct+ct, ct×scalar and the
 * linear combination per preset; the estimator's time for the full attack set (one and four cost models) and the
 * rough set up to n = 32768, a preset's security and a 100-point sweep (issue "LWE lab 2"); and the throughput
 * target of the foundation issue: 10,000 uint8 values at the default preset.
 */
import { COST_MODEL_NAMES, estimate, sweep } from "../src/lwe/estimator/index.js";
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
  paramsSecurity,
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
      return { ...r, msPerOp: r.msPerOp / 8, minMs: r.minMs / 8, maxMs: r.maxMs / 8 };
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

  // Issue "LWE lab 2", item 6: the full attack set in < 1 s per parameter set for n ≤ 32768; a 100-point sweep in < 30 s.
  for (const n of [1024, 4096, 16384, 32768]) {
    const inst = { n, logQ: n / 1024 * 27, secret: { kind: "uniform", a: -1, b: 1 } as const, error: { kind: "gaussian", stddev: 3.19 } as const, m: n };
    const label = `n=${n}, log q=${inst.logQ}`;
    rec("estimate: full attack set, core-SVP", label, time(() => estimate(inst, { models: ["core-svp"] }), budget, 3, 50));
    rec("estimate: full attack set, 4 cost models", label, time(() => estimate(inst, { models: COST_MODEL_NAMES }), budget, 3, 20));
    rec("estimate: rough set (uSVP + dual hybrid), core-SVP", label, time(() => estimate(inst, { models: ["core-svp"], attacks: "rough" }), budget, 3, 50));
  }
  for (const id of ["goldilocks-128", "f128-128"]) {
    rec("preset security: both instances, full set, 4 cost models", id, time(() => paramsSecurity(getParams(id)), budget, 3, 10));
  }
  {
    // 100 points: 10 values of n × 10 of σ at the Goldilocks modulus, full set, core-SVP
    const axes = {
      n: Array.from({ length: 10 }, (_, i) => 1024 + 256 * i),
      logQ: [64],
      secret: [{ kind: "uniform", a: -1, b: 1 } as const],
      error: Array.from({ length: 10 }, (_, i) => ({ kind: "gaussian", stddev: 2 ** (16 + i * 0.75) }) as const),
      m: ["n" as const],
    };
    rec("sweep: 100 points (n × σ), full set, core-SVP", "n 1024..3328, σ 2^16..2^22.75, log q 64", time(() => sweep(axes, { models: ["core-svp"] }), options.quick ? 1 : budget, 1, 5));
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
