/**
 * Turns errors into a one-line message and an exit code (issue 18, item 5: distinct, documented codes):
 *
 *   0  ok
 *   1  a negative verdict: an INVALID proof, a failed check (set by the command, never by an error)
 *   2  usage or bad input: unknown flag, bad value, unreadable or malformed file, an output that cannot be written
 *   3  runtime failure: chain or RPC endpoint unreachable, anvil failing, an unexpected internal error
 *
 * Known input errors print their message; anything unexpected prints a short note (stack with ENCRYPTAI_DEBUG=1).
 * Never a raw crash trace, never a doubled "error: error:" prefix.
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

/** The exit codes, by name (the CLI's --help epilogue and the README's CLI section list them). */
export const EXIT = { ok: 0, negative: 1, usage: 2, runtime: 3 } as const;

/** The epilogue of `encryptai --help`. */
export const EXIT_CODES_HELP = [
  "Exit codes:",
  "  0  ok",
  "  1  a negative verdict (INVALID proof, failed check)",
  "  2  usage or bad input (unknown flag, bad value, unreadable or malformed file, unwritable output)",
  "  3  runtime failure (chain or RPC endpoint unreachable, anvil failing, internal error)",
].join("\n");

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN"]);

/** A failure of the environment rather than of the input: the chain, the RPC endpoint, a daemon. */
export function isRuntimeError(e: unknown): boolean {
  if (e instanceof ChainError) return /anvil|does not answer|RPC endpoint/.test(e.message);
  if (e instanceof MarketError && /cannot reach the RPC endpoint/.test(e.message)) return true;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && NETWORK_CODES.has(code);
}

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

/** A message without any "error:" prefix of its own (the CLI adds exactly one). */
export function bareMessage(message: string): string {
  return message.replace(/^(\s*error:\s*)+/i, "");
}

/** The line(s) printed for an error and the exit code. */
export function describeError(e: unknown, debug = false): { text: string; code: number } {
  if (isRuntimeError(e)) return { text: `error: ${bareMessage((e as Error).message)}\n`, code: EXIT.runtime };
  if (isInputError(e)) return { text: `error: ${bareMessage(e.message)}\n`, code: EXIT.usage };
  const message = e instanceof Error ? e.message : String(e);
  const tail = debug ? `${(e as Error).stack ?? ""}\n` : "(set ENCRYPTAI_DEBUG=1 for the stack trace)\n";
  return { text: `internal error: ${bareMessage(message)}\n${tail}`, code: EXIT.runtime };
}

/** Runs an action; prints a clean error and sets the exit code on failure. */
export async function guarded(action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (e) {
    const { text, code } = describeError(e, Boolean(process.env.ENCRYPTAI_DEBUG));
    process.stderr.write(text);
    process.exitCode = code;
  }
}
