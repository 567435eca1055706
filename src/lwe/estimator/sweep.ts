/**
 * Parameter sweeps: the estimate over the product of lists of n, log2 q, secret, error and m, one row per
 * (point × cost model) with every attack's cost, the minimum and the attack that sets it (issue "LWE lab 2",
 * item 4). The product is counted and checked against MAX_SWEEP_ROWS before anything is estimated.
 */
import type { CostModelName } from "./cost-models.js";
import type { Distribution } from "./distributions.js";
import { EstimatorParameterError } from "./errors.js";
import { type AttackName, type EstimateOptions, estimate } from "./estimate.js";

/** Most rows a sweep may produce (points × models). */
export const MAX_SWEEP_ROWS = 20_000;

/** The axes of a sweep; every combination is estimated. m = "n" means m = n at each point. */
export interface SweepAxes {
  readonly n: readonly number[];
  readonly logQ: readonly number[];
  readonly secret: readonly Distribution[];
  readonly error: readonly Distribution[];
  readonly m?: readonly (number | "n")[];
}

/** One point under one cost model. Costs are log2; an attack that does not apply is +∞. */
export interface SweepRow {
  readonly n: number;
  readonly logQ: number;
  readonly secret: Distribution;
  readonly error: Distribution;
  readonly m: number;
  readonly model: CostModelName;
  /** The cheapest attack's cost: the security in bits under `model`. */
  readonly bits: number;
  /** The attack that sets it. */
  readonly limitedBy: AttackName;
  /** Every attack's cost at this point (cheapest over its parameters). */
  readonly attacks: Readonly<Partial<Record<AttackName, number>>>;
}

function axis<T>(name: string, values: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(values) || values.length === 0) throw new EstimatorParameterError(`sweep axis ${name}: expected a non-empty list of values`);
  return values;
}

/** Estimate every combination of the axes under every requested model (default: all models, all attacks). */
export function sweep(axes: SweepAxes, options: EstimateOptions = {}): SweepRow[] {
  const ns = axis("n", axes.n);
  const logQs = axis("logQ", axes.logQ);
  const secrets = axis("secret", axes.secret);
  const errors = axis("error", axes.error);
  const ms = axes.m === undefined ? (["n"] as const) : axis("m", axes.m);
  const models = options.models?.length ?? 4;
  const rows = ns.length * logQs.length * secrets.length * errors.length * ms.length * models;
  if (rows > MAX_SWEEP_ROWS)
    throw new EstimatorParameterError(`sweep of ${rows} rows (points × models): more than the ${MAX_SWEEP_ROWS} a sweep may have; narrow a range`);
  const out: SweepRow[] = [];
  for (const n of ns)
    for (const logQ of logQs)
      for (const secret of secrets)
        for (const error of errors)
          for (const mAxis of ms) {
            const m = mAxis === "n" ? n : mAxis;
            const report = estimate({ n, logQ, secret, error, m }, options);
            for (const min of report.minimum) {
              const attacks: Partial<Record<AttackName, number>> = {};
              for (const r of report.results) if (r.model === min.model) attacks[r.attack] = Math.min(r.rop, attacks[r.attack] ?? Infinity);
              out.push({ n, logQ, secret, error, m, model: min.model, bits: min.rop, limitedBy: min.attack, attacks });
            }
          }
  return out;
}
