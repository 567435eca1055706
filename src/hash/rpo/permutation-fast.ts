/**
 * RPO-256's permutation (permutation.ts, eprint 2022/1577 §2.4) on the Goldilocks WebAssembly kernels: the
 * 12-element state lives in the kernels' memory and every step is one vector call over the 12 lanes — the MDS
 * product as 12 scaled adds of the state's rotations (the state is stored twice in a row, so rotation d is the
 * 12 elements from d), the round constants as one add, the S-box x^7 as 4 products, and the inverse S-box
 * x^(1/7) as Winterfell's addition chain (72 squarings and 8 products):
 *
 *   t1 = x², t2 = t1², t3 = t2^(2^3)·t2, t4 = t3^(2^6)·t3, t5 = t4^(2^12)·t4, t6 = t5^(2^6)·t3, t7 = t6^(2^31)·t6,
 *   x^(1/7) = ((t7²·t6)²)²·t1·t2·x        (exponent 10540996611094048183 = 7⁻¹ mod p − 1).
 *
 * The same permutation as `rescueXlixPermute(RPO_256_PERMUTATION, ·)`, the readable reference, which runs when
 * WebAssembly is unavailable or switched off; tests compare the two on random states. Not constant-time.
 */
import { goldilocksWasmEnabled } from "../../math/goldilocks-fast.js";
import { _glWasmReserve, glWasmAvailable } from "../../math/goldilocks-wasm.js";
import { RPO_256_PERMUTATION, rescueXlixPermute } from "./permutation.js";
import { RPO_ARK1, RPO_ARK2, RPO_MDS_ROW, RPO_ROUNDS } from "./constants.js";

const W = 12;
// element offsets in the kernels' scratch buffer A: the doubled state, the MDS output, 8 temporaries, the constants
const S2 = 0;
const Y = 2 * W;
const T = 3 * W;
const ARK1 = T + 8 * W;
const ARK2 = ARK1 + RPO_ROUNDS * W;
const SIZE = ARK2 + RPO_ROUNDS * W;

const limbs = (xs: readonly bigint[]): number[] => xs.flatMap((x) => [Number(x & 0xffffffffn), Number(x >> 32n)]);
const CONSTANTS = Uint32Array.from([...limbs(RPO_ARK1.flat()), ...limbs(RPO_ARK2.flat())]);

/** True when the WebAssembly permutation runs (else rpoPermuteFast is the reference). */
export function rpoWasmEnabled(): boolean {
  return goldilocksWasmEnabled() && glWasmAvailable();
}

/** RPO-256's permutation of 12 canonical Goldilocks elements (checked by the caller); returns a new array. */
export function rpoPermuteFast(state: readonly bigint[]): bigint[] {
  if (!rpoWasmEnabled()) return rescueXlixPermute(RPO_256_PERMUTATION, state);
  return permuteWasm(state);
}

/** What a trace of the permutation needs from each round r: u_r = MDS(h_r) + ARK1_r and the state h_(r+1) after it. */
export interface RpoRounds {
  readonly u: bigint[][];
  readonly h: bigint[][];
}

/**
 * RPO-256's permutation with every round's u_r and h_(r+1) recorded (the sponge AIR's rows, rpo-sponge-air.ts); on
 * the WebAssembly kernels when they run, else undefined (the caller computes the rounds itself).
 */
export function rpoPermuteTraced(state: readonly bigint[]): RpoRounds | undefined {
  if (!rpoWasmEnabled()) return undefined;
  const rounds: RpoRounds = { u: [], h: [] };
  permuteWasm(state, rounds);
  return rounds;
}

function permuteWasm(state: readonly bigint[], record?: RpoRounds): bigint[] {
  const w = _glWasmReserve(SIZE);
  const x = w.exports;
  const base = w.aOff;
  const at = (e: number) => base + 8 * e; // byte address of element e
  const mem = new Uint32Array(w.memory.buffer, base, 2 * SIZE);
  mem.set(CONSTANTS, 2 * ARK1);
  for (let j = 0; j < W; j++) {
    const v = state[j]!;
    mem[2 * j] = Number(v & 0xffffffffn);
    mem[2 * j + 1] = Number(v >> 32n);
  }
  const slot = (k: number) => at(T + W * k);
  const mul = (d: number, a: number, b: number) => x.mulVec(a, b, d, W);
  /** d = a^(2^k)·b */
  const expAcc = (d: number, a: number, k: number, b: number) => {
    mul(d, a, a);
    for (let i = 1; i < k; i++) mul(d, d, d);
    mul(d, d, b);
  };
  const mdsAdd = (ark: number) => {
    mem.copyWithin(2 * W, 0, 2 * W); // the state twice in a row: rotation d starts at element d
    x.scaleVec(at(S2), RPO_MDS_ROW[0]!, at(Y), W);
    for (let d = 1; d < W; d++) x.axpyVec(at(Y), at(S2 + d), RPO_MDS_ROW[d]!, at(Y), W);
    x.addVec(at(Y), at(ark), at(Y), W);
  };
  const [t1, t2, t3, t4, t5, t6, t7, b] = [0, 1, 2, 3, 4, 5, 6, 7].map(slot) as [number, number, number, number, number, number, number, number];
  const y = at(Y);
  const s = at(S2);
  /** The W elements from element e on, as bigints. */
  const read = (e: number): bigint[] => Array.from({ length: W }, (_, j) => (BigInt(mem[2 * (e + j) + 1]!) << 32n) | BigInt(mem[2 * (e + j)]!));
  for (let r = 0; r < RPO_ROUNDS; r++) {
    mdsAdd(ARK1 + W * r);
    record?.u.push(read(Y));
    mul(t1, y, y); // x^7
    mul(t2, t1, t1);
    mul(t3, t1, y);
    mul(s, t2, t3);
    mdsAdd(ARK2 + W * r);
    mul(t1, y, y); // x^(1/7)
    mul(t2, t1, t1);
    expAcc(t3, t2, 3, t2);
    expAcc(t4, t3, 6, t3);
    expAcc(t5, t4, 12, t4);
    expAcc(t6, t5, 6, t3);
    expAcc(t7, t6, 31, t6);
    mul(t7, t7, t7);
    mul(t7, t7, t6);
    mul(t7, t7, t7);
    mul(t7, t7, t7);
    mul(b, t1, t2);
    mul(b, b, y);
    mul(s, t7, b);
    record?.h.push(read(S2));
  }
  return read(S2);
}
