/**
 * The STARK verifier, mirroring the prover's numbered steps. It never throws on a bad proof: `verify` returns
 * { ok: false, check, message } naming the failed check (format, options, security, commitments, out-of-domain
 * consistency, proof of work, openings, FRI folding, FRI remainder).
 *
 * The security level is the VERIFIER's: the proof's options are judged against the verifier's policy
 * (policy.ts: conjectured and proven bits, both computed here from the options and the AIR) before any other
 * work, and the query positions are distinct by construction, so each counted query is an opening.
 */
import { isDeepStrictEqual } from "node:util";
import type { Air } from "../air/air.js";
import { getHasher } from "../hash/index.js";
import { verifyBatch } from "../hash/merkle.js";
import { Transcript } from "../hash/transcript.js";
import type { Field } from "../math/field.js";
import { compositionAt, compositionCoefficientCount } from "./constraints.js";
import { type CompositionLayout, compositionLayout } from "./layout.js";
import { SALT_BYTES, saltedLeafDigests } from "./zk.js";
import { VerificationError, type VerificationCheck } from "./errors.js";
import { type Challenge, challengeField } from "./fields.js";
import { friLayerCount, friVerify } from "./fri.js";
import { deepValues, deepValuesReference } from "./deep-values.js";
import { GOLDILOCKS_CUBIC_CHALLENGE, isGoldilocksCubic } from "./goldilocks-cubic.js";
import { encodeRows, hashEqualLeaves } from "./leaf-bytes.js";
import { proofIsCanonical } from "./proof-canonical.js";
import { validateOptions } from "./options.js";
import { type StarkProof, deserializeProof, serializeProof } from "./proof.js";
import { drawOodPoint } from "./prover.js";
import { DEFAULT_POLICY, type PolicyVerdict, type SecurityPolicy, judgeSecurity } from "./policy.js";
import { transcriptSeed } from "./transcript-seed.js";

export type VerifyResult =
  | {
      readonly ok: true;
      /** Conjectured bits (ethSTARK / Winterfell) of the proof's options for this AIR. */
      readonly securityBits: number;
      /** Proven bits, list-decoding regime. */
      readonly provenBits: number;
      /** The policy the verifier applied. */
      readonly policy: string;
    }
  | { readonly ok: false; readonly check: VerificationCheck; readonly message: string };

export interface VerifyOptions {
  /** The verifier's security policy (default DEFAULT_POLICY: ≥ 100 bits conjectured, ≥ 64 proven). */
  readonly policy?: SecurityPolicy;
}

/**
 * Leaf digests of opened rows, salted when the proof is zero-knowledge (the salt count is checked first). With
 * `fast` (a canonical proof) the rows are encoded word by word and equal-length leaves hashed in one batch: the
 * same bytes and digests as F.toBytes per element and one hash per leaf (leaf-bytes.ts).
 */
function leafDigests<T>(F: Field<T>, hasher: ReturnType<typeof getHasher>, rows: readonly (readonly T[])[], salts: readonly Uint8Array[], zk: boolean, what: string, fast: boolean): Uint8Array {
  if (salts.length !== (zk ? rows.length : 0) || salts.some((s) => s.length !== SALT_BYTES))
    throw new VerificationError("format", `${salts.length} ${what} salts for ${rows.length} rows${zk ? "" : " in a proof without zero knowledge"}`);
  if (fast) return hashEqualLeaves(hasher, encodeRows(F, rows), salts);
  const encoded = rows.map((row) => {
    const bytes = new Uint8Array(row.length * F.byteLength);
    row.forEach((v, j) => bytes.set(F.toBytes(v), j * F.byteLength));
    return bytes;
  });
  return saltedLeafDigests(hasher, encoded, salts);
}

/** Verifies proof bytes (or a parsed proof) for the statement `air` (built from the public inputs). */
export function verify(air: Air, proofOrBytes: Uint8Array | StarkProof, options: VerifyOptions = {}): VerifyResult {
  try {
    const v = verifyOrThrow(air, proofOrBytes, options);
    return { ok: true, securityBits: v.conjecturedBits, provenBits: v.provenBits, policy: v.policy };
  } catch (e) {
    if (e instanceof VerificationError) return { ok: false, check: e.check, message: e.message };
    return { ok: false, check: "format", message: `malformed proof: ${(e as Error).message}` };
  }
}

/**
 * A proof handed over as an object must be exactly what its bytes say: serialized and parsed back it is unchanged.
 * Otherwise (an extension element with extra coordinates the arithmetic would ignore, a value ≥ p, a shape the
 * format cannot hold) it is refused as malformed — one accepted object per proof, as for bytes.
 */
function canonicalObject(proof: StarkProof, F: Field<bigint>): StarkProof {
  const ext = (d: number) => challengeField(F, d).E;
  let parsed: StarkProof;
  try {
    parsed = deserializeProof(serializeProof(proof, F, ext(proof.options.fieldExtension)), F, ext);
  } catch (e) {
    throw new VerificationError("format", `the proof object cannot be encoded as a proof: ${(e as Error).message}`);
  }
  if (!isDeepStrictEqual(parsed, proof)) throw new VerificationError("format", "the proof object is not canonical: serialized and parsed back it differs (an element with extra coordinates, or a value outside the field)");
  return parsed;
}

function verifyOrThrow(air: Air, proofOrBytes: Uint8Array | StarkProof, vo: VerifyOptions): PolicyVerdict {
  const F = air.field;
  const proof = proofOrBytes instanceof Uint8Array ? deserializeProof(proofOrBytes, F, (d) => challengeField(F, d).E) : canonicalObject(proofOrBytes, F);
  const o = proof.options;
  try {
    validateOptions(o);
  } catch (e) {
    throw new VerificationError("options", (e as Error).message);
  }
  // a canonical proof over Goldilocks with the cubic extension is checked with the inlined field
  // (goldilocks-cubic.ts: the same elements and results); anything else with the generic one, as before
  const fast = proofIsCanonical(proof, F, challengeField(F, o.fieldExtension));
  const generic = challengeField(F, o.fieldExtension);
  const C = fast && isGoldilocksCubic(generic) ? GOLDILOCKS_CUBIC_CHALLENGE : generic;
  const E = C.E;
  const n = air.traceLength;
  const N = n * o.blowup;
  const w = air.traceWidth;
  const auxWidth = air.aux?.width ?? 0;
  let layout: CompositionLayout;
  try {
    layout = compositionLayout(air, o);
  } catch (e) {
    throw new VerificationError("options", (e as Error).message);
  }
  const k = layout.columns;
  const kCommitted = k + (layout.maskColumn ? 1 : 0);
  const c = proof.context;
  if (c.air !== air.name || c.traceLength !== n || c.traceWidth !== w || c.auxWidth !== auxWidth)
    throw new VerificationError(
      "public-inputs",
      `proof is for ${c.air} (${c.traceWidth}×${c.traceLength}, aux width ${c.auxWidth}), the statement is ${air.name} (${w}×${n}, aux width ${auxWidth})`,
    );
  if (!o.zeroKnowledge && k + 1 > o.blowup) throw new VerificationError("options", `blowup ${o.blowup} is too small for constraints of degree ${k + 1}`);
  if (o.queries > N / 2) throw new VerificationError("options", `${o.queries} distinct query positions need an LDE domain of ≥ ${2 * o.queries} points, the proof's is ${N}`);
  const verdict = judgeSecurity(vo.policy ?? DEFAULT_POLICY, air, o);
  if (!verdict.ok) throw new VerificationError("security", verdict.reason!);
  if ((proof.auxRoot === undefined) !== (auxWidth === 0)) throw new VerificationError("format", "auxiliary commitment present/absent contrary to the AIR");
  if (proof.ood.composition.length !== k) throw new VerificationError("format", `${proof.ood.composition.length} composition columns, expected ${k}`);
  const hasher = getHasher(o.hash);
  const offset = F.generator;
  const t = new Transcript(hasher, "EncryptAI-STARK-v2", transcriptSeed(air, o));

  // 1 ----- trace commitment (and auxiliary randomness) ------------------------------------------------------
  t.absorb("trace-root", proof.traceRoot);
  let random: Challenge[] = [];
  if (air.aux) {
    random = t.drawFields(E, air.aux.randomElements, (i) => `aux-random-${i}`);
    t.absorb("aux-root", proof.auxRoot!);
  }
  // 2 ----- composition coefficients --------------------------------------------------------------------------
  const coefficients = t.drawPowers(E, compositionCoefficientCount(air), "composition");
  // 3 ----- composition commitment ------------------------------------------------------------------------------
  t.absorb("composition-root", proof.compositionRoot);
  // 4 ----- out-of-domain consistency: H(z) from the trace frame = Σ z^(j·stride)·H_j(z) ----------------------
  const z = drawOodPoint(E, t, n, N, offset);
  const expected = compositionAt(air, C, { current: proof.ood.current, next: proof.ood.next }, z, coefficients, random);
  const zn = E.pow(z, BigInt(layout.stride));
  let got = E.ZERO;
  let pow = E.ONE;
  for (const h of proof.ood.composition) {
    got = E.add(got, E.mul(pow, h));
    pow = E.mul(pow, zn);
  }
  if (!E.eq(expected, got)) throw new VerificationError("ood-consistency", "the constraints evaluated at the out-of-domain point do not match the committed composition polynomial");
  for (const v of [...proof.ood.current, ...proof.ood.next, ...proof.ood.composition]) t.absorb("ood", E.toBytes(v));
  // 5 ----- DEEP coefficients --------------------------------------------------------------------------------
  const cols = w + auxWidth;
  const gamma = t.drawPowers(E, 2 * cols + kCommitted, "deep");
  // 6 ----- FRI commitments ----------------------------------------------------------------------------------
  const fp = { foldingFactor: o.friFoldingFactor, remainderMaxDegree: o.friRemainderMaxDegree, minRemainderSize: layout.minRemainderSize };
  const layers = friLayerCount(N, layout.degreeBound, fp);
  if (proof.fri.layerRoots.length !== layers) throw new VerificationError("format", `${proof.fri.layerRoots.length} FRI layers, expected ${layers}`);
  const alphas = proof.fri.layerRoots.map((root, r) => {
    t.absorb(`fri-layer-${r}`, root);
    return t.drawField(E, `fri-alpha-${r}`);
  });
  const remBytes = new Uint8Array(proof.fri.remainder.length * E.byteLength);
  proof.fri.remainder.forEach((v, i) => remBytes.set(E.toBytes(v), i * E.byteLength));
  t.absorb("fri-remainder", remBytes);
  // 7 ----- proof of work ------------------------------------------------------------------------------------
  if (!t.checkGrinding(proof.powNonce, o.grindingBits)) throw new VerificationError("proof-of-work", `nonce ${proof.powNonce} does not give ${o.grindingBits} leading zero bits`);
  // 8 ----- queries ------------------------------------------------------------------------------------------
  const positions = t.drawDistinctIndices("query-positions", o.queries, N);
  const q = proof.queries;
  if (q.traceRows.length !== positions.length || q.compositionRows.length !== positions.length || (auxWidth > 0 && q.auxRows.length !== positions.length))
    throw new VerificationError("format", `openings for ${q.traceRows.length} positions, expected ${positions.length}`);
  const zk = o.zeroKnowledge;
  if (!verifyBatch(hasher, proof.traceRoot, N, positions, leafDigests(F, hasher, q.traceRows, q.traceSalts, zk, "trace", fast), q.traceProof))
    throw new VerificationError("trace-opening", "trace rows do not match the trace commitment");
  if (auxWidth > 0 && !verifyBatch(hasher, proof.auxRoot!, N, positions, leafDigests(E, hasher, q.auxRows, q.auxSalts, zk, "aux", fast), q.auxProof))
    throw new VerificationError("trace-opening", "auxiliary rows do not match their commitment");
  // without an auxiliary segment a proof carries no auxiliary rows, digests or salts: one encoding per proof
  if (auxWidth === 0 && (q.auxSalts.length > 0 || q.auxRows.length > 0 || q.auxProof.length > 0))
    throw new VerificationError("format", "auxiliary rows, digests or salts without an auxiliary segment");
  if (
    q.compositionRows.some((r) => r.length !== kCommitted) ||
    !verifyBatch(hasher, proof.compositionRoot, N, positions, leafDigests(E, hasher, q.compositionRows, q.compositionSalts, zk, "composition", fast), q.compositionProof)
  )
    throw new VerificationError("composition-opening", "composition rows do not match the composition commitment");
  const omegaN = F.rootOfUnity(Math.log2(N));
  const zw = E.mul(z, C.fromBase(F.rootOfUnity(Math.log2(n))));
  const deepInput = {
    F,
    C,
    xs: positions.map((p) => F.mul(offset, F.pow(omegaN, BigInt(p)))),
    z,
    zw,
    w,
    traceRows: q.traceRows,
    auxRows: q.auxRows,
    compositionRows: q.compositionRows,
    ood: proof.ood,
    gamma,
    k,
    maskColumn: layout.maskColumn,
  };
  const deep = fast ? deepValues(deepInput) : deepValuesReference(deepInput);
  friVerify({
    E,
    hasher,
    domainSize: N,
    offset,
    degreeBound: layout.degreeBound,
    params: fp,
    layerRoots: proof.fri.layerRoots,
    alphas,
    remainder: proof.fri.remainder,
    openings: proof.fri.openings,
    positions,
    values: deep,
    salted: zk,
    ...(fast ? { base: { F, mulBase: C.mulBase } } : {}),
  });
  return verdict;
}
