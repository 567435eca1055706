import { describe, expect, it } from "vitest";
import {
  buildCharts,
  extraNumber,
  gasChart,
  starkVerifierGasChart,
  genstarkRatioChart,
  lweNoiseBudgetChart,
  lweSecurityChart,
  lweTimingsChart,
  proofSizeChart,
  proofTimingsChart,
  regressionAccuracyChart,
  splitVmName,
  spreadBars,
  stepsFromParams,
  vmTimingsChart,
  vmBatchChart,
} from "./charts.js";
import { ANALYSIS, GAS, GENSTARK, LWE, PROVER, SUITES_FIXTURE, VM } from "./test-fixtures.js";

type Trace = Record<string, any>;
const traces = (c: { figure?: { data: readonly Record<string, unknown>[] } }): Trace[] => (c.figure?.data ?? []) as Trace[];
const byName = (c: { figure?: { data: readonly Record<string, unknown>[] } }, name: string): Trace => {
  const t = traces(c).find((x) => x.name === name);
  if (!t) throw new Error(`no trace "${name}" in ${traces(c).map((x) => x.name).join(" | ")}`);
  return t;
};

describe("helpers", () => {
  it("read trace lengths, numeric extras and VM names", () => {
    expect(stepsFromParams("2^10 steps")).toBe(1024);
    expect(stepsFromParams("cars, 5 features")).toBeUndefined();
    expect(extraNumber(PROVER.results[0]!, "verifyMs")).toBe(15);
    expect(extraNumber(VM.results[2]!, "mode")).toBeUndefined(); // "raw"
    expect(extraNumber({ ...VM.results[3]!, extra: { mode: "2" } }, "mode")).toBe(2);
    expect(splitVmName("prove thesis example (lr.txt) (f128, 123-bit)")).toEqual({ label: "thesis example (lr.txt)", options: "f128, 123-bit" });
  });
});

describe("chart builders", () => {
  it("LWE security: one bar trace per cost model, one bar per preset, the model's bits", () => {
    const c = lweSecurityChart(ANALYSIS.lweSecurity, ANALYSIS.costModels);
    expect(traces(c).map((t) => t.name)).toEqual(["core-svp", "matzov"]);
    expect(byName(c, "core-svp").x).toEqual(["thesis", "goldilocks-128"]);
    expect(byName(c, "core-svp").y).toEqual([4, 128.8]);
    expect(byName(c, "matzov").y).toEqual([4, 156]);
    expect(c.caption).toContain("core-svp = ADPS16 core-SVP, classical"); // the model is named
  });

  it("noise budget: the curve and the 2^-40 point of each preset", () => {
    const c = lweNoiseBudgetChart(ANALYSIS.noiseBudget);
    const [curve, point] = traces(c);
    expect(curve!.x).toEqual([100, 1000, 10000]);
    expect(curve!.y).toEqual([-400, -150, -2]);
    expect(point!.x).toEqual([2808]);
    expect(point!.y).toEqual([-40]);
  });

  it("LWE timings: one series per preset over the operations, without the estimator and bulk rows", () => {
    const c = lweTimingsChart(LWE);
    expect(traces(c).map((t) => t.name)).toEqual(["thesis", "goldilocks-128"]);
    expect(byName(c, "goldilocks-128").x).toEqual(["keygen", "decrypt"]);
    expect(byName(c, "goldilocks-128").y).toEqual([175, 0.018]);
    expect(byName(c, "goldilocks-128").error_y).toBeUndefined(); // the fixture recorded no spread
  });

  it("spread: error bars from each row's fastest and slowest run, none without a recorded spread", () => {
    const row = (msPerOp: number, minMs: number, maxMs: number) => ({ suite: "lwe", name: "decrypt", params: "x", msPerOp, runs: 5, minMs, maxMs });
    const withSpread = { ...LWE, results: [{ ...row(175, 170, 190), name: "keygen", params: "goldilocks-128" }, { ...row(0.018, 0.015, 0.03), params: "goldilocks-128" }] };
    const bars = byName(lweTimingsChart(withSpread), "goldilocks-128").error_y;
    expect(bars.array[0]).toBeCloseTo(15);
    expect(bars.arrayminus[0]).toBeCloseTo(5);
    expect(bars.array[1]).toBeCloseTo(0.012);
    expect(bars.arrayminus[1]).toBeCloseTo(0.003);
    expect(spreadBars([{ ...row(3, 3, 3), runs: 1 }])).toEqual({}); // a single run has no spread to show
  });

  it("regression accuracy: quantised and float R² against n_bits per data set; clipped points named", () => {
    const c = regressionAccuracyChart(ANALYSIS.regression);
    expect(byName(c, "cars: quantised model").x).toEqual([2, 8]);
    expect(byName(c, "cars: quantised model").y).toEqual([0.42, 0.71]);
    expect(byName(c, "penguins: float model").y).toEqual([0.78, 0.78]);
    expect((c.figure!.layout as any).yaxis.range[0]).toBe(-1);
    expect(c.caption).toContain("penguins at 2 bits: R² = -6.00");
  });

  it("proof timings: prove and verify against trace length, trace generation from the genstark suite", () => {
    const c = proofTimingsChart(PROVER, GENSTARK);
    const prove = byName(c, "prove: mimc (genSTARK-comparable), 127 bits");
    expect(prove.x).toEqual([256, 1024]);
    expect(prove.y).toEqual([110, 330]);
    expect(byName(c, "verify: mimc (genSTARK-comparable)").y).toEqual([14, 11]);
    expect(byName(c, "trace generation: mimc").y).toEqual([2, 4]);
    expect(byName(c, "trace generation: mimc-goldilocks").x).toEqual([1024, 4096]);
    expect(c.sources).toEqual(["bench/prover.json", "bench/genstark.json"]);
  });

  it("proof size: KiB per trace length, prover series and the side-by-side ones", () => {
    const c = proofSizeChart(PROVER, GENSTARK);
    expect(byName(c, "mimc-goldilocks (default (cubic ext.)), 123 bits").y).toEqual([24, 38]);
    expect(byName(c, "side by side: genSTARK 0.7.6: mimc (β16, 48q + 24 FRI q, wasm), 96 bits").y).toEqual([60000 / 1024, 84000 / 1024]);
  });

  it("genSTARK ratio: prove and verify ratios of each of our configurations per trace length, genSTARK's own row left out", () => {
    const c = genstarkRatioChart(GENSTARK);
    expect(traces(c)).toHaveLength(4);
    const p = byName(c, "prove: mimc, matched bits (β16, 24q), 95 bits");
    expect(p.x).toEqual(["2^10 steps", "2^12 steps"]);
    expect(p.y).toEqual([0.32, 0.29]);
    expect(byName(c, "verify: mimc-goldilocks, default (β8, 36q, 16 grind, ext 3), 123 bits").y).toEqual([1.5, 2.1]);
    expect(c.caption).toContain("at 96 bits");
  });

  it("onchain-verifier: calldata and execution stacked per proof, the 3 M target marked; the marketplace chart leaves the verifier out", () => {
    const c = starkVerifierGasChart(GAS);
    expect(c.missing).toBeUndefined();
    const [calldata, execution] = c.figure!.data as { name: string; x: number[]; y: string[] }[];
    expect([calldata!.name, execution!.name]).toEqual(["calldata", "execution"]);
    // listed bottom-up (plotly's category order), so reversed: the whole settlement after the verification
    expect(calldata!.y).toEqual(["whole settlement: cars job, public weights", "cars model, 1 row"]);
    expect(calldata!.x[1]! + execution!.x[1]!).toBe(6483983);
    expect(calldata!.x[0]! + execution!.x[0]!).toBe(11969603);
    expect(JSON.stringify(c.figure!.layout)).toContain('"x0":3000000');
    expect((gasChart(GAS).figure!.data as { y: string[] }[]).flatMap((t) => t.y).some((y) => y.startsWith("Stark"))).toBe(false);
  });

  it("gas: one bar per function, deployments apart from calls", () => {
    const c = gasChart(GAS);
    const calls = byName(c, "function call");
    const deploys = byName(c, "deployment");
    // listed bottom-up (plotly's category order), so reversed
    expect(calls.y).toEqual(["JobManager.requestJob", "Marketplace.buyAccess (data set)", "EncryptAIToken.faucet"]);
    expect(calls.x).toEqual([314717, 181035, 51253]);
    expect(deploys.x).toEqual([1508615, 1246796]);
  });

  it("zkVM: prove time per case for each preset and options; the stages on the second axes", () => {
    const c = vmTimingsChart(VM);
    const t = byName(c, "prove: f128-128 · f128, 123-bit (123 bits)");
    expect(t.x).toEqual(["thesis example (lr.txt) · 32 steps", "4-feature regression, private weights · 48 steps"]);
    expect(t.y).toEqual([140, null]);
    expect(byName(c, "prove: f128-128 · zero knowledge (123 bits)").y).toEqual([null, 620]);
    const trace = byName(c, "trace generation (vmTrace)");
    expect([trace.x, trace.y, trace.xaxis]).toEqual([["thesis-u8"], [35], "x2"]);
  });

  it("batches: prove time per row against rows per proof, sorted by rows, each run's spread per row", () => {
    const c = vmBatchChart(VM);
    const t = byName(c, "cars regression (5 features, public weights)");
    expect(t.x).toEqual([1, 10, 100]);
    expect(t.y).toEqual([200, 29, 14]);
    expect((t.error_y as { array: number[]; arrayminus: number[] }).array[0]).toBe(60);
    expect((t.error_y as { array: number[]; arrayminus: number[] }).arrayminus[0]).toBe(20);
    expect(vmBatchChart(undefined).missing).toContain('"vm" suite');
  });

  it("a suite without results gives a chart that says so instead of a figure", () => {
    const c = gasChart(undefined);
    expect(c.figure).toBeUndefined();
    expect(c.missing).toContain('"gas" suite');
  });

  it("buildCharts: every chart the issue asks for, unique ids, serialisable figures", () => {
    const charts = buildCharts(SUITES_FIXTURE, ANALYSIS);
    expect(charts.map((c) => c.id)).toEqual([
      "lwe-security",
      "lwe-noise-budget",
      "lwe-noise-measured",
      "lwe-timings",
      "regression-accuracy",
      "proof-timings",
      "vm-timings",
      "vm-batch",
      "proof-size",
      "genstark-ratio",
      "gas",
      "onchain-verifier",
    ]);
    for (const c of charts) {
      expect(c.figure, c.id).toBeDefined();
      expect(c.id).toMatch(/^[a-z0-9-]+$/);
      expect(c.height).toBeGreaterThan(300);
      expect(JSON.parse(JSON.stringify(c.figure))).toEqual(c.figure);
    }
    expect(buildCharts({}, ANALYSIS).filter((c) => c.missing).map((c) => c.id)).toEqual(["lwe-timings", "proof-timings", "vm-timings", "vm-batch", "proof-size", "genstark-ratio", "gas", "onchain-verifier"]);
  });
});
