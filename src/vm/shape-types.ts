/**
 * The VM's type rules (thesis §4.4, Table 1; issue "Sound from model to payment", item 3), written once for the
 * executor, the AIR builder and the verifier. The stack holds scalars (one cell) and ciphertexts (w cells); each
 * operation pops the kinds its signature names (top first) and pushes one item:
 *
 *   push, read   → scalar            add, mul    scalar, scalar         → scalar
 *   read2        → ciphertext        sadd, smul  scalar, ciphertext     → ciphertext
 *   noop         (nothing)           add2        ciphertext, ciphertext → ciphertext
 *
 * never more than 16 cells. What a program leaves on the stack at its end is its output (issue 15, item 1): one
 * ciphertext in the thesis's programs, k class scores in a classifier's, scalars too if the program leaves them —
 * in the order they were computed (bottom of the stack first); at least one ciphertext. The AIR alone does not know kinds —
 * it constrains cells — so a shape that breaks these rules (`read read` in compressed mode, a scalar taken from a
 * ciphertext's cells) could be proved; the compression argument in docs/vm.md assumes a well-typed shape. The
 * verifier therefore type-checks the public opcode shape (`shapeTypeError`) before anything else.
 */
import { type OpName, STACK_DEPTH, opByCode } from "./isa.js";

export type ItemKind = "scalar" | "ciphertext";

interface OpSignature {
  /** Kinds popped, top first. */
  readonly pops: readonly ItemKind[];
  readonly pushes?: ItemKind;
  /** What the operation needs, for error messages. */
  readonly needs?: string;
}

const TWO_SCALARS: OpSignature = { pops: ["scalar", "scalar"], pushes: "scalar", needs: "two scalars" };
const SCALAR_ON_CIPHERTEXT: OpSignature = { pops: ["scalar", "ciphertext"], pushes: "ciphertext", needs: "a scalar on top of a ciphertext" };

export const OP_SIGNATURES: Readonly<Record<OpName, OpSignature>> = Object.freeze({
  noop: { pops: [] },
  push: { pops: [], pushes: "scalar" },
  read: { pops: [], pushes: "scalar" },
  read2: { pops: [], pushes: "ciphertext" },
  add: TWO_SCALARS,
  mul: TWO_SCALARS,
  sadd: SCALAR_ON_CIPHERTEXT,
  smul: SCALAR_ON_CIPHERTEXT,
  add2: { pops: ["ciphertext", "ciphertext"], pushes: "ciphertext", needs: "two ciphertexts" },
});

/** Stack cells of a typed stack. */
export function cellCount(kinds: readonly ItemKind[], w: number): number {
  return kinds.reduce((n, k) => n + (k === "scalar" ? 1 : w), 0);
}

/**
 * One step of the type rules: the stack kinds (top first) after `op`, or why `op` cannot run on `kinds`.
 * `w` is the ciphertext width in cells.
 */
export function typeStep(op: OpName, kinds: readonly ItemKind[], w: number): { readonly kinds: readonly ItemKind[] } | { readonly error: string } {
  const sig = OP_SIGNATURES[op];
  for (const [i, want] of sig.pops.entries()) {
    const found = kinds[i];
    if (found === undefined) return { error: `stack underflow: ${op} needs ${sig.needs}, the stack ${i === 0 ? "is empty" : `holds only ${i} item`}` };
    if (found !== want) return { error: `${op} needs ${sig.needs}, found a ${found}` };
  }
  const next = [...(sig.pushes ? [sig.pushes] : []), ...kinds.slice(sig.pops.length)];
  const cells = cellCount(next, w);
  if (cells > STACK_DEPTH) return { error: `stack overflow: ${op} needs ${cells} cells, the VM has ${STACK_DEPTH}` };
  return { kinds: next };
}

/** Why a final stack is not a program's result (at least one item, at least one ciphertext among them), or undefined. */
export function finalStackError(kinds: readonly ItemKind[]): string | undefined {
  if (kinds.includes("ciphertext")) return undefined;
  return `the program must leave its outputs on the stack, at least one ciphertext; it leaves ${kinds.join(", ") || "nothing"}`;
}

/** How a program's outputs read: "2 ciphertexts, 1 scalar" (bottom of the stack first). */
export function describeKinds(kinds: readonly ItemKind[]): string {
  const count = (k: ItemKind) => kinds.filter((x) => x === k).length;
  const part = (k: ItemKind) => `${count(k)} ${k}${count(k) === 1 ? "" : "s"}`;
  return count("scalar") === 0 ? part("ciphertext") : `${kinds.join(", ")} (${part("ciphertext")}, ${part("scalar")})`;
}

/**
 * Type-checks a public opcode shape for ciphertexts of `w` cells: its outputs' kinds (the final stack, bottom first),
 * or the first step that breaks the rules and why. Unknown opcodes are errors too.
 */
export function typeShape(opcodes: readonly number[], w: number): { readonly outputs: readonly ItemKind[] } | { readonly step: number; readonly reason: string } {
  let kinds: readonly ItemKind[] = [];
  for (const [step, code] of opcodes.entries()) {
    const op = opByCode(code);
    if (op === undefined) return { step, reason: `${code} is not an opcode` };
    const next = typeStep(op, kinds, w);
    if ("error" in next) return { step, reason: next.error };
    kinds = next.kinds;
  }
  const end = finalStackError(kinds);
  return end === undefined ? { outputs: [...kinds].reverse() } : { step: opcodes.length, reason: end };
}

/** typeShape's error alone: undefined for a well-typed shape. */
export function shapeTypeError(opcodes: readonly number[], w: number): { readonly step: number; readonly reason: string } | undefined {
  const t = typeShape(opcodes, w);
  return "outputs" in t ? undefined : t;
}

/** The output kinds of a well-typed shape (bottom of the stack first); throws on an ill-typed one. */
export function outputKinds(opcodes: readonly number[], w: number): readonly ItemKind[] {
  const t = typeShape(opcodes, w);
  if ("outputs" in t) return t.outputs;
  throw new RangeError(`the shape is ill-typed at step ${t.step}: ${t.reason}`);
}
