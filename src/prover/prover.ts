/**
 * The STARK prover, in numbered steps that the verifier (verifier.ts) mirrors — the structure of Winterfell's
 * `prover` crate and of the ethSTARK protocol (eprint 2021/582): commit to the trace, compose the constraints
 * with random coefficients, commit to the composition polynomial, evaluate everything at an out-of-domain point,
 * build the DEEP composition, prove its low degree with FRI, grind, and open the queried rows.
 *
 * Each step is written once, against the backend interface (backend/backend.ts): the same code proves on the
 * bigint reference backend (any prime field), on Goldilocks typed arrays and on the 128-bit kernels, with or
 * without zero knowledge and an auxiliary segment, and the proofs are byte-identical across backends. The
 * whole-domain steps live in steps/ (composition, DEEP, FRI layers, zero-knowledge polynomials).
 */
import type { Air, Trace } from "../air/air.js";
import { validateTrace } from "../air/validate.js";
import type { Hasher } from "../hash/hasher.js";
import { getHasher } from "../hash/index.js";
import { MerkleTree, hashLeafRows } from "../hash/merkle.js";
import { type RandomSource, systemRandom } from "../lwe/random.js";
import { Transcript } from "../hash/transcript.js";
import type { Field } from "../math/field.js";
import { compositionAt, compositionCoefficientCount, periodicLdePeriods } from "./constraints.js";
import { ProverError } from "./errors.js";
import { type Challenge, challengeField } from "./fields.js";
import { friCommit, friOpen } from "./fri.js";
import { type ProofOptions, validateOptions } from "./options.js";
import { GL_P, type GlVec, glFromBigints, glIsCanonical, glToBigints } from "../math/goldilocks.js";
import { PROOF_VERSION, type StarkProof, serializeProof } from "./proof.js";
import { transcriptSeed } from "./transcript-seed.js";
import { defaultMemoryBudgetMiB, formatBytes, proofMemoryEstimate } from "./memory.js";
import { type CompositionLayout, LayoutError, compositionLayout } from "./layout.js";
import { checkHiding, saltsAt, traceDigest, zkRandomnessFor } from "./zk.js";
import { type Backend, type BackendName, type Ext, ExtVectors, backendFor } from "./backend/index.js";
import { type AuxColumns, compositionValues } from "./steps/composition.js";
import { deepValues } from "./steps/deep.js";
import { VectorLayer } from "./steps/fri-layer.js";
import { maskChunks, randomizeCoefficients } from "./steps/zk-polys.js";

export interface ProveResult {
  readonly proof: StarkProof;
  readonly bytes: Uint8Array;
}

/** Commits to already packed rows (`rowBytes` each), salted with zero knowledge (leaf i = H(row i ‖ salt i)). */
function commitPacked(hasher: Hasher, packed: Uint8Array, rowBytes: number, salts?: Uint8Array): MerkleTree {
  return MerkleTree.build(hasher, hashLeafRows(hasher, packed, rowBytes, salts));
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

/**
 * Points of the composition's evaluation domain: the smallest power of two holding H's k·stride coefficients and
 * the committed polynomials' L, at most the LDE domain (a multiple of n, so the next row stays M/n points on).
 */
export function compositionDomainSize(layout: CompositionLayout, n: number, N: number): number {
  let M = n;
  while (M < layout.columns * layout.stride || M < layout.degreeBound) M *= 2;
  return Math.min(M, N);
}

/**
 * True when the interpolated H equals the constraints' composition at x_1 = g·ω_N, a point of the LDE domain
 * outside the evaluation domain (the verifier's compositionAt, with the trace's values there): a valid trace's H
 * is a polynomial of degree < k·stride, so they agree; an invalid trace's quotient is no polynomial, and its
 * interpolant misses it there but with negligible probability.
 */
function matchesAtLdePoint<V>(
  B: Backend<V>,
  X: ExtVectors<V>,
  air: Air,
  hCoeffs: Ext<V>,
  traceLde: readonly V[],
  aux: AuxColumns<V> | undefined,
  coefficients: readonly Challenge[],
  offset: bigint,
  blowup: number,
): boolean {
  const F = air.field;
  const C = X.C;
  const N = B.length(traceLde[0]!);
  const x = F.mul(offset, F.rootOfUnity(Math.log2(N)));
  const at = (i: number) => [...traceLde.map((c) => C.fromBase(B.get(c, i))), ...(aux?.lde ?? []).map((c) => X.get(c, i))];
  const expected = compositionAt(air, C, { current: at(1), next: at((1 + blowup) % N) }, C.fromBase(x), coefficients, aux?.random ?? []);
  const powers = B.powers(x, B.length(hCoeffs[0]!));
  const parts = B.innerProducts(hCoeffs, [powers]).map((r) => r[0]!);
  return C.E.eq(expected, X.k === 1 ? parts[0]! : parts);
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
  /**
   * The backend that computes the proof (backend/index.ts): default the fastest one for the field. Every backend
   * makes the same proof; naming one is for cross-checks and comparisons.
   */
  readonly backend?: BackendName;
  /** Called as each of the proof's PROVE_STEPS steps starts (the CLI's progress bar): step 1…8, the total, its name. */
  readonly onProgress?: (step: number, total: number, label: string) => void;
}

/** The steps a proof reports to ProveOptions.onProgress. */
export const PROVE_STEPS = 8;

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
  const n = air.traceLength;
  const w = air.traceWidth;
  const rows = (c: bigint[] | GlVec) => (c instanceof Uint32Array ? c.length >>> 1 : c.length);
  if (traceIn.length !== w || traceIn.some((c) => rows(c) !== n))
    throw new ProverError(`trace shape ${traceIn.length}×${traceIn[0] ? rows(traceIn[0]) : 0} does not match the AIR's ${w}×${n}`);
  if (options.queries > (n * options.blowup) / 2)
    throw new ProverError(`${options.queries} distinct query positions need an LDE domain of ≥ ${2 * options.queries} points; ${air.name} has ${n} rows × blowup ${options.blowup} = ${n * options.blowup}`);
  const B = backendFor(air.field, how.backend);
  // (a temporary bigint copy for validation: keeping it would put the bigints back on the heap for the whole proof)
  if (how.validate !== false) validateTrace(air, typed ? typed.map(glToBigints) : (traceIn as Trace));
  if (options.zeroKnowledge) checkHiding(air, options); // (before the layout: its message is the more useful)
  let layout: CompositionLayout;
  try {
    layout = compositionLayout(air, options);
  } catch (e) {
    if (e instanceof LayoutError) throw new ProverError(e.message);
    throw e;
  }
  return proveOn(B, air, typed ?? (traceIn as Trace), options, layout, how);
}

/** The proof's steps on backend B (the trace already checked against the AIR's shape and the options). */
function proveOn<V>(B: Backend<V>, air: Air, traceIn: Trace | GoldilocksTrace, options: ProofOptions, layout: CompositionLayout, how: ProveOptions): ProveResult {
  const F = air.field;
  const C = challengeField(F, options.fieldExtension);
  const E = C.E;
  const X = new ExtVectors(B, C);
  const hasher = getHasher(options.hash);
  const n = air.traceLength;
  const b = options.blowup;
  const N = n * b;
  const w = air.traceWidth;
  const k = layout.columns;
  /** Coefficients per committed polynomial: n, or 2n with zero knowledge (the layout's degree bound). */
  const L = layout.degreeBound;
  const typed = isTypedTrace(traceIn) ? traceIn : undefined;
  let traceBig: Trace | undefined = typed ? undefined : (traceIn as Trace);
  /** bigint columns, built from typed ones only when something needs them (an auxiliary segment, the bigint backend). */
  const bigTrace = (): Trace => (traceBig ??= typed!.map(glToBigints));
  // a seeded source re-keyed by the statement and the trace before any draw (zk.ts), the CSPRNG as it is
  const zk = options.zeroKnowledge ? zkRandomnessFor(how.random ?? systemRandom(), air, options, () => traceDigest(F, typed ?? bigTrace())) : undefined;
  if (!zk && k + 1 > b) throw new ProverError(`blowup ${b} is too small for constraints of degree ${k + 1}: it must be at least ${2 ** Math.ceil(Math.log2(k + 1))}`);
  const offset = F.generator;
  const t = new Transcript(hasher, "EncryptAI-STARK-v2", transcriptSeed(air, options));

  // 1 ----- commit to the execution trace ------------------------------------------------------------------
  how.onProgress?.(1, PROVE_STEPS, "trace");
  const traceValues: V[] = typed && B.name === "goldilocks" ? (typed as unknown as V[]) : bigTrace().map((c) => B.from(c));
  // zero knowledge: T' = T + (X^n − 1)·R, 2n coefficients (steps/zk-polys.ts)
  const traceCoeffs = B.interpolateMany(traceValues).map((c) => (zk ? randomizeCoefficients(B, c, B.from(zk.elements(F, n))) : c));
  const traceLde = B.cosetLdeMany(traceCoeffs, N / L, offset);
  const traceSalts = zk?.salts(N);
  const traceTree = commitPacked(hasher, B.packRows(traceLde), w * F.byteLength, traceSalts);
  t.absorb("trace-root", traceTree.root);

  // 1b ---- auxiliary segment from verifier randomness --------------------------------------------------------
  let aux: AuxColumns<V> | undefined;
  let auxTree: MerkleTree | undefined;
  let auxSalts: Uint8Array | undefined;
  if (air.aux) {
    const random = t.drawFields(E, air.aux.randomElements, (i) => `aux-random-${i}`);
    const values = air.aux.build(E, bigTrace(), random);
    // check the builder's output against the declaration (the proof's context, like the verifier, uses the declared width)
    if (!Array.isArray(values) || values.length !== air.aux.width)
      throw new ProverError(`${air.name}: the auxiliary builder returned ${Array.isArray(values) ? values.length : "no"} columns, the AIR declares ${air.aux.width}`);
    for (let c = 0; c < values.length; c++) {
      const col = values[c];
      if (!Array.isArray(col) || col.length !== n || !col.every((v) => E.isValid(v)))
        throw new ProverError(`${air.name}: auxiliary column ${air.aux.columnNames[c] ?? c} is not ${n} canonical elements of ${E.name}`);
    }
    const coeffs = values.map((col) => {
      const plain = B.interpolateMany(X.fromChallenges(col));
      if (!zk) return plain;
      const r = X.fromChallenges(zk.elements(E, n));
      return plain.map((c, i) => randomizeCoefficients(B, c, r[i]!));
    });
    const lde = coeffs.map((c) => B.cosetLdeMany(c, N / L, offset));
    aux = { values, coeffs, lde, random };
    auxSalts = zk?.salts(N);
    auxTree = commitPacked(hasher, B.packRows(lde.flat()), lde.length * E.byteLength, auxSalts);
    t.absorb("aux-root", auxTree.root);
  }

  // 2 ----- draw the constraint-composition coefficients ------------------------------------------------------
  how.onProgress?.(2, PROVE_STEPS, "coefficients");
  const coefficients = t.drawPowers(E, compositionCoefficientCount(air), "composition");

  // 3 ----- evaluate the composition polynomial, split it and commit -----------------------------------------
  how.onProgress?.(3, PROVE_STEPS, "composition");
  // H has fewer than k·stride coefficients: it is evaluated on the smallest sub-coset g·⟨ω_M⟩ of the LDE domain
  // that determines it (Winterfell's constraint evaluation domain), every (N/M)-th point of the trace's LDE
  const M = compositionDomainSize(layout, n, N);
  const step = N / M;
  const sub = (v: V): V => (step === 1 ? v : B.stride(v, step));
  const omegaM = F.rootOfUnity(Math.log2(M));
  const omega = F.rootOfUnity(Math.log2(n));
  // transition divisor 1/(x^n − 1): on the coset x_i = g·ω_M^i, x_i^n = g^n·ω_(M/n)^i repeats with period M/n
  const zInvPeriod = F.invertBatch(Array.from({ length: M / n }, (_, i) => F.sub(F.pow(F.mul(offset, F.pow(omegaM, BigInt(i))), BigInt(n)), F.ONE)));
  const H = compositionValues({
    air,
    X,
    traceValues,
    traceCoeffs,
    traceLde: traceLde.map(sub),
    aux: aux && { ...aux, lde: aux.lde.map((c) => c.map(sub)) },
    offset,
    blowup: M / n,
    xs: B.powers(omegaM, M, offset),
    zInv: B.tile(B.from(zInvPeriod), M),
    // one period of each periodic column on the evaluation domain (by NTT), repeated to M points
    periodicLde: periodicLdePeriods(air, M / n, offset).map((one) => B.tile(B.from(one), M)),
    assertionPoints: air.assertions.map((a) => F.pow(omega, BigInt(a.step))),
    coefficients,
    lastStep: F.pow(omega, BigInt(n - 1)),
  });
  // H's coefficients: the values interpolated on g·⟨ω_M⟩ (c_i·g^(−i)), plus the part given as coefficients
  const offsetInvPowers = B.powers(F.inv(offset), M);
  const hCoeffs = B.interpolateMany(H.values).map((c, i) => {
    const scaled = B.mul(c, offsetInvPowers);
    const extra = H.coeffs[i]!;
    const l = B.length(extra);
    return B.concat([B.add(B.slice(scaled, 0, l), extra), B.slice(scaled, l, M)]);
  });
  // check its degree (< k·stride unless the trace is invalid) — on a domain with room above k·stride by the zero
  // coefficients, on one without by comparing H with the constraints at a point of the LDE domain outside it
  const stride = layout.stride;
  if (hCoeffs.some((v) => !B.zeroFrom(v, k * stride)) || (M < N && !matchesAtLdePoint(B, X, air, hCoeffs, traceLde, aux, coefficients, offset, b)))
    throw new ProverError(`the composition polynomial has degree ≥ ${k * stride}: the trace does not satisfy ${air.name}'s constraints (run validateTrace to find the step)`);
  // split into k columns of `stride` coefficients (zero knowledge: masked, plus a random mask column — layout.ts)
  let hColumns: Ext<V>[] = Array.from({ length: k }, (_, c) => X.slice(hCoeffs, c * stride, (c + 1) * stride));
  if (zk) {
    const masks = Array.from({ length: k - 1 }, () => X.fromChallenges(zk.elements(E, layout.maskCoefficients)));
    hColumns = [...maskChunks(B, hColumns, masks, layout), X.fromChallenges(zk.elements(E, layout.degreeBound))];
  }
  const hLdeFlat = B.cosetLdeMany(hColumns.flat(), N / L, offset);
  const hLde = hColumns.map((_, c) => hLdeFlat.slice(c * X.k, (c + 1) * X.k));
  const compositionSalts = zk?.salts(N);
  const compositionTree = commitPacked(hasher, B.packRows(hLdeFlat), hLde.length * E.byteLength, compositionSalts);
  t.absorb("composition-root", compositionTree.root);

  // 4 ----- evaluate trace and composition columns at the out-of-domain point z ------------------------------
  how.onProgress?.(4, PROVE_STEPS, "out-of-domain");
  // (inner products with the vectors of powers of z and zω)
  const z = drawOodPoint(E, t, n, N, offset);
  const zw = E.mul(z, C.fromBase(omega));
  const pz = X.powers(z, L);
  const pzw = X.powers(zw, L);
  const [mainCurrent, mainNext] = X.dotBaseMany(traceCoeffs, [pz, pzw]) as [Challenge[], Challenge[]];
  const auxCoeffs = aux?.coeffs ?? [];
  const oodCurrent = [...mainCurrent, ...auxCoeffs.map((c) => X.dot(c, pz))];
  const oodNext = [...mainNext, ...auxCoeffs.map((c) => X.dot(c, pzw))];
  const oodComposition = hColumns.slice(0, k).map((c) => X.dot(c, pz)); // (not the mask column)
  for (const v of [...oodCurrent, ...oodNext, ...oodComposition]) t.absorb("ood", E.toBytes(v));

  // 5 ----- DEEP composition (steps/deep.ts) ------------------------------------------------------------------
  how.onProgress?.(5, PROVE_STEPS, "DEEP");
  const cols = w + auxCoeffs.length;
  const gamma = t.drawPowers(E, 2 * cols + k + (layout.maskColumn ? 1 : 0), "deep");
  const deep = deepValues(X, { traceCoeffs, auxCoeffs, hCoeffs: hColumns.slice(0, k), maskCoeffs: hColumns[k], gamma, z, zw, size: N, offset });

  // 6 ----- FRI: commit to the folded layers ----------------------------------------------------------------
  how.onProgress?.(6, PROVE_STEPS, "FRI");
  const fri = friCommit(
    E,
    hasher,
    t,
    new VectorLayer(X, deep),
    offset,
    layout.degreeBound,
    { foldingFactor: options.friFoldingFactor, remainderMaxDegree: options.friRemainderMaxDegree, minRemainderSize: layout.minRemainderSize },
    zk && ((count) => zk.salts(count)),
  );

  // 7 ----- proof of work ------------------------------------------------------------------------------------
  how.onProgress?.(7, PROVE_STEPS, "proof of work");
  const powNonce = t.grind(options.grindingBits);

  // 8 ----- queries: open the trace, the composition and every FRI layer ------------------------------------
  how.onProgress?.(8, PROVE_STEPS, "queries");
  const positions = t.drawDistinctIndices("query-positions", options.queries, N);
  const auxLde = aux?.lde ?? [];
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
      traceRows: positions.map((p) => traceLde.map((c) => B.get(c, p))),
      traceProof: traceTree.openBatch(positions),
      auxRows: auxTree ? positions.map((p) => auxLde.map((c) => X.get(c, p))) : [],
      auxProof: auxTree ? auxTree.openBatch(positions) : [],
      compositionRows: positions.map((p) => hLde.map((c) => X.get(c, p))),
      compositionProof: compositionTree.openBatch(positions),
      traceSalts: traceSalts ? saltsAt(traceSalts, positions) : [],
      auxSalts: auxSalts ? saltsAt(auxSalts, positions) : [],
      compositionSalts: compositionSalts ? saltsAt(compositionSalts, positions) : [],
    },
  };
  return { proof, bytes: serializeProof(proof, F, E) };
}
