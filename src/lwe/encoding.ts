/**
 * Plaintext encoding: a message m of Z_t becomes Δ·(m mod t) in Z_q; decoding rounds d/Δ and reduces mod t,
 * reading the result as unsigned [0, t) or signed (centred) [−⌊t/2⌋, ⌈t/2⌉ − 1] per the parameter set.
 */
import { PlaintextRangeError } from "./errors.js";
import { type LweParams, modulusOf, plaintextRange } from "./params.js";

/** Checks the range and returns m mod t as a bigint. */
export function encodeMessage(p: LweParams, m: number | bigint): bigint {
  if (typeof m === "number" && !Number.isSafeInteger(m))
    throw new PlaintextRangeError(`plaintext ${m} is not an integer`);
  const x = BigInt(m);
  const { min, max } = plaintextRange(p);
  if (x < min || x > max)
    throw new PlaintextRangeError(
      `plaintext ${x} is outside [${min}, ${max}] (${p.encoding} messages mod t = ${p.plaintextModulus}, parameter set "${p.id}")`,
    );
  const t = BigInt(p.plaintextModulus);
  return ((x % t) + t) % t;
}

/** Δ·m mod q for an encoded message. */
export function scaleMessage(p: LweParams, encoded: bigint): bigint {
  return (p.delta * encoded) % modulusOf(p).q;
}

/** Rounds a decrypted phase d ∈ Z_q to the nearest multiple of Δ and returns the message. */
export function decodePhase(p: LweParams, d: bigint): { message: bigint; residual: bigint } {
  const q = modulusOf(p).q;
  const centred = d > q / 2n ? d - q : d;
  const delta = p.delta;
  // round(centred / Δ) with ties away from zero, then the residual noise centred − Δ·k.
  const sign = centred < 0n ? -1n : 1n;
  const k = sign * ((sign * centred + delta / 2n) / delta);
  const residual = centred - k * delta;
  const t = BigInt(p.plaintextModulus);
  let message = ((k % t) + t) % t;
  if (p.encoding === "signed" && message > (t - 1n) / 2n) message -= t;
  return { message, residual };
}
