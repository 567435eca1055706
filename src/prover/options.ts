/**
 * STARK proof options (issue "STARK prover and verifier", item 5), after Winterfell's `ProofOptions`
 * (air/src/options.rs) and `FriOptions` (fri/src/options.rs): every option validated against its range with a
 * typed error naming the option and the allowed values, its effect on soundness, proof size and proving time
 * documented, a separate check of the blowup against an AIR's constraint degrees, and named presets whose
 * security is computed by security.ts (conjectured bits: ethSTARK eprint 2021/582 as Winterfell computes it).
 */
import type { Air } from "../air/air.js";
import type { HashName } from "../hash/hasher.js";

export type FieldExtensionDegree = 1 | 2 | 3;
export type FriFoldingFactor = 2 | 4 | 8;

/**
 * STARK protocol parameters. Soundness also depends on the base field and the hash, which are not options:
 * the challenge field has (field bits × fieldExtension) bits and the hash's collision resistance caps everything.
 */
export interface ProofOptions {
  /**
   * Blowup factor β = |LDE domain| / trace length: a power of two in [2, 128], and at least `minBlowupForDegree`
   * of the AIR's highest constraint degree (`checkOptionsForAir`).
   * Soundness: each query gives ≈ log2(β) bits conjectured (−log2((1 + ρ)/2) proven unique-decoding,
   * ≈ −log2(√ρ) list-decoding, ρ = 1/β). Time and memory: the LDE, the Merkle trees and the constraint evaluation
   * grow linearly in β. Size: a larger β needs fewer queries for the same bits (often smaller proofs), but each
   * Merkle path is log2(β) nodes longer.
   */
  readonly blowup: number;
  /**
   * Number of query positions, 1..255. Soundness: conjectured bits ≈ queries·log2(β) (+ grinding).
   * Size: linear — every query opens the trace, composition and each FRI layer with Merkle paths.
   * Time: small (verifier time is linear in it).
   */
  readonly queries: number;
  /**
   * Proof-of-work bits on the query seed, 0..32. Soundness: + grindingBits to the query term (Winterfell counts
   * them only when queries·log2(β) ≥ 80). Time: the prover hashes ≈ 2^grindingBits times (16 bits ≈ 65 k hashes,
   * 20 bits ≈ 1 M: seconds in JavaScript). Size: one 8-byte nonce.
   */
  readonly grindingBits: number;
  /**
   * Degree of the challenge field over the base field: 1, 2 or 3. Soundness: the field term of every bound is
   * fieldExtension × (base field bits) — a 64-bit field needs 2 for ~100 bits and 3 for 128. Time: extension
   * arithmetic for the auxiliary columns, composition, DEEP and FRI (≈ 3–9× per multiplication); size: every
   * out-of-domain value and FRI element is fieldExtension base elements.
   */
  readonly fieldExtension: FieldExtensionDegree;
  /**
   * FRI folding factor: 2, 4 or 8 (Winterfell also allows 16). Size: fewer FRI layers (log_f of the domain) but
   * f values per query per layer; 4 or 8 usually gives the smallest proofs. Soundness: unique-decoding bound loses
   * log2(f − 1) per layer term (negligible in practice). Time: slightly less hashing with larger f.
   */
  readonly friFoldingFactor: FriFoldingFactor;
  /**
   * Maximum degree of the FRI remainder polynomial sent in the clear: 2^k − 1, at most 255. FRI stops folding
   * once the domain has ≤ (remainder degree + 1)·β points. Size: trades FRI layers (Merkle paths per query)
   * against remainder coefficients. Soundness: none in the bounds used here.
   */
  readonly friRemainderMaxDegree: number;
  /**
   * Hash of the Merkle commitments and the Fiat–Shamir transcript. Both have 128-bit collision resistance, which
   * caps the security at 128 bits. Time: BLAKE3 is the usual STARK choice (faster natively); SHA-256 is the
   * EVM-friendly one.
   */
  readonly hash: HashName;
  /**
   * Zero knowledge (docs/prover.md, "Zero knowledge"): trace polynomials randomised to degree < 2n, composition
   * columns masked, a random mask column in the DEEP composition, FRI stopped at ≥ `queries` coefficients,
   * salted Merkle leaves. Security: the code rate becomes 2/blowup, so every bound in security.ts is computed
   * at blowup/2 (blowup must be ≥ 4). Size: a salt per opened leaf, one more composition column, a larger
   * FRI remainder. Time: the generic (bigint) prover path. Needs a trace of ≥ 2·queries + 2·extension rows.
   */
  readonly zeroKnowledge: boolean;
}

/** Allowed values per option, as the error messages state them. */
export const OPTION_RANGES: Readonly<Record<keyof ProofOptions, string>> = Object.freeze({
  blowup: "a power of two in [2, 128]",
  queries: "an integer in [1, 255]",
  grindingBits: "an integer in [0, 32]",
  fieldExtension: "1, 2 or 3",
  friFoldingFactor: "2, 4 or 8",
  friRemainderMaxDegree: "2^k − 1 in [0, 255] (0, 1, 3, 7, 15, 31, 63, 127 or 255)",
  hash: '"blake3-256", "sha256" or "keccak256"',
  zeroKnowledge: "true or false",
});

export const MIN_BLOWUP = 2;
/** 128: the proof format stores the blowup in one byte, and larger blowups buy nothing a query does not. */
export const MAX_BLOWUP = 128;
export const MAX_QUERIES = 255;
export const MAX_GRINDING_BITS = 32;
export const MAX_FRI_REMAINDER_DEGREE = 255;

/** An option is out of range: names the option, the bad value and the allowed values. */
export class ProofOptionsError extends Error {
  constructor(
    readonly option: keyof ProofOptions | "options",
    readonly value: unknown,
    readonly expected: string,
    detail?: string,
  ) {
    super(`proof option ${option} = ${formatValue(value)} is invalid: expected ${expected}${detail ? ` (${detail})` : ""}`);
    this.name = new.target.name;
  }
}

/** The blowup is too small for the AIR's constraint degrees (or the LDE domain too large for its field). */
export class BlowupTooSmallError extends ProofOptionsError {
  constructor(
    readonly air: string,
    value: number,
    readonly required: number,
    readonly maxDegree: number,
  ) {
    super("blowup", value, `≥ ${required} for AIR "${air}"`, `its highest constraint degree is ${maxDegree}; the blowup must be ≥ 2·degree, rounded up to a power of two`);
  }
}

function formatValue(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : typeof v === "bigint" ? `${v}n` : String(v);
}

function isPow2(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function intIn(x: unknown, lo: number, hi: number): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= lo && x <= hi;
}

const KEYS = Object.keys(OPTION_RANGES) as (keyof ProofOptions)[];

/**
 * Checks every option against its range; returns a frozen copy. Throws ProofOptionsError naming the first bad
 * option (in declaration order), or an unknown option name (a typo would otherwise be ignored silently).
 */
export function validateOptions(options: ProofOptions): ProofOptions {
  if (typeof options !== "object" || options === null) throw new ProofOptionsError("options", options, "an object with the fields " + KEYS.join(", "));
  for (const k of Object.keys(options)) {
    if (!(KEYS as string[]).includes(k)) throw new ProofOptionsError("options", k, `one of ${KEYS.join(", ")}`, "unknown option");
  }
  const o = options;
  const fail = (k: keyof ProofOptions): never => {
    throw new ProofOptionsError(k, o[k], OPTION_RANGES[k]);
  };
  if (!(intIn(o.blowup, MIN_BLOWUP, MAX_BLOWUP) && isPow2(o.blowup))) fail("blowup");
  if (!intIn(o.queries, 1, MAX_QUERIES)) fail("queries");
  if (!intIn(o.grindingBits, 0, MAX_GRINDING_BITS)) fail("grindingBits");
  if (!(o.fieldExtension === 1 || o.fieldExtension === 2 || o.fieldExtension === 3)) fail("fieldExtension");
  if (!(o.friFoldingFactor === 2 || o.friFoldingFactor === 4 || o.friFoldingFactor === 8)) fail("friFoldingFactor");
  if (!(intIn(o.friRemainderMaxDegree, 0, MAX_FRI_REMAINDER_DEGREE) && isPow2(o.friRemainderMaxDegree + 1))) fail("friRemainderMaxDegree");
  if (!(o.hash === "blake3-256" || o.hash === "sha256" || o.hash === "keccak256")) fail("hash");
  if (typeof o.zeroKnowledge !== "boolean") fail("zeroKnowledge");
  if (o.zeroKnowledge && o.blowup < 4)
    throw new ProofOptionsError("blowup", o.blowup, "≥ 4 with zeroKnowledge", "zero-knowledge polynomials have degree < 2n, so the code rate is 2/blowup");
  return Object.freeze({ ...o });
}

/** A validated options object: `base` (default DEFAULT_OPTIONS) with `overrides` applied. */
export function proofOptions(overrides: Partial<ProofOptions> = {}, base: ProofOptions = DEFAULT_OPTIONS): ProofOptions {
  return validateOptions({ ...base, ...overrides } as ProofOptions);
}

/**
 * This project's blowup rule (genSTARK's: "a power of 2 at least 2x of the constraint degree"): the smallest
 * power of two ≥ 2·d, and ≥ 2. It leaves the composition polynomial (degree < d·n before splitting) evaluated on a
 * domain at least twice its degree. Winterfell's own minimum is looser — the next power of two ≥ d − 1
 * (`TransitionConstraintDegree::min_blowup_factor`), because it splits the composition into d − 1 columns of
 * degree < n — see `winterfellMinBlowup`.
 */
export function minBlowupForDegree(maxDegree: number): number {
  if (!Number.isSafeInteger(maxDegree) || maxDegree < 1) throw new RangeError(`constraint degree must be an integer ≥ 1, got ${maxDegree}`);
  let b = MIN_BLOWUP;
  while (b < 2 * maxDegree) b *= 2;
  return b;
}

/** Winterfell's minimum blowup for a constraint of total degree d (base + cycles): max(next_pow2(d − 1), 2). */
export function winterfellMinBlowup(maxDegree: number): number {
  if (!Number.isSafeInteger(maxDegree) || maxDegree < 1) throw new RangeError(`constraint degree must be an integer ≥ 1, got ${maxDegree}`);
  let b = 1;
  while (b < maxDegree - 1) b *= 2;
  return Math.max(b, MIN_BLOWUP);
}

/** The highest declared transition degree of the AIR (main and auxiliary segments). */
export function maxConstraintDegree(air: Pick<Air, "transitionDegrees" | "aux">): number {
  return Math.max(...air.transitionDegrees, ...(air.aux?.transitionDegrees ?? []));
}

/**
 * Checks options against an AIR: validates them, then requires blowup ≥ minBlowupForDegree(max degree) and an
 * LDE domain (traceLength·blowup) within the field's 2-adicity. Throws BlowupTooSmallError / ProofOptionsError.
 */
export function checkOptionsForAir(options: ProofOptions, air: Air): ProofOptions {
  const o = validateOptions(options);
  const d = maxConstraintDegree(air);
  const required = minBlowupForDegree(d);
  if (o.blowup < required) throw new BlowupTooSmallError(air.name, o.blowup, required, d);
  const logLde = Math.log2(air.traceLength * o.blowup);
  if (logLde > air.field.twoAdicity) {
    throw new ProofOptionsError(
      "blowup",
      o.blowup,
      `≤ 2^${air.field.twoAdicity} / ${air.traceLength} for AIR "${air.name}"`,
      `the LDE domain 2^${logLde} exceeds the 2-adicity ${air.field.twoAdicity} of ${air.field.name}`,
    );
  }
  return o;
}

// ----- presets ------------------------------------------------------------------------------------------------
// Conjectured bits below are Winterfell's formula (security.ts `conjecturedSecurity`):
//   min(min(k·field bits, queries·log2(blowup) + grinding [counted if the query term ≥ 80]) − 1, 128).

/**
 * Default: blowup 8, 44 queries, 16 grinding bits, cubic extension, FRI folding 8, remainder degree ≤ 31,
 * BLAKE3. Conjectured 128 bits for Goldilocks (min(192, 3·44 + 16) − 1 = 147, capped by the hash's 128). Proven
 * (eprint 2024/1553, Winterfell's formulas) 81 bits list-decoding and 52 unique-decoding for a 2^16-row trace:
 * the 44 queries (36 before the security policy, policy.ts) buy the 17-bit margin over DEFAULT_POLICY's 64-bit
 * proven floor; see docs/prover.md. The cubic extension exists for Goldilocks only; over f128 use
 * `proofOptions({ fieldExtension: 1 })` (127 bits conjectured, ≈ 77 proven) or 2 (≈ 80 proven).
 * Fits AIRs of degree ≤ 4 (blowup ≥ 2·d).
 */
export const DEFAULT_OPTIONS: ProofOptions = Object.freeze({
  blowup: 8,
  queries: 44,
  grindingBits: 16,
  fieldExtension: 3,
  friFoldingFactor: 8,
  friRemainderMaxDegree: 31,
  hash: "blake3-256",
  zeroKnowledge: false,
});

/**
 * For proofs an EVM contract verifies (contracts/verifiers/stark/StarkVerifier.sol; issue 16): keccak256 commitments
 * (the EVM's own hash), blowup 64 and 22 queries — 128 bits conjectured and 81 proven over Goldilocks for the VM AIR,
 * DEFAULT_OPTIONS' 128 / 80 with half the queries. The verifier's gas grows with the queries (each opens a trace
 * row, a composition row and their Merkle paths: ~37 % less gas than blowup 32 with the 28 queries that give the
 * same bits), the prover's time and memory with the blowup, which for the short traces of one inference cost
 * milliseconds (a large batch is better proved with a smaller blowup). FRI stops at a remainder of < 256
 * coefficients.
 */
export const ONCHAIN_OPTIONS: ProofOptions = Object.freeze({ ...DEFAULT_OPTIONS, blowup: 64, queries: 22, friRemainderMaxDegree: 255, hash: "keccak256" });

/**
 * ONCHAIN_OPTIONS with zero knowledge (private weights): the code rate becomes 2/64, so 28 queries for 128 bits
 * conjectured and 85 proven, the bounds of blowup 32.
 */
export const ONCHAIN_ZK_OPTIONS: ProofOptions = Object.freeze({ ...ONCHAIN_OPTIONS, queries: 28, zeroKnowledge: true });

/**
 * For STRICT_POLICY (≥ 100 proven bits): blowup 16, 56 queries, 16 grinding bits, cubic extension — 126 bits
 * proven (list decoding), 128 conjectured for Goldilocks; fits AIRs of degree ≤ 8. Over f128 use
 * fieldExtension 2 (a degree-1 challenge field caps the FRI commit term near 90 bits). With zero knowledge:
 * `STRICT_ZK_OPTIONS`.
 */
export const STRICT_OPTIONS: ProofOptions = Object.freeze({ ...DEFAULT_OPTIONS, blowup: 16, queries: 56 });

/** STRICT_OPTIONS with zero knowledge: blowup 32 (code rate 2/32), 48 queries — 111 bits proven, 128 conjectured. */
export const STRICT_ZK_OPTIONS: ProofOptions = Object.freeze({ ...DEFAULT_OPTIONS, blowup: 32, queries: 48, zeroKnowledge: true });

/**
 * For tests only — NOT SECURE: blowup 8 (so every example AIR of degree ≤ 4 fits), 8 queries, no grinding, no
 * extension, folding 4, remainder ≤ 7: conjectured min(field bits, 24) − 1 = 23 bits.
 */
export const FAST_TEST_OPTIONS: ProofOptions = Object.freeze({
  blowup: 8,
  queries: 8,
  grindingBits: 0,
  fieldExtension: 1,
  friFoldingFactor: 4,
  friRemainderMaxDegree: 7,
  hash: "blake3-256",
  zeroKnowledge: false,
});

/**
 * The work of genSTARK's MiMC example (examples/mimc/mimc128.ts: extensionFactor 16, exeQueryCount 48,
 * friQueryCount 24, blake2s256; its FRI folds by 4 and stops at ≤ 256 evaluations, i.e. remainder degree < 16):
 * blowup 16, 48 queries, no grinding, no extension, folding 4, remainder ≤ 15, BLAKE3 (the nearest hash we have).
 * genSTARK reports 96 bits for it — its estimate is min(48·log2(16/3), 24·log2 16, 128) = 96, limited by its 24
 * FRI queries. Here one query count serves trace and FRI, so Winterfell's conjectured formula gives
 * min(128, 48·4) − 1 = 127 bits over the 128-bit genSTARK field (63 over Goldilocks, which needs an extension).
 */
export const GENSTARK_COMPARABLE: ProofOptions = Object.freeze({
  blowup: 16,
  queries: 48,
  grindingBits: 0,
  fieldExtension: 1,
  friFoldingFactor: 4,
  friRemainderMaxDegree: 15,
  hash: "blake3-256",
  zeroKnowledge: false,
});

/**
 * Zero knowledge: the default options with zeroKnowledge and blowup 16. The zero-knowledge code rate is
 * 2/blowup, so the bounds are those of blowup 8: 128 bits conjectured (min(192, 44·3 + 16) − 1, hash-capped),
 * 81 proven (list decoding) over Goldilocks. Needs a trace of ≥ 2·44 + 2·3 = 94 rows and fits AIRs of degree ≤ 8.
 */
export const ZK_OPTIONS: ProofOptions = Object.freeze({ ...DEFAULT_OPTIONS, blowup: 16, zeroKnowledge: true });

/**
 * The cheapest Goldilocks setting at genSTARK's ~96-bit level by the ethSTARK conjecture (Winterfell's formula):
 * blowup 4, 49 queries, no grinding, quadratic extension (128-bit challenges), FRI folding 8, remainder ≤ 31 —
 * min(128, 49·2) − 1 = 97 bits. Fits AIRs of degree ≤ 4 by Winterfell's rule (blowup ≥ next_pow2(d − 1));
 * below this project's 2·d rule, so checkOptionsForAir refuses it for degree 3 — it exists for the side-by-side.
 * genSTARK's own formula charges a trace query only log2(β/d) bits and would rate it far lower
 * (docs/genstark-comparison.md).
 */
export const GOLDILOCKS_96: ProofOptions = Object.freeze({
  blowup: 4,
  queries: 49,
  grindingBits: 0,
  fieldExtension: 2,
  friFoldingFactor: 8,
  friRemainderMaxDegree: 31,
  hash: "blake3-256",
  zeroKnowledge: false,
});
