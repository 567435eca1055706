/**
 * Chart builders: pure functions from benchmark results (reports/bench/<suite>.json) and the library-computed
 * analysis (analysis.ts) to plotly figures, each with a title, a caption saying what it shows and where its
 * numbers come from (the model behind every security figure named), and the files it was built from.
 * A chart whose suite has no results comes back with `missing` set instead of a figure.
 */
import { chart, titleText } from "../notebook/chart.js";
import type { Figure } from "../notebook/plotly.js";
import type { Analysis, LweSecurityRow, NoiseBudgetCurve, NoiseMeasurement, RegressionSweep } from "./analysis.js";
import type { Measurement, SuiteFile, SuiteResults } from "./suites.js";

export interface Chart {
  /** File-name-safe id: charts/<id>.png. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, in plain HTML-free text. */
  readonly caption: string;
  /** The raw data it was built from (relative paths in the report folder). */
  readonly sources: readonly string[];
  /** Pixel height (the PNG is rendered at this height). */
  readonly height: number;
  readonly figure?: Figure;
  /** Why there is no figure. */
  readonly missing?: string;
}

/** category10: a series' prove and verify lines share a colour. */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const color = (i: number): string => PALETTE[i % PALETTE.length]!;

const ANALYSIS_JSON = "analysis.json";
const benchJson = (suite: string): string => `bench/${suite}.json`;

/**
 * Error bars from each row's fastest and slowest run (plotly's asymmetric `error_y`), or nothing when no row
 * recorded its spread (files from before the harness did, and single runs).
 */
export function spreadBars(rows: readonly (Measurement | undefined)[]): Record<string, unknown> {
  if (!rows.some((r) => r?.minMs !== undefined && r.maxMs !== undefined && r.runs > 1)) return {};
  return {
    error_y: {
      type: "data",
      symmetric: false,
      array: rows.map((r) => (r?.maxMs === undefined ? 0 : r.maxMs - r.msPerOp)),
      arrayminus: rows.map((r) => (r?.minMs === undefined ? 0 : r.msPerOp - r.minMs)),
      thickness: 1,
      width: 3,
    },
  };
}

/** A numeric extra field, or undefined. */

/** A chart with its legend below the plot: the layout's extra `axes` (and other keys) merged into the base layout. */
function withLegendBelow(base: Omit<Chart, "figure" | "caption">, caption: string, data: Record<string, unknown>[], height: number, title: string, axes: Record<string, unknown>): Chart {
  const lb = legendBelow(data.length, height);
  return { ...base, height: lb.height, caption, figure: { data, layout: { ...layoutBase(title, lb.height), ...axes, ...lb.layout } } };
}

export function extraNumber(m: Measurement, key: string): number | undefined {
  const v = m.extra?.[key];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Trace length from a params string such as "2^10 steps" (undefined when there is none). */
export function stepsFromParams(params: string): number | undefined {
  const m = /2\^(\d+)\s*steps/.exec(params);
  return m ? 2 ** Number(m[1]) : undefined;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function missingChart(base: Omit<Chart, "figure" | "missing">, suite: string): Chart {
  return { ...base, missing: `no results from the "${suite}" suite (${benchJson(suite)}; \`npx tsx bench/run.ts ${suite}\` writes them)` };
}

const layoutBase = (title: string, height: number): Record<string, unknown> => ({
  title: { text: title },
  height,
  margin: { t: 60, l: 70, r: 20, b: 60 },
  legend: { orientation: "h", y: -0.18 },
});

/**
 * A horizontal legend under a plot area of `plotHeight` px, with room for `entries` entries (two per row):
 * the layout fields and the chart's total height.
 */
function legendBelow(entries: number, plotHeight: number): { layout: Record<string, unknown>; height: number } {
  const rows = Math.ceil(entries / 2);
  const bottom = 80 + 22 * rows;
  return {
    layout: { legend: { orientation: "h", x: 0, y: -70 / plotHeight, yanchor: "top", font: { size: 11 } }, margin: { t: 60, l: 70, r: 20, b: bottom } },
    height: plotHeight + 60 + bottom,
  };
}

const xValues = (data: readonly Record<string, unknown>[]): number[] => data.flatMap((t) => (Array.isArray(t.x) ? (t.x as unknown[]).filter((v): v is number => typeof v === "number") : []));

/** Trace-length axis: logarithmic, ticks at the powers of two present, labelled 2^k. */
function pow2Axis(values: readonly number[], title: string): Record<string, unknown> {
  const ticks = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  return { title: { text: title }, type: "log", tickvals: ticks, ticktext: ticks.map((v) => (Number.isInteger(Math.log2(v)) ? `2^${Math.log2(v)}` : String(v))) };
}

// ---------------------------------------------------------------- LWE

export function lweSecurityChart(rows: readonly LweSecurityRow[], costModels: Readonly<Record<string, string>>): Chart {
  const height = 480;
  const models = Object.keys(costModels);
  const models0 = models.length ? models : [...new Set(rows.flatMap((r) => r.byModel.map((b) => b.model)))];
  const title = "LWE security of each parameter preset";
  const data = models0.map((model, i) => {
    const pts = rows.map((r) => r.byModel.find((b) => b.model === model));
    return {
      type: "bar",
      name: model,
      x: rows.map((r) => r.preset),
      y: pts.map((p) => p?.bits ?? null),
      text: pts.map((p) => (p ? p.bits.toFixed(1) : "")),
      textposition: "outside",
      customdata: pts.map((p) => p?.limitedBy ?? ""),
      hovertemplate: `%{x}, ${model}: %{y:.1f} bits<br>limited by %{customdata}<extra></extra>`,
      marker: { color: color(i) },
    };
  });
  const maxBits = Math.max(128, ...rows.flatMap((r) => r.byModel.map((b) => b.bits)).filter(Number.isFinite));
  return {
    id: "lwe-security",
    title,
    height,
    sources: [ANALYSIS_JSON],
    caption:
      `Estimated bits of security of every LWE preset (computed from the library when the report was built: src/lwe/security.ts ` +
      `with the lattice estimator of src/lwe/estimator). Each bar is the minimum over every attack of the lattice-estimator's full set on both LWE ` +
      `instances of the public-key scheme (key and encryption), exhaustive search over the secret and linear algebra, under one ` +
      `BKZ cost model: ${models0.map((m) => `${m} = ${costModels[m] ?? m}`).join("; ")}. The presets' security claims use ` +
      `core-SVP (classical), the conservative model; the dashed line marks 128 bits. The thesis presets (n = 4, binary secret) are ` +
      `limited by exhaustive search: they offer no security.`,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        barmode: "group",
        xaxis: { title: { text: "preset" } },
        yaxis: { title: { text: "security (bits)" }, range: [0, maxBits * 1.15] },
        shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 128, y1: 128, line: { dash: "dash", color: "#444", width: 1 } }],
      },
    },
  };
}

export function lweNoiseBudgetChart(curves: readonly NoiseBudgetCurve[]): Chart {
  const height = 480;
  const title = "LWE noise budget: decryption failure against circuit norm";
  const data: Record<string, unknown>[] = [];
  curves.forEach((c, i) => {
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${c.preset} (fresh σ = 2^${Math.log2(c.freshSigma).toFixed(1)})`,
      x: c.norms,
      y: c.log2FailureProbability,
      line: { color: color(i) },
      hovertemplate: `${c.preset}: ‖c‖₂ = %{x:.3s}, log2 P_fail = %{y:.1f}<extra></extra>`,
    });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${c.preset}: max ‖c‖₂ at 2^-40 = ${Math.round(c.maxNormAt2m40).toLocaleString("en-US")}`,
      x: [c.maxNormAt2m40],
      y: [-40],
      marker: { color: color(i), size: 10, symbol: "diamond" },
    });
  });
  const xMin = Math.min(...curves.map((c) => c.norms[0] ?? 1));
  const xMax = Math.max(2, ...curves.map((c) => c.norms[c.norms.length - 1] ?? 2));
  return {
    id: "lwe-noise-budget",
    title,
    height,
    sources: [ANALYSIS_JSON],
    caption:
      `Predicted log2 of the decryption failure probability of a linear circuit Σ c_j·ct_j over fresh public-key ciphertexts, ` +
      `against its coefficient norm ‖c‖₂ (src/lwe/noise.ts: Var N = m·E[e²]·E[e1²] + E[e2²] + n·E[s²]·E[e3²] per ciphertext, ` +
      `scaled by Σ c_j², Gaussian tail against Δ/2), for the presets whose noise is not identically zero. The diamonds mark the ` +
      `largest ‖c‖₂ that keeps P_fail ≤ 2^-40 (the dotted line), the noise budget the secure presets were sized for. ` +
      `The thesis presets are absent: their σ = 2.4e-5 rounds to zero, so they never fail (and offer no security).`,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        xaxis: { title: { text: "‖c‖₂ of the circuit" }, type: "log" },
        yaxis: { title: { text: "log2 P(decryption failure)" }, range: [-200, 5] },
        shapes: [{ type: "line", x0: xMin, x1: xMax, y0: -40, y1: -40, line: { dash: "dot", color: "#444", width: 1 } }],
      },
    },
  };
}

export function lweNoiseMeasuredChart(points: readonly NoiseMeasurement[]): Chart {
  const height = 440;
  const title = "LWE decryption noise: predicted against measured";
  const data: Record<string, unknown>[] = [];
  [...groupBy(points, (p) => p.preset)].forEach(([preset, pts], i) => {
    const sorted = [...pts].sort((a, b) => a.norm - b.norm);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${preset}: predicted σ_N`,
      x: sorted.map((p) => p.norm),
      y: sorted.map((p) => p.predictedSigma),
      line: { color: color(i) },
    });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${preset}: measured σ_N (${sorted[0]?.samples ?? 0} samples per circuit)`,
      x: sorted.map((p) => p.norm),
      y: sorted.map((p) => p.measuredSigma),
      text: sorted.map((p) => `c = [${p.weights.join(", ")}], ${(p.failureRate * 100).toFixed(1)}% failures`),
      hovertemplate: "‖c‖₂ = %{x:.1f}: σ = %{y:.3s}<br>%{text}<extra></extra>",
      marker: { color: color(i), size: 9 },
    });
  });
  return {
    id: "lwe-noise-measured",
    title,
    height,
    sources: [ANALYSIS_JSON],
    caption:
      `Standard deviation of the decryption noise N = d − Δ·m of linear circuits of growing ‖c‖₂ (fresh noise at ‖c‖₂ = 1), ` +
      `predicted by the analysis of src/lwe/noise.ts (line) and measured by encrypting random messages with a fresh key pair, ` +
      `evaluating the circuit and decrypting (src/lwe/noise-experiment.ts, seeded; markers), on ` +
    `${[...new Set(points.map((p) => p.preset))].join(", ") || "no preset"}. Computed when the report was built.`,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        xaxis: { title: { text: "‖c‖₂ of the circuit" }, type: "log" },
        yaxis: { title: { text: "σ of the decryption noise" }, type: "log", exponentformat: "power" },
      },
    },
  };
}

export function lweTimingsChart(file: SuiteFile | undefined): Chart {
  const height = 480;
  const title = "LWE operations: time per operation and preset";
  const base = { id: "lwe-timings", title, height, sources: [benchJson("lwe")] };
  const caption =
    `Median time (error bars: fastest to slowest run) of each LWE operation per parameter preset (the "lwe" suite: bench/lwe.ts; key generation, public-key ` +
    `encryption per ciphertext in a batch of 8, secret-key encryption, decryption, homomorphic addition, multiplication by a ` +
    `scalar and an 8-feature linear combination). Logarithmic axis: the thesis presets (n = 4) are three orders of magnitude ` +
    `cheaper than the secure ones (n = 2096 and 3072).`;
  if (!file) return missingChart({ ...base, caption }, "lwe");
  const rows = file.results.filter((r) => !/^estimate|^encrypt \d/.test(r.name));
  const ops = [...new Set(rows.map((r) => r.name))];
  const data = [...groupBy(rows, (r) => r.params)].map(([preset, rs], i) => ({
    type: "bar",
    name: preset,
    x: ops,
    y: ops.map((op) => rs.find((r) => r.name === op)?.msPerOp ?? null),
    ...spreadBars(ops.map((op) => rs.find((r) => r.name === op))),
    marker: { color: color(i) },
    hovertemplate: `${preset}: %{x}<br>%{y:.4s} ms<extra></extra>`,
  }));
  return {
    ...base,
    caption,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        barmode: "group",
        xaxis: { title: { text: "LWE operation" }, automargin: true },
        yaxis: { title: { text: "time per operation (ms)" }, type: "log", exponentformat: "power" },
        margin: { t: 60, l: 70, r: 20, b: 110 },
        legend: { orientation: "h", y: 1.08, x: 0 },
      },
    },
  };
}

// ---------------------------------------------------------------- regression

export function regressionAccuracyChart(sweeps: readonly RegressionSweep[]): Chart {
  const height = 460;
  const title = "Regression accuracy against quantisation bits";
  const data: Record<string, unknown>[] = [];
  sweeps.forEach((s, i) => {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: `${s.dataset}: quantised model`,
      x: s.points.map((p) => p.nBits),
      y: s.points.map((p) => p.quantizedR2),
      line: { color: color(i) },
      customdata: s.points.map((p) => [p.quantizedMse, p.accumulatorBits]),
      hovertemplate: `${s.dataset}, n_bits = %{x}: R² = %{y:.4f}<br>MSE %{customdata[0]:.4g}, accumulator %{customdata[1]} bits<extra></extra>`,
    });
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${s.dataset}: float model`,
      x: s.points.map((p) => p.nBits),
      y: s.points.map((p) => p.floatR2),
      line: { color: color(i), dash: "dash" },
    });
  });
  const all = sweeps.flatMap((s) => s.points.flatMap((p) => [p.quantizedR2, p.floatR2])).filter(Number.isFinite);
  const lo = Math.max(-1, Math.min(0, ...all) - 0.05);
  const clipped = sweeps.flatMap((s) => s.points.filter((p) => p.quantizedR2 < lo).map((p) => `${s.dataset} at ${p.nBits} bits: R² = ${p.quantizedR2.toFixed(2)}`));
  return {
    id: "regression-accuracy",
    title,
    height,
    sources: [ANALYSIS_JSON],
    caption:
      `Test-set R² of linear regressions trained by least squares on the built-in data sets ` +
      `(${sweeps.map((s) => `${s.dataset}: ${s.target} from ${s.features.length} features, ${s.testRows} test rows`).join("; ")}), ` +
      `as a float model (dashed) and quantised to n_bits-bit weights and inputs for encrypted evaluation (solid), for n_bits = ` +
      `${sweeps[0]?.points[0]?.nBits ?? 2} … ${sweeps[0]?.points.at(-1)?.nBits ?? 16} (trainLinearRegression, seeded 80/20 split; ` +
      `computed when the report was built). Encrypted evaluation reproduces the quantised model exactly (the "regression" suite ` +
      `checks it), so the solid line is also the encrypted model's accuracy.` +
      (clipped.length ? ` Off the axis: ${clipped.join("; ")}.` : ""),
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        xaxis: { title: { text: "n_bits (quantisation width)" }, dtick: 1 },
        yaxis: { title: { text: "test R²" }, range: [lo, 1.02] },
      },
    },
  };
}

// ---------------------------------------------------------------- STARK prover and zkVM

/** "prove mimc-goldilocks (default (cubic ext.))" → "mimc-goldilocks (default (cubic ext.))". */
const seriesLabel = (name: string): string => name.replace(/^prove\s+/, "");

export function proofTimingsChart(prover: SuiteFile | undefined, genstark: SuiteFile | undefined): Chart {
  const height = 400;
  const title = "STARK trace generation, proving and verification against trace length";
  const base = { id: "proof-timings", title, height, sources: [benchJson("prover"), ...(genstark ? [benchJson("genstark")] : [])] };
  const caption =
    `Prove time (solid) and verify time (dotted) of this project's STARK prover against the trace length, one series per ` +
    `statement and proof options (the "prover" suite: bench/prover.ts; MiMC over Goldilocks with the default options, over ` +
    `genSTARK's 128-bit field with genSTARK-comparable options, in zero knowledge, and the synthetic 32-column trace), and the ` +
    `time to generate the execution trace of the MiMC statements (diamonds; the "genstark" suite's traceMs). Each series' ` +
    `conjectured security (Winterfell's formula, securityReportForAir) is in its legend. Error bars, where a series has ` +
    `several runs, span the fastest to the slowest; logarithmic axes.`;
  if (!prover) return missingChart({ ...base, caption }, "prover");
  const data: Record<string, unknown>[] = [];
  [...groupBy(prover.results, (r) => r.name)].forEach(([name, rs], i) => {
    const pts = rs.map((r) => ({ r, steps: stepsFromParams(r.params) })).filter((p) => p.steps !== undefined).sort((a, b) => a.steps! - b.steps!);
    if (!pts.length) return;
    const bits = extraNumber(pts[0]!.r, "conjecturedBits");
    const label = `${seriesLabel(name)}${bits === undefined ? "" : `, ${bits.toFixed(0)} bits`}`;
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: `prove: ${label}`,
      x: pts.map((p) => p.steps),
      y: pts.map((p) => p.r.msPerOp),
      ...spreadBars(pts.map((p) => p.r)),
      line: { color: color(i) },
    });
    const verify = pts.map((p) => extraNumber(p.r, "verifyMs") ?? null);
    if (verify.some((v) => v !== null))
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: `verify: ${seriesLabel(name)}`,
        x: pts.map((p) => p.steps),
        y: verify,
        line: { color: color(i), dash: "dot" },
        marker: { symbol: "circle-open" },
      });
  });
  if (genstark) {
    // trace generation of our statements: one series per example (mimc, mimc-goldilocks), the options do not matter
    const ours = genstark.results.filter((r) => extraNumber(r, "traceMs") !== undefined);
    const byExample = groupBy(ours, (r) => /^ours:\s*([\w-]+)/.exec(r.name)?.[1] ?? r.name);
    [...byExample].forEach(([example, rs], k) => {
      const bySteps = groupBy(rs, (r) => String(stepsFromParams(r.params) ?? ""));
      const pts = [...bySteps]
        .filter(([s]) => s !== "")
        .map(([s, group]) => ({ steps: Number(s), ms: Math.min(...group.map((r) => extraNumber(r, "traceMs")!)) }))
        .sort((a, b) => a.steps - b.steps);
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: `trace generation: ${example}`,
        x: pts.map((p) => p.steps),
        y: pts.map((p) => p.ms),
        line: { color: color(6 + k), dash: "dashdot" },
        marker: { symbol: "diamond", size: 9 },
      });
    });
  }
  return withLegendBelow(base, caption, data, height, title, {
  xaxis: pow2Axis(xValues(data), "trace length (steps)"),
  yaxis: { title: { text: "time (ms)" }, type: "log", exponentformat: "power" },
  });
}

export function proofSizeChart(prover: SuiteFile | undefined, genstark: SuiteFile | undefined): Chart {
  const height = 380;
  const title = "STARK proof size against trace length";
  const base = { id: "proof-size", title, height, sources: [benchJson("prover"), ...(genstark ? [benchJson("genstark")] : [])] };
  const caption =
    `Serialized proof size in KiB against the trace length: this project's prover on the "prover" suite's statements (solid), ` +
    `and the side-by-side MiMC statement of the "genstark" suite (dashed): genSTARK 0.7.6 with its ~96-bit example options and ` +
    `our prover at matched security, at the same work, and at our default options over Goldilocks. Security in the legend: ` +
    `Winterfell's conjectured formula for our proofs, genSTARK's own securityLevel for genSTARK's.`;
  if (!prover && !genstark) return missingChart({ ...base, caption }, "prover");
  const data: Record<string, unknown>[] = [];
  let i = 0;
  for (const [file, dash] of [
    [prover, "solid"],
    [genstark, "dash"],
  ] as const) {
    if (!file) continue;
    for (const [name, rs] of groupBy(file.results, (r) => r.name)) {
      const pts = rs
        .map((r) => ({ r, steps: stepsFromParams(r.params), bytes: extraNumber(r, "proofBytes") }))
        .filter((p) => p.steps !== undefined && p.bytes !== undefined)
        .sort((a, b) => a.steps! - b.steps!);
      if (!pts.length) continue;
      const bits = extraNumber(pts[0]!.r, "conjecturedBits");
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: `${file.suite === "genstark" ? "side by side: " : ""}${seriesLabel(name)}${bits === undefined ? "" : `, ${bits.toFixed(0)} bits`}`,
        x: pts.map((p) => p.steps),
        y: pts.map((p) => p.bytes! / 1024),
        line: { color: color(i++), dash },
        hovertemplate: "%{x} steps: %{y:.1f} KiB<extra></extra>",
      });
    }
  }
  return withLegendBelow(base, caption, data, height, title, {
  xaxis: pow2Axis(xValues(data), "trace length (steps)"),
  yaxis: { title: { text: "proof size (KiB)" }, rangemode: "tozero" },
  });
}

/** "prove 4-feature regression, public weights (f128, 123-bit)" → ["4-feature regression, public weights", "f128, 123-bit"]. */
export function splitVmName(name: string): { label: string; options: string } {
  const s = seriesLabel(name);
  const m = /^(.*)\s+\(([^()]*)\)$/.exec(s);
  return m ? { label: m[1]!, options: m[2]! } : { label: s, options: "" };
}

/** The stages of the vm suite's 30-feature run, by name prefix, in pipeline order. */
const VM_STAGES: readonly (readonly [string, string])[] = [
  ["execute", "execute on full LWE ciphertexts"],
  ["statement cells", "statement cells (raw or compressed)"],
  ["vmTrace", "trace generation (vmTrace)"],
];

export function vmTimingsChart(vm: SuiteFile | undefined): Chart {
  const height = 560;
  const title = "zkVM encrypted inference: proving, trace generation and execution";
  const base = { id: "vm-timings", title, height, sources: [benchJson("vm")] };
  const caption =
    `The "vm" suite (bench/vm.ts). Left: median time to prove one encrypted inference of the thesis example and of compiled ` +
    `regressions (program length in VM steps under each bar group), one bar per LWE preset and proof options: public weights ` +
    `over f128 and over Goldilocks, private weights in zero knowledge; conjectured security (Winterfell's formula) in the ` +
    `legend, verify time and trace rows on hover. Every proof was verified and its output decrypted to the clear ` +
    `computation's value by the suite. Right: the stages before the STARK for the 30-feature regression per preset: running ` +
    `the program on full LWE ciphertexts, building the statement's cells, and generating the VM execution trace ` +
    `(logarithmic axis).`;
  if (!vm) return missingChart({ ...base, caption }, "vm");
  const data: Record<string, unknown>[] = [];
  const proves = vm.results.filter((r) => r.name.startsWith("prove "));
  const caseOf = (r: Measurement): string => {
    const steps = extraNumber(r, "steps");
    return `${splitVmName(r.name).label}${steps === undefined ? "" : ` · ${steps} steps`}`;
  };
  const cases = [...new Set(proves.map(caseOf))];
  let i = 0;
  for (const [key, rs] of groupBy(proves, (r) => `${String(r.extra?.preset ?? "")} · ${splitVmName(r.name).options}`)) {
    const bits = extraNumber(rs[0]!, "conjecturedBits");
    const at = cases.map((c) => rs.find((r) => caseOf(r) === c));
    data.push({
      type: "bar",
      name: `prove: ${key}${bits === undefined ? "" : ` (${bits.toFixed(0)} bits)`}`,
      x: cases,
      y: at.map((r) => r?.msPerOp ?? null),
      ...spreadBars(at),
      customdata: at.map((r) => (r ? [extraNumber(r, "verifyMs") ?? null, extraNumber(r, "traceLength") ?? null, extraNumber(r, "proofBytes") ?? null] : [null, null, null])),
      hovertemplate: `${key}<br>%{x}<br>prove %{y:.4s} ms, verify %{customdata[0]:.3s} ms<br>%{customdata[1]} trace rows, proof %{customdata[2]:,} bytes<extra></extra>`,
      marker: { color: color(i++) },
    });
  }
  const stageRows = vm.results.filter((r) => VM_STAGES.some(([prefix]) => r.name.startsWith(prefix)));
  const presets = [...new Set(stageRows.map((r) => String(r.extra?.preset ?? "")))];
  VM_STAGES.forEach(([prefix, label], k) => {
    const at = presets.map((p) => stageRows.find((r) => r.name.startsWith(prefix) && String(r.extra?.preset ?? "") === p));
    if (!at.some(Boolean)) return;
    data.push({
      type: "bar",
      name: label,
      x: presets,
      y: at.map((r) => r?.msPerOp ?? null),
      ...spreadBars(at),
      hovertext: at.map((r) => r?.params ?? ""),
      hovertemplate: `${label}: %{y:.4s} ms<br>%{hovertext}<extra></extra>`,
      xaxis: "x2",
      yaxis: "y2",
      marker: { color: color(6 + k) },
    });
  });
  return {
    ...base,
    caption,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        barmode: "group",
        xaxis: { title: { text: "model, preset and proof options" }, domain: [0, 0.66], tickangle: -20, automargin: true, tickfont: { size: 10 } },
        yaxis: { title: { text: "prove time per inference (ms)" }, rangemode: "tozero" },
        xaxis2: { domain: [0.76, 1], anchor: "y2", title: { text: "30 features: stages" }, automargin: true },
        yaxis2: { anchor: "x2", type: "log", exponentformat: "power", title: { text: "time per stage (ms)" } },
        legend: { orientation: "h", y: -0.32, x: 0, font: { size: 10 } },
        margin: { t: 60, l: 70, r: 20, b: 150 },
      },
    },
  };
}

/** The batch rows of the vm suite (bench/vm-batch.ts): "<model>, <B> rows in one proof". */
const BATCH_NAME = /^(.*), (\d+) rows? in one proof$/;

/**
 * Issue 15's cost curve: prove time per row against the rows one proof covers, per model (log–log), with each
 * run's spread; the STARK proof's size on hover. Flat or falling is the target: a batch shares the commitments,
 * FRI and the queries' openings among its rows.
 */
export function vmBatchChart(vm: SuiteFile | undefined): Chart {
  const height = 480;
  const title = "Batches: prove time per row against the rows in one proof";
  const base = { id: "vm-batch", title, height, sources: [benchJson("vm")] };
  const caption =
    `The "vm" suite's batch rows (bench/vm-batch.ts): the cars regression and the penguins classifier at goldilocks-128 ` +
    `under the default policy's options, B rows proved in one STARK proof; the median prove time divided by B, with the ` +
    `fastest and slowest run as error bars. Every proof was verified and every output decrypted to the clear quantised ` +
    `model's value by the suite. Hover: trace rows, the STARK proof's size and the verify time.`;
  const rows = (vm?.results ?? []).filter((r) => BATCH_NAME.test(r.name));
  if (!vm || rows.length === 0) return missingChart({ ...base, caption }, "vm");
  const data: Record<string, unknown>[] = [];
  let i = 0;
  for (const [model, rs] of groupBy(rows, (r) => BATCH_NAME.exec(r.name)![1]!)) {
    const sorted = [...rs].sort((a, b) => Number(BATCH_NAME.exec(a.name)![2]) - Number(BATCH_NAME.exec(b.name)![2]));
    const b = sorted.map((r) => Number(BATCH_NAME.exec(r.name)![2]));
    const perRow = (v: number | undefined, k: number) => (v === undefined ? null : v / b[k]!);
    const hasSpread = sorted.some((r) => r.minMs !== undefined && r.maxMs !== undefined);
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: model,
      x: b,
      y: sorted.map((r, k) => perRow(r.msPerOp, k)),
      ...(hasSpread
        ? { error_y: { type: "data", symmetric: false, array: sorted.map((r, k) => (r.maxMs === undefined ? 0 : perRow(r.maxMs - r.msPerOp, k))), arrayminus: sorted.map((r, k) => (r.minMs === undefined ? 0 : perRow(r.msPerOp - r.minMs, k))) } }
        : {}),
      customdata: sorted.map((r) => [extraNumber(r, "traceLength") ?? null, (extraNumber(r, "proofBytes") ?? 0) / 1024, extraNumber(r, "verifyMs") ?? null]),
      hovertemplate: `${model}<br>%{x} rows: %{y:.3s} ms per row<br>%{customdata[0]} trace rows, proof %{customdata[1]:.1f} KiB, verify %{customdata[2]:.3s} ms<extra></extra>`,
      marker: { color: color(i++) },
    });
  }
  return {
    ...base,
    caption,
    figure: {
      data,
      layout: {
        ...layoutBase(title, height),
        xaxis: { title: { text: "rows in one proof (B)" }, type: "log" },
        yaxis: { title: { text: "prove time per row (ms)" }, type: "log", exponentformat: "power" },
        legend: { orientation: "h", y: -0.25, x: 0 },
        margin: { t: 60, l: 70, r: 20, b: 110 },
      },
    },
  };
}

export function genstarkRatioChart(genstark: SuiteFile | undefined): Chart {
  const height = 380;
  const title = "Side by side with genSTARK: genSTARK time / our time";
  const base = { id: "genstark-ratio", title, height, sources: [benchJson("genstark")] };
  const caption =
    `The same MiMC statement (genSTARK's examples/mimc/mimc128.ts: 128-bit field, x0 = 3) proved and verified in one process by ` +
    `@guildofweavers/genstark 0.7.6 (WebAssembly on, its ~96-bit options) and by this project's prover (the "genstark" suite: ` +
    `bench/genstark.ts; docs/genstark-comparison.md). Bars: genSTARK's time divided by ours at each trace length, for proving ` +
    `(solid) and verifying (hatched); above the dashed line at 1 ours is faster. Configurations: matched conjectured security ` +
    `(Winterfell formula), the same query work as genSTARK, and our default options on the Goldilocks variant of MiMC (a ` +
    `different field, shown for reference: its ratio is not a same-field comparison). Error bars, where there are several runs, ` +
    `span genSTARK's fastest over our slowest run to its slowest over our fastest. Legend: conjectured bits and field of ours; genSTARK rates its own proofs at ` +
    `${genstark?.results.find((r) => r.name.startsWith("genSTARK"))?.extra?.conjecturedBits ?? "?"} bits (its securityLevel).`;
  if (!genstark) return missingChart({ ...base, caption }, "genstark");
  const ours = genstark.results.filter((r) => !r.name.startsWith("genSTARK") && extraNumber(r, "ratio") !== undefined);
  const sizes = [...new Set(ours.map((r) => r.params))].sort((a, b) => (stepsFromParams(a) ?? 0) - (stepsFromParams(b) ?? 0));
  const data: Record<string, unknown>[] = [];
  [...groupBy(ours, (r) => r.name)].forEach(([name, rs], i) => {
    const bits = extraNumber(rs[0]!, "conjecturedBits");
    const field = rs[0]!.extra?.field;
    const label = `${name.replace(/^ours:\s*/, "")}${bits === undefined ? "" : `, ${bits.toFixed(0)} bits`}${field === undefined ? "" : `, on ${String(field)}`}`;
    const at = (p: string) => rs.find((r) => r.params === p);
    const ratio = (p: string) => (at(p) ? extraNumber(at(p)!, "ratio") ?? null : null);
    const hasRange = rs.some((r) => extraNumber(r, "ratioLow") !== undefined && extraNumber(r, "ratioHigh") !== undefined && r.runs > 1);
    data.push({
      type: "bar",
      name: `prove: ${label}`,
      x: sizes,
      y: sizes.map(ratio),
      ...(hasRange
        ? {
            error_y: {
              type: "data",
              symmetric: false,
              array: sizes.map((p) => Math.max(0, (at(p) ? extraNumber(at(p)!, "ratioHigh") ?? 0 : 0) - (ratio(p) ?? 0))),
              arrayminus: sizes.map((p) => Math.max(0, (ratio(p) ?? 0) - (at(p) ? extraNumber(at(p)!, "ratioLow") ?? ratio(p) ?? 0 : 0))),
              thickness: 1,
              width: 3,
            },
          }
        : {}),
      text: sizes.map((p) => (at(p) ? `${extraNumber(at(p)!, "ratio")?.toFixed(2)}×` : "")),
      textposition: "outside",
      marker: { color: color(i) },
      offsetgroup: `p${i}`,
    });
    data.push({
      type: "bar",
      name: `verify: ${label}`,
      x: sizes,
      y: sizes.map((p) => (at(p) ? extraNumber(at(p)!, "verifyRatio") ?? null : null)),
      marker: { color: color(i), pattern: { shape: "/", fillmode: "overlay", fgcolor: "#ffffff", solidity: 0.45 } },
      offsetgroup: `v${i}`,
    });
  });
  return withLegendBelow(base, caption, data, height, title, {
  barmode: "group",
  xaxis: { title: { text: "trace length (steps)" } },
  yaxis: { title: { text: "genSTARK time / our time (×)" }, type: "log" },
  shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 1, y1: 1, line: { dash: "dash", color: "#444", width: 1 } }],
  });
}

// ---------------------------------------------------------------- contracts

/** The on-chain STARK verifier's rows of the gas suite (charted on their own: they are 100× a marketplace call). */
const isStarkVerify = (r: Measurement) => r.name.startsWith("StarkVerifier.verify") || r.name.startsWith("StarkInferenceVerifier.settle");

export function gasChart(gas: SuiteFile | undefined): Chart {
  const rows = (gas?.results ?? []).filter((r) => extraNumber(r, "gas") !== undefined && !isStarkVerify(r));
  const height = Math.max(420, 120 + 24 * rows.length);
  const title = "Gas per contract function";
  const base = { id: "gas", title, height, sources: [benchJson("gas")] };
  const caption =
    `Gas used by each contract deployment and each function call along the marketplace flow (publish a data set and a model, ` +
    `buy access, stake, request, accept, submit, finalise and challenge a job, withdraw), measured on the embedded Hardhat ` +
    `chain (cancun rules, solc 0.8.30, optimizer at 200 runs) by the "gas" suite (bench/gas.ts).`;
  if (!gas) return missingChart({ ...base, caption }, "gas");
  const deploy = rows.filter((r) => r.name.endsWith("(deploy)"));
  const calls = rows.filter((r) => !r.name.endsWith("(deploy)"));
  // plotly draws the first category at the bottom: reverse so the list reads top-down in the suite's order
  const trace = (rs: Measurement[], name: string, c: string) => ({
    type: "bar",
    orientation: "h",
    name,
    y: [...rs].reverse().map((r) => r.name),
    x: [...rs].reverse().map((r) => extraNumber(r, "gas")!),
    text: [...rs].reverse().map((r) => extraNumber(r, "gas")!.toLocaleString("en-US")),
    textposition: "outside",
    cliponaxis: false,
    marker: { color: c },
    hovertemplate: "%{y}: %{x:,} gas<extra></extra>",
  });
  const maxGas = Math.max(1, ...rows.map((r) => extraNumber(r, "gas")!));
  return {
    ...base,
    caption,
    figure: {
      data: [trace(calls, "function call", color(0)), trace(deploy, "deployment", color(1))],
      layout: {
        ...layoutBase(title, height),
        xaxis: { title: { text: "gas (units)" }, range: [0, maxGas * 1.18], tickformat: ",d" },
        yaxis: { title: { text: "contract function" }, automargin: true, type: "category", tickfont: { size: 11 } },
        margin: { t: 60, l: 20, r: 30, b: 60 },
        legend: { orientation: "h", y: 1.04, x: 0 },
      },
    },
  };
}

/** Issue 16: the gas of verifying one inference proof on chain, calldata and execution stacked, against the 3 M target. */
export function starkVerifierGasChart(gas: SuiteFile | undefined): Chart {
  const rows = (gas?.results ?? []).filter((r) => isStarkVerify(r) && extraNumber(r, "calldataGas") !== undefined && extraNumber(r, "executionGas") !== undefined);
  const title = "Gas to verify one inference proof on chain";
  const height = Math.max(360, 160 + 60 * rows.length);
  const base = { id: "onchain-verifier", title, height, sources: [benchJson("gas")] };
  const caption =
    `StarkVerifier.verify (contracts/verifiers/stark/) on proofs with ONCHAIN_OPTIONS (keccak256, blowup 64, 22 queries: ` +
    `128 bits conjectured, 81 proven), as eth_estimateGas on the embedded Hardhat chain: the calldata (the 21,000 base, the ` +
    `proof, the verifying key and the public inputs) and the execution. The dashed line is issue 16's target for the cars ` +
    `model (3,000,000 gas). In the verify bars the statement's lanes are public inputs; the "whole settlement" bars are ` +
    `StarkInferenceVerifier.settle on a job along the marketplace flow (anvil): the job's input and output ciphertext files ` +
    `read and compressed on chain into the lanes, then verify.`;
  if (rows.length === 0) return missingChart({ ...base, caption }, "gas");
  const label = (r: Measurement) => r.name.replace(/^StarkVerifier\.verify \((.*)\)$/, "$1").replace(/^StarkInferenceVerifier\.settle \((.*)\)$/, "whole settlement: $1");
  const part = (key: "calldataGas" | "executionGas", name: string, c: string) => ({
    type: "bar",
    orientation: "h",
    name,
    y: [...rows].reverse().map(label),
    x: [...rows].reverse().map((r) => extraNumber(r, key)!),
    marker: { color: c },
    hovertemplate: `%{y}: %{x:,} gas (${name})<extra></extra>`,
  });
  const maxGas = Math.max(3_000_000, ...rows.map((r) => extraNumber(r, "gas")!));
  return {
    ...base,
    caption,
    figure: {
      data: [part("calldataGas", "calldata", color(1)), part("executionGas", "execution", color(0))],
      layout: {
        ...layoutBase(title, height),
        barmode: "stack",
        xaxis: { title: { text: "gas (units)" }, range: [0, maxGas * 1.1], tickformat: ",d" },
        yaxis: { title: { text: "proof" }, automargin: true, type: "category" },
        shapes: [{ type: "line", xref: "x", yref: "paper", x0: 3_000_000, x1: 3_000_000, y0: 0, y1: 1, line: { dash: "dash", color: "#444", width: 1 } }],
        margin: { t: 60, l: 20, r: 30, b: 60 },
        legend: { orientation: "h", y: 1.04, x: 0 },
      },
    },
  };
}

/** Every chart of the report, in page order. */
/**
 * Every chart of the report, each figure passed through the chart helper the notebooks use (src/notebook/chart.ts):
 * plotly 4 titles, log axes where the data spans decades and the builder set no type, and a refusal of a figure
 * without a title or axis titles.
 */
export function buildCharts(suites: SuiteResults, analysis: Analysis): Chart[] {
  return [
    lweSecurityChart(analysis.lweSecurity, analysis.costModels),
    lweNoiseBudgetChart(analysis.noiseBudget),
    lweNoiseMeasuredChart(analysis.noiseMeasured),
    lweTimingsChart(suites.lwe),
    regressionAccuracyChart(analysis.regression),
    proofTimingsChart(suites.prover, suites.genstark),
    vmTimingsChart(suites.vm),
    vmBatchChart(suites.vm),
    proofSizeChart(suites.prover, suites.genstark),
    genstarkRatioChart(suites.genstark),
    gasChart(suites.gas),
    starkVerifierGasChart(suites.gas),
  ].map(throughChartHelper);
}

function throughChartHelper(c: Chart): Chart {
  if (!c.figure) return c;
  const layout = c.figure.layout ?? {};
  return { ...c, figure: chart({ title: titleText(layout.title) || c.title, data: c.figure.data, layout, height: c.height }) };
}
