/**
 * Security report of a STARK proof configuration (issue "STARK prover and verifier", item 5), a faithful port of
 * Winterfell's air/src/proof/security.rs (v0.13; `ConjecturedSecurity`, `ProvenSecurity`) with its inputs taken
 * as in air/src/proof/mod.rs (`Proof::conjectured_security`, `Proof::proven_security`):
 *
 *  - conjectured bits, ethSTARK (eprint 2021/582, Conjecture 1 / Eq. 19 as Winterfell computes it):
 *      min( min(k·b, s·log2 β + g·[s·log2 β ≥ 80]) − 1, λ_hash )
 *    with b base-field bits, k the extension degree, s queries, β the blowup, g grinding bits;
 *  - with zero knowledge the committed polynomials have degree < 2n (layout.ts), so every bound is computed for
 *    the code they live in: trace length 2n and blowup β/2 (`codeParameters`);
 *  - proven bits in the unique-decoding regime (eprint 2024/1553, Theorem 3) and the list-decoding regime
 *    (Theorem 2, via eprint 2022/1216 Theorem 8 and eprint 2021/582 Theorem 5), as the floor of the smallest
 *    round-by-round error term −log2 ε_j, capped by the hash; formulas in `provenSecurity` and docs/air.md.
 *
 * Only the arithmetic is ported; it is not a proof that this project's prover meets the theorems' hypotheses.
 */
import type { Air } from "../air/air.js";
import type { HashName } from "../hash/hasher.js";
import type { Field } from "../math/field.js";
import { type ProofOptions, maxConstraintDegree, minBlowupForDegree, validateOptions } from "./options.js";

/** Winterfell `GRINDING_CONTRIBUTION_FLOOR`: grinding counts only when the query term reaches this many bits. */
export const GRINDING_CONTRIBUTION_FLOOR = 80;
/** Winterfell `MAX_PROXIMITY_PARAMETER`: the list-decoding search over m stops here. */
export const MAX_PROXIMITY_PARAMETER = 1000;

/** Collision resistance (bits) of each hash: digest bits / 2 (Winterfell `Hasher::COLLISION_RESISTANCE`). */
export const HASH_COLLISION_BITS: Readonly<Record<HashName, number>> = Object.freeze({ "blake3-256": 128, sha256: 128, keccak256: 128 });

/**
 * How random coefficients batch several items (Winterfell `BatchingMethod`): "linear" draws one coefficient per
 * item; "algebraic" uses powers of one (costs log2(C − 1) bits in the ALI / DEEP terms).
 */
export type BatchingMethod = "linear" | "algebraic";

// ----- Rust f64 semantics ---------------------------------------------------------------------------------------

/** Rust `f64::min`: a NaN argument is ignored (JavaScript's Math.min would return NaN). */
function fmin(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.min(a, b);
}

/** Rust `x as u64` (saturating; NaN → 0), as a number. */
function asU64(x: number): number {
  if (Number.isNaN(x) || x <= 0) return 0;
  if (x === Infinity) return Number.MAX_SAFE_INTEGER;
  return Math.trunc(x);
}

/** Number of bits of the field modulus (Winterfell `Context::num_modulus_bits`). */
export function modulusBits(F: Pick<Field<unknown>, "characteristic">): number {
  return F.characteristic.toString(2).length;
}

/** Winterfell `FriOptions::num_fri_layers`: folds while the domain exceeds (remainder degree + 1)·β. */
export function friLayerCount(options: Pick<ProofOptions, "blowup" | "friFoldingFactor" | "friRemainderMaxDegree">, ldeDomainSize: number): number {
  let size = ldeDomainSize;
  let layers = 0;
  const maxRemainderSize = (options.friRemainderMaxDegree + 1) * options.blowup;
  while (size > maxRemainderSize) {
    size = Math.floor(size / options.friFoldingFactor);
    layers++;
  }
  return layers;
}

// ----- conjectured ------------------------------------------------------------------------------------------------

export interface ConjecturedSecurity {
  readonly bits: number;
  /** k·b: bits of the challenge field. */
  readonly fieldBits: number;
  /** s·log2(β) (+ g when counted). */
  readonly queryBits: number;
  readonly grindingCounted: boolean;
  readonly collisionBits: number;
  /** The term that set `bits`. */
  readonly cappedBy: "field" | "queries" | "hash";
}

/**
 * Winterfell `ConjecturedSecurity::compute` (ethSTARK, eprint 2021/582, Eq. 19 under Conjecture 1):
 * min(min(k·b, s·log2 β + g·[s·log2 β ≥ 80]) − 1, λ_hash), integers throughout (log2 β is exact for powers of two).
 */
export function conjecturedSecurity(options: ProofOptions, baseFieldBits: number, collisionBits: number): ConjecturedSecurity {
  const fieldBits = baseFieldBits * options.fieldExtension;
  const perQuery = Math.log2(codeParameters(options, 1).options.blowup);
  let queryBits = perQuery * options.queries;
  const grindingCounted = queryBits >= GRINDING_CONTRIBUTION_FLOOR;
  if (grindingCounted) queryBits += options.grindingBits;
  const inner = Math.min(fieldBits, queryBits) - 1;
  const bits = Math.min(inner, collisionBits);
  const cappedBy = collisionBits < inner ? "hash" : fieldBits <= queryBits ? "field" : "queries";
  return { bits, fieldBits, queryBits, grindingCounted, collisionBits, cappedBy };
}

/**
 * The Reed–Solomon code the proof's polynomials live in: without zero knowledge degree < n on n·β points; with
 * it (trace polynomials randomised to degree < 2n, layout.ts) degree < 2n on the same n·β points — the code of
 * a 2n-row trace at blowup β/2. Returned as equivalent options (zeroKnowledge cleared) and trace length.
 */
export function codeParameters(options: ProofOptions, traceLength: number): { readonly options: ProofOptions; readonly traceLength: number } {
  if (!options.zeroKnowledge) return { options, traceLength };
  return { options: { ...options, blowup: options.blowup / 2, zeroKnowledge: false }, traceLength: 2 * traceLength };
}

// ----- proven -----------------------------------------------------------------------------------------------------

export interface ProvenSecurityInput {
  readonly options: ProofOptions;
  readonly baseFieldBits: number;
  /** n: rows of the trace (trace domain size). */
  readonly traceLength: number;
  readonly collisionBits: number;
  /** C: transition constraints (main + aux) plus assertions (Winterfell `Context::num_constraints`). */
  readonly numConstraints: number;
  /** N: committed polynomials; Winterfell uses trace width (main + aux) + blowup. */
  readonly numCommittedPolys: number;
  /** Batching of constraints in the composition polynomial (default "linear", Winterfell's examples). */
  readonly constraintBatching?: BatchingMethod;
  /** Batching of the DEEP quotients (default "linear"). */
  readonly deepBatching?: BatchingMethod;
}

/** −log2 of each round-by-round error term (bits), as Winterfell computes them. */
export interface SoundnessTerms {
  /** ALI: random linear combination of the constraints. */
  readonly ali: number;
  /** DEEP: out-of-domain sampling. */
  readonly deep: number;
  /** FRI commit phase: batching of the DEEP quotients (and, list-decoding, the proximity-gap term). */
  readonly friCommit: number;
  /** FRI folding rounds (unique-decoding only; Infinity without layers or in list decoding, where it is negligible). */
  readonly friFolding: number;
  /** FRI query phase: s queries at distance α, minus grinding. */
  readonly friQuery: number;
}

export interface UniqueDecodingDetails {
  readonly bits: number;
  /** ρ⁺ = (n + 2)/|D|: the rate with the 2 DEEP openings. */
  readonly rhoPlus: number;
  /** α = (1 + ρ⁺)/2: the query error per query (distance (1 − ρ⁺)/2, the unique-decoding radius). */
  readonly alpha: number;
  readonly terms: SoundnessTerms;
  readonly boundBy: keyof SoundnessTerms | "hash";
}

export interface ListDecodingDetails {
  readonly bits: number;
  /** The proximity parameter m ∈ [3, m_max) maximising the bits. */
  readonly m: number;
  readonly mMax: number;
  /** Johnson bound radius 1 − √ρ. */
  readonly johnsonRadius: number;
  /** Proximity δ = 1 − α, α = (1 + 1/(2m))·√ρ. */
  readonly proximity: number;
  /** α = (1 + 1/(2m))·√ρ: the query error per query. */
  readonly alpha: number;
  /** List size L = m / (ρ − 2m/|D|). */
  readonly listSize: number;
  readonly terms: SoundnessTerms;
  readonly boundBy: keyof SoundnessTerms | "hash";
}

function batchingFactor(method: BatchingMethod, count: number): number {
  return method === "linear" ? 1 : count - 1;
}

function boundOf(terms: SoundnessTerms, bits: number, collisionBits: number): keyof SoundnessTerms | "hash" {
  if (collisionBits <= bits) return "hash";
  let best: keyof SoundnessTerms = "friQuery";
  for (const k of Object.keys(terms) as (keyof SoundnessTerms)[]) if (terms[k] < terms[best]) best = k; // NaN compares false
  return best;
}

/**
 * Unique-decoding regime (Winterfell `proven_security_protocol_unique_decoding`; eprint 2024/1553 Theorem 3),
 * with |F| = 2^(k·b), n the trace length, |D| = β·n, D = β + 1 (Winterfell's bound on the constraint degree),
 * ρ⁺ = (n + 2)/|D|, α = (1 + ρ⁺)/2:
 *   ε_ALI  = B_c / |F|                       (B_c = 1 linear, C − 1 algebraic)
 *   ε_DEEP = (D·(n + 2 − 1) + (n − 1)) / |F|
 *   ε_FRI0 = |D|·B_d / |F|                   (B_d = 1 linear, N − 1 algebraic)
 *   ε_FRIi = (f − 1)·(|D| + 1) / |F|         (each of the FRI layers)
 *   ε_Q    = α^s · 2^(−g)
 * bits = ⌊min_j −log2 ε_j⌋, capped by the hash.
 */
export function provenSecurityUniqueDecoding(input: ProvenSecurityInput): UniqueDecodingDetails {
  const { options: o, traceLength } = input;
  const extBits = input.baseFieldBits * o.fieldExtension;
  const s = o.queries;
  const lde = traceLength * o.blowup;
  const n = traceLength;
  const openings = 2;
  const rhoPlus = (n + openings) / lde;
  const alpha = (1 + rhoPlus) * 0.5;
  const maxDeg = o.blowup + 1;
  const ali = -Math.log2(batchingFactor(input.constraintBatching ?? "linear", input.numConstraints)) + extBits;
  const deep = -Math.log2(maxDeg * (n + openings - 1) + (n - 1)) + extBits;
  const friCommit = extBits - Math.log2(lde * batchingFactor(input.deepBatching ?? "linear", input.numCommittedPolys));
  const layers = friLayerCount(o, lde);
  let friFolding = Infinity;
  for (let i = 0; i < layers; i++) friFolding = fmin(friFolding, extBits - Math.log2((o.friFoldingFactor - 1) * (lde + 1)));
  const friQuery = o.grindingBits - Math.log2(Math.pow(alpha, s));
  const terms: SoundnessTerms = { ali, deep, friCommit, friFolding, friQuery };
  const raw = asU64([ali, deep, friCommit, friFolding, friQuery].reduce(fmin, Infinity));
  const bits = Math.min(raw, input.collisionBits);
  return { bits, rhoPlus, alpha, terms, boundBy: boundOf(terms, raw, input.collisionBits) };
}

/** Winterfell `compute_upper_m`: largest m keeping the slack η > 0 (eprint 2024/1553 Theorem 2), capped at 1000. */
export function upperProximityParameter(traceLength: number): number {
  const h = traceLength;
  const ratio = (h + 2) / h;
  const mMax = Math.ceil(1 / (2 * (Math.sqrt(ratio) - 1)));
  if (!(mMax >= h / 2)) throw new RangeError(`upperProximityParameter: bound ${mMax} < h/2 = ${h / 2} for trace length ${h}`);
  return Math.min(mMax, MAX_PROXIMITY_PARAMETER);
}

function listDecodingTerms(input: ProvenSecurityInput, m: number): { bits: number; alpha: number; listSize: number; terms: SoundnessTerms } {
  const { options: o, traceLength } = input;
  const extBits = input.baseFieldBits * o.fieldExtension;
  const s = o.queries;
  const rho = 1 / o.blowup;
  const alpha = (1 + 0.5 / m) * Math.sqrt(rho);
  const maxDeg = o.blowup + 1;
  const lde = traceLength * o.blowup;
  const n = traceLength;
  const openings = 2;
  const l = m / (rho - (2 * m) / lde);
  const ali = -Math.log2(l) - Math.log2(batchingFactor(input.constraintBatching ?? "linear", input.numConstraints)) + extBits;
  const deep = -Math.log2(l * l * (maxDeg * (n + openings - 1) + (n - 1))) + extBits;
  const friCommit =
    extBits - Math.log2((Math.pow(m + 0.5, 7) / (3 * Math.pow(rho, 1.5))) * Math.pow(lde, 2) * batchingFactor(input.deepBatching ?? "linear", input.numCommittedPolys));
  const friQuery = o.grindingBits - Math.log2(Math.pow(alpha, s));
  const terms: SoundnessTerms = { ali, deep, friCommit, friFolding: Infinity, friQuery };
  const bits = asU64([ali, deep, friCommit, friQuery].reduce(fmin, Infinity));
  return { bits, alpha, listSize: l, terms };
}

/**
 * List-decoding regime (Winterfell `proven_security_protocol_for_given_proximity_parameter`; eprint 2024/1553
 * Theorem 2), for the proximity parameter m maximising the result over [3, m_max):
 *   ρ = 1/β, α = (1 + 1/(2m))·√ρ  (distance δ = 1 − α just inside the Johnson bound 1 − √ρ),
 *   L = m / (ρ − 2m/|D|)  (list size),
 *   ε_ALI  = L·B_c / |F|
 *   ε_DEEP = L²·(D·(n + 1) + (n − 1)) / |F|
 *   ε_FRI0 = (m + ½)^7 / (3ρ^(3/2)) · |D|² · B_d / |F|   (first term of eprint 2022/1216 Eq. 7; the others negligible)
 *   ε_Q    = α^s · 2^(−g)
 * bits = ⌊min_j −log2 ε_j⌋, capped by the hash. Like Rust's `max_by_key`, the last m reaching the maximum is kept.
 */
export function provenSecurityListDecoding(input: ProvenSecurityInput): ListDecodingDetails {
  const mMin = 3;
  const mMax = upperProximityParameter(input.traceLength);
  if (mMax <= mMin) throw new RangeError(`list decoding needs m_max > 3; trace length ${input.traceLength} is too short`);
  let best = listDecodingTerms(input, mMin);
  let mBest = mMin;
  for (let m = mMin + 1; m < mMax; m++) {
    const r = listDecodingTerms(input, m);
    if (r.bits >= best.bits) {
      best = r;
      mBest = m;
    }
  }
  const bits = Math.min(best.bits, input.collisionBits);
  const rho = 1 / input.options.blowup;
  return {
    bits,
    m: mBest,
    mMax,
    johnsonRadius: 1 - Math.sqrt(rho),
    proximity: 1 - best.alpha,
    alpha: best.alpha,
    listSize: best.listSize,
    terms: best.terms,
    boundBy: boundOf(best.terms, best.bits, input.collisionBits),
  };
}

// ----- the report -----------------------------------------------------------------------------------------------

export interface SecurityInput {
  readonly options: ProofOptions;
  /** The base field (its modulus bit length is used, as Winterfell does), or its bit count. */
  readonly field: Pick<Field<unknown>, "characteristic"> | number;
  readonly traceLength: number;
  /** Committed trace columns, main + auxiliary. */
  readonly traceWidth: number;
  /** Highest constraint degree d (checks blowup ≥ minBlowupForDegree(d); the bounds use β + 1 ≥ d, as Winterfell). */
  readonly maxConstraintDegree: number;
  /** C = transition constraints + assertions (default: 1, i.e. no batching loss). */
  readonly numConstraints?: number;
  /** N (default traceWidth + blowup, Winterfell's upper bound with the composition columns). */
  readonly numCommittedPolys?: number;
  readonly constraintBatching?: BatchingMethod;
  readonly deepBatching?: BatchingMethod;
  /** Default: the options' hash (128 for both). */
  readonly collisionBits?: number;
}

export interface SecurityReport {
  /** Conjectured bits (ethSTARK / Winterfell). */
  readonly conjectured: number;
  /** Proven bits, unique-decoding regime (eprint 2024/1553 Thm 3). */
  readonly provenUniqueDecoding: number;
  /** Proven bits, list-decoding regime (eprint 2024/1553 Thm 2). */
  readonly provenListDecoding: number;
  /** What limits the conjectured figure. */
  readonly cappedBy: "field" | "queries" | "hash";
  readonly details: {
    readonly baseFieldBits: number;
    readonly challengeFieldBits: number;
    readonly collisionBits: number;
    readonly traceLength: number;
    readonly ldeDomainSize: number;
    readonly friLayers: number;
    readonly numConstraints: number;
    readonly numCommittedPolys: number;
    readonly maxConstraintDegree: number;
    /** minBlowupForDegree(maxConstraintDegree), and whether the options meet it. */
    readonly minBlowup: number;
    readonly blowupSufficient: boolean;
    readonly conjectured: ConjecturedSecurity;
    readonly uniqueDecoding: UniqueDecodingDetails;
    readonly listDecoding: ListDecodingDetails;
  };
}

/** Conjectured and proven security of `options` for a trace of the given shape. */
export function securityReport(input: SecurityInput): SecurityReport {
  const o = validateOptions(input.options);
  const n = input.traceLength;
  if (!Number.isSafeInteger(n) || n < 8 || !Number.isInteger(Math.log2(n))) throw new RangeError(`traceLength must be a power of two ≥ 8, got ${n}`);
  if (!Number.isSafeInteger(input.traceWidth) || input.traceWidth < 1) throw new RangeError(`traceWidth must be an integer ≥ 1, got ${input.traceWidth}`);
  const baseFieldBits = typeof input.field === "number" ? input.field : modulusBits(input.field);
  const collisionBits = input.collisionBits ?? HASH_COLLISION_BITS[o.hash];
  const numConstraints = input.numConstraints ?? 1;
  const numCommittedPolys = input.numCommittedPolys ?? input.traceWidth + o.blowup;
  const code = codeParameters(o, n);
  const proven: ProvenSecurityInput = {
    options: code.options,
    baseFieldBits,
    traceLength: code.traceLength,
    collisionBits,
    numConstraints,
    numCommittedPolys,
    constraintBatching: input.constraintBatching ?? "linear",
    deepBatching: input.deepBatching ?? "linear",
  };
  const conjectured = conjecturedSecurity(o, baseFieldBits, collisionBits);
  const uniqueDecoding = provenSecurityUniqueDecoding(proven);
  const listDecoding = provenSecurityListDecoding(proven);
  const minBlowup = minBlowupForDegree(input.maxConstraintDegree);
  return {
    conjectured: conjectured.bits,
    provenUniqueDecoding: uniqueDecoding.bits,
    provenListDecoding: listDecoding.bits,
    cappedBy: conjectured.cappedBy,
    details: {
      baseFieldBits,
      challengeFieldBits: baseFieldBits * o.fieldExtension,
      collisionBits,
      traceLength: n,
      ldeDomainSize: n * o.blowup,
      friLayers: friLayerCount(o, n * o.blowup),
      numConstraints,
      numCommittedPolys,
      maxConstraintDegree: input.maxConstraintDegree,
      minBlowup,
      blowupSufficient: o.blowup >= minBlowup,
      conjectured,
      uniqueDecoding,
      listDecoding,
    },
  };
}

/**
 * The report for proving `air` with `options`: trace length, width (main + aux), C = transition constraints +
 * assertions and the highest degree are read from the AIR.
 */
export function securityReportForAir(
  air: Air,
  options: ProofOptions,
  batching: { readonly constraints?: BatchingMethod; readonly deep?: BatchingMethod } = {},
): SecurityReport {
  return securityReport({
    options,
    field: air.field,
    traceLength: air.traceLength,
    traceWidth: air.traceWidth + (air.aux?.width ?? 0),
    maxConstraintDegree: maxConstraintDegree(air),
    numConstraints: air.transitionDegrees.length + (air.aux?.transitionDegrees.length ?? 0) + air.assertions.length,
    constraintBatching: batching.constraints ?? "linear",
    deepBatching: batching.deep ?? "linear",
  });
}
