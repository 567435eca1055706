/**
 * Test kit (not part of the library's API): the thesis's example — programs/thesis-lr.txt, public values
 * b1..b4 = 3, 2, 4, 2 and b0 = 1, inputs x = 2, 3, 3, 2 encrypted at "thesis-u8" (29 after decryption) — with
 * its raw ciphertext cells and a trace builder, shared by the VM, AIR and inspector tests.
 */
import { readFileSync } from "node:fs";
import { encrypt, getParams, keygen, seededRandom } from "../lwe/index.js";
import { assemble } from "./assembler.js";
import { lweAlgebra } from "./executor.js";
import { type VmRun, vmTrace } from "./trace.js";

export function thesisExample(seed: string) {
  const params = getParams("thesis-u8");
  const rnd = seededRandom(seed);
  const { publicKey, secretKey } = keygen(params, rnd);
  const alg = lweAlgebra(params);
  const ciphertexts = [2, 3, 3, 2].map((v) => encrypt(publicKey, v, rnd));
  const cells = ciphertexts.map((c) => alg.cells(c));
  const program = assemble(readFileSync("programs/thesis-lr.txt", "utf8"));
  const weights = [3n, 2n, 4n, 2n, 1n];
  /** Raw ciphertexts: the body is the last of the n + 1 = 5 cells. */
  const body = [0n, 0n, 0n, 0n, 1n];
  const trace = (over: Partial<VmRun> = {}): ReturnType<typeof vmTrace> => vmTrace({ program, publicValues: weights, inputs: cells, delta: params.delta, body, ...over });
  return { params, rnd, publicKey, secretKey, alg, ciphertexts, cells, program, weights, body, trace };
}
