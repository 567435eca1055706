/**
 * Turns errors into a one-line message and an exit code: known input errors (bad parameters, files,
 * keys) exit 2 with their message; anything unexpected exits 70 with a short note (stack with
 * ENCRYPTAI_DEBUG=1). Never a raw crash trace.
 */
import { LweError } from "../lwe/errors.js";
import { RegressionError } from "../regression/errors.js";
import { MarketError } from "../market/errors.js";
import { ChainError } from "../chain/anvil.js";
import { AirError } from "../air/errors.js";
import { ProverError } from "../prover/errors.js";
import { MathError } from "../math/errors.js";
import { EstimatorParameterError } from "../lwe/estimator/index.js";
import { UnsupportedModulusError } from "../math/moduli.js";
import { VmExecutionError, VmProgramError, VmStatementError, WeightsExposureError } from "../vm/errors.js";
import { UnknownPolicyError } from "../prover/policy.js";
import { NodeError } from "../node/errors.js";
import { StorageError } from "../storage/store.js";
import { FileWriteError } from "../io/atomic-write.js";

export class CliUsageError extends Error {}

export function isInputError(e: unknown): e is Error {
  return (
    e instanceof LweError ||
    e instanceof RegressionError ||
    e instanceof MarketError ||
    e instanceof ChainError ||
    e instanceof AirError ||
    e instanceof ProverError ||
    e instanceof MathError ||
    (e instanceof Error && e.name === "ProofOptionsError") ||
    e instanceof EstimatorParameterError ||
    e instanceof UnsupportedModulusError ||
    e instanceof CliUsageError ||
    e instanceof VmProgramError ||
    e instanceof VmExecutionError ||
    e instanceof VmStatementError ||
    e instanceof WeightsExposureError ||
    e instanceof UnknownPolicyError ||
    e instanceof NodeError ||
    e instanceof StorageError ||
    e instanceof FileWriteError ||
    (e instanceof Error && "code" in e && typeof (e as NodeJS.ErrnoException).code === "string" && (e as NodeJS.ErrnoException).syscall !== undefined)
  );
}

/** Runs an action; prints a clean error and sets the exit code on failure. */
export async function guarded(action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (e) {
    if (isInputError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (process.env.ENCRYPTAI_DEBUG) process.stderr.write(`${(e as Error).stack ?? ""}\n`);
      else process.stderr.write("(set ENCRYPTAI_DEBUG=1 for the stack trace)\n");
      process.exitCode = 70;
    }
  }
}
