/**
 * The VM's commitment presets (issue "Encrypt zkVM", item 1; issue 14, item 4). Two are the thesis's construction —
 * one Rescue round per instruction, the opcode and the immediate injected between the half-rounds, 14 round steps
 * and 2 capacity-reset steps per 16-step cycle — over a different field and permutation:
 *
 *   rescue-f128     the thesis's: f128, Winterfell's example Rescue (width 4, rate s0 s1, capacity s2 s3, α = 3,
 *                   ARK row = step mod 16); digest (s0, s1). Reproduces the thesis's hashes and figures.
 *   rp64-goldilocks the same construction with Winterfell's Rp64_256 rounds (width 12, capacity s0..s3, rate
 *                   s4..s11, α = 7, ARK row = step mod 7); opcode into s4, immediate into s5; digest s4..s7.
 *
 * The per-round injection is not a standard sponge (which absorbs between full permutations); no analysis of it
 * exists here or in the thesis, so no security level is claimed for either, and rescue-f128 has a length
 * extension (model-commitment.test.ts). The third is the default over Goldilocks:
 *
 *   rpo-goldilocks  the model commitment (model-commitment.ts): RPO-256 as specified (eprint 2022/1577), absorbing
 *                   the instructions' values, the salt and the shape digest in 8-element blocks between full
 *                   permutations; 128-bit collision resistance by the generic sponge bound (capacity 256 bits),
 *                   docs/model-commitment.md.
 */
import { RESCUE_PARAMS } from "../air/examples/rescue-hash.js";
import type { PrimeField } from "../math/field.js";
import { F128_FIELD, GOLDILOCKS_FIELD } from "../math/prime-fields.js";
import { HASH_CYCLE, HASH_ROUNDS } from "./isa.js";
import { RP64_ARK1, RP64_ARK2, RP64_INV_MDS, RP64_MDS } from "./rp64-constants.js";
import { RPO_256, type RpoSpongeSpec } from "../hash/rpo/sponge.js";

export type VmHashId = "rescue-f128" | "rp64-goldilocks" | "rpo-goldilocks";

/** What every preset has: its field, state width and the roles of the state cells. */
interface VmHashCommon {
  readonly id: VmHashId;
  readonly field: PrimeField;
  readonly width: number;
  /** State indices: rate, capacity (the salt's length), digest. */
  readonly rate: readonly number[];
  readonly capacity: readonly number[];
  readonly digest: readonly number[];
}

/**
 * The model commitment as a standard sponge (model-commitment.ts): RPO-256 as specified over the instructions'
 * values, the salt and the shape digest, proved in the trace one permutation per 8 rows (vm-air.ts).
 */
export interface SpongeHashSpec extends VmHashCommon {
  readonly kind: "sponge";
  readonly sponge: RpoSpongeSpec;
}

export type VmHashSpec = RoundHashSpec | SpongeHashSpec;

/** The thesis's construction: one Rescue round per instruction with the instruction injected mid-round. */
export interface RoundHashSpec extends VmHashCommon {
  readonly kind: "per-round";
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

export const RESCUE_F128: RoundHashSpec = Object.freeze({
  kind: "per-round",
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

export const RP64_GOLDILOCKS: RoundHashSpec = Object.freeze({
  kind: "per-round",
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

/** Goldilocks' default: the model commitment, RPO-256 as specified (src/hash/rpo/): capacity s0..s3, digest s4..s7. */
export const RPO_GOLDILOCKS: SpongeHashSpec = Object.freeze({
  kind: "sponge",
  id: "rpo-goldilocks",
  field: GOLDILOCKS_FIELD,
  width: 12,
  rate: RPO_256.rate,
  capacity: RPO_256.capacity,
  digest: RPO_256.digest,
  sponge: RPO_256,
} as const);

/** The presets, in the order the statement encodes them (their index is bound into every proof). */
export const VM_HASHES: Readonly<Record<VmHashId, VmHashSpec>> = Object.freeze({ "rescue-f128": RESCUE_F128, "rp64-goldilocks": RP64_GOLDILOCKS, "rpo-goldilocks": RPO_GOLDILOCKS });

/**
 * The hash preset for a field (the VM's field is the LWE modulus q): the thesis's rescue-f128 over f128, the model
 * commitment (rpo-goldilocks) over Goldilocks. rp64-goldilocks — the thesis's construction with Rp64_256 rounds —
 * is chosen only by name.
 */
export function hashSpecForModulus(q: bigint): VmHashSpec | undefined {
  if (q === RPO_GOLDILOCKS.field.modulus) return RPO_GOLDILOCKS;
  return Object.values(VM_HASHES).find((h) => h.kind === "per-round" && h.field.modulus === q);
}
