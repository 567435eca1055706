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
import { immediateRange } from "./isa.js";

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

export function compileModel(model: Pick<QuantizedLinearModel, "circuitWeights" | "circuitConstant">, weights: WeightVisibility, modulus: bigint): CompiledModel {
  const w = model.circuitWeights;
  if (w.length === 0) throw new VmProgramError("the model has no features", 0);
  w.forEach((v, j) => {
    if (!Number.isSafeInteger(v)) throw new VmProgramError(`circuit weight ${j} (${v}) is not an integer`, 0);
  });
  if (!Number.isSafeInteger(model.circuitConstant)) throw new VmProgramError(`circuit constant ${model.circuitConstant} is not an integer`, 0);
  const bits = weightBits(w);
  const value = (v: number) => (weights === "public" ? "read" : immediateSource(BigInt(v), bits).join("\n"));
  const lines = [`# acc = Σ w_j·x_j + c over ${w.length} encrypted features; weights ${weights}`];
  w.forEach((v, j) => {
    lines.push("read2", value(v), `smul # w_${j}·x_${j}`);
    if (j > 0) lines.push("add2");
  });
  lines.push(value(model.circuitConstant), "sadd # + c");
  const source = `${lines.join("\n")}\n`;
  const program = assemble(source, weights === "private" ? { immediates: "i16", modulus } : { immediates: "u8" });
  const publicValues = weights === "public" ? [...w, model.circuitConstant].map((v) => toField(v, modulus)) : [];
  return { program, source, publicValues, weights, features: w.length };
}
