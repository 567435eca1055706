/**
 * Which backend (backend.ts) proves over a field: Goldilocks → `goldilocks`, a 128-bit prime of the kernels' form
 * (f128, genSTARK's) → `f128`, any other prime → `bigint`. A caller may name one (ProveOptions.backend), and
 * `setFastPolyOps(false)` sends everything to the bigint reference (cross-checks, the notebook's comparison).
 */
import type { Field, PrimeField } from "../../math/field.js";
import { GL_P } from "../../math/goldilocks.js";
import { vectorOpsFor } from "../../math/vector-ops.js";
import { ProverError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { bigintBackend } from "./bigint-backend.js";
import { f128Backend } from "./f128-backend.js";
import { GOLDILOCKS_BACKEND } from "./goldilocks-backend.js";

export type { Backend, BackendName } from "./backend.js";
export { type Ext, ExtVectors } from "./ext-vectors.js";

export const BACKEND_NAMES: readonly BackendName[] = ["bigint", "goldilocks", "f128"];

let fastEnabled = true;
/** Turns the typed backends off (everything on the bigint reference, for cross-checks); returns the previous setting. */
export function setFastPolyOps(on: boolean): boolean {
  const before = fastEnabled;
  fastEnabled = on;
  return before;
}

/** True unless the typed backends are switched off (`setFastPolyOps(false)`). */
export function fastPolyOpsEnabled(): boolean {
  return fastEnabled;
}

/** The backends that can compute over F (bigint always). */
export function backendsFor(F: Field<bigint>): BackendName[] {
  if (F.degree !== 1) return [];
  if (F.characteristic === GL_P) return ["bigint", "goldilocks"];
  return vectorOpsFor(F) ? ["bigint", "f128"] : ["bigint"];
}

/** The named backend over F, or the fastest one available; ProverError when the named one cannot compute over F. */
export function backendFor(F: Field<bigint>, name?: BackendName): Backend<unknown> {
  const available = backendsFor(F);
  const chosen = name ?? (fastEnabled ? available.at(-1) : "bigint");
  if (chosen === undefined || !available.includes(chosen))
    throw new ProverError(
      `the ${String(chosen)} backend cannot compute over ${F.name}${BACKEND_NAMES.includes(chosen as BackendName) ? "" : ` (backends: ${BACKEND_NAMES.join(", ")})`}; it has: ${available.join(", ") || "none (not a prime field)"}`,
    );
  if (chosen === "goldilocks") return GOLDILOCKS_BACKEND as Backend<unknown>;
  if (chosen === "f128") return f128Backend(F as PrimeField) as Backend<unknown>;
  return bigintBackend(F) as Backend<unknown>;
}
