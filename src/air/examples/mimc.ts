/**
 * MiMC AIR exactly as genSTARK's MiMC example (GuildOfWeavers/genSTARK examples/mimc/mimc128.ts, after Vitalik
 * Buterin's "STARKs, Part 3" MiMC STARK; issue "STARK prover and verifier", item 3): one column x with
 *
 *   x_0 = seed (3),   x_{i+1} = x_i³ + c[i mod 64],
 *   x' − (x³ + c) = 0   | degree 3   (c: a periodic column with a cycle of 64)
 *
 * and assertions x = seed at step 0 and x = result at the last step. "2^k steps" in genSTARK means a trace of
 * 2^k rows: the result is the last row, after 2^k − 1 applications of the round (`runMimc` in
 * examples/mimc/utils.ts pushes steps − 1 values after the seed; the assertion is at step steps − 1).
 *
 * Round constants: genSTARK's `prng.sha256(0x4d694d43, 64, field)` (AirScript `prng(sha256, 0x4d694d43, 64)`),
 * implemented in GuildOfWeavers/AirAssembly lib/utils.ts `sha256prng`: c[i] = SHA-256(uint16_be(i + 1) ‖
 * 0x4d694d43 ("MiMC")) read as a big-endian integer and reduced mod p (galois `PrimeField.add(x, 0n)` =
 * x mod p). This file follows that source; it agrees with the derivation in the issue.
 *
 * Fields: genSTARK's p = 2^128 − 9·2^32 + 1 (GENSTARK_FIELD), where x ↦ x³ is a permutation (3 ∤ p − 1). The same
 * recurrence runs over Goldilocks for speed comparisons, with the same SHA-256 integers reduced mod the
 * Goldilocks prime — but 3 | p − 1 there, so x ↦ x³ is 3-to-1 and that variant is not a MiMC permutation
 * (a real Goldilocks MiMC would use α = 7); it is a benchmark workload only.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { Field } from "../../math/field.js";
import { GL_P, type GlVec } from "../../math/goldilocks.js";
import { glAddVec, glMulVec, glSubVec } from "../../math/goldilocks-fast.js";
import type { Air, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";
import { buildTrace, isPowerOfTwo } from "../trace.js";

/** Seed of genSTARK's round-constant PRNG: the bytes of "MiMC" (0x4d694d43). */
export const MIMC_PRNG_SEED: Uint8Array = Uint8Array.of(0x4d, 0x69, 0x4d, 0x43);
/** Number of round constants (the cycle of the periodic column). */
export const MIMC_ROUND_CONSTANTS = 64;
/** genSTARK's starting value. */
export const MIMC_SEED = 3n;
export const MIMC_COLUMNS = Object.freeze(["x"] as const);
export const MIMC_CONSTRAINTS = Object.freeze(["x' − (x³ + c) = 0"] as const);

/**
 * genSTARK/AirAssembly `sha256prng(seed, count, field)`: value i = SHA-256(uint16_be(i + 1) ‖ seed) as a
 * big-endian integer, reduced mod the field's characteristic.
 */
export function sha256Prng(F: Field<bigint>, seed: Uint8Array, count: number): bigint[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > 0xffff) throw new RangeError(`sha256Prng: count must be in [0, 65535], got ${count}`);
  const input = new Uint8Array(2 + seed.length);
  input.set(seed, 2);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    input[0] = ((i + 1) >> 8) & 0xff;
    input[1] = (i + 1) & 0xff;
    let x = 0n;
    for (const b of sha256(input)) x = (x << 8n) | BigInt(b);
    out.push(F.fromBigint(x));
  }
  return out;
}

/** The 64 MiMC round constants of genSTARK, reduced into F. */
export function mimcRoundConstants(F: Field<bigint>): bigint[] {
  return sha256Prng(F, MIMC_PRNG_SEED, MIMC_ROUND_CONSTANTS);
}

function checkSteps(name: string, steps: number): void {
  if (!isPowerOfTwo(steps) || steps < MIMC_ROUND_CONSTANTS) {
    throw new AirDefinitionError(name, "traceLength", `steps must be a power of two ≥ ${MIMC_ROUND_CONSTANTS} (the round-constant cycle must divide it), got ${steps}`);
  }
}

function constantsOrDefault(F: Field<bigint>, constants: readonly bigint[] | undefined): readonly bigint[] {
  const c = constants ?? mimcRoundConstants(F);
  if (c.length !== MIMC_ROUND_CONSTANTS || !c.every((v) => F.isValid(v))) {
    throw new AirDefinitionError("MiMC", "roundConstants", `expected ${MIMC_ROUND_CONSTANTS} canonical elements of ${F.name}, got ${c.length}`);
  }
  return c;
}

/** Plain MiMC (the reference the trace is checked against): x after `steps − 1` rounds, i.e. the last row. */
export function mimc(F: Field<bigint>, steps: number, seed: bigint = MIMC_SEED, constants?: readonly bigint[]): bigint {
  const c = constantsOrDefault(F, constants);
  let x = F.fromBigint(seed);
  for (let i = 0; i < steps - 1; i++) x = F.add(F.mul(F.sqr(x), x), c[i % c.length]!);
  return x;
}

/** The execution trace: `steps` rows of x. */
export function mimcTrace(F: Field<bigint>, steps: number, seed: bigint = MIMC_SEED, constants?: readonly bigint[]): Trace {
  checkSteps("MiMC", steps);
  const c = constantsOrDefault(F, constants);
  return buildTrace(
    F,
    1,
    steps,
    (first) => (first[0] = F.fromBigint(seed)),
    (step, cur, next) => {
      const x = cur[0]!;
      next[0] = F.add(F.mul(F.sqr(x), x), c[step % MIMC_ROUND_CONSTANTS]!); // x' = x³ + c[step mod 64]
    },
    MIMC_COLUMNS,
  );
}

export interface MimcPublicInputs {
  /** x at step 0. */
  readonly seed: bigint;
  /** Claimed x at the last step. */
  readonly result: bigint;
}

/** The MiMC AIR over F for a trace of `steps` rows (a power of two ≥ 64). */
export function mimcAir(F: Field<bigint>, steps: number, pub: MimcPublicInputs, constants?: readonly bigint[]): Air {
  const name = `MiMC-${F.name}-${steps}`;
  checkSteps(name, steps);
  const c = Object.freeze([...constantsOrDefault(F, constants)]);
  for (const [k, v] of Object.entries(pub)) {
    if (!F.isValid(v)) throw new AirDefinitionError(name, k, `${String(v)} is not a canonical element of ${F.name}`);
  }
  return Object.freeze({
    name,
    field: F,
    traceWidth: 1,
    traceLength: steps,
    transitionDegrees: Object.freeze([3]),
    constraintNames: MIMC_CONSTRAINTS,
    columnNames: MIMC_COLUMNS,
    periodicColumns: Object.freeze([c]),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, periodic: readonly E[], out: E[]): void {
      const x = frame.current[0]!;
      out[0] = E.sub(frame.next[0]!, E.add(E.mul(E.sqr(x), x), periodic[0]!)); // x' − (x³ + c) = 0 | degree 3
    },
    ...(F.characteristic === GL_P
      ? {
          evaluateTransitionGoldilocks(frame: { readonly current: readonly GlVec[]; readonly next: readonly GlVec[] }, periodic: readonly GlVec[]): GlVec[] {
            const x = frame.current[0]!;
            return [glSubVec(frame.next[0]!, glAddVec(glMulVec(glMulVec(x, x), x), periodic[0]!))];
          },
        }
      : {}),
    assertions: Object.freeze([
      { column: 0, step: 0, value: pub.seed },
      { column: 0, step: steps - 1, value: pub.result },
    ]),
    publicInputBytes: () => encodePublicInputs(F, [pub.seed, pub.result]),
  });
}
