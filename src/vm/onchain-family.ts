/**
 * What a model registers with the on-chain verifier (contracts/verifiers/stark/StarkInferenceVerifier.sol; issue 16,
 * items 2 and 5): its verifying key (onchain-key.ts) and its family — everything the contract needs to rebuild a
 * job's statement from the job's files alone:
 *
 *   - the keccak256 of the parameter set's canonical JSON (the ciphertext files' header must carry it);
 *   - the compression binding's fixed prefix (compress.ts `bindingBytes` up to the ciphertexts: parameters, shape,
 *     program hash, public values, rows, counts), after which the contract appends the files' ciphertexts;
 *   - the counts: elements per ciphertext (n + 1), lanes, rows, ciphertexts per row in the input file, times the
 *     program reads a row (a classifier: once per class score), output ciphertexts per row.
 *
 * Everything here follows from the committed model (the manifest the ModelNFT binds) and the proof options, so the
 * user before requesting a job and the node before accepting one recompute it and compare its hash with the
 * registration on chain: the contract trusts the registration, its users check it.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { canonicalParams, encryptMany, keygen, seededRandom } from "../lwe/index.js";
import { ONCHAIN_OPTIONS, ONCHAIN_ZK_OPTIONS, type ProofOptions } from "../prover/options.js";
import type { SecurityPolicy } from "../prover/policy.js";
import type { VerifyingKey } from "../prover/verifying-key.js";
import { bindingBytes } from "./compress.js";
import { VmStatementError } from "./errors.js";
import { ciphertextCells, compressionBinding, hashSpecFor, requiredMode } from "./inference.js";
import { OPCODES } from "./isa.js";
import { inferenceVerifyingKey } from "./onchain-key.js";
import { typeShape } from "./shape-types.js";
import { type CommittedModel, trustedStatement } from "./statement.js";

export interface OnchainFamily {
  /** keccak256 of the parameter set's canonical JSON (0x hex). */
  readonly paramsHash: string;
  readonly prefix: Uint8Array;
  readonly elements: number;
  readonly lanes: number;
  readonly rows: number;
  readonly rowInputs: number;
  readonly repeats: number;
  readonly rowOutputs: number;
}

export interface OnchainRegistration {
  readonly key: VerifyingKey;
  readonly family: OnchainFamily;
  /** The options a node proves this model's jobs with (the key's). */
  readonly options: ProofOptions;
}

/** The on-chain options for a model: zero knowledge for private weights. */
export function onchainProofOptions(zeroKnowledge: boolean): ProofOptions {
  return zeroKnowledge ? ONCHAIN_ZK_OPTIONS : ONCHAIN_OPTIONS;
}

/**
 * The registration of `model` for jobs of `rows` rows (default 1), proved with zero knowledge when its weights are
 * private. A model the on-chain verifier cannot judge — an uncompressed parameter set, a field other than
 * Goldilocks, scalar outputs — is refused, naming why.
 */
export function onchainRegistration(model: CommittedModel, o: { readonly zeroKnowledge: boolean; readonly rows?: number; readonly policy?: SecurityPolicy }): OnchainRegistration {
  const params = model.params;
  const mode = requiredMode(params);
  if (mode === "raw") throw new VmStatementError("params", `parameter set "${params.id}" keeps ciphertexts uncompressed; the on-chain verifier takes compressed lanes`);
  if (hashSpecFor(params).field.byteLength !== 8) throw new VmStatementError("params", `parameter set "${params.id}" is not over Goldilocks; the on-chain verifier is`);
  const rows = o.rows ?? 1;
  const reads = model.opcodes.filter((c) => c === OPCODES.read2).length;
  const rowInputs = model.rowInputs ?? reads;
  const typed = typeShape(model.opcodes, ciphertextCells(params, mode));
  if (!("outputs" in typed)) throw new VmStatementError("opcodes", `the program shape is ill-typed at step ${typed.step}: ${typed.reason}`);
  if (typed.outputs.some((k) => k === "scalar")) throw new VmStatementError("opcodes", "the program leaves scalar outputs; the on-chain verifier binds ciphertext outputs only");
  const rowOutputs = typed.outputs.length;
  // a statement of the family under a throwaway key: the key replaces its lanes with markers, the prefix stops
  // before its ciphertexts, so neither depends on these encryptions
  const keys = keygen(params, seededRandom("onchain-family/keys"));
  const inputs = encryptMany(keys.publicKey, new Array<number>(rows * rowInputs).fill(0), seededRandom("onchain-family/inputs"));
  const outputs = encryptMany(keys.publicKey, new Array<number>(rows * rowOutputs).fill(0), seededRandom("onchain-family/outputs"));
  const options = onchainProofOptions(o.zeroKnowledge);
  const statement = trustedStatement({ model, inputs }, { outputs, scalarOutputs: [] }, options);
  const key = inferenceVerifyingKey(statement, options, o.policy);
  const F = hashSpecFor(params).field;
  const cells = (ct: (typeof inputs)[number]) => ct.data.subarray(0, 2 * (params.n + 1));
  const binding = bindingBytes(F, compressionBinding(statement, statement.inputs.map(cells), statement.outputs.map(cells)));
  const prefix = binding.slice(0, binding.length - (statement.inputs.length + statement.outputs.length) * 8 * (params.n + 1));
  const paramsHash = `0x${Buffer.from(keccak_256(new TextEncoder().encode(canonicalParams(params)))).toString("hex")}`;
  return {
    key,
    options,
    family: { paramsHash, prefix, elements: params.n + 1, lanes: mode, rows, rowInputs, repeats: reads / rowInputs, rowOutputs },
  };
}

/**
 * Why the on-chain verifier would refuse `file` as a job's input under `family`, or undefined: the contract reads
 * format version 2, the parameter JSON byte for byte as the registration names it, and exactly the registration's
 * rows of ciphertexts (CiphertextFile.sol). The TypeScript loader is more lenient (version 1, any JSON spelling of the
 * parameter set, any whole number of rows), so a user checks this before paying and a node before accepting: a job
 * whose input the contract refuses can never be settled.
 */
export function onchainInputError(file: Uint8Array, family: Pick<OnchainFamily, "paramsHash" | "rows" | "rowInputs">): string | undefined {
  if (file.length < 9 + 16 + 4 + 32 || file[4] !== 2) return "the on-chain verifier reads ciphertext files of format version 2 only";
  const len = file[7]! | (file[8]! << 8);
  if (9 + len + 20 > file.length) return "the ciphertext file is truncated";
  if (`0x${Buffer.from(keccak_256(file.subarray(9, 9 + len))).toString("hex")}` !== family.paramsHash.toLowerCase())
    return "the file's parameter set is not written as the registration's canonical JSON (the on-chain verifier compares it byte for byte)";
  const count = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(9 + len + 16, true);
  const expected = family.rows * family.rowInputs;
  if (count !== expected) return `the file holds ${count} ciphertexts; the model's on-chain registration takes ${family.rows} row${family.rows === 1 ? "" : "s"} of ${family.rowInputs} (${expected})`;
  return undefined;
}
