/**
 * The noise bound of a proved output, from its verified statement alone (issue "Sound from model to payment",
 * item 6). The output ciphertext comes from the node; the provenance its file carries is the node's claim. What
 * the decrypting user can trust is the statement the proof was verified against: the public shape, the public
 * values, and — because the AIR range-checks every push immediate to the statement's width b, −2^(b−1) … 2^(b−1) − 1
 * (isa.ts) — a bound on the private weights. Running the shape on bounds instead of values gives, for each input ciphertext j, a bound
 * B_j ≥ |c_j| on its net coefficient in the output, and a bound on the plaintext constants added (sadd):
 *
 *   read k: |k| (centred)   push: 2^(b−1)   add: a + b   mul: a·b          (scalars: bounds on |value|)
 *   read2 j: B = e_j, P = 0   smul k: B·k, P·k   sadd k: P + k   add2: B + B', P + P'
 *
 * Every input is taken as a fresh public-key encryption (the larger fresh noise), so the prediction
 * Var ≤ Σ B_j²·Var_fresh and drift ≤ (q mod t)·(Σ B_j + P + 1) bounds the true noise whatever the private weights
 * were. A scalar bound reaching p/2 would let a field element wrap: no bound follows, and the statement is refused.
 */
import { type Ciphertext, type CircuitNorms, type KeyNoiseStats, type LweParams, type NoisePrediction, NoiseBudgetError, type SecretKey, UnverifiedNoiseError, decrypt, ownKeyNoiseStats, predictCircuitNoise } from "../lwe/index.js";
import { modulusOf } from "../lwe/params.js";
import { VmStatementError } from "./errors.js";
import type { InferenceStatement } from "./inference.js";
import { immediateRange, opByCode } from "./isa.js";

export interface CircuitBound {
  /** B_j ≥ |c_j|: the net coefficient of input ciphertext j in the output. */
  readonly coefficients: readonly bigint[];
  /** A bound on Σ|k| of the plaintext constants the output carries. */
  readonly plainWeight: bigint;
}

type Item = { readonly kind: "scalar"; readonly bound: bigint } | { readonly kind: "ciphertext"; readonly coefficients: readonly bigint[]; readonly plainWeight: bigint };

/** circuitBounds for a shape that leaves exactly one ciphertext (the thesis's programs). */
export function circuitBound(params: LweParams, opcodes: readonly number[], publicValues: readonly bigint[], inputs: number, immediateBits: number): CircuitBound {
  const bounds = circuitBounds(params, opcodes, publicValues, inputs, immediateBits);
  if (bounds.length !== 1) throw new VmStatementError("opcodes", `the shape leaves ${bounds.length} ciphertexts: each has its own bound (circuitBounds)`);
  return bounds[0]!;
}

/**
 * Runs a (type-checked) shape on bounds: one bound per ciphertext the shape leaves (bottom of the stack first).
 * `publicValues` are the statement's, as field elements; `inputs` the number of input ciphertexts one run reads.
 */
export function circuitBounds(params: LweParams, opcodes: readonly number[], publicValues: readonly bigint[], inputs: number, immediateBits: number): CircuitBound[] {
  const p = modulusOf(params).q;
  const half = p / 2n;
  const centred = (v: bigint) => (v > half ? p - v : v);
  const checked = (b: bigint, step: number) => {
    if (b >= half) throw new VmStatementError("opcodes", `no noise bound: at step ${step} a scalar may reach ${b}, beyond p/2, where field elements wrap`);
    return b;
  };
  let stack: Item[] = [];
  let nextValue = 0;
  let nextInput = 0;
  const pop = <K extends Item["kind"]>(kind: K, step: number): Extract<Item, { kind: K }> => {
    const top = stack[0];
    if (top?.kind !== kind) throw new VmStatementError("opcodes", `no noise bound: step ${step} is ill-typed`);
    stack = stack.slice(1);
    return top as Extract<Item, { kind: K }>;
  };
  opcodes.forEach((code, step) => {
    const op = opByCode(code);
    switch (op) {
      case "noop":
        return;
      case "push":
        stack.unshift({ kind: "scalar", bound: -immediateRange(immediateBits).min });
        return;
      case "read": {
        const v = publicValues[nextValue++];
        if (v === undefined) throw new VmStatementError("publicValues", `no noise bound: step ${step} reads a public value the statement does not have`);
        stack.unshift({ kind: "scalar", bound: centred(v) });
        return;
      }
      case "read2": {
        const j = nextInput++;
        if (j >= inputs) throw new VmStatementError("inputs", `no noise bound: step ${step} reads an input ciphertext the statement does not have`);
        stack.unshift({ kind: "ciphertext", coefficients: Array.from({ length: inputs }, (_, i) => (i === j ? 1n : 0n)), plainWeight: 0n });
        return;
      }
      case "add":
      case "mul": {
        const a = pop("scalar", step).bound;
        const b = pop("scalar", step).bound;
        stack.unshift({ kind: "scalar", bound: checked(op === "add" ? a + b : a * b, step) });
        return;
      }
      case "sadd":
      case "smul": {
        const k = pop("scalar", step).bound;
        const ct = pop("ciphertext", step);
        const smul = op === "smul";
        stack.unshift({
          kind: "ciphertext",
          coefficients: smul ? ct.coefficients.map((c) => checked(c * k, step)) : ct.coefficients,
          plainWeight: checked(smul ? ct.plainWeight * k : ct.plainWeight + k, step),
        });
        return;
      }
      case "add2": {
        const a = pop("ciphertext", step);
        const b = pop("ciphertext", step);
        stack.unshift({ kind: "ciphertext", coefficients: a.coefficients.map((c, i) => checked(c + b.coefficients[i]!, step)), plainWeight: checked(a.plainWeight + b.plainWeight, step) });
        return;
      }
      default:
        throw new VmStatementError("opcodes", `no noise bound: step ${step} has no operation ${code}`);
    }
  });
  const outputs = stack.flatMap((it) => (it.kind === "ciphertext" ? [{ coefficients: it.coefficients, plainWeight: it.plainWeight }] : [])).reverse();
  if (outputs.length === 0) throw new VmStatementError("opcodes", "no noise bound: the shape leaves no ciphertext");
  return outputs;
}

/** The circuit's norms for the noise analysis (every input a fresh public-key encryption). */
export function boundNorms(b: CircuitBound): CircuitNorms {
  const squares = b.coefficients.reduce((s, c) => s + c * c, 0n);
  const l1 = b.coefficients.reduce((s, c) => s + c, 0n);
  return { public: Number(squares), secret: 0, l1: Number(l1), plainWeight: Number(b.plainWeight) };
}

type NoiseStatement = Pick<InferenceStatement, "params" | "opcodes" | "publicValues" | "inputs" | "immediateBits"> & { readonly rows?: number };

/**
 * The noise predictions of a verified statement's outputs, one per ciphertext a row leaves (a batch's rows share
 * them: the same shape on each row's own inputs), for `decrypt(sk, output, { noise })`. Pass only a statement a
 * proof was verified against (statement.ts `verifyAgainstTrusted` returns it).
 */
export function statementNoises(s: NoiseStatement, key?: KeyNoiseStats): NoisePrediction[] {
  const rows = s.rows ?? 1;
  return circuitBounds(s.params, s.opcodes, s.publicValues, s.inputs.length / rows, s.immediateBits).map((b) => predictCircuitNoise(s.params, boundNorms(b), key));
}

/** statementNoises of one output (default the first: the thesis's one). */
export function statementNoise(s: NoiseStatement, key?: KeyNoiseStats, output = 0): NoisePrediction {
  const all = statementNoises(s, key);
  const p = all[output];
  if (p === undefined) throw new VmStatementError("outputs", `the shape leaves ${all.length} ciphertexts per row, no output ${output}`);
  return p;
}

/** Whether a ciphertext's provenance, computed in this process, is one fresh encryption (coefficient ±1, no constant). */
function freshInProcess(ct: Ciphertext): boolean {
  if (ct.origin !== "in-process" || ct.terms.size !== 1 || ct.plainWeight !== 0) return false;
  const [term] = ct.terms.values();
  return Math.abs(term!.coefficient) === 1 && term!.kind !== "trivial";
}

/**
 * The user's decryption of a verified statement's outputs (every row's, in order): checks first that every input is
 * a fresh encryption — the assumption `statementNoises` rests on — by its provenance when this process made it,
 * else by its residual noise under the user's key (encrypt.ts: a file's ciphertext must show a fresh encryption's
 * noise); a chained result as input is refused, naming it. Then decrypts each output under its bound. Pass only a
 * statement a proof was verified against.
 */
export function decryptVerifiedOutputs(sk: SecretKey, s: NoiseStatement & Pick<InferenceStatement, "outputs">): bigint[] {
  s.inputs.forEach((ct, i) => {
    if (freshInProcess(ct)) return;
    try {
      if (ct.origin === "in-process") throw new UnverifiedNoiseError("its provenance is not one fresh encryption");
      decrypt(sk, ct);
    } catch (e) {
      if (!(e instanceof NoiseBudgetError)) throw e;
      throw new UnverifiedNoiseError(`input ciphertext ${i} is not a fresh encryption (${e.message}): the statement's noise bound assumes fresh inputs; decrypt a chained result with a bound that accounts for its own circuit`);
    }
  });
  // the key owner decrypts under its own key's noise (‖e‖², Σe, ‖s‖²), not the average key's
  const noises = statementNoises(s, ownKeyNoiseStats(sk));
  return s.outputs.map((ct, j) => decrypt(sk, ct, { noise: noises[j % noises.length]! }));
}

/** decryptVerifiedOutputs of a statement with one output (the thesis's: one row, one ciphertext). */
export function decryptVerifiedOutput(sk: SecretKey, s: NoiseStatement & Pick<InferenceStatement, "outputs">): bigint {
  if (s.outputs.length !== 1) throw new VmStatementError("outputs", `the statement has ${s.outputs.length} outputs: decrypt them with decryptVerifiedOutputs`);
  return decryptVerifiedOutputs(sk, s)[0]!;
}
