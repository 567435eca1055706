/**
 * The STARK prover, in numbered steps that the verifier (verifier.ts) mirrors — the structure of Winterfell's
 * `prover` crate and of the ethSTARK protocol (eprint 2021/582): commit to the trace, compose the constraints
 * with random coefficients, commit to the composition polynomial, evaluate everything at an out-of-domain point,
 * build the DEEP composition, prove its low degree with FRI, grind, and open the queried rows.
 *
 * This is the readable reference path: generic over the field (bigint elements), correct for any AIR, not
 * tuned for speed.
 */
import type { Air, Trace } from "../air/air.js";
import { validateTrace } from "../air/validate.js";
import type { Hasher } from "../hash/hasher.js";
import { getHasher } from "../hash/index.js";
import { MerkleTree, hashLeafRows } from "../hash/merkle.js";
import { type RandomSource, systemRandom } from "../lwe/random.js";
import { Transcript } from "../hash/transcript.js";
import { ldeDomain } from "../math/domain.js";
import type { Field } from "../math/field.js";
import { compositionCoefficientCount, periodicLdePeriods } from "./constraints.js";
import { type Column, columnField } from "../math/column-field.js";
import { vectorOpsFor } from "../math/vector-ops.js";
import { ProverError } from "./errors.js";
import { type Challenge, type ChallengeField, challengeField } from "./fields.js";
import { type LayerValues, PlainLayer, friCommit, friOpen } from "./fri.js";
import { type ProofOptions, validateOptions } from "./options.js";
import { type ExtVec, ExtVecOps } from "./ext-vec.js";
import { GL_P, type GlVec, glFromBigints, glGet, glIsCanonical, glTile, glToBigints } from "../math/goldilocks.js";
import { glPowersFast } from "../math/goldilocks-fast.js";
import { glCosetLdeMany, glInterpolateMany } from "../math/goldilocks-parallel.js";
import { VectorLayer, compositionFast, deepFast, interpolateCosetCoordinates, ldeCoordinatesMany, maskChunksVec, packRows, randomizeVec } from "./fast-steps.js";
import { evaluateCosetChallenge, fastPolyOpsEnabled, fastPolyOpsFor, interpolateBase, interpolateChallenge, interpolateCosetChallenge, ldeBase, ldeChallenge } from "./poly-ops.js";
import { PROOF_VERSION, type StarkProof, serializeProof } from "./proof.js";
import { transcriptSeed } from "./transcript-seed.js";
import { defaultMemoryBudgetMiB, formatBytes, proofMemoryEstimate } from "./memory.js";
import { type CompositionLayout, LayoutError, compositionLayout } from "./layout.js";
import { checkHiding, maskChunks, randomizeCoefficients, saltsAt, traceDigest, zkRandomnessFor } from "./zk.js";

export interface ProveResult {
  readonly proof: StarkProof;
  readonly bytes: Uint8Array;
}

function rowBytes<T>(F: Field<T>, columns: readonly (readonly T[])[], i: number): Uint8Array {
  const out = new Uint8Array(columns.length * F.byteLength);
  columns.forEach((c, j) => out.set(F.toBytes(c[i]!), j * F.byteLength));
  return out;
}

/** Commits to already packed rows (`rowBytes` each), salted with zero knowledge (leaf i = H(row i ‖ salt i)). */
function commitPacked(hasher: Hasher, packed: Uint8Array, rowBytes: number, salts?: Uint8Array): MerkleTree {
  return MerkleTree.build(hasher, hashLeafRows(hasher, packed, rowBytes, salts));
}

/** Commits to the rows of column-major evaluations: leaf i = H(row i), or H(row i ‖ salt i) with salts (zero knowledge). */
function commitRows<T>(F: Field<T>, hasher: Hasher, columns: readonly (readonly T[])[], salts?: Uint8Array): MerkleTree {
  const n = columns[0]!.length;
  const width = columns.length * F.byteLength;
  let bytes = F.characteristic === GL_P ? packGoldilocksRows(columns as readonly (readonly Challenge[])[], F.degree) : undefined;
  if (!bytes) {
    bytes = new Uint8Array(n * width);
    for (let i = 0; i < n; i++) bytes.set(rowBytes(F, columns, i), i * width);
  }
  return MerkleTree.build(hasher, hashLeafRows(hasher, bytes, width, salts));
}

/**
 * Row-major bytes of Goldilocks (or Goldilocks-extension) columns without per-element encoding: an element's
 * 8 little-endian bytes are its two 32-bit words, so each coordinate column becomes a GlVec once and rows are
 * assembled word by word (the same bytes as F.toBytes, row after row).
 */
function packGoldilocksRows(columns: readonly (readonly Challenge[])[], degree: number): Uint8Array {
  const n = columns[0]!.length;
  const coords: Uint32Array[] = [];
  for (const col of columns)
    for (let k = 0; k < degree; k++) coords.push(glFromBigints(degree === 1 ? (col as readonly bigint[]) : col.map((x) => (x as readonly bigint[])[k]!)));
  const words = new Uint32Array(n * coords.length * 2);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < coords.length; c++) {
      const o = (i * coords.length + c) * 2;
      words[o] = coords[c]![2 * i]!;
      words[o + 1] = coords[c]![2 * i + 1]!;
    }
  return new Uint8Array(words.buffer);
}

/** Horner evaluation of a base-field polynomial at a challenge point. */
function evalAt(C: ChallengeField, coeffs: readonly bigint[], x: Challenge): Challenge {
  const E = C.E;
  let acc = E.ZERO;
  for (let k = coeffs.length - 1; k >= 0; k--) acc = E.add(E.mul(acc, x), C.fromBase(coeffs[k]!));
  return acc;
}

function evalAtE(E: Field<Challenge>, coeffs: readonly Challenge[], x: Challenge): Challenge {
  let acc = E.ZERO;
  for (let k = coeffs.length - 1; k >= 0; k--) acc = E.add(E.mul(acc, x), coeffs[k]!);
  return acc;
}

/** Draws the out-of-domain point, avoiding the trace domain and the LDE coset (redraws with a counter). */
export function drawOodPoint(E: Field<Challenge>, t: Transcript, n: number, N: number, offset: bigint): Challenge {
  for (let attempt = 0; ; attempt++) {
    const z = t.drawField(E, `ood-point-${attempt}`);
    const inTrace = E.eq(E.pow(z, BigInt(n)), E.ONE);
    const inLde = E.eq(E.pow(z, BigInt(N)), E.pow(E.fromBigint(offset), BigInt(N)));
    if (!inTrace && !inLde) return z;
  }
}

/** Points per block of column-wise constraint evaluation on the generic path. */
const COLUMN_BLOCK = 4096;

/**
 * The main transition constraints of an AIR over the LDE domain evaluated column-wise with the field's vector
 * kernels (vector-ops.ts), one block of points at a time, for the generic path's point-by-point loop: undefined
 * when the field has none. The same values as evaluateTransition point by point (proofs are identical).
 */
function columnBlocks(air: Air, traceLde: readonly (readonly bigint[])[], periodicPeriods: readonly (readonly bigint[])[], blowup: number) {
  const ops = fastPolyOpsEnabled() ? vectorOpsFor(air.field) : undefined;
  if (!ops) return undefined;
  const N = traceLde[0]!.length;
  const size = Math.min(N, COLUMN_BLOCK);
  const E = columnField(ops, size);
  let start = -size; // (no block evaluated yet)
  let block: bigint[][] = [];
  const window = (col: readonly bigint[], from: number) => Array.from({ length: size }, (_, k) => col[(from + k) % col.length]!);
  return {
    /** Writes the constraints' values at point i into out (evaluating i's block on first use). */
    valuesAt(i: number, out: bigint[]): void {
      if (i < start || i >= start + size) {
        start = i - (i % size);
        const current = traceLde.map((c) => ops.fromBigints(c.slice(start, start + size)));
        const next = traceLde.map((c) => ops.fromBigints(window(c, start + blowup)));
        const periodic = periodicPeriods.map((p) => ops.fromBigints(window(p, start)));
        const values = new Array<Column>(air.transitionDegrees.length).fill(0n);
        air.evaluateTransition(E, { current, next }, periodic, values);
        block = values.map((v) => (typeof v === "bigint" ? new Array<bigint>(size).fill(v) : ops.toBigints(v)));
      }
      for (let c = 0; c < out.length; c++) out[c] = block[c]![i - start]!;
    },
  };
}

export interface ProveOptions {
  /**
   * Check the trace against the AIR first (every assertion and transition, naming the failing constraint and
   * step). Default true; turning it off only saves time (an invalid trace still cannot be proved).
   */
  readonly validate?: boolean;
  /**
   * Zero knowledge only: the source of the randomisers, masks and salts. Default the OS CSPRNG; pass
   * `seededRandom(seed)` for a reproducible proof (tests, figures) — it hides nothing from whoever knows the seed.
   * A seeded source is re-keyed by the statement and the trace first (`zkRandomnessFor`): other public inputs,
   * options, shape or witness draw other randomness from the same seed.
   */
  readonly random?: RandomSource;
  /**
   * Memory the proof may use, in MiB (default three quarters of the machine's): a statement whose proof would need
   * more (`proofMemoryEstimate`) is refused before any work, naming the size it would need.
   */
  readonly memoryBudgetMiB?: number;
}

/**
 * A Goldilocks trace as typed columns (GlVec: two little-endian 32-bit words per element), the layout the fast
 * path computes on. Large traces held this way keep millions of bigints off the heap, which otherwise every
 * garbage collection has to mark.
 */
export type GoldilocksTrace = readonly GlVec[];

/** The trace as typed columns when the AIR is over Goldilocks (the fast path's layout), else unchanged. */
export function asGoldilocksTrace(air: Air, trace: Trace): Trace | GoldilocksTrace {
  return air.field.degree === 1 && air.field.characteristic === GL_P ? trace.map(glFromBigints) : trace;
}

function isTypedTrace(trace: Trace | GoldilocksTrace): trace is GoldilocksTrace {
  return trace.length > 0 && trace[0] instanceof Uint32Array;
}

export function prove(air: Air, traceIn: Trace | GoldilocksTrace, options: ProofOptions, how: ProveOptions = {}): ProveResult {
  validateOptions(options);
  const budget = how.memoryBudgetMiB ?? defaultMemoryBudgetMiB();
  const need = proofMemoryEstimate(air, options);
  if (need > budget * 2 ** 20)
    throw new ProverError(
      `${air.name}: a proof of ${air.traceLength} rows × ${air.traceWidth} columns at blowup ${options.blowup} needs about ${formatBytes(need)} of memory, over the budget of ${formatBytes(budget * 2 ** 20)}: use a shorter trace (fewer steps) or a smaller blowup, or raise the budget`,
    );
  const typed = isTypedTrace(traceIn) ? traceIn : undefined;
  if (typed) {
    if (air.field.degree !== 1 || air.field.characteristic !== GL_P)
      throw new ProverError(`typed trace columns hold Goldilocks elements, but ${air.name} is over ${air.field.name}: pass bigint columns`);
    typed.forEach((col, c) => {
      if (!(col instanceof Uint32Array) || col.length !== 2 * air.traceLength)
        throw new ProverError(`typed trace column ${c} must be a Uint32Array of ${2 * air.traceLength} words (${air.traceLength} elements)`);
      if (!glIsCanonical(col)) throw new ProverError(`typed trace column ${c} holds a value ≥ the Goldilocks modulus`);
    });
  }
  // bigint columns, built from typed ones only when something needs them (validation, the generic path)
  let traceBig: Trace | undefined = typed ? undefined : (traceIn as Trace);
  const bigTrace = (): Trace => (traceBig ??= typed!.map(glToBigints));
  // (a temporary bigint copy for validation: keeping it would put the bigints back on the heap for the whole proof)
  if (how.validate !== false) validateTrace(air, traceBig ?? typed!.map(glToBigints));
  const F = air.field;
  const C = challengeField(F, options.fieldExtension);
  const E = C.E;
  const hasher = getHasher(options.hash);
  const n = air.traceLength;
  const b = options.blowup;
  const N = n * b;
  if (options.queries > N / 2) throw new ProverError(`${options.queries} distinct query positions need an LDE domain of ≥ ${2 * options.queries} points; ${air.name} has ${n} rows × blowup ${b} = ${N}`);
  const w = air.traceWidth;
  const rows = (c: bigint[] | GlVec) => (c instanceof Uint32Array ? c.length >>> 1 : c.length);
  if (traceIn.length !== w || traceIn.some((c) => rows(c) !== n))
    throw new ProverError(`trace shape ${traceIn.length}×${traceIn[0] ? rows(traceIn[0]) : 0} does not match the AIR's ${w}×${n}`);
  if (options.zeroKnowledge) checkHiding(air, options); // (before the layout: its message is the more useful)
  let layout: CompositionLayout;
  try {
    layout = compositionLayout(air, options);
  } catch (e) {
    if (e instanceof LayoutError) throw new ProverError(e.message);
    throw e;
  }
  const k = layout.columns;
  // a seeded source re-keyed by the statement and the trace before any draw (zk.ts), the CSPRNG as it is
  const zk = options.zeroKnowledge ? zkRandomnessFor(how.random ?? systemRandom(), air, options, () => traceDigest(F, typed ?? bigTrace())) : undefined;
  if (!zk && k + 1 > b) throw new ProverError(`blowup ${b} is too small for constraints of degree ${k + 1}: it must be at least ${2 ** Math.ceil(Math.log2(k + 1))}`);
  const D = ldeDomain(F, n, b);
  const offset = F.generator;
  const t = new Transcript(hasher, "EncryptAI-STARK-v1", transcriptSeed(air, options));

  // Goldilocks without an auxiliary segment takes the vector path (poly-ops.ts, ext-vec.ts, fast-steps.ts), with
  // or without zero knowledge: the same values, and the same random draws in the same order, computed on
  // typed-array vectors. Everything else takes the generic path. Proofs are identical.
  const fast = fastPolyOpsFor(F) && !air.aux ? new ExtVecOps(C) : undefined;

  // 1 ----- commit to the execution trace ------------------------------------------------------------------
  // (many columns: half of them on a helper thread, goldilocks-parallel.ts)
  const traceVec = fast ? (typed ?? bigTrace().map(glFromBigints)) : [];
  // zero knowledge: T' = T + (X^n − 1)·R, 2n coefficients (zk.ts)
  const traceCoeffsVec = fast ? glInterpolateMany(traceVec).map((c) => (zk ? randomizeVec(c, glFromBigints(zk.elements(F, n))) : c)) : [];
  /** Coefficients per committed polynomial: n, or 2n with zero knowledge (the layout's degree bound). */
  const L = layout.degreeBound;
  const traceCoeffs = fast ? [] : bigTrace().map((col) => (zk ? randomizeCoefficients(F, interpolateBase(F, col), zk.elements(F, n)) : interpolateBase(F, col)));
  const traceLdeVec = fast ? glCosetLdeMany(traceCoeffsVec, N / L, offset) : [];
  let traceLdeBig: bigint[][] | undefined = fast ? undefined : traceCoeffs.map((c) => ldeBase(F, c, N / c.length, offset));
  /** The trace LDE as bigints (converted on first use on the fast path, where a vector AIR may never need it). */
  const traceLdeRows = (): bigint[][] => (traceLdeBig ??= traceLdeVec.map(glToBigints));
  const traceAt = (c: number, i: number): bigint => (traceLdeBig ? traceLdeBig[c]![i]! : glGet(traceLdeVec[c]!, i));
  const traceSalts = zk?.salts(N);
  const traceTree = fast ? commitPacked(hasher, packRows(traceLdeVec), w * 8, traceSalts) : commitRows(F, hasher, traceLdeRows(), traceSalts);
  t.absorb("trace-root", traceTree.root);

  // 1b ---- auxiliary segment from verifier randomness --------------------------------------------------------
  let random: Challenge[] = [];
  let auxCoeffs: Challenge[][] = [];
  let auxLde: Challenge[][] = [];
  let auxTree: MerkleTree | undefined;
  let auxSalts: Uint8Array | undefined;
  if (air.aux) {
    random = Array.from({ length: air.aux.randomElements }, (_, i) => t.drawField(E, `aux-random-${i}`));
    const aux = air.aux.build(E, bigTrace(), random);
    // check the builder's output against the declaration (the proof's context, like the verifier, uses the declared width)
    if (!Array.isArray(aux) || aux.length !== air.aux.width)
      throw new ProverError(`${air.name}: the auxiliary builder returned ${Array.isArray(aux) ? aux.length : "no"} columns, the AIR declares ${air.aux.width}`);
    for (let c = 0; c < aux.length; c++) {
      const col = aux[c];
      if (!Array.isArray(col) || col.length !== n || !col.every((v) => E.isValid(v)))
        throw new ProverError(`${air.name}: auxiliary column ${air.aux.columnNames[c] ?? c} is not ${n} canonical elements of ${E.name}`);
    }
    auxCoeffs = aux.map((col) => (zk ? randomizeCoefficients(E, interpolateChallenge(F, C, col), zk.elements(E, n)) : interpolateChallenge(F, C, col)));
    auxLde = auxCoeffs.map((c) => ldeChallenge(F, C, c, N / c.length, offset));
    auxSalts = zk?.salts(N);
    auxTree = commitRows(E, hasher, auxLde, auxSalts);
    t.absorb("aux-root", auxTree.root);
  }

  // 2 ----- draw the constraint-composition coefficients ------------------------------------------------------
  const coefficients = Array.from({ length: compositionCoefficientCount(air) }, (_, i) => t.drawField(E, `composition-${i}`));

  // 3 ----- evaluate the composition polynomial over the LDE domain, split it and commit --------------------
  // the LDE domain's points: a typed vector on the fast path, bigints (built only when needed) on the generic one
  const omegaN = F.rootOfUnity(Math.log2(N));
  const domainPrefix = (count: number): bigint[] => {
    const out = new Array<bigint>(count);
    for (let i = 0, x = offset; i < count; i++, x = F.mul(x, omegaN)) out[i] = x;
    return out;
  };
  let xsBig: bigint[] | undefined;
  const xsAll = (): bigint[] => (xsBig ??= D.elements());
  const omega = F.rootOfUnity(Math.log2(n));
  const lastStep = F.pow(omega, BigInt(n - 1));
  // transition divisor 1/Z(x) = (x − ω^(n−1)) / (x^n − 1). On the coset x_i = g·ω_N^i, x_i^n = g^n·ω_b^i repeats
  // with period b, and a periodic column's argument x_i^(n/c) repeats with period b·c: compute one period.
  const zInvPeriod = F.invertBatch(domainPrefix(b).map((x) => F.sub(F.pow(x, BigInt(n)), F.ONE)));
  // one period of each periodic column on the LDE domain (by NTT), repeated to N points where needed
  const periodicPeriods = periodicLdePeriods(air, b, offset);
  const assertionPoints = air.assertions.map((a) => F.pow(omega, BigInt(a.step)));
  const xsVec = fast ? glPowersFast(omegaN, N, offset) : undefined;
  const compositionVec = fast
    ? compositionFast(fast, {
        air,
        traceLdeVec,
        traceValues: traceVec,
        traceCoeffsVec,
        offset,
        xs: xsVec!,
        zInv: glTile(glFromBigints(zInvPeriod), N),
        periodicLdeVec: periodicPeriods.map((one) => glTile(glFromBigints(one), N)),
        assertionPoints,
        coefficients,
        lastStep,
        blowup: b,
      })
    : undefined;
  function compositionGeneric(): Challenge[] {
    const xs = xsAll();
    const zInv = Array.from({ length: N }, (_, i) => zInvPeriod[i % b]!);
    // 1/(x − ω^step) once per asserted step (assertions share steps), inverted by the vector kernels when the field
    // has them
    const vec = fastPolyOpsEnabled() ? vectorOpsFor(F) : undefined;
    const byPoint = new Map<bigint, bigint[]>();
    const assertionDen = assertionPoints.map((point) => {
      let den = byPoint.get(point);
      if (!den) {
        const diffs = xs.map((x) => F.sub(x, point));
        den = vec ? vec.toBigints(vec.batchInverse(vec.fromBigints(diffs))) : F.invertBatch(diffs);
        byPoint.set(point, den);
      }
      return den;
    });
    const traceLde = traceLdeRows();
    const mainCount = air.transitionDegrees.length;
    const auxCount = air.aux?.transitionDegrees.length ?? 0;
    const values = new Array<bigint>(mainCount);
    const auxValues = new Array<Challenge>(auxCount);
    const composition: Challenge[] = new Array(N);
    // a field with vector kernels (the 128-bit primes) evaluates the main constraints column-wise, a block of
    // points at a time (column-field.ts); the rest of the combination stays point by point
    const blocks = air.aux ? undefined : columnBlocks(air, traceLde, periodicPeriods, b);
    for (let i = 0; i < N; i++) {
      const j = (i + b) % N; // x·ω lies b positions further on the coset
      const frame = () => ({ current: traceLde.map((c) => c[i]!), next: traceLde.map((c) => c[j]!) });
      const periodic = () => periodicPeriods.map((p) => p[i % p.length]!);
      if (blocks) blocks.valuesAt(i, values);
      else {
        values.fill(0n);
        air.evaluateTransition(F, frame(), periodic(), values);
      }
      let acc = E.ZERO;
      for (let c = 0; c < mainCount; c++) acc = E.add(acc, C.mulBase(coefficients[c]!, values[c]!));
      if (air.aux) {
        const pe = periodic().map((v) => C.fromBase(v));
        const { current, next } = frame();
        auxValues.fill(E.ZERO);
        air.aux.evaluateTransition(
          E,
          { current: current.map((v) => C.fromBase(v)), next: next.map((v) => C.fromBase(v)) },
          { current: auxLde.map((c) => c[i]!), next: auxLde.map((c) => c[j]!) },
          random,
          pe,
          auxValues,
        );
        for (let c = 0; c < auxCount; c++) acc = E.add(acc, E.mul(coefficients[mainCount + c]!, auxValues[c]!));
      }
      acc = C.mulBase(acc, F.mul(F.sub(xs[i]!, lastStep), zInv[i]!));
      air.assertions.forEach((a, q) => {
        const col = a.segment === "aux" ? auxLde[a.column]![i]! : C.fromBase(traceLde[a.column]![i]!);
        const num = E.sub(col, C.fromBase(a.value));
        acc = E.add(acc, C.mulBase(E.mul(coefficients[mainCount + auxCount + q]!, num), assertionDen[q]![i]!));
      });
      composition[i] = acc;
    }
    return composition;
  }
  // interpolate H, check its degree (< k·stride unless the trace is invalid), split into k columns of `stride`
  // coefficients (zero knowledge: masked, plus a random mask column — layout.ts)
  const stride = layout.stride;
  const degreeError = () =>
    new ProverError(`the composition polynomial has degree ≥ ${k * stride}: the trace does not satisfy ${air.name}'s constraints (run validateTrace to find the step)`);
  let hColumnsCoeffs: Challenge[][] = [];
  let hColumnsVec: ExtVec[] = [];
  if (fast) {
    const hCoeffsVec = interpolateCosetCoordinates(F, compositionVec!, offset);
    for (const v of hCoeffsVec) for (let i = 2 * k * stride; i < v.length; i++) if (v[i] !== 0) throw degreeError();
    hColumnsVec = Array.from({ length: k }, (_, c) => hCoeffsVec.map((v) => v.slice(2 * c * stride, 2 * (c + 1) * stride)));
    if (zk) {
      const masks = Array.from({ length: k - 1 }, () => fast.fromChallenges(zk.elements(E, layout.maskCoefficients)));
      hColumnsVec = [...maskChunksVec(hColumnsVec, masks, layout), fast.fromChallenges(zk.elements(E, layout.degreeBound))];
    }
  } else {
    const hCoeffs = interpolateCosetChallenge(F, C, compositionGeneric(), offset);
    for (let i = k * stride; i < N; i++) if (!E.isZero(hCoeffs[i]!)) throw degreeError();
    hColumnsCoeffs = Array.from({ length: k }, (_, c) => hCoeffs.slice(c * stride, (c + 1) * stride));
    if (zk) {
      const masks = Array.from({ length: k - 1 }, () => zk.elements(E, layout.maskCoefficients));
      hColumnsCoeffs = [...maskChunks(E, hColumnsCoeffs, masks, layout), zk.elements(E, layout.degreeBound)];
    }
  }
  const hLdeVec = fast ? ldeCoordinatesMany(hColumnsVec, N / L, offset) : [];
  const hLde = fast ? [] : hColumnsCoeffs.map((c) => evaluateCosetChallenge(F, C, c, N, offset));
  const hAt = (c: number, i: number): Challenge => (fast ? fast.get(hLdeVec[c]!, i) : hLde[c]![i]!);
  const compositionSalts = zk?.salts(N);
  const compositionTree = fast ? commitPacked(hasher, packRows(hLdeVec.flat()), hLdeVec.length * E.byteLength, compositionSalts) : commitRows(E, hasher, hLde, compositionSalts);
  t.absorb("composition-root", compositionTree.root);

  // 4 ----- evaluate trace and composition columns at the out-of-domain point z ------------------------------
  const z = drawOodPoint(E, t, n, N, offset);
  const zw = E.mul(z, C.fromBase(omega));
  let oodCurrent: Challenge[];
  let oodNext: Challenge[];
  let oodComposition: Challenge[];
  if (fast) {
    // evaluations as inner products with the vectors of powers of z and zω
    const pz = fast.powers(z, L);
    const pzw = fast.powers(zw, L);
    [oodCurrent, oodNext] = fast.dotBaseMany(traceCoeffsVec, [pz, pzw]) as [Challenge[], Challenge[]];
    oodComposition = hColumnsVec.slice(0, k).map((c) => fast.dot(c, pz)); // (not the mask column)
  } else {
    oodCurrent = [...traceCoeffs.map((c) => evalAt(C, c, z)), ...auxCoeffs.map((c) => evalAtE(E, c, z))];
    oodNext = [...traceCoeffs.map((c) => evalAt(C, c, zw)), ...auxCoeffs.map((c) => evalAtE(E, c, zw))];
    oodComposition = hColumnsCoeffs.slice(0, k).map((c) => evalAtE(E, c, z)); // (not the mask column)
  }
  for (const v of [...oodCurrent, ...oodNext, ...oodComposition]) t.absorb("ood", E.toBytes(v));

  // 5 ----- DEEP composition: Σ γ·(T(x) − T(z))/(x − z) + γ'·(T(x) − T(zω))/(x − zω) + Σ δ·(H_j(x) − H_j(z))/(x − z)
  //         (+ μ·M(x) with zero knowledge: M the random mask column)
  const cols = w + auxLde.length;
  const gamma = Array.from({ length: 2 * cols + k + (layout.maskColumn ? 1 : 0) }, (_, i) => t.drawField(E, `deep-${i}`));
  const deep: LayerValues = fast
    ? new VectorLayer(F, fast, deepFast(fast, { traceCoeffsVec, size: N, offset, hCoeffsVec: hColumnsVec.slice(0, k), maskCoeffsVec: hColumnsVec[k], gamma, z, zw }))
    : new PlainLayer(E, deepGeneric());
  function deepGeneric(): Challenge[] {
    const traceLde = traceLdeRows();
    const xs = xsAll();
    const invZ = E.invertBatch(xs.map((x) => E.sub(C.fromBase(x), z)));
    const invZw = E.invertBatch(xs.map((x) => E.sub(C.fromBase(x), zw)));
    const deep: Challenge[] = new Array(N);
    for (let i = 0; i < N; i++) {
      let a = E.ZERO;
      let bb = E.ZERO;
      for (let c = 0; c < cols; c++) {
        const v = c < w ? C.fromBase(traceLde[c]![i]!) : auxLde[c - w]![i]!;
        a = E.add(a, E.mul(gamma[2 * c]!, E.sub(v, oodCurrent[c]!)));
        bb = E.add(bb, E.mul(gamma[2 * c + 1]!, E.sub(v, oodNext[c]!)));
      }
      for (let c = 0; c < k; c++) a = E.add(a, E.mul(gamma[2 * cols + c]!, E.sub(hLde[c]![i]!, oodComposition[c]!)));
      deep[i] = E.add(E.mul(a, invZ[i]!), E.mul(bb, invZw[i]!));
      if (layout.maskColumn) deep[i] = E.add(deep[i]!, E.mul(gamma[2 * cols + k]!, hLde[k]![i]!));
    }
    return deep;
  }

  // 6 ----- FRI: commit to the folded layers ----------------------------------------------------------------
  const fri = friCommit(
    E,
    hasher,
    t,
    deep,
    offset,
    layout.degreeBound,
    { foldingFactor: options.friFoldingFactor, remainderMaxDegree: options.friRemainderMaxDegree, minRemainderSize: layout.minRemainderSize },
    zk && ((count) => zk.salts(count)),
  );

  // 7 ----- proof of work ------------------------------------------------------------------------------------
  const powNonce = t.grind(options.grindingBits);

  // 8 ----- queries: open the trace, the composition and every FRI layer ------------------------------------
  const positions = t.drawDistinctIndices("query-positions", options.queries, N);
  const proof: StarkProof = {
    version: PROOF_VERSION,
    options,
    context: { air: air.name, traceLength: n, traceWidth: w, auxWidth: auxLde.length },
    traceRoot: traceTree.root,
    auxRoot: auxTree?.root,
    compositionRoot: compositionTree.root,
    ood: { current: oodCurrent, next: oodNext, composition: oodComposition },
    fri: { layerRoots: fri.layers.map((l) => l.tree.root), remainder: fri.remainder, openings: friOpen(fri.layers, positions, options.friFoldingFactor) },
    powNonce,
    queries: {
      traceRows: positions.map((p) => Array.from({ length: w }, (_, c) => traceAt(c, p))),
      traceProof: traceTree.openBatch(positions),
      auxRows: auxTree ? positions.map((p) => auxLde.map((c) => c[p]!)) : [],
      auxProof: auxTree ? auxTree.openBatch(positions) : [],
      compositionRows: positions.map((p) => Array.from({ length: k + (layout.maskColumn ? 1 : 0) }, (_, c) => hAt(c, p))),
      compositionProof: compositionTree.openBatch(positions),
      traceSalts: traceSalts ? saltsAt(traceSalts, positions) : [],
      auxSalts: auxSalts ? saltsAt(auxSalts, positions) : [],
      compositionSalts: compositionSalts ? saltsAt(compositionSalts, positions) : [],
    },
  };
  return { proof, bytes: serializeProof(proof, F, E) };
}
