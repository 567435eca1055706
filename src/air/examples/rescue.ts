/**
 * Rescue hash-chain AIR, ported from Winterfell's example (facebook/winterfell examples/src/rescue/air.rs,
 * prover.rs, rescue.rs; issue "STARK prover and verifier", item 3). The trace proves `chainLength` sequential
 * Rescue hashes h_{j+1} = Rescue(h_j) of 2 f128 elements, 16 rows per hash over 4 columns s0..s3 (s0, s1 rate,
 * s2, s3 capacity):
 *
 *   - cycle steps 0..13 apply one Rescue round (ARK row = step mod 16), steps 14, 15 keep s0, s1 and zero s2, s3;
 *   - periodic columns (cycle 16): hash_flag = [1 ×14, 0, 0] and the 8 round-constant columns k_0..k_7;
 *   - 4 constraints, for i = 0..3, with S(x) = x³, M the MDS matrix, k₁ = k_0..3, k₂ = k_4..7:
 *       hash_flag·(S(M⁻¹·(s' − k₂))_i − (M·S(s) + k₁)_i) + (1 − hash_flag)·copy_i = 0   | degree 4
 *     copy_0 = s0 − s0', copy_1 = s1 − s1', copy_2 = s2', copy_3 = s3'. The round is checked "from both ends"
 *     (forward half-round with α = 3, backward half-round also with α = 3), so no constraint needs x^(1/α).
 *     Degree 4 counts the periodic hash_flag as a variable (Winterfell declares base degree 3 with one cycle,
 *     `TransitionConstraintDegree::with_cycles(3, [16])`, whose degree bound is 3 + 1).
 *   - assertions (Winterfell `get_assertions`): s0, s1 = seed at step 0 and s0, s1 = result at the last step.
 *
 * Not protected by Winterfell's assertions: s2, s3 at step 0 — the first hash's capacity is free, so the first
 * link is the permutation of (seed, c) for any c the prover likes. `constrainCapacity: true` adds s2 = s3 = 0 at
 * step 0 (an addition of this project, off by default to stay faithful to the example).
 */
import type { Field } from "../../math/field.js";
import type { Air, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";
import { buildTrace, isPowerOfTwo } from "../trace.js";
import { RESCUE_PARAMS } from "./rescue-hash.js";

export const RESCUE_COLUMNS = Object.freeze(["s0", "s1", "s2", "s3"] as const);
export const RESCUE_CONSTRAINTS = Object.freeze([
  "hash_flag·(S(M⁻¹·(s' − k₂))₀ − (M·S(s) + k₁)₀) + (1 − hash_flag)·(s0 − s0') = 0",
  "hash_flag·(S(M⁻¹·(s' − k₂))₁ − (M·S(s) + k₁)₁) + (1 − hash_flag)·(s1 − s1') = 0",
  "hash_flag·(S(M⁻¹·(s' − k₂))₂ − (M·S(s) + k₁)₂) + (1 − hash_flag)·s2' = 0",
  "hash_flag·(S(M⁻¹·(s' − k₂))₃ − (M·S(s) + k₁)₃) + (1 − hash_flag)·s3' = 0",
] as const);
/** Names of the periodic columns, in order. */
export const RESCUE_PERIODIC_COLUMNS = Object.freeze(["hash_flag", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"] as const);

const { field: F, cycleLength: CYCLE, rounds: ROUNDS } = RESCUE_PARAMS;

/** Periodic columns: the hash flag (Winterfell `CYCLE_MASK`) and the round constants column-major (`get_round_constants`). */
export function rescuePeriodicColumns(): bigint[][] {
  const flag = Array.from({ length: CYCLE }, (_, i) => (i < ROUNDS ? 1n : 0n));
  const ark = Array.from({ length: 8 }, (_, j) => RESCUE_PARAMS.ark.map((row) => row[j]!));
  return [flag, ...ark];
}

/** x ↦ x³ on each element (Winterfell `apply_sbox`). */
export function sbox<E>(E: Field<E>, s: readonly E[]): E[] {
  return s.map((x) => E.mul(E.sqr(x), x));
}

/** A·s for a row-major 4×4 matrix of base-field constants (Winterfell `apply_mds` / `apply_inv_mds`). */
export function mul4<E>(E: Field<E>, A: readonly bigint[], s: readonly E[]): E[] {
  const out: E[] = [];
  for (let i = 0; i < 4; i++) {
    let acc = E.ZERO;
    for (let j = 0; j < 4; j++) acc = E.add(acc, E.mul(E.fromBigint(A[4 * i + j]!), s[j]!));
    out.push(acc);
  }
  return out;
}

/** One Rescue round as the trace generator applies it (Winterfell `apply_round`): round constants from the periodic columns. */
function applyRound(state: bigint[], step: number, periodic: readonly (readonly bigint[])[]): void {
  const k = (j: number) => periodic[1 + j]![step % CYCLE]!;
  let s = mul4(F, RESCUE_PARAMS.mds, sbox(F, state)).map((v, i) => F.add(v, k(i)));
  s = mul4(
    F,
    RESCUE_PARAMS.mds,
    s.map((x) => F.pow(x, RESCUE_PARAMS.invAlpha)),
  ).map((v, i) => F.add(v, k(4 + i)));
  for (let i = 0; i < 4; i++) state[i] = s[i]!;
}

function checkChainLength(name: string, chainLength: number): void {
  if (!isPowerOfTwo(chainLength)) throw new AirDefinitionError(name, "chainLength", `must be a power of two ≥ 1, got ${chainLength}`);
}

/** Winterfell `RescueProver::build_trace`: 16·chainLength rows; row 0 = (seed, 0, 0). */
export function rescueChainTrace(seed: readonly [bigint, bigint], chainLength: number): Trace {
  checkChainLength("Rescue", chainLength);
  const periodic = rescuePeriodicColumns();
  return buildTrace(
    F,
    4,
    chainLength * CYCLE,
    (first) => {
      first[0] = seed[0];
      first[1] = seed[1];
      first[2] = 0n;
      first[3] = 0n;
    },
    (step, _cur, next) => {
      // next starts as a copy of cur
      if (step % CYCLE < ROUNDS) applyRound(next, step, periodic);
      else {
        next[2] = 0n;
        next[3] = 0n;
      }
    },
    RESCUE_COLUMNS,
  );
}

export interface RescueChainPublicInputs {
  readonly seed: readonly [bigint, bigint];
  readonly result: readonly [bigint, bigint];
}

export interface RescueChainAirOptions {
  /** Also assert s2 = s3 = 0 at step 0 (not in Winterfell's example; default false). */
  readonly constrainCapacity?: boolean;
}

/** The Rescue hash-chain AIR (Winterfell `RescueAir`) for `chainLength` hashes (a power of two). */
export function rescueChainAir(chainLength: number, pub: RescueChainPublicInputs, options: RescueChainAirOptions = {}): Air {
  const name = `Rescue-chain-${chainLength}`;
  checkChainLength(name, chainLength);
  const values = [...pub.seed, ...pub.result];
  values.forEach((v, i) => {
    if (!F.isValid(v)) throw new AirDefinitionError(name, i < 2 ? `seed[${i}]` : `result[${i - 2}]`, `${String(v)} is not a canonical element of ${F.name}`);
  });
  const n = chainLength * CYCLE;
  const assertions = [
    { column: 0, step: 0, value: pub.seed[0] },
    { column: 1, step: 0, value: pub.seed[1] },
    { column: 0, step: n - 1, value: pub.result[0] },
    { column: 1, step: n - 1, value: pub.result[1] },
  ];
  if (options.constrainCapacity) assertions.push({ column: 2, step: 0, value: 0n }, { column: 3, step: 0, value: 0n });
  const periodic = rescuePeriodicColumns().map((c) => Object.freeze(c));
  return Object.freeze({
    name,
    field: F,
    traceWidth: 4,
    traceLength: n,
    transitionDegrees: Object.freeze([4, 4, 4, 4]),
    constraintNames: RESCUE_CONSTRAINTS,
    columnNames: RESCUE_COLUMNS,
    periodicColumns: Object.freeze(periodic),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, p: readonly E[], out: E[]): void {
      const cur = frame.current;
      const next = frame.next;
      const flag = p[0]!;
      // forward half-round: M·S(s) + k₁
      const step1 = mul4(E, RESCUE_PARAMS.mds, sbox(E, cur)).map((v, i) => E.add(v, p[1 + i]!));
      // backward half-round: S(M⁻¹·(s' − k₂))
      const step2 = sbox(
        E,
        mul4(
          E,
          RESCUE_PARAMS.invMds,
          next.map((v, i) => E.sub(v, p[5 + i]!)),
        ),
      );
      const copy = E.sub(E.ONE, flag);
      const copies = [E.sub(cur[0]!, next[0]!), E.sub(cur[1]!, next[1]!), next[2]!, next[3]!];
      for (let i = 0; i < 4; i++) {
        // hash_flag·(step2_i − step1_i) + (1 − hash_flag)·copy_i = 0 | degree 4
        out[i] = E.add(E.mul(flag, E.sub(step2[i]!, step1[i]!)), E.mul(copy, copies[i]!));
      }
    },
    assertions: Object.freeze(assertions),
    publicInputBytes: () => encodePublicInputs(F, values),
  });
}
