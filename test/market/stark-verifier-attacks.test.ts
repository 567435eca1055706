// A dishonest node against the on-chain STARK verifier (contracts/verifiers/stark/): structured forgeries of the cars
// model's inference proof (swapped openings, lies at the out-of-domain point, other remainders, non-canonical elements,
// truncations, huge declared counts, header fields), a proof of another statement, tampered public inputs and keys, and
// FRI-layer forgeries on a 10-row batch (whose proof folds once; the one-row proof has no FRI layer). Each attack must
// be refused by the TypeScript verifier (verifyInference) and by StarkVerifier.sol, the contract reverting with a named
// custom error (malformed bytes within a small gas cap) that names the same check; where the two differ, the test says
// so as KNOWN (check names in the header, ragged composition rows, auxiliary rows without an auxiliary segment).
// Forgeries past the proof of work come from a prover whose transcript absorbs the forged values (a node can grind the
// nonce for whatever it sends), so they reach the checks after the query positions are drawn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Contract, Interface } from "ethers";
import { type Chain, startInProcessChain } from "../../src/chain/in-process.js";
import { ARTIFACTS } from "../../src/market/contracts.js";
import { deployStarkVerifier } from "../../src/market/verifying-key-abi.js";
import { type Challenge, ONCHAIN_OPTIONS, type StarkProof, type VerificationCheck, challengeField, deserializeProof, serializeProof } from "../../src/prover/index.js";
import { type VerifyingKey, verifyingKeyTuple } from "../../src/prover/verifying-key.js";
import { inferencePublicInputs, inferenceVerifyingKey } from "../../src/vm/onchain-key.js";
import { type InferenceStatement, inferenceAir, verifyInference } from "../../src/vm/inference.js";
import { getHasher } from "../../src/hash/index.js";
import { Transcript } from "../../src/hash/transcript.js";
import { transcriptSeed } from "../../src/prover/transcript-seed.js";
import { compositionAt, compositionCoefficientCount } from "../../src/prover/constraints.js";
import { drawOodPoint } from "../../src/prover/prover.js";
import type { Air } from "../../src/air/air.js";
import { ONCHAIN_CHECKS, carsInferenceProof } from "./stark-verifier.testkit.js";

const P = (1n << 64n) - (1n << 32n) + 1n;
const SEED = "stark-verifier-attacks";
/** Rows of the batch whose proof has FRI layers (its trace is long enough to fold before the remainder). */
const BATCH_ROWS = 10;
/**
 * Gas cap (calldata included) under which a malformed proof must revert MalformedProof: the whole parse of the one-row
 * proof costs about 1.25 M, an honest verification about 6.5 M.
 */
const MALFORMED_GAS = 2_500_000n;

type Verdict = "ok" | VerificationCheck;
/** The challenge field (the cubic extension of the AIR's Goldilocks field). */
let C3: ReturnType<typeof challengeField>;
let E: ReturnType<typeof challengeField>["E"];
let chain: Chain;
let verifier: Contract;
let statement: InferenceStatement;
let air: Air;
let proof: Uint8Array;
let key: VerifyingKey;
let tuple: unknown[];
let pub: bigint[];
let other: { statement: InferenceStatement; proof: Uint8Array };

/** A statement, its honest proof and key: the one-row proof (no FRI layer) or a 10-row batch (FRI layers). */
interface Subject {
  readonly seed: string;
  readonly rows: number;
  readonly statement: InferenceStatement;
  readonly air: Air;
  readonly proof: Uint8Array;
  readonly key: VerifyingKey;
  readonly tuple: unknown[];
  readonly pub: bigint[];
  readonly layout: Layout;
}
let one: Subject;
let batch: Subject;

function subject(seed: string, rows: number): Subject {
  const { statement, proof } = carsInferenceProof(ONCHAIN_OPTIONS, seed, rows);
  const air = inferenceAir(statement) as Air;
  const key = inferenceVerifyingKey(statement, ONCHAIN_OPTIONS);
  const layout = layoutOf(deserializeProof(proof, air.field, (d) => challengeField(air.field, d).E));
  return { seed, rows, statement, air, proof, key, tuple: verifyingKeyTuple(key), pub: inferencePublicInputs(statement), layout };
}

/** Byte offsets of the proof's sections (src/prover/proof.ts; no zero knowledge, no auxiliary segment). */
interface Layout {
  readonly nameLength: number;
  readonly context: number;
  readonly auxFlag: number;
  readonly oodCurrent: number;
  readonly oodNext: number;
  readonly oodComposition: number;
  readonly friRoots: number;
  readonly remainder: number;
  readonly nonce: number;
  readonly traceRows: number;
  readonly traceProof: number;
  readonly auxRows: number;
  readonly auxProof: number;
  readonly compositionRows: number;
  readonly compositionProof: number;
  readonly friLayers: number;
  readonly end: number;
  readonly traceRowBytes: number;
  readonly compositionRowBytes: number;
}
let layout: Layout;

function layoutOf(p: StarkProof): Layout {
  const w = p.context.traceWidth;
  const q = p.queries.traceRows.length;
  const kc = p.queries.compositionRows[0]!.length;
  let o = 13;
  const nameLength = o;
  o += 4 + new TextEncoder().encode(p.context.air).length;
  const context = o;
  o += 12 + 32;
  const auxFlag = o;
  o += 1 + 32;
  const oodCurrent = o;
  o += 4 + 24 * w;
  const oodNext = o;
  o += 4 + 24 * w;
  const oodComposition = o;
  o += 4 + 24 * p.ood.composition.length;
  const friRoots = o;
  o += 4 + 32 * p.fri.layerRoots.length;
  const remainder = o;
  o += 4 + 24 * p.fri.remainder.length;
  const nonce = o;
  o += 8;
  const traceRows = o;
  o += 4 + q * (4 + 8 * w);
  const traceProof = o;
  o += 4 + 32 * p.queries.traceProof.length;
  const auxRows = o;
  o += 4;
  const auxProof = o;
  o += 4 + 32 * p.queries.auxProof.length;
  const compositionRows = o;
  o += 4 + q * (4 + 24 * kc);
  const compositionProof = o;
  o += 4 + 32 * p.queries.compositionProof.length;
  const friLayers = o;
  o += 4;
  for (const layer of p.fri.openings) o += 4 + layer.leaves.length * (4 + 24 * layer.leaves[0]!.length) + 4 + 32 * layer.proof.length;
  return { nameLength, context, auxFlag, oodCurrent, oodNext, oodComposition, friRoots, remainder, nonce, traceRows, traceProof, auxRows, auxProof, compositionRows, compositionProof, friLayers, end: o, traceRowBytes: 4 + 8 * w, compositionRowBytes: 4 + 24 * kc };
}

const parse = (bytes: Uint8Array): StarkProof => deserializeProof(bytes, air.field, (d) => challengeField(air.field, d).E);
const serialize = (p: StarkProof): Uint8Array => serializeProof(p, air.field, E);
/** The honest proof, parsed, edited by `edit` (on a mutable copy) and serialized again. */
function edited(edit: (p: any) => void, s: Subject = one): Uint8Array {
  const p = parse(s.proof) as any;
  const copy = { ...p, ood: { ...p.ood }, fri: { ...p.fri }, queries: { ...p.queries } };
  edit(copy);
  return serialize(copy as StarkProof);
}
/** The honest proof with `value` written raw as a little-endian u64 at byte `at`. */
function withWord(at: number, value: bigint, bytes = proof): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setBigUint64(at, value, true);
  return out;
}
function withU32(at: number, value: number, bytes = proof): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(at, value >>> 0, true);
  return out;
}
const u32At = (at: number, bytes = proof) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
const u64At = (at: number, bytes = proof) => new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(at, true);

/** The verifier's custom errors and those of the AIR part it calls (OodEvaluator), whose reverts it passes on. */
const ERRORS = new Interface([...ARTIFACTS.StarkVerifier.abi, ...ARTIFACTS.OodEvaluator.abi.filter((f) => f.type === "error")]);

/** The TypeScript verdict for `s` (default: this statement). */
function offchain(bytes: Uint8Array, s: InferenceStatement = statement): Verdict {
  const r = verifyInference(s, bytes);
  return r.ok ? "ok" : r.check;
}

/**
 * The contract's verdict: "ok", the check its custom error names, or a string naming an unexpected revert (no data,
 * an unknown error, out of gas under `gasLimit`) — which every test below refuses.
 */
async function onchain(bytes: Uint8Array, o: { inputs?: readonly bigint[]; key?: unknown[]; gasLimit?: bigint } = {}): Promise<Verdict | `revert: ${string}`> {
  try {
    const ok = (await verifier.getFunction("verify").staticCall(o.key ?? tuple, o.inputs ?? pub, bytes, ...(o.gasLimit ? [{ gasLimit: o.gasLimit }] : []))) as boolean;
    return ok ? "ok" : "revert: returned false";
  } catch (e) {
    const data = (e as { data?: string }).data;
    const parsed = data && data !== "0x" ? ERRORS.parseError(data) : null;
    const check = parsed ? ONCHAIN_CHECKS[parsed.name] : undefined;
    return check ?? `revert: ${parsed?.name ?? (e as Error).message.slice(0, 160)}`;
  }
}

/** Both verdicts on the same bytes. */
async function both(bytes: Uint8Array, gasLimit?: bigint, s: Subject = one): Promise<{ ts: Verdict; evm: string }> {
  return { ts: offchain(bytes, s.statement), evm: await onchain(bytes, { inputs: s.pub, key: s.tuple, ...(gasLimit ? { gasLimit } : {}) }) };
}

/** Runs `f` with the prover's transcript absorbing `rewrite(label, data, index)` instead of `data` (index: per label). */
function withForgedTranscript<T>(rewrite: (label: string, data: Uint8Array, index: number) => Uint8Array, f: () => T): T {
  const original = Transcript.prototype.absorb;
  const seen = new Map<string, number>();
  Transcript.prototype.absorb = function (this: Transcript, label: string, data: Uint8Array) {
    if (label === "trace-root") seen.clear();
    const i = seen.get(label) ?? 0;
    seen.set(label, i + 1);
    original.call(this, label, rewrite(label, data, i));
  };
  try {
    return f();
  } finally {
    Transcript.prototype.absorb = original;
  }
}

const concatBytes = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The out-of-domain point and composition coefficients the verifier draws for the honest proof (its transcript replayed). */
function oodChallenges(p: StarkProof, s: Subject = one): { z: Challenge; coefficients: Challenge[] } {
  const air = s.air;
  const t = new Transcript(getHasher("keccak256"), "EncryptAI-STARK-v2", transcriptSeed(air, p.options));
  t.absorb("trace-root", p.traceRoot);
  const coefficients = t.drawPowers(E, compositionCoefficientCount(air), "composition");
  t.absorb("composition-root", p.compositionRoot);
  const z = drawOodPoint(E, t, air.traceLength, air.traceLength * p.options.blowup, air.field.generator);
  return { z, coefficients };
}

/**
 * A dishonest prover's proof whose out-of-domain values are `lie` (current, next, composition) instead of the true
 * ones: the transcript absorbs the lie, so the proof of work and the openings are valid for it.
 */
function proofWithOodLie(lie: StarkProof["ood"], s: Subject = one): Uint8Array {
  const honest = parse(s.proof);
  const w = honest.context.traceWidth;
  const at = (i: number) => (i < w ? lie.current[i]! : i < 2 * w ? lie.next[i - w]! : lie.composition[i - 2 * w]!);
  const { proof: forged } = withForgedTranscript(
    (label, data, i) => (label === "ood" ? E.toBytes(at(i)) : data),
    () => carsInferenceProof(ONCHAIN_OPTIONS, s.seed, s.rows),
  );
  const p = parse(forged);
  expect(p.ood).toEqual(honest.ood); // the prover computed the true values; only the transcript saw the lie
  return serialize({ ...p, ood: lie });
}

const lastNonZero = (r: readonly Challenge[]) => {
  let i = r.length - 1;
  while (i >= 0 && E.isZero(r[i]!)) i--;
  return i;
};

/** A dishonest prover's proof whose remainder is the true one cut to its first `keep` coefficients (re-ground for it). */
function proofWithShortRemainder(keep: (remainder: readonly Challenge[]) => number, s: Subject = one): { bytes: Uint8Array; honest: readonly Challenge[]; kept: number } {
  const honest = parse(s.proof).fri.remainder;
  const kept = keep(honest);
  const { proof: forged } = withForgedTranscript(
    (label, data) => (label === "fri-remainder" ? data.subarray(0, kept * E.byteLength) : data),
    () => carsInferenceProof(ONCHAIN_OPTIONS, s.seed, s.rows),
  );
  const p = parse(forged);
  expect(p.fri.remainder).toEqual(honest);
  return { bytes: serialize({ ...p, fri: { ...p.fri, remainder: honest.slice(0, kept) } }), honest, kept };
}

/** A dishonest prover's proof with a zero coefficient appended to the remainder (the same polynomial), re-ground for it. */
function proofWithLongRemainder(s: Subject = one): { bytes: Uint8Array; honest: readonly Challenge[] } {
  const zero = E.toBytes(E.ZERO);
  const { proof: forged } = withForgedTranscript(
    (label, data) => (label === "fri-remainder" ? concatBytes(data, zero) : data),
    () => carsInferenceProof(ONCHAIN_OPTIONS, s.seed, s.rows),
  );
  const p = parse(forged);
  return { bytes: serialize({ ...p, fri: { ...p.fri, remainder: [...p.fri.remainder, E.ZERO] } }), honest: p.fri.remainder };
}

/** The OOD composition values shifted by δ and −δ/z^stride: Σ z^(j·stride)·H_j(z) unchanged, so the OOD check passes. */
function shiftedComposition(s: Subject = one): StarkProof["ood"] {
  const honest = parse(s.proof);
  const { z } = oodChallenges(honest, s);
  const delta: Challenge = [5n, 7n, 11n];
  const zs = E.pow(z, BigInt(s.key.stride));
  const h = [...honest.ood.composition];
  h[0] = E.add(h[0]!, delta);
  h[1] = E.sub(h[1]!, E.mul(delta, E.inv(zs)));
  return { ...honest.ood, composition: h };
}

beforeAll(async () => {
  one = subject(SEED, 1);
  ({ statement, air, proof, key, tuple, pub, layout } = one);
  C3 = challengeField(air.field, 3);
  E = C3.E;
  batch = subject(`${SEED}/batch`, BATCH_ROWS);
  other = carsInferenceProof(ONCHAIN_OPTIONS, "another-user");
  chain = await startInProcessChain();
  verifier = await deployStarkVerifier(await chain.signer(0));
}, 180_000);
afterAll(async () => chain?.close());

describe("a dishonest node against StarkVerifier.sol and the TypeScript verifier", () => {
  it("baseline: the honest proof is accepted by both; the section layout used below is the proof's", async () => {
    expect(layout.end).toBe(proof.length);
    expect(u32At(layout.auxRows)).toBe(0);
    expect(offchain(proof)).toBe("ok");
    expect(await onchain(proof)).toBe("ok");
  });

  // ----- openings ---------------------------------------------------------------------------------------------------
  it("swapping two query positions' trace rows: trace-opening", async () => {
    const bad = edited((p) => {
      const r = [...p.queries.traceRows];
      [r[0], r[1]] = [r[1], r[0]];
      p.queries.traceRows = r;
    });
    expect(await both(bad)).toEqual({ ts: "trace-opening", evm: "trace-opening" });
  });

  it("swapping two query positions' composition rows: composition-opening", async () => {
    const bad = edited((p) => {
      const r = [...p.queries.compositionRows];
      [r[2], r[5]] = [r[5], r[2]];
      p.queries.compositionRows = r;
    });
    expect(await both(bad)).toEqual({ ts: "composition-opening", evm: "composition-opening" });
  });

  it("a Merkle batch proof with a digest dropped or duplicated: trace-opening / composition-opening", async () => {
    const dropTrace = edited((p) => (p.queries.traceProof = p.queries.traceProof.slice(0, -1)));
    const dupTrace = edited((p) => (p.queries.traceProof = [...p.queries.traceProof, p.queries.traceProof[0]]));
    const dropComposition = edited((p) => (p.queries.compositionProof = p.queries.compositionProof.slice(1)));
    const dupComposition = edited((p) => {
      const d = [...p.queries.compositionProof];
      d.splice(3, 0, d[3]);
      p.queries.compositionProof = d;
    });
    expect(await both(dropTrace)).toEqual({ ts: "trace-opening", evm: "trace-opening" });
    expect(await both(dupTrace)).toEqual({ ts: "trace-opening", evm: "trace-opening" });
    expect(await both(dropComposition)).toEqual({ ts: "composition-opening", evm: "composition-opening" });
    expect(await both(dupComposition)).toEqual({ ts: "composition-opening", evm: "composition-opening" });
  }, 60_000);

  it("an extra or a missing trace row, an extra composition row: format (after the proof of work)", async () => {
    const extra = edited((p) => (p.queries.traceRows = [...p.queries.traceRows, p.queries.traceRows[0]]));
    const missing = edited((p) => (p.queries.traceRows = p.queries.traceRows.slice(0, -1)));
    const extraComposition = edited((p) => (p.queries.compositionRows = [...p.queries.compositionRows, p.queries.compositionRows[0]]));
    expect(await both(extra)).toEqual({ ts: "format", evm: "format" });
    expect(await both(missing)).toEqual({ ts: "format", evm: "format" });
    expect(await both(extraComposition)).toEqual({ ts: "format", evm: "format" });
  }, 60_000);

  it("composition rows all one column wider or narrower: composition-opening", async () => {
    const wider = edited((p) => (p.queries.compositionRows = p.queries.compositionRows.map((r: Challenge[]) => [...r, [0n, 0n, 0n]])));
    const narrower = edited((p) => (p.queries.compositionRows = p.queries.compositionRows.map((r: Challenge[]) => r.slice(0, -1))));
    expect(await both(wider)).toEqual({ ts: "composition-opening", evm: "composition-opening" });
    expect(await both(narrower)).toEqual({ ts: "composition-opening", evm: "composition-opening" });
  }, 60_000);

  // KNOWN DIFFERENCE (check name only): the contract's parser requires every composition row to have the first row's
  // width (MalformedProof); the TypeScript parser reads rows of any width and its verifier refuses them only after the
  // trace opening, as composition-opening.
  it("composition rows of different widths (one row one column wider or narrower): both reject, with the same check or TypeScript composition-opening / EVM format", async () => {
    const oneWider = edited((p) => {
      const r = [...p.queries.compositionRows];
      r[1] = [...r[1], [0n, 0n, 0n]];
      p.queries.compositionRows = r;
    });
    const firstNarrower = edited((p) => {
      const r = [...p.queries.compositionRows];
      r[0] = r[0].slice(0, -1);
      p.queries.compositionRows = r;
    });
    for (const bad of [oneWider, firstNarrower]) {
      const r = await both(bad);
      expect(r.ts).not.toBe("ok");
      if (r.ts !== r.evm) expect(r).toEqual({ ts: "composition-opening", evm: "format" });
    }
  });

  it("a trace row one element wider, a fourth OOD composition value, a FRI layer the key has none of: format", async () => {
    const wide = edited((p) => {
      const r = [...p.queries.traceRows];
      r[0] = [...r[0], 0n];
      p.queries.traceRows = r;
    });
    const composition = edited((p) => (p.ood.composition = [...p.ood.composition, [0n, 0n, 0n]]));
    const layers = key.friLayers;
    const fri = edited((p) => (p.fri = { ...p.fri, layerRoots: [...p.fri.layerRoots, new Uint8Array(32)], openings: [...p.fri.openings, { leaves: [], proof: [], salts: [] }] }));
    expect(await both(wide, MALFORMED_GAS)).toEqual({ ts: "format", evm: "format" });
    expect(await both(composition, MALFORMED_GAS)).toEqual({ ts: "format", evm: "format" });
    expect(layers).toBe(parse(proof).fri.layerRoots.length);
    expect(await both(fri, MALFORMED_GAS)).toEqual({ ts: "format", evm: "format" });
  });

  // The key has no auxiliary segment: a proof carries no auxiliary rows, proof digests or salts. Found here: the
  // TypeScript verifier accepted empty auxiliary rows and junk auxiliary digests (a second encoding of one proof), and
  // the contract refused the rows; both now refuse all of them as format.
  it("auxiliary rows or junk auxiliary Merkle digests in a proof without an auxiliary segment: format from both", async () => {
    const everyPosition = edited((p) => (p.queries.auxRows = p.queries.traceRows.map(() => [])));
    const single = edited((p) => (p.queries.auxRows = [[]]));
    const junk = edited((p) => (p.queries.auxProof = [new Uint8Array(32).fill(7), new Uint8Array(32).fill(9)]));
    for (const bad of [everyPosition, single, junk]) expect(await both(bad)).toEqual({ ts: "format", evm: "format" });
  }, 60_000);

  // ----- out-of-domain frame and proof of work --------------------------------------------------------------------
  it("one OOD frame value replaced (current, next, composition): ood-consistency", async () => {
    const bump = (v: Challenge, c: number) => (v as bigint[]).map((x, i) => (i === c ? (x + 1n) % P : x));
    const current = edited((p) => (p.ood.current = p.ood.current.map((v: Challenge, i: number) => (i === 5 ? bump(v, 0) : v))));
    const next = edited((p) => (p.ood.next = p.ood.next.map((v: Challenge, i: number) => (i === 0 ? bump(v, 1) : v))));
    const composition = edited((p) => (p.ood.composition = p.ood.composition.map((v: Challenge, i: number) => (i === p.ood.composition.length - 1 ? bump(v, 2) : v))));
    expect(await both(current)).toEqual({ ts: "ood-consistency", evm: "ood-consistency" });
    expect(await both(next)).toEqual({ ts: "ood-consistency", evm: "ood-consistency" });
    expect(await both(composition)).toEqual({ ts: "ood-consistency", evm: "ood-consistency" });
  }, 60_000);

  it("the proof-of-work nonce changed (±1, 0, 2^64 − 1): proof-of-work", async () => {
    const nonce = u64At(layout.nonce);
    for (const n of [nonce + 1n, nonce - 1n, 0n, (1n << 64n) - 1n]) {
      expect(await both(withWord(layout.nonce, n)), `nonce ${n}`).toEqual({ ts: "proof-of-work", evm: "proof-of-work" });
    }
  }, 60_000);

  it("the remainder with one coefficient more or less, nonce unchanged: proof-of-work", async () => {
    const more = edited((p) => (p.fri = { ...p.fri, remainder: [...p.fri.remainder, [0n, 0n, 0n]] }));
    const less = edited((p) => (p.fri = { ...p.fri, remainder: p.fri.remainder.slice(0, -1) }));
    expect(await both(more)).toEqual({ ts: "proof-of-work", evm: "proof-of-work" });
    expect(await both(less)).toEqual({ ts: "proof-of-work", evm: "proof-of-work" });
  }, 60_000);

  // ----- a dishonest prover: forged values absorbed by its transcript, the nonce ground for them ----------------------
  it("dishonest prover: the remainder with a zero coefficient appended (same polynomial, one over the bound), re-ground: fri-remainder", async () => {
    const { bytes, honest } = proofWithLongRemainder();
    expect(honest.length).toBe(key.remainderMax);
    expect(await both(bytes)).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
  }, 60_000);

  it("dishonest prover: the remainder cut before its last non-zero coefficient (another polynomial), re-ground: fri-remainder", async () => {
    const { bytes, kept } = proofWithShortRemainder(lastNonZero);
    expect(kept).toBeGreaterThan(0);
    expect(await both(bytes)).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
  }, 60_000);

  // The DEEP polynomial's degree is below the bound (a quotient by x − z), so the honest remainder ends in zeros: a
  // remainder without them is the same polynomial, and both verifiers accept it (a second encoding of the proof, as
  // any other ground nonce gives; noted, not a soundness issue).
  it("dishonest prover: the remainder without its trailing zero coefficients (the same polynomial), re-ground: accepted by both alike", async () => {
    const { bytes, honest, kept } = proofWithShortRemainder((r) => lastNonZero(r) + 1);
    expect(kept).toBeLessThan(honest.length);
    expect(await both(bytes)).toEqual({ ts: "ok", evm: "ok" });
  }, 60_000);

  it("dishonest prover: OOD composition values shifted so that Σ z^(j·stride)·H_j(z) is unchanged (passes the OOD check), re-ground: fri-remainder", async () => {
    expect(await both(proofWithOodLie(shiftedComposition()))).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
  }, 60_000);

  it("dishonest prover: a trace column's OOD value lied about, H_0(z) adjusted so the OOD check passes, re-ground: fri-remainder", async () => {
    const honest = parse(proof);
    const { z, coefficients } = oodChallenges(honest);
    const at = (frame: { current: readonly Challenge[]; next: readonly Challenge[] }) => compositionAt(air, C3, frame, z, coefficients, []);
    const zs = E.pow(z, BigInt(key.stride));
    let sum = E.ZERO;
    let pw = E.ONE;
    for (const v of honest.ood.composition) {
      sum = E.add(sum, E.mul(pw, v));
      pw = E.mul(pw, zs);
    }
    // the replayed challenges are the verifier's: the honest frame gives the committed composition value
    expect(E.eq(at(honest.ood), sum)).toBe(true);
    const current = [...honest.ood.current];
    current[3] = E.add(current[3]!, E.ONE);
    const h = [...honest.ood.composition];
    h[0] = E.add(h[0]!, E.sub(at({ current, next: honest.ood.next }), sum));
    const bad = proofWithOodLie({ current, next: honest.ood.next, composition: h });
    expect(await both(bad)).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
  }, 60_000);

  // ----- non-canonical elements and malformed bytes -------------------------------------------------------------
  it("non-canonical elements (p, p + 1, 2^64 − 1 written raw) in a trace row, the OOD frame, the OOD composition, the remainder, a composition row: format, cheaply", async () => {
    const L = layout;
    const places: Record<string, number> = {
      "trace row 0, element 3": L.traceRows + 4 + 4 + 8 * 3,
      "trace row 7, last element": L.traceRows + 4 + 8 * L.traceRowBytes - 8,
      "OOD current 2, coordinate 1": L.oodCurrent + 4 + 24 * 2 + 8,
      "OOD next 0, coordinate 0": L.oodNext + 4,
      "OOD composition 1, coordinate 2": L.oodComposition + 4 + 24 + 16,
      "remainder 5, coordinate 2": L.remainder + 4 + 24 * 5 + 16,
      "composition row 3, element 0": L.compositionRows + 4 + 3 * L.compositionRowBytes + 4,
    };
    const wrong: string[] = [];
    for (const [where, at] of Object.entries(places)) {
      for (const v of [P, P + 1n, (1n << 64n) - 1n]) {
        const r = await both(withWord(at, v), MALFORMED_GAS);
        if (r.ts !== "format" || r.evm !== "format") wrong.push(`${where} = ${v}: TypeScript ${r.ts}, EVM ${r.evm}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("canonical boundary values (p − 1, 2^64 − 2^32 − 1) in the same places are not format errors", async () => {
    const L = layout;
    const cases: [number, bigint, Verdict][] = [
      [L.traceRows + 4 + 4 + 8 * 3, P - 1n, "trace-opening"],
      [L.oodCurrent + 4 + 24 * 2 + 8, (1n << 64n) - (1n << 32n) - 1n, "ood-consistency"],
      [L.remainder + 4 + 24 * 5 + 16, P - 1n, "proof-of-work"],
    ];
    for (const [at, v, check] of cases) expect(await both(withWord(at, v)), `${v} at ${at}`).toEqual({ ts: check, evm: check });
  }, 60_000);

  it("truncated proofs (every length 0…200, and the proof minus its last byte), trailing bytes: format, cheaply", async () => {
    const wrong: string[] = [];
    const lengths = [...Array.from({ length: 201 }, (_, i) => i), proof.length - 1, layout.nonce + 4, layout.traceProof, layout.friLayers];
    for (const n of lengths) {
      const r = await both(proof.slice(0, n), MALFORMED_GAS);
      if (r.ts !== "format" || r.evm !== "format") wrong.push(`length ${n}: TypeScript ${r.ts}, EVM ${r.evm}`);
    }
    for (const tail of [Uint8Array.of(0), new Uint8Array(32), Uint8Array.of(0, 0, 0, 0)]) {
      const r = await both(concatBytes(proof, tail), MALFORMED_GAS);
      if (r.ts !== "format" || r.evm !== "format") wrong.push(`${tail.length} trailing bytes: TypeScript ${r.ts}, EVM ${r.evm}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("huge or off-by-one declared counts (0xFFFFFFFF, 2^24, count ± 1) in every length field: format, cheaply", async () => {
    const L = layout;
    const fields: Record<string, number> = {
      "OOD current": L.oodCurrent,
      "OOD next": L.oodNext,
      "OOD composition": L.oodComposition,
      "FRI roots": L.friRoots,
      remainder: L.remainder,
      "trace rows": L.traceRows,
      "trace row 0": L.traceRows + 4,
      "trace proof": L.traceProof,
      "aux rows": L.auxRows,
      "aux proof": L.auxProof,
      "composition rows": L.compositionRows,
      "composition row 0": L.compositionRows + 4,
      "composition proof": L.compositionProof,
      "FRI layers": L.friLayers,
    };
    const wrong: string[] = [];
    for (const [name, at] of Object.entries(fields)) {
      const n = u32At(at);
      for (const v of [0xffffffff, 1 << 24, n + 1, n - 1]) {
        if (v < 0) continue;
        const r = await both(withU32(at, v), MALFORMED_GAS);
        if (r.ts !== "format" || r.evm !== "format") wrong.push(`${name} count ${n} → ${v}: TypeScript ${r.ts}, EVM ${r.evm}`);
      }
    }
    // the name's length: huge → format on both sides
    const r = await both(withU32(L.nameLength, 0xffffffff), MALFORMED_GAS);
    if (r.ts !== "format" || r.evm !== "format") wrong.push(`name length → 0xFFFFFFFF: TypeScript ${r.ts}, EVM ${r.evm}`);
    expect(wrong).toEqual([]);
  }, 180_000);

  // KNOWN DIFFERENCES (check name only): the contract compares the proof's options and context with the key's before
  // it parses the rest (OptionsMismatch / ContextMismatch); the TypeScript verifier parses the whole proof first with
  // the proof's own context (a longer name, a wider trace, an auxiliary width misalign the rest: format) and then
  // judges the proof's own options by its policy (other options that meet it draw other challenges: ood-consistency,
  // others: format or options).
  it("header mutations (options, version, magic, name, context, aux flag): both reject, with the same check or the documented pair", async () => {
    const L = layout;
    const set = (at: number, v: number) => {
      const b = proof.slice();
      b[at] = v & 0xff;
      return b;
    };
    const anyRejection: Verdict[] = ["format", "version", "options", "public-inputs", "security", "statement", "ood-consistency", "proof-of-work"];
    // [mutation, the contract's check today, the TypeScript checks seen with it]
    const cases: [string, Uint8Array, string, readonly Verdict[]][] = [
      ...["blowup", "queries", "grinding bits", "extension", "folding factor", "remainder degree", "hash", "zero knowledge"].flatMap((name, i): [string, Uint8Array, string, readonly Verdict[]][] => [
        [`${name} + 1`, set(5 + i, proof[5 + i]! + 1), "options", anyRejection],
        [`${name} − 1`, set(5 + i, proof[5 + i]! - 1), "options", anyRejection],
      ]),
      ["version 2", set(4, 2), "version", ["version"]],
      ["version 0", set(4, 0), "version", ["version"]],
      ["magic", set(0, 0), "format", ["format"]],
      ["a letter of the AIR name", set(L.nameLength + 4 + 3, proof[L.nameLength + 4 + 3]! ^ 1), "public-inputs", ["public-inputs"]],
      ["name length + 1", withU32(L.nameLength, u32At(L.nameLength) + 1), "public-inputs", ["format"]],
      ["name length − 1", withU32(L.nameLength, u32At(L.nameLength) - 1), "public-inputs", ["format"]],
      ["trace length × 2", withU32(L.context, u32At(L.context) * 2), "public-inputs", ["public-inputs"]],
      ["trace length + 2^31", withU32(L.context, u32At(L.context) + 2 ** 31), "public-inputs", ["format"]],
      ["trace width + 1", withU32(L.context + 4, u32At(L.context + 4) + 1), "public-inputs", ["format"]],
      ["trace width − 1", withU32(L.context + 4, u32At(L.context + 4) - 1), "public-inputs", ["format"]],
      ["aux width 1", withU32(L.context + 8, 1), "public-inputs", ["format"]],
      ["aux flag 1", set(L.auxFlag, 1), "format", ["format"]],
      ["aux flag 2", set(L.auxFlag, 2), "format", ["format"]],
    ];
    const wrong: string[] = [];
    for (const [what, bytes, evm, ts] of cases) {
      const r = await both(bytes, MALFORMED_GAS);
      const same = r.ts === r.evm && r.ts !== "ok";
      if (!same && (r.evm !== evm || !ts.includes(r.ts))) wrong.push(`${what}: TypeScript ${r.ts}, EVM ${r.evm}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  // ----- another statement ----------------------------------------------------------------------------------------
  it("a proof of another statement (another user's encryption) against this statement: ood-consistency; valid for its own", async () => {
    expect(offchain(other.proof, other.statement)).toBe("ok");
    expect(await onchain(other.proof, { inputs: inferencePublicInputs(other.statement) })).toBe("ok");
    expect(await both(other.proof)).toEqual({ ts: "ood-consistency", evm: "ood-consistency" });
    expect(offchain(proof, other.statement)).toBe("ood-consistency");
    expect(await onchain(proof, { inputs: inferencePublicInputs(other.statement) })).toBe("ood-consistency");
  }, 60_000);

  // By design, not a bug: the TypeScript verifier judges a proof's own options by its policy, the contract takes only the
  // key's (ONCHAIN_OPTIONS). A valid proof of this statement with two more queries is accepted off-chain only.
  it("a valid proof of this statement under other options that meet the policy (two more queries): TypeScript ok, EVM options", async () => {
    const more = carsInferenceProof({ ...ONCHAIN_OPTIONS, queries: ONCHAIN_OPTIONS.queries + 2 }, SEED);
    expect(more.statement.traceLength).toBe(statement.traceLength);
    expect(await both(more.proof, MALFORMED_GAS)).toEqual({ ts: "ok", evm: "options" });
  }, 60_000);

  // ----- public inputs ----------------------------------------------------------------------------------------------
  it("public inputs: one too few or too many, a free lane ≥ p (p, 2^64 − 1), two free lanes swapped", async () => {
    const free = key.publicTemplate.flatMap((v, i) => (v === undefined ? [i] : []));
    expect(free.length).toBeGreaterThan(1);
    expect(await onchain(proof, { inputs: pub.slice(0, -1) })).toBe("statement");
    expect(await onchain(proof, { inputs: [...pub, 0n] })).toBe("statement");
    expect(await onchain(proof, { inputs: [] })).toBe("statement");
    for (const v of [P, P + 1n, (1n << 64n) - 1n]) {
      const lane = pub.slice();
      lane[free[0]!] = v;
      expect(await onchain(proof, { inputs: lane }), `lane = ${v}`).toBe("statement");
    }
    const a = free.find((i) => pub[i] !== pub[free[0]!]) ?? free[1]!;
    const swapped = pub.slice();
    [swapped[free[0]!], swapped[a]] = [swapped[a]!, swapped[free[0]!]!];
    expect(swapped).not.toEqual(pub);
    expect(await onchain(proof, { inputs: swapped })).toBe("ood-consistency");
  }, 60_000);

  // The ABI decoder, not the verifier: a uint64 public input whose calldata word has bits above 64 reverts before
  // verify runs, without data (Solidity's decoder validation; no custom error can name it).
  it("a public input word ≥ 2^64 in raw calldata: refused by the ABI decoder (a revert without data)", async () => {
    const data = verifier.interface.encodeFunctionData("verify", [tuple, pub, proof]);
    const bytes = Uint8Array.from(Buffer.from(data.slice(2), "hex"));
    const pubOffset = Number(new DataView(bytes.buffer).getBigUint64(4 + 32 + 24)); // head word 1: offset of the array
    const first = 4 + pubOffset + 32; // after the array's length word
    expect(new DataView(bytes.buffer).getBigUint64(first + 24)).toBe(pub[0]);
    bytes[first + 23] = 1; // pub[0] + 2^64
    let outcome = "ok";
    try {
      await chain.provider.call({ to: await verifier.getAddress(), data: "0x" + Buffer.from(bytes).toString("hex") });
    } catch (e) {
      outcome = `revert ${(e as { data?: string }).data ?? "(no data)"}`;
    }
    expect(outcome).toMatch(/^revert (0x|\(no data\))$/);
  }, 60_000);

  // ----- the key ----------------------------------------------------------------------------------------------------
  it("a key whose tape has one operation changed (add ↔ sub, mul → add) rejects the honest proof: ood-consistency", async () => {
    // an operation on a trace column that is not zero at z (a column that is zero throughout, as some of the VM's
    // are, makes the change invisible there)
    const { current, next } = parse(proof).ood;
    const w = key.traceWidth;
    const nonZero = (reg: number) => reg < 2 * w && !E.isZero((reg < w ? current : next)[reg % w]!);
    const ops = key.tape.ops;
    const addOrSub = ops.findIndex((o) => (o.op === "add" || o.op === "sub") && nonZero(o.b));
    const mul = ops.findIndex((o) => o.op === "mul" && nonZero(o.a) && nonZero(o.b));
    expect(addOrSub).toBeGreaterThanOrEqual(0);
    expect(mul).toBeGreaterThanOrEqual(0);
    const changed = (i: number, op: "add" | "sub") => ({ ...key, tape: { ...key.tape, ops: ops.map((o, j) => (j === i ? { ...o, op } : o)) } });
    expect(await onchain(proof, { key: verifyingKeyTuple(changed(addOrSub, ops[addOrSub]!.op === "add" ? "sub" : "add")) })).toBe("ood-consistency");
    expect(await onchain(proof, { key: verifyingKeyTuple(changed(mul, "add")) })).toBe("ood-consistency");
  }, 60_000);

  it("a key with a changed transcript head rejects the honest proof: ood-consistency", async () => {
    const head = (tuple[1] as Uint8Array).slice();
    head[head.length - 2]! ^= 1;
    const t = [...tuple];
    t[1] = head;
    expect(await onchain(proof, { key: t })).toBe("ood-consistency");
  }, 60_000);

  it("a key whose tape reads a register not yet written reverts BadTape (a named error, but a key's, not a proof check)", async () => {
    const ops = (tuple[6] as Uint8Array).slice();
    ops[5 * 0 + 3] = 0xff; // operand b of the first operation: register 0xFF.. (beyond those written)
    ops[5 * 0 + 4] = 0xff;
    const t = [...tuple];
    t[6] = ops;
    expect(await onchain(proof, { key: t })).toBe("revert: BadTape");
  }, 60_000);
});

describe(`FRI layers: a ${BATCH_ROWS}-row batch, whose proof folds before the remainder`, () => {
  const firstLayer = (edit: (leaves: Challenge[][], proofDigests: Uint8Array[]) => void) =>
    edited((p) => {
      const openings = [...p.fri.openings];
      const leaves = openings[0].leaves.map((l: Challenge[]) => [...l]);
      const digests = [...openings[0].proof];
      edit(leaves, digests);
      openings[0] = { ...openings[0], leaves, proof: digests };
      p.fri = { ...p.fri, openings };
    }, batch);

  it("baseline: the batch's honest proof has FRI layers and is accepted by both", async () => {
    expect(batch.key.friLayers).toBeGreaterThan(0);
    expect(batch.layout.end).toBe(batch.proof.length);
    expect(await both(batch.proof, undefined, batch)).toEqual({ ts: "ok", evm: "ok" });
  }, 60_000);

  it("swapping two leaves of the first FRI layer, or changing one value of a leaf: fri-opening", async () => {
    const swapped = firstLayer((leaves) => ([leaves[0], leaves[1]] = [leaves[1]!, leaves[0]!]));
    const changed = firstLayer((leaves) => (leaves[3]![5] = E.add(leaves[3]![5]!, E.ONE)));
    expect(await both(swapped, undefined, batch)).toEqual({ ts: "fri-opening", evm: "fri-opening" });
    expect(await both(changed, undefined, batch)).toEqual({ ts: "fri-opening", evm: "fri-opening" });
  }, 60_000);

  it("a FRI Merkle proof with a digest dropped or duplicated: fri-opening", async () => {
    const dropped = firstLayer((_, d) => d.pop());
    const duplicated = firstLayer((_, d) => d.splice(2, 0, d[2]!));
    expect(await both(dropped, undefined, batch)).toEqual({ ts: "fri-opening", evm: "fri-opening" });
    expect(await both(duplicated, undefined, batch)).toEqual({ ts: "fri-opening", evm: "fri-opening" });
  }, 60_000);

  it("one FRI leaf more or fewer: format (after the openings); a leaf of f + 1 values, a non-canonical leaf value: format, cheaply", async () => {
    const more = firstLayer((leaves) => leaves.push([...leaves[0]!]));
    const fewer = firstLayer((leaves) => leaves.pop());
    const wide = firstLayer((leaves) => leaves[0]!.push(E.ZERO));
    expect(await both(more, undefined, batch)).toEqual({ ts: "format", evm: "format" });
    expect(await both(fewer, undefined, batch)).toEqual({ ts: "format", evm: "format" });
    expect(await both(wide, MALFORMED_GAS, batch)).toEqual({ ts: "format", evm: "format" });
    const leafValue = batch.layout.friLayers + 4 + 4 + 4 + 24 * 2 + 8; // layer 0, leaf 0, value 2, coordinate 1
    expect(await both(withWord(leafValue, P, batch.proof), MALFORMED_GAS, batch)).toEqual({ ts: "format", evm: "format" });
  }, 60_000);

  it("a FRI layer root changed (absorbed before the proof of work): proof-of-work", async () => {
    const bad = edited((p) => {
      const roots = p.fri.layerRoots.map((r: Uint8Array) => r.slice());
      roots[0][0] ^= 1;
      p.fri = { ...p.fri, layerRoots: roots };
    }, batch);
    expect(await both(bad, undefined, batch)).toEqual({ ts: "proof-of-work", evm: "proof-of-work" });
  }, 60_000);

  it("dishonest prover: OOD composition values shifted so that the OOD check passes, re-ground: fri-folding (the first layer's leaves are not the DEEP values)", async () => {
    expect(await both(proofWithOodLie(shiftedComposition(batch), batch), undefined, batch)).toEqual({ ts: "fri-folding", evm: "fri-folding" });
  }, 60_000);

  it("dishonest prover: the remainder cut before its last non-zero coefficient, or one zero coefficient over the bound, re-ground: fri-remainder", async () => {
    const { bytes: short, kept } = proofWithShortRemainder(lastNonZero, batch);
    expect(kept).toBeGreaterThan(0);
    const { bytes: long, honest } = proofWithLongRemainder(batch);
    expect(honest.length).toBe(batch.key.remainderMax);
    expect(await both(short, undefined, batch)).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
    expect(await both(long, undefined, batch)).toEqual({ ts: "fri-remainder", evm: "fri-remainder" });
  }, 60_000);
});
