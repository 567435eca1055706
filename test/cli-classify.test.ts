// End-to-end tests of `encryptai train --task classification` and `encryptai predict` on a classifier (issue 15):
// real processes, real files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATASETS, classFromScores, clearAccumulator, loadDataset, parseClassifier, quantizeRow, quantizedScores, selectClassification } from "../src/regression/index.js";

const dir = mkdtempSync(join(tmpdir(), "encryptai-classify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/encryptai.mjs", ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Metrics {
  accuracy: number;
  macroF1: number;
  confusion: number[][];
}

describe("encryptai train --task classification / predict", () => {
  it("penguins species: a 3-class classifier whose encrypted predictions equal the quantised ones on the whole test split", () => {
    const model = join(dir, "species.json");
    const t = cli("train", "--task", "classification", "--dataset", "penguins", "--bits", "8", "--out", model, "--json");
    expect(t.code, t.stderr).toBe(0);
    const trained = JSON.parse(t.stdout) as { hash: string; model: { classes: string[]; training: { testMetrics: { float: Metrics; quantized: Metrics } } } };
    expect(trained.model.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    const { float, quantized } = trained.model.training.testMetrics;
    expect(float.accuracy).toBeGreaterThan(0.95);
    expect(quantized.accuracy).toBeGreaterThanOrEqual(float.accuracy - 0.015); // float-level at 8 bits
    expect(JSON.parse(readFileSync(model, "utf8")).format).toBe("encryptai-linear-classifier");

    const p = cli("predict", "--model", model, "--dataset", "penguins", "--split", "test", "--encrypted", "--encryption", "secret", "--seed", "cls-test", "--json");
    expect(p.code, p.stderr).toBe(0);
    const r = JSON.parse(p.stdout) as { rows: number; encryptedEqualsQuantized: boolean; metrics: { quantized: Metrics; encrypted: Metrics }; predictions: { encrypted: string; quantized: string }[] };
    expect(r.encryptedEqualsQuantized).toBe(true);
    expect(r.predictions.every((x) => x.encrypted === x.quantized)).toBe(true);
    // the test split predict measures is the one train reported
    expect(r.metrics.quantized).toEqual(quantized);
    expect(r.metrics.encrypted).toEqual(quantized);
  }, 300_000);

  it("human output: accuracy, macro-F1 and the confusion matrix, saying which rows the metrics cover", () => {
    const model = join(dir, "weather.json");
    expect(cli("train", "--task", "classification", "--dataset", "seattle-weather", "--out", model).code).toBe(0);
    const p = cli("predict", "--model", model, "--dataset", "seattle-weather", "--split", "test", "--limit", "40");
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/metrics over the classifier's held-out test split/);
    expect(p.stdout).toMatch(/accuracy\s+\d+\.\d %/);
    expect(p.stdout).toMatch(/true ↓ \/ predicted →\s+drizzle\s+fog\s+rain\s+snow\s+sun/);
  }, 300_000);

  it("decode: a row's k decrypted class scores → its class, as the quantised classifier decides; a wrong count is refused", () => {
    const model = join(dir, "species-decode.json");
    expect(cli("train", "--task", "classification", "--dataset", "penguins", "--out", model).code).toBe(0);
    const m = parseClassifier(readFileSync(model, "utf8")).model;
    const d = DATASETS.penguins!.classification!;
    const { data } = selectClassification(loadDataset("penguins"), d.features, d.target, { dropMissing: true });
    for (const row of [data.x[0]!, data.x[200]!, data.x[300]!]) {
      const accs = m.quantized.map((q) => clearAccumulator(q, quantizeRow(q, row)));
      const r = cli("decode", "--model", model, "--value", accs.join(","), "--json");
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).class).toBe(m.classes[classFromScores(quantizedScores(m.quantized, row))]);
    }
    const wrong = cli("decode", "--model", model, "--value", "1,2");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/the classifier has 3 class scores \(Adelie, Chinstrap, Gentoo\), 2 accumulators given/);
  }, 300_000);

  it("classifier predict clamps out-of-range inputs silently: now a warning and clampedRows in --json", () => {
    const model = join(dir, "species-clamp.json");
    expect(cli("train", "--task", "classification", "--dataset", "penguins", "--out", model).code).toBe(0);
    const csv = join(dir, "out-of-range.csv");
    writeFileSync(csv, "Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g)\n1000,18,181,3750\n39,18,181,3750\n");
    const r = cli("predict", "--model", model, "--csv", csv, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: 1 of 2 rows have a feature outside the classifier's training range/);
    expect(JSON.parse(r.stdout).clampedRows).toBe(1);
  }, 300_000);

  it("predict on a labelled CSV failed unless every class was present, and one unknown label aborted the run", () => {
    const model = join(dir, "species-subset.json");
    expect(cli("train", "--task", "classification", "--dataset", "penguins", "--out", model).code).toBe(0);
    const lines = readFileSync("datasets/penguins.csv", "utf8").trim().split("\n");
    const csv = join(dir, "adelie-and-emperor.csv");
    // 5 Adelie rows (one with missing measurements, skipped) and one of an unknown class
    writeFileSync(csv, [...lines.slice(0, 6), lines[1]!.replace(/^Adelie/, "Emperor")].join("\n") + "\n");
    const r = cli("predict", "--model", model, "--csv", csv, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 of 5 rows have no label among the classifier's classes/);
    const out = JSON.parse(r.stdout) as { rows: number; metricsCover: string; metrics: { float: Metrics }; predictions: { target: string | null }[] };
    expect(out.rows).toBe(5);
    expect(out.predictions[4]!.target).toBeNull();
    expect(out.metricsCover).toMatch(/^4 labelled rows of the 5 given/);
    expect(out.metrics.float.confusion.flat().reduce((a, b) => a + b, 0)).toBe(4);
    // macro-F1 counts only the classes present: all four Adelie rows right is 1, not 1/3
    expect(out.metrics.float.macroF1).toBe(1);
  }, 300_000);

  it("a huge --l2 gave a 'model file' error with an [-Infinity, Infinity] range; now refused as an option", () => {
    const r = cli("train", "--task", "classification", "--dataset", "penguins", "--l2", "1e20");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--l2 \S+: expected a penalty in \(0, 10000\]/);
  }, 300_000);

  it("quantize or prove with a classifier file says it is a classifier", () => {
    const model = join(dir, "species-q.json");
    expect(cli("train", "--task", "classification", "--dataset", "penguins", "--out", model).code).toBe(0);
    const r = cli("quantize", "--model", model, "--values", "39,18,181,3750");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a classifier: this command takes a regression model file/);
  }, 300_000);

  it("bad input is named, exit code 2: one class, a numeric target, a class outside --classes, an unknown task", () => {
    const csv = join(dir, "one-class.csv");
    writeFileSync(csv, "a,b,label\n1,2,x\n2,1,x\n3,3,x\n4,2,x\n5,1,x\n");
    const one = cli("train", "--task", "classification", "--csv", csv, "--features", "a,b", "--target", "label");
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/one class \("x"\): a classifier needs at least two/);
    const numeric = cli("train", "--task", "classification", "--dataset", "cars", "--target", "Miles_per_Gallon", "--features", "Weight_in_lbs");
    expect(numeric.code).toBe(2);
    expect(numeric.stderr).toMatch(/over the cap of 16 .*train a regression instead/);
    const outside = cli("train", "--task", "classification", "--dataset", "penguins", "--classes", "Adelie,Gentoo");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/class "Chinstrap" in "Species", not one of "Adelie", "Gentoo"/);
    const task = cli("train", "--task", "clustering", "--dataset", "penguins");
    expect(task.code).toBe(2);
    expect(task.stderr).toMatch(/--task "clustering": expected regression or classification/);
  }, 300_000);
});
