/**
 * Custom parameter sets (issue "LWE lab 2", item 4): a researcher's own LWE parameters, read from JSON, validated
 * like a preset (params.ts `validateParams`) and usable everywhere a preset is — keygen, encryption, files (each
 * file embeds its parameter text). The JSON is a parameter set's fields; `delta` may be left out (Δ = ⌊q/t⌋) and
 * may be a decimal string or a safe integer. An id that names a built-in preset with other values is refused:
 * files would then disagree with the preset of that name.
 */
import { LweParameterError } from "./errors.js";
import { type LweParams, canonicalParams, defaultDelta, validateParams } from "./params.js";
import { PRESETS } from "./presets.js";

/** Largest parameter file read (a parameter set is a few hundred bytes). */
export const MAX_PARAMS_FILE_BYTES = 64 * 1024;

/** Parses and validates a custom parameter set; `source` names the file in errors. */
export function parseCustomParams(text: string, source: string): LweParams {
  if (typeof text !== "string") throw new LweParameterError(`${source}: expected the text of a JSON parameter set`);
  if (text.length > MAX_PARAMS_FILE_BYTES) throw new LweParameterError(`${source}: ${text.length} bytes is more than a parameter file may have (${MAX_PARAMS_FILE_BYTES})`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new LweParameterError(`${source} is not JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new LweParameterError(`${source}: expected a JSON object with the parameter set's fields`);
  const r = raw as Record<string, unknown>;
  const known = ["id", "title", "modulus", "n", "m", "secret", "keyError", "encRandomness", "encError", "plaintextModulus", "delta", "encoding"];
  for (const k of Object.keys(r)) if (!known.includes(k)) throw new LweParameterError(`${source}: unknown field "${k}" (fields: ${known.join(", ")})`);
  let delta: bigint;
  if (r.delta === undefined) {
    if (typeof r.modulus !== "string" || !Number.isSafeInteger(r.plaintextModulus)) {
      // let validateParams name what is wrong with modulus / t
      delta = 1n;
    } else delta = defaultDelta(r.modulus as LweParams["modulus"], r.plaintextModulus as number);
  } else if (typeof r.delta === "string" && /^[0-9]{1,80}$/.test(r.delta)) delta = BigInt(r.delta);
  else if (typeof r.delta === "number" && Number.isSafeInteger(r.delta)) delta = BigInt(r.delta);
  else throw new LweParameterError(`${source}: delta (Δ) = ${JSON.stringify(r.delta)}: expected a decimal integer string, a safe integer, or no delta (Δ = ⌊q/t⌋)`);
  const params = validateParams({ ...(r as unknown as LweParams), title: typeof r.title === "string" ? r.title : `custom parameter set ${String(r.id)}`, delta });
  const preset = Object.hasOwn(PRESETS, params.id) ? PRESETS[params.id]!.params : undefined;
  if (preset) {
    if (canonicalParams(preset) !== canonicalParams(params))
      throw new LweParameterError(`${source}: id "${params.id}" is a built-in preset's, with other values: give the custom set its own id`);
    return preset;
  }
  return params;
}
