/**
 * The gaps of the thesis's constraint set as forged traces (issue 18, item 6: "the thesis, claim by claim"). For
 * one honest run, each gap gives a trace that claims something the run did not compute; `judgeForgery` checks it
 * against the thesis's constraints (thesis-air.ts, with the thesis's statement: the committed program hash and the
 * final stack) and against ours (vm-air.ts, with the statement the forger wants accepted). A STARK proves exactly
 * its AIR, so "accepted" means a prover holding that trace obtains a valid proof.
 *
 * The same five forgeries are written out step by step in vm-air.test.ts and notebook 04; this module is the
 * reusable form notebook 00 calls.
 */
import type { Trace } from "../../air/air.js";
import { type Violation, inspectTrace } from "../../air/inspect.js";
import { traceFailures } from "../../air/validate.js";
import { F128_FIELD as F } from "../../math/prime-fields.js";
import { type Program, assemble } from "../assembler.js";
import { vmTrace } from "../trace.js";
import { HASH_FLAG, HASH_STATE, OP_BITS, STACK } from "./columns.js";
import { thesisLayout, thesisVmAir } from "./thesis-air.js";
import { type VmPublicInputs, vmAir } from "./vm-air.js";

export type ThesisGap = "op-bits" | "cancelling-errors" | "cells-below-top" | "unbound-reads" | "hash-flag";

export const THESIS_GAPS: readonly ThesisGap[] = Object.freeze(["op-bits", "cancelling-errors", "cells-below-top", "unbound-reads", "hash-flag"]);

/** An honest run over f128 with raw ciphertext cells (the thesis's layout). */
export interface GapRun {
  readonly program: Program;
  readonly publicValues: readonly bigint[];
  /** Input ciphertexts as w cells each (at least two, for the hash-flag forgery). */
  readonly inputs: readonly (readonly bigint[])[];
  readonly delta: bigint;
  /** Body direction e (w cells). */
  readonly body: readonly bigint[];
}

/** What the forger substitutes. */
export interface GapForgeryInputs {
  /** A wrong output ciphertext (w cells) for op-bits and cells-below-top, e.g. the honest one plus a plaintext. */
  readonly output: readonly bigint[];
  /** Other public values and inputs for unbound-reads (same counts as the run's). */
  readonly otherPublicValues: readonly bigint[];
  readonly otherInputs: readonly (readonly bigint[])[];
}

export interface GapForgery {
  readonly gap: ThesisGap;
  /** One line: what the forged trace does. */
  readonly description: string;
  readonly trace: Trace;
  /** Program length ℓ of the committed program (where the thesis's layout copies the hash state from). */
  readonly programLength: number;
  /** The committed program hash the forgery claims. */
  readonly programHash: readonly bigint[];
  /** Our statement the forger wants accepted: the committed one with the forged output. */
  readonly statement: VmPublicInputs;
}

export interface ForgeryVerdict {
  /** Failures under the thesis's constraints and statement (empty: accepted). */
  readonly thesis: readonly Violation[];
  /** Failures under ours (empty: accepted). */
  readonly ours: readonly Violation[];
}

/** Writes `cells` into s0 … s(w−1) from row `from` to the end. */
function writeTop(t: bigint[][], from: number, cells: readonly bigint[]): void {
  for (let i = from; i < t[0]!.length; i++) cells.forEach((v, k) => (t[STACK + k]![i] = v));
}

const copy = (t: Trace): bigint[][] => t.map((c) => [...c]);

/** The five forgeries for `run` (in the order of THESIS_GAPS). */
export function forgeThesisGaps(run: GapRun, forged: GapForgeryInputs): GapForgery[] {
  const trace = (over: Partial<GapRun>) => vmTrace({ ...run, ...over });
  const honest = trace({});
  const ell = run.program.instructions.length;
  const w = run.body.length;
  if (forged.output.length !== w) throw new RangeError(`the forged output needs ${w} cells, got ${forged.output.length}`);
  if (run.inputs.length < 2) throw new RangeError("the hash-flag forgery needs at least two input ciphertexts");
  const saddStep = run.program.instructions.findIndex((i) => i.op === "sadd");
  if (saddStep < 0) throw new RangeError("the op-bits and cancelling-errors forgeries need a program with sadd");
  const hash = honest.publicInputs.programHash;
  const out = honest.publicInputs.outputs[0]!;
  const claim = (gap: ThesisGap, description: string, t: Trace, statement: VmPublicInputs, programHash = hash, programLength = ell): GapForgery => ({
    gap,
    description,
    trace: t,
    programLength,
    programHash,
    statement,
  });

  // 1. op bits are not binary: (p − 4, 1, 1, 1, 0) still weigh 10 = sadd's opcode, but zero every selector product
  const t1 = copy(honest.trace);
  [F.modulus - 4n, 1n, 1n, 1n, 0n].forEach((v, j) => (t1[OP_BITS + j]![saddStep] = v));
  writeTop(t1, saddStep + 1, forged.output);

  // 2. sadd checks the sum of its cell errors: +d in s0 and −d in the last cell cancel
  const d = 123456789n;
  const cancelling = out.map((v, k) => (k === 0 ? F.add(v, d) : k === w - 1 ? F.sub(v, d) : v));
  const t2 = copy(honest.trace);
  writeTop(t2, saddStep + 1, cancelling);

  // 3. cells below s0 are free on noop: after the program, s1 … s(w−1) rewritten (s0 kept)
  const t3 = copy(honest.trace);
  const below = [out[0]!, ...forged.output.slice(1)];
  writeTop(t3, ell + 1, below);

  // 4. read / read2 are bound to nothing: the same program on other public values and inputs
  const other = trace({ publicValues: forged.otherPublicValues, inputs: forged.otherInputs });

  // 5. the hash flag is free: a program with another immediate, carrying the committed program's hash columns
  const committed = assemble("read2\npush.3\nsmul\nread2\npush.2\nsmul\nadd2\npush.1\nsadd");
  const swapped = assemble("read2\npush.9\nsmul\nread2\npush.2\nsmul\nadd2\npush.1\nsadd");
  const two = { publicValues: [], inputs: run.inputs.slice(0, 2) };
  const c5 = trace({ program: committed, ...two });
  const s5 = trace({ program: swapped, ...two });
  const t5 = copy(s5.trace);
  for (let j = 0; j < 4; j++) t5[HASH_STATE + j] = [...c5.trace[HASH_STATE + j]!];
  t5[HASH_FLAG] = t5[HASH_FLAG]!.map(() => 0n);

  return [
    claim("op-bits", "non-binary op bits with sadd's opcode at the sadd step switch every selector off; the result is the forger's", t1, { ...honest.publicInputs, outputs: [forged.output] }),
    claim("cancelling-errors", "the sadd result with +d in the first cell and −d in the body: the sum of cell errors is 0", t2, { ...honest.publicInputs, outputs: [cancelling] }),
    claim("cells-below-top", "after the program, the output below s0 rewritten (the noops check s0 only)", t3, { ...honest.publicInputs, outputs: [below] }),
    claim("unbound-reads", "the committed program run on other public values and another input ciphertext", other.trace, { ...honest.publicInputs, outputs: other.publicInputs.outputs }),
    claim(
      "hash-flag",
      "hash flag 0 everywhere: a program with push.9 carries the hash columns of the committed program (push.3)",
      t5,
      { ...c5.publicInputs, outputs: s5.publicInputs.outputs },
      c5.publicInputs.programHash,
      committed.instructions.length,
    ),
  ];
}

/**
 * Checks a forgery against both constraint sets: the thesis's (its 28-column layout; statement = the claimed
 * program hash and the trace's own final stack, which is what the forger publishes) and ours.
 */
export function judgeForgery(f: GapForgery, delta: bigint, limit = 3): ForgeryVerdict {
  const layout = thesisLayout(f.trace, f.programLength);
  const n = layout[0]!.length;
  const stackOutputs = Array.from({ length: 16 }, (_, k) => layout[STACK + k]![n - 2]!);
  const thesisAir = thesisVmAir(n, { programHash: f.programHash, stackOutputs, lweSize: f.statement.outputs[0]!.length, delta });
  const thesis = traceFailures(thesisAir, layout, limit).length === 0 ? [] : inspectTrace(thesisAir, layout, limit);
  return { thesis, ours: inspectTrace(vmAir(f.statement), f.trace, limit) };
}
