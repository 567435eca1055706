/**
 * How the RPO specification derives its round constants (eprint 2022/1577 §2; the reference implementation's
 * `get_round_constants`), so the carried-over table in constants.ts is checked against its definition rather than
 * trusted: 2·m·N integers, each read little-endian from 9 bytes (⌈log2 p / 8⌉ + 1) of
 * SHAKE256("RPO(p,m,c,λ)") and reduced mod p; integer i·2m + j is ARK1[i][j], integer i·2m + m + j is ARK2[i][j].
 * The 9th byte makes the reduction's bias below 2^-8 per constant — a nothing-up-my-sleeve rule, not a secret.
 */
import { shake256 } from "@noble/hashes/sha3.js";
import { HashInputError } from "../errors.js";

export interface RpoInstance {
  /** The prime field's modulus (the specification fixes Goldilocks). */
  readonly p: bigint;
  /** State width m. */
  readonly width: number;
  readonly capacity: number;
  /** λ in bits: 128 (m = 12, c = 4) or 160 (m = 16, c = 6) in the specification. */
  readonly securityLevel: number;
  /** Rounds N (7 for both instances). */
  readonly rounds: number;
}

/** ARK1 and ARK2 (rounds × width each) of an RPO instance, derived as the specification does. */
export function deriveRoundConstants(inst: RpoInstance): { ark1: bigint[][]; ark2: bigint[][] } {
  const { p, width: m, capacity: c, securityLevel: lambda, rounds: N } = inst;
  for (const [k, v] of [
    ["width", m],
    ["capacity", c],
    ["securityLevel", lambda],
    ["rounds", N],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new HashInputError(`deriveRoundConstants: ${k}`, v, "a positive integer");
  }
  if (typeof p !== "bigint" || p < 2n) throw new HashInputError("deriveRoundConstants: p", p, "a prime ≥ 2");
  const bytesPerInt = Math.ceil(p.toString(2).length / 8) + 1;
  const seed = new TextEncoder().encode(`RPO(${p},${m},${c},${lambda})`);
  const bytes = shake256(seed, { dkLen: bytesPerInt * 2 * m * N });
  const ints: bigint[] = [];
  for (let i = 0; i < 2 * m * N; i++) {
    let x = 0n;
    for (let j = bytesPerInt - 1; j >= 0; j--) x = (x << 8n) | BigInt(bytes[bytesPerInt * i + j]!);
    ints.push(x % p);
  }
  const rows = (offset: number) => Array.from({ length: N }, (_, r) => ints.slice(2 * m * r + offset, 2 * m * r + offset + m));
  return { ark1: rows(0), ark2: rows(m) };
}
