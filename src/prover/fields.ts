/**
 * The challenge field of a proof: the base field itself (extension degree 1) or a quadratic / cubic extension
 * (Winterfell's choices: Goldilocks x² − x + 2 and x³ − x − 1, f128 x² − x − 1). Random coefficients and the
 * out-of-domain point live here, so soundness is bounded by its size, not by the base field's.
 */
import { GOLDILOCKS_CUBIC, GOLDILOCKS_QUADRATIC, F128_QUADRATIC } from "../math/extension.js";
import type { Field } from "../math/field.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { ProverError } from "./errors.js";

/** Elements of a challenge field: bigint (degree 1) or coefficient arrays (extensions). */
export type Challenge = bigint | readonly bigint[];

export interface ChallengeField {
  readonly E: Field<Challenge>;
  readonly degree: number;
  /** Embeds a base element. */
  fromBase(b: bigint): Challenge;
  /** c · b for a challenge c and a base element b. */
  mulBase(c: Challenge, b: bigint): Challenge;
}

export function challengeField(F: Field<bigint>, degree: number): ChallengeField {
  if (degree === 1) return { E: F as Field<Challenge>, degree, fromBase: (b) => b, mulBase: (c, b) => F.mul(c as bigint, b) };
  const ext =
    F.characteristic === GOLDILOCKS_FIELD.characteristic && F.degree === 1
      ? degree === 2
        ? GOLDILOCKS_QUADRATIC
        : degree === 3
          ? GOLDILOCKS_CUBIC
          : undefined
      : F.characteristic === F128_FIELD.characteristic && F.degree === 1 && degree === 2
        ? F128_QUADRATIC
        : undefined;
  if (!ext) throw new ProverError(`no degree-${degree} extension of ${F.name} is defined (Goldilocks: 2 or 3; f128: 2; other fields: 1)`);
  return { E: ext as unknown as Field<Challenge>, degree, fromBase: (b) => ext.fromBase(b), mulBase: (c, b) => ext.mulBase(c as readonly bigint[], b) };
}
