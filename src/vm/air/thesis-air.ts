/**
 * The thesis's own VM constraints, ported for comparison (j04n-f/Encrypt-zkVM air/src/lib.rs, constrains.rs,
 * flags.rs) — NOT SOUND, kept so that tests and notebook 04 can show each gap: a forged trace this AIR accepts
 * and vm-air.ts rejects. Over the first 28 columns of our layout (the thesis's columns, same order).
 *
 * As in the thesis: operation selectors are products of five bit literals (no constraint makes the bits
 * binary); every hash constraint is multiplied by the hash-flag column (no constraint fixes it); sadd, add2 and
 * smul check the sum of their five cell errors; push/read/read2/noop constrain one cell each; the statement is
 * the program hash and the first 8 stack cells at the end (the public values and input ciphertexts are bound by
 * nothing). Differences of this port: one transition exemption instead of two (our prover's divisor) and no
 * random last row, so the hash and stack assertions sit at row n − 2 of a trace whose padding rows copy the
 * final state (`thesisLayout`).
 */
import type { Field } from "../../math/field.js";
import { F128_FIELD } from "../../math/prime-fields.js";
import type { Air, Assertion, EvaluationFrame, Trace } from "../../air/air.js";
import { encodePublicInputs } from "../../air/public-inputs.js";
import { RESCUE_PARAMS } from "../../air/examples/rescue-hash.js";
import { mul4, rescuePeriodicColumns, sbox } from "../../air/examples/rescue.js";
import { CLK, DEPTH, HASH_FLAG, HASH_STATE, OP_BITS, STACK, THESIS_TRACE_WIDTH, VM_COLUMN_NAMES } from "./columns.js";

const F = F128_FIELD;

export interface ThesisPublicInputs {
  readonly programHash: readonly bigint[];
  /** The 16 stack cells at the end (the thesis asserts the first 8). */
  readonly stackOutputs: readonly bigint[];
  /** LWE ciphertext size n + 1 (the thesis: 5) and Δ (its server key's parameters). */
  readonly lweSize: number;
  readonly delta: bigint;
}

export const THESIS_CONSTRAINT_NAMES: readonly string[] = Object.freeze([
  "clk",
  "stack depth",
  "shr·shl",
  "add",
  "sadd (sum of cell errors)",
  "add2 (sum of cell errors)",
  "mul",
  "smul (sum of cell errors)",
  "push (s1' = s0)",
  "read (s1' = s0)",
  "read2 (s5' = s0)",
  "noop (s0' = s0)",
  "hash round h0",
  "hash round h1",
  "hash round h2",
  "hash round h3",
  "hash copy h0",
  "hash copy h1",
  "hash copy h2",
  "hash copy h3",
]);

/** Our trace's first 28 columns with the thesis's padding: the hash state copied after the program (row ℓ on). */
export function thesisLayout(trace: Trace, programLength: number): Trace {
  return trace.slice(0, THESIS_TRACE_WIDTH).map((col, c) =>
    c >= HASH_STATE && c < HASH_STATE + 4 ? col.map((v, i) => (i > programLength ? col[programLength]! : v)) : [...col],
  );
}

export function thesisVmAir(traceLength: number, pub: ThesisPublicInputs): Air {
  const n = traceLength;
  const last = n - 2;
  const w = pub.lweSize;
  const a = (column: number, step: number, value: bigint): Assertion => ({ column, step, value });
  const assertions: Assertion[] = [a(CLK, 0, 0n), a(DEPTH, 0, 0n)];
  for (let i = 0; i < 2; i++) assertions.push(a(HASH_STATE + i, 0, 0n), a(HASH_STATE + i, last, pub.programHash[i]!));
  for (let i = 0; i < 8; i++) assertions.push(a(STACK + i, 0, 0n), a(STACK + i, last, pub.stackOutputs[i]!));
  return Object.freeze({
    name: `ThesisVM-${n}`,
    field: F,
    traceWidth: THESIS_TRACE_WIDTH,
    traceLength: n,
    transitionDegrees: Object.freeze([1, 5, 2, 6, 6, 6, 7, 7, 6, 6, 6, 6, 5, 7, 5, 5, 3, 3, 3, 3]),
    constraintNames: THESIS_CONSTRAINT_NAMES,
    columnNames: VM_COLUMN_NAMES.slice(0, THESIS_TRACE_WIDTH),
    periodicColumns: Object.freeze(rescuePeriodicColumns()),
    evaluateTransition<E>(E: Field<E>, frame: EvaluationFrame<E>, p: readonly E[], out: E[]): void {
      const c = frame.current;
      const x = frame.next;
      const not = (v: E) => E.sub(E.ONE, v);
      // flags.rs names the bits from the most significant: its b0 is our column b4
      const [b0, b1, b2, b3, b4] = [4, 3, 2, 1, 0].map((j) => c[OP_BITS + j]!) as [E, E, E, E, E];
      const prod = (...xs: E[]) => xs.reduce((acc, v) => E.mul(acc, v), E.ONE);
      const isAdd = prod(not(b0), b1, not(b2), not(b3), not(b4));
      const isSadd = prod(not(b0), b1, not(b2), b3, not(b4));
      const isAdd2 = prod(not(b0), b1, not(b2), b3, b4);
      const isMul = prod(not(b0), b1, not(b2), not(b3), b4);
      const isSmul = prod(not(b0), b1, b2, not(b3), not(b4));
      const isPush = prod(b0, not(b1), not(b2), not(b3), not(b4));
      const isRead = prod(b0, not(b1), not(b2), not(b3), b4);
      const isRead2 = prod(b0, not(b1), not(b2), b3, not(b4));
      const isNoop = prod(not(b0), not(b1), not(b2), not(b3), not(b4));
      const k = (v: bigint) => E.fromBigint(v);
      const opcode = [b0, b1, b2, b3, b4].reduce((acc, b, i) => E.add(acc, E.mul(k(BigInt(16 >> i)), b)), E.ZERO);
      const s = (i: number) => c[STACK + i]!;
      const s1 = (i: number) => x[STACK + i]!;
      const sumErrors = (expected: (i: number) => E) => Array.from({ length: w }, (_, i) => E.sub(s1(i), expected(i))).reduce((acc, v) => E.add(acc, v), E.ZERO);
      const four = k(BigInt(w - 1));
      out[0] = E.sub(x[CLK]!, E.add(c[CLK]!, E.ONE));
      out[1] = E.add(E.sub(E.add(E.sub(E.sub(x[DEPTH]!, c[DEPTH]!), b0), b1), E.mul(isRead2, four)), E.mul(isAdd2, four));
      out[2] = E.mul(b0, b1);
      out[3] = E.mul(isAdd, E.sub(s1(0), E.add(s(0), s(1))));
      out[4] = E.mul(isSadd, sumErrors((i) => (i === w - 1 ? E.add(s(i + 1), E.mul(k(pub.delta), s(0))) : s(i + 1))));
      out[5] = E.mul(isAdd2, sumErrors((i) => E.add(s(i), s(i + w))));
      out[6] = E.mul(isMul, E.sub(s1(0), E.mul(s(0), s(1))));
      out[7] = E.mul(isSmul, sumErrors((i) => E.mul(s(0), s(i + 1))));
      out[8] = E.mul(isPush, E.sub(s1(1), s(0)));
      out[9] = E.mul(isRead, E.sub(s1(1), s(0)));
      out[10] = E.mul(isRead2, E.sub(s1(w), s(0)));
      out[11] = E.mul(isNoop, E.sub(s1(0), s(0)));
      const h = [0, 1, 2, 3].map((i) => c[HASH_STATE + i]!);
      const h1 = [0, 1, 2, 3].map((i) => x[HASH_STATE + i]!);
      const step0 = mul4(E, RESCUE_PARAMS.mds, sbox(E, h)).map((v, i) => E.add(v, p[1 + i]!));
      step0[0] = E.add(step0[0]!, opcode);
      step0[1] = E.add(step0[1]!, E.mul(s1(0), isPush));
      const step1 = sbox(E, mul4(E, RESCUE_PARAMS.invMds, h1.map((v, i) => E.sub(v, p[5 + i]!))));
      const hf = c[HASH_FLAG]!;
      const rf = p[0]!;
      for (let i = 0; i < 4; i++) out[12 + i] = E.mul(E.mul(E.sub(step1[i]!, step0[i]!), rf), hf);
      const copy = [E.sub(h1[0]!, h[0]!), E.sub(h1[1]!, h[1]!), h1[2]!, h1[3]!];
      for (let i = 0; i < 4; i++) out[16 + i] = E.mul(E.mul(copy[i]!, not(rf)), hf);
    },
    assertions: Object.freeze(assertions),
    publicInputBytes: () => encodePublicInputs(F, [...pub.programHash, ...pub.stackOutputs]),
  });
}
