/**
 * The verifying key of an AIR family for the on-chain verifier (issue 16, items 2–3): everything the Solidity
 * verifier needs to check a proof for any statement of the family, generated from the TypeScript AIR itself — the
 * transition constraints as a tape (src/air/tape.ts), the periodic columns in Lagrange form, the assertions with
 * each value either a constant or a position in the statement's public inputs, the composition layout, the
 * transcript's seed head, the proof options and their security under the verifier's policy.
 *
 * A family is given by two AIRs of the same shape whose public inputs differ exactly in the free positions (the
 * statement's data: input and output lanes, the body direction); every free value must be distinct from every other
 * value in both (the caller picks them so). A constant of the constraints or an assertion value that equals a free
 * value in both AIRs becomes a reference to that position; anything that differs otherwise is refused, naming it.
 */
import type { Air } from "../air/air.js";
import { type TransitionTape, recordTransitionTape, TAPE_OPS } from "../air/tape.js";
import { compositionColumns } from "./constraints.js";
import { compositionLayout } from "./layout.js";
import { friLayerCount } from "./fri.js";
import type { ProofOptions } from "./options.js";
import { DEFAULT_POLICY, type SecurityPolicy, judgeSecurity } from "./policy.js";
import { transcriptSeed } from "./transcript-seed.js";
import { ProverError } from "./errors.js";

/** A value the verifier takes from the key (a constant) or from the statement's public inputs (an index). */
export type KeyValue = { readonly constant: bigint } | { readonly publicIndex: number };

export interface VerifyingKey {
  readonly airName: string;
  /** The JSON head of the transcript seed (transcript-seed.ts), which also fixes the options. */
  readonly head: Uint8Array;
  readonly options: ProofOptions;
  readonly traceLength: number;
  readonly traceWidth: number;
  readonly compositionColumns: number;
  readonly stride: number;
  readonly maskColumn: boolean;
  readonly degreeBound: number;
  readonly friLayers: number;
  /** Most coefficients the FRI remainder may have. */
  readonly remainderMax: number;
  readonly conjecturedBits: number;
  readonly provenBits: number;
  readonly policy: string;
  readonly tape: TransitionTape;
  /** Public-input position of each tape public slot. */
  readonly tapePublics: readonly number[];
  /** Periodic columns: value `fill` except at `entries` (index in the cycle → value). */
  readonly periodic: readonly { readonly cycle: number; readonly fill: bigint; readonly entries: readonly { readonly index: number; readonly value: bigint }[] }[];
  readonly assertions: readonly { readonly column: number; readonly step: number; readonly value: KeyValue }[];
  /** The public inputs: fixed values, or undefined where the statement fills them. */
  readonly publicTemplate: readonly (bigint | undefined)[];
}

/** The public inputs' values back from their bytes (encodePublicInputs: u32 count, then 8-byte little-endian words). */
export function publicInputValues(air: Air): bigint[] {
  const bytes = air.publicInputBytes();
  const F = air.field;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  if (F.byteLength !== 8 || bytes.length !== 4 + 8 * count) throw new ProverError(`${air.name}: the on-chain verifier takes public inputs of 8-byte elements`);
  return Array.from({ length: count }, (_, i) => view.getBigUint64(4 + 8 * i, true));
}

const sameTape = (a: TransitionTape, b: TransitionTape) =>
  a.constants.length === b.constants.length &&
  a.constants.every((c, i) => c === b.constants[i]) &&
  a.ops.length === b.ops.length &&
  a.ops.every((o, i) => o.op === b.ops[i]!.op && o.a === b.ops[i]!.a && o.b === b.ops[i]!.b) &&
  a.outputs.every((r, i) => r === b.outputs[i]);

/** The verifying key of the family of `a` and `b` (see the header), for `options` under `policy`. */
export function verifyingKey(a: Air, b: Air, options: ProofOptions, policy: SecurityPolicy = DEFAULT_POLICY): VerifyingKey {
  const fail = (what: string): never => {
    throw new ProverError(`verifying key for ${a.name}: ${what}`);
  };
  if (a.aux || b.aux) fail("the on-chain verifier has no auxiliary segment");
  if (a.name !== b.name || a.traceLength !== b.traceLength || a.traceWidth !== b.traceWidth) fail(`the two AIRs are not one family (${b.name})`);
  if (a.field.byteLength !== 8 || options.fieldExtension !== 3 || options.hash !== "keccak256") fail("the on-chain verifier takes Goldilocks with the cubic extension and keccak256");
  const pa = publicInputValues(a);
  const pb = publicInputValues(b);
  if (pa.length !== pb.length) fail("the two statements have public inputs of different lengths");
  const free = pa.map((v, i) => v !== pb[i]);
  const freeIndex = new Map<bigint, number>();
  pa.forEach((v, i) => {
    if (!free[i]) return;
    if (freeIndex.has(v)) fail(`free public inputs ${freeIndex.get(v)} and ${i} have the same value`);
    freeIndex.set(v, i);
  });
  const slots = [...freeIndex.values()];
  const record = (air: Air, values: readonly bigint[]) =>
    recordTransitionTape(air.field, air.traceWidth, air.periodicColumns.length, slots.map((i) => values[i]!), (E, f, p, out) => air.evaluateTransition(E, f, p, out), air.transitionDegrees.length);
  const tape = record(a, pa);
  if (!sameTape(tape, record(b, pb))) fail("the transition constraints depend on the statement other than through its public inputs");
  // a tape slot no constraint reads is dropped by nothing: slots stay aligned with `slots`
  const periodic = a.periodicColumns.map((col, c) => {
    const other = b.periodicColumns[c];
    if (!other || other.length !== col.length || other.some((v, i) => v !== col[i])) fail(`periodic column ${c} depends on the statement`);
    const counts = new Map<bigint, number>();
    for (const v of col) counts.set(v, (counts.get(v) ?? 0) + 1);
    const fill = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
    return { cycle: col.length, fill, entries: col.flatMap((value, index) => (value === fill ? [] : [{ index, value }])) };
  });
  if (a.assertions.length !== b.assertions.length) fail("the two statements have different assertion counts");
  const assertions = a.assertions.map((x, k) => {
    const y = b.assertions[k]!;
    if ((x.segment ?? "main") !== "main" || x.column !== y.column || x.step !== y.step) fail(`assertion ${k} moves with the statement`);
    if (x.value === y.value) return { column: x.column, step: x.step, value: { constant: x.value } };
    const i = freeIndex.get(x.value);
    if (i === undefined || pb[i] !== y.value) fail(`assertion ${k}'s value is not a public input`);
    return { column: x.column, step: x.step, value: { publicIndex: i! } };
  });
  const layout = compositionLayout(a, options);
  const N = a.traceLength * options.blowup;
  const fp = { foldingFactor: options.friFoldingFactor, remainderMaxDegree: options.friRemainderMaxDegree, minRemainderSize: layout.minRemainderSize };
  const friLayers = friLayerCount(N, layout.degreeBound, fp);
  let remainderMax = layout.degreeBound;
  for (let r = 0; r < friLayers; r++) remainderMax = Math.ceil(remainderMax / options.friFoldingFactor);
  const verdict = judgeSecurity(policy, a, options);
  if (!verdict.ok) fail(verdict.reason!);
  const seed = transcriptSeed(a, options);
  const headLength = new DataView(seed.buffer, seed.byteOffset).getUint32(0, true);
  if (compositionColumns(a) !== layout.columns && !options.zeroKnowledge) fail("inconsistent composition layout");
  return {
    airName: a.name,
    head: seed.slice(4, 4 + headLength),
    options,
    traceLength: a.traceLength,
    traceWidth: a.traceWidth,
    compositionColumns: layout.columns,
    stride: layout.stride,
    maskColumn: layout.maskColumn,
    degreeBound: layout.degreeBound,
    friLayers,
    remainderMax,
    conjecturedBits: verdict.conjecturedBits,
    provenBits: verdict.provenBits,
    policy: verdict.policy,
    tape,
    tapePublics: slots,
    periodic,
    assertions,
    publicTemplate: pa.map((v, i) => (free[i] ? undefined : v)),
  };
}

const HASH_IDS = ["blake3-256", "sha256", "keccak256"] as const;
const FREE = 1n << 255n;

/** The key as the Solidity verifier's `VerifyingKey` struct (contracts/verifiers/stark/StarkVerifier.sol), in field order. */
export function verifyingKeyTuple(k: VerifyingKey): unknown[] {
  const o = k.options;
  const enc = new TextEncoder();
  const ops = new Uint8Array(5 * k.tape.ops.length);
  k.tape.ops.forEach((op, i) => {
    ops[5 * i] = TAPE_OPS[op.op];
    ops[5 * i + 1] = op.a >> 8;
    ops[5 * i + 2] = op.a & 0xff;
    ops[5 * i + 3] = op.b >> 8;
    ops[5 * i + 4] = op.b & 0xff;
  });
  const points: { cycle: number; index: number }[] = [];
  const pointOf = (cycle: number, index: number) => {
    let p = points.findIndex((q) => q.cycle === cycle && q.index === index);
    if (p < 0) p = points.push({ cycle, index }) - 1;
    return p;
  };
  const entryPoint: number[] = [];
  const entryValue: bigint[] = [];
  const entryEnds: number[] = [];
  const P = (1n << 64n) - (1n << 32n) + 1n;
  for (const col of k.periodic) {
    for (const e of col.entries) {
      entryPoint.push(pointOf(col.cycle, e.index));
      entryValue.push((e.value - col.fill + P) % P);
    }
    entryEnds.push(entryPoint.length);
  }
  const steps = [...new Set(k.assertions.map((a) => a.step))];
  return [
    enc.encode(k.airName),
    k.head,
    [o.blowup, o.queries, o.grindingBits, o.fieldExtension, o.friFoldingFactor, o.friRemainderMaxDegree, HASH_IDS.indexOf(o.hash), o.zeroKnowledge ? 1 : 0],
    [k.traceLength, k.traceWidth, k.compositionColumns, k.stride, k.maskColumn ? 1 : 0, k.degreeBound, k.friLayers, k.remainderMax, k.conjecturedBits, k.provenBits],
    k.tapePublics,
    k.tape.constants,
    ops,
    k.tape.outputs,
    k.periodic.map((c) => c.cycle),
    k.periodic.map((c) => c.fill),
    entryEnds,
    entryPoint,
    entryValue,
    points.map((p) => p.cycle),
    points.map((p) => p.index),
    steps,
    k.assertions.map((a) => a.column),
    k.assertions.map((a) => steps.indexOf(a.step)),
    k.assertions.map((a) => ("constant" in a.value ? a.value.constant : FREE | BigInt(a.value.publicIndex))),
    k.publicTemplate.map((v) => (v === undefined ? FREE : v)),
  ];
}
