/**
 * An AIR's transition constraints as a straight-line program (issue 16, item 3: the on-chain verifier's AIR part is
 * generated from the TypeScript AIR, never hand-copied). The AIR's own `evaluateTransition` is run once over a
 * symbolic field whose elements are nodes of an expression graph; the graph, with equal subexpressions shared and
 * constants folded, becomes a tape of field operations that any evaluator (the TypeScript reference below, the
 * Solidity verifier) runs at the out-of-domain point. The constraints therefore cannot drift from the AIR: they are
 * the AIR's code, recorded.
 *
 * Registers: current row (width), next row (width), periodic values, public slots, constants, then one register per
 * tape instruction in order. Instructions: add, sub, mul (two registers) and mulBase (a register times a base-field
 * register: a constant or a public slot — a third of the work over an extension). Negation is 0 − a.
 */
import type { EvaluationFrame } from "./air.js";
import type { Field } from "../math/field.js";

export const TAPE_OPS = { add: 0, sub: 1, mul: 2, mulBase: 3 } as const;
export type TapeOp = keyof typeof TAPE_OPS;

export interface TransitionTape {
  readonly width: number;
  readonly periodic: number;
  /** Public slots: base-field values of the statement that enter the constraints (set at evaluation time). */
  readonly publics: number;
  /** Base-field constants, preloaded after the public slots. */
  readonly constants: readonly bigint[];
  readonly ops: readonly { readonly op: TapeOp; readonly a: number; readonly b: number }[];
  /** Register of each constraint's value, in the AIR's order. */
  readonly outputs: readonly number[];
}

/** A node: a register already placed (input, public, constant) or an operation on two nodes. */
type Node =
  | { readonly kind: "input"; readonly reg: number; readonly base: boolean; readonly id: number }
  | { readonly kind: "const"; readonly value: bigint; readonly id: number }
  | { readonly kind: "op"; readonly op: TapeOp; readonly a: Node; readonly b: Node; readonly id: number };

export class TapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TapeError";
  }
}

/**
 * Records `evaluate` (an AIR's transition evaluation written against Field<E>) as a tape. `publicValues` maps base
 * constants of the statement to public slots: a `fromBigint(v)` whose v is `publicValues[s]` becomes slot s, so the
 * same tape serves every statement of the AIR's family (the caller checks, by recording twice with different
 * values, that no other constant coincides with them).
 */
export function recordTransitionTape(
  base: Field<bigint>,
  width: number,
  periodicCount: number,
  publicValues: readonly bigint[],
  evaluate: <E>(E: Field<E>, frame: EvaluationFrame<E>, periodic: readonly E[], out: E[]) => void,
  constraintCount: number,
): TransitionTape {
  const p = base.characteristic;
  const nodes: Node[] = [];
  const consts = new Map<bigint, Node>();
  const memo = new Map<string, Node>();
  const publicSlot = new Map<bigint, number>();
  publicValues.forEach((v, s) => {
    if (publicSlot.has(v)) throw new TapeError(`public slots ${publicSlot.get(v)} and ${s} have the same value ${v}: record with distinct values`);
    publicSlot.set(v, s);
  });
  const input = (reg: number, baseValued: boolean): Node => {
    const n: Node = { kind: "input", reg, base: baseValued, id: nodes.length };
    nodes.push(n);
    return n;
  };
  const current = Array.from({ length: width }, (_, i) => input(i, false));
  const next = Array.from({ length: width }, (_, i) => input(width + i, false));
  const periodic = Array.from({ length: periodicCount }, (_, j) => input(2 * width + j, false));
  const publics = publicValues.map((_, s) => input(2 * width + periodicCount + s, true));
  const constant = (v: bigint): Node => {
    const x = ((v % p) + p) % p;
    const slot = publicSlot.get(x);
    if (slot !== undefined) return publics[slot]!;
    let n = consts.get(x);
    if (!n) {
      n = { kind: "const", value: x, id: nodes.length };
      nodes.push(n);
      consts.set(x, n);
    }
    return n;
  };
  const isConst = (n: Node, v: bigint) => n.kind === "const" && n.value === v;
  const isBase = (n: Node) => n.kind === "const" || (n.kind === "input" && n.base);
  const make = (op: TapeOp, a: Node, b: Node): Node => {
    // constants fold; 0 and 1 vanish; commutative operands are ordered so equal subexpressions meet
    if (a.kind === "const" && b.kind === "const") return constant(op === "add" ? a.value + b.value : op === "sub" ? a.value - b.value : (a.value * b.value) % p);
    if (op === "add" && isConst(a, 0n)) return b;
    if ((op === "add" || op === "sub") && isConst(b, 0n)) return a;
    if (op === "mul" || op === "mulBase") {
      if (isConst(a, 0n) || isConst(b, 0n)) return constant(0n);
      if (isConst(a, 1n)) return b;
      if (isConst(b, 1n)) return a;
    }
    if (op === "sub" && a === b) return constant(0n);
    let [x, y] = [a, b];
    if (op === "mul" && isBase(x) && !isBase(y)) [x, y] = [y, x];
    if ((op === "add" || op === "mul") && x.id > y.id && !(op === "mul" && isBase(x) !== isBase(y))) [x, y] = [y, x];
    const kind: TapeOp = op === "mul" && isBase(y) && !isBase(x) ? "mulBase" : op;
    const key = `${kind}:${x.id}:${y.id}`;
    let n = memo.get(key);
    if (!n) {
      n = { kind: "op", op: kind, a: x, b: y, id: nodes.length };
      nodes.push(n);
      memo.set(key, n);
    }
    return n;
  };
  const unsupported = (what: string) => (): never => {
    throw new TapeError(`the transition evaluation uses ${what}, which a tape cannot record (only +, −, × and constants)`);
  };
  const S: Field<Node> = {
    name: `symbolic(${base.name})`,
    characteristic: p,
    degree: 1,
    order: p,
    byteLength: base.byteLength,
    randomBytesLength: base.randomBytesLength,
    ZERO: constant(0n),
    ONE: constant(1n),
    twoAdicity: base.twoAdicity,
    generator: constant(base.generator),
    isValid: () => true,
    eq: (a, b) => a === b,
    isZero: (a) => isConst(a, 0n),
    add: (a, b) => make("add", a, b),
    sub: (a, b) => make("sub", a, b),
    neg: (a) => make("sub", constant(0n), a),
    mul: (a, b) => make("mul", a, b),
    sqr: (a) => make("mul", a, a),
    inv: unsupported("an inversion"),
    div: unsupported("a division"),
    pow: (a, e) => {
      if (e < 0n) return unsupported("a negative power")();
      let acc = constant(1n);
      let sq = a;
      for (let k = e; k > 0n; k >>= 1n) {
        if (k & 1n) acc = make("mul", acc, sq);
        if (k > 1n) sq = make("mul", sq, sq);
      }
      return acc;
    },
    fromBigint: (x) => constant(x),
    toBigint: unsupported("toBigint"),
    toBytes: unsupported("toBytes"),
    fromBytes: unsupported("fromBytes"),
    fromRandomBytes: unsupported("fromRandomBytes"),
    invertBatch: unsupported("a batch inversion"),
    rootOfUnity: unsupported("a root of unity"),
    toString: (a) => `node ${a.id}`,
  };
  const out: Node[] = new Array(constraintCount).fill(S.ZERO);
  evaluate(S, { current, next }, periodic, out);
  return linearise(width, periodicCount, publicValues.length, nodes, out);
}

/** Registers for the nodes the outputs reach, in dependency order (inputs first, then constants, then operations). */
function linearise(width: number, periodic: number, publics: number, nodes: readonly Node[], out: readonly Node[]): TransitionTape {
  const needed = new Set<Node>();
  const visit = (root: Node) => {
    const stack = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (needed.has(n)) continue;
      needed.add(n);
      if (n.kind === "op") stack.push(n.a, n.b);
    }
  };
  out.forEach(visit);
  const fixed = 2 * width + periodic + publics;
  const reg = new Map<Node, number>();
  for (const n of nodes) if (n.kind === "input") reg.set(n, n.reg);
  const constants: bigint[] = [];
  for (const n of nodes) if (n.kind === "const" && needed.has(n)) reg.set(n, fixed + constants.push(n.value) - 1);
  const ops: { op: TapeOp; a: number; b: number }[] = [];
  // node ids increase with creation, and an operation is created after its operands: id order is a topological order
  for (const n of nodes) {
    if (n.kind !== "op" || !needed.has(n)) continue;
    reg.set(n, fixed + constants.length + ops.length);
    ops.push({ op: n.op, a: reg.get(n.a)!, b: reg.get(n.b)! });
  }
  return { width, periodic, publics, constants, ops, outputs: out.map((n) => reg.get(n)!) };
}

/** Runs a tape over a field: the constraints' values at a frame (the reference evaluator). */
export function runTape<E>(E: Field<E>, tape: TransitionTape, frame: EvaluationFrame<E>, periodic: readonly E[], publics: readonly bigint[]): E[] {
  if (frame.current.length !== tape.width || frame.next.length !== tape.width || periodic.length !== tape.periodic || publics.length !== tape.publics)
    throw new TapeError(`the tape takes ${tape.width} columns, ${tape.periodic} periodic values and ${tape.publics} public slots`);
  const regs: E[] = [...frame.current, ...frame.next, ...periodic, ...publics.map((v) => E.fromBigint(v)), ...tape.constants.map((v) => E.fromBigint(v))];
  for (const { op, a, b } of tape.ops) {
    const x = regs[a]!;
    const y = regs[b]!;
    regs.push(op === "add" ? E.add(x, y) : op === "sub" ? E.sub(x, y) : E.mul(x, y));
  }
  return tape.outputs.map((r) => regs[r]!);
}
