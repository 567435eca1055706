/**
 * An AIR proving an RPO-256 sponge hash (src/hash/rpo/, eprint 2022/1577; issue 14, item 4): the trace absorbs a
 * private input of `count` Goldilocks elements and the public inputs are `count` and the 4-element digest. Layout
 * after Miden's hasher chiplet: one permutation per 8-row cycle, rows 0 … 6 of a cycle apply the 7 rounds and row 7
 * holds the permutation's output, where the next block is absorbed (overwrite mode: the rate is replaced, the
 * capacity carried). Works for every width-12 preset of sponge.ts (the specification's by default).
 *
 * Columns (44):
 *   h0 … h11  the sponge state
 *   m0 … m7   the block the cycle absorbs (input elements, then the padding; constant over the cycle)
 *   x0 … x11  x_i = u_i³ with u = M·h + k₁ (the first half-round before its S-box)
 *   y0 … y11  y_i = h'_i³ (the cube of the next row's state)
 * Periodic columns (cycle 8): round = [1 ×7, 0], start = [1, 0 ×7], k₁ = ARK1[r], k₂ = ARK2[r] (0 on row 7).
 *
 * Constraints (56), a round checked from both ends ("folding", eprint 2022/1577 §4.4: no inverse S-box
 * and no M⁻¹): h' = (M·u^7 + k₂)^(1/7) ⇔ h'^7 = M·u^7 + k₂, and with the helpers u^7 = x²·u, h'^7 = y²·h':
 *   x_i − (M·h + k₁)_i³ = 0                                   | degree 3   (12, every row)
 *   y_i − h'_i³ = 0                                           | degree 3   (12, every row)
 *   round·((M·(x² ⊙ u))_i + k₂_i − y_i²·h'_i) = 0             | degree 4   (12)
 *   start·(h_rate[j] − m_j) = 0                               | degree 2   (8: the block is the rate at row 0)
 *   (1 − round)·(h'_cap[j] − h_cap[j]) = 0                    | degree 2   (4: absorbing keeps the capacity)
 *   round·(m'_j − m_j) = 0                                    | degree 2   (8: the block is constant in a cycle)
 * Degree 4 (periodic columns counted as variables), so blowup 8 suffices under this project's rule (≥ 2·degree).
 * Without the 24 helper columns (20 columns) the round would be one constraint round·((M·u^7)_i + k₂_i − h'_i^7) of
 * degree 8, needing blowup 16: the helpers cost 24 columns (and 24 constraints) and halve the LDE.
 *
 * Assertions, all from (spec, count, digest): row 0 capacity = (domain, 0, 0, 0) of the padding rule; the padding
 * cells of the last block; zero blocks in the cycles that only fill the trace to a power of two (k blocks take the
 * first k cycles, the trace has the next power of two); the digest cells at row 8k − 1; x = y = 0 on the last row
 * (no transition constrains it). Every cell of an honest trace is then fixed by the input: one changed cell fails
 * a constraint or an assertion (tested exhaustively on a small trace).
 */
import { RPO_256, type RpoSpongeSpec, spongePadding } from "../../hash/rpo/sponge.js";
import { RPO_256_PERMUTATION, _mds } from "../../hash/rpo/permutation.js";
import { rpoPermuteTraced } from "../../hash/rpo/permutation-fast.js";
import { GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import type { Field } from "../../math/field.js";
import type { Air, Assertion, EvaluationFrame, Trace } from "../air.js";
import { AirDefinitionError } from "../errors.js";
import { encodePublicInputs } from "../public-inputs.js";

const F = GOLDILOCKS_FIELD;
const P = RPO_256_PERMUTATION;
const W = 12;
const RATE = 8;
const CYCLE = 8;
const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Column offsets. */
const H = 0;
const M_ = 12;
const X = 20;
const Y = 32;
export const RPO_SPONGE_WIDTH = 44;

export const RPO_SPONGE_COLUMNS: readonly string[] = Object.freeze([...range(W, "h"), ...range(RATE, "m"), ...range(W, "x"), ...range(W, "y")]);
export const RPO_SPONGE_PERIODIC_COLUMNS: readonly string[] = Object.freeze(["round", "start", ...range(W, "k1_"), ...range(W, "k2_")]);
export const RPO_SPONGE_CONSTRAINTS: readonly string[] = Object.freeze([
  ...range(W, "").map((i) => `x${i} − (M·h + k₁)_${i}³ = 0`),
  ...range(W, "").map((i) => `y${i} − h${i}'³ = 0`),
  ...range(W, "").map((i) => `round·((M·(x² ⊙ u))_${i} + k₂_${i} − y${i}²·h${i}') = 0`),
  ...range(RATE, "").map((j) => `start·(h_rate${j} − m${j}) = 0`),
  ...range(4, "").map((j) => `(1 − round)·(h_cap${j}' − h_cap${j}) = 0`),
  ...range(RATE, "").map((j) => `round·(m${j}' − m${j}) = 0`),
]);
export const RPO_SPONGE_DEGREES: readonly number[] = Object.freeze([...new Array<number>(24).fill(3), ...new Array<number>(12).fill(4), ...new Array<number>(20).fill(2)]);

/** Periodic columns over one 8-row cycle, in RPO_SPONGE_PERIODIC_COLUMNS order. */
export function rpoSpongePeriodicColumns(): bigint[][] {
  const round = Array.from({ length: CYCLE }, (_, r) => (r < P.rounds ? 1n : 0n));
  const start = Array.from({ length: CYCLE }, (_, r) => (r === 0 ? 1n : 0n));
  const ark = (rows: readonly (readonly bigint[])[], i: number) => Array.from({ length: CYCLE }, (_, r) => (r < P.rounds ? rows[r]![i]! : 0n));
  return [round, start, ...Array.from({ length: W }, (_, i) => ark(P.ark1, i)), ...Array.from({ length: W }, (_, i) => ark(P.ark2, i))];
}

/** M·s over any field E (M the circulant RPO-256 MDS matrix, constants embedded with E.fromBigint). */
function mds<E>(E: Field<E>, s: readonly E[]): E[] {
  const row = P.mdsRow.map((c) => E.fromBigint(c));
  return Array.from({ length: W }, (_, i) => {
    let acc = E.ZERO;
    for (let j = 0; j < W; j++) acc = E.add(acc, E.mul(row[(j - i + W) % W]!, s[j]!));
    return acc;
  });
}

const cube = <E>(E: Field<E>, v: E): E => E.mul(E.sqr(v), v);

/** Where things are in the trace of a `count`-element input: blocks, cycles, rows, the digest row, the padding. */
export function rpoSpongeLayout(spec: RpoSpongeSpec, count: number) {
  checkSpec(spec);
  if (!Number.isSafeInteger(count) || count < 1 || count > 2 ** 20)
    throw new AirDefinitionError(`rpo-sponge/${spec.id}`, "count", `expected an element count from 1 to 2^20, got ${count}`);
  const { domain, tail } = spongePadding(spec, count);
  const blocks = (count + tail.length) / RATE;
  let cycles = 1;
  while (cycles < blocks) cycles *= 2;
  return { domain, tail, blocks, cycles, traceLength: CYCLE * cycles, digestStep: CYCLE * blocks - 1 };
}

function checkSpec(spec: RpoSpongeSpec): void {
  if (spec.permutation !== P || spec.rate.length !== RATE || spec.capacity.length !== 4 || spec.digest.length !== 4)
    throw new AirDefinitionError(`rpo-sponge/${String(spec.id)}`, "spec", "the AIR proves width-12 RPO-256 sponges (rate 8, capacity 4, digest 4) only");
}

/** The sponge's cells row by row: state h, block m, helpers x and y (rows × 12, 8, 12, 12). */
export interface RpoSpongeRows {
  readonly h: bigint[][];
  readonly m: bigint[][];
  readonly x: bigint[][];
  readonly y: bigint[][];
}

/**
 * The sponge run over `blocks` (8 elements each), one 8-row cycle per block, from capacity[0] = `domain` (or from
 * the state `from`, whose capacity carries on — a run continued): each cycle absorbs its block at its first row
 * (overwrite mode) and permutes over its 7 rounds. y on a row is the cube of the next row's state; the last row's y
 * is left zero for the caller (the next run's first row, or zero on a trace's last row, which the AIRs assert).
 * Shared by this AIR's trace, the model commitment and the VM's trace, so the round is computed in one place.
 */
export function rpoSpongeRows(spec: RpoSpongeSpec, blocks: readonly (readonly bigint[])[], domain: bigint, from?: readonly bigint[]): RpoSpongeRows {
  checkSpec(spec);
  const n = CYCLE * blocks.length;
  const rows: RpoSpongeRows = { h: new Array(n), m: new Array(n), x: new Array(n), y: new Array(n) };
  const periodic = rpoSpongePeriodicColumns();
  let h = from ? [...from] : new Array<bigint>(W).fill(0n);
  if (!from) h[spec.capacity[0]!] = domain;
  blocks.forEach((block, c) => {
    h = [...h];
    spec.rate.forEach((idx, j) => (h[idx] = block[j]!)); // absorb (overwrite mode; the capacity carries over)
    // the rounds on the WebAssembly kernels when they run (u_r and h_(r+1) recorded), else computed here
    const traced = rpoPermuteTraced(h);
    for (let r = 0; r < CYCLE; r++) {
      const row = CYCLE * c + r;
      rows.h[row] = h;
      rows.m[row] = [...block];
      // (bigint MDS with one reduction per cell, _mds; the S-boxes on limbs through F.pow)
      const u = traced && r < P.rounds ? traced.u[r]! : _mds(P, h).map((v, i) => F.add(v, periodic[2 + i]![r]!));
      const x = u.map((v) => cube(F, v));
      rows.x[row] = x;
      if (r < P.rounds) {
        if (traced) h = traced.h[r]!;
        else {
          const a = u.map((v, i) => F.mul(F.sqr(x[i]!), v)); // u^7 = (u³)²·u
          h = _mds(P, a).map((v, i) => F.pow(F.add(v, periodic[2 + W + i]![r]!), P.invAlpha));
        }
      }
    }
  });
  for (let row = 0; row + 1 < n; row++) rows.y[row] = rows.h[row + 1]!.map((v) => cube(F, v));
  if (n > 0) rows.y[n - 1] = new Array<bigint>(W).fill(0n);
  return rows;
}

/** The trace of hashing `elements` under `spec` (RPO_256 by default): 44 columns, 8 rows per permutation. */
export function rpoSpongeTrace(elements: readonly bigint[], spec: RpoSpongeSpec = RPO_256): Trace {
  const L = rpoSpongeLayout(spec, elements.length);
  elements.forEach((e, i) => {
    if (typeof e !== "bigint" || !F.isValid(e))
      throw new AirDefinitionError(`rpo-sponge/${spec.id}`, `elements[${i}]`, `${String(e)} is not a canonical Goldilocks element`);
  });
  const padded = [...elements, ...L.tail, ...new Array<bigint>(RATE * (L.cycles - L.blocks)).fill(0n)];
  const rows = rpoSpongeRows(spec, Array.from({ length: L.cycles }, (_, c) => padded.slice(RATE * c, RATE * c + RATE)), L.domain);
  const n = L.traceLength;
  const cols: bigint[][] = Array.from({ length: RPO_SPONGE_WIDTH }, () => new Array<bigint>(n).fill(0n));
  for (let row = 0; row < n; row++) {
    for (let i = 0; i < W; i++) {
      cols[H + i]![row] = rows.h[row]![i]!;
      // (the last row's helpers are zero: no transition constrains them, the assertions fix them)
      cols[X + i]![row] = row === n - 1 ? 0n : rows.x[row]![i]!;
      cols[Y + i]![row] = rows.y[row]![i]!;
    }
    for (let j = 0; j < RATE; j++) cols[M_ + j]![row] = rows.m[row]![j]!;
  }
  return cols;
}

/** The sponge's cells at a row and the next, and the periodic values of the row (any field E). */
export interface RpoSpongeFrame<E> {
  readonly h: readonly E[];
  readonly h1: readonly E[];
  readonly m: readonly E[];
  readonly m1: readonly E[];
  readonly x: readonly E[];
  readonly y: readonly E[];
  readonly round: E;
  readonly start: E;
  readonly k1: readonly E[];
  readonly k2: readonly E[];
  /** 1 where the capacity carries over, 0 where the next row starts a fresh sponge (absent: always carried). */
  readonly keepCapacity?: E;
}

/** Writes the 56 constraints (RPO_SPONGE_CONSTRAINTS order, degrees RPO_SPONGE_DEGREES) into out[at …]. */
export function evaluateRpoSponge<E>(E: Field<E>, spec: RpoSpongeSpec, f: RpoSpongeFrame<E>, out: E[], at: number): void {
  const u = mds(E, f.h).map((v, i) => E.add(v, f.k1[i]!));
  for (let i = 0; i < W; i++) {
    out[at + i] = E.sub(f.x[i]!, cube(E, u[i]!)); // x_i − u_i³ | degree 3
    out[at + W + i] = E.sub(f.y[i]!, cube(E, f.h1[i]!)); // y_i − h_i'³ | degree 3
  }
  const ma = mds(
    E,
    u.map((v, i) => E.mul(E.sqr(f.x[i]!), v)),
  );
  for (let i = 0; i < W; i++) {
    // round·((M·(x² ⊙ u))_i + k₂_i − y_i²·h_i') | degree 4
    const rhs = E.mul(E.sqr(f.y[i]!), f.h1[i]!);
    out[at + 2 * W + i] = E.mul(f.round, E.sub(E.add(ma[i]!, f.k2[i]!), rhs));
  }
  const absorb = E.sub(E.ONE, f.round);
  for (let j = 0; j < RATE; j++) {
    out[at + 3 * W + j] = E.mul(f.start, E.sub(f.h[spec.rate[j]!]!, f.m[j]!)); // start·(h_rate_j − m_j) | degree 2
    out[at + 3 * W + RATE + 4 + j] = E.mul(f.round, E.sub(f.m1[j]!, f.m[j]!)); // round·(m_j' − m_j) | degree 2
  }
  // (1 − round)·(h_cap' − h_cap) | degree 2; with `keepCapacity` (a batch's segments: 0 where a fresh sponge starts)
  // (1 − round)·(h_cap' − keep·h_cap) | degree 3
  const carried = (j: number) => (f.keepCapacity === undefined ? f.h[spec.capacity[j]!]! : E.mul(f.keepCapacity, f.h[spec.capacity[j]!]!));
  for (let j = 0; j < 4; j++) out[at + 3 * W + RATE + j] = E.mul(absorb, E.sub(f.h1[spec.capacity[j]!]!, carried(j)));
}

export interface RpoSpongePublicInputs {
  /** Number of input elements (≥ 1). */
  readonly count: number;
  /** The claimed 4-element digest. */
  readonly digest: readonly bigint[];
}

/** The AIR: "the prover knows `count` elements whose `spec` sponge digest is `digest`" (RPO_256 by default). */
export function rpoSpongeAir(pub: RpoSpongePublicInputs, spec: RpoSpongeSpec = RPO_256): Air {
  const name = `rpo-sponge/${spec.id}`;
  const L = rpoSpongeLayout(spec, pub.count);
  if (!Array.isArray(pub.digest) || pub.digest.length !== 4) throw new AirDefinitionError(name, "digest", "expected 4 Goldilocks elements");
  pub.digest.forEach((v, i) => {
    if (typeof v !== "bigint" || !F.isValid(v)) throw new AirDefinitionError(name, `digest[${i}]`, `${String(v)} is not a canonical Goldilocks element`);
  });
  const n = L.traceLength;
  const assertions: Assertion[] = [];
  spec.capacity.forEach((idx, j) => assertions.push({ column: H + idx, step: 0, value: j === 0 ? L.domain : 0n }));
  L.tail.forEach((v, t) => assertions.push({ column: M_ + RATE - L.tail.length + t, step: CYCLE * (L.blocks - 1), value: v }));
  for (let c = L.blocks; c < L.cycles; c++) for (let j = 0; j < RATE; j++) assertions.push({ column: M_ + j, step: CYCLE * c, value: 0n });
  spec.digest.forEach((idx, j) => assertions.push({ column: H + idx, step: L.digestStep, value: pub.digest[j]! }));
  for (let i = 0; i < W; i++) assertions.push({ column: X + i, step: n - 1, value: 0n }, { column: Y + i, step: n - 1, value: 0n });
  const periodic = rpoSpongePeriodicColumns().map((c) => Object.freeze(c));
  return Object.freeze({
    name,
    field: F,
    traceWidth: RPO_SPONGE_WIDTH,
    traceLength: n,
    transitionDegrees: RPO_SPONGE_DEGREES,
    constraintNames: RPO_SPONGE_CONSTRAINTS,
    columnNames: RPO_SPONGE_COLUMNS,
    periodicColumns: Object.freeze(periodic),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, p: readonly E[], out: E[]): void {
      const cur = frame.current;
      const nxt = frame.next;
      const cells = (row: readonly E[], from: number, count: number) => row.slice(from, from + count);
      evaluateRpoSponge(
        E,
        spec,
        { h: cells(cur, H, W), h1: cells(nxt, H, W), m: cells(cur, M_, RATE), m1: cells(nxt, M_, RATE), x: cells(cur, X, W), y: cells(cur, Y, W), round: p[0]!, start: p[1]!, k1: p.slice(2, 2 + W), k2: p.slice(2 + W, 2 + 2 * W) },
        out,
        0,
      );
    },
    assertions: Object.freeze(assertions),
    publicInputBytes: () => encodePublicInputs(F, [BigInt(pub.count), ...pub.digest]),
  });
}
