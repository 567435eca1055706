/**
 * genSTARK side by side (issue "STARK prover and verifier"; docs/genstark-comparison.md): the same MiMC statement
 * proved in one process by @guildofweavers/genstark 0.7.6 (its examples/mimc/mimc128.ts: AirScript, 128-bit field
 * p = 2^128 − 9·2^32 + 1, x0 = 3, the 64 round constants of its sha256 prng, extension factor 16, 48 trace and
 * 24 FRI queries, blake2s256, WebAssembly on) and by this project's prover (reference path) on
 * exampleInstance("mimc", steps), at options matching genSTARK's ~96-bit conjectured security, plus the same
 * *work* (GENSTARK_COMPARABLE), and "mimc-goldilocks" at DEFAULT_OPTIONS (123 bits) and at GOLDILOCKS_96 (97 bits
 * by Winterfell's formula; full mode adds 2^16 steps for these two). Rows carry
 * prove/verify time, proof size, both security figures and the ratio genSTARK time / our time (> 1: we are faster).
 */
import { instantiateScript, type Logger, type Stark } from "@guildofweavers/genstark";
import { exampleInstance } from "../src/air/examples/registry.js";
import { mimcAir, mimcRoundConstants } from "../src/air/examples/mimc.js";
import { GENSTARK_FIELD } from "../src/math/prime-fields.js";
import { DEFAULT_OPTIONS, GENSTARK_COMPARABLE, GOLDILOCKS_96, INSECURE_TEST_POLICY, type ProofOptions, asGoldilocksTrace, proofOptions, prove, securityReportForAir, verify } from "../src/prover/index.js";
import { type Measurement, spread } from "./harness.js";

/** genSTARK's MiMC modulus (examples/mimc/mimc128.ts). */
const MODULUS = 2n ** 128n - 9n * 2n ** 32n + 1n;
const SEED = 3n;
/** genSTARK's MiMC result for 2^10 steps (1024 rows), the known answer of src/air/examples/mimc.test.ts. */
const RESULT_2_10 = 83467339840976801932585435255116119081n;

/** genSTARK's ~96-bit setting of its MiMC example (option names as lib/Stark.js reads them). */
const GENSTARK_OPTIONS = { hashAlgorithm: "blake2s256", extensionFactor: 16, exeQueryCount: 48, friQueryCount: 24, wasm: true } as const;

/**
 * Our options at genSTARK's conjectured security: its FRI work (blowup 16, 24 queries, folding 4, remainder
 * < 16), one query count for trace and FRI. Winterfell's formula: min(128, 24·log2 16) − 1 = 95 bits.
 */
export const MATCHED: ProofOptions = proofOptions({ queries: GENSTARK_OPTIONS.friQueryCount }, GENSTARK_COMPARABLE);

/**
 * The cheapest of our options at genSTARK's conjectured level on its own field: GOLDILOCKS_96's FRI work (blowup 4,
 * 49 queries: min(128, 49·2) − 1 = 97 bits by Winterfell's formula, genSTARK's 96 by its own) with no extension —
 * the field already has 128 bits. The issue's "equal conjectured security" comparison.
 */
export const EQUAL_BITS_128: ProofOptions = Object.freeze({ ...GOLDILOCKS_96, fieldExtension: 1 });

/** The AirScript of genSTARK's examples/mimc/mimc128.ts, verbatim but for the step count. */
function mimcScript(steps: number): string {
  return `
define MiMC over prime field (${MODULUS}) {

    const alpha: 3;
    
    static roundConstant: cycle prng(sha256, 0x4d694d43, 64);

    secret input startValue: element[1];

    // transition function definition
    transition 1 register {
        for each (startValue) {
            init { yield startValue; }

            for steps [1..${steps - 1}] {
                yield $r0^3 + roundConstant;
            }
        }
    }

    // transition constraint definition
    enforce 1 constraint {
        for all steps {
            enforce transition($r) = $n;
        }
    }

}`;
}

const noop = (): void => undefined;
const SILENT: Logger = { start: () => noop, sub: () => noop, done: noop };

/**
 * genSTARK's `securityLevel` formula (lib/Stark.js): min(exeQueries·log2(β/d), friQueries·log2 β, hash bits),
 * floored — here applied to any (β, queries) with one query count for both terms when fri is omitted.
 */
function genstarkFormula(blowup: number, degree: number, exeQueries: number, friQueries = exeQueries): number {
  return Math.floor(Math.min(exeQueries * Math.log2(blowup / degree), friQueries * Math.log2(blowup), 128));
}

const median = (xs: readonly number[]): number => spread(xs).msPerOp;

export interface Run {
  proveMs: number;
  verifyMs: number;
  rssGrowthMiB: number;
  proofBytes: number;
  extra: Record<string, number | string>;
}

/** One genSTARK run on a fresh Stark (its WebAssembly memory is not released between prove() calls). */
export function genstarkRun(steps: number): Run {
  const t0 = performance.now();
  const stark: Stark = instantiateScript(Buffer.from(mimcScript(steps)), GENSTARK_OPTIONS, SILENT);
  const setupMs = performance.now() - t0;
  if (!stark.air.field.isOptimized) throw new Error("genSTARK: the WebAssembly field is not in use");
  // The value it proves: the last row of its own execution trace. Its round constants: the last static register
  // (the ones before it are input-loop masks the AirScript compiler adds), the same 64 values as ours, cycled.
  const { dTrace, sTrace } = stark.generateExecutionTrace([[SEED]]);
  const result = dTrace.getValue(0, steps - 1);
  const ours = mimcRoundConstants(GENSTARK_FIELD);
  for (let i = 0; i < steps; i++) {
    if (sTrace.getValue(sTrace.rowCount - 1, i) !== ours[i % ours.length]) throw new Error(`genSTARK round constant at step ${i} differs from ours`);
  }
  const assertions = [
    { step: 0, register: 0, value: SEED },
    { step: steps - 1, register: 0, value: result },
  ];
  const before = process.memoryUsage().rss;
  const t1 = performance.now();
  const proof = stark.prove(assertions, [[SEED]]); // includes its trace generation
  const proveMs = performance.now() - t1;
  const rss = process.memoryUsage().rss;
  const buf = stark.serialize(proof);
  if (buf.byteLength !== stark.sizeOf(proof)) throw new Error("genSTARK: serialized size differs from sizeOf");
  const t2 = performance.now();
  const ok = stark.verify(assertions, stark.parse(buf)); // parse included: ours verifies from bytes too
  const verifyMs = performance.now() - t2;
  if (!ok) throw new Error(`genSTARK ${steps}: proof rejected`);
  if (stark.securityLevel !== genstarkFormula(16, 3, 48, 24)) throw new Error(`genSTARK reports ${stark.securityLevel} bits`);
  return {
    proveMs,
    verifyMs,
    rssGrowthMiB: Math.max(0, (rss - before) / 2 ** 20),
    proofBytes: buf.byteLength,
    extra: {
      setupMs,
      result: result.toString(),
      conjecturedBits: stark.securityLevel,
      securityFormula: "genSTARK securityLevel",
      // its weaker (FRI) query count at its blowup, rated by our formula: MATCHED
      ourFormulaBits: securityReportForAir(mimcAir(GENSTARK_FIELD, steps, { seed: SEED, result }), MATCHED).conjectured,
    },
  };
}

/** One run of our prover (reference path) on an example statement. */
export function ourRun(example: "mimc" | "mimc-goldilocks", steps: number, o: ProofOptions): Run {
  const t0 = performance.now();
  // Goldilocks traces as typed columns (the fast path's input); the bigint columns become garbage here
  const { statement, input } = ((i) => ({ statement: i.statement, input: asGoldilocksTrace(i.statement.air, i.trace) }))(exampleInstance(example, steps));
  const traceMs = performance.now() - t0;
  const before = process.memoryUsage().rss;
  const t1 = performance.now();
  const { bytes } = prove(statement.air, input, o, { validate: false });
  const proveMs = performance.now() - t1;
  const rss = process.memoryUsage().rss;
  const t2 = performance.now();
  const r = verify(statement.air, bytes, { policy: INSECURE_TEST_POLICY }); // correctness only: the security figures are reported below
  const verifyMs = performance.now() - t2;
  if (!r.ok) throw new Error(`${example} ${steps}: ${r.message}`);
  const sec = securityReportForAir(statement.air, o);
  return {
    proveMs,
    verifyMs,
    rssGrowthMiB: Math.max(0, (rss - before) / 2 ** 20),
    proofBytes: bytes.length,
    extra: {
      traceMs,
      result: String(statement.publicInputs.result),
      conjecturedBits: sec.conjectured,
      securityFormula: "Winterfell conjectured (securityReportForAir)",
      provenListDecodingBits: sec.provenListDecoding,
      ...(example === "mimc" ? { genstarkFormulaBits: genstarkFormula(o.blowup, 3, o.queries) } : {}),
    },
  };
}

/** Median over `runs` runs (each field separately; the extras of the first run) and the prove times' spread. */
function measure(runs: number, fn: () => Run): Run & { proveMinMs: number; proveMaxMs: number } {
  const rs = Array.from({ length: runs }, fn);
  const prove = spread(rs.map((r) => r.proveMs));
  return {
    proveMs: prove.msPerOp,
    proveMinMs: prove.minMs,
    proveMaxMs: prove.maxMs,
    verifyMs: median(rs.map((r) => r.verifyMs)),
    rssGrowthMiB: median(rs.map((r) => r.rssGrowthMiB)),
    proofBytes: rs[0]!.proofBytes,
    extra: { ...rs[0]!.extra, ...(rs[0]!.extra.setupMs !== undefined ? { setupMs: median(rs.map((r) => Number(r.extra.setupMs))) } : {}) },
  };
}

function optionLabel(o: ProofOptions): string {
  return `β${o.blowup}, ${o.queries}q${o.grindingBits ? `, ${o.grindingBits} grind` : ""}${o.fieldExtension > 1 ? `, ext ${o.fieldExtension}` : ""}`;
}

export function benchGenstark(options: { quick: boolean }): Measurement[] {
  const out: Measurement[] = [];
  // 2^16 (the issue's target size) in full mode, every case (genSTARK's field on the f128 backend)
  const sizes = options.quick ? [1024, 4096] : [1024, 4096, 8192, 65536];
  const runs = options.quick ? 1 : 3;
  const note = (s: string): void => void process.stderr.write(`genstark bench: ${s}\n`);

  // Warm-up (JIT, WebAssembly compilation) of both provers, untimed.
  genstarkRun(256);
  ourRun("mimc", 256, MATCHED);
  ourRun("mimc-goldilocks", 256, DEFAULT_OPTIONS);

  const cases: [string, "mimc" | "mimc-goldilocks", ProofOptions][] = [
    [`ours: mimc, matched bits (${optionLabel(MATCHED)})`, "mimc", MATCHED],
    [`ours: mimc, same work (${optionLabel(GENSTARK_COMPARABLE)})`, "mimc", GENSTARK_COMPARABLE],
    [`ours: mimc, equal bits, cheapest (${optionLabel(EQUAL_BITS_128)})`, "mimc", EQUAL_BITS_128],
    [`ours: mimc-goldilocks, default (${optionLabel(DEFAULT_OPTIONS)})`, "mimc-goldilocks", DEFAULT_OPTIONS],
    [`ours: mimc-goldilocks, 96-bit class (${optionLabel(GOLDILOCKS_96)})`, "mimc-goldilocks", GOLDILOCKS_96],
  ];
  for (const steps of sizes) {
    const params = `2^${Math.log2(steps)} steps`;
    const g = measure(runs, () => genstarkRun(steps));
    if (steps === 1024 && g.extra.result !== RESULT_2_10.toString()) throw new Error(`genSTARK proves ${g.extra.result} for 2^10 steps, expected ${RESULT_2_10}`);
    out.push({
      suite: "genstark",
      name: "genSTARK 0.7.6: mimc (β16, 48q + 24 FRI q, wasm)",
      params,
      msPerOp: g.proveMs,
      minMs: g.proveMinMs,
      maxMs: g.proveMaxMs,
      runs,
      extra: { ...g.extra, verifyMs: g.verifyMs, proofBytes: g.proofBytes, rssGrowthMiB: g.rssGrowthMiB, ratio: 1, verifyRatio: 1 },
    });
    for (const [name, example, o] of cases) {
      const r = measure(runs, () => ourRun(example, steps, o));
      if (example === "mimc" && r.extra.result !== g.extra.result) throw new Error(`${params}: genSTARK proves ${g.extra.result}, we prove ${r.extra.result}`);
      const ratio = g.proveMs / r.proveMs;
      // the ratio's range over the runs (genSTARK's fastest over our slowest, and the other way round)
      const ratioLow = g.proveMinMs / r.proveMaxMs;
      const ratioHigh = g.proveMaxMs / r.proveMinMs;
      const field = example === "mimc" ? "genSTARK's 128-bit field (same field)" : "Goldilocks (a different, 64-bit field)";
      const verifyRatio = g.verifyMs / r.verifyMs;
      out.push({
        suite: "genstark",
        name,
        params,
        msPerOp: r.proveMs,
        minMs: r.proveMinMs,
        maxMs: r.proveMaxMs,
        runs,
        extra: { ...r.extra, verifyMs: r.verifyMs, proofBytes: r.proofBytes, rssGrowthMiB: r.rssGrowthMiB, ratio, ratioLow, ratioHigh, field, verifyRatio },
      });
      note(`${params}, ${name.split(" (")[0]} on ${field}: genSTARK/ours prove ${ratio.toFixed(2)}× (${ratioLow.toFixed(2)}–${ratioHigh.toFixed(2)}× over ${runs} runs), verify ${verifyRatio.toFixed(2)}× (> 1: ours faster)`);
    }
  }
  return out;
}
