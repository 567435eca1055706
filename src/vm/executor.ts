/**
 * The VM's executor (thesis §4.2; j04n-f/Encrypt-zkVM vm/src/processor/stack.rs): runs a program on a tape of
 * public values and a tape of input ciphertexts, over a typed stack — scalars (one cell) and ciphertexts (w
 * cells) — so that a misused operation (smul on two scalars, add2 on a scalar) is a clear error rather than
 * arithmetic on the wrong cells. The type rules, cells counted against the 16 stack registers included, are
 * shape-types.ts's: the same rules the verifier applies to a proof's public shape.
 *
 * The ciphertext arithmetic is a parameter (`CiphertextAlgebra`): full LWE ciphertexts with noise tracking
 * (`lweAlgebra`, the fast executor whose output the user decrypts) or vectors of field cells (`cellAlgebra`,
 * the trace generator: raw n + 1 components at the thesis preset, compressed lanes at real dimensions).
 */
import { Ciphertext } from "../lwe/ciphertext.js";
import { add as ctAdd, mulScalar } from "../lwe/homomorphic.js";
import { modulusOf, type LweParams } from "../lwe/params.js";
import { centre, getElement, setElement } from "../lwe/zq.js";
import type { Field } from "../math/field.js";
import type { Program } from "./assembler.js";
import { VmExecutionError } from "./errors.js";
import { type Instruction, immediateInteger } from "./isa.js";
import { type ItemKind, describeKinds, finalStackError, typeStep } from "./shape-types.js";

/** Ciphertext operations the VM needs; k is a field element (canonical, in [0, p)). */
export interface CiphertextAlgebra<C> {
  /** Stack cells per ciphertext. */
  readonly width: number;
  add(a: C, b: C): C;
  /** k·ct (smul). */
  mulScalar(ct: C, k: bigint): C;
  /** ct + k: Δ·k added to the body (sadd). */
  addScalar(ct: C, k: bigint): C;
  /** The w stack cells of a ciphertext, top first. */
  cells(ct: C): bigint[];
}

export type StackItem<C> = { readonly kind: "scalar"; readonly value: bigint } | { readonly kind: "ciphertext"; readonly value: C };

export interface VmInputs<C> {
  /** Values `read` pushes, in order (field elements). */
  readonly publicValues: readonly bigint[];
  /** Ciphertexts `read2` pushes, in order. */
  readonly ciphertexts: readonly C[];
}

export interface ExecutionResult<C> {
  /** What the program left on the stack: its outputs, bottom of the stack first (the order they were computed). */
  readonly outputs: readonly StackItem<C>[];
  /** The top-most ciphertext output: the one output of the thesis's programs. */
  readonly output: C;
  /** Stack after each step (index i: after instruction i), top first; only with `record`. */
  readonly stacks: readonly (readonly StackItem<C>[])[];
}

/** Cells of a typed stack, top first (length ≤ 16 by construction). */
export function stackCells<C>(alg: CiphertextAlgebra<C>, items: readonly StackItem<C>[]): bigint[] {
  return items.flatMap((it) => (it.kind === "scalar" ? [it.value] : alg.cells(it.value)));
}

export interface ExecuteOptions {
  /** Record the stack after every step. */
  readonly record?: boolean;
  /**
   * Stack cells a ciphertext occupies in the trace (default the algebra's width). The fast executor on full
   * LWE ciphertexts counts the cells of the proof's layout: n + 1 raw, or L compressed lanes.
   */
  readonly ciphertextCells?: number;
  /**
   * The outputs the caller expects (kinds, bottom of the stack first): a program that ends otherwise is an error
   * naming its last step and both lists.
   */
  readonly declaredOutputs?: readonly ItemKind[];
}

/** The ciphertexts among a run's outputs, in order. */
export function ciphertextOutputs<C>(outputs: readonly StackItem<C>[]): C[] {
  return outputs.flatMap((it) => (it.kind === "ciphertext" ? [it.value] : []));
}

/** The scalars among a run's outputs, in order. */
export function scalarOutputs<C>(outputs: readonly StackItem<C>[]): bigint[] {
  return outputs.flatMap((it) => (it.kind === "scalar" ? [it.value] : []));
}

export function execute<C>(F: Field<bigint>, program: Program, inputs: VmInputs<C>, alg: CiphertextAlgebra<C>, options: ExecuteOptions = {}): ExecutionResult<C> {
  for (const v of inputs.publicValues) if (!F.isValid(v)) throw new VmExecutionError(`public value ${String(v)} is not a canonical element of ${F.name}`, 0, undefined);
  let stack: StackItem<C>[] = [];
  let nextValue = 0;
  let nextCt = 0;
  const stacks: StackItem<C>[][] = [];
  const w = options.ciphertextCells ?? alg.width;
  program.instructions.forEach((ins: Instruction, step) => {
    const fail = (msg: string): never => {
      throw new VmExecutionError(msg, step, program.lines[step]);
    };
    // the type rules (shape-types.ts) first: afterwards every pop below finds the kind it expects
    const typed = typeStep(ins.op, stack.map((it) => it.kind), w);
    if ("error" in typed) fail(typed.error);
    const pop = () => {
      const top = stack[0]!;
      stack = stack.slice(1);
      return top.value;
    };
    const scalar = () => pop() as bigint;
    const ciphertext = () => pop() as C;
    const push = (item: StackItem<C>) => {
      stack = [item, ...stack];
    };
    switch (ins.op) {
      case "noop":
        break;
      case "push":
        if (immediateInteger(ins.value, F.characteristic) === undefined) fail(`push immediate ${ins.value} is not a signed 16-bit integer (−32768 … 32767, negative as p − |v|): the AIR range-checks immediates`);
        push({ kind: "scalar", value: ins.value });
        break;
      case "read":
        if (nextValue >= inputs.publicValues.length) fail(`read: all ${inputs.publicValues.length} public values were already read (too few inputs)`);
        push({ kind: "scalar", value: inputs.publicValues[nextValue++]! });
        break;
      case "read2":
        if (nextCt >= inputs.ciphertexts.length) fail(`read2: all ${inputs.ciphertexts.length} input ciphertexts were already read (too few inputs)`);
        push({ kind: "ciphertext", value: inputs.ciphertexts[nextCt++]! });
        break;
      case "add":
      case "mul": {
        const a = scalar();
        const b = scalar();
        push({ kind: "scalar", value: ins.op === "add" ? F.add(a, b) : F.mul(a, b) });
        break;
      }
      case "sadd":
      case "smul": {
        const k = scalar();
        const ct = ciphertext();
        push({ kind: "ciphertext", value: ins.op === "sadd" ? alg.addScalar(ct, k) : alg.mulScalar(ct, k) });
        break;
      }
      case "add2": {
        const a = ciphertext();
        const b = ciphertext();
        push({ kind: "ciphertext", value: alg.add(a, b) });
        break;
      }
    }
    if (options.record) stacks.push(stack);
  });
  const last = program.instructions.length;
  if (nextValue !== inputs.publicValues.length || nextCt !== inputs.ciphertexts.length)
    throw new VmExecutionError(
      `too many inputs: the program read ${nextValue} of ${inputs.publicValues.length} public values and ${nextCt} of ${inputs.ciphertexts.length} ciphertexts`,
      last,
      undefined,
    );
  const end = finalStackError(stack.map((it) => it.kind));
  if (end !== undefined) throw new VmExecutionError(end, last, undefined);
  const outputs = [...stack].reverse();
  const declared = options.declaredOutputs;
  if (declared !== undefined && (declared.length !== outputs.length || declared.some((k, i) => k !== outputs[i]!.kind)))
    throw new VmExecutionError(
      `the stack does not end as declared: the program leaves ${describeKinds(outputs.map((it) => it.kind))}, the statement declares ${describeKinds(declared)}`,
      last,
      undefined,
    );
  return { outputs, output: ciphertextOutputs(outputs).at(-1)!, stacks };
}

/** Input ciphertexts a program reads (its read2 steps): one row's worth. */
export function inputsPerRow(program: Program): number {
  return program.instructions.filter((i) => i.op === "read2").length;
}

/**
 * Runs the program once per row of a batch (issue 15, item 3): row b reads inputs[b·f … (b + 1)·f), f the
 * program's read2 count, and every row reads the same public values. The outputs, row after row. A ciphertext
 * count that does not split into rows of f is named before anything runs.
 */
export function executeRows<C>(F: Field<bigint>, program: Program, inputs: VmInputs<C>, rows: number, alg: CiphertextAlgebra<C>, options: ExecuteOptions = {}): StackItem<C>[] {
  const f = inputsPerRow(program);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new VmExecutionError(`a batch has at least one row, got ${String(rows)}`, 0, undefined);
  if (inputs.ciphertexts.length !== f * rows)
    throw new VmExecutionError(
      `${inputs.ciphertexts.length} input ciphertexts do not make ${rows} row${rows === 1 ? "" : "s"} of ${f} (the program reads ${f} per row${inputs.ciphertexts.length % f === 0 && f > 0 ? `: ${inputs.ciphertexts.length / f} rows` : ""})`,
      0,
      undefined,
    );
  const out: StackItem<C>[] = [];
  for (let b = 0; b < rows; b++) out.push(...execute(F, program, { publicValues: inputs.publicValues, ciphertexts: inputs.ciphertexts.slice(b * f, (b + 1) * f) }, alg, options).outputs);
  return out;
}

/**
 * Full LWE ciphertexts (src/lwe), noise provenance included so that decryption can refuse a result whose
 * noise is too large. sadd adds Δ·k mod q to the body — the field operation the AIR constrains (for a negative
 * k, i.e. p − |k|, this is −Δ·|k|).
 */
export function lweAlgebra(params: LweParams): CiphertextAlgebra<Ciphertext> {
  const mod = modulusOf(params);
  return {
    width: params.n + 1,
    add: (a, b) => ctAdd(a, b),
    mulScalar: (ct, k) => mulScalar(ct, centre(mod, k)),
    addScalar: (ct, k) => {
      const data = Uint32Array.from(ct.data);
      const body = getElement(mod, data, params.n);
      setElement(mod, data, params.n, (body + params.delta * k) % mod.q);
      return new Ciphertext(ct.params, ct.keyId, data, new Map(ct.terms), ct.plainWeight + Number(centre(mod, k) < 0n ? -centre(mod, k) : centre(mod, k)), ct.origin);
    },
    cells: (ct) => Array.from({ length: params.n + 1 }, (_, i) => getElement(mod, ct.data, i)),
  };
}

/**
 * Ciphertexts as vectors of w field cells: add and smul componentwise, sadd adds Δ·k·e where e is the body
 * direction (e = (0, …, 0, 1) for raw ciphertexts; for compressed lanes e_l = r_l^n, see compress.ts).
 */
export function cellAlgebra(F: Field<bigint>, delta: bigint, body: readonly bigint[]): CiphertextAlgebra<readonly bigint[]> {
  const w = body.length;
  return {
    width: w,
    add: (a, b) => a.map((x, i) => F.add(x, b[i]!)),
    mulScalar: (ct, k) => ct.map((x) => F.mul(x, k)),
    addScalar: (ct, k) => {
      const dk = F.mul(F.fromBigint(delta), k);
      return ct.map((x, i) => F.add(x, F.mul(dk, body[i]!)));
    },
    cells: (ct) => [...ct],
  };
}
