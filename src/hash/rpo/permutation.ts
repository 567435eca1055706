/**
 * The Rescue-XLIX permutation of Rescue-Prime Optimized (eprint 2022/1577 §2.4, "Order of Operations within a
 * Round"; the reference implementation's `rescue_XLIX_permutation`), generic over its parameter set so the 128-bit
 * instance (width 12, constants.ts) and the specification's 160-bit instance (width 16) run the same code. Round i:
 *
 *   s ← M·s;  s ← s + ARK1[i];  s ← s^α        (first half-round)
 *   s ← M·s;  s ← s + ARK2[i];  s ← s^(1/α)    (second half-round)
 *
 * with M the circulant MDS matrix, M[i][j] = mdsRow[(j − i) mod m]. Rescue-Prime (and Winterfell's Rp64_256) apply
 * the S-box first, s ← M·s^α + k; RPO moves the MDS and the constants in front of it (§4.4, for better folding).
 * Readable bigint reference code, not constant-time.
 */
import { GL_P, glPow } from "../../math/goldilocks.js";
import { modPow } from "../../math/number-theory.js";
import { HashInputError } from "../errors.js";
import { RPO_ALPHA, RPO_ARK1, RPO_ARK2, RPO_INV_ALPHA, RPO_MDS_ROW, RPO_P, RPO_ROUNDS } from "./constants.js";

/** A Rescue-XLIX parameter set: prime, width, rounds, S-box exponents, MDS first row and round constants. */
export interface RescueXlixParams {
  readonly name: string;
  readonly p: bigint;
  readonly width: number;
  readonly rounds: number;
  readonly alpha: bigint;
  readonly invAlpha: bigint;
  /** First row of the circulant MDS matrix. */
  readonly mdsRow: readonly bigint[];
  /** rounds × width constants of the first half-rounds. */
  readonly ark1: readonly (readonly bigint[])[];
  /** rounds × width constants of the second half-rounds. */
  readonly ark2: readonly (readonly bigint[])[];
}

/** RPO-256's permutation: Goldilocks, width 12, 7 rounds, α = 7 (constants.ts; eprint 2022/1577 §2.1, λ = 128). */
export const RPO_256_PERMUTATION: RescueXlixParams = Object.freeze({
  name: "RPO-256",
  p: RPO_P,
  width: 12,
  rounds: RPO_ROUNDS,
  alpha: RPO_ALPHA,
  invAlpha: RPO_INV_ALPHA,
  mdsRow: RPO_MDS_ROW,
  ark1: RPO_ARK1,
  ark2: RPO_ARK2,
});

/** Throws HashInputError unless `xs` has `length` canonical elements of F_p (`what` names the caller). */
export function _checkElements(P: Pick<RescueXlixParams, "name" | "p">, what: string, xs: readonly bigint[], length?: number): void {
  if (!Array.isArray(xs)) throw new HashInputError(`${P.name} ${what}`, xs, "an array of field elements");
  if (length !== undefined && xs.length !== length) throw new HashInputError(`${P.name} ${what}: length`, xs.length, `${length} elements`);
  xs.forEach((x, i) => {
    if (typeof x !== "bigint" || x < 0n || x >= P.p)
      throw new HashInputError(`${P.name} ${what}: element ${i}`, x, `a canonical field element, an integer in [0, ${P.p})`);
  });
}

/** y = M·s for the circulant M of `mdsRow`: y_i = Σ_j mdsRow[(j − i) mod m]·s_j mod p. */
export function _mds(P: RescueXlixParams, s: readonly bigint[]): bigint[] {
  const m = P.width;
  const y = new Array<bigint>(m);
  for (let i = 0; i < m; i++) {
    let acc = 0n;
    for (let j = 0; j < m; j++) acc += P.mdsRow[(j - i + m) % m]! * s[j]!;
    y[i] = acc % P.p;
  }
  return y;
}

/** The permutation of `state` (width canonical elements) under parameter set P; returns a new array. */
export function rescueXlixPermute(P: RescueXlixParams, state: readonly bigint[]): bigint[] {
  _checkElements(P, "permute: state", state, P.width);
  let s = state.slice();
  for (let r = 0; r < P.rounds; r++) {
    s = _mds(P, s).map((x, j) => sbox(P, x + P.ark1[r]![j]!, P.alpha));
    s = _mds(P, s).map((x, j) => sbox(P, x + P.ark2[r]![j]!, P.invAlpha));
  }
  return s;
}

/** (x mod p)^e for x < 2p: on 32-bit limbs over Goldilocks (glPow, several times modPow's speed), else modPow. */
function sbox(P: RescueXlixParams, x: bigint, e: bigint): bigint {
  if (P.p !== GL_P) return modPow(x, e, P.p);
  return glPow(x >= GL_P ? x - GL_P : x, e);
}

/** RPO-256's permutation of a 12-element Goldilocks state. */
export function permute(state: readonly bigint[]): bigint[] {
  return rescueXlixPermute(RPO_256_PERMUTATION, state);
}
