/**
 * The model whose proofs the on-chain verifier's keys, tests and gas bench use (issue 16): the cars regression
 * (Auto MPG, 5 features, 8-bit quantisation, public weights — the CLI's default model) at goldilocks-128, its inputs
 * encrypted under a seeded key. The statement's lanes differ from seed to seed; its key (src/vm/onchain-key.ts) does
 * not.
 */
import { encryptMany, getParams, keygen, modulusOf, seededRandom } from "../lwe/index.js";
import type { ProofOptions } from "../prover/index.js";
import { ONCHAIN_OPTIONS } from "../prover/index.js";
import { DATASETS, loadDataset, quantizeRow, trainLinearRegression } from "../regression/index.js";
import { compileModel } from "./compile.js";
import { type InferenceStatement, proveInference } from "./inference.js";

/**
 * The first `rows` cars rows encrypted under a key seeded by `seed`, and their proof with `options`. With private
 * weights (`weights: "private"`) the program pushes its weights, the model commitment carries a salt derived from
 * the seed, and the options must have zero knowledge.
 */
export function carsInferenceProof(options: ProofOptions, seed: string, rows = 1, weights: "public" | "private" = "public"): { statement: InferenceStatement; proof: Uint8Array } {
  const params = getParams("goldilocks-128");
  const d = DATASETS.cars!;
  const { model, data } = trainLinearRegression(loadDataset("cars"), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
  const compiled = compileModel(model.quantized, weights, modulusOf(params).q);
  const keys = keygen(params, seededRandom(`${seed}/keys`));
  const inputs = encryptMany(keys.publicKey, data.x.slice(0, rows).flatMap((x) => quantizeRow(model.quantized, x)), seededRandom(`${seed}/inputs`));
  const salt = weights === "private" ? ([11n, 22n, 33n, BigInt(seed.length)] as const) : undefined;
  const p = proveInference(compiled.program, params, compiled.publicValues, inputs, {
    proofOptions: options,
    ...(rows > 1 ? { rows } : {}),
    ...(salt ? { salt, random: seededRandom(`${seed}/zk`) } : {}),
  });
  return { statement: p.statement, proof: p.proof };
}

/** A statement of the cars model's one-row family (for its verifying key). */
export function carsOnchainStatement(): InferenceStatement {
  return carsInferenceProof(ONCHAIN_OPTIONS, "cars-onchain-key").statement;
}
