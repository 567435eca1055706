/**
 * The LWE lab's parameter report (the workbench's main job until the end-to-end demo exists): every preset
 * with its estimated security (model named), sizes, noise and largest linear circuit; a live key recovery
 * on the thesis preset; and a timed encrypt → linear circuit → decrypt round trip on the default preset with
 * measured against predicted noise.
 */
import { recoverSecretByExhaustiveSearch } from "./attacks.js";
import { decrypt, encryptMany, measureNoise } from "./encrypt.js";
import { linearCombination } from "./homomorphic.js";
import { keygen } from "./keys.js";
import { freshNoiseVariance, maxCircuitNorm, predictNoise } from "./noise.js";
import { type LweParams, ciphertextBytes, modulusOf, publicKeyBytes } from "./params.js";
import { DEFAULT_PRESET, PRESETS, getParams } from "./presets.js";
import { type RandomSource, systemRandom } from "./random.js";
import { paramsSecurity } from "./security.js";

export interface PresetRow {
  readonly id: string;
  readonly title: string;
  readonly modulus: string;
  readonly n: number;
  readonly m: number;
  readonly plaintextModulus: number;
  readonly delta: bigint;
  readonly security: ReadonlyArray<{ model: string; bits: number; limitedBy: string }>;
  readonly ciphertextBytes: number;
  readonly publicKeyBytes: number;
  /** Standard deviation of a fresh public-key ciphertext's decryption noise. */
  readonly freshNoiseStddev: number;
  /** Largest ‖c‖₂ of a linear circuit over fresh ciphertexts with failure probability ≤ 2^-40. */
  readonly maxCircuitNorm: number;
}

export function presetRow(p: LweParams): PresetRow {
  return {
    id: p.id,
    title: p.title,
    modulus: modulusOf(p).id,
    n: p.n,
    m: p.m,
    plaintextModulus: p.plaintextModulus,
    delta: p.delta,
    security: paramsSecurity(p).byModel,
    ciphertextBytes: ciphertextBytes(p),
    publicKeyBytes: publicKeyBytes(p),
    freshNoiseStddev: Math.sqrt(freshNoiseVariance(p, "public")),
    maxCircuitNorm: maxCircuitNorm(p),
  };
}

export interface LabReport {
  readonly presets: readonly PresetRow[];
  readonly thesisAttack: { candidatesTried: number; recoveredKeyDecrypts: boolean; milliseconds: number };
  readonly roundTrip: {
    preset: string;
    values: number;
    weights: number[];
    keygenMs: number;
    encryptMsPerValue: number;
    evaluateMs: number;
    decryptMs: number;
    correct: boolean;
    predictedNoiseStddev: number;
    measuredNoiseStddev: number;
  };
  readonly randomness: string;
}

/** Builds the report. `random` drives every sampled quantity (seed it for a reproducible report). */
export function buildLabReport(random: RandomSource = systemRandom(), roundTripSize = 64): LabReport {
  const presets = Object.values(PRESETS).map((p) => presetRow(p.params));

  // 1. The thesis preset: recover the secret key from the public key alone.
  const thesis = getParams("thesis");
  const victim = keygen(thesis, random);
  const start = performance.now();
  const recovered = recoverSecretByExhaustiveSearch(victim.publicKey);
  const attackMs = performance.now() - start;
  const [probe] = encryptMany(victim.publicKey, [5], random);
  const thesisAttack = {
    candidatesTried: recovered.candidatesTried,
    recoveredKeyDecrypts: decrypt(recovered.secretKey, probe!) === 5n,
    milliseconds: attackMs,
  };

  // 2. A round trip on the default secure preset: Σ w_j·x_j over encrypted x.
  const p = getParams(DEFAULT_PRESET);
  let t0 = performance.now();
  const { publicKey, secretKey } = keygen(p, random);
  const keygenMs = performance.now() - t0;
  const values = Array.from({ length: roundTripSize }, (_, i) => ((i * 97) % 256) - 128);
  t0 = performance.now();
  const cts = encryptMany(publicKey, values, random);
  const encryptMs = performance.now() - t0;
  const weights = [3, -7, 12, 5];
  t0 = performance.now();
  const outs = [];
  for (let i = 0; i + weights.length <= cts.length; i += weights.length)
    outs.push({ ct: linearCombination(cts.slice(i, i + weights.length), weights, 17), xs: values.slice(i, i + weights.length) });
  const evaluateMs = performance.now() - t0;
  t0 = performance.now();
  let correct = true;
  let s2 = 0;
  for (const { ct, xs } of outs) {
    const expected = xs.reduce((s, x, j) => s + x * weights[j]!, 17);
    correct &&= decrypt(secretKey, ct) === BigInt(expected);
    s2 += Number(measureNoise(secretKey, ct, expected)) ** 2;
  }
  const decryptMs = performance.now() - t0;
  return {
    presets,
    thesisAttack,
    roundTrip: {
      preset: p.id,
      values: values.length,
      weights,
      keygenMs,
      encryptMsPerValue: encryptMs / values.length,
      evaluateMs,
      decryptMs,
      correct,
      predictedNoiseStddev: predictNoise(outs[0]!.ct).sigma,
      measuredNoiseStddev: Math.sqrt(s2 / outs.length),
    },
    randomness: random.label,
  };
}
