/**
 * The example statements by name, for the CLI, benchmarks and notebooks: build the trace and the AIR of
 * "fibonacci", "mimc" (genSTARK's MiMC over its 128-bit field, or over Goldilocks) or "rescue" (Winterfell's
 * Rescue hash chain over f128) from a step count, and rebuild the AIR from public inputs alone (the verifier).
 */
import type { Air, Trace } from "../air.js";
import type { Field } from "../../math/field.js";
import { GENSTARK_FIELD, GOLDILOCKS_FIELD } from "../../math/prime-fields.js";
import { AirError } from "../errors.js";
import { fibonacciAir, fibonacciResult, fibonacciTrace } from "./fibonacci.js";
import { mimc, mimcAir, mimcTrace } from "./mimc.js";
import { rescueHashChain } from "./rescue-hash.js";
import { rescueChainAir, rescueChainTrace } from "./rescue.js";
import { wideAir, wideTrace } from "./wide.js";

export const EXAMPLE_NAMES = ["fibonacci", "mimc", "mimc-goldilocks", "rescue", "wide32"] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

/** Public inputs as decimal strings (JSON-safe). */
export type PublicInputs = Record<string, string | readonly string[]>;

export interface ExampleStatement {
  readonly name: ExampleName;
  readonly steps: number;
  readonly publicInputs: PublicInputs;
  readonly air: Air;
}

function field(name: ExampleName): Field<bigint> {
  return name === "mimc" ? GENSTARK_FIELD : GOLDILOCKS_FIELD;
}

function check(name: string, steps: number): asserts name is ExampleName {
  if (!(EXAMPLE_NAMES as readonly string[]).includes(name)) throw new AirError(`unknown example "${name}": expected one of ${EXAMPLE_NAMES.join(", ")}`);
  if (name === "rescue") {
    if (!Number.isInteger(steps) || steps < 1 || steps > 4096 || (steps & (steps - 1)) !== 0)
      throw new AirError(`rescue: --steps is the chain length (hashes), a power of two from 1 to 4096; got ${steps}`);
  } else if (!Number.isInteger(steps) || steps < 8 || (steps & (steps - 1)) !== 0 || steps > 2 ** 22)
    throw new AirError(`${name}: --steps must be a power of two from 8 to 2^22; got ${steps}`);
}

/** The prover's side: trace and statement. */
export function exampleInstance(name: string, steps: number): { trace: Trace; statement: ExampleStatement } {
  check(name, steps);
  const F = field(name);
  if (name === "fibonacci") {
    const result = fibonacciResult(F, steps);
    return { trace: fibonacciTrace(F, steps), statement: { name, steps, publicInputs: { result: result.toString() }, air: fibonacciAir(F, steps, { result }) } };
  }
  if (name === "mimc" || name === "mimc-goldilocks") {
    const result = mimc(F, steps);
    return { trace: mimcTrace(F, steps), statement: { name, steps, publicInputs: { seed: "3", result: result.toString() }, air: mimcAir(F, steps, { seed: 3n, result }) } };
  }
  if (name === "wide32") {
    const trace = wideTrace(F, 32, steps);
    const result = trace[0]![steps - 1]!;
    return { trace, statement: { name, steps, publicInputs: { result: result.toString() }, air: wideAir(F, 32, steps, { result }) } };
  }
  const seed: [bigint, bigint] = [42n, 43n];
  const result = rescueHashChain(seed, steps);
  return {
    trace: rescueChainTrace(seed, steps),
    statement: { name, steps, publicInputs: { seed: seed.map(String), result: result.map(String) }, air: rescueChainAir(steps, { seed, result }) },
  };
}

/** The verifier's side: the AIR from the example name, the step count and the claimed public inputs. */
export function exampleAir(name: string, steps: number, pub: PublicInputs): Air {
  check(name, steps);
  const F = field(name);
  const num = (k: string): bigint => {
    const v = pub[k];
    if (typeof v !== "string" || !/^[0-9]+$/.test(v)) throw new AirError(`public input "${k}" must be a decimal integer, got ${JSON.stringify(v)}`);
    return BigInt(v);
  };
  const pair = (k: string): [bigint, bigint] => {
    const v = pub[k];
    if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "string" && /^[0-9]+$/.test(x))) throw new AirError(`public input "${k}" must be two decimal integers`);
    return [BigInt(v[0]!), BigInt(v[1]!)];
  };
  if (name === "fibonacci") return fibonacciAir(F, steps, { result: num("result") });
  if (name === "mimc" || name === "mimc-goldilocks") return mimcAir(F, steps, { seed: num("seed"), result: num("result") });
  if (name === "wide32") return wideAir(F, 32, steps, { result: num("result") });
  return rescueChainAir(steps, { seed: pair("seed"), result: pair("result") });
}
