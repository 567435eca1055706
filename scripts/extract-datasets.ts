/**
 * Extracts the built-in data sets from the vega-datasets npm package (BSD-3-Clause; each data
 * set's own source and licence in datasets/README.md) into datasets/*.csv. The committed CSVs are what the
 * workbench loads; a test checks they are byte-identical to this extraction.
 */
import { readFileSync, writeFileSync } from "node:fs";
import Papa from "papaparse";

export const EXTRACTS = [
  { name: "cars", source: "node_modules/vega-datasets/data/cars.json" },
  { name: "penguins", source: "node_modules/vega-datasets/data/penguins.json" },
  { name: "seattle-weather", source: "node_modules/vega-datasets/data/seattle-weather.csv" },
] as const;

/** The CSV text of a source: a JSON array of records is converted, a CSV is copied (ending in one newline). */
export function extractCsv(source: string): string {
  if (source.endsWith(".csv")) return `${readFileSync(source, "utf8").replace(/\r\n/g, "\n").trimEnd()}\n`;
  const rows = JSON.parse(readFileSync(source, "utf8")) as Record<string, unknown>[];
  const columns = Object.keys(rows[0]!);
  return `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => (r[c] === null ? "" : r[c]))) }, { newline: "\n" })}\n`;
}

if (process.argv[1]?.endsWith("extract-datasets.ts")) {
  for (const { name, source } of EXTRACTS) {
    writeFileSync(`datasets/${name}.csv`, extractCsv(source));
    console.log(`wrote datasets/${name}.csv`);
  }
}
