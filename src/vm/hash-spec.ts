/**
 * The two program-hash presets of the VM (issue "Encrypt zkVM", item 1). Both are the thesis's sponge — one
 * Rescue round per instruction, the opcode and the immediate injected between the half-rounds, 14 round steps
 * and 2 capacity-reset steps per 16-step cycle — over a different field and permutation:
 *
 *   rescue-f128     the thesis's: f128, Winterfell's example Rescue (width 4, rate s0 s1, capacity s2 s3, α = 3,
 *                   ARK row = step mod 16); digest (s0, s1). Capacity 2·128 = 256 bits.
 *   rp64-goldilocks the default field: Goldilocks, Winterfell's Rp64_256 rounds (width 12, capacity s0..s3,
 *                   rate s4..s11, α = 7, ARK row = step mod 7, so a cycle runs the 7 rounds twice); opcode into
 *                   s4, immediate into s5; digest s4..s7. Capacity 4·64 = 256 bits.
 *
 * With a 256-bit capacity the generic sponge bound is 128 bits of collision resistance — but the per-round
 * injection is the thesis's design, not a standard sponge (which injects between full permutations); no
 * analysis of it exists here or in the thesis, so no security level is claimed for either preset.
 */
import { RESCUE_PARAMS } from "../air/examples/rescue-hash.js";
import type { PrimeField } from "../math/field.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { HASH_CYCLE, HASH_ROUNDS } from "./isa.js";
import { RP64_ARK1, RP64_ARK2, RP64_INV_MDS, RP64_MDS } from "./rp64-constants.js";

export type VmHashId = "rescue-f128" | "rp64-goldilocks";

export interface VmHashSpec {
  readonly id: VmHashId;
  readonly field: PrimeField;
  readonly width: number;
  readonly alpha: bigint;
  readonly invAlpha: bigint;
  /** Row-major width × width. */
  readonly mds: readonly bigint[];
  readonly invMds: readonly bigint[];
  /** State indices: rate (zero at the start), capacity (the salt at the start, reset on steps 14–15), digest. */
  readonly rate: readonly number[];
  readonly capacity: readonly number[];
  readonly digest: readonly number[];
  /** Where the opcode and the immediate are added. */
  readonly inject: readonly [number, number];
  /** Round constants for cycle step c: k₁ (after the first half-round) and k₂ (after the second); zero on 14, 15. */
  readonly roundConstants: (cycleStep: number) => { readonly k1: readonly bigint[]; readonly k2: readonly bigint[] };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

export const RESCUE_F128: VmHashSpec = Object.freeze({
  id: "rescue-f128",
  field: F128_FIELD,
  width: 4,
  alpha: RESCUE_PARAMS.alpha,
  invAlpha: RESCUE_PARAMS.invAlpha,
  mds: RESCUE_PARAMS.mds,
  invMds: RESCUE_PARAMS.invMds,
  rate: [0, 1],
  capacity: [2, 3],
  digest: [0, 1],
  inject: [0, 1],
  roundConstants: (c: number) => {
    const row = RESCUE_PARAMS.ark[c % HASH_CYCLE]!;
    return { k1: row.slice(0, 4), k2: row.slice(4, 8) };
  },
} as const);

const ZERO12 = new Array<bigint>(12).fill(0n);

export const RP64_GOLDILOCKS: VmHashSpec = Object.freeze({
  id: "rp64-goldilocks",
  field: GOLDILOCKS_FIELD,
  width: 12,
  alpha: 7n,
  invAlpha: 10540996611094048183n,
  mds: RP64_MDS.flat(),
  invMds: RP64_INV_MDS.flat(),
  rate: range(4, 12),
  capacity: range(0, 4),
  digest: range(4, 8),
  inject: [4, 5],
  roundConstants: (c: number) => {
    const step = c % HASH_CYCLE;
    if (step >= HASH_ROUNDS) return { k1: ZERO12, k2: ZERO12 };
    return { k1: RP64_ARK1[step % 7]!, k2: RP64_ARK2[step % 7]! };
  },
} as const);

export const VM_HASHES: Readonly<Record<VmHashId, VmHashSpec>> = Object.freeze({ "rescue-f128": RESCUE_F128, "rp64-goldilocks": RP64_GOLDILOCKS });

/** The hash preset for a field (the VM's field is the LWE modulus q). */
export function hashSpecForModulus(q: bigint): VmHashSpec | undefined {
  return Object.values(VM_HASHES).find((h) => h.field.modulus === q);
}
