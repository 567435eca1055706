/**
 * What the Explore screen shows for one LWE parameter choice, computed in the page's worker (no DOM): security per
 * attack and per BKZ cost model on both LWE instances of the scheme (src/lwe/security.ts, the project's estimator:
 * lattice-estimator's full attack set, docs/lwe-estimator.md), the limiting attack named with its model, the noise
 * budget of linear circuits at failure 2^-40 (src/lwe/noise.ts, average-key model) and the sizes of a ciphertext
 * and of the keys (src/lwe/params.ts), plus the headline security and noise budget at a few n around the chosen one.
 *
 * The result is plain data (structured-clone and JSON safe): +∞ ("no attack of this kind succeeds", "no noise")
 * is `null`, Δ is a decimal string.
 */
import { ATTACK_INFO, ATTACK_NAMES, type AttackName, COST_MODEL_INFO, COST_MODEL_NAMES, type CostModelName } from "../../src/lwe/estimator/index.js";
import {
  type LweParams,
  type ParamsSecurity,
  type SmallDistribution,
  ciphertextBytes,
  circuitFailureLog2,
  freshNoiseVariance,
  freshResidualBound,
  maxCircuitNorm,
  modulusOf,
  paramsSecurity,
  publicKeyBytes,
  validateParams,
} from "../../src/lwe/index.js";

/** log2 of an attack's cost; `null` is +∞ (the attack does not apply or never succeeds). */
export type Bits = number | null;

/** The cost model of the headline figure: the conservative core-SVP (classical, 0.292β) the presets claim under. */
export const HEADLINE_MODEL: CostModelName = "core-svp";

/** Decryption failure probability the noise budget is sized for (noise.ts defaults). */
export const FAILURE_TARGET_LOG2 = -40;

/** Multiples of the chosen n at which the headline security and the noise budget are also computed. */
export const N_FACTORS: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** The two elementary attacks security.ts adds to the estimator's (the lattice models say nothing sensible at toy sizes). */
export const ELEMENTARY_ATTACKS = {
  "secret-space": "exhaustive search over the secret: log2 of the number of possible secrets (security.ts)",
  "linear-algebra": "Gaussian elimination, n³ operations, when the error is zero with probability > 1 − 2^-40 (security.ts)",
} as const;

export type ExploreAttack = AttackName | keyof typeof ELEMENTARY_ATTACKS;
export type InstanceName = "key" | "encryption";

export interface ExploreParamsSummary {
  readonly id: string;
  readonly title: string;
  readonly modulus: string;
  readonly log2q: number;
  readonly n: number;
  readonly m: number;
  readonly secret: string;
  readonly keyError: string;
  readonly encRandomness: string;
  readonly encError: string;
  /** log2 σ of the key error when it is Gaussian (σ = 0: null). */
  readonly log2Sigma: number | null;
  readonly plaintextModulus: number;
  readonly log2T: number;
  /** Δ as a decimal string. */
  readonly delta: string;
  readonly encoding: string;
}

/** One attack under one cost model: the cheaper of the two instances. */
export interface AttackBits {
  readonly attack: ExploreAttack;
  readonly model: CostModelName;
  readonly bits: Bits;
  readonly instance: InstanceName;
}

/** The security under one cost model: the cheapest attack over both instances, as security.ts names it. */
export interface ModelLimit {
  readonly model: CostModelName;
  readonly bits: Bits;
  readonly attack: ExploreAttack;
  readonly instance: InstanceName;
  /** The block size of a lattice attack, else null. */
  readonly beta: number | null;
  /** security.ts's own words, e.g. "dual-hybrid on the key instance (β = 448)". */
  readonly limitedBy: string;
}

export interface ExploreSecurity {
  /** Which attacks the figures cover: every attack of the estimator's full set (estimate.ts ATTACK_SETS.full). */
  readonly attackSet: "full";
  readonly attacks: ReadonlyArray<{ attack: ExploreAttack; info: string }>;
  readonly models: ReadonlyArray<{ model: CostModelName; info: string }>;
  /** Every attack × every model (attacks outer, models inner). */
  readonly perAttack: readonly AttackBits[];
  /** Per model: the limiting attack. */
  readonly byModel: readonly ModelLimit[];
  /** The headline: `byModel`'s entry for HEADLINE_MODEL. */
  readonly limiting: ModelLimit;
}

export interface ExploreNoise {
  /** How the figures are modelled. */
  readonly model: string;
  readonly failureTargetLog2: number;
  /** Decryption succeeds while |noise| < Δ/2. */
  readonly halfDelta: number;
  /** Standard deviation of a fresh public-key / secret-key ciphertext's noise. */
  readonly freshStddevPublic: number;
  readonly freshStddevSecret: number;
  /** The largest residual of a fresh public-key ciphertext except with probability 2^-40 (0: no noise). */
  readonly freshResidualBound: number;
  /** log2(Δ/2 ÷ that bound): the headroom of a fresh ciphertext, in bits (negative: fresh ciphertexts fail). */
  readonly budgetBits: Bits;
  /** log2 P(a fresh public-key ciphertext decrypts wrongly); null when 0. */
  readonly freshFailureLog2: number | null;
  /** The largest ‖c‖₂ of a linear circuit over fresh public- / secret-key ciphertexts at failure 2^-40. */
  readonly maxCircuitNorm: Bits;
  readonly maxCircuitNormSecret: Bits;
  /** The most fresh public-key ciphertexts that can be added (all coefficients 1): ⌊‖c‖₂²⌋. */
  readonly maxAdditions: Bits;
  /** The largest integer weight one fresh ciphertext can be multiplied by: ⌊‖c‖₂⌋. */
  readonly maxScalar: Bits;
}

export interface ExploreSizes {
  /** One element of Z_q. */
  readonly elementBytes: number;
  /** (n + 1) elements (params.ts ciphertextBytes). */
  readonly ciphertextBytes: number;
  /** The 32-byte seed of A plus m elements (params.ts publicKeyBytes; the file adds a header and a checksum). */
  readonly publicKeyBytes: number;
  /** n coefficients of 4 bytes (the secret key file's payload; the file adds a header, the key id and a checksum). */
  readonly secretKeyBytes: number;
  /** Ciphertext bytes per bit of plaintext (log2 t bits per ciphertext). */
  readonly ciphertextBytesPerPlaintextBit: number;
}

export interface ExplorePoint {
  readonly n: number;
  readonly m: number;
  /** Security under HEADLINE_MODEL (null: +∞). */
  readonly bits: Bits;
  readonly limitedBy: string;
  readonly maxCircuitNorm: Bits;
}

export interface ExploreVersusN {
  readonly model: CostModelName;
  readonly attackSet: "full";
  /** Whether m moves with n (the chosen parameters have m = n, the scheme's convention). */
  readonly mFollowsN: boolean;
  readonly points: readonly ExplorePoint[];
}

export interface ExploreResult {
  readonly params: ExploreParamsSummary;
  readonly security: ExploreSecurity;
  readonly noise: ExploreNoise;
  readonly sizes: ExploreSizes;
  readonly versusN: ExploreVersusN;
  /** Milliseconds `explore` took. */
  readonly ms: number;
}

/** +∞ as null (JSON has no infinity); NaN as null too. */
const finite = (x: number): Bits => (Number.isFinite(x) ? x : null);

function describe(d: SmallDistribution): string {
  switch (d.kind) {
    case "gaussian":
      return d.stddev === 0 ? "gaussian σ = 0" : `gaussian σ = 2^${Math.log2(d.stddev).toFixed(2)}`;
    case "cbd":
      return `cbd η = ${d.eta}`;
    case "uniform":
      return d.a === -1 && d.b === 1 ? "ternary {−1, 0, 1}" : d.a === 0 && d.b === 1 ? "binary {0, 1}" : `uniform [${d.a}, ${d.b}]`;
  }
}

function summary(p: LweParams): ExploreParamsSummary {
  const e = p.keyError;
  return {
    id: p.id,
    title: p.title,
    modulus: p.modulus,
    log2q: modulusOf(p).log2q,
    n: p.n,
    m: p.m,
    secret: describe(p.secret),
    keyError: describe(p.keyError),
    encRandomness: describe(p.encRandomness),
    encError: describe(p.encError),
    log2Sigma: e.kind === "gaussian" && e.stddev > 0 ? Math.log2(e.stddev) : null,
    plaintextModulus: p.plaintextModulus,
    log2T: Math.log2(p.plaintextModulus),
    delta: p.delta.toString(),
    encoding: p.encoding,
  };
}

/** Every attack × model, each the cheaper of the two instances; and per model the limit, chosen as security.ts does. */
function securityOf(s: ParamsSecurity, models: readonly CostModelName[]): ExploreSecurity {
  const perAttack: AttackBits[] = [];
  const cheaper = (attack: ExploreAttack, model: CostModelName, bitsOf: (i: ParamsSecurity["instances"][number]) => number): void => {
    const [key, enc] = s.instances.map(bitsOf) as [number, number];
    perAttack.push({ attack, model, bits: finite(Math.min(key, enc)), instance: enc < key ? "encryption" : "key" });
  };
  for (const attack of ATTACK_NAMES)
    for (const model of models) cheaper(attack, model, (i) => i.attacks.find((a) => a.model === model && a.attack === attack)?.bits ?? Infinity);
  for (const model of models) cheaper("secret-space", model, (i) => i.exhaustiveBits);
  for (const model of models) cheaper("linear-algebra", model, (i) => i.linearAlgebraBits);

  const byModel = models.map((model): ModelLimit => {
    // the same candidates in the same order as security.ts's byModel (strictly cheaper wins), so the names agree
    let best: Omit<ModelLimit, "limitedBy"> = { model, bits: null, attack: "secret-space", instance: "key", beta: null };
    let bestBits = Infinity;
    for (const inst of s.instances) {
      const lat = inst.lattice.find((l) => l.model === model)!;
      const candidates: [number, ExploreAttack, number | null][] = [
        [lat.bits, lat.attack as ExploreAttack, Number.isNaN(lat.beta) ? null : lat.beta],
        [inst.exhaustiveBits, "secret-space", null],
        [inst.linearAlgebraBits, "linear-algebra", null],
      ];
      for (const [bits, attack, beta] of candidates)
        if (bits < bestBits) {
          bestBits = bits;
          best = { model, bits: finite(bits), attack, instance: inst.name, beta };
        }
    }
    const limitedBy = s.byModel.find((b) => b.model === model)?.limitedBy || "no attack succeeds";
    return { ...best, limitedBy };
  });
  return {
    attackSet: "full",
    attacks: [...ATTACK_NAMES.map((attack) => ({ attack, info: ATTACK_INFO[attack] })), ...Object.entries(ELEMENTARY_ATTACKS).map(([attack, info]) => ({ attack: attack as ExploreAttack, info }))],
    models: models.map((model) => ({ model, info: COST_MODEL_INFO[model] })),
    perAttack,
    byModel,
    limiting: byModel.find((b) => b.model === HEADLINE_MODEL) ?? byModel[0]!,
  };
}

function noiseOf(p: LweParams): ExploreNoise {
  const halfDelta = Number(p.delta) / 2;
  const bound = freshResidualBound(p, FAILURE_TARGET_LOG2);
  const norm = finite(maxCircuitNorm(p, FAILURE_TARGET_LOG2, "public"));
  const failure = circuitFailureLog2(p, 1, 1, "public");
  return {
    model: "the average key (noise.ts): Σc²·(m·E[e²]·Var e1 + E[e2²] + n·E[s²]·E[e3²]) plus the shift of a non-zero-mean e1",
    failureTargetLog2: FAILURE_TARGET_LOG2,
    halfDelta,
    freshStddevPublic: Math.sqrt(freshNoiseVariance(p, "public")),
    freshStddevSecret: Math.sqrt(freshNoiseVariance(p, "secret")),
    freshResidualBound: bound,
    budgetBits: bound > 0 ? finite(Math.log2(halfDelta / bound)) : null,
    freshFailureLog2: Number.isFinite(failure) ? failure : null,
    maxCircuitNorm: norm,
    maxCircuitNormSecret: finite(maxCircuitNorm(p, FAILURE_TARGET_LOG2, "secret")),
    maxAdditions: norm === null ? null : Math.floor(norm * norm),
    maxScalar: norm === null ? null : Math.floor(norm),
  };
}

function sizesOf(p: LweParams): ExploreSizes {
  const ct = ciphertextBytes(p);
  return {
    elementBytes: modulusOf(p).limbs * 4,
    ciphertextBytes: ct,
    publicKeyBytes: publicKeyBytes(p),
    secretKeyBytes: p.n * 4,
    ciphertextBytesPerPlaintextBit: ct / Math.log2(p.plaintextModulus),
  };
}

/** The n values around p.n (distinct, valid dimensions). */
export function nearbyDimensions(n: number): number[] {
  return [...new Set(N_FACTORS.map((f) => Math.min(1 << 16, Math.max(1, Math.round(n * f)))))].sort((a, b) => a - b);
}

function versusN(p: LweParams, current: ModelLimit, currentNorm: Bits): ExploreVersusN {
  const mFollowsN = p.m === p.n;
  const points: ExplorePoint[] = [];
  for (const n of nearbyDimensions(p.n)) {
    if (n === p.n) {
      points.push({ n, m: p.m, bits: current.bits, limitedBy: current.limitedBy, maxCircuitNorm: currentNorm });
      continue;
    }
    let q: LweParams;
    try {
      q = validateParams({ ...p, n, m: mFollowsN ? n : p.m });
    } catch {
      continue; // a neighbour outside the valid range is left out of the chart
    }
    const limit = paramsSecurity(q, [HEADLINE_MODEL]).byModel[0]!;
    points.push({ n, m: q.m, bits: finite(limit.bits), limitedBy: limit.limitedBy || "no attack succeeds", maxCircuitNorm: finite(maxCircuitNorm(q, FAILURE_TARGET_LOG2)) });
  }
  return { model: HEADLINE_MODEL, attackSet: "full", mFollowsN, points };
}

/**
 * Security, noise budget and sizes of a parameter set. Throws LweParameterError naming the bad field when the
 * parameters are invalid. Every attack of the estimator's full set, under every cost model (≈ 0.25–0.4 s for the
 * secure presets), plus the headline model at the n values of N_FACTORS (≈ 0.3–0.5 s).
 */
export function explore(params: LweParams): ExploreResult {
  const t0 = performance.now();
  const p = validateParams(params);
  const models = COST_MODEL_NAMES;
  const security = securityOf(paramsSecurity(p, models, "full"), models);
  const noise = noiseOf(p);
  return {
    params: summary(p),
    security,
    noise,
    sizes: sizesOf(p),
    versusN: versusN(p, security.limiting, noise.maxCircuitNorm),
    ms: performance.now() - t0,
  };
}
