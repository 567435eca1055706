/**
 * Whether every field element of a parsed proof is canonical (a base element in [0, p), a challenge element
 * C.E.isValid). Proofs parsed from bytes always are (deserializeProof refuses anything else); a proof object
 * handed to the verifier directly may not be, and the verifier then keeps to its generic arithmetic, whose
 * behaviour on such values is what it always was. False also for a malformed object (the checks proper reject it).
 */
import type { Field } from "../math/field.js";
import type { ChallengeField } from "./fields.js";
import type { StarkProof } from "./proof.js";

export function proofIsCanonical(proof: StarkProof, F: Field<bigint>, C: ChallengeField): boolean {
  try {
    const E = C.E;
    const all = <T>(G: Field<T>, xs: readonly T[]) => Array.isArray(xs) && xs.every((x) => G.isValid(x));
    const rows = <T>(G: Field<T>, rs: readonly (readonly T[])[]) => Array.isArray(rs) && rs.every((r) => all(G, r));
    const { ood, fri, queries: q } = proof;
    return (
      all(E, ood.current) &&
      all(E, ood.next) &&
      all(E, ood.composition) &&
      all(E, fri.remainder) &&
      Array.isArray(fri.openings) &&
      fri.openings.every((o) => rows(E, o.leaves)) &&
      rows(F, q.traceRows) &&
      rows(E, q.auxRows) &&
      rows(E, q.compositionRows)
    );
  } catch {
    return false;
  }
}
