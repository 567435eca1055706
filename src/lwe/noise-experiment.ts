/**
 * Empirical noise measurements, to check the analysis in noise.ts against the real scheme: encrypt many
 * random messages, optionally push them through a linear circuit, and record N = d − Δ·m for each.
 */
import type { Ciphertext } from "./ciphertext.js";
import { decrypt, encryptMany, encryptWithSecretKey, measureNoise } from "./encrypt.js";
import { linearCombination } from "./homomorphic.js";
import { keygen } from "./keys.js";
import { type NoisePrediction, predictNoise } from "./noise.js";
import { type LweParams, plaintextRange } from "./params.js";
import { ByteStream, type RandomSource, seededRandom } from "./random.js";

export interface NoiseExperiment {
  /** Decryption noise of each sample (centred, as numbers). */
  readonly noise: Float64Array;
  /** Sample standard deviation. */
  readonly sampleStddev: number;
  /** The prediction for one sample (all samples share it). */
  readonly predicted: NoisePrediction;
  /** Fraction of samples that decrypted to the wrong message. */
  readonly failureRate: number;
}

export interface NoiseExperimentOptions {
  readonly samples: number;
  /** Integer weights of a linear circuit applied to fresh ciphertexts (default: [1], i.e. fresh noise). */
  readonly weights?: readonly number[];
  /** Encrypt with the public key (default) or with the secret key. */
  readonly encryption?: "public" | "secret";
  readonly random?: RandomSource;
}

/** Runs the experiment with a fresh key pair. */
export function runNoiseExperiment(params: LweParams, options: NoiseExperimentOptions): NoiseExperiment {
  const random = options.random ?? seededRandom("noise-experiment");
  const weights = options.weights ?? [1];
  const { publicKey, secretKey } = keygen(params, random);
  const { min, max } = plaintextRange(params);
  const pick = new ByteStream(random);
  const span = Number(max - min) + 1;
  const noise = new Float64Array(options.samples);
  let failures = 0;
  let predicted: NoisePrediction | undefined;
  for (let i = 0; i < options.samples; i++) {
    const ms = weights.map(() => BigInt(Math.floor(pick.unit() * span)) + min);
    const cts: Ciphertext[] =
      options.encryption === "secret"
        ? ms.map((m) => encryptWithSecretKey(secretKey, m, random))
        : encryptMany(publicKey, ms, random);
    const out = linearCombination(cts, weights);
    const expected = ms.reduce((s, m, j) => s + m * BigInt(weights[j]!), 0n);
    noise[i] = Number(measureNoise(secretKey, out, expected));
    predicted ??= predictNoise(out);
    const got = decrypt(secretKey, out, { unsafe: true });
    const t = BigInt(params.plaintextModulus);
    if ((((got - expected) % t) + t) % t !== 0n) failures++;
  }
  let s2 = 0;
  for (const x of noise) s2 += x * x;
  return {
    noise,
    sampleStddev: Math.sqrt(s2 / noise.length),
    predicted: predicted!,
    failureRate: failures / options.samples,
  };
}
