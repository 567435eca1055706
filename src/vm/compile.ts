/**
 * Compiles a quantised linear model (src/regression, model files) into a VM program with the thesis's shape
 * (examples/linear_regression/lr.txt): acc = Σ_j w̃_j·x_j + c as
 *
 *   read2  W  smul            (feature 0)
 *   read2  W  smul  add2      (each further feature)
 *   C  sadd                   (the constant)
 *
 * where W, C are `read` (weights public: the verifier sees them as public values) or `push.w` (weights private:
 * immediates committed by the program hash — salt it — and hidden by a zero-knowledge proof; a constant wider than
 * the weights is built from several pushes, `immediateSource`, so the statement's immediate width stays the
 * weights' and the noise bound of the output stays tight). Integer weights
 * become field elements (negative w as p − |w|), which is the arithmetic the LWE scheme needs: decrypting the
 * output gives acc mod t, exactly what `encryptedPredict` computes.
 */
import type { QuantizedLinearModel } from "../regression/quantized-model.js";
import { type Program, assemble } from "./assembler.js";
import { VmProgramError } from "./errors.js";
import { STACK_DEPTH, immediateRange } from "./isa.js";

export type WeightVisibility = "public" | "private";

export interface CompiledModel {
  readonly program: Program;
  /** The assembly source (what `encryptai assemble` reads). */
  readonly source: string;
  /** Values the program reads (weights then constant) when the weights are public; empty when private. */
  readonly publicValues: readonly bigint[];
  readonly weights: WeightVisibility;
  /** Input ciphertexts the program reads: one per feature. */
  readonly features: number;
}

/** An integer as a field element (negative → p − |v|). */
export function toField(v: number | bigint, p: bigint): bigint {
  const b = BigInt(v);
  if (b <= -p || b >= p) throw new VmProgramError(`integer ${b} does not fit the field (|v| < p)`, 0);
  return ((b % p) + p) % p;
}

/** Immediate width of compiled private weights: the narrowest even width holding them, at least 4. */
function weightBits(weights: readonly number[]): number {
  let bits = 4;
  while (bits < 16 && weights.some((w) => BigInt(w) < immediateRange(bits).min || BigInt(w) > immediateRange(bits).max)) bits += 2;
  return bits;
}

/**
 * Assembly that leaves the integer v on the stack as a scalar: `push.v` when v is a b-bit immediate, else Horner's
 * rule over base-2^(b−2) digits, `push.d_k (push.2^(b−2) mul push.d_i add)*`, each digit carrying v's sign — so a
 * wide constant never widens the statement's immediate range (isa.ts), which bounds the output's noise.
 */
export function immediateSource(v: bigint, bits: number): string[] {
  const { min, max } = immediateRange(bits);
  if (v >= min && v <= max) return [`push.${v}`];
  const base = 1n << BigInt(bits - 2);
  const sign = v < 0n ? -1n : 1n;
  const digits: bigint[] = [];
  for (let m = sign * v; m > 0n; m /= base) digits.unshift(sign * (m % base));
  return [`push.${digits[0]}`, ...digits.slice(1).flatMap((d) => [`push.${base}`, "mul", ...(d === 0n ? [] : [`push.${d}`, "add"])])];
}

/** One score's assembly lines, acc = Σ w_j·x_j + c, reading the row's f input ciphertexts. */
function scoreLines(model: Pick<QuantizedLinearModel, "circuitWeights" | "circuitConstant">, value: (v: number) => string, label: string): string[] {
  const w = model.circuitWeights;
  if (w.length === 0) throw new VmProgramError("the model has no features", 0);
  w.forEach((v, j) => {
    if (!Number.isSafeInteger(v)) throw new VmProgramError(`${label}circuit weight ${j} (${v}) is not an integer`, 0);
  });
  if (!Number.isSafeInteger(model.circuitConstant)) throw new VmProgramError(`${label}circuit constant ${model.circuitConstant} is not an integer`, 0);
  const lines: string[] = [];
  w.forEach((v, j) => {
    lines.push("read2", value(v), `smul # w_${j}·x_${j}`);
    if (j > 0) lines.push("add2");
  });
  lines.push(value(model.circuitConstant), "sadd # + c");
  return lines;
}

function compileScores(scores: readonly Pick<QuantizedLinearModel, "circuitWeights" | "circuitConstant">[], weights: WeightVisibility, modulus: bigint, title: string): CompiledModel {
  const bits = weightBits(scores.flatMap((m) => m.circuitWeights));
  const value = (v: number) => (weights === "public" ? "read" : immediateSource(BigInt(v), bits).join("\n"));
  const lines = [title, ...scores.flatMap((m, c) => [...(scores.length > 1 ? [`# class score ${c}`] : []), ...scoreLines(m, value, scores.length > 1 ? `class ${c}: ` : "")])];
  const source = `${lines.join("\n")}\n`;
  const program = assemble(source, weights === "private" ? { immediates: "i16", modulus } : { immediates: "u8" });
  const publicValues = weights === "public" ? scores.flatMap((m) => [...m.circuitWeights, m.circuitConstant]).map((v) => toField(v, modulus)) : [];
  return { program, source, publicValues, weights, features: scores[0]!.circuitWeights.length };
}

export function compileModel(model: Pick<QuantizedLinearModel, "circuitWeights" | "circuitConstant">, weights: WeightVisibility, modulus: bigint): CompiledModel {
  return compileScores([model], weights, modulus, `# acc = Σ w_j·x_j + c over ${model.circuitWeights.length} encrypted features; weights ${weights}`);
}

/**
 * The most class scores a program can leave on the 16-cell stack for ciphertexts of w cells: while the last score
 * is computed, the k − 1 finished ones lie under its accumulator, the next input and a scalar.
 */
export function maxProvedClasses(w: number): number {
  return Math.floor((STACK_DEPTH - 1 - w) / w);
}

/**
 * A linear classifier's program (issue 15, item 2): the k class scores one after the other, each reading the row
 * again, so the program reads k·f input ciphertexts — the row's f, once per score (`classifierTape`) — and leaves
 * the k scores on the stack, score 0 at the bottom: the statement's outputs in class order. The user decrypts them
 * and applies the sigmoid or the argmax on their side. At most `maxProvedClasses(w)` scores fit the stack.
 */
export function compileClassifier(scores: readonly Pick<QuantizedLinearModel, "circuitWeights" | "circuitConstant">[], weights: WeightVisibility, modulus: bigint, ciphertextCells: number): CompiledModel {
  if (scores.length === 0) throw new VmProgramError("the classifier has no class score", 0);
  const max = maxProvedClasses(ciphertextCells);
  if (scores.length > max)
    throw new VmProgramError(
      `a ${scores.length}-class classifier leaves ${scores.length} ciphertexts of ${ciphertextCells} cells; the VM's ${STACK_DEPTH} cells hold at most ${max} scores while the last is computed: prove at most ${max} classes (evaluate it encrypted without a proof)`,
      0,
    );
  const f = scores[0]!.circuitWeights.length;
  scores.forEach((m, c) => {
    if (m.circuitWeights.length !== f) throw new VmProgramError(`class score ${c} has ${m.circuitWeights.length} features, score 0 has ${f}`, 0);
  });
  return compileScores(scores, weights, modulus, `# ${scores.length} class scores s_c = Σ w_cj·x_j + c_c over ${f} encrypted features (the row read once per score); weights ${weights}`);
}

/** A classifier program's input tape: the row's ciphertexts once per class score. */
export function classifierTape<C>(row: readonly C[], classes: number): C[] {
  return Array.from({ length: classes }, () => row).flat();
}
