import { describe, expect, it } from "vitest";
import { classificationMetrics } from "./classification-metrics.js";
import { classFromScores, quantizedScores, scoresFromAccumulators, selectClassification, trainLinearClassifier } from "./classifier.js";
import { DATASETS, loadDataset } from "./datasets.js";
import { clearAccumulator, quantizeRow } from "./quantized-model.js";
import { parseCsv } from "./table.js";

describe("classification metrics", () => {
  it("known answer: scikit-learn's f1_score docstring example (macro F1 0.2667, accuracy 1/3)", () => {
    const m = classificationMetrics([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3);
    expect(m.macroF1).toBeCloseTo(0.26666666666666666, 12);
    expect(m.accuracy).toBeCloseTo(1 / 3, 12);
    expect(m.confusion).toEqual([[2, 0, 0], [1, 0, 1], [0, 2, 0]]);
  });
  it("macro-F1 averages over the classes that occur (scikit-learn's default labels): five right answers of one class score 1", () => {
    expect(classificationMetrics([0, 0, 0, 0, 0], [0, 0, 0, 0, 0], 3).macroF1).toBe(1);
    expect(classificationMetrics([0, 0, 1], [0, 2, 1], 3).macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
  });
  it("refuses mismatched lengths and out-of-range classes", () => {
    expect(() => classificationMetrics([0, 1], [0], 2)).toThrow(/2 labels but 1 predictions/);
    expect(() => classificationMetrics([0, 3], [0, 1], 3)).toThrow(/row 1 has class 3/);
  });
});

describe("linear classifiers on the built-in data sets", () => {
  it("class from scores: the sign for one score, the first largest for several", () => {
    expect(classFromScores([0.2])).toBe(1);
    expect(classFromScores([-0.2])).toBe(0);
    expect(classFromScores([1, 3, 3, 2])).toBe(1);
  });

  for (const name of ["penguins", "seattle-weather"]) {
    it(`${name}: at 8 bits the quantised classifier matches the float one, and the scores come from exact integer accumulators`, () => {
      const d = DATASETS[name]!.classification!;
      const r = trainLinearClassifier(loadDataset(name), { features: d.features, target: d.target, nBits: 8, dropMissing: true });
      const { float, quantized } = r.model.training.testMetrics;
      expect(r.model.kind).toBe("one-vs-rest-logistic");
      expect(Math.abs(quantized.accuracy - float.accuracy)).toBeLessThanOrEqual(0.01);
      expect(float.accuracy).toBeGreaterThan(name === "penguins" ? 0.95 : 0.7);
      // what the user does after decryption: accumulators → scores → argmax, the same as the quantised prediction
      const row = r.data.x[r.test[0]!]!;
      const acc = r.model.quantized.map((q) => clearAccumulator(q, quantizeRow(q, row)));
      expect(scoresFromAccumulators(r.model.quantized, acc)).toEqual(quantizedScores(r.model.quantized, row));
    });
  }

  it("binary: one logit for the second class (penguins, Adelie against Gentoo)", () => {
    const d = DATASETS.penguins!.classification!;
    const t = loadDataset("penguins");
    const species = t.columns.indexOf("Species");
    const two = { ...t, rows: t.rows.filter((r) => r[species] !== "Chinstrap") };
    const r = trainLinearClassifier(two, { features: d.features, target: "Species", classes: ["Adelie", "Gentoo"], nBits: 8, dropMissing: true });
    expect(r.model.kind).toBe("binary-logistic");
    expect(r.model.quantized).toHaveLength(1);
    expect(r.model.training.testMetrics.quantized.accuracy).toBeGreaterThan(0.97);
  });
});

describe("classification: bad input is named", () => {
  const csv = (text: string) => parseCsv(text, "t.csv");
  const base = "a,b,label\n1,2,x\n2,1,y\n3,3,x\n4,2,y\n5,5,x\n6,1,y\n7,2,x\n8,3,y\n";
  it("a target with one class", () => {
    expect(() => selectClassification(csv("a,label\n1,x\n2,x\n3,x\n4,x\n"), ["a"], "label")).toThrow(/one class \("x"\): a classifier needs at least two/);
  });
  it("a numeric column as the target (more classes than the cap)", () => {
    expect(() => selectClassification(loadDataset("cars"), ["Cylinders"], "Miles_per_Gallon", { dropMissing: true })).toThrow(/classes, over the cap of 16 .*train a regression instead/);
  });
  it("a row whose class is not among the given classes, and a class listed twice", () => {
    expect(() => selectClassification(csv(base), ["a", "b"], "label", { classes: ["x", "z"] })).toThrow(/row 3 has class "y" in "label", not one of "x", "z"/);
    expect(() => selectClassification(csv(base), ["a", "b"], "label", { classes: ["x", "x"] })).toThrow(/class "x" is listed twice/);
  });
  it("a class with no usable row, and a class the training split lacks", () => {
    expect(() => selectClassification(csv(`${base}9,,q\n`), ["a", "b"], "label", { dropMissing: true })).toThrow(/no usable row of class "q"/);
    const oneRare = `${base}9,9,rare\n`;
    expect(() => trainLinearClassifier(csv(oneRare), { features: ["a", "b"], target: "label", nBits: 8, testFraction: 0.5, seed: findSeedPuttingRareInTest(oneRare) })).toThrow(/training split has no row of class "rare"/);
  });
});

/** A seed whose split puts the single "rare" row (the last data row) into the test part. */
function findSeedPuttingRareInTest(text: string): string {
  const rows = text.trim().split("\n").length - 1;
  for (let i = 0; i < 100; i++) {
    const seed = `s${i}`;
    try {
      trainLinearClassifier(parseCsv(text, "t.csv"), { features: ["a", "b"], target: "label", nBits: 8, testFraction: 0.5, seed });
    } catch (e) {
      if (/training split has no row of class "rare"/.test((e as Error).message)) return seed;
    }
  }
  throw new Error(`no seed among 100 puts row ${rows} in the test split`);
}

describe("an empty test split", () => {
  it("cannot be asked for: a test fraction of 0 (or 1, or none) is refused, naming the range, and a split always keeps one test row", () => {
    const d = DATASETS.penguins!.classification!;
    for (const testFraction of [0, 1, Number.NaN])
      expect(() => trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true, testFraction })).toThrow(/test fraction .*: expected a number in \(0, 1\)/);
    const tiny = trainLinearClassifier(loadDataset("penguins"), { features: d.features, target: d.target, nBits: 8, dropMissing: true, testFraction: 1e-6 });
    expect(tiny.test.length).toBe(1);
  });
});
