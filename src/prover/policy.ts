/**
 * The verifier's security policy (issue "Sound from model to payment", item 2): the minimum security a verifier
 * accepts, set by the VERIFIER, never by the prover. A proof states its own options (blowup, queries, grinding,
 * extension, hash); the verifier computes what they give for the statement's AIR and refuses the proof unless
 * BOTH figures reach the policy's floors:
 *
 *  - conjectured bits: ethSTARK (eprint 2021/582, Conjecture 1 / Eq. 19) as Winterfell computes it
 *    (security.ts `conjecturedSecurity`): min(k·b, s·log2 β + g) − 1, capped by the hash;
 *  - proven bits in the list-decoding regime (eprint 2024/1553, Theorem 2, Winterfell's
 *    `proven_security_protocol_for_given_proximity_parameter`; security.ts `provenSecurityListDecoding`):
 *    the round-by-round soundness error, which holds without the conjecture.
 *
 * s counts DISTINCT query positions: the prover and verifier draw them without repetition
 * (Transcript.drawDistinctIndices), so s = `queries` and a duplicate can never be counted twice.
 *
 * Why these floors (docs/prover.md, "Security policy"):
 *  - DEFAULT_POLICY: ≥ 100 conjectured and ≥ 64 proven. 100 conjectured bits is the level STARK deployments
 *    run at (Winterfell and Miden benchmark at 96–128, ethSTARK recommends ≥ 80 + margin); the proven floor
 *    refuses option sets that only look secure under the conjecture. The attack it stops: blowup 4, 51 queries,
 *    no grinding gives 101 conjectured bits but 48 proven (list decoding), 34 proven (unique decoding).
 *    This project's default proof options give 123–128 conjectured and 79–96 proven bits: ≥ 15 bits of margin on
 *    the proven floor, ≥ 23 on the conjectured one.
 *  - STRICT_POLICY: ≥ 100 proven bits (and ≥ 120 conjectured), for users who will not rely on the conjecture.
 *    Its options (STRICT_OPTIONS in options.ts) cost more queries and a larger blowup: measured in
 *    `npm run bench -- policy`.
 *  - INSECURE_TEST_POLICY accepts anything that verifies: for unit tests with FAST_TEST_OPTIONS only.
 *  - BENCHMARK_96_POLICY (96 conjectured, no proven floor) exists only to verify the genSTARK side-by-side at its
 *    ~96-bit level; a verdict under it is not a security claim.
 */
import type { Air } from "../air/air.js";
import type { ProofOptions } from "./options.js";
import { securityReportForAir } from "./security.js";

export interface SecurityPolicy {
  /** How the policy is named on the command line and in verdicts. */
  readonly name: string;
  /** Minimum conjectured bits (ethSTARK / Winterfell). */
  readonly minConjecturedBits: number;
  /** Minimum proven bits, list-decoding regime (eprint 2024/1553 Theorem 2). */
  readonly minProvenBits: number;
  /** One line: what the policy is for. */
  readonly description: string;
}

export const DEFAULT_POLICY: SecurityPolicy = Object.freeze({
  name: "default",
  minConjecturedBits: 100,
  minProvenBits: 64,
  description: "≥ 100 bits conjectured (ethSTARK) and ≥ 64 bits proven (list decoding)",
});

export const STRICT_POLICY: SecurityPolicy = Object.freeze({
  name: "strict",
  minConjecturedBits: 120,
  minProvenBits: 100,
  description: "≥ 100 bits proven (list decoding) and ≥ 120 conjectured: no reliance on the ethSTARK conjecture",
});

export const BENCHMARK_96_POLICY: SecurityPolicy = Object.freeze({
  name: "benchmark-96",
  minConjecturedBits: 96,
  minProvenBits: 0,
  description: "≥ 96 bits conjectured, no proven floor: only for the genSTARK side-by-side, not a security claim",
});

export const INSECURE_TEST_POLICY: SecurityPolicy = Object.freeze({
  name: "insecure-test",
  minConjecturedBits: 0,
  minProvenBits: 0,
  description: "accepts any security level: unit tests with FAST_TEST_OPTIONS only",
});

/** The policies a user can name (`--policy <name>`). */
export const POLICIES: Readonly<Record<string, SecurityPolicy>> = Object.freeze({
  default: DEFAULT_POLICY,
  strict: STRICT_POLICY,
  "benchmark-96": BENCHMARK_96_POLICY,
  "insecure-test": INSECURE_TEST_POLICY,
});

export class UnknownPolicyError extends Error {
  constructor(readonly policy: string) {
    super(`unknown security policy "${policy}": expected one of ${Object.keys(POLICIES).join(", ")}`);
    this.name = "UnknownPolicyError";
  }
}

export function getPolicy(name: string): SecurityPolicy {
  const p = POLICIES[name];
  if (!p) throw new UnknownPolicyError(name);
  return p;
}

/** What a proof's options give for an AIR, and whether a policy accepts it. */
export interface PolicyVerdict {
  readonly policy: string;
  readonly conjecturedBits: number;
  readonly provenBits: number;
  /** Unique-decoding proven bits (reported, not required by any policy). */
  readonly provenUniqueDecodingBits: number;
  readonly ok: boolean;
  /** Why the policy refuses (absent when ok). */
  readonly reason?: string;
}

/** Both figures for `options` on `air`, judged against `policy`. `options` must already be validated. */
export function judgeSecurity(policy: SecurityPolicy, air: Air, options: ProofOptions): PolicyVerdict {
  const r = securityReportForAir(air, options);
  const base = { policy: policy.name, conjecturedBits: r.conjectured, provenBits: r.provenListDecoding, provenUniqueDecodingBits: r.provenUniqueDecoding };
  if (r.conjectured < policy.minConjecturedBits)
    return { ...base, ok: false, reason: `the proof's options give ${r.conjectured} bits conjectured; policy "${policy.name}" requires ≥ ${policy.minConjecturedBits}` };
  if (r.provenListDecoding < policy.minProvenBits)
    return { ...base, ok: false, reason: `the proof's options give ${r.provenListDecoding} bits proven (list decoding); policy "${policy.name}" requires ≥ ${policy.minProvenBits}` };
  return { ...base, ok: true };
}
