/**
 * The verifying key of an inference statement's family for the on-chain verifier (issue 16, items 2–3): every
 * statement of one model — its program shape, program hash, public values, parameter set, rows and proof options —
 * shares one key; a statement fills in its input and output lanes and the body direction (the compression
 * challenges make those differ from statement to statement). The key is generated from the VM AIR itself
 * (src/prover/verifying-key.ts): two copies of the statement's AIR with distinct marker values in those positions
 * tell the statement's data apart from the model's.
 */
import { createHash } from "node:crypto";
import type { Air } from "../air/air.js";
import { GL_P } from "../math/goldilocks.js";
import type { ProofOptions } from "../prover/options.js";
import { type VerifyingKey, publicInputValues, verifyingKey } from "../prover/verifying-key.js";
import type { SecurityPolicy } from "../prover/policy.js";
import { type InferenceStatement, inferenceAir, vmPublicInputs } from "./inference.js";
import { type VmPublicInputs, vmAir } from "./air/vm-air.js";

/** Distinct pseudo-random Goldilocks elements ≥ 2^32 (no AIR constant is that large and that random). */
function markers(label: string): () => bigint {
  let counter = 0;
  return () => {
    const d = createHash("sha256").update(`EncryptAI-verifying-key-marker/${label}/${counter++}`).digest();
    return (d.readBigUInt64LE(0) % (GL_P - (1n << 32n))) + (1n << 32n);
  };
}

function withMarkers(pub: VmPublicInputs, label: string): VmPublicInputs {
  const next = markers(label);
  return { ...pub, inputs: pub.inputs.map((ct) => ct.map(() => next())), outputs: pub.outputs.map((o) => o.map(() => next())), body: pub.body.map(() => next()) };
}

/** The key of the family of `statement` (proved with `options`), under the verifier's `policy`. */
export function inferenceVerifyingKey(statement: InferenceStatement, options: ProofOptions, policy?: SecurityPolicy): VerifyingKey {
  const pub = vmPublicInputs(statement);
  return verifyingKey(vmAir(withMarkers(pub, "a")), vmAir(withMarkers(pub, "b")), options, policy);
}

/** The statement's public inputs in the order the key and the transcript take them. */
export function inferencePublicInputs(statement: InferenceStatement): bigint[] {
  return publicInputValues(inferenceAir(statement) as Air);
}
