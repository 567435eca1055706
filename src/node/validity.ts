/**
 * The thesis's "validity proof" tier (§3.2), off chain: SHA-256(jobId ‖ inputCommitment ‖ modelHash) with the
 * job id as a 32-byte big-endian integer — abi.encodePacked(uint256, bytes32, bytes32), what
 * contracts/verifiers/ValidityProofVerifier.sol computes. It shows which model and input the node *named*, not
 * that it computed anything correctly.
 */
import { createHash } from "node:crypto";
import { getBytes, toBeHex } from "ethers";

export function validityProofHash(jobId: bigint, inputCommitment: string, modelHash: string): string {
  const h = createHash("sha256");
  h.update(getBytes(toBeHex(jobId, 32)));
  h.update(getBytes(inputCommitment));
  h.update(getBytes(modelHash));
  return `0x${h.digest("hex")}`;
}
