import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXTRACTS, extractCsv } from "../../scripts/extract-datasets.js";
import { DATASETS, DataError, loadDataset, selectNumeric } from "./index.js";

describe("built-in data sets", () => {
  it.each(EXTRACTS.map((e) => [e.name, e.source]))("%s.csv is exactly the extraction from vega-datasets", (name, source) => {
    expect(readFileSync(`datasets/${name}.csv`, "utf8")).toBe(extractCsv(source));
  });
  it.each(Object.keys(DATASETS))("%s loads with its default columns", (name) => {
    const d = DATASETS[name]!;
    const data = selectNumeric(loadDataset(name), d.features, d.target, { dropMissing: true });
    expect(data.x.length).toBeGreaterThan(300);
    expect(data.dropped).toBeLessThan(20);
  });
  it("unknown names list the known ones", () => {
    expect(() => loadDataset("iris")).toThrow(DataError);
    expect(() => loadDataset("iris")).toThrow(/unknown data set "iris": expected one of cars, penguins/);
  });
});
