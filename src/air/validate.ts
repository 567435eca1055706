/**
 * Checking an AIR and a trace against it before any proving (issue "STARK prover and verifier", item 3), in the
 * spirit of Winterfell's debug-mode `Air` checks (air/src/air/context.rs, prover/src/trace/mod.rs `validate`):
 *  - `checkAir(air)`: the AIR's own declarations — trace length a power of two ≥ 8 with a root of unity of that
 *    order, periodic cycles powers of two dividing the length, degrees ≥ 1, names as long as what they name,
 *    assertions in range and not overlapping — and, by a random-line test, that every declared transition degree
 *    is the constraint's actual total degree in the trace and periodic columns;
 *  - `validateTrace(air, trace)`: shape, every boundary assertion and every transition constraint at every step
 *    (over the base field), throwing a TraceValidationError that names the constraint or assertion, step and column.
 */
import { type Column, columnField } from "../math/column-field.js";
import { vectorOpsFor } from "../math/vector-ops.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { Field } from "../math/field.js";
import type { Air, Assertion, EvaluationFrame, Trace } from "./air.js";
import { AirDefinitionError, TraceValidationError, type TraceFailure } from "./errors.js";
import { checkTraceShape, isPowerOfTwo, MIN_TRACE_LENGTH } from "./trace.js";

// ----- AIR declarations ---------------------------------------------------------------------------------------

export interface CheckAirOptions {
  /** Also measure each transition constraint's degree and compare it with the declaration (default true). */
  readonly degrees?: boolean;
}

function checkNames(air: Air, property: string, names: readonly string[], expected: number, what: string): void {
  if (!Array.isArray(names) || names.length !== expected) {
    throw new AirDefinitionError(air.name, property, `has ${Array.isArray(names) ? names.length : "no"} entries, expected ${expected} (one per ${what})`);
  }
  names.forEach((n, i) => {
    if (typeof n !== "string" || n.length === 0) throw new AirDefinitionError(air.name, `${property}[${i}]`, `expected a non-empty string, got ${String(n)}`);
  });
}

function checkDegrees(air: Air, property: string, degrees: readonly number[]): void {
  if (!Array.isArray(degrees) || degrees.length === 0) throw new AirDefinitionError(air.name, property, "expected at least one transition constraint");
  degrees.forEach((d, i) => {
    if (!Number.isSafeInteger(d) || d < 1) throw new AirDefinitionError(air.name, `${property}[${i}]`, `degree must be an integer ≥ 1, got ${d}`);
  });
}

/**
 * Validates the AIR's declarations; throws AirDefinitionError naming the declaration at fault. With
 * `degrees: true` (default) also checks each declared degree against a random-line measurement.
 */
export function checkAir(air: Air, options: CheckAirOptions = {}): void {
  const name = typeof air.name === "string" && air.name.length > 0 ? air.name : "(unnamed)";
  if (name === "(unnamed)") throw new AirDefinitionError(name, "name", "expected a non-empty name");
  const F = air.field;
  const n = air.traceLength;
  if (!Number.isSafeInteger(air.traceWidth) || air.traceWidth < 1) {
    throw new AirDefinitionError(name, "traceWidth", `expected an integer ≥ 1, got ${air.traceWidth}`);
  }
  if (!isPowerOfTwo(n) || n < MIN_TRACE_LENGTH) {
    throw new AirDefinitionError(name, "traceLength", `expected a power of two ≥ ${MIN_TRACE_LENGTH}, got ${n}`);
  }
  if (Math.log2(n) > F.twoAdicity) {
    throw new AirDefinitionError(name, "traceLength", `${n} = 2^${Math.log2(n)} exceeds the 2-adicity ${F.twoAdicity} of ${F.name}: no trace domain of that size`);
  }
  checkDegrees(air, "transitionDegrees", air.transitionDegrees);
  checkNames(air, "constraintNames", air.constraintNames, air.transitionDegrees.length, "transition constraint");
  checkNames(air, "columnNames", air.columnNames, air.traceWidth, "main trace column");

  air.periodicColumns.forEach((col, i) => {
    const len = col.length;
    if (!isPowerOfTwo(len) || len < 2 || n % len !== 0) {
      throw new AirDefinitionError(name, `periodicColumns[${i}]`, `cycle length ${len} must be a power of two ≥ 2 that divides the trace length ${n}`);
    }
    col.forEach((v, j) => {
      if (!F.isValid(v)) throw new AirDefinitionError(name, `periodicColumns[${i}][${j}]`, `${String(v)} is not a canonical element of ${F.name}`);
    });
  });

  const aux = air.aux;
  if (aux) {
    if (!Number.isSafeInteger(aux.width) || aux.width < 1) throw new AirDefinitionError(name, "aux.width", `expected an integer ≥ 1, got ${aux.width}`);
    if (!Number.isSafeInteger(aux.randomElements) || aux.randomElements < 0) {
      throw new AirDefinitionError(name, "aux.randomElements", `expected an integer ≥ 0, got ${aux.randomElements}`);
    }
    checkDegrees(air, "aux.transitionDegrees", aux.transitionDegrees);
    checkNames(air, "aux.constraintNames", aux.constraintNames, aux.transitionDegrees.length, "auxiliary transition constraint");
    checkNames(air, "aux.columnNames", aux.columnNames, aux.width, "auxiliary column");
  }

  if (air.assertions.length === 0) throw new AirDefinitionError(name, "assertions", "expected at least one boundary assertion (Winterfell requires one)");
  const seen = new Map<string, number>();
  air.assertions.forEach((a, i) => {
    const segment = a.segment ?? "main";
    if (segment !== "main" && segment !== "aux") throw new AirDefinitionError(name, `assertions[${i}].segment`, `expected "main" or "aux", got ${String(segment)}`);
    const width = segment === "main" ? air.traceWidth : (aux?.width ?? 0);
    if (segment === "aux" && !aux) throw new AirDefinitionError(name, `assertions[${i}].segment`, "asserts on the auxiliary segment, but the AIR has none");
    if (!Number.isSafeInteger(a.column) || a.column < 0 || a.column >= width) {
      throw new AirDefinitionError(name, `assertions[${i}].column`, `${a.column} is out of range [0, ${width}) of the ${segment} segment`);
    }
    if (!Number.isSafeInteger(a.step) || a.step < 0 || a.step >= n) {
      throw new AirDefinitionError(name, `assertions[${i}].step`, `${a.step} is out of range [0, ${n})`);
    }
    if (!F.isValid(a.value)) throw new AirDefinitionError(name, `assertions[${i}].value`, `${String(a.value)} is not a canonical element of ${F.name}`);
    const key = `${segment}/${a.column}/${a.step}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new AirDefinitionError(name, `assertions[${i}]`, `overlaps assertions[${prev}] (both on ${describeAssertion(air, a)})`);
    }
    seen.set(key, i);
  });

  if (!(air.publicInputBytes() instanceof Uint8Array)) throw new AirDefinitionError(name, "publicInputBytes", "must return a Uint8Array");

  if (options.degrees ?? true) {
    const measured = measureTransitionDegrees(air);
    const report = (property: string, declared: readonly number[], got: readonly number[], names: readonly string[]) =>
      declared.forEach((d, j) => {
        if (got[j] !== d) {
          const actual = got[j]! < 0 ? "is identically zero" : `has degree ${got[j]}`;
          throw new AirDefinitionError(
            name,
            `${property}[${j}]`,
            `constraint "${names[j]}" is declared of degree ${d} but ${actual} in the trace and periodic columns (random-line test)`,
          );
        }
      });
    report("transitionDegrees", air.transitionDegrees, measured.main, air.constraintNames);
    if (aux) report("aux.transitionDegrees", aux.transitionDegrees, measured.aux, aux.constraintNames);
  }
}

// ----- degree measurement -------------------------------------------------------------------------------------

/**
 * `count` field elements from SHA-256 in counter mode over `label` (deterministic, so checks are reproducible;
 * each element reduces ≥ byteLength + 16 bytes, bias < 2^-128).
 */
export function _deterministicElements(F: Field<bigint>, label: string, count: number): bigint[] {
  const tag = new TextEncoder().encode(label);
  const blocks = Math.ceil(F.randomBytesLength / 32);
  const out: bigint[] = [];
  const input = new Uint8Array(tag.length + 8);
  input.set(tag, 0);
  const view = new DataView(input.buffer);
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(blocks * 32);
    for (let j = 0; j < blocks; j++) {
      view.setUint32(tag.length, i, true);
      view.setUint32(tag.length + 4, j, true);
      bytes.set(sha256(input), 32 * j);
    }
    out.push(F.fromRandomBytes(bytes));
  }
  return out;
}

/** Largest k with Δ^k y(0) ≠ 0 (the degree of the polynomial through (t, y_t), t = 0..K); −1 if all zero. */
function degreeFromSamples(F: Field<bigint>, ys: readonly bigint[]): number {
  let diff = ys.slice();
  let degree = F.isZero(diff[0]!) ? -1 : 0;
  for (let k = 1; k < ys.length; k++) {
    const next: bigint[] = [];
    for (let t = 0; t + 1 < diff.length; t++) next.push(F.sub(diff[t + 1]!, diff[t]!));
    diff = next;
    if (!F.isZero(diff[0]!)) degree = k;
  }
  return degree;
}

/**
 * Total degree of each transition constraint in the trace and periodic columns, measured on random lines: every
 * variable v (current, next, periodic; and the auxiliary frame for the auxiliary segment, whose random elements
 * stay fixed constants) is set to a_v + t·b_v, the constraint becomes a univariate polynomial in t of the same total degree (with probability
 * ≥ 1 − d/|F| per line), and its degree is read off finite differences at t = 0..D + 2. The maximum over `lines`
 * lines is returned (−1: identically zero).
 */
export function measureTransitionDegrees(air: Air, lines = 3): { main: number[]; aux: number[] } {
  const F = air.field;
  const w = air.traceWidth;
  const k = air.periodicColumns.length;
  const aux = air.aux;
  const aw = aux?.width ?? 0;
  const r = aux?.randomElements ?? 0;
  const maxDeclared = Math.max(...air.transitionDegrees, ...(aux?.transitionDegrees ?? []));
  const points = Math.min(maxDeclared + 3, Number(F.characteristic < 1000n ? F.characteristic : 1000n));
  const main = new Array<number>(air.transitionDegrees.length).fill(-1);
  const auxDeg = new Array<number>(aux?.transitionDegrees.length ?? 0).fill(-1);
  const vars = 2 * w + k + 2 * aw;
  for (let line = 0; line < lines; line++) {
    const ab = _deterministicElements(F, `air-degree-line/${air.name}/${line}`, 2 * vars + r);
    // the auxiliary random elements are constants of the constraint, not variables: fixed on the line
    const random = ab.slice(2 * vars);
    const mainSamples: bigint[][] = main.map(() => []);
    const auxSamples: bigint[][] = auxDeg.map(() => []);
    for (let t = 0; t < points; t++) {
      const tt = BigInt(t);
      const v = Array.from({ length: vars }, (_, i) => F.add(ab[2 * i]!, F.mul(F.fromBigint(tt), ab[2 * i + 1]!)));
      const frame: EvaluationFrame<bigint> = { current: v.slice(0, w), next: v.slice(w, 2 * w) };
      const periodic = v.slice(2 * w, 2 * w + k);
      const out = new Array<bigint>(main.length).fill(F.ZERO);
      air.evaluateTransition(F, frame, periodic, out);
      out.forEach((y, j) => mainSamples[j]!.push(y));
      if (aux) {
        const o = 2 * w + k;
        const auxFrame: EvaluationFrame<bigint> = { current: v.slice(o, o + aw), next: v.slice(o + aw, o + 2 * aw) };
        const outAux = new Array<bigint>(auxDeg.length).fill(F.ZERO);
        aux.evaluateTransition(F, frame, auxFrame, random, periodic, outAux);
        outAux.forEach((y, j) => auxSamples[j]!.push(y));
      }
    }
    mainSamples.forEach((ys, j) => (main[j] = Math.max(main[j]!, degreeFromSamples(F, ys))));
    auxSamples.forEach((ys, j) => (auxDeg[j] = Math.max(auxDeg[j]!, degreeFromSamples(F, ys))));
  }
  return { main, aux: auxDeg };
}

// ----- traces ---------------------------------------------------------------------------------------------------

/** Values of the periodic columns at `step` (column i has value periodicColumns[i][step mod cycle]). */
export function periodicValuesAt(air: Air, step: number): bigint[] {
  return air.periodicColumns.map((col) => col[step % col.length]!);
}

/** "column s1 (main) at step 1023 = 42" */
export function describeAssertion(air: Air, a: Assertion): string {
  const segment = a.segment ?? "main";
  const names = segment === "main" ? air.columnNames : (air.aux?.columnNames ?? []);
  return `column ${names[a.column] ?? a.column} (${segment}) at step ${a.step} = ${a.value}`;
}

/** Random elements for the auxiliary segment when none are given: SHA-256 of the public inputs, counter mode. */
export function defaultAuxRandom(air: Air): bigint[] {
  const pub = air.publicInputBytes();
  const hex = Array.from(sha256(pub), (b) => b.toString(16).padStart(2, "0")).join("");
  return _deterministicElements(air.field, `aux-random/${air.name}/${hex}`, air.aux?.randomElements ?? 0);
}

export interface ValidateTraceOptions {
  /**
   * Random elements (base field) for building and checking the auxiliary segment; default: derived from SHA-256
   * of the public inputs (a valid trace passes for every choice; a wrong one fails for all but few).
   */
  readonly auxRandom?: readonly bigint[];
}

function formatRow(names: readonly string[], row: readonly bigint[]): string {
  const shown = row.slice(0, 8).map((v, i) => `${names[i] ?? i}=${v}`);
  return `[${shown.join(", ")}${row.length > 8 ? `, … ${row.length - 8} more` : ""}]`;
}

function failure(f: TraceFailure, message: string): TraceValidationError {
  return new TraceValidationError(f, message);
}

/** Assertion failures of one segment, in declaration order. */
function* assertionFailures(air: Air, segment: "main" | "aux", columns: readonly (readonly bigint[])[]): Generator<TraceValidationError> {
  const names = segment === "main" ? air.columnNames : (air.aux?.columnNames ?? []);
  for (let i = 0; i < air.assertions.length; i++) {
    const a = air.assertions[i]!;
    if ((a.segment ?? "main") !== segment) continue;
    const actual = columns[a.column]![a.step]!;
    if (actual !== a.value) {
      const constraint = `assertion ${i}: ${describeAssertion(air, a)}`;
      yield failure(
        { kind: "assertion", air: air.name, segment, constraint, index: i, step: a.step, column: a.column, columnName: names[a.column]!, expected: a.value, actual },
        `${air.name}: ${constraint} fails: the trace has ${actual}`,
      );
    }
  }
}

/** Transition failures over all steps (step-major, then constraint order). */
function* transitionFailures(
  air: Air,
  main: readonly (readonly bigint[])[],
  auxCols: readonly (readonly bigint[])[] | undefined,
  random: readonly bigint[],
): Generator<TraceValidationError> {
  const F = air.field;
  const n = air.traceLength;
  const w = air.traceWidth;
  const aux = air.aux;
  const current = new Array<bigint>(w);
  const next = new Array<bigint>(w);
  const frame: EvaluationFrame<bigint> = { current, next };
  const out = new Array<bigint>(air.transitionDegrees.length);
  const aw = aux?.width ?? 0;
  const auxCurrent = new Array<bigint>(aw);
  const auxNext = new Array<bigint>(aw);
  const auxFrame: EvaluationFrame<bigint> = { current: auxCurrent, next: auxNext };
  const outAux = new Array<bigint>(aux?.transitionDegrees.length ?? 0);
  for (let s = 0; s + 1 < n; s++) {
    for (let c = 0; c < w; c++) {
      current[c] = main[c]![s]!;
      next[c] = main[c]![s + 1]!;
    }
    const periodic = periodicValuesAt(air, s);
    out.fill(F.ZERO);
    air.evaluateTransition(F, frame, periodic, out);
    for (let j = 0; j < out.length; j++) {
      if (!F.isZero(out[j]!)) {
        const constraint = air.constraintNames[j]!;
        yield failure(
          { kind: "transition", air: air.name, segment: "main", constraint, index: j, step: s, expected: F.ZERO, actual: out[j]! },
          `${air.name}: transition constraint ${j} "${constraint}" fails at step ${s} (rows ${s} → ${s + 1}): it evaluates to ${out[j]}, not 0; ` +
            `current ${formatRow(air.columnNames, current)}, next ${formatRow(air.columnNames, next)}`,
        );
      }
    }
    if (aux && auxCols) {
      for (let c = 0; c < aw; c++) {
        auxCurrent[c] = auxCols[c]![s]!;
        auxNext[c] = auxCols[c]![s + 1]!;
      }
      outAux.fill(F.ZERO);
      aux.evaluateTransition(F, frame, auxFrame, random, periodic, outAux);
      for (let j = 0; j < outAux.length; j++) {
        if (!F.isZero(outAux[j]!)) {
          const constraint = aux.constraintNames[j]!;
          yield failure(
            { kind: "transition", air: air.name, segment: "aux", constraint, index: j, step: s, expected: F.ZERO, actual: outAux[j]! },
            `${air.name}: auxiliary transition constraint ${j} "${constraint}" fails at step ${s} (rows ${s} → ${s + 1}): it evaluates to ${outAux[j]}, not 0; ` +
              `current ${formatRow(aux.columnNames, auxCurrent)}, next ${formatRow(aux.columnNames, auxNext)}`,
          );
        }
      }
    }
  }
}

/** Shape, main assertions, auxiliary segment (built and shape-checked), aux assertions, then transitions. */
function* allFailures(air: Air, trace: Trace, options: ValidateTraceOptions): Generator<TraceValidationError> {
  checkAir(air, { degrees: false });
  checkTraceShape(trace, air.traceWidth, air.traceLength, { field: air.field, columnNames: air.columnNames, name: air.name });
  yield* assertionFailures(air, "main", trace);
  let auxCols: bigint[][] | undefined;
  let random: readonly bigint[] = [];
  if (air.aux) {
    random = options.auxRandom ?? defaultAuxRandom(air);
    if (random.length !== air.aux.randomElements) {
      throw new TraceValidationError(
        { kind: "shape", air: air.name, segment: "aux" },
        `${air.name}: ${random.length} auxiliary random elements given, the AIR needs ${air.aux.randomElements}`,
      );
    }
    auxCols = air.aux.build(air.field, trace, random);
    checkTraceShape(auxCols, air.aux.width, air.traceLength, { field: air.field, columnNames: air.aux.columnNames, segment: "aux", name: air.name });
    yield* assertionFailures(air, "aux", auxCols);
  }
  // a Goldilocks AIR is first checked column-wise (all steps at once); only a failing trace is walked row by row
  // to name its first failure
  if (!air.aux && transitionsHoldColumnWise(air, trace)) return;
  yield* transitionFailures(air, trace, auxCols, random);
}

/**
 * True when every main transition constraint is zero at steps 0 … n − 2, evaluated by the AIR's own code on whole
 * columns (column-field.ts) for a field with vector kernels (Goldilocks, the 128-bit primes): the same check as
 * the row-by-row walk, as one vector evaluation. False for any other field (and for a failing trace: the walk then
 * names the failure).
 */
function transitionsHoldColumnWise(air: Air, trace: Trace): boolean {
  const ops = vectorOpsFor(air.field);
  if (!ops) return false;
  const n = air.traceLength;
  const current = trace.map((c) => ops.fromBigints(c));
  const next = trace.map((c) => ops.fromBigints([...c.slice(1), c[0]!]));
  const periodic = air.periodicColumns.map((p) => ops.fromBigints(Array.from({ length: n }, (_, i) => p[i % p.length]!)));
  const out = new Array<Column>(air.transitionDegrees.length).fill(0n);
  air.evaluateTransition(columnField(ops, n), { current, next }, periodic, out);
  return out.every((v) => (typeof v === "bigint" ? v === 0n : ops.toBigints(v).slice(0, n - 1).every((x) => x === 0n)));
}

/**
 * Checks that `trace` is a valid execution of `air`: declarations (without the degree measurement), shape and
 * canonical cells, every boundary assertion, and every transition constraint at steps 0 … n − 2 (the last row has
 * no successor), over the base field. Throws the first TraceValidationError found (assertions before
 * transitions; transitions by step, then by constraint index).
 */
export function validateTrace(air: Air, trace: Trace, options: ValidateTraceOptions = {}): void {
  for (const f of allFailures(air, trace, options)) throw f;
}

/** Like validateTrace, but collects up to `limit` failures instead of throwing the first (shape errors still throw). */
export function traceFailures(air: Air, trace: Trace, limit = 10, options: ValidateTraceOptions = {}): TraceValidationError[] {
  const found: TraceValidationError[] = [];
  for (const f of allFailures(air, trace, options)) {
    found.push(f);
    if (found.length >= limit) break;
  }
  return found;
}
